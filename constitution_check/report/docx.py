"""The gap report as a Word document, for groups who edit before they publish: a summary table,
then each demand with its reason, quoted evidence (page, clause, heading) and letter points."""

import io
from pathlib import Path

from docx import Document
from docx.shared import Pt

from ..output import write_atomic
from .html import LABELS, where
from .model import Report


def build(report: Report) -> Document:
    doc = Document()
    doc.styles["Normal"].font.size = Pt(10.5)
    area = report.area
    doc.add_heading(f"Gap report: {report.board_name}", level=0)
    doc.add_paragraph("Documents: " + ", ".join(f"{Path(d.path).name} ({d.pages} pages)" for d in report.documents))
    if area.local_authorities:
        doc.add_paragraph(f"Councils in the area ({len(area.local_authorities)}): {', '.join(area.local_authorities)}")
    table = doc.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("Demand", "Verdict", "Where")):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    for r in report.results:
        row = table.add_row().cells
        row[0].text, row[1].text, row[2].text = r.title, LABELS[r.verdict][1].capitalize(), where(r, words=True) or "—"
    doc.add_paragraph(f"{report.summary_line()}.")
    for r in report.results:
        doc.add_heading(r.title, level=1)
        verdict = doc.add_paragraph()
        verdict.add_run(f"Verdict: {LABELS[r.verdict][1].capitalize()}").bold = True
        doc.add_paragraph(r.reason)
        if r.evidence:
            doc.add_heading("Evidence", level=2)
            for e in r.evidence:
                item = doc.add_paragraph(style="List Bullet")
                clause = f"clause {e.clause}, " if e.clause else ""
                heading = f" ({e.heading})" if e.heading else ""
                item.add_run(f"{clause}page {e.page}{heading}: ").bold = True
                item.add_run(f"“{' '.join(e.quote.split())}”").italic = True
        elif r.searched_for:
            doc.add_heading("Searched for", level=2)
            for what in r.searched_for:
                doc.add_paragraph(what, style="List Bullet")
        if r.letter_points:
            doc.add_heading("For the letter", level=2)
            for point in r.letter_points:
                doc.add_paragraph(point)
    return doc


def save(doc: Document, path: Path) -> None:
    """Atomically, like every other output: a half-written .docx is never left behind."""
    buf = io.BytesIO()
    doc.save(buf)
    write_atomic(path, buf.getvalue())


def write_docx(report: Report, path: Path) -> None:
    save(build(report), path)
