"""The constitution-check command line (typer). Bad input: one line on stderr, exit 2."""

import json
import sys
from pathlib import Path
from typing import Optional

import typer

from .errors import AreaError, InputError, RuleError
from .worker import DEFAULT_MAX_PAGES, DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Judge an Integrated Care Board's constitution and board papers against campaign demands.")
rules_app = typer.Typer(no_args_is_help=True, help="List the demands and rulesets; test the rules' examples.")
app.add_typer(rules_app, name="rules")

FORMATS = ("md", "json", "html", "docx")


OCR_HELP = "Read pages that have no text layer (scans) with Tesseract OCR."
TIMEOUT_HELP = "Seconds allowed to read each file before it is stopped."
PAGES_HELP = "Read at most this many pages of each file."
MEMORY_HELP = "Megabytes of memory allowed to read each file."


PROCESSES_HELP = "Processes that may share a long document's work (0: one per core; 1 keeps it to one)."


def read_limits(timeout: float, max_pages: int, max_memory: int, processes: int = 0):
    """Per-file limits for the worker that reads each file."""
    from .worker import Limits

    if timeout <= 0 or max_pages <= 0 or max_memory <= 0:
        fail("--timeout, --max-pages and --max-memory must be more than 0")
    if processes < 0:
        fail("--processes must be 0 (one per core) or more")
    return Limits(timeout=timeout, max_pages=max_pages, memory_mb=max_memory, processes=processes)


def fail(message: str, code: int = 2) -> None:
    typer.echo(f"constitution-check: {message}", err=True)
    raise typer.Exit(code)


def write_output(text: str, out: Optional[Path]) -> None:
    """To stdout, or atomically to -o: a half-written report is never left behind."""
    if out is None:
        sys.stdout.write(text)
        return
    from .output import write_atomic

    write_atomic(out, text)


def render(report, fmt: str) -> str:
    from .output import render_report

    return render_report(report, fmt)


@app.command()
def check(
    files: list[Path] = typer.Argument(..., help="The area's documents: a constitution, and optionally board papers."),
    area: Optional[str] = typer.Option(None, "--area", help="The ICB area (name, short name or abbreviation)."),
    ruleset: str = typer.Option("all", "--ruleset", help="konp, motion-2023, all, or a ruleset of your own."),
    fmt: str = typer.Option("md", "--format", "-f", help="md, json, html or docx (docx needs -o)."),
    out: Optional[Path] = typer.Option(None, "-o", "--output", help="Write the report here instead of stdout."),
    explain: bool = typer.Option(False, "--explain", help="Show, per element, what matched and what vetoed it."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Neither read nor write the extraction cache."),
    password: Optional[str] = typer.Option(None, "--password", help="Password for an encrypted PDF."),
    ocr: bool = typer.Option(False, "--ocr", help=OCR_HELP),
    timeout: float = typer.Option(DEFAULT_TIMEOUT, "--timeout", help=TIMEOUT_HELP),
    max_pages: int = typer.Option(DEFAULT_MAX_PAGES, "--max-pages", help=PAGES_HELP),
    max_memory: int = typer.Option(DEFAULT_MEMORY_MB, "--max-memory", help=MEMORY_HELP),
    processes: int = typer.Option(0, "--processes", help=PROCESSES_HELP),
    rules_dir: list[Path] = typer.Option([], "--rules", help="A folder of extra rule files (and rulesets/)."),
    fail_on_gap: bool = typer.Option(False, "--fail-on-gap", help="Exit 1 when any demand is not met."),
) -> None:
    """Judge one area's documents and write the gap report."""
    from .check import check_paths

    if fmt not in FORMATS:
        fail(f"unknown format '{fmt}' (use one of: {', '.join(FORMATS)})")
    if fmt == "docx" and out is None:  # a Word file cannot go to the screen
        fail("--format docx writes a Word file: give -o REPORT.docx")
    from .progress import long_document_progress

    paths = [str(f) for f in files]
    try:
        with long_document_progress(paths):  # a bar on a terminal, for long documents only
            outcome = check_paths(paths, area, ruleset, not no_cache, password, explain,
                                  tuple(str(d) for d in rules_dir), ocr=ocr,
                                  limits=read_limits(timeout, max_pages, max_memory, processes))
    except (AreaError, RuleError) as err:
        fail(str(err))
    for err in outcome.errors:
        typer.echo(f"constitution-check: {err}", err=True)
    if outcome.report is None:
        raise typer.Exit(2)
    if fmt == "docx":
        from .report.docx import write_docx

        write_docx(outcome.report, out)
    else:
        write_output(render(outcome.report, fmt), out)
    if outcome.errors:
        raise typer.Exit(2)
    if fail_on_gap and any(r.verdict != "met" for r in outcome.report.results):
        raise typer.Exit(1)


@app.command()
def extract(
    file: Path = typer.Argument(..., help="A document to extract."),
    fmt: str = typer.Option("text", "--format", "-f", help="text or json."),
    out: Optional[Path] = typer.Option(None, "-o", "--output"),
    no_cache: bool = typer.Option(False, "--no-cache"),
    password: Optional[str] = typer.Option(None, "--password"),
    ocr: bool = typer.Option(False, "--ocr", help=OCR_HELP),
    timeout: float = typer.Option(DEFAULT_TIMEOUT, "--timeout", help=TIMEOUT_HELP),
    max_pages: int = typer.Option(DEFAULT_MAX_PAGES, "--max-pages", help=PAGES_HELP),
    max_memory: int = typer.Option(DEFAULT_MEMORY_MB, "--max-memory", help=MEMORY_HELP),
    processes: int = typer.Option(0, "--processes", help=PROCESSES_HELP),
) -> None:
    """Show the extracted text with pages, headings and clause numbers: what the rules saw."""
    from .check import load_documents

    docs, errors = load_documents([str(file)], not no_cache, password, ocr,
                                  read_limits(timeout, max_pages, max_memory, processes))
    if errors:
        fail(str(errors[0]))
    doc = docs[0]
    for warning in doc.warnings:
        typer.echo(f"constitution-check: note: {warning}", err=True)
    if fmt == "json":
        write_output(doc.model_dump_json(indent=2) + "\n", out)
        return
    lines = []
    page = None
    for block in doc.blocks:
        if block.parts[0].page != page:
            page = block.parts[0].page
            read = doc.pages[page - 1] if 0 < page <= len(doc.pages) else None
            note = f" (OCR, {read.ocr_confidence:.0f}% confidence)" if read is not None and read.ocr else ""
            lines.append(f"\n=== page {page}{note} ===")
        tag = {"heading": "#", "item": "  -", "row": "  |"}.get(block.kind, "")
        clause = f"[{block.clause}] " if block.clause else ""
        lines.append(f"{tag} {clause}{block.text}".strip())
    write_output("\n".join(lines).lstrip() + "\n", out)


@app.command()
def batch(
    folder: Path = typer.Argument(..., help="A folder: one sub-folder per area, or documents directly in it."),
    out: Path = typer.Option(Path("constitution-check-reports"), "-o", "--output", help="Where to write the reports."),
    ruleset: str = typer.Option("all", "--ruleset"),
    no_cache: bool = typer.Option(False, "--no-cache"),
    workers: Optional[int] = typer.Option(None, "--workers", help="Areas checked at once (default: one per core)."),
    ocr: bool = typer.Option(False, "--ocr", help=OCR_HELP),
    timeout: float = typer.Option(DEFAULT_TIMEOUT, "--timeout", help=TIMEOUT_HELP),
    max_pages: int = typer.Option(DEFAULT_MAX_PAGES, "--max-pages", help=PAGES_HELP),
    max_memory: int = typer.Option(DEFAULT_MEMORY_MB, "--max-memory", help=MEMORY_HELP),
    previous: Optional[Path] = typer.Option(None, "--previous", help="An earlier batch output folder: adds a 'changed since' column."),
) -> None:
    """One report per area for every document under FOLDER, then summary.csv and summary.html."""
    from rich.progress import Progress

    from .batch import discover, run_batch

    if not folder.is_dir():
        fail(f"{folder}: not a folder")
    if previous is not None and not previous.is_dir():
        fail(f"{previous}: not a folder (give an earlier batch's output folder with --previous)")
    jobs = discover(folder)
    if not jobs:
        fail(f"{folder}: no documents found (expected PDFs, or one sub-folder per area)")
    with Progress(transient=True) as progress:
        task = progress.add_task("Checking areas", total=len(jobs))
        outcomes = run_batch(jobs, out, not no_cache, ruleset, workers,
                             progress=lambda _: progress.advance(task), ocr=ocr,
                             limits=read_limits(timeout, max_pages, max_memory), previous=previous)
    problems = [e for o in outcomes for e in o.errors]
    for problem in problems:
        typer.echo(f"constitution-check: {problem}", err=True)
    typer.echo(f"{sum(1 for o in outcomes if o.report)} of {len(outcomes)} areas judged; "
               f"scorecard in {out / 'summary.html'}")
    if problems:
        raise typer.Exit(2)


@rules_app.command("list")
def rules_list(rules_dir: list[Path] = typer.Option([], "--rules", help="A folder of extra rule files (and rulesets/).")
               ) -> None:
    """Every demand, its number in each ruleset, and what it asks."""
    from .engine.loader import load_rules, load_rulesets

    extra = tuple(str(d) for d in rules_dir)
    try:
        rules, rulesets = load_rules(extra), load_rulesets(extra)
    except RuleError as err:
        fail(str(err))
    for rule in rules.values():
        numbers = ", ".join(f"{rs.id} {rs.numbers[rule.id]}" for rs in rulesets.values() if rule.id in rs.numbers)
        typer.echo(f"{rule.id}  [{numbers or 'all'}]\n    {rule.title}: {rule.summary}")
    typer.echo("\nRulesets:")
    for rs in rulesets.values():
        missing = [d for d in rs.demands if d not in rules]
        note = f" (no rule yet: {', '.join(missing)})" if missing else ""
        typer.echo(f"  {rs.id}: {rs.title} ({len(rs.demands)} demands){note}")


@rules_app.command("test")
def rules_test(rule_id: Optional[str] = typer.Argument(None, help="Test one rule only."),
               rules_dir: list[Path] = typer.Option([], "--rules", help="A folder of extra rule files, "
                                                    "with their examples in DIR/examples/.")) -> None:
    """Run every rule's annotated examples: hits, misses and false alarms per rule."""
    from .engine.ruletest import run_all

    try:
        reports = run_all(only=rule_id, extra=tuple(str(d) for d in rules_dir))
    except RuleError as err:
        fail(str(err))
    failed = False
    for rep in reports:
        status = "ok" if rep.passed else "FAIL"
        typer.echo(f"{status:4s} {rep.rule}: {rep.examples} examples, {rep.hits} hits, {rep.misses} misses, "
                   f"{rep.false_alarms} false alarms")
        for problem in rep.problems:
            typer.echo(f"       {problem}")
        failed |= not rep.passed
    raise typer.Exit(1 if failed else 0)


@app.command()
def areas(name: Optional[str] = typer.Argument(None, help="Show one area (any of its names).")) -> None:
    """The areas known to the reference data, with their councils."""
    from .areas import load_areas, resolve_area

    if name:
        try:
            chosen = [resolve_area(name)]
        except AreaError as err:
            fail(str(err))
    else:
        chosen = sorted(load_areas().values(), key=lambda a: (a.status != "current", a.name))
    for area in chosen:
        status = "" if area.status == "current" else f" ({area.status})"
        typer.echo(f"{area.name}{status}: {area.icb} [{area.region}]")
        if area.dissolution_note():
            typer.echo(f"    ({area.dissolution_note()})")
        for council in area.councils_on():
            part = " (part)" if council.coverage == "partial" else ""
            typer.echo(f"    {council.name}{part}")


@app.command("eval")
def evaluate(
    labels: Path = typer.Argument(..., help="A labels file, e.g. corpora/labels.yaml."),
    fmt: str = typer.Option("text", "--format", "-f", help="text or json."),
    kind: list[str] = typer.Option([], "--kind", help="Only documents of this kind (constitution, minutes, ...)."),
    demand: list[str] = typer.Option([], "--demand", help="Only these demands."),
    no_cache: bool = typer.Option(False, "--no-cache"),
) -> None:
    """Score the checker against a labelled corpus."""
    from .evaluate import evaluate_labels, format_text

    try:
        scores = evaluate_labels(labels, use_cache=not no_cache, demands=demand or None, kinds=kind or None)
    except (InputError, RuleError, AreaError) as err:
        fail(str(err))
    typer.echo(json.dumps(scores, indent=2) if fmt == "json" else format_text(scores))


from .letters.command import letter  # noqa: E402  (its own module; registered here with the others)
from .compare import compare_command  # noqa: E402

app.command("letter")(letter)
app.command("compare")(compare_command)


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("constitution-check: interrupted", err=True)
        sys.exit(130)


if __name__ == "__main__":
    main()
