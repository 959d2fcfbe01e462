"""OCR for pages with no text layer, with the `tesseract` command (Debian's tesseract-ocr):
the page is drawn by pdfium at 300 dpi and Tesseract's word boxes become the same
positioned fragments as a PDF's own text, so columns, headings and clause numbers are
read the same way. Only pages without text are sent; nothing leaves the machine."""

import os
import shutil
import subprocess
import tempfile

from ..errors import InputError
from .layout import build_lines
from .lines import RawPage

DPI = 300
PAGE_TIMEOUT = 90  # seconds for one page
INSTALL_HINT = ("Tesseract OCR is not installed. Install it, then run again: Debian/Ubuntu: "
                "sudo apt install tesseract-ocr; macOS: brew install tesseract; Windows: the installer from "
                "https://github.com/UB-Mannheim/tesseract/wiki (and add it to PATH)")


def tesseract_command() -> str | None:
    """The tesseract program: CONSTITUTION_CHECK_TESSERACT if set (a path or a name on PATH), else PATH."""
    chosen = os.environ.get("CONSTITUTION_CHECK_TESSERACT")
    return shutil.which(chosen) if chosen else shutil.which("tesseract")


def ocr_pages(path, data: bytes, password: str | None, pages: list[RawPage]) -> dict[int, float]:
    """Fill in the lines of each page by OCR; return {page number: mean word confidence} for
    the pages where Tesseract found words."""
    command = tesseract_command()
    if not command:
        raise InputError(str(path), INSTALL_HINT)
    import pypdfium2 as pdfium

    found: dict[int, float] = {}
    try:
        pdf = pdfium.PdfDocument(data, password=password)
    except pdfium.PdfiumError:
        return found  # pdfminer opened it, pdfium cannot: no image to read
    try:
        with tempfile.TemporaryDirectory(prefix="constitution-check-ocr-") as tmp:
            for page in pages:
                result = _ocr_one(command, pdf, page, tmp)
                if result is not None:
                    found[page.number] = result
    finally:
        pdf.close()
    return found


def _ocr_one(command: str, pdf, raw: RawPage, tmp: str) -> float | None:
    page = pdf[raw.number - 1]
    try:
        scale = DPI / 72
        image = page.render(scale=scale, may_draw_forms=False).to_pil()  # /Rotate is applied
    finally:
        page.close()
    image_path = os.path.join(tmp, f"page-{raw.number}.png")
    image.convert("L").save(image_path)
    try:
        done = subprocess.run([command, image_path, "stdout", "--psm", "3", "tsv"], capture_output=True,
                              timeout=PAGE_TIMEOUT, text=True, encoding="utf-8", errors="replace")
    except (OSError, subprocess.TimeoutExpired):
        return None
    finally:
        os.unlink(image_path)
    if done.returncode != 0:
        return None
    frags, confidences = [], []
    line_height: dict[tuple, float] = {}  # a word's size is its line's: word boxes vary with ascenders
    for row in done.stdout.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] not in ("4", "5"):
            continue
        try:
            left, top, width, height, conf = (float(c) for c in cols[6:11])
        except ValueError:
            continue
        key = tuple(cols[1:5])
        if cols[0] == "4":
            line_height[key] = height / scale
            continue
        if conf < 0 or not cols[11].strip():
            continue
        size = round(line_height.get(key, height / scale) * 0.75)
        frags.append((left / scale, top / scale, (left + width) / scale, (top + height) / scale,
                      cols[11], float(size), False))
        confidences.append(conf)
    if not frags:
        return None
    words_per_line = _words_to_lines(frags)
    raw.lines = build_lines(words_per_line, raw.width)
    raw.cleaned = False  # new lines, for clean_pages
    raw.chars = sum(len(f[4]) for f in frags)
    return round(sum(confidences) / len(confidences), 1)


def _words_to_lines(frags):
    """Tesseract gives words; pdfium gives runs with spaces. Words on one line close enough
    to be one run keep a trailing space, so the line joiner puts spaces between them."""
    return [(x0, top, x1, bottom, text + " ", size, bold) for x0, top, x1, bottom, text, size, bold in frags]
