"""Per-sentence findings: which element of which demand a sentence commits to, and how
firmly. Every sentence is tokenised once and scanned once by one bank of patterns."""

from dataclasses import dataclass, field

from ..document import Document, Sentence
from .nlp import pipeline, tokenize
from .patterns import PatternBank
from .schema import Element, Rule, Signal

STATUS_RANK = {"firm": 3, "weak": 2, "contradicted": 1, "negated": 0, "present": 3}
_CLAUSE_BREAKS = {";", ":"}
_TOLERANCE_STARTS = {",", "except", "unless", "save", "but", "although", "however", "provided", "other", "(", "-"}


@dataclass
class Hit:
    rule: str
    target: str  # element or signal id
    kind: str  # element | signal
    sentence: Sentence
    document: str
    status: str  # firm | weak | contradicted | negated | present
    matched: str  # the words the pattern matched
    notes: list[str] = field(default_factory=list)  # why it is not firm, in plain words

    @property
    def rank(self) -> int:
        return STATUS_RANK[self.status]


@dataclass
class Vetoed:
    rule: str
    target: str
    sentence: Sentence
    document: str
    matched: str
    reason: str


@dataclass
class RuleFindings:
    rule: Rule
    hits: list[Hit] = field(default_factory=list)
    vetoed: list[Vetoed] = field(default_factory=list)
    subject: list[tuple[str, Sentence]] = field(default_factory=list)

    def best(self, target: str) -> Hit | None:
        hits = [h for h in self.hits if h.target == target]
        return max(hits, key=lambda h: h.rank) if hits else None

    def status(self, target: str) -> str | None:
        hit = self.best(target)
        return hit.status if hit else None


class Engine:
    """Compiles rules once; run() applies them to any number of documents."""

    def __init__(self, rules: list[Rule], common: dict):
        self.rules = rules
        self.nlp = pipeline()
        self.bank = PatternBank(self.nlp)
        self.common_weak_ids = list(common.get("weakeners", {}))
        for wid, pats in common.get("weakeners", {}).items():
            self.bank.add(f"common/weak/{wid}", pats)
        for name in ("negations", "exceptions", "openers", "neutral"):
            self.bank.add(f"common/{name}", common.get(name, []))
        for rule in rules:
            self.bank.add(f"{rule.id}/subject", rule.subject)
            self.bank.add(f"{rule.id}/tolerated", rule.tolerated)
            self.bank.add(f"{rule.id}/weak", rule.weakeners)
            for target in [*rule.elements, *rule.signals]:
                base = f"{rule.id}/{target.id}"
                self.bank.add(f"{base}/patterns", target.patterns)
                self.bank.add(f"{base}/negative", target.negative)
                self.bank.add(f"{base}/veto", target.veto)
                for i, group in enumerate(target.requires):
                    self.bank.add(f"{base}/requires/{i}", group)
                if isinstance(target, Element):
                    self.bank.add(f"{base}/weak", target.weakeners)
        self.bank.finish()

    def run(self, documents: list[Document]) -> dict[str, RuleFindings]:
        results = {rule.id: RuleFindings(rule) for rule in self.rules}
        for document in documents:
            self._run_document(document, results)
        return results

    def _run_document(self, document: Document, results: dict[str, RuleFindings]) -> None:
        sentences = document.sentences
        texts, offsets = [], []
        for s in sentences:
            if s.lead_in:
                texts.append(f"{s.lead_in} \u00b6 {s.text}")
            else:
                texts.append(s.text)
        docs = tokenize(texts)
        for doc, s in zip(docs, sentences):
            offsets.append(next((t.i + 1 for t in doc if t.text == "\u00b6"), 0) if s.lead_in else 0)
        headings = sorted({s.heading for s in sentences if s.heading})
        heading_found = {h: self.bank.scan(d) for h, d in zip(headings, tokenize(headings))}
        scans = [self.bank.scan(doc) for doc in docs]
        for i, (sentence, doc, found) in enumerate(zip(sentences, docs, scans)):
            context = _Context(doc, found, heading_found.get(sentence.heading, {}), offsets[i],
                               _next_unit(sentences, scans, docs, i))
            for rule in self.rules:
                self._apply_rule(rule, sentence, document.path, context, results[rule.id])

    def _apply_rule(self, rule: Rule, sentence: Sentence, path: str, ctx: "_Context", out: RuleFindings) -> None:
        path_text = " / ".join(sentence.section).lower()
        if any(word in path_text for word in rule.avoid_sections):
            return
        if ctx.found.get(f"{rule.id}/subject"):
            out.subject.append((path, sentence))
        for target in [*rule.elements, *rule.signals]:
            key = f"{rule.id}/{target.id}"
            spans = ctx.found.get(f"{key}/patterns", [])
            if not spans:
                continue
            if target.sections and not any(w in path_text for w in target.sections):
                continue
            if any(w in path_text for w in target.avoid_sections):
                continue
            hit = self._judge(rule, target, key, spans, sentence, path, ctx, out)
            if hit:
                out.hits.append(hit)

    def _judge(self, rule, target, key, spans, sentence, path, ctx, out) -> Hit | None:
        doc, found = ctx.doc, ctx.found
        kind = "element" if isinstance(target, Element) else "signal"
        negatives = found.get(f"{key}/negative", [])
        kept = [sp for sp in spans if not any(_overlap(sp, n) for n in negatives)]
        if not kept:
            out.vetoed.append(Vetoed(rule.id, target.id, sentence, path, _words(doc, spans[0]),
                                     f"'{_words(doc, spans[0])}' here is part of "
                                     f"'{_words(doc, negatives[0])}', which is not this demand"))
            return None
        if found.get(f"{key}/veto"):
            veto = found[f"{key}/veto"][0]
            out.vetoed.append(Vetoed(rule.id, target.id, sentence, path, _words(doc, kept[0]),
                                     f"the sentence says '{_words(doc, veto)}'"))
            return None
        for i in range(len(target.requires)):
            spans_i = [sp for sp in found.get(f"{key}/requires/{i}", []) if not any(_overlap(sp, n) for n in negatives)]
            if not spans_i and not ctx.heading_found.get(f"{key}/requires/{i}"):
                return None
        if kind == "signal":
            return Hit(rule.id, target.id, kind, sentence, path, "present", _words(doc, kept[0]))
        best = None
        for span in kept:
            status, notes = self._firmness(rule, target, key, span, ctx)
            if best is None or STATUS_RANK[status] > STATUS_RANK[best[0]]:
                best = (status, notes, span)
        status, notes, span = best
        return Hit(rule.id, target.id, kind, sentence, path, status, _words(doc, span), notes)

    def _firmness(self, rule: Rule, element: Element, key: str, span, ctx: "_Context"):
        doc, found = ctx.doc, ctx.found
        in_lead_in = span[0] < ctx.offset
        seg_start, seg_end = _segment(doc, span[0], 0 if in_lead_in else ctx.offset, ctx.offset if in_lead_in else len(doc))
        ranges = [(seg_start, seg_end)]
        if in_lead_in:  # a commitment made in a list's lead-in is qualified by what its item says
            ranges.append((ctx.offset, len(doc)))
        ignored = _covered(found.get("common/neutral", []))
        for lo, hi in ranges:
            ignored |= _tolerated_region(doc, found.get(f"{rule.id}/tolerated", []), lo, hi)
        inside = set(range(span[0], span[1]))

        def present(spans, lo, hi, skip_inside=True):
            for a, b in spans:
                if a >= lo and b <= hi and not (set(range(a, b)) & ignored) and not (skip_inside and set(range(a, b)) & inside):
                    return doc[a:b].text
            return None

        def anywhere(spans):
            for lo, hi in ranges:
                hit = present(spans, lo, hi)
                if hit:
                    return hit
            return None

        weak_spans = []
        for wid in self.common_weak_ids:
            if wid not in element.ignore_weakeners:
                weak_spans += found.get(f"common/weak/{wid}", [])
        weak_spans += found.get(f"{rule.id}/weak", []) + found.get(f"{key}/weak", [])
        if not element.negation_is_commitment:
            negations = found.get("common/negations", [])
            neg = present(negations, max(seg_start, span[0] - 8), min(seg_end, span[1] + 3))
            if in_lead_in and not neg:
                neg = present(negations, ctx.offset, min(len(doc), ctx.offset + 8))
            if neg:
                return "negated", [f"negated by '{neg}'"]
        exc = anywhere(found.get("common/exceptions", []))
        if exc:
            return "contradicted", [f"qualified by an exception: '{exc}'"]
        weak = anywhere(weak_spans) or (ctx.offset and present(weak_spans, 0, ctx.offset))
        if weak:
            return "weak", [f"only discretionary: '{weak}'"]
        if ctx.next_unit and not ctx.next_unit[1].get(f"{rule.id}/tolerated"):
            return "contradicted", [f"qualified by the next sentence: '{ctx.next_unit[0]}'"]
        return "firm", []


@dataclass
class _Context:
    doc: object
    found: dict
    heading_found: dict
    offset: int  # first token of the sentence itself, after any lead-in
    next_unit: tuple[str, dict] | None  # the following sentence of the clause, if it opens with an exception


def _next_unit(sentences: list[Sentence], scans, docs, i: int) -> tuple[str, dict] | None:
    """The next sentence of the same clause, when it opens with an exception ('However, ...',
    'This does not apply ...'); each rule then decides whether it tolerates it."""
    if i + 1 >= len(sentences):
        return None
    here, nxt = sentences[i], sentences[i + 1]
    same_clause = nxt.block == here.block or (nxt.kind == "item" and nxt.clause and here.clause
                                              and nxt.clause.startswith(here.clause))
    if not same_clause:
        return None
    found = scans[i + 1]
    for start, end in found.get("common/openers", []):
        if start <= 2:
            return nxt.text[:160], found
    return None


def _segment(doc, at: int, lo: int, hi: int) -> tuple[int, int]:
    """The clause of the sentence (between semicolons or colons) that holds token 'at'."""
    start = lo
    for t in doc[lo:at]:
        if t.text in _CLAUSE_BREAKS:
            start = t.i + 1
    end = hi
    for t in doc[at:hi]:
        if t.text in _CLAUSE_BREAKS:
            end = t.i
            break
    return start, end


def _tolerated_region(doc, spans, lo: int, hi: int) -> set[int]:
    """From the word that opens a tolerated exception (', except', 'unless', 'save') to the
    end of the clause: the exception is allowed, so words in it neither weaken nor negate."""
    region: set[int] = set()
    for a, b in spans:
        if not (lo <= a < hi):
            continue
        start = a
        for t in reversed(doc[lo:a]):
            if t.lower_ in _TOLERANCE_STARTS:
                start = t.i
                break
        region |= set(range(start, hi))
    return region


def _covered(spans) -> set[int]:
    out: set[int] = set()
    for a, b in spans:
        out |= set(range(a, b))
    return out


def _overlap(a, b) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _words(doc, span) -> str:
    return doc[span[0]:span[1]].text
