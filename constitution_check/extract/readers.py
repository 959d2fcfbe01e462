"""Read positioned text from a PDF: pypdfium2 first (fast), pdfminer via
pdfplumber as the fallback for files pdfium refuses but pdfminer can open."""

from pathlib import Path

from .. import forked
from ..errors import InputError
from .cleanup import clean_page
from .layout import build_lines
from .lines import RawPage

MAX_PAGES = 2000  # a page tree may claim millions of pages; nothing real is that long
PAGES_PER_PROCESS = 24  # a file shorter than twice this is read by one process
PAGES_PER_CHUNK = 4  # pages a process takes at a time from what is left to read


def read_pdf(path: Path, data: bytes, password: str | None = None, max_pages: int = MAX_PAGES,
             processes: int = 1) -> list[RawPage]:
    """processes: how many processes may read the pages (0: one per core); a long file is split."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data, password=password)
    except pdfium.PdfiumError as exc:
        pages = _try_plumber(data, password, max_pages)
        if pages is not None:
            return pages
        if "password" not in str(exc).lower():
            raise InputError(str(path), "corrupt or damaged PDF: it cannot be opened") from None
        if password:
            raise InputError(str(path), "encrypted: the password given is wrong") from None
        raise InputError(str(path), "encrypted: needs a password (give it with --password)") from None
    try:
        count = min(len(pdf), max_pages)
        parts = forked.processes_for(count, processes, PAGES_PER_PROCESS) if processes != 1 else 1
        return forked.map_chunks(lambda chunk, _here: [_read_pdfium_page(pdf, i) for i in chunk], count, parts,
                                 PAGES_PER_CHUNK)
    finally:
        pdf.close()


def _read_pdfium_page(pdf, index: int) -> RawPage:
    from . import pdfium_text

    page = pdf[index]
    try:
        width, height = page.get_size()
        rotation = page.get_rotation()
        textpage = page.get_textpage()
        tp = pdfium_text.address(textpage.raw)
        rects = pdfium_text.rects(tp)
        read = pdfium_text.runs(tp, rects)
        styles = pdfium_text.fonts(tp, [first for first, _ in read]) if read is not None else None
        frags = []
        for i, (left, bottom, right, top) in enumerate(rects):
            if read is not None:
                text = read[i][1]
                size, bold = styles[i]
            else:
                text = textpage.get_text_bounded(left, bottom, right, top)
                size, bold = _font_at(tp, left, bottom, right, top)
            text = text.replace("\r", " ").replace("\n", " ")
            frags.append((left, height - top, right, height - bottom, text, size, bold))
        chars = textpage.count_chars()
        textpage.close()
        if rotation in (90, 270):
            width, height = height, width
        raw_page = RawPage(number=index + 1, width=width, height=height, chars=chars)
        raw_page.lines = build_lines(frags, width)
        if chars:  # a page without text is left for OCR, whose lines are cleaned when they come
            clean_page(raw_page)
        # a page's lines are only ever taken away after this (but for OCR's, on a page without
        # text), so a page whose lines make no table now never will: it is not looked at for rules
        celled = raw_page.celled or not chars
        bounds = pdfium_text.path_bounds(pdfium_text.address(page.raw), MAX_PATHS) if celled else []
        raw_page.has_rules = len(bounds) >= 4
    finally:
        page.close()
    # a tabular page's tables are read from its own grid here, in whichever process reads the page
    # (a rotated page's rules and text do not share axes here)
    if raw_page.tabular and rotation not in (90, 270):
        from .grid import grid_tables, rules_from_bounds

        raw_page.grid = grid_tables(rules_from_bounds(bounds, height), [f[:5] for f in frags])
    return raw_page


MAX_PATHS = 5000  # a page drawn as thousands of strokes is a picture, not a table


def _font_at(tp: int, left, bottom, right, top) -> tuple[float, bool]:
    """The real font size and weight of a run, found by position when its characters could
    not be lined up with it: rectangle heights differ between capitals and lower case, so
    they cannot tell a heading from body text."""
    from . import pdfium_text

    index = pdfium_text.char_at(tp, left + min(1.0, (right - left) / 2), (top + bottom) / 2, 2.0)
    if index < 0:
        return 0.0, False
    return pdfium_text.fonts(tp, [index])[0]


def _try_plumber(data: bytes, password: str | None, max_pages: int) -> list[RawPage] | None:
    """pdfminer opens some files pdfium will not (an AES-256 file with an empty owner password)."""
    import io

    try:
        import pdfplumber

        pages: list[RawPage] = []
        with pdfplumber.open(io.BytesIO(data), password=password or "") as pdf:
            for i, page in enumerate(pdf.pages[:max_pages]):
                words = page.extract_words(keep_blank_chars=False, use_text_flow=False, extra_attrs=["size", "fontname"])
                frags = [(w["x0"], w["top"], w["x1"], w["bottom"], w["text"], float(w["size"]),
                          "bold" in w["fontname"].lower()) for w in words]
                raw_page = RawPage(number=i + 1, width=float(page.width), height=float(page.height),
                                   chars=len(page.chars), has_rules=len(page.lines) + len(page.rects) >= 4)
                raw_page.lines = build_lines(frags, float(page.width))
                pages.append(raw_page)
        return pages or None
    except Exception:  # pdfminer raises many types on broken files; any of them means "cannot open"
        return None
