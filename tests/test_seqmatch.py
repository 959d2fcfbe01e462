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
    got = set(ours([t.lower_ for t in doc]).get("p", []))
    assert got == expected, (text, sentence)


OPTIONAL = st.sampled_from(["the", "the?", "board|committee", "will|may?", "meet*", "in?", "public", "not?", "_",
                            "_?", "comm*", "_{0,2}", "NUM", "NUM?"])
MORE_WORDS = [*WORDS, "one", "12", "members"]


@settings(max_examples=200, deadline=None)
@given(pattern=st.lists(OPTIONAL, min_size=1, max_size=5), sentence=st.lists(st.sampled_from(MORE_WORDS), max_size=14))
def test_same_matches_in_the_same_order_as_backtracking(pattern, sentence):
    """The shortcuts (anchoring on the rarest word, fixed alternatives for optional words) find the
    same spans in the same order as trying every start with the backtracking matcher: the order
    decides which span a report quotes."""
    from constitution_check.engine.seqmatch import _match_from, to_spec

    nlp = pipeline()
    specs = compile_sequence(" ".join(pattern), nlp.tokenizer)
    words = [t.lower_ for t in nlp.tokenizer(" ".join(sentence))]
    compiled = [to_spec(s) for s in specs]
    expected = list(dict.fromkeys((start, end) for start in range(len(words))
                                  for end in _match_from(compiled, words, 0, start)))
    ours = SequenceMatcher()
    ours.add("p", specs)
    assert ours(words) == ({"p": expected} if expected else {}), (pattern, sentence)
