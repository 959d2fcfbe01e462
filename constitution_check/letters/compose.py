"""The facts a letter is written from, taken from a report (never re-judged): which demands are gaps,
in what order, what each finding cites, and what the board papers show. The wording is in templates/."""

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from ..engine.practice import DESCRIBED_PROVIDER
from ..report.model import Evidence, Report, Result

QUOTE_CHARS = 300
# The evidence that best shows *why* a demand is not met comes first: a contrary provision ('present'),
# then a commitment left to discretion or qualified, then what the document does commit to.
_PREFERENCE = {"present": 0, "weak": 1, "contradicted": 1, "negated": 1, "firm": 2, "vetoed": 3}
_PARTIAL_PREFERENCE = {"firm": 0, "weak": 1, "contradicted": 1, "negated": 1, "present": 2, "vetoed": 3}


@dataclass
class Sender:
    name: str | None = None
    address: str | None = None
    email: str | None = None


@dataclass
class LetterOptions:
    sender: Sender = field(default_factory=Sender)
    chair: str | None = None
    on: date = field(default_factory=date.today)
    reply_by: date | None = None


def headline_order() -> tuple[str, ...]:
    """The headline ruleset's demands, read from the ruleset so a change there reaches the letter."""
    from ..engine.loader import load_rulesets

    return tuple(load_rulesets()["headline"].demands)


def ordered(results: list[Result]) -> list[Result]:
    """Headline demands first (in the headline ruleset's order), then the report's own ruleset order."""
    first = headline_order()
    rank = {d: i for i, d in enumerate(first)}
    return sorted(results, key=lambda r: rank.get(r.demand, len(rank)))  # stable: the rest keep their order


def long_date(d: date) -> str:
    return f"{d.day} {d.strftime('%B %Y')}"


def _trim(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= QUOTE_CHARS:
        return text.rstrip(".;:, ")
    cut = text[:QUOTE_CHARS].rsplit(" ", 1)[0]
    return cut.rstrip(".;:, ") + " …"


def _quote_text(ev: Evidence) -> str:
    """The quote without its own clause number at the front, since the letter cites the clause."""
    text = ev.quote.strip()
    if ev.clause and text.startswith(ev.clause):
        text = text[len(ev.clause):].strip()
    text = re.sub(r"^\([a-z]{1,4}\)\s*", "", text)
    return _trim(text.replace('"', "'"))


def _where(ev: Evidence, constitution: str | None = None) -> str:
    """Clause and page; a board paper is named too, since its numbering is not the constitution's."""
    where = f"clause {ev.clause} on page {ev.page}" if ev.clause else f"page {ev.page}"
    if constitution is not None and ev.document != constitution:
        where = f"{where.replace('clause', 'item', 1)} of {_doc_name(ev.document)}"
    return where


def _doc_name(path: str) -> str:
    return path.replace("\\", "/").rsplit("/", 1)[-1]


def _split_point(point: str) -> tuple[str, str]:
    """A rule's letter point is finding then ask; the ask is the closing question."""
    sentences = re.split(r"(?<=[.?!])\s+(?=[A-Z])", point.strip())
    asks = [i for i, s in enumerate(sentences) if s.endswith("?")]
    if not asks:
        return point.strip(), ""
    i = asks[0]
    return " ".join(sentences[:i]), " ".join(sentences[i:])


def _practice(result: Result, report: Report) -> dict:
    """What the board papers add to this demand, as numbers and names for the template."""
    seen = [e for e in result.evidence if e.status == "practice"]
    out: dict = {}
    if seen:
        first = seen[0]
        out["document"], out["page"] = _doc_name(first.document), first.page
        out["kind"] = first.signal.split(":", 1)[-1]
    practice = report.practice or {}
    if result.demand == "private-sector-exclusion" and practice.get("private_healthcare_interests"):
        names = []
        for item in practice["private_healthcare_interests"]:
            # A company the papers only describe ("an independent sector provider ...") is named as such:
            # the described words are cut where the register's cell ends, so they are not quoted.
            name = "a private healthcare company" if item["provider"] == DESCRIBED_PROVIDER else item["provider"]
            if name not in names:
                names.append(name)
        out["providers"] = names
    if result.demand == "public-meetings" and practice.get("board_papers"):
        out["items_in_private"] = practice.get("items_in_private", 0)
        out["grounds"] = practice.get("exclusion_grounds", [])
        questions = practice.get("public_questions", {})
        out["refused"] = questions.get("refused", 0) + questions.get("deferred", 0)
        out["questions"] = sum(v for k, v in questions.items() if k in ("oral", "written"))
    return out


def _best_cite(result: Result) -> Evidence | None:
    """A numbered clause says more to a chair than a bare page (a title page, a heading)."""
    return next((e for e in result.evidence if e.clause), next(iter(result.evidence), None))


def _constitution(report: Report) -> str | None:
    return next((d.path for d in report.documents if d.kind == "constitution"), None)


def gap_facts(result: Result, report: Report, quoted: dict[tuple, str]) -> dict:
    """One gap's facts. `quoted` remembers quotes already used in this letter, so no sentence repeats."""
    home = _constitution(report)
    # a partial finding is best shown by what is firm, beside what is missing; a gap by what stands in the way
    preference = _PARTIAL_PREFERENCE if result.verdict == "partial" else _PREFERENCE
    cited = sorted((e for e in result.evidence if e.status != "practice"),
                   key=lambda e: (e.document != home, preference.get(e.status or "", 2)))
    fresh = [e for e in cited if (e.document, e.page, e.quote) not in quoted]
    quote, earlier = None, None
    if fresh:
        ev = fresh[0]
        quoted[(ev.document, ev.page, ev.quote)] = result.title
        # 'subject' evidence only shows where the topic comes up; it commits to nothing either way.
        quote = {"where": _where(ev, home), "clause": ev.clause, "page": ev.page, "text": _quote_text(ev),
                 "status": "subject" if ev.signal == "subject" else ev.status, "heading": ev.heading}
    elif cited:
        ev = cited[0]
        earlier = {"where": _where(ev, home), "title": quoted[(ev.document, ev.page, ev.quote)]}
    finding, ask = _split_point(result.letter_points[0]) if result.letter_points else ("", "")
    return {
        "demand": result.demand, "title": result.title, "verdict": result.verdict, "quote": quote,
        "earlier": earlier, "finding": finding, "ask": ask,
        "also": sorted({_where(e, home) for e in cited[1:3]} - {quote["where"] if quote else ""}),
        "counts": result.counts or {}, "practice": _practice(result, report),
        "firm": [e.label for e in result.elements if e.status == "firm"],
        "not_firm": [e.label for e in result.elements if e.status != "firm"],
        "searched": result.searched_for[0] if result.searched_for else None,
    }


def letter_context(report: Report, options: LetterOptions) -> dict:
    results = ordered(report.results)
    quoted: dict[tuple, str] = {}
    gaps = [gap_facts(r, report, quoted) for r in results if r.verdict != "met"]
    met = [{"title": r.title, "where": _where(ev, _constitution(report)) if (ev := _best_cite(r)) else None}
           for r in results if r.verdict == "met"]
    constitutions = [d for d in report.documents if d.kind == "constitution"]
    papers = [d for d in report.documents if d.kind != "constitution"]
    sources = {k for r in report.results for k in r.sources}
    reply_by = options.reply_by or options.on + timedelta(weeks=4)
    icb = report.area.icb or (f"NHS {report.area.name} Integrated Care Board" if report.area.name
                              else "the Integrated Care Board")
    return {
        "icb": icb, "area": report.area.name, "councils": report.area.local_authorities,
        "sender": options.sender, "date": long_date(options.on),
        "reply_by": long_date(reply_by), "gaps": gaps, "met": met, "summary": report.summary,
        "total": len(report.results), "pages": sum(d.pages for d in constitutions),
        "constitution": _doc_name(constitutions[0].path) if constitutions else None,
        "papers": [_doc_name(d.path) for d in papers], "konp": "konp" in sources,
        "motion": "motion-2023" in sources,
    }
