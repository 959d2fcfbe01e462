"""One area's documents -> the report: extraction, rules, verdicts, evidence, letter points."""

import sys
from pathlib import Path
from dataclasses import dataclass, field
from functools import lru_cache

from . import SCHEMA_VERSION, __version__, collector, report_cache
from .areas import Area, detect_area, resolve_area, with_dissolution
from .document import Document
from .engine import councillors, explain
from .engine.findings import Engine, RuleFindings
from .engine.loader import load_common, load_rulesets, resolve_ruleset, uncovered
from .engine.schema import Rule
from .engine.practice import findings_present, read_practice
from .engine.verdict import _at_least, _at_most, judge
from .errors import InputError
from .extract import extract
from .extract.kinds import pack_parts
from .report.model import AreaInfo, DocumentInfo, Evidence, Report, Result
from .worker import Limits, unreadable

DEFAULT_LIMITS = Limits()


@dataclass
class Outcome:
    report: Report | None
    errors: list[InputError] = field(default_factory=list)


def engine_for(rule_ids: tuple[str, ...], extra: tuple[str, ...] = ()) -> Engine:
    """One engine per set of rules and process (building one takes about half a second)."""
    return _engine(tuple(rule_ids), tuple(extra))  # positional, so engine_for(ids) and (ids, ()) share it


@lru_cache(maxsize=4)
def _engine(rule_ids: tuple[str, ...], extra: tuple[str, ...]) -> Engine:
    from .engine.loader import load_rules

    rules = load_rules(extra)
    engine = Engine([rules[r] for r in rule_ids], load_common())
    collector.keep_for_good()
    return engine


def load_documents(paths: list[str], use_cache: bool = True, password: str | None = None, ocr: bool = False,
                   limits: Limits | None = DEFAULT_LIMITS):
    """Each file is read in a worker process within `limits` (time, memory, pages); None reads in this process."""
    docs, errors = [], []
    for path in paths:
        try:
            docs.append(extract(path, use_cache=use_cache, password=password, ocr=ocr, limits=limits))
        except InputError as err:
            errors.append(err)
        except Exception as exc:  # a hostile or broken file must not stop the other files
            errors.append(InputError(str(path), unreadable(exc)))
    return docs, errors


def check_paths(paths: list[str], area_name: str | None = None, ruleset: str = "all", use_cache: bool = True,
                password: str | None = None, explain_all: bool = False, extra_rules: tuple[str, ...] = (),
                ocr: bool = False, limits: Limits | None = DEFAULT_LIMITS) -> Outcome:
    area = resolve_area(area_name) if area_name else None
    _, rules = resolve_ruleset(ruleset, extra_rules)  # fail on an unknown ruleset before reading any file
    if use_cache and not ocr:
        cached = report_cache.cached_report(paths, area_name, ruleset, explain_all, extra_rules)
        if cached is not None:
            return Outcome(cached, [])
    from . import worker

    worker.while_reading = lambda: engine_for(tuple(r.id for r in rules), extra_rules)
    try:
        docs, errors = load_documents(paths, use_cache, password, ocr, limits)
    finally:
        worker.while_reading = None
    if not docs:
        return Outcome(None, errors)
    processes = limits.processes if limits else 0
    if not use_cache:
        return Outcome(judge_documents(docs, area, ruleset, explain_all, extra_rules, processes), errors)
    key = report_cache.report_key(docs, area_name, ruleset, explain_all, extra_rules, ocr)
    report = report_cache.load(key)
    if report is None:
        report = judge_documents(docs, area, ruleset, explain_all, extra_rules, processes)
        report_cache.store(key, report)
    return Outcome(report, errors)


def judge_documents(docs: list[Document], area: Area | None, ruleset_name: str = "all",
                    explain_all: bool = False, extra_rules: tuple[str, ...] = (), processes: int = 0) -> Report:
    """processes: how many may share the work on a long document (0: one per core)."""
    with collector.paused():
        return _judge(docs, area, ruleset_name, explain_all, extra_rules, processes)


def _judge(docs: list[Document], area: Area | None, ruleset_name: str, explain_all: bool,
           extra_rules: tuple[str, ...], processes: int) -> Report:
    ruleset, rules = resolve_ruleset(ruleset_name, extra_rules)
    area_info, area, area_source = _area(docs, area)
    engine = engine_for(tuple(r.id for r in rules), extra_rules)
    practices = []  # read while forks judge a long document's sentences, or after
    findings = engine.run(docs, processes, meanwhile=lambda: practices.append(read_practice(docs)))
    sources = _source_numbers(extra_rules)
    practice = practices[0]
    shown = findings_present(practice)
    results = [apply_practice(rule, _result(rule, findings[rule.id], docs, area, area_source, sources, ruleset,
                                            explain_all), shown) for rule in rules]
    summary = {v: sum(1 for r in results if r.verdict == v) for v in ("met", "partial", "not_met", "silent")}  # after practice
    _mark_ocr(results, docs)
    return Report(schema_version=SCHEMA_VERSION, tool_version=__version__, ruleset=ruleset.id, area=area_info,
                  documents=[DocumentInfo(path=d.path, sha256=d.sha256,
                                          kind="constitution" if d.kind == "constitution" else "board-papers",
                                          paper_kinds=d.paper_kinds or ([] if d.kind == "constitution" else [d.kind]),
                                          parts=[{"kind": k, "heading": h, "page": p} for k, h, p in pack_parts(d)]
                                          if d.kind == "board-pack" else [],
                                          format=d.file_format,
                                          ocr_pages=[{"page": p.number, "confidence": p.ocr_confidence}
                                                     for p in d.pages if p.ocr],
                                          pages=d.page_count, title=d.title, warnings=d.warnings) for d in docs],
                  results=results, summary=summary, not_covered=uncovered(ruleset_name, extra_rules),
                  practice=practice.summary() if practice.papers else None)


def _mark_ocr(results: list[Result], docs: list[Document]) -> None:
    """A quote read by OCR may hold misread words: say so, with Tesseract's confidence."""
    confidence = {(d.path, p.number): p.ocr_confidence for d in docs for p in d.pages if p.ocr}
    for result in results:
        for e in result.evidence:
            if (e.document, e.page) in confidence:
                e.ocr_confidence = confidence[(e.document, e.page)]


def _area(docs: list[Document], area: Area | None) -> tuple[AreaInfo, Area | None, str]:
    if area is not None:
        return (AreaInfo(name=area.name, icb=area.icb, local_authorities=[c.name for c in area.councils_on()],
                         source="reference", detected_by=with_dissolution("given with --area", area)), area, "reference")
    opening = [s.text for d in docs for s in d.sentences if s.page <= 3][:200]
    detected, how = detect_area(opening)
    # a constitution's area clause names the councils; board papers name councils in passing
    named = _councils_named([d for d in docs if d.kind == "constitution"])
    if named:
        return (AreaInfo(name=detected.name if detected else None, icb=detected.icb if detected else None,
                         local_authorities=named, source="document",
                         detected_by=with_dissolution((how + "; councils read from the document") if how
                                                      else "councils read from the document", detected)),
                detected, "document")
    if detected:
        return (AreaInfo(name=detected.name, icb=detected.icb,
                         local_authorities=[c.name for c in detected.councils_on()], source="reference",
                         detected_by=with_dissolution(how + "; councils from the reference data", detected)),
                detected, "reference")
    return AreaInfo(source="none", detected_by="no area found: give --area"), None, "none"


def _councils_named(docs: list[Document]) -> list[str]:
    analysis_councils, _ = councillors._councils(docs, None, "none")
    return [c.name for c in analysis_councils]


def _source_numbers(extra: tuple[str, ...]) -> dict[str, dict[str, str]]:
    numbers: dict[str, dict[str, str]] = {}
    for name in ("konp", "motion-2023"):
        ruleset = load_rulesets(extra).get(name)
        if ruleset:
            for demand, number in ruleset.numbers.items():
                numbers.setdefault(demand, {})[name] = number
    return numbers


def _result(rule: Rule, found: RuleFindings, docs, area, area_source, sources, ruleset, explain_all) -> Result:
    title = ruleset.titles.get(rule.id, rule.title)
    if rule.analyser == "councillors":
        return _councillor_result(rule, found, docs, area, area_source, sources, title, explain_all)
    judgement = judge(rule, found, {d.path for d in docs if d.kind in rule.addressed_by})
    status = judgement.element_status
    evidence_hits = explain.select_evidence(rule, found) if judgement.verdict != "silent" else []
    fields = explain.letter_fields(rule, status, found, evidence_hits)
    letter = explain.render_letter(getattr(rule.letter, judgement.verdict), fields)
    return Result(
        demand=rule.id, title=title, sources=sources.get(rule.id, {}), verdict=judgement.verdict,
        confidence=_confidence(judgement.verdict, evidence_hits),
        reason=explain.reason_for(rule, judgement.verdict, status, found, judgement.notes),
        evidence=[explain.evidence_from(h) for h in evidence_hits],
        searched_for=rule.searched_for, letter_points=[letter],
        elements=explain.element_results(rule, found, status),
        explain=_explain_lines(rule, found) if explain_all else None,
    )


def _councillor_result(rule, found, docs, area, area_source, sources, title, explain_all) -> Result:
    from .engine.findings import reads

    analysis = councillors.analyse([d for d in docs if reads(rule, d)], area, area_source)
    c = analysis.counts
    partial_detail = ""
    if c.get("officers_allowed"):
        partial_detail = ", but a council may nominate an officer instead of an elected councillor"
    elif c.get("councils_without_member"):
        partial_detail = f"; councils without a member of their own: {', '.join(c['councils_without_member'])}"
    elif not c.get("must_be_councillors"):
        partial_detail = ", but nothing requires the members to be elected councillors"
    fields = {
        "clauses": explain.clause_list([h for h in analysis.hits if h.target != "councils-in-area"][:2]),
        "members": c.get("members", 0),
        "n_councils": c.get("councils", 0), "council_names": ", ".join(c.get("council_names", [])) or "not identified",
        "councils_without": ", ".join(c.get("councils_without_member", [])) or "none",
        "partial_detail": partial_detail,
    }
    letter = explain.render_letter(getattr(rule.letter, analysis.verdict), fields)
    lines = None
    if explain_all:
        lines = [f"{h.target}: {h.sentence.text[:160]} ({explain.cite(h)})" for h in analysis.hits]
    return Result(demand=rule.id, title=title, sources=sources.get(rule.id, {}), verdict=analysis.verdict,
                  confidence=_confidence(analysis.verdict, analysis.hits), reason=analysis.reason,
                  evidence=[explain.evidence_from(h) for h in analysis.hits[:explain.MAX_EVIDENCE]]
                  if analysis.verdict != "silent" else [],
                  searched_for=rule.searched_for, letter_points=[letter], counts=c, explain=lines)


def apply_practice(rule: Rule, result: Result, shown: dict) -> Result:
    """Board papers can show the practice falls short of the promise: cite both, and cap the verdict."""
    for signal in rule.practice:
        cases = shown.get(signal.finding)
        if not cases:
            continue
        verdict = result.verdict
        if signal.floor:
            verdict = _at_least(verdict, signal.floor)
        if signal.cap:
            verdict = _at_most(verdict, signal.cap)
        doc, sentence, what = cases[0]
        more = f" ({len(cases)} instances)" if len(cases) > 1 else ""
        where = f"{Path(doc.path).name}, page {sentence.page}" + (f", {sentence.clause}" if sentence.clause else "")
        if result.verdict == "silent" and verdict != "silent":
            result.reason = "No commitment on this demand was found in the documents."
        result.reason += f" In practice: {signal.label}: {what}{more} ({doc.path}, page {sentence.page})."
        if verdict != result.verdict:
            result.reason += f" The verdict is held to {verdict.replace('_', ' ')} by what the board papers show."
            result.verdict = verdict
        if signal.letter:
            # what the papers show comes first: it is the most specific thing a group can put to the chair
            result.letter_points.insert(0, explain.render_letter(signal.letter, {"what": what + more, "where": where}))
        for doc, sentence, what in cases[:3]:
            result.evidence.append(Evidence(document=doc.path, page=sentence.page, clause=sentence.clause,
                                            heading=sentence.heading, quote=sentence.parts[0].text,
                                            signal=f"practice:{signal.finding}", status="practice"))
    return result


def _confidence(verdict: str, hits) -> float:
    if verdict == "silent":
        return 0.7
    firm = sum(1 for h in hits if h.status in ("firm", "present"))
    return round(min(0.95, 0.6 + 0.1 * firm), 2)


def _explain_lines(rule: Rule, found: RuleFindings) -> list[str]:
    lines = []
    for hit in found.hits:
        why = f" ({'; '.join(hit.notes)})" if hit.notes else ""
        lines.append(f"{hit.target}: {hit.status}{why}: matched '{hit.matched}' in \"{hit.sentence.text[:160]}\" "
                     f"({explain.cite(hit)})")
    for veto in found.vetoed:
        lines.append(f"{veto.target}: vetoed: {veto.reason}: \"{veto.sentence.text[:160]}\" "
                     f"(page {veto.sentence.page})")
    return lines


def warn(message: str) -> None:
    print(f"constitution-check: {message}", file=sys.stderr)
