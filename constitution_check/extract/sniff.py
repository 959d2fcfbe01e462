"""Recognise what a file really is from its first bytes, so a failed download
saved as .pdf gets a clear message instead of a parser error."""

from pathlib import Path

from ..errors import InputError

_SIGNATURES = [
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive or Word/Office file"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office file"),
    (b"{\\rtf", "an RTF document"),
]


def check_readable(path: Path) -> bytes:
    """Return the file's bytes if it looks like a PDF; otherwise raise InputError."""
    name = str(path)
    if not path.exists():
        raise InputError(name, "file not found")
    if path.is_dir():
        raise InputError(name, "is a folder, not a file (use 'batch' for a folder)")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(name, f"cannot be read ({exc.strerror or exc})") from None
    if not data:
        raise InputError(name, "empty file (0 bytes): the download probably failed")
    kind = describe_non_pdf(data)
    if kind:
        raise InputError(name, f"not a PDF: it is {kind}")
    return data


def describe_non_pdf(data: bytes) -> str | None:
    """None when the bytes carry a PDF header; else a plain description of what they are."""
    head = data[:1024]
    if b"%PDF-" in head:
        return None
    for magic, what in _SIGNATURES:
        if head.startswith(magic):
            return what
    lowered = head.lstrip().lower()
    if lowered.startswith((b"<!doctype html", b"<html", b"<head", b"<?xml")) or b"<html" in lowered:
        return "a web page (HTML), probably an error page saved by a failed download"
    if _looks_like_text(head):
        return "plain text, not a PDF"
    return "an unrecognised file (no PDF header)"


def _looks_like_text(head: bytes) -> bool:
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
