"""Read a Word (.docx) file with python-docx into the same lines as a PDF: headings from
paragraph styles (Heading 1-6, Title, or an outline level), Word's automatic numbering
turned back into the labels a reader sees ("3.2.1", "(a)", bullets), and tables as rows.
Headers, footers, comments and tracked deletions are not part of the text."""

import gc
import io
import re

from ..errors import InputError
from .flow import BODY_SIZE, HEADING_SIZES, Flow
from .numbering import number_text, to_int

_HEADING_STYLE = re.compile(r"^heading\s*(\d)$", re.I)
MAX_PARAGRAPHS = 200_000


def read_docx(path, data: bytes) -> Flow:
    try:
        import docx
    except ImportError:  # pragma: no cover - a dependency of the package
        raise InputError(str(path), "a Word file, but python-docx is not installed (pip install python-docx)") from None
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception:  # zip, XML and package errors all mean the same to a user
        raise InputError(str(path), "damaged Word file: it cannot be opened") from None
    try:
        return _read_document(document)
    finally:
        # python-docx ties a file's parts in reference cycles: freed here, while the collector has
        # little else to walk, and not frozen with what the reading keeps (see collector.paused)
        del document
        gc.collect()


def _read_document(document) -> Flow:
    from docx.table import Table as DocxTable
    from docx.text.paragraph import Paragraph

    numbering = _Numbering(document)
    # Word records where its pages broke when it last laid the file out; without that
    # (a file written by a program), pages are virtual, starting afresh at each typed break
    laid_out = bool(_x(document.element.body, ".//w:lastRenderedPageBreak"))
    flow = Flow(virtual=not laid_out)
    chains: dict = {}  # style id -> its chain of styles: looked up once per document, not per paragraph
    count = 0
    for item in document.iter_inner_content():
        count += 1
        if count > MAX_PARAGRAPHS:
            break
        if isinstance(item, Paragraph):
            _paragraph(flow, item, numbering, chains)
        elif isinstance(item, DocxTable):
            _table(flow, item)
    return flow


def _paragraph(flow: Flow, p, numbering: "_Numbering", chains: dict) -> None:
    element = p._p
    if _x(element, "./w:pPr/w:pageBreakBefore[not(@w:val='0' or @w:val='false')]"):
        flow.page_break()
    breaks = _x(element, ".//w:br[@w:type='page'] | .//w:lastRenderedPageBreak")
    text = paragraph_text(element)
    if breaks and not _text_before(element, breaks[0]):
        flow.page_break()
        breaks = breaks[1:]
    style_id = element.style
    if style_id not in chains:
        chains[style_id] = _style_chain(p)
    style = chains[style_id]
    level = _heading_level(element, style)
    label = numbering.label(element, style)
    if label and text.strip():
        text = f"{label} {text.lstrip()}"
    if level is not None and text.strip():
        flow.para(text, size=HEADING_SIZES.get(level, 12.5), bold=True)
    elif text.strip():
        flow.para(text, size=BODY_SIZE, bold=_all_bold(p, style))
    if breaks or _x(element, "./w:pPr/w:sectPr"):
        flow.page_break()


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_SKIP = {_W + "del", _W + "moveFrom", _W + "pPr", _W + "rPr", _W + "delText", _W + "instrText",
         "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"}


def paragraph_text(element) -> str:
    """The text a reader sees, including runs python-docx's Paragraph.text leaves out (tracked
    insertions, content controls, fields, smart tags); deleted text and the fallback copy of
    a text box are left out."""
    out: list[str] = []

    def walk(node) -> None:
        for child in node:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP:
                continue
            if tag == _W + "t":
                out.append(child.text or "")
            elif tag == _W + "tab":
                out.append("\t")
            elif tag in (_W + "br", _W + "cr"):
                out.append(" " if child.get(_W + "type") == "page" else "\n")
            elif tag == _W + "noBreakHyphen":
                out.append("-")
            elif tag == _W + "p":
                out.append("\n")
                walk(child)
            else:
                walk(child)

    walk(element)
    return "".join(out)


def _text_before(element, br) -> bool:
    for node in element.iter():
        if node is br:
            return False
        if node.tag.endswith("}t") and (node.text or "").strip():
            return True
    return False


def _style_chain(p) -> list:
    styles = []
    try:
        style = p.style
        while style is not None and len(styles) < 6:
            styles.append(style)
            style = style.base_style
    except (KeyError, AttributeError, ValueError):
        pass
    return styles


def _heading_level(element, styles) -> int | None:
    for style in styles:
        name = (style.name or "").strip()
        if name.lower() == "title":
            return 0
        m = _HEADING_STYLE.match(name)
        if m:
            return int(m.group(1))
    outline = _x(element, "./w:pPr/w:outlineLvl/@w:val")
    for style in styles[:1]:
        outline = outline or _x(style.element, "./w:pPr/w:outlineLvl/@w:val")
    if outline and outline[0].isdigit() and int(outline[0]) < 9:
        return int(outline[0]) + 1
    return None


def _all_bold(p, styles) -> bool:
    style_bold = any(s.font is not None and s.font.bold for s in styles[:2] if hasattr(s, "font"))
    total = bold = 0
    for run in p.runs:
        n = len(run.text.strip())
        total += n
        if run.bold or (run.bold is None and style_bold):
            bold += n
    return total > 0 and bold / total > 0.6


def _table(flow: Flow, table) -> None:
    rows = []
    for row in table.rows:
        cells, seen = [], set()
        try:
            row_cells = row.cells
        except (IndexError, ValueError, KeyError):
            continue
        for cell in row_cells:
            if id(cell._tc) in seen:  # a merged cell is listed once per column it spans
                continue
            seen.add(id(cell._tc))
            cells.append(" ".join(paragraph_text(par._p) for par in cell.paragraphs))
        rows.append(cells)
    if _layout_table(rows):  # a table used to lay out a page: read its cells as text
        flow.cells_as_paras(rows)
        return
    flow.table(rows)


def _layout_table(rows: list[list[str]]) -> bool:
    return any(len(cell) > 1500 for row in rows for cell in row)


class _Numbering:
    """Word stores '3.2.1' or '(a)' as a numbering definition, not as text: count the
    paragraphs of each list and level and rebuild the label as Word would draw it."""

    def __init__(self, document):
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}  # abstract id -> level -> (fmt, text, start)
        self.nums: dict[str, str] = {}  # num id -> abstract id
        self.counters: dict[str, list[int]] = {}
        try:
            root = document.part.numbering_part.element
        except (NotImplementedError, KeyError, AttributeError, ValueError):
            return
        for abstract in _x(root, "./w:abstractNum"):
            aid = abstract.get(_qn("w:abstractNumId"))
            levels = {}
            for lvl in _x(abstract, "./w:lvl"):
                ilvl = to_int(lvl.get(_qn("w:ilvl")))
                fmt = (_x(lvl, "./w:numFmt/@w:val") or ["decimal"])[0]
                text = (_x(lvl, "./w:lvlText/@w:val") or [""])[0]
                start = to_int((_x(lvl, "./w:start/@w:val") or ["1"])[0], 1)
                levels[ilvl] = (fmt, text, start)
            self.levels[aid] = levels
        for num in _x(root, "./w:num"):
            ids = _x(num, "./w:abstractNumId/@w:val")
            if ids:
                self.nums[num.get(_qn("w:numId"))] = ids[0]

    def label(self, element, styles) -> str:
        num_id = _x(element, "./w:pPr/w:numPr/w:numId/@w:val")
        ilvl = _x(element, "./w:pPr/w:numPr/w:ilvl/@w:val")
        for style in styles:
            if num_id:
                break
            num_id = _x(style.element, "./w:pPr/w:numPr/w:numId/@w:val")
            ilvl = ilvl or _x(style.element, "./w:pPr/w:numPr/w:ilvl/@w:val")
        if not num_id or num_id[0] == "0" or num_id[0] not in self.nums:
            return ""
        aid = self.nums[num_id[0]]
        levels = self.levels.get(aid, {})
        level = min(to_int(ilvl[0]) if ilvl else 0, 8)
        if level not in levels:
            return ""
        counters = self.counters.setdefault(aid, [0] * 9)
        for deeper in range(level + 1, 9):
            counters[deeper] = 0
        for upper in range(level):  # a level used before its parent counts from the parent's start
            if counters[upper] == 0 and upper in levels:
                counters[upper] = levels[upper][2]
        counters[level] = counters[level] + 1 if counters[level] else levels[level][2]
        fmt, text, _ = levels[level]
        if fmt == "bullet":
            return "\u2022"
        if fmt == "none" or not text:
            return ""

        def value(m: re.Match) -> str:
            n = int(m.group(1)) - 1
            lf = levels.get(n, ("decimal", "", 1))[0]
            return number_text(counters[n] if 0 <= n < 9 else 0, lf)

        return re.sub(r"%(\d)", value, text).strip()


_NS = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}


def _x(element, query: str) -> list:
    from lxml import etree

    return etree._Element.xpath(element, query, namespaces=_NS)


def _qn(tag: str) -> str:
    from docx.oxml.ns import qn

    return qn(tag)
