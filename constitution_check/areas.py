"""Reference data on every ICB area and its councils, name resolution, and finding the
councils a document names. Names are matched fuzzily with rapidfuzz."""

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .errors import AreaError
from .yamlio import load_yaml

_COUNCIL_WORDS = re.compile(
    r"\b(metropolitan borough council|metropolitan district council|borough council|city council|"
    r"county council|district council|council|corporation|royal borough of|london borough of|city of)\b", re.I)
_ABBREVIATIONS = {"ne": "north east", "nw": "north west", "se": "south east", "sw": "south west", "st": "saint"}


def data_dir() -> Path:
    packaged = Path(__file__).resolve().parent / "corpora_data"
    return packaged if packaged.is_dir() else Path(__file__).resolve().parents[1] / "corpora"


@dataclass
class Council:
    name: str
    short: str
    variants: list[str]
    coverage: str = "whole"
    until: str | None = None
    start: str | None = None


@dataclass
class Area:
    key: str
    name: str
    icb: str
    aliases: list[str]
    region: str | None
    status: str
    councils: list[Council] = field(default_factory=list)
    raw: dict = field(default_factory=dict)

    @property
    def dissolved(self) -> str | None:
        """The day the board ceased to exist (ISO), for the boards dissolved in April 2026."""
        return _date(self.raw.get("dissolved"))

    def own_date(self) -> str | None:
        """The board's last day, for a dissolved board: its area is judged as it stood then."""
        if not self.dissolved:
            return None
        import datetime

        return (datetime.date.fromisoformat(self.dissolved) - datetime.timedelta(days=1)).isoformat()

    def dissolution_note(self) -> str | None:
        """'the board was dissolved on 2026-04-01 and merged into NHS Central East Integrated Care Board; ...'"""
        if not self.dissolved:
            return None
        areas = load_areas()
        successors = [areas[s["key"]].icb if s.get("key") in areas else str(s.get("key"))
                      for s in self.raw.get("successors") or []]
        into = f" and merged into {' and '.join(successors)}" if successors else ""
        return (f"the board was dissolved on {self.dissolved}{into}; it is judged against its own area "
                f"and councils as they stood on {self.own_date()}")

    def councils_on(self, date: str | None = None) -> list[Council]:
        """The councils of the area on a date (ISO), or as they stand now (a dissolved board's: on its last day)."""
        date = date or self.own_date()
        out = []
        for c in self.councils:
            if date:
                if c.start and c.start > date or c.until and c.until < date:
                    continue
            elif c.until:
                continue
            out.append(c)
        return out


def normalise_name(text: str) -> str:
    text = text.lower().replace("&", " and ").replace("'", "")
    text = re.sub(r"[^a-z0-9 ]+", " ", text)
    words = [_ABBREVIATIONS.get(w, w) for w in text.split()]
    return " ".join(words)


def council_core(name: str) -> str:
    """'London Borough of Hackney' -> 'Hackney'; 'Swindon Borough Council' -> 'Swindon'."""
    core = _COUNCIL_WORDS.sub(" ", name)
    return " ".join(core.replace("(", " ").replace(")", " ").split()).strip(" ,")


@lru_cache(maxsize=1)
def load_areas() -> dict[str, Area]:
    data = load_yaml((data_dir() / "areas.yaml").read_text(encoding="utf-8"))
    areas: dict[str, Area] = {}
    for raw in data["areas"]:
        councils = []
        for la in raw.get("local_authorities") or []:
            variants = {la["name"], la.get("short") or "", council_core(la["name"]), *(la.get("aliases") or [])}
            councils.append(Council(name=la["name"], short=la.get("short") or council_core(la["name"]),
                                    variants=sorted(v for v in variants if v and len(v) >= 3),
                                    coverage=la.get("coverage") or "whole",
                                    until=_date(la.get("until")), start=_date(la.get("from"))))
        areas[raw["key"]] = Area(key=raw["key"], name=raw["name"], icb=raw["icb"],
                                 aliases=list(raw.get("aliases") or []), region=raw.get("region"),
                                 status=raw.get("status", "current"), councils=councils, raw=raw)
    return areas


def _date(value) -> str | None:
    return str(value) if value else None


def with_dissolution(how: str, area: Area | None) -> str:
    """How the area was found, and, for a board that no longer exists, when it was dissolved and into what."""
    note = area.dissolution_note() if area is not None else None
    return f"{how}; {note}" if note else how


def _names(area: Area) -> list[str]:
    return [area.key, area.name, area.icb, *area.aliases]


def resolve_area(name: str) -> Area:
    areas = load_areas()
    wanted = normalise_name(name)
    for area in areas.values():
        if any(normalise_name(n) == wanted for n in _names(area)):
            return area
    from rapidfuzz import fuzz, process

    choices = {f"{area.key}|{i}": normalise_name(n) for area in areas.values() for i, n in enumerate(_names(area))}
    best = process.extract(wanted, choices, scorer=fuzz.WRatio, limit=30)
    if best and best[0][1] >= 93:
        return areas[best[0][2].split("|")[0]]
    suggestions: list[str] = []
    for _, _, key in best:
        area_name = areas[key.split("|")[0]].name
        if area_name not in suggestions:
            suggestions.append(area_name)
    raise AreaError(f"unknown area '{name}'; nearest: {'; '.join(suggestions[:3])}")


def all_councils() -> list[Council]:
    seen: dict[str, Council] = {}
    for area in load_areas().values():
        for council in area.councils:
            seen.setdefault(council.name, council)
    return list(seen.values())


@lru_cache(maxsize=1)
def _council_patterns():
    """Each council variant as a case-sensitive word-boundary regex on '&'-normalised text,
    so 'Reading' the council is found but 'reading' the verb is not."""
    patterns = []
    for council in all_councils():
        for variant in council.variants:
            text = variant.replace("&", "and")
            patterns.append((council, re.compile(r"(?<![A-Za-z])" + re.escape(text) + r"(?![A-Za-z])"), text))
    return patterns


def find_councils(text: str) -> list[tuple[Council, int, int]]:
    """Councils named in a piece of text, longest names first: 'North Lincolnshire' is not
    also read as 'Lincolnshire'. Falls back to fuzzy matching for spelling variants."""
    prepared = _expand_abbreviations(text.replace("&", "and"))
    spans: list[tuple[Council, int, int]] = []
    for council, pattern, literal in _council_patterns():
        if literal not in prepared:  # the regex needs the name itself: a substring test is far cheaper
            continue
        for m in pattern.finditer(prepared):
            spans.append((council, m.start(), m.end()))
    spans.sort(key=lambda s: -(s[2] - s[1]))
    kept: list[tuple[Council, int, int]] = []
    for span in spans:
        if not any(span[1] >= k[1] and span[2] <= k[2] for k in kept):
            kept.append(span)
    if not kept:
        kept = _fuzzy_councils(text)
    return sorted(kept, key=lambda s: s[1])


_COMPASS = {"NE": "North East", "NW": "North West", "SE": "South East", "SW": "South West"}


def _expand_abbreviations(text: str) -> str:
    """'Bath and NE Somerset' -> 'Bath and North East Somerset'; same length is not kept,
    so callers use the result for naming councils, not for offsets into the original."""
    return re.sub(r"\b(NE|NW|SE|SW)\b", lambda m: _COMPASS[m.group(1)], text)


def _fuzzy_councils(text: str) -> list[tuple[Council, int, int]]:
    from rapidfuzz import fuzz

    norm = normalise_name(text)
    found = []
    for council, targets in _fuzzy_targets():
        for target in targets:
            score = fuzz.partial_ratio(target, norm)
            if score >= 90:
                found.append((council, 0, 0))
                break
    return found


@lru_cache(maxsize=1)
def _fuzzy_targets() -> list[tuple[Council, list[str]]]:
    """Each council's normalised name and short name (eight letters or more), worked out once."""
    out = []
    for council in all_councils():
        targets = [normalise_name(v) for v in {council.name, council.short}]
        out.append((council, [t for t in targets if len(t) >= 8]))
    return out


def detect_area(texts: list[str]) -> tuple[Area | None, str | None]:
    """The area a document is about, from its own name of the board: the ICB's legal name
    or an alias, counted over the document's opening text."""
    areas = load_areas()
    counts: dict[str, int] = {}
    joined = normalise_name(" ".join(texts))
    for area in areas.values():
        for n in {area.icb, f"NHS {area.name}", f"{area.name} Integrated Care Board", f"{area.name} ICB"}:
            hits = joined.count(normalise_name(n))
            if hits:
                counts[area.key] = counts.get(area.key, 0) + hits * len(n)
    if not counts:
        return None, None
    key = max(counts, key=counts.get)
    return areas[key], f"the document names itself '{areas[key].icb}'"
