"""Recognise clause numbers, list labels and headings at the start of a line."""

import re
from dataclasses import dataclass

# a clause opens with a capital, a quote or a bracket: "see clause\n2.6.3 or ..." is a wrapped reference
_OPENS = r"(?=[A-Z\"'(\[\u2018\u201c]|$)"
_PREFIXED = re.compile(r"^([A-Z]{1,2}\d{1,2}(?:\.\d{1,3}){1,4})\.?(?:\s+|$)" + _OPENS)  # A2.1, A2.3.4 (appendix numbering)
_SO = re.compile(r"^(?:SO|S\.O\.|Standing Order)\s*(\d{1,3}(?:\.\d{1,3})*)\.?(?:\s+|$)" + _OPENS)
_MULTI = re.compile(r"^(\d{1,2}(?:\.\d{1,3}){1,4})\.?(?:\s+|$)" + _OPENS)
_SINGLE = re.compile(r"^(\d{1,2})\.(?:\s+|$)(?=[A-Z\"'(]|$)")
_PAREN = re.compile(r"^\(([a-z]{1,2}|[ivxlc]{1,6}|\d{1,2})\)\s+")
_HALF = re.compile(r"^([a-z]|[ivx]{1,5}|\d{1,2})\)\s+")
_BULLET = re.compile(r"^[•▪●◦○■□➢►–\-\*]\s+")
_NAMED = re.compile(r"^(Appendix|Schedule|Annex|Annexe|Part|Section|Chapter)\s+([0-9A-Z]{1,4})\s*([:.\-–—]\s*\S|$)", re.I)
_ROMAN = re.compile(r"^[ivxlc]+$")


@dataclass
class Label:
    kind: str  # so | number | item | bullet
    label: str  # as it should be cited: "3.2.1", "SO 4.2", "(a)"
    style: str  # numeric | so | alpha | roman | digit | bullet
    rest: str  # the line without the label
    depth: int = 0  # for numeric clauses: how many parts


def read_label(text: str) -> Label | None:
    first = text[:1]
    if first.isalpha():  # most lines open with a word: ruled out by a look at their first characters
        if first.islower():
            if ")" not in text[:7]:
                return None  # only "a) ", "iv) " open with a small letter
        elif not (first == "S" or text[1:2].isdigit() or text[2:3].isdigit()):
            return None  # a capital opens only "SO 3", "S.O. 3", "Standing Order 3" or "A2.1"
    m = _SO.match(text)
    if m:
        return Label("so", f"SO {m.group(1)}", "so", text[m.end():], m.group(1).count(".") + 1)
    m = _PREFIXED.match(text)
    if m:
        return Label("number", m.group(1), "numeric", text[m.end():], m.group(1).count(".") + 1)
    m = _MULTI.match(text)
    if m:
        return Label("number", m.group(1), "numeric", text[m.end():], m.group(1).count(".") + 1)
    m = _SINGLE.match(text)
    if m:
        return Label("number", m.group(1), "numeric", text[m.end():], 1)
    m = _PAREN.match(text) or _HALF.match(text)
    if m:
        tag = m.group(1)
        style = "digit" if tag.isdigit() else ("roman" if _ROMAN.match(tag) else "alpha")
        return Label("item", f"({tag})", style, text[m.end():])
    m = _BULLET.match(text)
    if m:
        return Label("bullet", "", "bullet", text[m.end():])
    return None


_SMALL_WORDS = {"and", "of", "the", "for", "to", "in", "on", "a", "an", "with", "by", "or", "its", "at", "from"}


_UNREAD = object()


def looks_like_heading(text: str, size: float, body_size: float, bold: bool = False, plain_ok: bool = True,
                       label=_UNREAD) -> bool:
    """Headings are short, unpunctuated at the end, and either larger, numbered and
    title-cased, in capitals, or named parts (Appendix 2, Schedule 1). label: read_label of
    the stripped text, when the caller has it already."""
    stripped = text.strip()
    if not stripped or len(stripped) > 110 or stripped[-1] in ".,;" or len(stripped) < 3:
        return False
    words = stripped.split()
    if size >= body_size * 1.12 and len(words) <= 16 and any(ch.isalpha() for ch in stripped):
        return True
    if bold and len(words) <= 14 and stripped[-1] not in ":" and any(ch.isalpha() for ch in stripped):
        return True
    if _NAMED.match(stripped) and len(words) <= 12:
        return True
    if 2 <= len(words) <= 12 and _in_capitals(stripped):
        return True
    if label is _UNREAD:
        label = read_label(stripped)
    if plain_ok and label and label.kind in ("number", "so") and label.rest:
        # unstyled numbered headings: short, title-cased, no comma, not ending on a small word
        rest = label.rest.split()
        if not rest or len(rest) > 9 or "," in label.rest or stripped.endswith(":"):
            return False
        if rest[-1].lower() in _SMALL_WORDS or not (rest[-1][:1].isupper() or rest[-1][:1].isdigit()):
            return False
        content = [w for w in rest if w.lower() not in _SMALL_WORDS and w[:1].isalpha()]
        capitals = sum(1 for w in content if w[:1].isupper())
        return bool(content) and capitals / len(content) >= 0.85
    return False


def _in_capitals(text: str) -> bool:
    """Every letter a capital, and at least one letter."""
    if text.isascii():  # in ASCII a letter is a cased character, which str.isupper looks at
        return text.isupper()
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and all(ch.isupper() for ch in letters)


def is_part_heading(text: str) -> bool:
    return bool(re.match(r"^(Appendix|Schedule|Annex|Annexe|Part)\s+[0-9A-Z]{1,4}\b", text.strip(), re.I))


def is_roman(tag: str) -> bool:
    return bool(_ROMAN.match(tag))
