"""What changed between two reports, or two versions of a document: per demand, the verdict before
and after and the clauses whose cited text changed. For a constitution amended after a merger, a
draft against the final version, last year's board papers against this year's."""

import json
from pathlib import Path
from typing import Optional

import typer

from .errors import AreaError, InputError, RuleError
from .report.html import LABELS
from .report.markdown import table_cell
from .report.model import Report

_WORDS = {verdict: word for verdict, (_, word) in LABELS.items()} | {None: "—"}


def load_side(path: Path, ruleset: str = "all", use_cache: bool = True) -> Report:
    """A report JSON as it is; any other file is checked first (the documents are judged, not the JSON)."""
    from .report.load import load_report

    if path.suffix.lower() == ".json":
        return load_report(path)
    from .check import check_paths

    outcome = check_paths([str(path)], None, ruleset, use_cache)
    if outcome.errors:
        raise outcome.errors[0]
    return outcome.report


def _cited(result) -> dict[str, str]:
    """Each clause (or page, where a sentence has no clause) cited for a demand, with its text."""
    out: dict[str, str] = {}
    for e in result.evidence if result else []:
        key = f"clause {e.clause}" if e.clause else f"page {e.page}"
        out.setdefault(key, " ".join(e.quote.split()))
    return out


def _same(before: str, after: str) -> bool:
    """A sentence cut at a page break is quoted up to the break, so a quote that is the start of the
    other (the same sentence, laid out differently) is not a change of wording."""
    return before.startswith(after) or after.startswith(before)


def compare_reports(old: Report, new: Report) -> list[dict]:
    before = {r.demand: r for r in old.results}
    after = {r.demand: r for r in new.results}
    order = [r.demand for r in new.results] + [d for d in before if d not in after]
    rows = []
    for demand in order:
        a, b = before.get(demand), after.get(demand)
        old_cited, new_cited = _cited(a), _cited(b)
        clauses = [{"clause": k, "change": "removed", "before": v, "after": None}
                   for k, v in old_cited.items() if k not in new_cited]
        clauses += [{"clause": k, "change": "added", "before": None, "after": v}
                    for k, v in new_cited.items() if k not in old_cited]
        clauses += [{"clause": k, "change": "reworded", "before": old_cited[k], "after": v}
                    for k, v in new_cited.items() if k in old_cited and not _same(old_cited[k], v)]
        rows.append({"demand": demand, "title": (b or a).title, "before": a.verdict if a else None,
                     "after": b.verdict if b else None,
                     "changed": (a.verdict if a else None) != (b.verdict if b else None), "clauses": clauses})
    return rows


def _previous_reports(folder: Path) -> dict[str, Report]:
    """An earlier batch's reports, found by area name and by the folder they were written to."""
    from .report.load import load_report

    found: dict[str, Report] = {}
    for path in sorted(folder.glob("*/report.json")):
        try:
            report = load_report(path)
        except InputError:
            continue  # a stray or broken file in an old folder should not stop this batch
        found[path.parent.name] = report
        if report.area.name:
            found.setdefault(report.area.name, report)
    return found


def mark_changes(previous: Path, outcomes) -> None:
    """batch --previous: say, per area, which verdicts differ from the earlier batch."""
    earlier = _previous_reports(previous)
    for outcome in outcomes:
        if outcome.report is None:
            outcome.changed_since = "not read this time"
            continue
        name = outcome.report["area"].get("name")
        old = earlier.get(name) if name else None
        old = old or earlier.get(outcome.slug)
        if old is None:
            outcome.changed_since = "new: not in the previous batch"
            continue
        rows = [r for r in compare_reports(old, Report.model_validate(outcome.report)) if r["changed"]]
        outcome.changed_since = "; ".join(f"{r['demand']}: {_WORDS[r['before']]} → {_WORDS[r['after']]}"
                                          for r in rows) or "no change"


def render_md(rows: list[dict], old_name: str, new_name: str) -> str:
    changed = [r for r in rows if r["changed"]]
    out = [f"# What changed: {old_name} → {new_name}", "",
           f"{len(changed)} of {len(rows)} verdicts changed"
           + (": " + ", ".join(r["demand"] for r in changed) + "." if changed else "."), "",
           "| Demand | Before | After | Changed |", "|---|---|---|---|"]
    for r in rows:
        out.append(f"| {table_cell(r['title'])} | {_WORDS[r['before']]} | {_WORDS[r['after']]} | "
                   f"{'**yes**' if r['changed'] else 'no'} |")
    for r in rows:
        if not r["clauses"]:
            continue
        out += ["", f"## {r['title']}", ""]
        for c in r["clauses"]:
            if c["change"] == "reworded":
                out.append(f"- {c['clause']} reworded:  \n  before: “{c['before']}”  \n  after: “{c['after']}”")
            else:
                out.append(f"- {c['clause']} {c['change']}: “{c['before'] or c['after']}”")
    return "\n".join(out) + "\n"


def compare_command(
    old: Path = typer.Argument(..., help="The earlier report (.json) or document."),
    new: Path = typer.Argument(..., help="The later report (.json) or document."),
    fmt: str = typer.Option("md", "--format", "-f", help="md or json."),
    out: Optional[Path] = typer.Option(None, "-o", "--output", help="Write here instead of stdout."),
    ruleset: str = typer.Option("all", "--ruleset", help="Ruleset for documents (reports keep their own)."),
    no_cache: bool = typer.Option(False, "--no-cache"),
) -> None:
    """Per demand, the verdict before and after and the clauses that changed."""
    from .cli import fail, write_output

    if fmt not in ("md", "json"):
        fail(f"unknown format '{fmt}' (use md or json)")
    try:
        before, after = (load_side(p, ruleset, not no_cache) for p in (old, new))
    except (InputError, AreaError, RuleError) as err:
        fail(str(err))
    rows = compare_reports(before, after)
    if fmt == "json":
        text = json.dumps({"old": str(old), "new": str(new), "demands": rows}, indent=2) + "\n"
    else:
        text = render_md(rows, old.name, new.name)
    write_output(text, out)
