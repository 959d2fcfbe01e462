"""Per-sentence findings: which element of which demand a sentence commits to, and how
firmly. Every sentence is tokenised once and scanned once by one bank of patterns."""

from dataclasses import dataclass, field

from .. import forked
from ..document import Document, Sentence
from ..extract.kinds import part_of_sections
from .nlp import pipeline, tokenize
from .patterns import PatternBank
from .schema import Element, Rule

SENTENCES_PER_PROCESS = 1000  # a document of fewer than twice this many is judged by one process
SENTENCES_PER_CHUNK = 100  # sentences a process takes at a time from what is left to judge
progress_hook = None  # set by progress.py while a long document is judged: (path, sentences done, of)
STATUS_RANK = {"firm": 3, "weak": 2, "contradicted": 1, "negated": 0, "present": 3}
_CLAUSE_BREAKS = {";", ":"}
_NEGATORS = {"not", "n't", "never", "no", "neither", "nor", "cannot"}
_MODALS = {"shall", "will", "must", "may", "should", "can", "cannot"}
_RELATIVIZERS = {"that", "which", "who", "whom", "whose"}
_EXCEPTION_WORDS = {"except", "unless", "save", "excluding", "however", "provided", "although", "but"}
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


def reads(rule: Rule, document: Document) -> bool:
    """A rule reads only the kinds of document it names; a board pack counts as each paper in it."""
    kinds = {document.kind, *document.paper_kinds}
    return bool(kinds & set(rule.reads))


def reads_sentence(rule: Rule, document: Document, sentence: Sentence, parts: dict[str, str]) -> bool:
    """In a board pack, a rule that names 'board-pack' reads every paper in it; any other rule
    reads only the papers of the kinds it names (the minutes, the register), split by the
    pack's own top-level headings (parts: top-level heading -> kind of paper)."""
    if document.kind != "board-pack" or "board-pack" in rule.reads:
        return True
    return parts.get(sentence.section[0] if sentence.section else "", "report") in rule.reads


class Engine:
    """Compiles rules once; run() applies them to any number of documents."""

    def __init__(self, rules: list[Rule], common: dict):
        self.rules = rules
        self.nlp = pipeline()
        self.bank = PatternBank(self.nlp)
        self.common_weak_ids = list(common.get("weakeners", {}))
        for wid, pats in common.get("weakeners", {}).items():
            self.bank.add(f"common/weak/{wid}", pats)
        for name in ("negations", "exceptions", "openers", "neutral", "applies"):
            self.bank.add(f"common/{name}", common.get(name, []))
        for rule in rules:
            self.bank.add(f"{rule.id}/subject", rule.subject)
            self.bank.add(f"{rule.id}/subject_negative", rule.subject_negative)
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
                    self.bank.add(f"{base}/discretionary", target.discretionary)
        self.bank.finish()

    def run(self, documents: list[Document], processes: int = 0, meanwhile=None) -> dict[str, RuleFindings]:
        """processes: how many may share a long document's sentences (0: one per core);
        meanwhile(): other work to do once, while forks judge their sentences (if any do)."""
        results = {rule.id: RuleFindings(rule) for rule in self.rules}
        pending = [meanwhile] if meanwhile else []
        for document in documents:
            self._run_document(document, results, processes, pending)
        for work in pending:
            work()
        return results

    def _run_document(self, document: Document, results: dict[str, RuleFindings], processes: int,
                      pending: list) -> None:
        """The sentences are judged in runs, taken in turn by processes for a long document. A sentence
        that applies another clause ('SO 3.1 applies to committees') needs the findings of all the
        sentences before it, so each run leaves those to the end, when they are judged here in
        order; every other sentence's findings depend on that sentence (and the next) alone."""
        rules = [r for r in self.rules if reads(r, document)]
        if not rules:
            return
        sentences = document.sentences
        texts = [f"{s.lead_in} \u00b6 {s.text}" if s.lead_in else s.text for s in sentences]
        headings = sorted({s.heading for s in sentences if s.heading})
        job = _Job(document, rules, texts, part_of_sections(document) if document.kind == "board-pack" else {},
                   {h: self.bank.scan(d) for h, d in zip(headings, tokenize(headings))})
        sharing = forked.processes_for(len(sentences), processes, SENTENCES_PER_PROCESS) if processes != 1 else 1
        # this process reads the practice first, while the forks start on the sentences
        first = pending.pop() if pending and sharing > 1 else None
        runs = forked.map_chunks(lambda run, here: [self._judge_run(job, run, here)], len(sentences), sharing,
                                 SENTENCES_PER_CHUNK, first)
        previous_ref = None
        for run in runs:
            for i in run.sentences:
                if i in run.deferred:
                    previous_ref = self._judge_applying(job, i, previous_ref, results)
                    continue
                previous_ref = None  # a sentence that applies no clause hands none on
                for rule_id, found in run.findings.get(i, ()):
                    found.restore(sentences[i], results[rule_id])

    def _judge_run(self, job: "_Job", run: range, here: bool) -> "_RunFindings":
        """Findings of the sentences in run, by sentence, as a fork can send them; here: show progress."""
        sentences = job.document.sentences
        window = range(run.start, min(run.stop + 1, len(sentences)))  # one more: the last one's next sentence
        docs = tokenize([job.texts[i] for i in window])
        scans = []
        for n, doc in enumerate(docs, 1):
            scans.append(self.bank.scan(doc))
            if here and progress_hook is not None and (n % 200 == 0 or n == len(docs)):
                # the processes take runs in order, so where this one is, is about where all are
                progress_hook(job.document.path, min(run.start + n, len(sentences)), len(sentences))
        out = _RunFindings(run)
        for i in run:
            doc, found = docs[i - run.start], scans[i - run.start]
            if _applied_clause(doc, found, sentences[i].clause)[1] is not None:
                out.deferred.add(i)
                continue
            following = scans[i + 1 - run.start] if i + 1 < window.stop else None
            context = self._context(job, i, doc, found, following, (None, None))
            # a rule none of whose patterns matched finds nothing here (only applying a clause could)
            matched = {key.partition("/")[0] for key in found}
            for rule in job.rules:
                if rule.id in matched and reads_sentence(rule, job.document, sentences[i], job.parts):
                    found_here = RuleFindings(rule)
                    self._apply_rule(rule, sentences[i], job.document.path, context, found_here)
                    if found_here.hits or found_here.vetoed or found_here.subject:
                        out.findings.setdefault(i, []).append((rule.id, _Portable.of(found_here)))
        return out

    def _judge_applying(self, job: "_Job", i: int, previous_ref: str | None, results) -> str | None:
        """A sentence that applies a clause, judged with the findings of every sentence before it."""
        sentences = job.document.sentences
        docs = tokenize(job.texts[i:i + 2])
        found, following = self.bank.scan(docs[0]), (self.bank.scan(docs[1]) if len(docs) > 1 else None)
        applies = _applied_clause(docs[0], found, sentences[i].clause)
        if applies[1] is not None and applies[0] is None and i > 0:
            # "It shall also apply to ...": the clause the previous sentence applied, or that sentence itself
            applies = (previous_ref or sentences[i - 1].clause, applies[1])
        context = self._context(job, i, docs[0], found, following, applies)
        for rule in job.rules:
            if reads_sentence(rule, job.document, sentences[i], job.parts):
                self._apply_rule(rule, sentences[i], job.document.path, context, results[rule.id])
        return applies[0]

    def _context(self, job: "_Job", i: int, doc, found: dict, following: dict | None, applies) -> "_Context":
        sentence = job.document.sentences[i]
        offset = next((t.i + 1 for t in doc if t.text == "\u00b6"), 0) if sentence.lead_in else 0
        nxt = job.document.sentences[i + 1] if following is not None else None
        return _Context(doc, found, job.heading_found.get(sentence.heading, {}), offset,
                        _next_unit(sentence, nxt, following), applies[0], applies[1])

    def _apply_rule(self, rule: Rule, sentence: Sentence, path: str, ctx: "_Context", out: RuleFindings) -> None:
        path_text = " / ".join(sentence.section).lower()
        if any(word in path_text for word in rule.avoid_sections):
            return
        subject = [sp for sp in ctx.found.get(f"{rule.id}/subject", [])
                   if not any(_overlap(sp, n) for n in ctx.found.get(f"{rule.id}/subject_negative", []))]
        if subject:
            out.subject.append((path, sentence))
        if sentence.kind == "heading":
            return  # a heading names a topic; it commits to nothing (it still gives context to what follows)
        for target in [*rule.elements, *rule.signals]:
            key = f"{rule.id}/{target.id}"
            spans = ctx.found.get(f"{key}/patterns", [])
            if isinstance(target, Element) and ctx.found.get(f"{key}/discretionary") and self._requires_met(target, key, ctx):
                span = ctx.found[f"{key}/discretionary"][0]
                out.hits.append(Hit(rule.id, target.id, "element", sentence, path, "weak", _words(ctx.doc, span),
                                    ["only discretionary: '" + _words(ctx.doc, span) + "'"]))
            if not spans and isinstance(target, Element) and ctx.applies_clause:
                inherited = self._inherited(rule, target, key, sentence, path, ctx, out)
                if inherited:
                    out.hits.append(inherited)
                continue
            if not spans:
                continue
            if target.sections and not any(w in path_text for w in target.sections):
                continue
            if any(w in path_text for w in target.avoid_sections):
                continue
            hit = self._judge(rule, target, key, spans, sentence, path, ctx, out)
            if hit:
                out.hits.append(hit)

    def _requires_met(self, target, key, ctx: "_Context") -> bool:
        negatives = ctx.found.get(f"{key}/negative", [])
        for i in range(len(target.requires)):
            spans_i = [sp for sp in ctx.found.get(f"{key}/requires/{i}", []) if not any(_overlap(sp, n) for n in negatives)]
            if not spans_i and not ctx.heading_found.get(f"{key}/requires/{i}"):
                return False
        return True

    def _inherited(self, rule, element, key, sentence, path, ctx, out) -> Hit | None:
        """'SO 3.1 applies equally to every committee': the commitment of the clause referred to
        carries over to whatever this sentence names, when the sentence names what the element needs."""
        # the clause referred to supplies the commitment; this sentence need only name the bodies
        scope = len(element.requires) - 1
        if scope < 0 or not (ctx.found.get(f"{key}/requires/{scope}") or ctx.heading_found.get(f"{key}/requires/{scope}")):
            return None
        if ctx.found.get(f"{key}/veto"):
            return None
        a = ctx.applies_span[0]
        if any(t.lower_ in _NEGATORS for t in ctx.doc[max(0, a - 3):a + 2]):
            return None  # "It does not apply to committees": nothing carries over, whatever the rule thinks of negation
        ref = ctx.applies_clause
        source = [h for h in out.hits if h.rule == rule.id and h.kind == "element" and h.status == "firm"
                  and h.document == path and h.sentence.clause and
                  (h.sentence.clause == ref or h.sentence.clause.startswith(ref + ".") or h.sentence.clause.startswith(ref + "("))]
        if not source:
            return None
        status, notes = self._firmness(rule, element, key, ctx.applies_span, ctx)
        return Hit(rule.id, element.id, "element", sentence, path, status, _words(ctx.doc, ctx.applies_span),
                   notes + [f"applies clause {ref}"])

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
        all_vetoes = found.get(f"{key}/veto", [])
        clear = [sp for sp in kept if not any(_vetoes(doc, v, sp) for v in all_vetoes)]
        if not clear:
            veto = all_vetoes[0]
            out.vetoed.append(Vetoed(rule.id, target.id, sentence, path, _words(doc, kept[0]),
                                     f"the sentence says '{_words(doc, veto)}'"))
            return None
        kept = clear
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
        exc, elsewhere = self._scoped_exception(rule, element, found, ranges, present)
        if exc:
            return "contradicted", [f"qualified by an exception: '{exc}'"]
        ignored |= elsewhere  # an exception about other bodies takes its own hedges with it
        # a weakener inside a relative clause after the commitment describes its object
        # ("a company that provides, or seeks to provide, services"), not the commitment
        relative = next((t.i for t in doc[span[1]:seg_end] if t.lower_ in _RELATIVIZERS), None)
        governed = any(t.lower_ in _MODALS for t in doc[seg_start:span[0]])  # "shall not appoint ... a company that ..."
        if relative is not None and governed:
            ignored |= set(range(relative, seg_end))
        weak = anywhere(weak_spans) or (ctx.offset and present(weak_spans, 0, ctx.offset))
        if weak:
            return "weak", [f"only discretionary: '{weak}'"]
        if ctx.next_unit and not ctx.next_unit[1].get(f"{rule.id}/tolerated") \
                and self._exception_reaches(rule, element, ctx.next_unit[1]):
            return "contradicted", [f"qualified by the next sentence: '{ctx.next_unit[0]}'"]
        return "firm", []

    def _scoped_exception(self, rule: Rule, element: Element, found: dict, ranges, present):
        """An exception inside the sentence qualifies this element unless the words after it
        name only other elements' bodies ('..., except that a committee may co-opt ...').
        Returns the exception that reaches it, and the token regions of those that do not."""
        elsewhere: set[int] = set()
        for lo, hi in ranges:
            for a, b in found.get("common/exceptions", []):
                if not (lo <= a and b <= hi) or not present([(a, b)], lo, hi):
                    continue
                region = {k: [sp for sp in v if sp[0] >= a and sp[1] <= hi] for k, v in found.items()}
                if self._exception_reaches(rule, element, region):
                    return present([(a, b)], lo, hi), elsewhere
                elsewhere |= set(range(a, hi))
        return None, elsewhere

    def _exception_reaches(self, rule: Rule, element: Element, found: dict) -> bool:
        """An exception in the next sentence qualifies this element when it names this element's
        bodies (its last 'requires' group), or names none of the rule's elements at all."""
        def names(el: Element) -> bool:
            return bool(el.requires) and bool(found.get(f"{rule.id}/{el.id}/requires/{len(el.requires) - 1}"))

        if names(element):
            return True
        return not any(names(other) for other in rule.elements if other.id != element.id)


@dataclass
class _Context:
    doc: object
    found: dict
    heading_found: dict
    offset: int  # first token of the sentence itself, after any lead-in
    next_unit: tuple[str, dict] | None  # the following sentence of the clause, if it opens with an exception
    applies_clause: str | None = None  # "SO 3.1 applies to ...": the clause whose commitment carries over
    applies_span: tuple[int, int] | None = None


@dataclass
class _Job:
    """One document's sentences as every run of them needs them."""
    document: Document
    rules: list[Rule]
    texts: list[str]  # each sentence as tokenised: lead-in, a pilcrow, then the sentence
    parts: dict[str, str]  # a board pack's top-level headings -> kind of paper
    heading_found: dict[str, dict]  # each heading's matches


@dataclass
class _Portable:
    """One rule's findings in one sentence, with the sentence left out (a fork sends them
    back; the sentence is put back from this process's own document)."""
    hits: list[Hit]
    vetoed: list[Vetoed]
    subjects: list[str]  # documents' paths

    @classmethod
    def of(cls, found: RuleFindings) -> "_Portable":
        for item in (*found.hits, *found.vetoed):
            item.sentence = None
        return cls(found.hits, found.vetoed, [path for path, _ in found.subject])

    def restore(self, sentence: Sentence, into: RuleFindings) -> None:
        for item in (*self.hits, *self.vetoed):
            item.sentence = sentence
        into.hits.extend(self.hits)
        into.vetoed.extend(self.vetoed)
        into.subject.extend((path, sentence) for path in self.subjects)


@dataclass
class _RunFindings:
    sentences: range
    findings: dict[int, list[tuple[str, _Portable]]] = field(default_factory=dict)  # by sentence
    deferred: set[int] = field(default_factory=set)  # sentences that apply a clause: judged at the end


_REF = None


def _applied_clause(doc, found, own: str | None = None) -> tuple[str | None, tuple[int, int] | None]:
    """The clause number in 'clause 6.2.1 applies to', 'the provisions of SO 3 extend to'."""
    spans = found.get("common/applies", [])
    if not spans:
        return None, None
    a, b = spans[0]
    words = [t for t in doc[:a] if t.is_alpha and not (t.i == 0 and t.text.isupper() and len(t) <= 2)]
    first = words[0].lower_ if words else ""
    implicit = first in ("it", "this", "that", "these", "they", "the", "those", "such") and a <= 8
    import re

    global _REF
    if _REF is None:
        _REF = re.compile(r"^(SO\s*)?[A-Z]{0,2}\d+(\.\d+)*$")
    for t in reversed(doc[max(0, a - 12): a]):  # the nearest reference before 'applies', not the clause's own number
        candidate = t.text.rstrip(".")
        if _REF.match(candidate) and any(ch.isdigit() for ch in candidate) and not (t.i == 0 or candidate == own):
            prev = doc[t.i - 1].text.lower() if t.i > 0 else ""
            ref = f"SO {candidate}" if prev in ("so", "order") else candidate
            return ref, (a, b)
    return (None, (a, b)) if implicit else (None, None)


def _next_unit(here: Sentence, nxt: Sentence | None, found: dict | None) -> tuple[str, dict] | None:
    """The next sentence of the same clause, when it opens with an exception ('However, ...',
    'This does not apply ...'); each rule then decides whether it tolerates it. found: its matches."""
    if nxt is None or found is None or nxt.section != here.section:
        return None
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
        start = next((t.i for t in reversed(doc[lo:a]) if _opens_exception(t)), None)
        if start is None:
            start = next((t.i for t in reversed(doc[lo:a]) if t.lower_ in _TOLERANCE_STARTS), a)
        region |= set(range(start, hi))
    return region


def _opens_exception(t) -> bool:
    """'provided that', 'save where': 'provided' and 'save' are also plain verbs ('summaries
    are provided to the Board'), which open no exception."""
    if t.lower_ not in _EXCEPTION_WORDS:
        return False
    if t.lower_ in ("provided", "save"):
        following = t.nbor(1).lower_ if t.i + 1 < len(t.doc) else ""
        allowed = ("that", "always") if t.lower_ == "provided" else ("that", "where", "when", "for", "as", "in", "if")
        return following in allowed
    return True


def _vetoes(doc, veto, span) -> bool:
    """A veto rules a match out unless it is bracketed away from it, or the match sits in an
    exception carved out of the vetoing statement ('No person may ..., except that a committee may co-opt ...')."""
    if _bracketed_apart(doc, veto, span):
        return False
    if veto[1] <= span[0] and any(_opens_exception(t) for t in doc[veto[1]:span[0]]):
        return False
    return True


def _bracketed_apart(doc, inner, outer) -> bool:
    """True when span 'inner' sits inside parentheses that do not also hold span 'outer':
    '(the statutory test ...), no person shall ...' vetoes nothing outside the brackets."""
    depth_at = []
    depth = 0
    for t in doc:
        if t.text == "(":
            depth += 1
        depth_at.append(depth)
        if t.text == ")":
            depth = max(0, depth - 1)
    inner_depth = depth_at[inner[0]] if inner[0] < len(depth_at) else 0
    outer_depth = depth_at[outer[0]] if outer[0] < len(depth_at) else 0
    return inner_depth > outer_depth


def _covered(spans) -> set[int]:
    out: set[int] = set()
    for a, b in spans:
        out |= set(range(a, b))
    return out


def _overlap(a, b) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _words(doc, span) -> str:
    return doc[span[0]:span[1]].text
