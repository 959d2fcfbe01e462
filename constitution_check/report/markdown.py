"""The gap report as Markdown: a summary table, then each demand with its evidence."""

from .html import ref
from .html import where as html_where
from .model import Report
from .practice_lines import practice_lines

SYMBOLS = {"met": "✅ met", "partial": "🟡 partial", "not_met": "❌ not met", "silent": "⚪ silent"}


def render(report: Report) -> str:
    out: list[str] = []
    area = report.area
    out.append(f"# Gap report: {report.board_name}\n")
    docs = ", ".join(f"`{d.path}` ({d.pages} pages)" for d in report.documents)
    out.append(f"Documents: {docs}  ")
    out.append(f"Ruleset: `{report.ruleset}` · constitution-check {report.tool_version}  ")
    if area.local_authorities:
        out.append(f"Councils in the area ({len(area.local_authorities)}, from the {area.source}): "
                   f"{', '.join(area.local_authorities)}  ")
    if area.detected_by:
        out.append(f"Area: {area.detected_by}  ")
    for doc in report.documents:
        for warning in doc.warnings:
            out.append(f"Warning for `{doc.path}`: {warning}  ")
    out.append("")
    out.append("| Demand | Verdict | Where |")
    out.append("|---|---|---|")
    for r in report.results:
        where = html_where(r) or "—"
        out.append(f"| [{table_cell(r.title)}](#{r.demand}) | {SYMBOLS[r.verdict]} | {table_cell(where)} |")
    out.append(f"\n**{report.summary_line()}.**")
    if report.not_covered:
        out.append(f"\nNot checked yet (no rule): {', '.join(report.not_covered)}.")
    shown = practice_lines(report.practice)
    if shown:
        out.append("\n## What the board papers show\n")
        out.extend(f"- {table_cell(line)}" for line in shown)
    for r in report.results:
        out.append(f"\n<a id=\"{r.demand}\"></a>\n## {r.title}\n")
        numbers = ", ".join(f"{k} {v}" for k, v in r.sources.items())
        out.append(f"**{SYMBOLS[r.verdict]}** (confidence {r.confidence:.2f}){' · ' + numbers if numbers else ''}\n")
        out.append(r.reason + "\n")
        if r.evidence:
            out.append("**Evidence**\n")
            for e in r.evidence:
                more = f", continues on page {e.continues_on_page}" if e.continues_on_page else ""
                heading = f" — {e.heading}" if e.heading else ""
                ocr = f" (read by OCR, {e.ocr_confidence:.0f}% confidence: check the page)" \
                    if e.ocr_confidence is not None else ""
                out.append(f"- {ref(e)}{heading}{more}{ocr} [{e.signal}, {e.status}]  \n  > {_quote(e.quote)}")
            out.append("")
        else:
            out.append("**Searched for**\n")
            out.extend(f"- {item}" for item in r.searched_for)
            out.append("")
        if r.letter_points:
            out.append("**For the letter**\n")
            out.extend(f"- {p}" for p in r.letter_points)
        if r.explain:
            out.append("\n<details><summary>Explain</summary>\n")
            out.extend(f"- {table_cell(line)}" for line in r.explain)
            out.append("\n</details>")
    return "\n".join(out) + "\n"


def table_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _quote(text: str) -> str:
    return text.replace("\n", " ").replace("<", "&lt;")
