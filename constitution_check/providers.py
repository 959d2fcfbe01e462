"""Private healthcare providers (corpora/private_providers.yaml) and matching the names
people write in registers of interests against them.

A name matches when its distinctive words (not "health", "care", "ltd"...) correspond,
in both directions, to a provider's name, alias or former name, allowing typos. Both
directions matter: "Spire Church Trust" shares "Spire" with Spire Healthcare, but
"Church" has no partner, so it is not a match."""

import re
from dataclasses import dataclass
from functools import lru_cache

from .areas import data_dir
from .yamlio import load_yaml

_LEGAL = {"ltd", "limited", "plc", "llp", "lp", "inc", "co", "company", "holdings", "holding", "group", "grp",
          "the", "of", "and"}
_GENERIC = {"health", "healthcare", "care", "medical", "services", "service", "hospital", "hospitals", "clinic",
            "clinics", "clinical", "nhs", "partnership", "partners", "solutions", "international", "europe", "global",
            "uk", "gb", "england", "operations", "trading"}


@dataclass
class Provider:
    name: str
    variants: list[str]
    sector: str = "other"
    note: str | None = None
    needs_full_name: bool = False  # its distinctive word is an ordinary word ("Alliance", "Priory")


def _words(text: str) -> list[str]:
    text = text.lower().replace("&", " and ")
    return [w for w in re.sub(r"[^a-z0-9 ]+", " ", text).split() if w not in _LEGAL]


def distinctive(text: str) -> list[str]:
    words = _words(text)
    core = [w for w in words if w not in _GENERIC]
    return core or words


@lru_cache(maxsize=1)
def load_providers() -> list[Provider]:
    path = data_dir() / "private_providers.yaml"
    if not path.exists():
        return []
    data = load_yaml(path.read_text(encoding="utf-8")) or {}
    out = []
    for p in data.get("providers") or []:
        variants = [p["name"], *(p.get("aliases") or []), *(p.get("former_names") or [])]
        out.append(Provider(p["name"], variants, p.get("sector", "other"), p.get("note"),
                            bool(p.get("needs_full_name"))))
    return out


def _token_match(a: str, b: str) -> bool:
    """Equal, or one typing slip apart ('Sprie' for 'Spire'); a longer word is never a
    shorter one's variant ('Capital' is not 'Capita', 'Priority' not 'Priory')."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1 or min(len(a), len(b)) < 5 or a.startswith(b) or b.startswith(a):
        return False  # words whose lengths differ by two or more are never one slip apart
    return _osa_distance(a, b) <= 1


def _osa_distance(a: str, b: str) -> int:
    from rapidfuzz.distance import OSA

    return OSA.distance(a, b)


def _corresponds(left: list[str], right: list[str]) -> bool:
    return bool(left) and bool(right) and all(any(_token_match(a, b) for b in right) for a in left) \
        and all(any(_token_match(b, a) for a in left) for b in right)


def _variant_matches(written: str, variant: str, needs_full_name: bool) -> bool:
    variant_words = _words(variant)
    whole_name_only = needs_full_name or all(w in _GENERIC for w in variant_words) \
        or all(len(w) <= 3 for w in distinctive(variant))
    if whole_name_only:  # "Care UK", "ERS Medical", "Alliance Medical": only the whole name will do
        return _corresponds(_words(written), variant_words)
    return _corresponds(distinctive(written), distinctive(variant))


@lru_cache(maxsize=1)
def _variant_words() -> list[tuple[Provider, bool, list[str], frozenset]]:
    """Each provider variant's words, worked out once: (provider, whole name only, the words to compare, as a set),
    as _variant_matches would work them out for every name written."""
    out = []
    for provider in load_providers():
        for variant in provider.variants:
            words = _words(variant)
            whole = provider.needs_full_name or all(w in _GENERIC for w in words) \
                or all(len(w) <= 3 for w in distinctive(variant))
            compared = words if whole else distinctive(variant)
            out.append((provider, whole, compared, frozenset(compared)))
    return out


@lru_cache(maxsize=65536)
def _partners(word: str) -> frozenset:
    """The words of the provider list that _token_match pairs with this word (it is symmetric)."""
    by_length = _vocabulary_by_length()
    if len(word) < 5:
        return frozenset({word} & set(by_length.get(len(word), ())))
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    # a partner is the same length give or take one and at most one slip away: rapidfuzz finds
    # those among the candidates in one pass, and _token_match's other tests decide
    candidates = [v for n in (len(word) - 1, len(word), len(word) + 1) for v in by_length.get(n, ())]
    close = process.extract(word, candidates, scorer=OSA.distance, score_cutoff=1, limit=None)
    return frozenset(v for v, _, _ in close if _token_match(word, v))


@lru_cache(maxsize=1)
def _vocabulary_by_length() -> dict[int, list[str]]:
    """The words of the provider list, by length."""
    out: dict[int, list[str]] = {}
    for word in sorted({w for _, _, compared, _ in _variant_words() for w in compared}):
        out.setdefault(len(word), []).append(word)
    return out


def _corresponds_known(left: list[str], partners: dict, right: list[str], right_set: frozenset) -> bool:
    """_corresponds(left, right) for a right side from the provider list, by partner sets."""
    if not left or not right or not right_set <= frozenset().union(*(partners[a] for a in left)):
        return False  # some word of the provider's name has no partner in what was written
    return all(partners[a] & right_set for a in left)


@lru_cache(maxsize=16384)
def match_provider(written: str) -> Provider | None:
    """The private provider a written organisation name refers to, or None (the same answer as
    trying _variant_matches on every variant in turn, with each variant's words worked out once)."""
    words = _words(written)
    if not words or all(w in _GENERIC for w in words) and len(words) < 2:
        return None
    core = [w for w in words if w not in _GENERIC] or words  # distinctive(written)
    partners = {w: _partners(w) for w in words}
    variants = _variant_words()
    # only variants with a word that has a partner here can correspond; tried in the list's order
    for i in sorted({i for w in words for partner in partners[w] for i in _variants_with().get(partner, ())}):
        provider, whole, variant_words, variant_set = variants[i]
        if _corresponds_known(words if whole else core, partners, variant_words, variant_set):
            return provider
    return None


@lru_cache(maxsize=1)
def _variants_with() -> dict[str, list[int]]:
    """Each word of the provider list -> the variants (by position) whose compared words hold it."""
    index: dict[str, list[int]] = {}
    for i, (_, _, compared, _) in enumerate(_variant_words()):
        for word in set(compared):
            index.setdefault(word, []).append(i)
    return index


def find_providers(text: str) -> list[tuple[str, Provider]]:
    """Organisation-like runs of capitalised words in a sentence that name a private provider."""
    found = []
    for run in _capitalised_runs(text):
        provider = match_provider(run)
        if provider and all(p.name != provider.name for _, p in found):
            found.append((run, provider))
    return found


_RUN = re.compile(r"(?:[A-Z][\w&'()-]*\.?)(?:\s+(?:[A-Z][\w&'()-]*\.?|of|and|&|the|for|\(\w+\)))*")


def _capitalised_runs(text: str) -> list[str]:
    runs = []
    for m in _RUN.finditer(text):
        run = m.group(0).strip()
        runs.append(run)
        words = run.split()
        if len(words) > 2:  # "Director, Spire Healthcare Group plc" may sit inside a longer run
            for i in range(1, len(words) - 1):
                runs.append(" ".join(words[i:]))
    return runs
