"""Finished reports, cached beside the extraction cache: the same documents (by content),
area, ruleset and options, judged by the same code, rules and reference data, give the same
report, so a re-run reads it back without starting spaCy. Any edit to a rule file, to the
reference data or to the code changes the key, and the documents are judged again (their
extraction still comes from the extraction cache)."""

import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .extract.cache import cache_dir, write_entry


@lru_cache(maxsize=8)
def _digest_of(folders: tuple[str, ...], patterns: tuple[str, ...]) -> str:
    digest = hashlib.sha256()
    for folder in folders:
        for pattern in patterns:
            for path in sorted(Path(folder).rglob(pattern)):
                digest.update(str(path.relative_to(folder)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def report_key(docs, area_name: str | None, ruleset: str, explain: bool, extra_rules: tuple[str, ...],
               ocr: bool = False) -> str:
    from .areas import data_dir
    from .engine.loader import rules_dir

    package = Path(__file__).resolve().parent
    ruleset_file = Path(ruleset)
    parts = {
        "documents": [(d.path, d.sha256) for d in docs],
        "area": area_name, "ruleset": ruleset, "explain": explain, "ocr": ocr,
        "ruleset_file": ruleset_file.read_text(encoding="utf-8") if ruleset_file.suffix in (".yaml", ".yml")
        and ruleset_file.is_file() else None,
        "code": _digest_of((str(package),), ("*.py", "*.j2")),
        "rules": _digest_of((str(rules_dir()), *extra_rules), ("*.yaml", "*.txt")),
        "data": _digest_of((str(data_dir()),), ("*.yaml",)),
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


@dataclass
class _File:
    path: str
    sha256: str


def cached_report(paths: list[str], area_name: str | None, ruleset: str, explain: bool,
                  extra_rules: tuple[str, ...]):
    """The report a re-run would find here, found from the files' contents alone, before any
    document is read back from the extraction cache (the slow part of a re-run). It is here only
    if every file was read into it last time: a file that could not be read makes a report of the
    others, under another key, found only the long way, with its error. None if not here. This
    works because report_key reads nothing of a document but its path and sha256: should it ever
    read more, this must read the documents too."""
    from .errors import InputError
    from .extract.sniff import read_file

    try:
        files = [_File(str(Path(p)), hashlib.sha256(read_file(Path(p))).hexdigest()) for p in paths]
    except InputError:
        return None
    return load(report_key(files, area_name, ruleset, explain, extra_rules, False))


def _entry(key: str) -> Path:
    return cache_dir() / "reports" / key[:2] / f"{key}.json"


def load(key: str):
    from .report.model import Report

    try:
        return Report.model_validate_json(_entry(key).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def store(key: str, report) -> None:
    write_entry(_entry(key), report.model_dump_json())
