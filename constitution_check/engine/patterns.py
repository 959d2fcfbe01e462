"""Compile rule patterns into spaCy PhraseMatcher and Matcher entries.

A pattern written as plain words is a phrase, matched case-insensitively. A pattern
using the compact token syntax is a token sequence:
  a|b      either word             word*    any word starting with "word"
  word?    optional word           _        any one token
  _{0,6}   up to six tokens        NUM      a number, in digits or words
A list of dicts is passed to spaCy's Matcher as it is.
"""

import re

from .nlp import for_matching

_META = re.compile(r"[|*?{}]|(^|\s)_($|\s|\{)|\bNUM\b")
NUMBER_WORDS = [
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
]


def number_value(word: str) -> int:
    """'seven' or '7' -> 7."""
    word = word.lower()
    return int(word) if word.isdigit() else NUMBER_WORDS.index(word) + 1


def is_sequence(pattern) -> bool:
    return isinstance(pattern, str) and bool(_META.search(pattern))


def compile_sequence(pattern: str, tokenizer) -> list[dict]:
    """The whole sequence as one spaCy token pattern (wildcards as quantified empty tokens)."""
    specs: list[dict] = []
    for segment, gap in compile_segments(pattern, tokenizer):
        if gap:
            specs.append({"OP": "{%d,%d}" % gap})
        specs.extend(segment)
    return specs


def compile_segments(pattern: str, tokenizer) -> list[tuple[list[dict], tuple[int, int] | None]]:
    """Split a sequence at its wildcards: [(segment, gap before it)]. Each segment is matched by
    spaCy and the gaps are checked afterwards, because spaCy's Matcher is slow with wide
    wildcards ('no _{0,15} shall include' would otherwise cost more than all other patterns)."""
    segments: list[tuple[list[dict], tuple[int, int] | None]] = []
    current: list[dict] = []
    gap_lo = gap_hi = 0
    for raw in for_matching(pattern).split():
        wildcard = re.fullmatch(r"_(\{(\d*),(\d*)\})?", raw)
        if wildcard:
            lo = int(wildcard.group(2) or 0) if wildcard.group(1) else 1
            hi = int(wildcard.group(3) or 8) if wildcard.group(1) else 1
            if current:
                segments.append((current, (gap_lo, gap_hi) if segments or gap_hi else None))
                current, gap_lo, gap_hi = [], 0, 0
            if segments:
                gap_lo, gap_hi = gap_lo + lo, gap_hi + hi
            continue
        op = None
        quant = re.search(r"\{\d*,\d*\}$", raw)
        if quant:
            op, raw = quant.group(0), raw[: quant.start()]
        elif raw.endswith("?") and len(raw) > 1:
            op, raw = "?", raw[:-1]
        current.extend(_token_specs(raw, op, tokenizer))
    if current:
        segments.append((current, (gap_lo, gap_hi) if segments else None))
    return [(seg, gap if i else None) for i, (seg, gap) in enumerate(segments)]


def _token_specs(raw: str, op: str | None, tokenizer) -> list[dict]:
    if raw == "_":
        spec: dict = {}
    elif raw == "NUM":
        spec = {"LOWER": {"REGEX": r"^(\d{1,3}|" + "|".join(NUMBER_WORDS) + ")$"}}
    elif "|" in raw or raw.endswith("*"):
        alternatives = raw.split("|")
        exact = [a for a in alternatives if not a.endswith("*")]
        prefixes = [re.escape(a[:-1]) for a in alternatives if a.endswith("*")]
        if prefixes:
            parts = [f"{p}\\w*" for p in prefixes] + [re.escape(a) for a in exact]
            spec = {"LOWER": {"REGEX": "^(" + "|".join(parts) + ")$"}}
        else:
            spec = {"LOWER": {"IN": exact}}
    else:
        words = [t.lower_ for t in tokenizer(raw)]
        specs = [{"LOWER": w} for w in words]
        if op:
            specs[-1]["OP"] = op
        return specs
    if op:
        spec["OP"] = op
    return [spec]


class PatternBank:
    """Every pattern of every rule in one PhraseMatcher and one Matcher, so each sentence
    is scanned once; results are looked up by the key the rule gave the pattern."""

    def __init__(self, nlp):
        from spacy.matcher import Matcher, PhraseMatcher

        from .seqmatch import SequenceMatcher

        self.nlp = nlp
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.sequences = Matcher(nlp.vocab)  # raw spaCy token patterns only
        self.indexed = SequenceMatcher()
        self.keys: dict[int, str] = {}
        self._phrase_buffer: dict[str, list] = {}
        self._chains: dict[str, list[tuple[str, ...]]] = {}  # key -> its multi-segment patterns
        self._gaps: dict[str, tuple[int, int]] = {}  # segment key -> allowed gap before it
        self._segment_ids: dict[str, str] = {}  # a segment's token specs -> its one Matcher key
        self._fan_out: dict[str, set[str]] = {}  # a one-segment pattern's Matcher key -> the keys using it
        self._stale = True  # the scan indexes below need building again

    def add(self, key: str, patterns: list) -> None:
        """key names what the patterns mean, e.g. 'public-meetings/board/patterns'."""
        self._stale = True
        for n, pattern in enumerate(patterns):
            if isinstance(pattern, list):
                self._fan_out.setdefault(self._segment_key(pattern), set()).add(key)
            elif is_sequence(pattern):
                segments = compile_segments(pattern, self.nlp.tokenizer)
                if len(segments) == 1:
                    self._fan_out.setdefault(self._segment_key(segments[0][0]), set()).add(key)
                else:
                    chain = []
                    for i, (segment, gap) in enumerate(segments):
                        seg_key = self._segment_key(segment)
                        chain.append((seg_key, gap or (0, 0)))
                    self._chains.setdefault(key, []).append(tuple(chain))
            else:
                self._phrase_buffer.setdefault(key, []).append(self.nlp.tokenizer(for_matching(pattern)))
        self.keys[self.nlp.vocab.strings.add(key)] = key

    def _add_sequence(self, key: str, specs: list[list[dict]]) -> None:
        self.sequences.add(key, specs)
        self.keys[self.nlp.vocab.strings.add(key)] = key

    def _segment_key(self, segment: list[dict]) -> str:
        """Identical segments of different patterns are matched once."""
        import json

        signature = json.dumps(segment, sort_keys=True)
        if signature not in self._segment_ids:
            seg_key = f"{_SEGMENT}{len(self._segment_ids)}"
            self._segment_ids[signature] = seg_key
            if _indexable(segment):
                self.indexed.add(seg_key, segment)
            else:
                self._add_sequence(seg_key, [segment])
        return self._segment_ids[signature]

    def finish(self) -> None:
        for key, docs in self._phrase_buffer.items():
            self.phrases.add(key, docs)
        self._phrase_buffer.clear()

    def scan(self, doc) -> dict[str, list[tuple[int, int]]]:
        """Each key's matches in doc as (start, end) token spans. Segments (the pieces patterns are
        compiled into, keyed '\x1fseg...') are matched once and handed on to the keys that use them;
        they are not in the answer."""
        found: dict[str, list[tuple[int, int]]] = {}
        segments: dict[str, list[tuple[int, int]]] = {}
        strings = self.nlp.vocab.strings
        for match_id, start, end in list(self.phrases(doc)) + (list(self.sequences(doc)) if len(self.sequences) else []):
            key = self.keys.get(match_id) or strings[match_id]
            (segments if key.startswith(_SEGMENT) else found).setdefault(key, []).append((start, end))
        order, chain_keys, lazy = self._index()
        words = [t.lower_ for t in doc]
        segments.update(self.indexed(words, lazy))  # segments spaCy matches (above) are never indexed
        # only the segments this sentence matched, in the order they were added (so spans keep their order)
        for seg_key in sorted((k for k in segments if k in order), key=order.__getitem__):
            spans = segments[seg_key]
            for key in self._fan_out[seg_key]:
                held = found.get(key)
                if held is None:
                    found[key] = list(spans)
                else:
                    held.extend(spans)
        # a chain can only join when all its segments matched
        joined: dict[str, list] = {}
        for _, key, j in sorted({entry for k in segments if k in chain_keys for entry in chain_keys[k]}):
            chain = self._chains[key][j]
            for seg_key, _ in chain:  # a segment that matches everywhere, found only now it is needed
                if seg_key in lazy and seg_key not in segments:
                    segments[seg_key] = self.indexed.unanchored_matches(seg_key, words)
            joined.setdefault(key, []).extend(_join_chain(chain, segments))
        for key, spans in joined.items():
            if spans:
                found.setdefault(key, []).extend(spans)
        return found

    def _index(self):
        """Built once, after the last add: each one-segment key's position; for each segment the
        (position, key, chain number) of the chains it is the rarest segment of; and the segments
        that match at every position ('the?' between two gaps) and are only ever one segment of a
        chain triggered by another, so need finding only when such a chain is joined."""
        if self._stale:
            self._order = {k: i for i, k in enumerate(self._fan_out)}
            self._chain_keys: dict[str, set] = {}
            rarity = self.indexed.commonness()
            for i, (key, chains) in enumerate(self._chains.items()):
                for j, chain in enumerate(chains):
                    # a chain joins only when every segment matched: look for it when its rarest one does
                    trigger = min((seg for seg, _ in chain), key=lambda seg: rarity.get(seg, _UNKNOWN_COMMONNESS))
                    self._chain_keys.setdefault(trigger, set()).add((i, key, j))
            self._lazy = frozenset(k for k in self.indexed.unanchored_keys()
                                   if k not in self._fan_out and k not in self._chain_keys)
            self._stale = False
        return self._order, self._chain_keys, self._lazy


_SEGMENT = "\x1fseg"  # the keys of segments, never a rule's
_UNKNOWN_COMMONNESS = 10_000  # a segment spaCy's Matcher finds: taken to be common


def _indexable(segment: list[dict]) -> bool:
    """Specs made by compile_segments; anything else (raw spaCy patterns) stays with spaCy."""
    return all(set(spec) <= {"LOWER", "OP"} for spec in segment)


def _join_chain(chain, found) -> list[tuple[int, int]]:
    """Spans where each segment follows the one before within its allowed gap."""
    first_key, _ = chain[0]
    partial = [(s, e) for s, e in found.get(first_key, [])]
    for seg_key, (lo, hi) in chain[1:]:
        nxt = found.get(seg_key)
        if not nxt or not partial:
            return []
        partial = [(s, e2) for s, e in partial for s2, e2 in nxt if e + lo <= s2 <= e + hi]
    return sorted(set(partial))
