"""Render the corpus source files (corpora/sources/<kind>/<name>.txt) to PDFs.

The source format is described in corpora/FORMAT.md. Usage:

    python corpora/build.py              # render every source
    python corpora/build.py --only NAME  # render one (NAME or KIND/NAME)

Output goes to corpora/<kind>/<name>.pdf; the constitutions in FORMAT_SOURCES are also
written to corpora/formats/<name>.docx and .html (python-docx), for the formats test.
Builds are deterministic (reportlab's invariant mode, fixed ZIP dates), so rebuilding an
unchanged source gives byte-identical files.
"""

import argparse
import io
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (BaseDocTemplate, CondPageBreak, Frame, NextPageTemplate,
                                PageBreak, PageTemplate, Paragraph, Spacer, Table,
                                TableStyle)

CORPORA = Path(__file__).resolve().parent
SOURCES = CORPORA / "sources"

KINDS = {"constitution", "agenda", "minutes", "register", "terms-of-reference",
         "contract-award", "board-pack"}
FONTS = {  # front-matter name -> (regular, bold)
    "Helvetica": ("Helvetica", "Helvetica-Bold"),
    "Times": ("Times-Roman", "Times-Bold"),
}
MARGIN = 2 * cm
COLUMN_GAP = 0.7 * cm
RUNNING_GREY = colors.Color(0.42, 0.42, 0.42)

# Block markers, tried in order on each line with its indentation removed.
HEADING = re.compile(r"^(#{1,3})\s+(.*)$")
# 3.2.1 / 3.2 / 3. and prefixed standing-order or appendix numbers: SO 3.4 / A2.1.1
NUMBERED = re.compile(r"^((?:[A-Z]{1,3} ?)?\d+(?:\.\d+)+\.?|\d{1,2}\.)\s+(.*)$")
LIST_ITEM = re.compile(r"^(\((?:[a-z]{1,2}|[ivxlcdm]+|\d{1,2})\)|\d{1,2}\))\s+(.*)$")
BULLET = re.compile(r"^-\s+(.*)$")
TABLE_ROW = re.compile(r"^\|.*\|$")
TABLE_RULE = re.compile(r"^\|[\s|:-]*-[\s|:-]*\|$")


# ---------------------------------------------------------------- parsing

@dataclass
class Block:
    kind: str            # heading | numbered | item | bullet | table | pagebreak | text
    text: str = ""
    label: str = ""      # heading level ("#", "##", "###"), clause number or list label
    level: int = 0       # nesting depth of list items and bullets (4 spaces per level)
    rows: list = field(default_factory=list)


def split_front_matter(source):
    """Return (metadata dict, body text). The front matter is flat `key: value`
    YAML, so a small reader keeps the build's only dependency reportlab."""
    lines = source.splitlines()
    if not lines or lines[0].strip() != "---":
        raise ValueError("the file must open with a '---' front-matter block")
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        raise ValueError("the front-matter block is not closed with '---'") from None
    meta = {}
    for line in lines[1:end]:
        m = re.match(r"^([A-Za-z_]+):\s*(.*)$", line.strip())
        if not m:
            continue
        key, value = m.groups()
        quoted = re.match(r"""^(["'])(.*?)\1""", value)
        value = quoted.group(2) if quoted else re.sub(r"\s+#.*$", "", value).strip()
        meta[key] = {"true": True, "false": False}.get(value.lower(), value)
    return meta, "\n".join(lines[end + 1:])


def read_metadata(meta):
    """Fill defaults and reject values the renderer cannot honour."""
    meta = {"subtitle": "", "layout": "single", "font": "Helvetica", "header": "",
            "footer": "", "cover": True, **meta}
    if "title" not in meta:
        raise ValueError("front matter has no title")
    if meta["layout"] not in ("single", "two-column"):
        raise ValueError(f"layout must be single or two-column, not {meta['layout']!r}")
    if meta["font"] not in FONTS:
        raise ValueError(f"font must be Helvetica or Times, not {meta['font']!r}")
    if meta.get("kind") and meta["kind"] not in KINDS:
        raise ValueError(f"unknown kind {meta['kind']!r}")
    return meta


def parse_body(body):
    """Turn the body into blocks. Blank lines separate blocks; inside a group a
    line that starts with a block marker opens a new block and any other line
    continues the previous one, so long paragraphs may be wrapped by hand."""
    blocks = []
    for group in re.split(r"\n\s*\n", body):
        current = None
        for raw in group.splitlines():
            if not raw.strip():
                continue
            line = raw.strip()
            depth = (len(raw) - len(raw.lstrip(" "))) // 4
            if line == "[pagebreak]":
                current = Block("pagebreak")
            elif TABLE_ROW.match(line):
                if TABLE_RULE.match(line):
                    continue
                cells = [c.strip() for c in line[1:-1].split("|")]
                if current is not None and current.kind == "table":
                    current.rows.append(cells)
                    continue
                current = Block("table", rows=[cells])
            elif m := HEADING.match(line):
                current = Block("heading", m.group(2), label=m.group(1))
            elif m := NUMBERED.match(line):
                current = Block("numbered", m.group(2), label=m.group(1))
            elif m := LIST_ITEM.match(line):
                current = Block("item", m.group(2), label=m.group(1), level=depth)
            elif m := BULLET.match(line):
                current = Block("bullet", m.group(1), level=depth)
            elif current is not None and current.kind not in ("table", "pagebreak"):
                current.text += " " + line
                continue
            else:
                current = Block("text", line)
            blocks.append(current)
    return blocks


# ---------------------------------------------------------------- styles

def make_styles(font_name, two_column):
    regular, bold = FONTS[font_name]
    size = 9.5 if two_column else 10.5
    lead = size * 1.3
    body = ParagraphStyle("body", fontName=regular, fontSize=size, leading=lead,
                          alignment=TA_JUSTIFY, spaceAfter=size * 0.55)
    return {
        "body": body,
        "#": ParagraphStyle("h1", parent=body, fontName=bold, fontSize=size + 4,
                            leading=(size + 4) * 1.25, alignment=TA_LEFT,
                            spaceBefore=size * 1.2, spaceAfter=size * 0.7, keepWithNext=1),
        "##": ParagraphStyle("h2", parent=body, fontName=bold, fontSize=size + 1.5,
                             leading=(size + 1.5) * 1.25, alignment=TA_LEFT,
                             spaceBefore=size * 0.8, spaceAfter=size * 0.5, keepWithNext=1),
        "###": ParagraphStyle("h3", parent=body, fontName=bold, alignment=TA_LEFT,
                              spaceBefore=size * 0.5, spaceAfter=size * 0.3, keepWithNext=1),
        "cell": ParagraphStyle("cell", parent=body, fontSize=size - 1, leading=(size - 1) * 1.2,
                               alignment=TA_LEFT, spaceAfter=0),
        "cell_head": ParagraphStyle("cell_head", parent=body, fontName=bold, fontSize=size - 1,
                                    leading=(size - 1) * 1.2, alignment=TA_LEFT, spaceAfter=0),
        "cover_title": ParagraphStyle("cover_title", parent=body, fontName=bold, fontSize=24,
                                      leading=30, alignment=TA_CENTER, spaceAfter=18),
        "cover_sub": ParagraphStyle("cover_sub", parent=body, fontSize=13, leading=17,
                                    alignment=TA_CENTER),
        "running": (regular, 8),
    }


# ---------------------------------------------------------------- flowables

def hanging(style, text_indent, label_indent, **overrides):
    """Style for a paragraph whose label (clause number, "(a)", bullet) hangs at
    label_indent while the wrapped text lines up at text_indent."""
    return ParagraphStyle("hanging", parent=style, leftIndent=text_indent,
                          bulletIndent=label_indent, bulletFontName=style.fontName,
                          bulletFontSize=style.fontSize, **overrides)


def column_widths(rows, styles, width):
    """Give every column at least the width of its longest word, so no word is
    broken across lines, then share what is left by each column's longest cell
    so prose columns get the room and short ones (Voting: Yes/No) stay narrow."""
    pad = 6  # the cell's left plus right padding, set in make_table
    ncols = len(rows[0])
    floor = []
    for c in range(ncols):
        words = [(w, "cell_head" if i == 0 else "cell")
                 for i, row in enumerate(rows) for w in row[c].split()] or [("", "cell")]
        floor.append(max(stringWidth(w, styles[st].fontName, styles[st].fontSize)
                         for w, st in words) + pad + 1)
    if sum(floor) >= width:  # too many columns to avoid breaking words: scale down
        return [width * f / sum(floor) for f in floor]
    weights = [min(max(len(r[c]) for r in rows), 60) for c in range(ncols)]
    spare = width - sum(floor)
    return [f + spare * w / (sum(weights) or 1) for f, w in zip(floor, weights)]


def make_table(rows, styles, width):
    ncols = max(len(r) for r in rows)
    rows = [r + [""] * (ncols - len(r)) for r in rows]
    widths = column_widths(rows, styles, width)
    data = [[Paragraph(escape(cell), styles["cell_head" if i == 0 else "cell"]) for cell in row]
            for i, row in enumerate(rows)]
    table = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.5, colors.Color(0.35, 0.35, 0.35)),
        ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.88, 0.88, 0.88)),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]))
    return [table, Spacer(1, styles["body"].fontSize * 0.8)]


def body_flowables(blocks, styles, frame_width):
    """Lay the blocks out. List items and unnumbered paragraphs indent under the
    clause they belong to, which is the last numbered paragraph since the last
    heading; a heading resets that."""
    body = styles["body"]
    out = []
    clause_indent = 0.0   # where the text of the current numbered clause starts
    label_width = stringWidth("(viii)", body.fontName, body.fontSize) + 4
    for b in blocks:
        if b.kind == "pagebreak":
            out.append(PageBreak())
        elif b.kind == "heading":
            clause_indent = 0.0
            if b.label == "#":  # keep a new section from starting at a column foot
                out.append(CondPageBreak(body.leading * 6))
            out.append(Paragraph(escape(b.text), styles[b.label]))
        elif b.kind == "numbered":
            depth = b.label.rstrip(".").count(".")
            clause_indent = max(20 + 6 * depth,
                                stringWidth(b.label, body.fontName, body.fontSize) + 7)
            out.append(Paragraph(escape(b.text), hanging(body, clause_indent, 0),
                                 bulletText=b.label))
        elif b.kind in ("item", "bullet"):
            label = b.label if b.kind == "item" else "\u2022"
            at = clause_indent + b.level * label_width
            width = label_width if b.kind == "item" else 10
            st = hanging(body, at + width, at, spaceAfter=body.fontSize * 0.35)
            out.append(Paragraph(escape(b.text), st, bulletText=label))
        elif b.kind == "table":
            out.extend(make_table(b.rows, styles, frame_width))
        else:
            st = ParagraphStyle("text", parent=body, leftIndent=clause_indent)
            out.append(Paragraph(escape(b.text), st))
    return out


# ---------------------------------------------------------------- document

def page_decorators(meta, styles, total_pages):
    """Header (drawn before the frames) and footer (after them), so text
    extraction reads header, body, footer in that order on every page."""
    font, size = styles["running"]
    width, height = A4

    def header(canvas, doc):
        if meta["header"]:
            canvas.saveState()
            canvas.setFont(font, size)
            canvas.setFillColor(RUNNING_GREY)
            canvas.drawString(MARGIN, height - MARGIN + 0.55 * cm, meta["header"])
            canvas.setStrokeColor(RUNNING_GREY)
            canvas.setLineWidth(0.4)
            canvas.line(MARGIN, height - MARGIN + 0.4 * cm, width - MARGIN,
                        height - MARGIN + 0.4 * cm)
            canvas.restoreState()

    def footer(canvas, doc):
        if meta["footer"]:
            text = (meta["footer"].replace("{page}", str(canvas.getPageNumber()))
                    .replace("{pages}", str(total_pages)))
            canvas.saveState()
            canvas.setFont(font, size)
            canvas.setFillColor(RUNNING_GREY)
            canvas.drawCentredString(width / 2, MARGIN - 0.9 * cm, text)
            canvas.restoreState()

    return header, footer


def render(meta, blocks, total_pages):
    """Build the PDF once and return (bytes, page count). The footer's {pages}
    needs the total before drawing, so the caller builds twice."""
    two_column = meta["layout"] == "two-column"
    styles = make_styles(meta["font"], two_column)
    width, height = A4
    inner_w, inner_h = width - 2 * MARGIN, height - 2 * MARGIN
    buf = io.BytesIO()
    doc = BaseDocTemplate(buf, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN,
                          topMargin=MARGIN, bottomMargin=MARGIN, invariant=1,
                          title=meta["title"], subject=meta.get("kind", ""),
                          author="", creator="constitution-check corpora/build.py")
    if two_column:
        col_w = (inner_w - COLUMN_GAP) / 2
        frames = [Frame(MARGIN, MARGIN, col_w, inner_h, id="left"),
                  Frame(MARGIN + col_w + COLUMN_GAP, MARGIN, col_w, inner_h, id="right")]
    else:
        col_w = inner_w
        frames = [Frame(MARGIN, MARGIN, inner_w, inner_h, id="main")]
    # Frames pad by 6pt on each side, which tables must leave room for.
    frame_width = col_w - 12
    header, footer = page_decorators(meta, styles, total_pages)
    templates = [PageTemplate("body", frames=frames, onPage=header, onPageEnd=footer)]
    story = []
    if meta["cover"]:
        templates.insert(0, PageTemplate("cover", frames=[Frame(MARGIN, MARGIN, inner_w, inner_h)]))
        story += [Spacer(1, inner_h * 0.3), Paragraph(escape(meta["title"]), styles["cover_title"])]
        if meta["subtitle"]:
            story.append(Paragraph(escape(meta["subtitle"]), styles["cover_sub"]))
        story += [NextPageTemplate("body"), PageBreak()]
    doc.addPageTemplates(templates)
    story += body_flowables(blocks, styles, frame_width)
    doc.build(story)
    return buf.getvalue(), doc.page


def build_file(src):
    kind = src.parent.name
    meta, body = split_front_matter(src.read_text(encoding="utf-8"))
    meta = read_metadata(meta)
    blocks = parse_body(body)
    _, pages = render(meta, blocks, total_pages=0)
    pdf, pages_again = render(meta, blocks, total_pages=pages)
    assert pages == pages_again, "page count changed between passes"
    out = CORPORA / kind / (src.stem + ".pdf")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(pdf)
    return out, pages


# ---------------------------------------------------------------- Word and web versions

# A few constitutions are also written as Word files and web pages, the other forms boards
# publish them in, so the tests can check that every form gives the same verdicts.
FORMAT_SOURCES = ["somerset", "bsw", "north-east-london", "kent-medway"]
FORMATS_DIR = CORPORA / "formats"
_FIXED_ZIP_TIME = (2025, 1, 1, 0, 0, 0)


def render_docx(meta, blocks):
    """The document as an "accessible" Word version: heading styles, clause numbers as typed
    text, bullets as Word's own List Bullet numbering, tables with a header row, page breaks."""
    import datetime
    import docx
    from docx.shared import Pt

    doc = docx.Document()
    props = doc.core_properties
    props.title, props.author, props.last_modified_by = meta["title"], "", ""
    props.created = props.modified = datetime.datetime(2025, 1, 1)
    props.revision = 1
    section = doc.sections[0]
    if meta["header"]:
        section.header.paragraphs[0].text = meta["header"]
    if meta["footer"]:
        section.footer.paragraphs[0].text = meta["footer"].replace("{page}", "").replace("{pages}", "")
    if meta["cover"]:
        doc.add_paragraph(meta["title"], style="Title")
        if meta["subtitle"]:
            doc.add_paragraph(meta["subtitle"], style="Subtitle")
        doc.add_page_break()
    for b in blocks:
        if b.kind == "pagebreak":
            doc.add_page_break()
        elif b.kind == "heading":
            doc.add_heading(b.text, level=len(b.label))
        elif b.kind == "numbered":
            doc.add_paragraph(f"{b.label}\t{b.text}")
        elif b.kind == "item":
            para = doc.add_paragraph(f"{b.label}\t{b.text}")
            para.paragraph_format.left_indent = Pt(36 + 18 * b.level)
            para.paragraph_format.first_line_indent = Pt(-18)
        elif b.kind == "bullet":
            doc.add_paragraph(b.text, style="List Bullet" if b.level == 0 else "List Bullet 2")
        elif b.kind == "table":
            ncols = max(len(r) for r in b.rows)
            table = doc.add_table(rows=0, cols=ncols)
            table.style = "Table Grid"
            for i, row in enumerate(b.rows):
                cells = table.add_row().cells
                for c, text in enumerate(row + [""] * (ncols - len(row))):
                    cells[c].text = text
                    if i == 0:
                        for run in cells[c].paragraphs[0].runs:
                            run.bold = True
        else:
            doc.add_paragraph(b.text)
    buf = io.BytesIO()
    doc.save(buf)
    return _deterministic_zip(buf.getvalue())


def _deterministic_zip(data):
    """python-docx stamps each part with the time of saving: fix it, so builds are repeatable."""
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=_FIXED_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def render_html(meta, blocks):
    """The document as a board's web page: site navigation, a cookie banner and a footer
    around a <main> that holds headings, paragraphs, nested lists and tables."""
    out = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
           f"<title>{escape(meta['title'])} | NHS</title>",
           "<style>body{font-family:sans-serif} .cookie-banner{position:fixed;bottom:0}</style>",
           "<script>window.dataLayer = [];</script></head><body>",
           '<div class="cookie-banner" role="dialog"><p>We use cookies to make this website work. '
           "Accept all cookies or choose which ones to allow.</p><button>Accept</button></div>",
           '<header class="site-header"><a class="logo" href="/">NHS</a><nav><ul><li><a href="/">Home</a></li>'
           '<li><a href="/about">About us</a></li><li><a href="/board">Our board</a></li>'
           '<li><a href="/contact">Contact us</a></li></ul></nav></header>',
           '<nav class="breadcrumb"><a href="/">Home</a> &gt; <a href="/about">About us</a> &gt; Constitution</nav>',
           "<main>", f"<h1>{escape(meta['title'])}</h1>"]
    if meta["subtitle"]:
        out.append(f"<p>{escape(meta['subtitle'])}</p>")
    open_lists = []  # (level, tag, type) of the <ol>/<ul> elements still open

    def close_lists(level=-1):
        while open_lists and open_lists[-1][0] > level:
            out.append(f"</li></{open_lists.pop()[1]}>")

    for b in blocks:
        open_type = next((t for lv, tg, t in open_lists if lv == b.level), None)
        if b.kind in ("item", "bullet") and _html_list_type(b, open_type) is not None:
            kind, value = _html_list_type(b, open_type)
            tag = "ul" if kind == "bullet" else "ol"
            if open_lists and open_lists[-1][0] == b.level and open_lists[-1][1:] == (tag, kind):
                out.append("</li>")
            else:
                if open_lists and open_lists[-1][0] >= b.level:
                    close_lists(b.level - 1)
                open_lists.append((b.level, tag, kind))
                out.append(f'<{tag} type="{kind}">' if tag == "ol" else "<ul>")
            attr = f' value="{value}"' if tag == "ol" else ""
            out.append(f"<li{attr}>{escape(b.text)}")
            continue
        close_lists()
        if b.kind == "pagebreak":
            continue
        if b.kind == "heading":
            level = len(b.label) + 1
            out.append(f"<h{level}>{escape(b.text)}</h{level}>")
        elif b.kind == "numbered":
            out.append(f"<p>{escape(b.label)} {escape(b.text)}</p>")
        elif b.kind in ("item", "bullet"):
            out.append(f"<p>{escape(b.label)} {escape(b.text)}</p>")
        elif b.kind == "table":
            head = "".join(f"<th>{escape(c)}</th>" for c in b.rows[0])
            out.append(f"<table><thead><tr>{head}</tr></thead><tbody>")
            for row in b.rows[1:]:
                out.append("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>")
            out.append("</tbody></table>")
        else:
            out.append(f"<p>{escape(b.text)}</p>")
    close_lists()
    out += ["</main>", '<footer class="site-footer"><p>&copy; NHS 2025. Privacy notice. Accessibility '
            "statement. Freedom of information.</p></footer>", "</body></html>", ""]
    return "\n".join(out).encode("utf-8")


def _html_list_type(b, open_type=None):
    """An (a) or (iv) item becomes an <ol type="a|i"> entry (the browser draws the label);
    items numbered with digits stay as typed text. (i), (v), (x) follow the list they are in."""
    if b.kind == "bullet":
        return "bullet", None
    tag = b.label.strip("()")
    if not b.label.startswith("("):
        return None
    alpha = re.fullmatch(r"[a-z]", tag) is not None
    roman = re.fullmatch(r"[ivxlc]+", tag) is not None
    if roman and (not alpha or open_type == "i" or (open_type is None and tag == "i")):
        return "i", _roman_value(tag)
    if alpha:
        return "a", ord(tag) - ord("a") + 1
    return None


def _roman_value(tag):
    values = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
    total = 0
    for i, ch in enumerate(tag):
        v = values[ch]
        total += -v if i + 1 < len(tag) and values[tag[i + 1]] > v else v
    return total


def build_formats(src):
    """Write corpora/formats/<name>.docx and .html for one source; return their paths."""
    meta = read_metadata(split_front_matter(src.read_text(encoding="utf-8"))[0])
    blocks = parse_body(split_front_matter(src.read_text(encoding="utf-8"))[1])
    FORMATS_DIR.mkdir(parents=True, exist_ok=True)
    docx_path = FORMATS_DIR / f"{src.stem}.docx"
    html_path = FORMATS_DIR / f"{src.stem}.html"
    docx_path.write_bytes(render_docx(meta, blocks))
    html_path.write_bytes(render_html(meta, blocks))
    return docx_path, html_path


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", metavar="NAME",
                        help="render only this source (its name, or kind/name)")
    args = parser.parse_args(argv)
    sources = sorted(SOURCES.glob("*/*.txt"))
    if args.only:
        sources = [s for s in sources
                   if args.only in (s.stem, f"{s.parent.name}/{s.stem}")]
        if not sources:
            parser.error(f"no source named {args.only!r} under {SOURCES}")
    failed = 0
    for src in sources:
        try:
            out, pages = build_file(src)
        except ValueError as e:
            print(f"{src.relative_to(CORPORA)}: error: {e}", file=sys.stderr)
            failed += 1
            continue
        print(f"{out.relative_to(CORPORA)}: {pages} pages")
        if src.stem in FORMAT_SOURCES and src.parent.name == "constitutions":
            for path in build_formats(src):
                print(f"{path.relative_to(CORPORA)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
