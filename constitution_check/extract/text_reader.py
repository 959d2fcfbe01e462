"""Read a plain text file: paragraphs are separated by blank lines (or, in a file written
one paragraph to a line, by line ends); form feeds are page breaks; Markdown-style '#'
headings and '-'/'*' bullets are understood; everything else is left to the same
heading and clause-number reading as a PDF."""

import re

from ..errors import InputError
from .flow import BODY_SIZE, HEADING_SIZES, Flow
from .sniff import decode_text

_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_BULLET = re.compile(r"^\s*[-*+]\s+(?=\S)")
_RULE = re.compile(r"^\s*([-=_*~#])\1{2,}\s*$")
MAX_LINES = 2_000_000
MIN_WORDS = 20


def read_text(path, data: bytes) -> Flow:
    text = decode_text(data) or ""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    pages = [page.split("\n") for page in text.split("\f")]
    flow = Flow(virtual=len(pages) == 1)
    lines_all = [ln for page in pages for ln in page][:MAX_LINES]
    nonblank = [ln for ln in lines_all if ln.strip()]
    blank = len(lines_all) - len(nonblank)
    long_lines = sorted(len(ln) for ln in nonblank)
    one_per_line = bool(nonblank) and blank < 0.05 * len(nonblank) and long_lines[len(long_lines) // 2] > 100
    count = 0
    for page_lines in pages:
        flow.page_break()
        starting = True
        for raw in page_lines:
            count += 1
            if count > MAX_LINES:
                break
            if not raw.strip() or _RULE.match(raw):
                starting = True
                continue
            m = _MD_HEADING.match(raw.strip())
            if m:
                flow.para(m.group(2), size=HEADING_SIZES.get(len(m.group(1)), 12.5), bold=True)
                starting = True
                continue
            line = _BULLET.sub("\u2022 ", raw, count=1)
            if starting or one_per_line:
                flow.para(line, size=BODY_SIZE)
            else:
                flow.line(line, size=BODY_SIZE)
            starting = False
    words = sum(len(ln.text.split()) for p in flow.pages for ln in p.lines)
    if words < MIN_WORDS:
        prefix = "not a PDF: it is " if str(path).lower().endswith(".pdf") else ""
        plural = "" if words == 1 else "s"
        raise InputError(str(path), f"{prefix}a text file with too little in it to be a document "
                                    f"({words} word{plural})")
    return flow
