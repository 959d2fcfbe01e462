"""The benchmark of issue 4: `python bench/run.py` from a checkout.

In one run it times, each in a fresh process so the numbers are clean:
  - extraction of every corpus PDF (corpora/constitutions, corpora/board-papers) and of a
    300-page board pack, against pdftotext over the same files (the reference);
  - rule evaluation (all fifteen demands, board-paper practice included) over the same documents;
  - a whole `check` of a 25-page constitution from a cold start, as a user runs it;
  - end-to-end pages per second after start-up on the 300-page pack, and peak memory there;
  - a batch over the corpus with an empty cache, then again with the cache warm.

The 300-page pack and the 25-page constitution are made from the corpus PDFs with pypdfium2
(concatenated pages, the same every run) in a temporary folder; the cache and Python's compiled
bytecode are in temporary folders too, so nothing of the user's is read or written but
bench/RESULTS.md. Each measurement is run several times and the fastest reported, the median
beside it. Options: --no-write (print only), --repeat N (runs of each measurement, 5)."""

import argparse
import datetime
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CLI = ROOT / "cli.py"
PACK_PAGES = 300
CONSTITUTION_PAGES = 25
TARGETS = {
    "extraction_ratio": 3.0,  # extraction time / pdftotext time, at most
    "check_25_seconds": 2.5,  # whole check of a 25-page constitution, cold start, at most
    "pack_pages_per_second": 100.0,  # end to end after start-up, at least
    "pack_peak_mb": 500.0,  # at most
    "cache_speedup": 5.0,  # first batch / cached re-run, at least
}


def corpus_files() -> list[Path]:
    return sorted((ROOT / "corpora" / "constitutions").glob("*.pdf")) + \
        sorted((ROOT / "corpora" / "board-papers").glob("*.pdf"))


# ---------------------------------------------------------------- documents made for the run

def concatenate(sources: list[Path], pages: int, out: Path) -> Path:
    """The first `pages` pages of the sources, in order, cycling through them if needed."""
    import pypdfium2 as pdfium

    target = pdfium.PdfDocument.new()
    try:
        while len(target) < pages:
            for source in sources:
                src = pdfium.PdfDocument(str(source))
                try:
                    take = min(len(src), pages - len(target))
                    if take > 0:
                        target.import_pages(src, list(range(take)))
                finally:
                    src.close()
                if len(target) >= pages:
                    break
        target.save(str(out))
    finally:
        target.close()
    return out


def make_documents(work: Path) -> tuple[Path, Path]:
    """A 300-page board pack (board papers first, then constitutions, as a pack with its appendices)
    and a 25-page constitution (the longest corpus constitution, continued by the next longest)."""
    papers = sorted((ROOT / "corpora" / "board-papers").glob("*.pdf"))
    constitutions = sorted((ROOT / "corpora" / "constitutions").glob("*.pdf"))
    pack = concatenate(papers + constitutions, PACK_PAGES, work / f"board-pack-{PACK_PAGES}pp.pdf")
    longest = sorted(constitutions, key=lambda p: (-page_count(p), p.name))
    constitution = concatenate(longest, CONSTITUTION_PAGES, work / f"constitution-{CONSTITUTION_PAGES}pp.pdf")
    return pack, constitution


def page_count(path: Path) -> int:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        return len(pdf)
    finally:
        pdf.close()


# ---------------------------------------------------------------- measured in child processes

def best_of(mode: str, files: list[Path], env: dict, repeat: int) -> dict:
    """run_child `repeat` times: for each file its fastest run (the one least slowed by whatever else the
    machine was doing), with the median beside it; peak memory is the highest of all runs."""
    return fastest([run_child(mode, files, env) for _ in range(max(1, repeat))])


def extraction_runs(files: list[Path], env: dict, repeat: int) -> tuple[dict[str, float] | None, dict]:
    """pdftotext's times and this tool's extraction (as best_of), taken in turns: pdftotext over the
    files, then this tool over them, `repeat` times, so that both meet the same spells of a shared
    machine's speed rather than one of them all the fast ones."""
    reference: dict[str, float] | None = {} if shutil.which("pdftotext") else None
    answers = []
    for _ in range(max(1, repeat)):
        if reference is not None:
            for f, took in pdftotext_times(files).items():
                reference[f] = min(took, reference.get(f, took))
        answers.append(run_child("extract", files, env))
    return reference, fastest(answers)


def fastest(answers: list[dict]) -> dict:
    """Child answers of the same files -> each file's fastest run, with the median beside it."""
    best = []
    for i, _ in enumerate(answers[0]["files"]):
        runs = [a["files"][i] for a in answers]
        quickest = min(runs, key=lambda r: r["seconds"])
        best.append({**quickest, "median_seconds": statistics.median(r["seconds"] for r in runs)})
    out = {"files": best, "peak_mb": max(a["peak_mb"] for a in answers), "runs": len(answers)}
    if "startup" in answers[0]:
        out["startup"] = min(a["startup"] for a in answers)
    return out


def run_child(mode: str, files: list[Path], env: dict) -> dict:
    """`python bench/run.py --child MODE FILES...` in a fresh process: its JSON answer and peak memory."""
    command = [sys.executable, str(Path(__file__).resolve()), "--child", mode, *map(str, files)]
    result, peak_mb, wall, cpu = run_measured(command, env)
    if result.returncode != 0:
        raise SystemExit(f"bench: child '{mode}' failed:\n{result.stderr[-2000:]}")
    answer = json.loads(result.stdout.strip().splitlines()[-1])
    answer.update(peak_mb=peak_mb, wall=wall, cpu=cpu)
    return answer


def run_measured(command: list[str], env: dict, stdout_to_null: bool = False):
    """Run a command; (result, its peak resident memory in MB, wall seconds, CPU seconds), from wait4's rusage,
    which counts the process and the children it waited for (its worker processes and forks)."""
    out_file = tempfile.TemporaryFile()
    err_file = tempfile.TemporaryFile()
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL if stdout_to_null else out_file,
                               stderr=err_file, env=env, cwd=str(ROOT))
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    out_file.seek(0)
    err_file.seek(0)
    result = subprocess.CompletedProcess(command, os.waitstatus_to_exitcode(status),
                                         out_file.read().decode(errors="replace"),
                                         err_file.read().decode(errors="replace"))
    return result, usage.ru_maxrss / 1024, wall, usage.ru_utime + usage.ru_stime  # ru_maxrss: kilobytes


def child(mode: str, files: list[str]) -> None:
    started = time.perf_counter()
    sys.path.insert(0, str(ROOT))
    if mode == "extract":  # extraction only: no spaCy, no rules, no cache
        from constitution_check.extract import extract

        out = []
        for f in files:
            t, c = time.perf_counter(), time.process_time()
            doc = extract(f, use_cache=False)
            out.append({"file": f, "pages": doc.page_count, "seconds": time.perf_counter() - t,
                        "cpu": time.process_time() - c})
        print(json.dumps({"files": out}))
        return
    from constitution_check.check import engine_for, judge_documents
    from constitution_check.engine.loader import resolve_ruleset
    from constitution_check.extract import extract

    _, rules = resolve_ruleset("all")
    engine_for(tuple(r.id for r in rules))  # start-up: imports, spaCy pipeline, rules compiled
    startup = time.perf_counter() - started
    out = []
    if mode == "rules":  # rule evaluation only, over documents extracted beforehand
        docs = [extract(f, use_cache=False) for f in files]
        for doc in docs:
            t, c = time.perf_counter(), time.process_time()
            judge_documents([doc], None, "all")
            out.append({"file": doc.path, "pages": doc.page_count, "seconds": time.perf_counter() - t,
                        "cpu": time.process_time() - c})
    elif mode == "end-to-end":  # after start-up: read (no cache) and judge, as check does
        for f in files:
            t, c = time.perf_counter(), time.process_time()
            doc = extract(f, use_cache=False)
            judge_documents([doc], None, "all")
            out.append({"file": f, "pages": doc.page_count, "seconds": time.perf_counter() - t,
                        "cpu": time.process_time() - c})
    print(json.dumps({"startup": startup, "files": out}))


def pdftotext_times(files: list[Path]) -> dict[str, float] | None:
    """Each file's time with pdftotext, in a process of its own as this tool's runs are."""
    exe = shutil.which("pdftotext")
    if not exe:
        return None
    times: dict[str, float] = {}
    for f in files:
        t = time.perf_counter()
        subprocess.run([exe, "-q", "-layout", str(f), "-"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       check=False)
        times[str(f)] = time.perf_counter() - t
    return times


def warm_up(env: dict) -> None:
    """Import every module once, so that the timed runs find their bytecode compiled."""
    code = "import pkgutil, constitution_check, cli\n" \
           "for m in pkgutil.walk_packages(constitution_check.__path__, 'constitution_check.'): __import__(m.name)"
    subprocess.run([sys.executable, "-c", code], cwd=str(ROOT), env=env, check=True,
                   stdout=subprocess.DEVNULL)


def whole_check(constitution: Path, env: dict, repeat: int) -> dict:
    """`cli.py check` as a user runs it, start-up included: cold cache first, then warm."""
    command = [sys.executable, str(CLI), "check", str(constitution), "--format", "json"]
    cold, warm, peaks, cpu = [], [], [], []
    for _ in range(repeat):
        shutil.rmtree(env["CONSTITUTION_CHECK_CACHE"], ignore_errors=True)
        result, peak, wall, used = run_measured(command, env, stdout_to_null=True)
        if result.returncode not in (0, 1):
            raise SystemExit(f"bench: check failed:\n{result.stderr[-2000:]}")
        cold.append(wall)
        peaks.append(peak)
        cpu.append(used)
        _, _, wall, _ = run_measured(command, env, stdout_to_null=True)
        warm.append(wall)
    fastest = cold.index(min(cold))
    return {"cold": cold[fastest], "cold_median": statistics.median(cold), "warm": min(warm), "peak_mb": max(peaks),
            "cpu": cpu[fastest]}


def batch_runs(files: list[Path], work: Path, env: dict) -> dict:
    """A batch over the corpus (one document per file, read from the document) with an empty cache, then again."""
    folder = work / "batch-in"
    folder.mkdir()
    for f in files:
        shutil.copy(f, folder / f.name)
    shutil.rmtree(env["CONSTITUTION_CHECK_CACHE"], ignore_errors=True)
    times = []
    for n in (1, 2):
        command = [sys.executable, str(CLI), "batch", str(folder), "-o", str(work / f"batch-out-{n}")]
        result, _, wall, _ = run_measured(command, env, stdout_to_null=True)
        if result.returncode not in (0, 1):
            raise SystemExit(f"bench: batch failed:\n{result.stderr[-2000:]}")
        times.append(wall)
    return {"first": times[0], "cached": times[1], "speedup": times[0] / times[1]}


# ---------------------------------------------------------------- report

def machine() -> dict:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                ram = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    load = f"{os.getloadavg()[0]:.1f}" if hasattr(os, "getloadavg") else "unknown"
    return {"cpu": cpu, "cores": os.cpu_count(), "ram": ram or "unknown", "load": load,
            "python": platform.python_version(), "system": f"{platform.system()} {platform.release()}"}


def summarise(label: str, runs: list[dict], reference: dict[str, float] | None) -> dict:
    pages = sum(r["pages"] for r in runs)
    seconds = sum(r["seconds"] for r in runs)
    ref = sum(reference[r["file"]] for r in runs) if reference else None
    return {"label": label, "files": len(runs), "pages": pages, "seconds": seconds,
            "median_seconds": sum(r.get("median_seconds", r["seconds"]) for r in runs),
            "cpu": sum(r.get("cpu", 0.0) for r in runs),
            "pages_per_second": pages / seconds if seconds else 0.0,
            "pdftotext_seconds": ref, "ratio": seconds / ref if ref else None}


def verdict(ok: bool) -> str:
    return "met" if ok else "NOT met"


def render(figures: dict) -> tuple[str, str]:
    """(table for the terminal, Markdown for RESULTS.md)."""
    m = figures["machine"]
    rows = []
    for s in figures["extraction"]:
        ratio = f"{s['ratio']:.2f}x pdftotext ({s['pdftotext_seconds']:.2f} s)" if s["ratio"] else "pdftotext missing"
        rows.append((f"extraction, {s['label']} ({s['files']} files, {s['pages']} pp)",
                     f"{s['seconds']:.2f} s (median {s['median_seconds']:.2f} s; CPU {s['cpu']:.2f} s), "
                     f"{s['pages_per_second']:.0f} pages/s, {ratio}",
                     _target_cell(s["ratio"], TARGETS["extraction_ratio"], "<=", "x")))
    for s in figures["rules"]:
        rows.append((f"rule evaluation, {s['label']} ({s['pages']} pp)",
                     f"{s['seconds']:.2f} s (median {s['median_seconds']:.2f} s; CPU {s['cpu']:.2f} s), "
                     f"{s['pages_per_second']:.0f} pages/s", ""))
    rows.append(("extraction peak memory, 300-page pack", f"{figures['extract_peak_mb']:.0f} MB", ""))
    c = figures["check"]
    rows.append((f"whole check, {CONSTITUTION_PAGES}-page constitution, cold start and empty cache",
                 f"{c['cold']:.2f} s (median {c['cold_median']:.2f} s; CPU {c['cpu']:.2f} s; cache warm: "
                 f"{c['warm']:.2f} s), peak {c['peak_mb']:.0f} MB",
                 _target_cell(c["cold"], TARGETS["check_25_seconds"], "<=", " s")))
    e = figures["pack"]
    rows.append((f"end to end after start-up, {e['pages']}-page pack",
                 f"{e['seconds']:.2f} s (median {e['median_seconds']:.2f} s, {e['pages'] / e['median_seconds']:.0f} "
                 f"pages/s; CPU {e['cpu']:.2f} s), {e['pages_per_second']:.0f} pages/s (start-up {e['startup']:.2f} s)",
                 _target_cell(e["pages_per_second"], TARGETS["pack_pages_per_second"], ">=", " pages/s")))
    rows.append(("peak memory, 300-page pack end to end", f"{e['peak_mb']:.0f} MB",
                 _target_cell(e["peak_mb"], TARGETS["pack_peak_mb"], "<=", " MB")))
    b = figures["batch"]
    rows.append((f"batch of the corpus ({b['files']} files), empty cache then cached",
                 f"{b['first']:.2f} s then {b['cached']:.2f} s: {b['speedup']:.1f}x faster",
                 _target_cell(b["speedup"], TARGETS["cache_speedup"], ">=", "x")))
    width = max(len(r[0]) for r in rows)
    table = "\n".join(f"{a:<{width}}  {b_}  {t}" for a, b_, t in rows)
    when = figures["date"]
    header = (f"{when} on {m['cpu']}, {m['cores']} cores, {m['ram']} RAM, Python {m['python']}, {m['system']}, "
              f"load average {m['load']} when it started"
              + ("" if figures["pdftotext"] else "; pdftotext not installed, so no reference times"))
    md = ["# Benchmark results", "", f"`python bench/run.py`, {header}.", "",
          "| what | figure | target |", "|---|---|---|"]
    md += [f"| {a} | {b_} | {t} |" for a, b_, t in rows]
    md += ["", f"Each timing is the fastest of {figures['repeat']} runs, each in a fresh process (pdftotext's too, run in",
           "turn with this tool's extraction so that both meet the same spells of the machine's speed), with the",
           "median beside it: a shared machine's other work only ever slows a run down, so the fastest is the",
           "truest; the targets are judged on it (the batch is run once with an empty cache and once again",
           "with it warm). Wall time is what the targets name. Reading a long PDF and",
           "judging a long document are shared among forks, one per core: the CPU time of extraction, rule",
           "evaluation and end to end is the measuring process's own, not its forks'; the whole check's counts",
           "its worker processes too (batch CPU is not shown). Peak memory is the largest resident set of the",
           "process or any of its forks (wait4). The 300-page pack and the 25-page constitution",
           "are the corpus PDFs' pages concatenated (board papers first, then constitutions); pdftotext is",
           "poppler's, run with -layout. Python's compiled bytecode is kept between runs (in a temporary folder),",
           "as it is for an installed copy.", ""]
    return f"{header}\n\n{table}", "\n".join(md)


def _target_cell(value, target, op, unit) -> str:
    if value is None:
        return "no reference"
    ok = value <= target if op == "<=" else value >= target
    return f"{verdict(ok)} ({op} {target:g}{unit})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    parser.add_argument("--no-write", action="store_true", help="print the table only; leave bench/RESULTS.md")
    parser.add_argument("--repeat", type=int, default=5,
                        help="timed runs of each measurement (the fastest is reported, the median beside it)")
    args = parser.parse_args()
    if args.child:
        child(args.child[0], args.child[1:])
        return
    if not shutil.which("pdftotext"):
        print("bench: pdftotext is not installed (Debian/Ubuntu: apt-get install poppler-utils; macOS: "
              "brew install poppler), so extraction is not compared with it; everything else is measured.",
              file=sys.stderr)
    info = machine()  # the load average before this run adds its own
    files = corpus_files()
    if not files:
        raise SystemExit("bench: no corpus PDFs under corpora/")
    with tempfile.TemporaryDirectory(prefix="constitution-check-bench-") as tmp:
        work = Path(tmp)
        # compiled bytecode is kept, as an installed package's is (pip compiles it), but in the
        # temporary folder, not beside the code; one warm-up run compiles it before anything is timed
        env = dict(os.environ, CONSTITUTION_CHECK_CACHE=str(work / "cache"), PYTHONPYCACHEPREFIX=str(work / "pycache"))
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        warm_up(env)
        env.pop("COLUMNS", None)
        pack, constitution = make_documents(work)
        print(f"bench: corpus of {len(files)} PDFs; made a {page_count(pack)}-page pack and a "
              f"{page_count(constitution)}-page constitution in {work}", file=sys.stderr)
        repeat = max(1, args.repeat)
        print("bench: extraction, and pdftotext in turn with it ...", file=sys.stderr)
        reference, corpus_ex = extraction_runs(files, env, repeat)
        pack_reference, pack_ex = extraction_runs([pack], env, repeat)
        if reference is not None:
            reference.update(pack_reference)
        print("bench: rule evaluation ...", file=sys.stderr)
        corpus_rules = best_of("rules", files, env, repeat)
        pack_rules = best_of("rules", [pack], env, repeat)
        print("bench: whole check and end to end ...", file=sys.stderr)
        check = whole_check(constitution, env, repeat)
        pack_e2e = best_of("end-to-end", [pack], env, repeat)
        print("bench: batch, first and cached ...", file=sys.stderr)
        batch = batch_runs(files, work, env)
        batch["files"] = len(files)
    e2e = summarise("pack", pack_e2e["files"], None)
    figures = {
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": info, "pdftotext": reference is not None, "repeat": repeat,
        "extraction": [summarise("corpus", corpus_ex["files"], reference),
                       summarise(f"{PACK_PAGES}-page pack", pack_ex["files"], reference)],
        "extract_peak_mb": pack_ex["peak_mb"],
        "rules": [summarise("corpus", corpus_rules["files"], None),
                  summarise(f"{PACK_PAGES}-page pack", pack_rules["files"], None)],
        "check": check,
        "pack": {**e2e, "startup": pack_e2e["startup"], "peak_mb": pack_e2e["peak_mb"]},
        "batch": batch,
    }
    table, markdown = render(figures)
    print(table)
    if not args.no_write:
        (ROOT / "bench" / "RESULTS.md").write_text(markdown, encoding="utf-8")
        print(f"\nwritten: {ROOT / 'bench' / 'RESULTS.md'}", file=sys.stderr)


if __name__ == "__main__":
    main()
