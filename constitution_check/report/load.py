"""Reading a report JSON back in (for letters and compare): a bad file is one line, never a traceback."""

import json
from pathlib import Path

from pydantic import ValidationError

from ..errors import InputError
from .model import Report


def load_report(path: str | Path) -> Report:
    path = Path(path)
    if not path.exists():
        raise InputError(str(path), "file not found")
    if path.is_dir():
        raise InputError(str(path), "is a folder, not a file")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise InputError(str(path), "not a report: it is not text (give the JSON written by 'check --format json')")
    except json.JSONDecodeError as err:
        raise InputError(str(path), f"not JSON (line {err.lineno}: {err.msg}); give the file written by "
                                    "'check --format json'") from None
    if not isinstance(data, dict) or "results" not in data:
        raise InputError(str(path), "JSON, but not a constitution-check report (no 'results')")
    try:
        return Report.model_validate(data)
    except ValidationError as err:
        first = err.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise InputError(str(path), f"not a valid constitution-check report ({where}: {first['msg']})") from None
