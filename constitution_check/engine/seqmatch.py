"""A token-sequence matcher indexed by each pattern's first required word.

spaCy's Matcher tries every pattern at every token, which made matching the slowest step
of a check. Here a pattern is only tried where its anchor word (or word prefix) occurs,
so the cost grows with the words a sentence shares with the rules, not with the rules.
Token specs are the ones compile_segments makes: {} (any token), {"LOWER": word},
{"LOWER": {"IN": [...]}}, {"LOWER": {"REGEX": "^(a\\w*|b)$"}}, each with an optional
"OP" of "?" or "{m,n}"."""

import re
from dataclasses import dataclass

_PREFIX_REGEX = re.compile(r"^\^\((.*)\)\$$")


@dataclass(frozen=True)
class Spec:
    words: frozenset | None  # exact lower-case words, or None for any token
    prefixes: tuple = ()
    regex: object = None
    low: int = 1  # how many times it must occur
    high: int = 1  # and may occur

    def accepts(self, lower: str) -> bool:
        if self.words is None and not self.prefixes and self.regex is None:
            return True
        if self.words and lower in self.words:
            return True
        if self.prefixes and lower.startswith(self.prefixes):
            return True
        return bool(self.regex is not None and self.regex.match(lower))


def to_spec(spec: dict) -> Spec:
    op = spec.get("OP")
    low, high = 1, 1
    if op == "?":
        low, high = 0, 1
    elif op:
        a, b = op.strip("{}").split(",")
        low, high = int(a or 0), int(b or 8)
    lower = spec.get("LOWER")
    if lower is None:
        return Spec(None, (), None, low, high)
    if isinstance(lower, str):
        return Spec(frozenset([lower]), (), None, low, high)
    if "IN" in lower:
        return Spec(frozenset(lower["IN"]), (), None, low, high)
    pattern = lower["REGEX"]
    inner = _PREFIX_REGEX.match(pattern)
    if inner and "\\d" not in pattern:
        words, prefixes = set(), []
        for alt in inner.group(1).split("|"):
            if alt.endswith("\\w*"):
                prefixes.append(alt[:-3].replace("\\", ""))
            else:
                words.add(alt.replace("\\", ""))
        return Spec(frozenset(words), tuple(prefixes), None, low, high)
    return Spec(frozenset(), (), re.compile(pattern), low, high)


class SequenceMatcher:
    def __init__(self):
        self.patterns: list[tuple[str, tuple[Spec, ...], int]] = []  # key, specs, anchor index
        self.by_word: dict[str, list[int]] = {}
        self.by_prefix: dict[str, list[int]] = {}  # first three letters of a prefix -> patterns
        self.short_prefixes: list[tuple[str, int]] = []
        self.unanchored: list[int] = []

    def add(self, key: str, specs: list[dict]) -> None:
        compiled = tuple(to_spec(s) for s in specs)
        anchor = next((i for i, s in enumerate(compiled) if s.low >= 1 and (s.words or s.prefixes)), None)
        n = len(self.patterns)
        self.patterns.append((key, compiled, anchor if anchor is not None else -1))
        if anchor is None:
            self.unanchored.append(n)
            return
        spec = compiled[anchor]
        for word in spec.words or ():
            self.by_word.setdefault(word, []).append(n)
        for prefix in spec.prefixes:
            if len(prefix) >= 3:
                self.by_prefix.setdefault(prefix[:3], []).append(n)
            else:
                self.short_prefixes.append((prefix, n))

    def __call__(self, words: list[str]) -> list[tuple[str, int, int]]:
        candidates: dict[int, set[int]] = {}
        for position, word in enumerate(words):
            hits = list(self.by_word.get(word, ()))
            hits += self.by_prefix.get(word[:3], ())
            hits += [n for prefix, n in self.short_prefixes if word.startswith(prefix)]
            for n in hits:
                candidates.setdefault(n, set()).add(position)
        out: list[tuple[str, int, int]] = []
        for n, positions in candidates.items():
            key, specs, anchor = self.patterns[n]
            if not specs[anchor].accepts(words[min(positions)]) and len(positions) == 1:
                continue
            starts = {s for p in positions for s in range(max(0, p - _max_width(specs[:anchor])), p + 1)}
            for start in sorted(starts):
                for end in _match_from(specs, words, 0, start):
                    out.append((key, start, end))
        for n in self.unanchored:
            key, specs, _ = self.patterns[n]
            for start in range(len(words)):
                for end in _match_from(specs, words, 0, start):
                    out.append((key, start, end))
        return list(dict.fromkeys(out))


def _max_width(specs) -> int:
    return sum(s.high for s in specs)


def _match_from(specs, words, i: int, pos: int):
    """Every end position where specs[i:] match words from pos (backtracking)."""
    if i == len(specs):
        yield pos
        return
    spec = specs[i]
    count = 0
    ends = []
    if spec.low == 0:
        ends.append(pos)
    p = pos
    while count < spec.high and p < len(words) and spec.accepts(words[p]):
        p += 1
        count += 1
        if count >= spec.low:
            ends.append(p)
    for e in ends:
        yield from _match_from(specs, words, i + 1, e)
