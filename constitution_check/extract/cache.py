"""Extraction cache, keyed by the file's content hash and the extractor version, kept in
the user's cache folder (never beside their files)."""

import hashlib
import os
import sys
from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=1)
def extractor_version() -> str:
    """A digest of the extractor's own code: change how text is read and old entries are ignored."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.read_bytes())
    digest.update((Path(__file__).parent.parent / "document.py").read_bytes())
    return digest.hexdigest()[:12]


def cache_dir() -> Path:
    override = os.environ.get("CONSTITUTION_CHECK_CACHE")
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local"))
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
    return base / "constitution-check"


def _entry(sha256: str) -> Path:
    return cache_dir() / extractor_version() / sha256[:2] / f"{sha256}.json"


def load(sha256: str):
    from ..document import Document

    path = _entry(sha256)
    try:
        return Document.model_validate_json(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def store(doc) -> None:
    write_entry(_entry(doc.sha256), doc.model_dump_json())


def write_entry(path: Path, text: str) -> None:
    """Atomically, so two processes never read half an entry."""
    from ..output import write_atomic

    try:
        write_atomic(path, text)
    except OSError:
        pass  # a read-only or full cache folder must never stop a check
