"""Clean extracted lines: strip invisible and control characters, drop running
headers, footers and page numbers, and spot pages whose text layer is garbage."""

import re
import unicodedata
from collections import Counter

from .lines import RawPage

# Zero-width, bidi overrides and soft hyphens change how text looks, not what it says,
# and a hostile file can use them to hide words from a matcher.
_INVISIBLE = dict.fromkeys(
    [0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E,
     0x2066, 0x2067, 0x2068, 0x2069, 0x200E, 0x200F, 0x061C,
     0x034F, 0x115F, 0x1160, 0x3164, 0xFFA0, *range(0xFE00, 0xFE10)]  # joiners, fillers, variation selectors
)
_CONTROL_BUT_STX = re.compile(r"[\x00\x01\x03-\x08\x0b-\x1f\x7f-\x9f]")  # \x02 is pdfium's soft hyphen
_ASCII_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_CID = re.compile(r"\(cid:\d+\)")
_PAGE_NUMBER = re.compile(
    r"^(page\s+)?[-–—]?\s*\d{1,4}\s*[-–—]?(\s*(of|/)\s*\d{1,4})?$|^[ivxlc]{1,6}$", re.I
)
_SPACED_DIGITS = re.compile(r"\d+")


def normalise_text(text: str) -> str:
    if text.isascii():  # most lines: no invisible characters, quotes or compatibility forms to undo
        text = _CONTROL_BUT_STX.sub("", text).replace("\x02", "\u2010")
        if "(cid:" in text:
            text = _CID.sub(" ", text)
        return " ".join(text.split())
    return _normalise_any(text)


def _normalise_any(text: str) -> str:
    # invisible and control characters go before NFKC, so that what they separated is
    # composed now and not on a second pass: normalising twice changes nothing
    text = text.translate(_INVISIBLE)
    if not text.isascii():
        text = "".join(ch for ch in text if ch < "\u0600" or unicodedata.category(ch) != "Cf" or ch == "\u00ad")
    text = _CONTROL_BUT_STX.sub("", text)
    text = text.replace("\u00ad", "\x02")  # soft hyphen: pdfium also reports it as \x02
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("\x02", "\u2010")  # keep a line-end marker for the hyphen joiner
    text = _CID.sub(" ", text)
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return " ".join(text.split())


def garbled_ratio(text: str) -> float:
    """Share of characters that are not letters, digits, spaces or ordinary punctuation."""
    if not text:
        return 0.0
    bad = len(_ASCII_CONTROL.findall(text))  # in ASCII only control characters are Cc, and none Co or Cn
    if not text.isascii():
        bad += sum(1 for ch in text if ch > "\x7f" and (unicodedata.category(ch) in ("Cc", "Co", "Cn") or ch == "\ufffd"))
    return bad / len(text)


def clean_pages(pages: list[RawPage]) -> None:
    for page in pages:
        if not page.cleaned:
            clean_page(page)
    remove_running_lines(pages)


def clean_page(page: RawPage) -> None:
    """What cleaning one page needs of that page alone (the PDF reader does it as it reads)."""
    raw = "".join(line.text for line in page.lines)
    page.garbled = bool(raw) and (garbled_ratio(raw) > 0.3 or len(_CID.findall(raw)) * 6 > len(raw) * 0.3)
    page.cleaned = True
    if page.garbled:
        page.lines = []
        return
    for line in page.lines:
        line.text = normalise_text(line.text)
    page.lines = [ln for ln in page.lines if ln.text]


def _signature(text: str) -> str:
    return _SPACED_DIGITS.sub("#", text.lower()).strip()


def remove_running_lines(pages: list[RawPage]) -> None:
    """Drop lines that repeat near the top or bottom of many pages, and bare page numbers.
    Detected by repetition rather than a fixed margin, because layouts differ."""
    bands = [(p, [(ln, _signature(ln.text)) for ln in p.lines if _in_margin(ln, p)]) for p in pages]
    counts: Counter[str] = Counter()
    for _, lines in bands:
        counts.update({sig for _, sig in lines})
    textual = [p for p in pages if p.lines]
    threshold = max(2, int(0.4 * len(textual)) + 1) if len(textual) >= 3 else None
    for page, lines in bands:
        drop = set()
        for ln, sig in lines:
            if _PAGE_NUMBER.match(ln.text.strip()) or (threshold and counts[sig] >= threshold):
                drop.add(id(ln))
        if drop:
            kept = [ln for ln in page.lines if id(ln) not in drop]
            if kept or all(_PAGE_NUMBER.match(ln.text.strip()) for ln in page.lines):
                page.lines = kept  # a page's only text is its content, not a running header


def _in_margin(line, page: RawPage) -> bool:
    return line.top < page.height * 0.1 or line.bottom > page.height * 0.9
