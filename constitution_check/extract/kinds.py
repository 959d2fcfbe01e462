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
