"""The cross-area comparison: summary.csv for spreadsheets, summary.html for people."""

import csv
import io
from functools import lru_cache

from .html import LABELS


def _demands(outcomes) -> list[tuple[str, str]]:
    for o in outcomes:
        if o.report:
            return [(r["demand"], r["title"]) for r in o.report["results"]]
    return []


@lru_cache(maxsize=None)
def _region(name: str) -> str | None:
    """The area's region; looked up once per name, though both the CSV and the HTML ask."""
    from ..areas import resolve_area
    from ..errors import AreaError

    try:
        return resolve_area(name).region
    except AreaError:
        return None


def _row(outcome) -> dict:
    report = outcome.report or {}
    area = report.get("area", {})
    name = area.get("name") or outcome.job.area_name
    region = _region(name) if name else None
    return {"area": name or outcome.job.label, "icb": area.get("icb") or "", "region": region or "",
            "verdicts": {r["demand"]: r["verdict"] for r in report.get("results", [])},
            "errors": outcome.errors, "slug": outcome.slug, "ok": outcome.report is not None,
            "changed": outcome.changed_since}


def _has_previous(outcomes) -> bool:
    return any(o.changed_since is not None for o in outcomes)


def csv_text(outcomes) -> str:
    demands = _demands(outcomes)
    buf = io.StringIO()
    writer = csv.writer(buf)
    since = _has_previous(outcomes)  # the column only appears when batch was given --previous
    writer.writerow(["area", "icb", "region", *[d for d, _ in demands], "problems", *(["changed since"] if since else [])])
    for outcome in outcomes:
        row = _row(outcome)
        writer.writerow([row["area"], row["icb"], row["region"],
                         *[row["verdicts"].get(d, "error" if not row["ok"] else "") for d, _ in demands],
                         "; ".join(row["errors"]), *([row["changed"] or ""] if since else [])])
    return buf.getvalue()


def html_text(outcomes) -> str:
    from .html import _environment

    demands = _demands(outcomes)
    rows = [_row(o) for o in outcomes]
    judged = [r for r in rows if r["ok"]]
    totals = {d: {v: sum(1 for r in judged if r["verdicts"].get(d) == v) for v in LABELS} for d, _ in demands}
    regions = sorted({r["region"] for r in rows if r["region"]})
    return _environment().get_template("summary.html.j2").render(
        demands=demands, rows=rows, totals=totals, judged=len(judged), regions=regions, labels=LABELS,
        since=_has_previous(outcomes))
