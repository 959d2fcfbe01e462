"""Run each rule's annotated examples (Semgrep-style): every example is a snippet of a
constitution, preceded by annotation lines that say what must and must not fire.

  # ruleid: board            the element 'board' must be firmly committed
  # ok: board                it must not be firmly committed
  # weak: questions          it must be found, but only discretionary, qualified or negated
  # signal: statutory-independence-test     the signal must fire
  # nosignal: admits-private-representatives
  # verdict: partial         the demand's verdict on this snippet alone
  # area: Somerset           (councillor rule) judge against this area's councils

A snippet's lines are read as a tiny document: '## ' opens a heading, a line starting
with a clause number or (a) is its own clause or list item.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..document import Document
from ..errors import RuleError
from ..extract.lines import Line, RawPage
from ..extract.structure import build_blocks, build_sentences
from .loader import load_common, load_rules, rules_dir

_ANNOTATION = re.compile(r"^#\s*(ruleid|ok|weak|signal|nosignal|verdict|area|todoruleid|todook)\s*:\s*(.+)$")


@dataclass
class Example:
    line: int
    text: str
    expect: list[tuple[str, str]]  # (kind, value)
    area: str | None = None


@dataclass
class RuleTestReport:
    rule: str
    examples: int = 0
    hits: int = 0
    misses: int = 0
    false_alarms: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.problems


def mini_document(text: str, name: str = "example") -> Document:
    """A snippet as a one-page document, built by the same structure code as a real PDF."""
    from ..extract.tables import row_text

    lines = []
    inserts: list = []
    table: list[list[str]] = []
    top = 50.0

    def close_table() -> None:
        # a markdown table stands for a ruled table: rows reach the rules as 'Header: cell; ...'
        nonlocal top
        rows = [r for r in table if not all(set(c) <= set("-: ") for c in r)]
        if len(rows) >= 2:
            inserts.append((top, 50.0, 500.0, [row_text(rows[0], r) for r in rows[1:]]))
            top += 25.0 * len(rows)
        table.clear()

    for raw in text.splitlines():
        if raw.strip().startswith("|"):
            table.append([c.strip() for c in raw.strip().strip("|").split("|")])
            continue
        if table:
            close_table()
        if not raw.strip():
            continue
        heading = raw.startswith("## ")
        body = raw[3:] if heading else raw.strip()
        size = 14.0 if heading else 10.0
        lines.append(Line(text=body, x0=50, x1=500, top=top, bottom=top + size, size=size, bold=heading))
        top += size * 2.5
    if table:
        close_table()
    page = RawPage(number=1, width=595, height=max(842, top + 100), lines=lines, chars=len(text))
    blocks = build_blocks([page], {1: inserts} if inserts else None)
    sentences = build_sentences(blocks)
    from ..document import Page

    return Document(path=name, sha256="0" * 64, pages=[Page(number=1, text=text)], blocks=blocks,
                    sentences=sentences)


def parse_examples(path: Path) -> list[Example]:
    examples: list[Example] = []
    expect: list[tuple[str, str]] = []
    area = None
    body: list[str] = []
    start = 0

    def close():
        nonlocal expect, body, area
        if expect and body:
            examples.append(Example(start, "\n".join(body), expect, area))
        expect, body, area = [], [], None

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        m = _ANNOTATION.match(raw.strip())
        if m:
            if body:
                close()
            kind, value = m.group(1), m.group(2).strip()
            if kind == "area":
                area = value
            else:
                expect.extend((kind, v.strip()) for v in value.split(","))
            start = number
        elif raw.strip().startswith("#") and not raw.startswith("## "):
            continue  # a comment
        elif not raw.strip():
            if body:
                close()
        else:
            body.append(raw)
    close()
    return examples


def run_all(only: str | None = None, extra: tuple[str, ...] = ()) -> list[RuleTestReport]:
    """Every rule's examples: the project's in rules/examples/, a group's own in DIR/examples/."""
    from ..check import engine_for, judge_documents

    rules = load_rules(extra)
    homes = {r: rules_dir() for r in load_rules()}
    load_common()
    reports = []
    for rule in rules.values():
        if only and rule.id != only:
            continue
        path = homes.get(rule.id, Path(extra[-1]) if extra else rules_dir()) / "examples" / f"{rule.id}.txt"
        for folder in extra:
            if (Path(folder) / f"{rule.id}.yaml").exists():
                path = Path(folder) / "examples" / f"{rule.id}.txt"
        report = RuleTestReport(rule.id)
        if not path.exists():
            report.problems.append(f"no examples file {path.name}")
            reports.append(report)
            continue
        examples = parse_examples(path)
        report.examples = len(examples)
        if len(examples) < 15:
            report.problems.append(f"only {len(examples)} examples; every rule needs at least 15")
        engine = engine_for((rule.id,), extra)
        for ex in examples:
            doc = mini_document(ex.text, f"{path.name}:{ex.line}")
            findings = engine.run([doc])[rule.id]
            verdict = None
            if any(kind == "verdict" for kind, _ in ex.expect) or rule.analyser != "elements":
                from ..areas import resolve_area

                area = resolve_area(ex.area) if ex.area else None
                result = next(r for r in judge_documents([doc], area, "all", False, extra).results
                              if r.demand == rule.id) if rule.id in _ruleset_all(extra) else None
                verdict = result.verdict if result else None
                if rule.analyser != "elements" and result is not None:
                    present = {e.signal for e in result.evidence}
                    findings.hits = [h for h in findings.hits if False]  # the analyser's own findings are below
                    _check_analyser(report, ex, present)
            _check(report, rule, ex, findings, verdict)
        reports.append(report)
    return reports


def _ruleset_all(extra: tuple[str, ...] = ()) -> set[str]:
    from .loader import load_rulesets

    return set(load_rulesets(extra)["all"].demands)


def _check_analyser(report: RuleTestReport, ex: Example, present: set[str]) -> None:
    for kind, value in ex.expect:
        if kind == "ruleid":
            if value in present:
                report.hits += 1
            else:
                report.misses += 1
                report.problems.append(f"line {ex.line}: expected '{value}' to fire: {ex.text[:90]}")
        elif kind == "ok":
            if value in present:
                report.false_alarms += 1
                report.problems.append(f"line {ex.line}: '{value}' fired but must not: {ex.text[:90]}")


def _check(report: RuleTestReport, rule, ex: Example, findings, verdict: str | None) -> None:
    element_ids = set(rule.element_ids())
    for kind, value in ex.expect:
        if kind in ("ruleid", "ok", "weak") and rule.analyser != "elements":
            continue
        if kind in ("ruleid", "ok", "weak", "todoruleid", "todook") and value not in element_ids:
            raise RuleError(f"examples for {rule.id}, line {ex.line}: unknown element '{value}'")
        status = findings.status(value) if kind in ("ruleid", "ok", "weak", "todoruleid", "todook") else None
        signal_present = any(h.target == value and h.kind == "signal" for h in findings.hits)
        if kind == "ruleid":
            _tally(report, ex, status == "firm", f"expected '{value}' to be firmly committed, got {status or 'nothing'}")
        elif kind == "ok":
            _tally(report, ex, status != "firm", f"'{value}' is firmly committed but must not be", alarm=True)
        elif kind == "weak":
            _tally(report, ex, status in ("weak", "contradicted", "negated"),
                   f"expected '{value}' to be found but not firm, got {status or 'nothing'}")
        elif kind == "signal":
            _tally(report, ex, signal_present, f"expected signal '{value}' to fire")
        elif kind == "nosignal":
            _tally(report, ex, not signal_present, f"signal '{value}' fired but must not", alarm=True)
        elif kind == "verdict":
            _tally(report, ex, verdict == value, f"expected verdict {value}, got {verdict}", alarm=verdict != "silent")


def _tally(report: RuleTestReport, ex: Example, ok: bool, message: str, alarm: bool = False) -> None:
    if ok:
        report.hits += 1
        return
    if alarm:
        report.false_alarms += 1
    else:
        report.misses += 1
    report.problems.append(f"line {ex.line}: {message}: {ex.text[:100]!r}")
