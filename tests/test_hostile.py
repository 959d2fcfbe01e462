"""Hostile and broken files: a bounded fuzz of corpus PDFs (truncation, byte flips, broken
xref), and the worker's limits on time, memory and pages. Every run must end with a report
or a one-line error, within the time limit.

Fixed seeds and a fixed number of mutations keep this to well under a minute in CI."""

import random
import time

import pytest

from conftest import CORPUS, make_pdf, run_cli

from constitution_check.check import check_paths
from constitution_check.errors import InputError
from constitution_check.worker import Limits

SEEDS = range(24)
FUZZ_LIMIT = Limits(timeout=30, max_pages=200, memory_mb=1024)
SOURCES = [CORPUS / "board-papers" / "somerset-agenda-2025-09.pdf",
           CORPUS / "board-papers" / "bsw-register-of-interests-2025.pdf",
           CORPUS / "constitutions" / "somerset.pdf"]


def mutate(data: bytes, rng: random.Random) -> tuple[str, bytes]:
    kind = rng.choice(["truncate", "flip", "xref", "startxref", "chunk", "stream"])
    if kind == "truncate":
        return kind, data[: rng.randrange(1, len(data))]
    buf = bytearray(data)
    if kind == "flip":
        for _ in range(rng.randint(1, 64)):
            buf[rng.randrange(len(buf))] = rng.randrange(256)
    elif kind == "xref":
        at = data.rfind(b"xref")
        buf[at:at + 200] = bytes(rng.randrange(256) for _ in range(200))
    elif kind == "startxref":
        at = data.rfind(b"startxref")
        buf[at + 10:at + 18] = str(rng.randrange(10 ** 8)).encode()
    elif kind == "chunk":
        start = rng.randrange(len(buf))
        del buf[start:start + rng.randint(1, 5000)]
    else:  # garble inside a content stream: the fonts and text operators
        at = data.find(b"stream", rng.randrange(len(data) // 2))
        if at > 0:
            for i in range(at + 8, min(at + 400, len(buf))):
                if rng.random() < 0.1:
                    buf[i] = rng.randrange(256)
    return kind, bytes(buf)


@pytest.mark.parametrize("seed", SEEDS)
def test_mutated_pdfs_end_in_a_report_or_one_line_error(tmp_path, seed):
    rng = random.Random(seed)
    source = SOURCES[seed % len(SOURCES)]
    kind, data = mutate(source.read_bytes(), rng)
    path = tmp_path / f"mutated-{seed}-{kind}.pdf"
    path.write_bytes(data)
    started = time.monotonic()
    outcome = check_paths([str(path)], None, "headline", use_cache=False, limits=FUZZ_LIMIT)
    assert time.monotonic() - started < FUZZ_LIMIT.timeout + 15
    assert (outcome.report is None) == bool(outcome.errors)
    for err in outcome.errors:
        assert isinstance(err, InputError) and "\n" not in str(err) and str(path) in str(err)
    if outcome.report is not None:
        assert len(outcome.report.results) == 4


def test_mutated_pdfs_through_the_command_line(tmp_path):
    rng = random.Random(99)
    paths = []
    for i in range(4):
        kind, data = mutate(SOURCES[i % 2].read_bytes(), rng)
        paths.append(tmp_path / f"cli-{i}-{kind}.pdf")
        paths[-1].write_bytes(data)
    result = run_cli("check", *paths, "--ruleset", "headline", "--no-cache", "--timeout", "30")
    assert result.returncode in (0, 2) and "Traceback" not in result.stderr
    for line in result.stderr.splitlines():
        assert line.startswith("constitution-check: ") and any(str(p) in line for p in paths)


def _slow(*args, **kwargs):
    time.sleep(60)


def _greedy(*args, **kwargs):
    hog = []
    while True:
        hog.append(bytearray(50 * 1024 * 1024))


def _crash(*args, **kwargs):
    import os
    import signal

    os.kill(os.getpid(), signal.SIGKILL)  # as the kernel does to a process out of memory


@pytest.mark.parametrize("behaviour, reason", [(_slow, "took longer than 2 s"),
                                               (_greedy, "needs more than 300 MB of memory"),
                                               (_crash, "crashed on it")])
def test_the_worker_stops_a_file_that_hangs_eats_memory_or_crashes(tmp_path, monkeypatch, behaviour, reason):
    import sys

    if not sys.platform.startswith("linux"):
        pytest.skip("the worker is a fork of the test process only on Linux")
    import constitution_check.extract as extract_module

    monkeypatch.setattr(extract_module, "extract_bytes", behaviour)  # the forked worker sees the patch
    path = make_pdf(tmp_path / "evil.pdf", ["The Board shall meet in public."])
    started = time.monotonic()
    with pytest.raises(InputError) as err:
        extract_module.extract(path, use_cache=False, limits=Limits(timeout=2, memory_mb=300))
    assert reason in err.value.reason and time.monotonic() - started < 20


def test_page_limit(tmp_path):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = tmp_path / "long.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    for n in range(12):
        c.drawString(72, 780, f"{n + 1}.1 The Board shall meet in public on day {n + 1}.")
        c.showPage()
    c.save()
    outcome = check_paths([str(path)], None, "headline", use_cache=False, limits=Limits(max_pages=5))
    info = outcome.report.documents[0]
    assert info.pages == 5 and any("first 5 pages" in w for w in info.warnings)


def test_invisible_and_bidi_characters_cannot_hide_words(tmp_path):
    path = tmp_path / "hidden.txt"
    path.write_text("3.1 The Board shall meet in pub\u200blic, and the pub\u202elic may ask questions.\x07\n\n"
                    + "Padding words to make a document. " * 5, encoding="utf-8")
    outcome = check_paths([str(path)], None, "headline", use_cache=False)
    sentence = outcome.report  # the document reads as if the characters were not there
    from constitution_check.extract import extract

    doc = extract(path, use_cache=False)
    assert "meet in public, and the public may ask questions." in doc.sentences[0].text
    assert sentence is not None


def test_markup_in_a_document_is_escaped_in_the_html_report(tmp_path):
    path = tmp_path / "constitution.txt"
    path.write_text("# <script>alert(1)</script> Constitution <img src=x onerror=alert(2)>\n\n"
                    "3.1 The Board shall meet in public <b>always</b>. " * 3 + "\n\n" + "More words here. " * 10,
                    encoding="utf-8")
    result = run_cli("check", path, "--format", "html", "--ruleset", "headline", "--no-cache")
    assert result.returncode == 0, result.stderr
    assert "<script>alert" not in result.stdout and "<img src=x" not in result.stdout
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in result.stdout


def test_the_parent_builds_the_engine_while_the_worker_reads(tmp_path):
    """Work handed to the parent runs once, while the worker reads, and is then forgotten."""
    import hashlib

    from conftest import make_pdf
    from constitution_check import worker

    pdf = make_pdf(tmp_path / "small.pdf", ["1.1 The Board shall meet in public."])
    data = pdf.read_bytes()
    ran = []
    worker.while_reading = lambda: ran.append(1)
    doc = worker.extract_isolated(pdf, data, hashlib.sha256(data).hexdigest(), None, False, "pdf", worker.Limits())
    assert ran == [1] and worker.while_reading is None
    assert "meet in public" in doc.sentences[0].text
