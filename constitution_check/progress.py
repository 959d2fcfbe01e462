"""A progress bar on stderr while a long document is checked (more than LONG_DOCUMENT pages),
only when stderr is a terminal: piped or redirected output never gets one."""

import sys
from contextlib import contextmanager
from pathlib import Path

LONG_DOCUMENT = 40  # pages


def page_counts(paths: list[str]) -> dict[str, int]:
    """Pages of each PDF, read from its page tree only (a file that will not open counts 0)."""
    counts = {}
    for path in paths:
        try:
            import pypdfium2 as pdfium

            pdf = pdfium.PdfDocument(str(path))
            try:
                counts[str(path)] = len(pdf)
            finally:
                pdf.close()
        except Exception:  # not a PDF, or a broken one: the check itself reports it
            counts[str(path)] = 0
    return counts


def wanted(paths: list[str], stream=None) -> dict[str, int] | None:
    """The page counts when a bar is wanted (a terminal, and a long document), else None."""
    stream = stream if stream is not None else sys.stderr
    if not getattr(stream, "isatty", lambda: False)() or not paths:
        return None
    counts = page_counts([p for p in paths if Path(p).suffix.lower() == ".pdf"])
    return counts if counts and max(counts.values()) > LONG_DOCUMENT else None


@contextmanager
def long_document_progress(paths: list[str], stream=None):
    """Shows reading, then matching the rules sentence by sentence, for long documents."""
    counts = wanted(paths, stream)
    if counts is None:
        yield
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn

    from .engine import findings

    pages = sum(counts.values())
    console = Console(file=stream if stream is not None else sys.stderr)
    with Progress(TextColumn("{task.description}"), BarColumn(), TaskProgressColumn(), TimeElapsedColumn(),
                  console=console, transient=True) as progress:
        task = progress.add_task(f"Reading {pages} pages", total=None)

        def advance(path: str, done: int, total: int) -> None:
            progress.update(task, description=f"Matching rules: {Path(path).name}", completed=done, total=total)

        previous, findings.progress_hook = findings.progress_hook, advance
        try:
            yield
        finally:
            findings.progress_hook = previous
