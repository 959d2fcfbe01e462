"""The indexed sequence matcher must find exactly what spaCy's Matcher finds."""

from hypothesis import given, settings
from hypothesis import strategies as st

from constitution_check.engine.nlp import pipeline
from constitution_check.engine.patterns import compile_sequence
from constitution_check.engine.seqmatch import SequenceMatcher

WORDS = ["the", "board", "will", "may", "meet", "in", "public", "not", "committee", "committees", "papers"]
TOKENS = st.sampled_from(["the", "board|committee", "will|may", "meet*", "in", "public", "not?", "comm*", "_"])


@settings(max_examples=150, deadline=None)
@given(pattern=st.lists(TOKENS, min_size=1, max_size=4), sentence=st.lists(st.sampled_from(WORDS), max_size=14))
def test_same_matches_as_spacy(pattern, sentence):
    from spacy.matcher import Matcher

    text = " ".join(pattern)
    if all(tok in ("_", "not?") for tok in pattern):
        return  # no anchor word: not a pattern a rule would write
    nlp = pipeline()
    specs = compile_sequence(text, nlp.tokenizer)
    doc = nlp.tokenizer(" ".join(sentence))
    spacy_matcher = Matcher(nlp.vocab)
    spacy_matcher.add("p", [specs])
    expected = {(s, e) for _, s, e in spacy_matcher(doc)}
    ours = SequenceMatcher()
    ours.add("p", specs)
    got = {(s, e) for _, s, e in ours([t.lower_ for t in doc])}
    assert got == expected, (text, sentence)
