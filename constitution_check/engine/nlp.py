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
    return import_spacy().blank("en")


_CLI = ("spacy.cli", "spacy.cli.info")


def import_spacy():
    """spaCy, imported without its command line. spaCy's own import loads spacy.cli (model
    downloads and project tools, and the HTTP libraries behind them) for the one name spacy.info,
    which this tool never calls: about a third of the import's time. Stand-ins take those two
    modules' places while spaCy imports, then step aside, so that anything asking for spacy.cli
    later gets the real one, and spacy.info still works. Should a spaCy release need more of its
    command line while importing, the stand-ins are dropped and spaCy is imported as it is."""
    import sys
    import types

    if "spacy" in sys.modules or any(name in sys.modules for name in _CLI):
        import spacy

        return spacy
    cli, info = types.ModuleType(_CLI[0]), types.ModuleType(_CLI[1])
    cli.__path__ = []  # a package with nothing in it: any other part of the command line fails to import
    info.info = _real_info
    sys.modules.update(zip(_CLI, (cli, info)))
    try:
        import spacy
    except ImportError:
        spacy = None
    finally:
        for name in _CLI:
            sys.modules.pop(name, None)
    if spacy is None:
        import spacy
    return spacy


def _real_info(*args, **kwargs):
    from spacy.cli.info import info

    return info(*args, **kwargs)


def tokenize(texts: list[str]):
    nlp = pipeline()
    return list(nlp.tokenizer.pipe([for_matching(t) for t in texts], batch_size=256))
