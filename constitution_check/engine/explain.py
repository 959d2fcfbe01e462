"""Plain-English reasons, evidence and letter points for one demand's judgement."""

from ..report.model import ElementResult, Evidence
from .findings import Hit, RuleFindings
from .schema import Rule

_STATUS_WORDS = {
    "weak": "only discretionary",
    "contradicted": "qualified by an exception",
    "negated": "negated",
    "missing": "not found",
}
MAX_EVIDENCE = 8


def cite(hit: Hit) -> str:
    clause = f"clause {hit.sentence.clause}, " if hit.sentence.clause else ""
    return f"{clause}page {hit.sentence.page}"


def evidence_from(hit: Hit, status: str | None = None) -> Evidence:
    s = hit.sentence
    return Evidence(document=hit.document, page=s.page, clause=s.clause, heading=s.heading,
                    quote=s.parts[0].text, signal=f"{hit.target}", status=status or hit.status,
                    continues_on_page=s.parts[-1].page if len(s.parts) > 1 else None)


def select_evidence(rule: Rule, findings: RuleFindings) -> list[Hit]:
    chosen: list[Hit] = []
    seen: set[tuple[str, int]] = set()

    def take(hit: Hit) -> None:
        key = (hit.document, hit.sentence.id)
        if key not in seen and len(chosen) < MAX_EVIDENCE:
            seen.add(key)
            chosen.append(hit)

    for element in rule.elements:
        hits = sorted((h for h in findings.hits if h.target == element.id), key=lambda h: -h.rank)
        firm = [h for h in hits if h.status == "firm"]
        for hit in (firm[:2] if firm else hits[:1]):
            take(hit)
    for signal in rule.signals:
        for hit in [h for h in findings.hits if h.target == signal.id][:2]:
            take(hit)
    if not chosen:  # the subject is addressed, but nothing commits: show where it is addressed
        for path, sentence in findings.subject[:2]:
            take(Hit(rule.id, "subject", "subject", sentence, path, "present", ""))
    return sorted(chosen, key=lambda h: (h.document, h.sentence.page, h.sentence.id))


def element_results(rule: Rule, findings: RuleFindings, status: dict[str, str]) -> list[ElementResult]:
    out = []
    for element in rule.elements:
        best = findings.best(element.id)
        notes = list(best.notes) if best else []
        if best:
            notes.insert(0, f"best evidence at {cite(best)}")
        out.append(ElementResult(id=element.id, label=element.label, status=status[element.id], notes=notes))
    return out


def reason_for(rule: Rule, verdict: str, status: dict[str, str], findings: RuleFindings, notes: list[str]) -> str:
    if verdict == "silent":
        return "Nothing in the document addresses this demand; see what was searched for."
    labels = {e.id: e.label for e in rule.elements}
    firm = [labels[e] + f" ({cite(findings.best(e))})" for e, s in status.items() if s == "firm"]
    qualified = [f"{labels[e]} ({_STATUS_WORDS[s]}, {cite(findings.best(e))})"
                 for e, s in status.items() if s in ("weak", "contradicted", "negated")]
    missing = [labels[e] for e, s in status.items() if s == "missing"]
    parts = []
    if verdict == "met":
        parts.append("The document firmly commits to every element: " + "; ".join(firm) + ".")
    else:
        if firm:
            parts.append("Firmly committed: " + "; ".join(firm) + ".")
        if qualified:
            parts.append("Not firm: " + "; ".join(qualified) + ".")
        if missing:
            parts.append("Not found: " + "; ".join(missing) + ".")
    present = {h.target for h in findings.hits if h.kind == "signal"}
    for signal in rule.signals:
        if signal.id in present:
            hit = next(h for h in findings.hits if h.target == signal.id)
            parts.append(f"Note: {signal.label} ({cite(hit)}).")
    parts.extend(n[0].upper() + n[1:] + "." for n in notes)
    return " ".join(parts)


def clause_list(hits: list[Hit]) -> str:
    refs = []
    for hit in hits:
        ref = f"clause {hit.sentence.clause}" if hit.sentence.clause else f"page {hit.sentence.page}"
        if ref not in refs:
            refs.append(ref)
    if not refs:
        return "no clause found"
    return refs[0] if len(refs) == 1 else ", ".join(refs[:-1]) + " and " + refs[-1]


def letter_fields(rule: Rule, status: dict[str, str], findings: RuleFindings, evidence: list[Hit]) -> dict:
    labels = {e.id: e.label for e in rule.elements}
    shorts = {e.id: e.short or e.label for e in rule.elements}
    not_firm = [labels[e] for e, s in status.items() if s != "firm"]
    weak = [labels[e] for e, s in status.items() if s in ("weak", "contradicted", "negated")]
    present = {h.target for h in findings.hits if h.kind == "signal"}
    signal_labels = [s.label for s in rule.signals if s.id in present]
    not_firm_short = [shorts[e] for e, s in status.items() if s != "firm"]
    missing_text = ("there is no firm commitment to " + _join(not_firm_short)) if not_firm else "some elements are not firm"
    per_element = {f"clauses_{e.id.replace('-', '_')}": clause_list([h for h in evidence if h.target == e.id])
                   for e in rule.elements}
    return {
        **per_element,
        "clauses": clause_list(evidence[:3]),
        "missing": _join(not_firm) or "the remaining bodies",
        "missing_short": _join([shorts[e] for e, s in status.items() if s != "firm"]) or "the remaining bodies",
        "missing_text": missing_text,
        "weak_text": ("; " + _join(weak) + " is left to discretion") if weak else "",
        "signals_text": _join(signal_labels) or "the commitment is not firm",
        "firm": _join([labels[e] for e, s in status.items() if s == "firm"]),
    }


def _join(items: list[str]) -> str:
    if not items:
        return ""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


class _Filled(dict):
    """A letter's fields, with '(not found)' for any the template names and the findings lack.
    Made once here: a class made in each call is a reference cycle left for the collector."""

    def __missing__(self, key):
        return "(not found)"


def render_letter(template: str, fields: dict) -> str:
    return " ".join(template.format_map(_Filled(fields)).split())
