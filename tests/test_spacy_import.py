"""spaCy is imported without its command line (engine/nlp.py), and nothing is lost by it:
spacy.cli and spacy.info still work afterwards, and a spaCy that needs more of its command
line while importing is imported as it is. Each case runs in a fresh interpreter, since
spaCy is imported once per process."""

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _run(code: str) -> str:
    result = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], cwd=ROOT, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout.strip()


def test_spacy_imports_without_its_command_line_and_still_tokenises():
    out = _run("""
        import sys
        from constitution_check.engine.nlp import pipeline
        nlp = pipeline()
        print([t.lower_ for t in nlp.tokenizer("The Board meets in public.")])
        print(sorted(name for name in ("spacy.cli", "spacy.cli.info", "weasel", "requests", "httpx")
                     if name in sys.modules))
    """)
    words, loaded = out.splitlines()
    assert words == "['the', 'board', 'meets', 'in', 'public', '.']"
    assert loaded == "[]"


def test_the_command_line_is_still_there_when_asked_for():
    out = _run("""
        from constitution_check.engine.nlp import import_spacy
        spacy = import_spacy()
        import spacy.cli
        print(callable(spacy.cli.download), spacy.info()["spacy_version"] == spacy.__version__)
    """)
    assert out == "True True"


def test_a_spacy_that_needs_its_command_line_while_importing_is_imported_as_it_is():
    """A finder that fails spacy.glossary once stands for a release whose import reaches into
    spacy.cli: the stand-ins are dropped and the real command line imported."""
    out = _run("""
        import sys
        from importlib.abc import MetaPathFinder

        class FailOnce(MetaPathFinder):
            failed = False
            def find_spec(self, name, path=None, target=None):
                if name == "spacy.glossary" and not self.failed:
                    FailOnce.failed = True
                    raise ImportError("needs spacy.cli")
                return None

        sys.meta_path.insert(0, FailOnce())
        from constitution_check.engine.nlp import pipeline
        nlp = pipeline()
        print(FailOnce.failed, "spacy.cli" in sys.modules, len(nlp.tokenizer("a b c")))
    """)
    assert out == "True True 3"
