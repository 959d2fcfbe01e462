"""Writing what the user asked for, where they asked: atomically, so a half-written
report is never left behind."""

import os
from pathlib import Path


def write_atomic(path: Path, content: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    if isinstance(content, bytes):
        tmp.write_bytes(content)
    else:
        tmp.write_text(content, encoding="utf-8")
    os.replace(tmp, path)


def render_report(report, fmt: str) -> str:
    """A gap report as text: json (the contract's shape), html or md."""
    if fmt == "json":
        return report.model_dump_json(indent=2, exclude_none=True) + "\n"
    if fmt == "html":
        from .report import html

        return html.render(report)
    from .report import markdown

    return markdown.render(report)
