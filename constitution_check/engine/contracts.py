"""Contract awards, extensions and roll-overs recorded in board papers: to whom, whether
that provider is in the NHS, by which procurement route, and whether the decision and
its reasons were public. A report on one decision spreads these facts over many
paragraphs, so the facts about a route or about reasons are read from the whole paper
and tied to the private award it records."""

import re
from dataclasses import dataclass

from ..document import Document, Sentence
from ..providers import find_providers

_DECISION = re.compile(
    r"\b(award(s|ed|ing)?|extend(s|ed|ing)?|extension|roll(s|ed|ing)?[- ]?over|renew(s|ed|ing|al)?|re-?let|"
    r"direct award|modif(y|ied|ication)|vary|variation)\b", re.I)
_CONTRACT = re.compile(r"\bcontracts?\b|\bdirect award\b", re.I)
_COMPANY = re.compile(r"\b([A-Z][\w&'.-]*(?:\s+(?:[A-Z][\w&'.-]*|and|&|of))*\s+(?:Ltd|Limited|plc|PLC|LLP|Group))\b")
_DESCRIBED = re.compile(r"\b(independent[- ]sector provider|private (limited )?company|private provider|"
                        r"for-profit|commercial provider)\b", re.I)
_NHS = re.compile(r"\bNHS (foundation )?trust\b|\bfoundation trust\b|\bNHS (body|provider)\b", re.I)
# a decision taken or asked for: a policy on contracts, or a date a contract ends, is not an award
_DECIDED = re.compile(r"\b(approv\w*|agreed|agrees|resolved|decided|awarded|extended|renewed|rolled over|let|"
                      r"(is|are) asked to|recommend\w*|proposes?|proposed|decision)\b", re.I)
# a recommendation or resolution, not an option weighed and rejected or a question from the floor
_NOT_THE_DECISION = re.compile(r"\b(not recommended|rejected|option \d+: run|question:|asked why|asked whether)\b", re.I)
_COMPETITIVE = re.compile(r"\b(following|after|through|by|in|under) (a|an open|the) (competitive (process|tender\w*)|tender\w*)\b", re.I)
_NO_COMPETITION = re.compile(
    r"\bno competitive (process|tender\w*)\b|\bwithout (a |any )?(competitive|competition|tender\w*)\b|"
    r"\bcompetitive tender held:?\s*no\b|\bnot (been )?(advertised|tendered)\b|\bnone has been held\b|"
    r"\bdirect award\b|\b(extension|modification) under (the )?existing contract\b", re.I)
_NHS_NOT_CONSIDERED = re.compile(
    r"\b(did not|does not|has not|was not|were not) (consider|considered|ask|asked|invite|invited)\b[^.;]{0,80}\bNHS\b|"
    r"\bno NHS (provider|trust|body)[^.;]{0,40}\b(was|were|has been) (asked|invited|considered|approached)\b|"
    r"\bno policy (of|that)[^.;]{0,60}\bNHS\b", re.I)
_NO_ALTERNATIVE = re.compile(r"\bno (other|alternative) providers? (was|has been|were|have been) (considered|invited|asked)\b",
                             re.I)
_NHS_CONSIDERED = re.compile(r"\bNHS (providers?|trusts?|bodies)\b[^.;]{0,40}\b(were|was) (invited|asked|considered|approached)\b",
                             re.I)
_REASONS_WITHHELD = re.compile(r"\b(will not be|not be|is not|are not|not) published\b|\bcommercially confidential\b|"
                               r"(?<!\bno part of this report is )(?<!\bnothing is )\bwithheld\b", re.I)
_REASONS_PUBLIC = re.compile(r"\breasons?\b[^.;]{0,120}\b(published|set out|are:|given in public|made public)\b|"
                             r"\bdecision in public\b", re.I)
_PRIVATE_SECTION = re.compile(r"\bpart\s*(b|2|two|ii)\b|\bprivate (session|business|part|items?)\b|\bin private\b|"
                              r"\bconfidential (session|items?|business)\b|\bitems? taken in private\b", re.I)


@dataclass
class Award:
    provider: str
    route: str  # direct award | extension | competitive process | award without competition | not stated
    nhs_considered: bool
    in_private: bool
    reasons_public: bool
    document: Document
    sentence: Sentence  # the decision itself
    shown_by: dict[str, Sentence]  # the sentence that shows each fact: route, nhs, reasons

    def summary(self) -> dict:
        return {"provider": self.provider, "route": self.route, "nhs_considered": self.nhs_considered,
                "decided_in_private": self.in_private, "reasons_public": self.reasons_public,
                "document": self.document.path, "page": self.sentence.page, "clause": self.sentence.clause}


def read_contracts(doc: Document) -> tuple[list[Award], list[tuple[str, str, Sentence]]]:
    """The paper's contract decisions: awards to providers outside the NHS, and (NHS provider,
    route, sentence) for awards to NHS bodies, reported beside them so a reader sees where
    contracts go."""
    decisions = _decisions(doc.sentences)
    return _private_awards(doc, decisions), _nhs_awards(decisions)


def _decisions(sentences: list[Sentence]) -> list[Sentence]:
    """Sentences that record or ask for a decision on a contract: a policy on contracts, the
    date a contract ends, an option weighed and rejected or a question from the floor are not."""
    return [s for s in sentences if s.kind != "heading" and _DECISION.search(s.text) and _CONTRACT.search(s.text)
            and _DECIDED.search(s.text) and not _NOT_THE_DECISION.search(s.text)]


def _nhs_awards(decisions: list[Sentence]) -> list[tuple[str, str, Sentence]]:
    found: list[tuple[str, str, Sentence]] = []
    for s in decisions:
        m = re.match(r"[^,;(]*?(NHS (Foundation )?Trust|Foundation Trust)", _the_awardee(s.text))
        if m and all(m.group(0).strip() != f for f, _, _ in found):
            found.append((m.group(0).strip(), _route(s, [s], {}), s))
    return found


def _private_awards(doc: Document, decisions: list[Sentence]) -> list[Award]:
    """Decisions to award, extend or roll over a contract with a provider outside the NHS."""
    sentences = doc.sentences
    awards: list[Award] = []
    for s in decisions:
        text = s.text
        if _NHS.search(_the_awardee(text)):
            continue
        provider = _private_provider(text)
        if not provider or any(provider in a.provider or a.provider in provider for a in awards):
            continue
        near = _same_decision(sentences, s, provider, doc.kind == "contract-award")
        shown: dict[str, Sentence] = {}
        route = _route(s, near, shown)
        withheld = _first(near, _REASONS_WITHHELD)
        public = _first(near, _REASONS_PUBLIC)
        not_considered = _first(near, _NHS_NOT_CONSIDERED) or _first(near, _NO_ALTERNATIVE)
        considered = _first(near, _NHS_CONSIDERED)
        for fact, found in (("reasons", withheld or public), ("nhs", not_considered or considered)):
            if found:
                shown[fact] = found
        awards.append(Award(provider=provider, route=route, nhs_considered=bool(considered) and not not_considered,
                            in_private=bool(_PRIVATE_SECTION.search(" / ".join(s.section))),
                            reasons_public=bool(public) and not withheld, document=doc, sentence=s, shown_by=shown))
    named = [a for a in awards if not a.provider.startswith("an independent")]
    return named or awards[:1]


def _first(sentences: list[Sentence], pattern: re.Pattern) -> Sentence | None:
    return next((x for x in sentences if pattern.search(x.text)), None)


def _the_awardee(text: str) -> str:
    """The words after 'to' or 'with' that name who gets the contract."""
    m = re.search(r"\b(to|with)\s+(the\s+)?(current provider,?\s+)?([A-Z][^,;.]{0,80})", text)
    return m.group(4) if m else ""


def _private_provider(text: str) -> str | None:
    named = find_providers(text)
    if named:
        return named[0][1].name
    for m in _COMPANY.finditer(text):
        name = m.group(1)
        if not _NHS.search(name) and "NHS" not in name and not re.match(r"(The|A|An)\s", name):
            return name
    if _DESCRIBED.search(text):
        return "an independent sector provider (as the paper describes it)"
    return None


def _same_decision(sentences: list[Sentence], s: Sentence, provider: str, whole_paper: bool) -> list[Sentence]:
    """The sentences about this decision: every top-level section of the paper that names the
    provider, and the decision's own (a report gives its options, reasons and route in
    paragraphs that need not repeat the provider's name). A contract award report is about
    its decisions throughout, except the sections given to a decision for an NHS provider."""
    def top(x: Sentence):
        return x.section[0] if x.section else None

    first = None if provider.startswith("an independent") else provider.split()[0]
    named = {top(x) for x in sentences if first and first in x.text} | {top(s)}
    if whole_paper:
        nhs = {top(x) for x in _decisions(sentences) if _NHS.search(_the_awardee(x.text))}
        return [x for x in sentences if top(x) in named or top(x) not in nhs]
    return [x for x in sentences if top(x) in named or x is s]


def _route(s: Sentence, near: list[Sentence], shown: dict[str, Sentence]) -> str:
    if _COMPETITIVE.search(s.text):
        return "competitive process"
    for pattern, route in ((re.compile(r"\bdirect award\b", re.I), "direct award"),
                           (re.compile(r"\b(extend|extension|roll(ed)?[- ]?over|modif)", re.I), "extension")):
        if pattern.search(s.text):
            no_tender = _first(near, _NO_COMPETITION)
            shown["route"] = no_tender or s
            return route
    no_tender = _first(near, _NO_COMPETITION)
    if no_tender:
        shown["route"] = no_tender
        return "award without competition"
    tender = _first(near, _COMPETITIVE)
    if tender:
        shown["route"] = tender
        return "competitive process"
    return "award (route not stated)"


def _decision(a: Award) -> str:
    """'an extension of the contract with X', 'a direct award to X': how a letter names the decision."""
    if a.route == "extension":
        return f"an extension of the contract with {a.provider}"
    if a.route == "direct award":
        return f"a direct award of a contract to {a.provider}"
    if a.route == "competitive process":
        return f"a contract awarded to {a.provider} after a competitive process"
    return f"an award of a contract to {a.provider} ({a.route})"


def findings(awards: list[Award]) -> dict[str, list[tuple[Document, Sentence, str]]]:
    out: dict[str, list[tuple[Document, Sentence, str]]] = {}
    for a in awards:
        competitive = a.route == "competitive process"
        decision = _decision(a)
        if not a.nhs_considered:
            out.setdefault("private-award-no-nhs-option", []).append(
                (a.document, a.shown_by.get("nhs", a.sentence), f"{decision} with no NHS provider considered"))
        if not competitive:
            out.setdefault("private-award-without-tender", []).append(
                (a.document, a.shown_by.get("route", a.sentence), f"{decision} without a competitive tender"))
        if (a.in_private or not a.reasons_public) and not competitive:
            why = "decided in private" if a.in_private else "without reasons given in public"
            out.setdefault("private-award-without-public-reasons", []).append(
                (a.document, a.shown_by.get("reasons", a.sentence), f"{decision} {why}"))
    return out
