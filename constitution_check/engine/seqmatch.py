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
        self.by_regex: list[tuple[Spec, int]] = []
        self._back: list[int] = []  # how many tokens a pattern's specs before its anchor can take
        self._fixed: list[list | None] = []  # a pattern of required and optional words: see _alternatives
        self._anchored: dict[str, tuple] = {}  # word -> _anchored_at(word), filled as words are seen
        self._plans: list | None = None  # made on first use, after the last add

    def add(self, key: str, specs: list[dict]) -> None:
        compiled = tuple(to_spec(s) for s in specs)
        eligible = [i for i, s in enumerate(compiled) if s.low >= 1 and (s.words or s.prefixes or s.regex is not None)]
        # the rarest required word anchors the pattern: any required spec finds the same matches,
        # but "the" occurs in every sentence and "tender" in few
        anchor = min(eligible, key=lambda i: (_commonness(compiled[i]), i)) if eligible else None
        self._anchored.clear()
        self._plans = None
        n = len(self.patterns)
        self.patterns.append((key, compiled, anchor if anchor is not None else -1))
        self._back.append(_max_width(compiled[:anchor]) if anchor is not None else 0)
        self._fixed.append(_alternatives(compiled, anchor if anchor is not None else -1))
        if anchor is None:
            self.unanchored.append(n)
            return
        spec = compiled[anchor]
        if spec.regex is not None:  # a number in digits or words: tried on each new word, remembered per word
            self.by_regex.append((spec, n))
        for word in spec.words or ():
            self.by_word.setdefault(word, []).append(n)
        for prefix in spec.prefixes:
            if len(prefix) >= 3:
                self.by_prefix.setdefault(prefix[:3], []).append(n)
            else:
                self.short_prefixes.append((prefix, n))

    def _made_plans(self) -> list:
        """For each pattern of one fixed sequence: (key, the other words' (offset, test), the anchor's
        offset, width); None for others. The index finds a pattern only where its anchor matches
        (see _anchored_at), so only the other words are tested."""
        if self._plans is not None:
            return self._plans
        plans = []
        for n, (key, specs, anchor) in enumerate(self.patterns):
            alternatives = self._fixed[n]
            if alternatives is None or len(alternatives) != 1 or anchor < 0:
                plans.append(None)
                continue
            tests, at = alternatives[0]
            plans.append((key, tuple((k, t) for k, t in enumerate(tests) if k != at), at, len(tests)))
        self._plans = plans
        return plans

    def commonness(self) -> dict[str, int]:
        """key -> a rough count of how often its pattern's anchor occurs (see _commonness)."""
        out = {}
        for key, specs, anchor in self.patterns:
            out[key] = _commonness(specs[anchor]) if anchor >= 0 else _UNANCHORED
        return out

    def _anchored_at(self, word: str) -> tuple[tuple[str, ...], tuple[int, ...]]:
        """The patterns whose anchor a word is, in the order they are tried (remembered per word): the
        index by a prefix's first three letters finds candidates, which the anchor's own test settles.
        As (the keys of those that are that one word, so match wherever it is; the others)."""
        hits = list(self.by_word.get(word, ()))
        hits += [n for n in self.by_prefix.get(word[:3], ()) if self._anchor(n).accepts(word)]
        hits += [n for prefix, n in self.short_prefixes if word.startswith(prefix)]
        hits += [n for spec, n in self.by_regex if spec.accepts(word)]
        plans = self._made_plans()
        single = [n for n in hits if plans[n] is not None and plans[n][3] == 1]
        return tuple(dict.fromkeys(plans[n][0] for n in single)), tuple(n for n in hits if n not in single)

    def _anchor(self, n: int) -> Spec:
        _, specs, anchor = self.patterns[n]
        return specs[anchor]

    def unanchored_keys(self) -> set[str]:
        """The keys of patterns with no required word ('the?'), which match at every position."""
        return {self.patterns[n][0] for n in self.unanchored}

    def __call__(self, words: list[str], leave: frozenset = frozenset()) -> dict[str, list[tuple[int, int]]]:
        """key -> the (start, end) of each of its matches in words, each once, by start; leave:
        unanchored keys not to look for (see unanchored_matches)."""
        candidates: dict[int, list[int]] = {}  # pattern -> the positions of its anchor word, ascending
        found: dict[str, list[tuple[int, int]]] = {}
        anchored = self._anchored
        for position, word in enumerate(words):
            entry = anchored.get(word)
            if entry is None:
                if len(anchored) > 100_000:  # a bound on memory over a long batch
                    anchored.clear()
                entry = anchored[word] = self._anchored_at(word)
            singles, hits = entry
            for key in singles:
                spans = found.get(key)
                if spans is None:
                    found[key] = [(position, position + 1)]
                else:
                    spans.append((position, position + 1))
            for n in hits:
                positions = candidates.get(n)
                if positions is None:
                    candidates[n] = [position]
                elif positions[-1] != position:
                    positions.append(position)
        n_words = len(words)
        plans = self._made_plans()
        for n, positions in candidates.items():
            plan = plans[n]
            if plan is not None:  # one fixed sequence: the common case; each anchor position, one start
                key, others, at, width = plan
                spans = []
                for p in positions:
                    start = p - at
                    if start < 0 or start + width > n_words:
                        continue
                    for k, test in others:
                        if not test(words[start + k]):
                            break
                    else:
                        spans.append((start, start + width))
                if spans:
                    found[key] = spans
                continue
            key, specs, anchor = self.patterns[n]
            alternatives = self._fixed[n]
            spans = []
            if alternatives is not None:  # each alternative starts where its anchor sits, less the tokens before it
                for start, i in sorted({(p - at, i) for p in positions for i, (_, at) in enumerate(alternatives)
                                        if p >= at}):
                    tests = alternatives[i][0]
                    width = len(tests)
                    if start + width <= len(words) and all(t(w) for t, w in zip(tests, words[start:start + width])):
                        spans.append((start, start + width))
            else:
                back = self._back[n]
                starts = {s for p in positions for s in range(max(0, p - back), p + 1)} if back else positions
                first = specs[0]
                for start in sorted(starts):
                    if first.low >= 1 and not first.accepts(words[start]):
                        continue  # the first spec is required here: _match_from would find nothing
                    for end in _match_from(specs, words, 0, start):
                        spans.append((start, end))
            if spans:
                found[key] = list(dict.fromkeys(spans))  # two ways to one span count once
        for n in self.unanchored:
            key = self.patterns[n][0]
            if key not in leave:
                spans = self._everywhere(n, words)
                if spans:
                    found[key] = spans
        return found

    def unanchored_matches(self, key: str, words: list[str]) -> list[tuple[int, int]]:
        """(start, end) of an unanchored pattern's matches, as __call__ would have found them."""
        for n in self.unanchored:
            if self.patterns[n][0] == key:
                return self._everywhere(n, words)
        return []

    def _everywhere(self, n: int, words: list[str]) -> list[tuple[int, int]]:
        """An unanchored pattern's spans, each once: tried at every start."""
        _, specs, _ = self.patterns[n]
        n_words = len(words)
        alternatives = self._fixed[n]
        spans = []
        if alternatives is not None:  # ("the?"): each start, each fixed sequence in turn, as _match_from would
            for start in range(n_words):
                for tests, _ in alternatives:
                    width = len(tests)
                    if start + width <= n_words and all(t(w) for t, w in zip(tests, words[start:start + width])):
                        spans.append((start, start + width))
        else:
            spans = [(start, end) for start in range(n_words) for end in _match_from(specs, words, 0, start)]
        return list(dict.fromkeys(spans))


_UNANCHORED = 1000  # a pattern of optional words or any token: tried everywhere

_COMMON = frozenset({
    "the", "a", "an", "and", "or", "of", "to", "in", "on", "at", "by", "for", "with", "from", "as", "into", "be",
    "is", "are", "was", "were", "been", "has", "have", "it", "its", "their", "our", "his", "her", "this", "that",
    "these", "those", "such", "any", "all", "each", "every", "other", "which", "who", "shall", "will", "may", "must",
    "can", "not", "no", "if", ",", ";", ":", ".", "(", ")", "-", "'s"})


def _commonness(spec: Spec) -> int:
    """A rough count of how often a spec's words occur in a document, to choose an anchor."""
    return sum(50 if w in _COMMON else 1 for w in spec.words or ()) + 5 * len(spec.prefixes) \
        + (40 if spec.regex is not None else 0)


def _alternatives(specs, anchor: int, most: int = 16) -> list[tuple[tuple, int]] | None:
    """A pattern whose specs each take one token, or none ('word?'), as the fixed sequences it can
    match, in the order _match_from tries them (an optional word skipped before taken): [(each
    token's test, where the anchor falls)]. None for wider quantifiers or too many optional words."""
    if any((s.low, s.high) not in ((1, 1), (0, 1)) for s in specs):
        return None
    out: list[tuple[tuple, int]] = [((), -1)]
    for i, spec in enumerate(specs):
        test = _test(spec)
        grown = []
        for tests, at in out:
            if spec.low == 0:
                grown.append((tests, at))
            grown.append((tests + (test,), len(tests) if i == anchor else at))
        out = grown
        if len(out) > most:
            return None
    return out


def _test(spec: Spec):
    """spec.accepts as the quickest function that gives the same answers."""
    if spec.words is None and not spec.prefixes and spec.regex is None:
        return lambda word: True
    if spec.words and not spec.prefixes and spec.regex is None:
        return spec.words.__contains__
    return spec.accepts


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
