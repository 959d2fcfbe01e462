"""councillor-per-authority: count the local-authority members the Board provides for,
whether they must be elected councillors, and the councils in the area; then compare."""

import re
from dataclasses import dataclass, field

from ..areas import Area, find_councils
from ..document import Document, Sentence
from .findings import Hit
from .patterns import NUMBER_WORDS, number_value

# gaps in the patterns below let "clause 1.2" through: a dot before a digit does not end a sentence
_PROFESSIONAL_COUNCILS = r"(?<!medical )(?<!midwifery )(?<!professions )(?<!pharmaceutical )(?<!dental )(?<!research )"
_LA = re.compile(r"local authorit(y|ies)|" + _PROFESSIONAL_COUNCILS + r"\bcouncils?\b|local government", re.I)
_LA_MEMBER = r"(?:local authority|local government|council)\s+(?:partner\s+|ordinary\s+|board\s+)?members?"
_NUM = "|".join(NUMBER_WORDS) + r"|\d{1,2}|an?|single"
_NOT_CLAUSE = r"(?<![\d.])"  # "2.7 Local authority members" is clause 2.7, not seven members
_QUAL = r"(?P<qual>up to|at least|not more than|no more than|a maximum of|a minimum of|not fewer than|no fewer than)?\s*"
_COUNTS = [
    # "two Local Authority Partner Members", "up to three local authority members"
    re.compile(rf"\b{_QUAL}\b{_NOT_CLAUSE}(?P<n>{_NUM})\s+(?:\((?:\d+|{_NUM})\)\s+)?{_LA_MEMBER}\b", re.I),
    # "one partner member nominated jointly by the local authorities", "two members appointed by the councils"
    re.compile(rf"\b{_QUAL}\b{_NOT_CLAUSE}(?P<n>{_NUM})\s+(?:\((?:\d+|{_NUM})\)\s+)?(?:partner\s+|ordinary\s+|further\s+|additional\s+)?members?"
               r"(?:[^.;]|\.(?=\d)){0,40}?\b(?:nominated|appointed|drawn|proposed|selected)\s+(?:jointly\s+|collectively\s+)?"
               r"(?:by|from)\s+(?:the\s+|each\s+of\s+the\s+)?(?:\w+\s+){0,2}?(?:local authorit|councils?\b)", re.I),
    # "... two of whom are nominated by the trusts, one by the local authorities"
    re.compile(rf"\b{_NOT_CLAUSE}(?P<n>{_NUM})\s+(?:of whom\s+)?(?:is\s+|are\s+|shall be\s+|will be\s+)?(?:nominated\s+|appointed\s+)?"
               r"by\s+the\s+(?:\w+\s+)?local authorit", re.I),
]
_SINGULAR = re.compile(r"\bthe\s+" + _LA_MEMBER.replace("members?", "member") + r"\b(?!s)", re.I)
_ROW_NUMBER = re.compile(rf"\b(?:number|seats|no\.?|members|how many)\s*:\s*(?P<n>{_NUM})\b", re.I)
_EACH = re.compile(r"\b(each|every)\s+(?:one\s+)?(?:of\s+the\s+)?(?:\w+\s+)?(?:local authorit\w*|councils?|constituent councils?)\b"
                   r"(?!\s+(?:partner\s+)?members?)"
                   r"(?:[^.;]|\.(?=\d)){0,60}\b(nominates?|appoints?|has a|have a|shall have|will have|is entitled|may nominate|"
                   r"is represented|shall nominate|will nominate|member)|"
                   r"\bone\b(?:[^.;]|\.(?=\d)){0,80}\b(from|for|nominated by|by|of)\s+each\b|\bper (local authority|council)\b|"
                   r"\bfor each (local authority|council)\b", re.I)
_JOINT = re.compile(r"jointly nominated|nominated jointly|joint(ly)? (nomination|agreed)|collectively nominated|"
                    r"nominated by the (\w+ )?local authorities (acting )?(together|jointly|collectively)|"
                    r"on behalf of (all )?the (\w+ )?(local authorities|councils)", re.I)
_COUNCILLOR_REQUIRED = re.compile(
    r"\b(must|shall|will|is required to|are required to|is to|are to)\b(?:[^.;]|\.(?=\d)){0,80}\b(be|hold office as|serve as)\b"
    r"(?:[^.;]|\.(?=\d)){0,40}\b(an? )?(serving |sitting |current )?(elected (member|councillor|representative)|councillors?|"
    r"elected politician)|"
    r"^\(?[a-z0-9]{1,3}[.)]\s*(be |is )?(an? )?(serving |sitting )?(elected member|councillor)|"
    r"\bonly\b(?:[^.;]|\.(?=\d)){0,40}\b(elected members?|councillors?)\b(?:[^.;]|\.(?=\d)){0,60}\b(may|can|is eligible|are eligible|shall|will)\b|"
    r"\b(eligible|qualif\w+)\b(?:[^.;]|\.(?=\d)){0,100}\bonly if\b(?:[^.;]|\.(?=\d)){0,100}\b(elected member|councillor)|"
    r"\b(may|shall|will|must) not (nominate|appoint|put forward) (one of )?(its |their |an? )?(officers?|employees?)|"
    r"\bnominat\w*\b(?:[^.;]|\.(?=\d)){0,40}\b(one of its|one of their|from among its|from among their|from its|from their)\s+"
    r"(own\s+)?((serving|sitting|current)\s+)?(elected\s+)?(elected members|councillors)|"
    r"\b(one|an?)\s+(elected member|councillor)\s+(from|of|for)\s+each\b|"
    r"\b(unless|only if|provided that)\b(?:[^.;]|\.(?=\d)){0,80}\b(an? )?(serving |sitting |elected )?(councillor|elected member)", re.I)
_COUNCILLOR_NAMED = re.compile(r"\b(elected members?|councillors?|cllr|elected representatives?|leaders? of|"
                               r"cabinet members?|portfolio holders?|mayors?)\b", re.I)
_NOMINEE = re.compile(r"\bnominee|person nominated|member nominated|nominated under|nominated member|"
                      r"person (so )?nominated|individual nominated", re.I)
_OFFICER_BARRED = re.compile(r"\b(may|shall|will|must|can) not (nominate|appoint|be|put forward)\b(?:[^.;]|\.(?=\d)){0,20}\b(officers?|employees?)|"
                             r"\bneither\b(?:[^.;]|\.(?=\d)){0,30}\bnominate\b(?:[^.;]|\.(?=\d)){0,30}\b(officers?|employees?)|"
                             r"\b(officers?|employees?)\b(?:[^.;]|\.(?=\d)){0,40}\b(is|are) not eligible|\bnot (be )?an? (senior )?officer", re.I)
_NEAR_NEGATIVE = re.compile(r"\b(not|no|nor|never)\b(?:(?!nominat)[^.;]|\.(?=\d)){0,40}\b(attend|participant|observer|member|sit|seat)", re.I)
_OFFICER = re.compile(r"\bor (an? |its |their |the )?(senior )?(officer|employee|chief executive|director)\b|"
                      r"\b(be|is) (the |its |a |an )?(chief executive|director|senior officer|officer)\b|\bofficers? or (an? )?elected|"
                      r"\b(elected member|councillor) or (an? )?(senior )?(officer|chief executive|employee)|"
                      r"either an elected member or|need not be (an? )?(elected|councillor)|"
                      r"\bmay (also )?be (an? )?(senior )?(officer|employee|chief executive|director)", re.I)
_NON_VOTING = re.compile(r"non-voting|participants?|observers?|in attendance|attend\b", re.I)
_NEGATIVE = re.compile(r"\b(not|no|nor|never|none)\b", re.I)
_OTHER_BODY = re.compile(r"partnership|committee|place (board|partnership|forum)|locality|health and wellbeing board|"
                         r"joint forum|assembly|collaborative", re.I)
_AREA_CLAUSE = re.compile(r"\barea\b[^.]{0,120}\b(comprise|cover|coterminous|consist|made up|include|boundar|is the)|"
                          r"\blocal authorities\b[^.]{0,40}\b(are|is|in the area|whose areas?)|\bnominated by\b", re.I)
_NEGATED_AREA = re.compile(r"\b(not|excluding|outside|except|other than|no longer|formerly|former|replac\w*|abolished)\b", re.I)
_AVOID_SECTIONS = ("definition", "glossary", "interpretation")


def _to_int(word: str) -> int:
    return 1 if word.lower() in ("a", "an", "single") else number_value(word)


@dataclass
class Analysis:
    verdict: str
    reason: str
    hits: list[Hit]
    counts: dict
    elements: dict[str, str] = field(default_factory=dict)


_ROSTER_HEADING = re.compile(r"\b(members? present|present|apologies|members of the board|board members?|membership|"
                             r"register of interests|section a)\b", re.I)
_NOT_MEMBERS = re.compile(r"\b(participants?|in attendance|attendees?|observers?|non-voting|not members?|"
                          r"committee members? who are not|questions?)\b", re.I)
_ROSTER_LA = re.compile(r"\blocal authorit(y|ies)\b[^;.]{0,40}\bmember|\bpartner member:?,?\s*(for\s+)?local authorit", re.I)
_IS_COUNCILLOR = re.compile(r"\b(councillor|cllr|elected member)\b", re.I)


def analyse(documents: list[Document], area: Area | None, area_source: str) -> Analysis:
    if documents and not any(d.kind == "constitution" for d in documents):
        roster = _from_roster(documents, area)
        if roster is not None:
            return roster
    member_hits: list[Hit] = []
    counts: list[tuple[int, str | None]] = []
    singular = per_council = joint = required = officers = non_voting_councillors = False
    named_nominators: set[str] = set()
    nominator_hits: list[Hit] = []
    for doc in documents:
        for s in doc.sentences:
            if not _board_context(s):
                continue
            text = s.text
            full = f"{s.lead_in} {text}" if s.lead_in else text
            about_la = bool(_LA.search(full)) or bool(_LA.search(s.heading or ""))
            if not about_la:
                continue
            if _COUNCILLOR_NAMED.search(text) and _NON_VOTING.search(text) and re.search(r"\bboard\b", full, re.I) \
                    and not _NEAR_NEGATIVE.search(text):
                non_voting_councillors = True
                member_hits.append(_hit(s, doc, "non-voting-councillors"))
                continue
            found = _count_in(s, text)
            if found is not None:
                counts.append(found)
                member_hits.append(_hit(s, doc, "local-authority-members"))
            elif _SINGULAR.search(text):
                singular = True
            if _EACH.search(text) and not _NEGATIVE.search(text) and not _OTHER_BODY.search(text) \
                    and (found is not None or re.search(r"member|nominat|appoint|seat", text, re.I)):
                per_council = True
                member_hits.append(_hit(s, doc, "one-per-council"))
            la_member_context = bool(re.search(_LA_MEMBER, f"{full} {s.heading or ''}", re.I)) or found is not None \
                or bool(_NOMINEE.search(full) and _LA.search(full))
            if _JOINT.search(text) and la_member_context:
                joint = True
                member_hits.append(_hit(s, doc, "jointly-nominated"))
            if la_member_context and _COUNCILLOR_REQUIRED.search(text if not s.lead_in else full):
                required = True
                member_hits.append(_hit(s, doc, "must-be-councillor"))
            if la_member_context and _OFFICER.search(full) and not _OFFICER_BARRED.search(text):
                officers = True
                member_hits.append(_hit(s, doc, "officer-may-be-nominated"))
            if re.search(r"nominated by|nominee of|nominates", text, re.I) and la_member_context:
                named = {c.name for c, _, _ in find_councils(text)}
                if named:
                    named_nominators |= named
                    nominator_hits.append(_hit(s, doc, "one-per-council"))
    if not counts and (singular or joint):
        counts.append((1, None))
    councils, council_hits = _councils(documents, area, area_source)
    names = [c.name for c in councils]
    n_members = max((c for c, _ in counts), default=0)
    qualifier = next((q for c, q in counts if c == n_members and q), None)
    if names and set(names) <= named_nominators and not joint:
        per_council = True  # every council is named as nominating a member of its own
        member_hits.extend(nominator_hits)
    if per_council and len(councils) > n_members:
        n_members = len(councils)
    result_counts = {
        "members": n_members, "members_qualifier": qualifier, "one_per_council": per_council,
        "councils": len(councils), "council_names": names, "councils_source": area_source if area else "document",
        "must_be_councillors": required and not officers, "officers_allowed": officers,
        "extra_councillors_non_voting": non_voting_councillors,
    }
    hits = sorted(_dedupe(member_hits), key=_specificity) + council_hits[:2]
    if not counts and not per_council:
        return Analysis("silent" if not non_voting_councillors else "partial",
                        "No provision for local authority members of the Board was found." if not non_voting_councillors
                        else "Councillors attend the Board only as non-voting participants.",
                        hits, result_counts)
    with_member = names if (per_council or n_members >= len(councils)) else sorted(named_nominators & set(names))
    without = [n for n in names if n not in with_member]
    result_counts["councils_without_member"] = without
    verdict, reason = _decide(n_members, len(councils), per_council, joint, required, officers,
                              non_voting_councillors, qualifier, names, without)
    return Analysis(verdict, reason, hits, result_counts)


def _from_roster(documents: list[Document], area: Area | None) -> Analysis | None:
    """Board papers do not provide for members; they list them ('Members present', a register
    of interests). Count the local authority members listed and whether each is a councillor."""
    entries: dict[str, tuple[Sentence, Document]] = {}
    for doc in documents:
        for s in doc.sentences:
            where = f"{' / '.join(s.section)} {s.heading or ''}"
            if s.kind not in ("row", "item") or not _ROSTER_HEADING.search(where) or _NOT_MEMBERS.search(where):
                continue
            if _ROSTER_LA.search(s.text) and not _NOT_MEMBERS.search(s.text):
                entries.setdefault(s.text.split(";")[0].strip().lower(), (s, doc))
    if not entries:
        return None
    councils = area.councils_on() if area is not None else []
    names = [c.name for c in councils]
    councillors = [(s, d) for s, d in entries.values() if _IS_COUNCILLOR.search(s.text)]
    joint = any(_JOINT.search(s.text) for s, _ in entries.values())
    own: set[str] = set()
    for s, _ in councillors:
        named = {c.name for c, _, _ in find_councils(s.text)} & set(names)
        if len(named) == 1 and not _JOINT.search(s.text):
            own |= named
    without = [n for n in names if n not in own]
    members, n_councils = len(entries), len(names)
    counts = {"members": members, "members_qualifier": None, "one_per_council": not without and bool(names),
              "councils": n_councils, "council_names": names, "councils_source": "reference" if area else "none",
              "must_be_councillors": len(councillors) == members, "officers_allowed": len(councillors) < members,
              "extra_councillors_non_voting": False, "councils_without_member": without, "from": "list of members"}
    listing = ", ".join(names) or "not identified (give --area)"
    head = (f"The board papers list {members} local authority member(s) of the Board, {len(councillors)} of them "
            f"elected councillor(s); the area has {n_councils} council(s): {listing}.")
    if names and not without and len(councillors) == members:
        verdict, tail = "met", " Every council has an elected councillor of its own among the members."
    elif members == 1 and (n_councils > 1 or not councillors):
        who = "jointly nominated by all the councils" if joint else "for the whole area"
        kind = "an elected councillor" if councillors else "a council officer, not an elected councillor"
        verdict, tail = "not_met", f" A single member {who}, who is {kind}, stands for {n_councils} council(s)."
    elif not councillors:
        verdict, tail = "not_met", " None of them is an elected councillor."
    else:
        verdict = "partial"
        tail = f" Councils without a councillor of their own: {', '.join(without)}." if without else \
            " Not every local authority member is an elected councillor."
    hits = [_hit(s, d, "listed-local-authority-member") for s, d in entries.values()]
    return Analysis(verdict, head + tail, hits, counts)


def _specificity(hit: Hit) -> tuple:
    """The clause about local-authority members first; a summary of the statute last."""
    heading = (hit.sentence.heading or "").lower()
    about_la = "local authorit" in heading or "council" in heading
    statutory = "schedule 1b" in hit.sentence.text.lower()
    return (statutory, not about_la, hit.sentence.page, hit.sentence.id)


def _board_context(s: Sentence) -> bool:
    """Only the Board's own membership counts: not place boards, committees or the partnership."""
    path = " / ".join(s.section).lower()
    if any(w in path for w in _AVOID_SECTIONS):
        return False
    if _OTHER_BODY.search(path) and not re.search(r"\bboard\b|membership|composition|partner member", path):
        return False
    if re.search(r"\bquorum|\bquorate", s.text, re.I):
        return False
    if _OTHER_BODY.search(s.text) and not re.search(r"of the board|board members?|partner members?|on the board",
                                                    s.text, re.I):
        return False
    return True


def _decide(members, n_councils, per_council, joint, required, officers, non_voting, qualifier, names, without):
    who = "elected councillors" if required and not officers else (
        "councillors or council officers" if officers else "not required to be elected councillors")
    q = f"{qualifier} " if qualifier else ""
    if n_councils == 0:
        base = f"The Board provides for {q}{members} local authority member(s) ({who}), but the councils in the area " \
               "could not be identified; give --area to compare."
        return ("partial" if members > 1 or per_council else "not_met"), base
    listing = ", ".join(names)
    head = f"The Board provides for {q}{members} local authority member(s) ({who}); the area has {n_councils} " \
           f"council(s): {listing}."
    if members >= n_councils or per_council:
        if required and not officers:
            return "met", head + " Every council has an elected councillor on the Board."
        if officers:
            return "partial", head + " There is a seat for each council, but the council may nominate an officer " \
                                     "instead of an elected councillor."
        return "partial", head + " There is a seat for each council, but nothing requires the members to be " \
                                 "elected councillors."
    missing = f" Councils without a member of their own: {', '.join(without)}." if without else ""
    if members > 1:
        return "partial", head + f" That is fewer members than councils.{missing}"
    if non_voting:
        return "partial", head + " Other councillors take part only as non-voting participants." + missing
    joint_note = " jointly nominated by all the councils" if joint else ""
    # one member for every council: listing them all again as 'without a member' says nothing new
    return "not_met", head + f" A single member{joint_note} stands for {n_councils} councils, so none has a member of its own."


def _count_in(s: Sentence, text: str) -> tuple[int, str | None] | None:
    if s.kind == "row":
        role = text.split(";", 1)[0]
        m = _ROW_NUMBER.search(text)
        if m and re.search(_LA_MEMBER + r"|local authority|council member", role, re.I):
            return _to_int(m.group("n")), None
        return None
    for pattern in _COUNTS:
        m = pattern.search(text)
        if m:
            qual = m.groupdict().get("qual")
            return _to_int(m.group("n")), (qual or "").lower() or None
    return None


def _councils(documents: list[Document], area: Area | None, area_source: str):
    if area is not None and area_source == "reference":
        return area.councils_on(), []
    found: dict[str, object] = {}
    hits: list[Hit] = []
    for doc in documents:
        for s in doc.sentences:
            path = " / ".join(s.section).lower()
            if any(w in path for w in _AVOID_SECTIONS):
                continue
            full = f"{s.lead_in} {s.text}" if s.lead_in else s.text
            if not (_AREA_CLAUSE.search(full) or re.search(r"\barea\b", path)) or _NEGATED_AREA.search(s.text):
                continue
            named = find_councils(s.text)
            if named:
                hits.append(_hit(s, doc, "councils-in-area"))
            for council, _, _ in named:
                found.setdefault(council.name, council)
    if area is not None and found:
        known = {c.name for c in area.councils}
        inside = {n: c for n, c in found.items() if n in known}
        found = inside or found
    current = [c for c in found.values() if not c.until]
    if current:
        return current, hits
    if found:
        return list(found.values()), hits
    if area is not None:
        return area.councils_on(), []
    return [], []


def _hit(s: Sentence, doc: Document, signal: str) -> Hit:
    return Hit("councillor-per-authority", signal, "element", s, doc.path, "firm", s.text[:60])


def _dedupe(hits: list[Hit]) -> list[Hit]:
    seen, out = set(), []
    for h in hits:
        key = (h.sentence.id, h.document, h.target)
        if key not in seen:
            seen.add(key)
            out.append(h)
    return out
