"""One blank English spaCy pipeline per process, built on first use: importing spaCy costs
about a second, so commands that never match (extract, areas) never pay it."""

import re
from functools import lru_cache

_INWORD_HYPHEN = re.compile(r"(?<=[A-Za-z])[-‐‑](?=[A-Za-z])")


def for_matching(text: str) -> str:
    """'independent-sector' reads as 'independent sector' and 'sub‐committee' as 'sub committee',
    so one pattern serves however a document hyphenates."""
    return _INWORD_HYPHEN.sub(" ", text)


@lru_cache(maxsize=1)
def pipeline():
    import spacy

    return spacy.blank("en")


def tokenize(texts: list[str]):
    nlp = pipeline()
    return list(nlp.tokenizer.pipe([for_matching(t) for t in texts], batch_size=256))
