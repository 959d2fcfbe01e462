"""What a document is: a constitution, or a board paper of some kind (agenda, minutes,
register of interests, terms of reference, contract award report), or a board pack
holding several. Read from the document's own title and headings."""

import re

from ..document import Document

PAPER_KINDS = ("agenda", "minutes", "register", "terms-of-reference", "contract-award")
_SIGNS = {
    "constitution": re.compile(r"\bconstitution\b|\bstanding orders\b", re.I),
    "agenda": re.compile(r"^\s*agenda\b|\bagenda for\b|\bmeeting agenda\b|\bpart [ab12]\b.*\bagenda|^\s*item\s+\d|"
                         r"\bpart a \(in public\)|\bagenda item\b", re.I),
    "minutes": re.compile(r"\bminutes of\b|^\s*minutes\b|\bmembers present\b|^\s*present\s*:?$|\bapologies\b", re.I),
    "register": re.compile(r"\bregister of (members'? )?interests\b|\bdeclarations? of interests? register\b", re.I),
    "terms-of-reference": re.compile(r"\bterms of reference\b", re.I),
    "contract-award": re.compile(r"\bcontract award\b|\baward of (a |the )?contract\b|\bprovider selection regime\b|"
                                 r"\bprocurement (decision|report)\b|\bdirect award\b", re.I),
}


def classify(doc: Document) -> tuple[str, list[str]]:
    """(kind, the kinds of paper found): kind is 'constitution', one paper kind, or 'board-pack'.
    The first heading is often only the board's name, so the opening blocks are read too."""
    opening = " ".join(b.text for b in doc.blocks[:12])
    headings = [b.text for b in doc.blocks if b.kind == "heading"][:400]
    found = [kind for kind in PAPER_KINDS
             if _SIGNS[kind].search(opening) or any(_SIGNS[kind].search(h) for h in headings)]
    constitution = _SIGNS["constitution"].search(doc.title or "") or _SIGNS["constitution"].search(
        " ".join(b.text for b in doc.blocks[:3]))
    if constitution and not any(_SIGNS[k].search(doc.title or "") for k in PAPER_KINDS):
        return "constitution", []
    if len(found) >= 2 and doc.page_count >= 8 or _PACK.search(opening) and found:
        return "board-pack", found
    if found:
        return found[0], found
    return "constitution", []


_PACK = re.compile(r"board (papers|pack)|meeting held in public[^.]{0,40}papers|papers for the meeting", re.I)


def part_kind(top_heading: str | None) -> str | None:
    """The kind of paper a heading opens: 'Minutes of the previous meeting' opens minutes."""
    text = top_heading or ""
    return next((kind for kind in PAPER_KINDS if _SIGNS[kind].search(text)), None)


def pack_parts(doc: Document) -> list[tuple[str, str, int]]:
    """(kind, heading, first page) of each paper in a board pack, split by the pack's own
    top-level headings. A paper starts at a heading that names its kind, or at a top-level
    heading that opens a page ('Integrated performance report'); other top-level headings
    ('Part 2: business in private') belong to the paper they sit in. Other papers are 'report'."""
    if doc.kind != "board-pack":
        return [(doc.kind, doc.title, 1)]
    parts: list[tuple[str, str, int]] = []
    seen_pages: set[int] = set()
    last_top = None
    for s in doc.sentences:
        top = s.section[0] if s.section else ""
        opens_page = s.page not in seen_pages
        seen_pages.add(s.page)
        if top == last_top:
            continue
        last_top = top
        kind = part_kind(top)
        if not parts or kind or (opens_page and s.kind == "heading"):
            parts.append((kind or "report", top, s.page))
    return parts


def part_of_sections(doc: Document) -> dict[str, str]:
    """Each top-level heading of a board pack -> the kind of the paper it belongs to."""
    kinds: dict[str, str] = {}
    current = "report"
    parts = iter(pack_parts(doc))
    following = next(parts, None)
    for s in doc.sentences:
        top = s.section[0] if s.section else ""
        if following and top == following[1]:
            current = following[0]
            following = next(parts, None)
        kinds.setdefault(top, current)
    return kinds
