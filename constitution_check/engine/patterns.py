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


def is_sequence(pattern) -> bool:
    return isinstance(pattern, str) and bool(_META.search(pattern))


def compile_sequence(pattern: str, tokenizer) -> list[dict]:
    specs: list[dict] = []
    for raw in for_matching(pattern).split():
        op = None
        quant = re.search(r"\{\d*,\d*\}$", raw)
        if quant:
            op, raw = quant.group(0), raw[: quant.start()]
        elif raw.endswith("?") and len(raw) > 1:
            op, raw = "?", raw[:-1]
        specs.extend(_token_specs(raw, op, tokenizer))
    return specs


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

        self.nlp = nlp
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.sequences = Matcher(nlp.vocab)
        self.keys: dict[int, str] = {}
        self._seen: set[str] = set()
        self._phrase_buffer: dict[str, list] = {}

    def add(self, key: str, patterns: list) -> None:
        """key names what the patterns mean, e.g. 'public-meetings/board/patterns'."""
        if not patterns:
            return
        seqs = []
        for pattern in patterns:
            if isinstance(pattern, list):
                seqs.append(pattern)
            elif is_sequence(pattern):
                seqs.append(compile_sequence(pattern, self.nlp.tokenizer))
            else:
                self._phrase_buffer.setdefault(key, []).append(self.nlp.tokenizer(for_matching(pattern)))
        if seqs:
            self.sequences.add(key, seqs)
        self.keys[self.nlp.vocab.strings.add(key)] = key

    def finish(self) -> None:
        for key, docs in self._phrase_buffer.items():
            self.phrases.add(key, docs)
        self._phrase_buffer.clear()

    def scan(self, doc) -> dict[str, list[tuple[int, int]]]:
        found: dict[str, list[tuple[int, int]]] = {}
        for match_id, start, end in list(self.phrases(doc)) + list(self.sequences(doc)):
            found.setdefault(self.keys.get(match_id) or self.nlp.vocab.strings[match_id], []).append((start, end))
        return found
