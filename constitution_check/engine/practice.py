"""What board papers show in practice: items taken in private and on what grounds, what
happened to questions from the public, interests declared in private healthcare
companies, and how far ahead papers were published."""

import re
from dataclasses import dataclass, field

from ..document import Document, Sentence
from ..providers import find_providers
from . import contracts
from .patterns import NUMBER_WORDS, number_value

_PRIVATE_PART = re.compile(r"\bpart\s*(b|2|two|ii)\b|\bprivate (session|business|part|items?)\b|\bconfidential (session|items?|business)\b|"
                           r"\bin private\b|\bclosed session\b", re.I)
_EXCLUSION = re.compile(r"\bexclu\w*\b[^.]{0,60}\b(press|public)\b|\badmission to meetings\b", re.I)
_GROUNDS = re.compile(r"\b(commercial\w*|confidential\w*|personal (data|information)|legal(ly)? (advice|privilege\w*)|"
                      r"prejudicial to the public interest|special reasons?|negotiations?|staff(ing)? matters?|"
                      r"individual (patients?|staff|members? of staff))\b", re.I)
_ITEM = re.compile(r"^(item\s*:?\s*)?(\d{1,2}(\.\d{1,2})?|[A-Z]\d{1,2}|B\d{1,2})\b", re.I)
_PLAIN_ITEM = re.compile(r"^(item\s+)?([A-Z]\d{1,2}|\d{1,2})\b(?!\.\d)", re.I)
_AGENDA_ROW = re.compile(r"^item\s*:?\s*(?P<n>[A-Z]?\d{1,2}(\.\d{1,2})?)\b", re.I)  # "Item: A5; Business: ..."
_QUESTION_SECTION = re.compile(r"question", re.I)
_Q_STATUS = [
    ("refused", re.compile(r"\b(declined|refused|not accepted|not be taken|out of scope|outside the scope|ruled out|"
                           r"not admissible|would not be answered|not answered)\b", re.I)),
    ("deferred", re.compile(r"\b(deferred|will (be )?(respond|reply|answer)\w* (after|later|in due course)|to follow|"
                            r"promised a (written )?(reply|response|answer)|would (write|respond) (to|after))\b", re.I)),
    ("written", re.compile(r"\b(written (answer|response|reply)|answered in writing|in writing|published (with|alongside) the minutes)\b", re.I)),
    ("oral", re.compile(r"\b(responded|replied|answered|explained|confirmed|advised that|said that)\b", re.I)),
]
_DECLARATION = re.compile(r"\b(declar\w*|register of interests|interest(s)?\b|director\w*|shareholder|employ\w*|"
                          r"consultan\w*|adviser|advisor|partner)\b", re.I)
_NIL = re.compile(r"\b(no|nil|none)\b[^.]{0,30}\b(interests?|declarations?)\b|\bno (new )?declarations\b", re.I)
_DESCRIBED_PRIVATE = re.compile(r"\b(independent[- ]sector|private|for[- ]profit|commercial)\s+(healthcare|health care|health|"
                                r"hospital|provider|sector)\b[^.;]{0,40}\b(company|provider|group|business|firm|organisation)?", re.I)
_ROLE = re.compile(r"\b(director|shareholder|employee|employed|partner|adviser|advisor|consultant|owner|trustee|"
                   r"chair|member)\b", re.I)
_NO_INTEREST = re.compile(r"\b(no|not|nil|none)\b[^.;]{0,120}\b(interests?|declar\w*)\b", re.I)
_NEGATED_EXCLUSION = re.compile(r"\b(no|not|without)\b[^.;]{0,40}\bexclu", re.I)
_PUBLISHED = re.compile(r"\b(published|circulated|made available)\b[^.]{0,80}?\b(\d{1,2}|" + "|".join(NUMBER_WORDS) +
                        r")\s+(clear\s+)?(working\s+)?days?\s+(before|in advance|ahead|prior)", re.I)
# "Meetings of the Committee are held in private", "Meeting held: In private": practice, not a promise broken in words
_COMMITTEE_PRIVATE = re.compile(r"\b(committee|sub-committee|subcommittee)\b[^.;]{0,80}\b(meets?|met|are held|is held|was held|"
                                r"were held|held its meetings?|meetings? (are|were|is|was) held)\s+in private\b|"
                                r"^meeting held:?\s*in private\b", re.I)
# a paper's own opening: "Minutes of the meeting of the Board held in public", "Held in public (Part A)"
_BOARD_IN_PUBLIC = re.compile(r"\b(meeting of the (\w+ ){0,8}board|board meeting|board of [^.;]{0,80})[^.;]{0,80}\bheld in public\b|"
                              r"^\s*(held|meeting held) in public\b|\bthis meeting of the board is (held )?in public\b", re.I)
DESCRIBED_PROVIDER = "a private healthcare company (as the paper describes it)"  # no name on the list matched
PAPER_KINDS = {"agenda", "minutes", "register", "terms-of-reference", "contract-award", "board-pack"}


@dataclass
class Practice:
    private_items: list[tuple[str, Document, Sentence]] = field(default_factory=list)
    exclusion_grounds: list[tuple[str, Document, Sentence]] = field(default_factory=list)
    questions: list[tuple[str, Document, Sentence]] = field(default_factory=list)  # (status, doc, sentence)
    interests: list[tuple[str, str, Document, Sentence]] = field(default_factory=list)  # (written, provider, ...)
    notice_days: list[tuple[int, Document, Sentence]] = field(default_factory=list)
    awards: list[contracts.Award] = field(default_factory=list)
    nhs_awards: list[tuple[str, str, Document, Sentence]] = field(default_factory=list)  # (trust, route, ...)
    committees_in_private: list[tuple[Document, Sentence]] = field(default_factory=list)
    board_in_public: list[tuple[Document, Sentence]] = field(default_factory=list)
    agenda_items: set[tuple[str, str]] = field(default_factory=set)  # (document, item number) of every agenda item
    papers: int = 0

    def question_counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for status, _, _ in self.questions:
            counts[status] = counts.get(status, 0) + 1
        return counts

    def summary(self) -> dict:
        return {
            "board_papers": self.papers,
            "items_in_private": len(self.private_items),
            "items_in_private_by_document": {
                path: [sum(1 for _, d, _ in self.private_items if d.path == path),
                       sum(1 for p, _ in self.agenda_items if p == path) or None]
                for path in dict.fromkeys(d.path for _, d, _ in self.private_items)},
            "exclusion_grounds": sorted({g for g, _, _ in self.exclusion_grounds}),
            "public_questions": self.question_counts(),
            "private_healthcare_interests": list({(w, p, d.path, s.page): {"declared": w, "provider": p,
                                                                           "document": d.path, "page": s.page}
                                                  for w, p, d, s in self.interests}.values()),
            "papers_published_days_before": sorted({n for n, _, _ in self.notice_days}),
            "contracts_to_non_nhs_providers": [a.summary() for a in self.awards],
            "contracts_to_nhs_providers": [{"provider": n, "route": r, "document": d.path, "page": s.page,
                                            "clause": s.clause} for n, r, d, s in self.nhs_awards],
            "committee_meetings_in_private": len(self.committees_in_private),
        }


def findings_present(practice: Practice) -> dict[str, list[tuple[Document, Sentence, str]]]:
    """Each practice finding a rule can name, with the sentences that show it."""
    out: dict[str, list[tuple[Document, Sentence, str]]] = {}
    for written, provider, doc, s in practice.interests:
        out.setdefault("private-healthcare-interest", []).append((doc, s, f"'{written}' is {provider}"))
    for status, doc, s in practice.questions:
        if status in ("refused", "deferred"):
            out.setdefault("questions-not-answered", []).append((doc, s, f"a public question was {status}"))
    for ground, doc, s in practice.exclusion_grounds:
        if ground == "no grounds stated":
            out.setdefault("items-in-private-without-grounds", []).append((doc, s, "public excluded without stated grounds"))
    for doc, s in practice.board_in_public[:1]:
        out.setdefault("board-meets-in-public", []).append((doc, s, "the paper records a Board meeting held in public"))
    for doc, s in practice.committees_in_private:
        out.setdefault("committee-meets-in-private", []).append((doc, s, "a committee meets in private"))
    for name, cases in contracts.findings(practice.awards).items():
        out.setdefault(name, []).extend(cases)
    return out


def read_practice(documents: list[Document]) -> Practice:
    practice = Practice()
    for doc in documents:
        kinds = {doc.kind, *doc.paper_kinds}
        if not kinds & PAPER_KINDS:
            continue
        practice.papers += 1
        awards, nhs_awards = contracts.read_contracts(doc)
        practice.awards.extend(awards)
        practice.nhs_awards.extend((name, route, doc, s) for name, route, s in nhs_awards)
        sentences = doc.sentences
        has_rows = any(_AGENDA_ROW.match(x.text) for x in sentences)
        sections: dict[tuple, tuple[str, bool, bool]] = {}  # a pack has thousands of sentences and few sections
        for i, s in enumerate(sentences):
            key = tuple(s.section)
            if key not in sections:
                joined = " / ".join(s.section)
                sections[key] = (joined, bool(_PRIVATE_PART.search(joined)), bool(_QUESTION_SECTION.search(joined)))
            section, private_part, question_section = sections[key]
            text = s.text
            low = text.lower()  # the words each pattern needs, looked for before the pattern is run
            if ("exclu" in low or "admission" in low) and _EXCLUSION.search(text) \
                    and not _NEGATED_EXCLUSION.search(text):
                # the grounds often follow in the next sentence of the resolution
                following = " ".join(x.text for x in sentences[i:i + 3] if x.block in (s.block, s.block + 1))
                grounds = [g.group(0).lower() for g in _GROUNDS.finditer(following)]
                practice.exclusion_grounds.extend((g, doc, s) for g in grounds or ["no grounds stated"])
            row = _AGENDA_ROW.match(text)
            if row and "agenda" in kinds:  # minutes list private items in rows, not the whole agenda
                practice.agenda_items.add((doc.path, row.group("n").upper()))
            if private_part and s.kind != "heading" and _private_item(text, row, has_rows) \
                    and all(s.block != other.block for _, d, other in practice.private_items if d is doc):
                practice.private_items.append((text, doc, s))
            if question_section and s.kind != "heading":
                status = next((name for name, pattern in _Q_STATUS if pattern.search(text)), None)
                if status:
                    practice.questions.append((status, doc, s))
            if (_DECLARATION.search(f"{section} {text}") or s.kind == "row") and not _NIL.search(text) \
                    and not _NO_INTEREST.search(text):
                named = find_providers(text)
                for written, provider in named:
                    practice.interests.append((written, provider.name, doc, s))
                described = _DESCRIBED_PRIVATE.search(text)
                if not named and described and _ROLE.search(text):
                    words = described.group(0).split()
                    if "(" in " ".join(words) and ")" not in " ".join(words):
                        words = " ".join(words).split("(")[0].split()  # cut before a bracket the limit left open
                    while words and words[-1].lower() in ("and", "or", "of", "the", "a", "an", "for", "in", "to", "with"):
                        words.pop()  # the phrase is cut at forty characters: end it on a word that ends something
                    practice.interests.append((" ".join(words), DESCRIBED_PROVIDER,
                                               doc, s))
            if "private" in low and _COMMITTEE_PRIVATE.search(text) and s.kind != "heading" and not question_section \
                    and not low.startswith("question"):
                practice.committees_in_private.append((doc, s))
            if s.page <= 2 and "public" in low and _BOARD_IN_PUBLIC.search(text) and "terms-of-reference" not in kinds \
                    and not question_section and not re.search(r"\b(not|next|previous|last)\b", text, re.I):
                practice.board_in_public.append((doc, s))
            m = _PUBLISHED.search(text) if "day" in low else None
            if m:
                practice.notice_days.append((number_value(m.group(2)), doc, s))
        _drop_ungrounded_if_grounded(practice, doc)
    return practice


def _private_item(text: str, row, has_rows: bool) -> bool:
    """An item of private business: a row of the agenda's private part ('Item: B2; Business: ...'),
    or, in a paper without such rows, a line numbered as an item ('B2 ...', '10 ...'), never a
    numbered paragraph of the minutes ('14.1 The following items ...') or the resolution itself."""
    if row:
        return not re.search(r"\bresolution to exclude\b", text, re.I)
    return not has_rows and bool(_PLAIN_ITEM.match(text)) and not _EXCLUSION.search(text)


def _drop_ungrounded_if_grounded(practice: Practice, doc: Document) -> None:
    """An agenda lists 'Resolution to exclude the press and public' and sets the resolution,
    with its grounds, out later: a paper that states grounds anywhere has not excluded without them."""
    mine = [g for g in practice.exclusion_grounds if g[1] is doc]
    if any(g[0] != "no grounds stated" for g in mine):
        practice.exclusion_grounds = [g for g in practice.exclusion_grounds
                                      if not (g[1] is doc and g[0] == "no grounds stated")]
