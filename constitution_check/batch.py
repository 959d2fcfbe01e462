"""Many areas at once: one report per area, then a scorecard comparing them.

An area is a sub-folder of the batch folder (its name resolved against the reference
data, e.g. 'somerset' or 'BLMK'), or a single document directly in the folder, whose
area is read from the document itself. Areas run in parallel across the machine's
cores; one bad file is reported and never stops the batch."""

import os
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import report_cache
from .errors import AreaError
from .output import write_atomic
from .worker import Limits

DOCUMENT_SUFFIXES = {".pdf", ".docx", ".html", ".htm", ".txt"}


@dataclass
class AreaJob:
    label: str  # the folder or file name it came from
    paths: list[str]
    area_name: str | None = None


@dataclass
class AreaOutcome:
    job: AreaJob
    report: dict | None = None
    errors: list[str] = field(default_factory=list)
    slug: str = ""
    changed_since: str | None = None  # with --previous: what changed since that batch


def discover(folder: Path) -> list[AreaJob]:
    jobs = []
    for entry in sorted(folder.iterdir()):
        if entry.is_dir():
            paths = sorted(str(p) for p in entry.rglob("*") if p.is_file() and not p.name.startswith("."))
            if paths:
                jobs.append(AreaJob(entry.name, paths, _area_or_none(entry.name)))
        elif entry.is_file() and entry.suffix.lower() in DOCUMENT_SUFFIXES:
            jobs.append(AreaJob(entry.stem, [str(entry)]))
    return jobs


def _area_or_none(name: str) -> str | None:
    from .areas import resolve_area

    try:
        return resolve_area(name.replace("-", " ").replace("_", " ")).name
    except AreaError:
        return None


def run_job(job: AreaJob, use_cache: bool, ruleset: str, ocr: bool = False, limits=None) -> AreaOutcome:
    """One area, in a worker process: never raises, whatever the files hold."""
    outcome = AreaOutcome(job)
    try:
        # a re-run's report, found without the rules engine's modules, which a worker then never imports
        cached = report_cache.cached_report(job.paths, job.area_name, ruleset, False, ()) \
            if use_cache and not ocr else None
        if cached is not None:
            outcome.report = cached.model_dump(mode="json")
            return outcome
        from .check import check_paths

        result = check_paths(job.paths, job.area_name, ruleset, use_cache, ocr=ocr, limits=limits or Limits())
    except Exception as exc:  # a worker must report, not die, so the rest of the batch goes on
        outcome.errors.append(f"{job.label}: could not be checked ({type(exc).__name__}: {exc})")
        return outcome
    outcome.errors = [str(e) for e in result.errors]
    if result.report is not None:
        outcome.report = result.report.model_dump(mode="json")
    return outcome


def run_batch(jobs: list[AreaJob], out: Path, use_cache: bool = True, ruleset: str = "all", workers: int | None = None,
              progress=None, ocr: bool = False, limits=None, previous: Path | None = None) -> list[AreaOutcome]:
    """jobs: from discover(folder)."""
    from .output import render_report
    from .report import scorecard
    from .report.model import Report

    out.mkdir(parents=True, exist_ok=True)
    outcomes: list[AreaOutcome] = []
    workers = workers or min(len(jobs), os.cpu_count() or 1) or 1
    # the areas already share the cores between them: each file is read by one process
    limits = replace(limits or Limits(), processes=1)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(run_job, job, use_cache, ruleset, ocr, limits) for job in jobs]
        for future in as_completed(futures):
            outcomes.append(future.result())
            if progress:
                progress(outcomes[-1])
    outcomes.sort(key=lambda o: o.job.label)
    used: set[str] = set()
    for outcome in outcomes:
        outcome.slug = _slug(outcome, used)
        if outcome.report is None:
            continue
        report = Report.model_validate(outcome.report)
        folder_out = out / outcome.slug
        folder_out.mkdir(parents=True, exist_ok=True)
        for fmt in ("json", "md", "html"):
            write_atomic(folder_out / f"report.{fmt}", render_report(report, fmt))
    if previous is not None:
        from .compare import mark_changes

        mark_changes(previous, outcomes)
    write_atomic(out / "summary.csv", scorecard.csv_text(outcomes))
    write_atomic(out / "summary.html", scorecard.html_text(outcomes))
    return outcomes


def _slug(outcome: AreaOutcome, used: set[str]) -> str:
    import re

    name = outcome.job.label
    if outcome.report and outcome.report["area"].get("name"):
        name = outcome.report["area"]["name"]
    base = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "area"
    slug, n = base, 2
    while slug in used:
        slug, n = f"{base}-{n}", n + 1
    used.add(slug)
    return slug
