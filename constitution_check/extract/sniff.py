"""Recognise what a file really is from its bytes, never its name: a failed download saved
as .pdf gets a clear message instead of a parser error, and a Word file or web page named
.pdf is read as what it is, with a warning that the name is wrong."""

import io
import re
import zipfile
from pathlib import Path

from ..errors import InputError

MAX_FILE_BYTES = 500 * 1024 * 1024  # no constitution or board pack is this large

DESCRIPTIONS = {"pdf": "a PDF", "docx": "a Word document (.docx)", "html": "a web page (HTML)",
                "text": "a plain text file"}
_SUFFIXES = {".pdf": "pdf", ".docx": "docx", ".docm": "docx", ".htm": "html", ".html": "html", ".xhtml": "html",
             ".txt": "text", ".text": "text", ".md": "text"}

_SIGNATURES = [
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office file (.doc): save it as .docx or PDF"),
    (b"{\\rtf", "an RTF document: save it as .docx or PDF"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
]
_HTML_START = re.compile(rb"^(?:\s|<!--.*?-->)*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*"
                         rb"<(?:!doctype\s+html|html|head|body|meta|title)\b", re.I | re.S)

_PDF_SYNTAX = re.compile(r"startxref\b|\bendobj\b|\bendstream\b|^xref\s*$|\d+ \d+ obj\b", re.M)


def read_file(path: Path) -> bytes:
    name = str(path)
    if not path.exists():
        raise InputError(name, "file not found")
    if path.is_dir():
        raise InputError(name, "is a folder, not a file (use 'batch' for a folder)")
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InputError(name, f"too large to read safely ({size // (1024 * 1024)} MB; the limit is "
                                   f"{MAX_FILE_BYTES // (1024 * 1024)} MB)")
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(name, f"cannot be read ({exc.strerror or exc})") from None
    if not data:
        raise InputError(name, "empty file (0 bytes): the download probably failed")
    return data


def detect_format(data: bytes, name: str = "") -> str:
    """'pdf', 'docx', 'html' or 'text', from the content; InputError for anything else."""
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(data, name)
    for magic, what in _SIGNATURES:
        if head.startswith(magic):
            raise InputError(name, f"{_not_what(name)}it is {what}")
    text = decode_text(data[:8192], strict=True)
    if text is None:
        raise InputError(name, f"{_not_what(name)}it is an unrecognised file "
                               "(no PDF header, not Word, a web page or text)")
    if _HTML_START.match(text.encode("utf-8", "replace")) or re.search(r"<html[\s>]", text[:2048], re.I):
        return "html"
    if _PDF_SYNTAX.search(text):  # the body of a PDF whose header is missing or damaged
        raise InputError(name, "corrupt or damaged PDF: it has no PDF header, so it cannot be opened")
    if text.lstrip().startswith("<?xml"):
        raise InputError(name, f"{_not_what(name)}it is an XML file, not a document the checker reads")
    return "text"


def name_warning(path: Path | str, fmt: str) -> str | None:
    """A warning when the name says one format and the content another: the content wins."""
    suffix = Path(str(path)).suffix.lower()
    named = _SUFFIXES.get(suffix)
    if named and named != fmt:
        return f"named '{suffix}' but the content is {DESCRIPTIONS[fmt]}: read as {DESCRIPTIONS[fmt]}"
    return None


def _not_what(name: str) -> str:
    return "not a PDF: " if name.lower().endswith(".pdf") else "not a document the checker reads: "


def _zip_kind(data: bytes, name: str) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            mimetype = archive.read("mimetype")[:100] if "mimetype" in names else b""
    except (zipfile.BadZipFile, OSError, ValueError, RuntimeError, KeyError, NotImplementedError):
        raise InputError(name, f"{_not_what(name)}it is a damaged ZIP archive or Word file") from None
    if "word/document.xml" in names:
        return "docx"
    if b"opendocument.text" in mimetype:
        raise InputError(name, f"{_not_what(name)}it is an OpenDocument text file (.odt): save it as .docx or PDF")
    if "xl/workbook.xml" in names:
        raise InputError(name, f"{_not_what(name)}it is an Excel spreadsheet")
    if "ppt/presentation.xml" in names:
        raise InputError(name, f"{_not_what(name)}it is a PowerPoint presentation: save it as PDF")
    raise InputError(name, f"{_not_what(name)}it is a ZIP archive: unpack it and give the documents inside")


def decode_text(data: bytes, strict: bool = False) -> str | None:
    """The bytes as text (BOM, UTF-8, then Windows-1252); None when strict and they look binary."""
    if data.startswith(b"\xef\xbb\xbf"):
        text = data[3:].decode("utf-8", "replace")
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", "replace")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            if strict and exc.start >= len(data) - 3:  # a character cut off by the 8 KB sample
                text = data[:exc.start].decode("utf-8", "replace")
            else:
                text = data.decode("cp1252", "replace")
    if strict:
        if not text.strip():
            return None
        bad = sum(1 for ch in text if (ord(ch) < 32 and ch not in "\t\n\r\f") or ch == "\ufffd")
        if "\x00" in text or bad > max(2, len(text) // 100):
            return None
    return text
