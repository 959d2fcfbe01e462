"""From element findings to one verdict per demand, as ../shared/demands.md defines them."""

from dataclasses import dataclass, field

from .findings import Hit, RuleFindings
from .schema import VERDICT_ORDER, Rule

_ORDER = ["silent", "not_met", "partial", "met"]


def _at_least(verdict: str, floor: str) -> str:
    return verdict if VERDICT_ORDER[verdict] >= VERDICT_ORDER[floor] else floor


def _at_most(verdict: str, cap: str) -> str:
    return verdict if VERDICT_ORDER[verdict] <= VERDICT_ORDER[cap] else cap


@dataclass
class Judgement:
    verdict: str
    element_status: dict[str, str]  # element id -> best status, or "missing"
    signals: list[Hit] = field(default_factory=list)
    addressed: bool = False
    notes: list[str] = field(default_factory=list)


def judge(rule: Rule, findings: RuleFindings, promises: set[str] | None = None) -> Judgement:
    """promises: the paths of documents that make commitments (a constitution, terms of
    reference). A board paper that only mentions a subject (a performance report on
    'extended roles') has not addressed the demand; one that commits to an element has."""
    status = {e.id: (findings.status(e.id) or "missing") for e in rule.elements}
    firm = {e for e, s in status.items() if s == "firm"}
    signals = [h for h in findings.hits if h.kind == "signal"]
    present = {h.target for h in signals}
    subject = [p for p, _ in findings.subject if promises is None or p in promises]
    addressed = bool(subject) or any(s != "missing" for s in status.values()) or bool(present)
    required = set(rule.verdict.met or status)
    if required <= firm:
        verdict = "met"
    elif firm:
        verdict = "partial"
    elif addressed:
        weak_only = any(s == "weak" for s in status.values())
        verdict = "partial" if (rule.verdict.weak == "partial" and weak_only) else "not_met"
    else:
        verdict = "silent"
    notes = []
    if rule.verdict.gate and rule.verdict.gate not in firm and verdict in ("met", "partial"):
        verdict = "not_met"
        gate = next(e.label for e in rule.elements if e.id == rule.verdict.gate)
        notes.append(f"without a firm commitment to '{gate}' the demand cannot be partly met")
    for signal in rule.signals:
        if signal.id in present and signal.floor:
            verdict = _at_least(verdict, signal.floor)
    for signal in rule.signals:
        if signal.id in present and signal.cap:
            capped = _at_most(verdict, signal.cap)
            if capped != verdict:
                notes.append(f"held to {capped.replace('_', ' ')} because: {signal.label}")
            verdict = capped
    return Judgement(verdict, status, signals, addressed, notes)
