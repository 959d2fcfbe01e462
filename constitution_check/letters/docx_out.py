"""A letter as a Word document: the Markdown letter, laid out with python-docx. Converting the rendered
Markdown (not re-writing the letter) keeps one wording for both outputs, and a group's own template
(--template) works for Word too. Only what our templates use is understood: headings, bullets,
numbered points, **bold** and hard line breaks."""

import re

from docx import Document
from docx.shared import Pt

_BOLD = re.compile(r"\*\*(.+?)\*\*")


def _add_runs(paragraph, text: str) -> None:
    pos = 0
    for match in _BOLD.finditer(text):
        if match.start() > pos:
            paragraph.add_run(text[pos:match.start()])
        paragraph.add_run(match.group(1)).bold = True
        pos = match.end()
    if pos < len(text):
        paragraph.add_run(text[pos:])


def markdown_to_docx(markdown: str):
    doc = Document()
    doc.styles["Normal"].font.name = "Arial"
    doc.styles["Normal"].font.size = Pt(11)
    for block in re.split(r"\n\s*\n", markdown.strip()):
        lines = block.split("\n")
        if lines[0].startswith("#"):
            level = len(lines[0]) - len(lines[0].lstrip("#"))
            doc.add_heading(lines[0].lstrip("#").strip(), level=min(level, 3))
            lines = lines[1:]
            if not lines:
                continue
        if all(re.match(r"^(- |\d+\. )", line) for line in lines):
            for line in lines:
                numbered = re.match(r"^\d+\. ", line)
                style = "List Number" if numbered else "List Bullet"
                _add_runs(doc.add_paragraph(style=style), re.sub(r"^(- |\d+\. )", "", line))
            continue
        paragraph = doc.add_paragraph()
        for i, line in enumerate(lines):  # lines ending in two spaces are hard breaks (the address block)
            if i:
                paragraph.add_run().add_break()
            _add_runs(paragraph, line.rstrip())
    # Credit the tool rather than python-docx's default author ('python-docx') in the file's properties.
    doc.core_properties.author = "constitution-check"
    return doc
