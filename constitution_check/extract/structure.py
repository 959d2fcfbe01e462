"""From clean lines to blocks (headings, numbered clauses, list items, table rows)
and sentences, each knowing its page(s), clause number and section heading."""

import re
import statistics
from dataclasses import dataclass, field

from ..document import Block, Part, Sentence
from .clauses import Label, is_part_heading, looks_like_heading, read_label
from .lines import Line, RawPage

_KEEP_HYPHEN = {
    "non", "co", "self", "sub", "cross", "pre", "post", "multi", "inter", "well", "long", "short",
    "part", "full", "anti", "semi", "ex", "vice", "mid", "one", "two", "three", "four", "five",
    "first", "second", "third", "high", "low", "in", "out", "on", "off", "under", "over", "end",
    "place", "sector", "system", "decision", "health", "care", "day", "year", "term",
}


@dataclass
class _Draft:
    kind: str
    parts: list[list] = field(default_factory=list)  # [page, text]
    label: Label | None = None
    last: Line | None = None
    size: float = 0.0
    row_of: int | None = None  # table index for rows

    def add(self, page: int, text: str) -> None:
        if self.parts and self.parts[-1][0] == page:
            self.parts[-1][1] = join_lines(self.parts[-1][1], text)
        elif self.parts:
            prev = self.parts[-1][1]
            if prev.endswith(("\u2010", "-")) and _hyphen_break(prev, text):
                self.parts[-1][1] = join_lines(prev, text.split(" ", 1)[0])
                rest = text.split(" ", 1)[1] if " " in text else ""
                if rest:
                    self.parts.append([page, rest])
            else:
                self.parts.append([page, text])
        else:
            self.parts.append([page, text])


def _hyphen_break(prev: str, nxt: str) -> bool:
    return prev.endswith("\u2010") or (len(prev) > 1 and prev[-2].isalpha() and nxt[:1].islower())


def join_lines(prev: str, nxt: str) -> str:
    """Join two lines of one paragraph, rejoining a word broken by an end-of-line hyphen."""
    if prev.endswith("\u2010"):
        return prev[:-1] + nxt
    if prev.endswith("-") and len(prev) > 1 and prev[-2].isalpha() and nxt[:1].islower():
        stem = re.split(r"[\s/(]", prev[:-1])[-1].lower()
        if stem in _KEEP_HYPHEN:
            return prev + nxt
        return prev[:-1] + nxt
    return f"{prev} {nxt}"


def body_size(pages: list[RawPage]) -> float:
    sizes = [ln.size for p in pages for ln in p.lines for _ in range(max(1, len(ln.text) // 20))]
    return statistics.median(sizes) if sizes else 10.0


class _Builder:
    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.section: list[tuple[int, str, str | None]] = []  # (level, heading text, clause)
        self.clause: str | None = None  # the innermost numbered clause in force
        self.items: list[tuple[str, str, int]] = []  # (style, label, block id) of open list items

    def heading_path(self) -> list[str]:
        return [h for _, h, _ in self.section]

    def emit(self, draft: _Draft) -> None:
        pieces = [(p, t.replace("\u2010", "-")) for p, t in draft.parts if t.strip()]
        if not pieces:
            return
        parts = [Part(page=p, text=t) for p, t in pieces]
        text = " ".join(t for _, t in pieces)
        bid = len(self.blocks)
        label = draft.label
        parent = None
        own = None
        level = 0
        if draft.kind == "heading":
            if is_part_heading(text):
                self.reset_for_part()
            level = self._heading_level(label, draft.size)
            while self.section and self.section[-1][0] >= level:
                self.section.pop()
            clause = label.label if label and label.kind in ("number", "so") else None
            self.section.append((level, text, clause))
            if clause:
                self.clause = clause
            self.items = []
            own = clause
        elif label and label.kind in ("number", "so"):
            self.clause = label.label
            self.items = []
            own = label.label
        elif label and label.kind in ("item", "bullet"):
            parent = self._place_item(label, bid)
            own = label.label or None
        elif draft.kind == "para":
            self.items = []
        heading = self.section[-1][1] if self.section else None
        self.blocks.append(Block(
            id=bid, kind=draft.kind, text=text, parts=parts, label=own, level=level,
            clause=self.current_clause(), heading=heading, section=self.heading_path(), parent=parent,
        ))

    def _heading_level(self, label: Label | None, size: float) -> int:
        if label and label.kind in ("number", "so"):
            return label.depth
        return 1 if size >= 13 else 2

    def reset_for_part(self) -> None:
        """'Appendix 2', 'Schedule 1': numbering starts again, so earlier clauses no longer apply."""
        self.clause = None
        self.section = []
        self.items = []

    def _place_item(self, label: Label, bid: int) -> int | None:
        style = label.style
        if style == "roman" and self.items:
            top_style, top_label, _ = self.items[-1]
            if top_style == "alpha" and _next_letter(top_label) == label.label:
                style = "alpha"
        for depth, (open_style, _, _) in enumerate(self.items):
            if open_style == style:
                self.items = self.items[:depth]
                break
        parent = self.items[-1][2] if self.items else self._last_clause_block()
        self.items.append((style, label.label, bid))
        return parent

    def _last_clause_block(self) -> int | None:
        for block in reversed(self.blocks):
            if block.kind in ("para", "heading"):
                return block.id
        return None

    def current_clause(self) -> str | None:
        base = self.clause
        if not base:
            for _, _, clause in reversed(self.section):
                if clause:
                    base = clause
                    break
        suffix = "".join(label for _, label, _ in self.items if label)
        if base and suffix:
            return base + suffix
        return base or (suffix or None)


def _next_letter(label: str) -> str:
    tag = label.strip("()")
    return f"({chr(ord(tag[-1]) + 1)})" if len(tag) == 1 else ""


def build_blocks(pages: list[RawPage], tables_by_page: dict | None = None) -> list[Block]:
    """Group lines into blocks. tables_by_page maps a page number to [(top, x0, x1, rows as text)],
    inserted as row blocks where the table stood."""
    size = body_size(pages)
    # a document that marks its headings by size or weight does not need the guesswork for plain ones
    styled = sum(1 for p in pages for ln in p.lines if (ln.size >= size * 1.12 or ln.bold) and len(ln.text) < 110) >= 3
    builder = _Builder()
    draft: _Draft | None = None
    tables_by_page = tables_by_page or {}
    for page in pages:
        pending_rows = sorted(tables_by_page.get(page.number, []), key=lambda t: t[0])
        for index, line in enumerate(page.lines):
            # a table is read where it stands: in its own column, above the first line below it
            while pending_rows and pending_rows[0][0] <= line.top and _same_column(line, pending_rows[0]):
                draft = _flush(builder, draft)
                _emit_rows(builder, page.number, pending_rows.pop(0)[3])
            label = read_label(line.text)
            own_label = label if line.text == line.text.strip() else read_label(line.text.strip())
            if label and not label.rest.strip() and draft is not None and draft.parts \
                    and not draft.parts[-1][1].rstrip().endswith((".", ":", ";")):
                label = None  # "... named in paragraph / 1.2.1." is a wrapped reference, not a new clause
            following = page.lines[index + 1] if index + 1 < len(page.lines) else None
            heading = looks_like_heading(line.text, line.size, size, line.bold, plain_ok=not styled, label=own_label) \
                and not (line.size < size * 1.12 and _wraps_on(line, following))
            if draft is not None and draft.kind == "heading" and _continues_heading(draft, line) \
                    and (line.size >= size * 1.05 or line.bold):
                draft.add(page.number, line.text)
                draft.last = line
                continue
            if heading:
                draft = _flush(builder, draft)
                draft = _Draft("heading", label=label, size=line.size)
                draft.add(page.number, line.text)
                draft.last = line
                continue
            if label or draft is None or _starts_new(draft, line, page.number, size):
                draft = _flush(builder, draft)
                kind = "item" if label and label.kind in ("item", "bullet") else "para"
                draft = _Draft(kind, label=label, size=line.size)
            draft.add(page.number, line.text)
            draft.last = line
        for *_, rows in pending_rows:
            draft = _flush(builder, draft)
            _emit_rows(builder, page.number, rows)
        if draft is not None:
            draft.last = None  # a new page: no vertical gap to measure
    _flush(builder, draft)
    return builder.blocks


def _same_column(line: Line, table) -> bool:
    _, x0, x1, _ = table
    return line.x0 < x1 and line.x1 > x0


def _wraps_on(line: Line, following: Line | None) -> bool:
    """A heading-like line whose next line carries straight on in lower case is the first
    line of a wrapped paragraph ('2.7.2 Each Partner Member must be / an elected ...')."""
    if following is None or following.column != line.column:
        return False
    gap = following.top - line.bottom
    return 0 <= gap < line.height * 0.8 and following.text[:1].islower() and abs(following.size - line.size) < 0.5 \
        and following.bold == line.bold


def _continues_heading(draft: _Draft, line: Line) -> bool:
    last = draft.last
    return bool(last) and abs(line.size - draft.size) < 0.5 and 0 <= line.top - last.bottom < last.height * 0.9 \
        and read_label(line.text) is None and line.bold == last.bold


def _flush(builder: _Builder, draft: _Draft | None) -> None:
    if draft is not None:
        builder.emit(draft)
    return None


def _emit_rows(builder: _Builder, page: int, rows: list[str]) -> None:
    for row in rows:
        draft = _Draft("row")
        draft.add(page, row)
        builder.emit(draft)


def _starts_new(draft: _Draft, line: Line, page: int, size: float) -> bool:
    if draft.kind == "heading":
        return True
    prev_text = draft.parts[-1][1] if draft.parts else ""
    last = draft.last
    if last is None:  # first line on a new page: continue unless the last one closed a sentence
        return prev_text.endswith((".", ":", ";")) and line.text[:1].isupper()
    if line.column != last.column and line.column and last.column:
        return prev_text.endswith((".", ":", ";")) and line.text[:1].isupper() and line.top < last.top
    gap = line.top - last.bottom
    return gap > max(last.height, size) * 0.75


_ABBREVIATIONS = {
    "e.g", "i.e", "etc", "no", "nos", "para", "paras", "s", "ss", "sch", "st", "cllr", "mr", "mrs",
    "ms", "dr", "prof", "art", "reg", "regs", "cf", "vs", "approx", "inc", "ltd", "co", "pp", "p",
    "vol", "fig", "ch", "sec", "so", "cl", "op", "al", "viz",
}
_SPLIT = re.compile(r"(?<=[.!?])[\"')\]]?\s+(?=[\"'(\[]?[A-Z0-9])")


def split_sentences(text: str) -> list[str]:
    pieces = _SPLIT.split(text)
    out: list[str] = []
    for piece in pieces:
        if out and _ends_with_abbreviation(out[-1]):
            out[-1] = f"{out[-1]} {piece}"
        else:
            out.append(piece)
    return [p.strip() for p in out if p.strip()]


def _ends_with_abbreviation(text: str) -> bool:
    words = text.rstrip(".").split()
    if not words:
        return False
    last = words[-1].lower().lstrip("(\"'")
    if len(words) == 1 and re.fullmatch(r"[\d.]+|\(?[a-z]{1,3}\)", words[0]):
        return True  # a bare clause number ("3.") opens the sentence that follows it
    return last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha())


def build_sentences(blocks: list[Block]) -> list[Sentence]:
    sentences: list[Sentence] = []
    by_id = {b.id: b for b in blocks}
    lead_ins: dict[int, str | None] = {}  # a list's items share their parent's last sentence
    for block in blocks:
        lead_in = None
        if block.parent is not None and block.kind == "item":
            if block.parent not in lead_ins:
                parent_sentences = split_sentences(by_id[block.parent].text)
                lead_ins[block.parent] = parent_sentences[-1] if parent_sentences else None
            lead_in = lead_ins[block.parent]
        for text, parts in _sentences_with_parts(block):
            sentences.append(Sentence(
                id=len(sentences), block=block.id, kind=block.kind, text=text, parts=parts,
                clause=block.clause, heading=block.heading, section=block.section, lead_in=lead_in,
            ))
    _attach_row_lead_ins(sentences, blocks)
    return sentences


def _attach_row_lead_ins(sentences: list[Sentence], blocks: list[Block]) -> None:
    """A table row is read with the last paragraph before its table, which says what the table is."""
    context = None
    for sentence in sentences:
        if sentence.kind == "row":
            sentence.lead_in = context
        elif sentence.kind in ("para", "heading"):
            context = sentence.text


def _sentences_with_parts(block: Block):
    if block.kind in ("heading", "row"):
        yield block.text, block.parts
        return
    if len(block.parts) == 1:  # most blocks lie on one page: what follows, for one part
        page, text = block.parts[0].page, block.parts[0].text
        for sentence, start, end in _located(text):
            piece = text[start:end].strip()
            if piece:  # a block of one sentence shares its part (parts are never changed once made)
                yield sentence, [block.parts[0] if piece == text else Part(page=page, text=piece)]
        return
    offsets = []
    position = 0
    for part in block.parts:
        offsets.append((position, position + len(part.text), part.page))
        position += len(part.text) + 1
    text = " ".join(p.text for p in block.parts)
    for sentence, start, end in _located(text):
        parts = []
        for lo, hi, page in offsets:
            a, b = max(lo, start), min(hi, end)
            if a < b:
                piece = text[a:b].strip()
                if piece:
                    parts.append(Part(page=page, text=piece))
        if parts:
            yield sentence, parts


def _located(text: str):
    """(sentence, start, end) for each sentence of text, where it lies in text."""
    cursor = 0
    for sentence in split_sentences(text):
        start = text.find(sentence, cursor)
        if start < 0:
            start = cursor
        cursor = start + len(sentence)
        yield sentence, start, cursor
