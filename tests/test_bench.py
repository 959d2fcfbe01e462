"""The benchmark's own pieces (its figures are in bench/RESULTS.md, not asserted here):
the documents it makes, and how it judges a figure against its target."""

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("bench_run", ROOT / "bench" / "run.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_made_documents_have_the_pages_asked_for(bench, tmp_path):
    pack, constitution = bench.make_documents(tmp_path)
    assert bench.page_count(pack) == bench.PACK_PAGES
    assert bench.page_count(constitution) == bench.CONSTITUTION_PAGES
    again = bench.concatenate(bench.corpus_files()[:2], 7, tmp_path / "again.pdf")
    assert bench.page_count(again) == 7
    assert pack.parent == tmp_path  # never beside the user's files


def test_targets_are_judged_in_the_right_direction(bench):
    assert bench._target_cell(2.0, 3.0, "<=", "x").startswith("met")
    assert bench._target_cell(3.5, 3.0, "<=", "x").startswith("NOT met")
    assert bench._target_cell(120.0, 100.0, ">=", " pages/s").startswith("met")
    assert bench._target_cell(None, 3.0, "<=", "x") == "no reference"  # pdftotext missing


def test_summary_without_pdftotext(bench):
    runs = [{"file": "a.pdf", "pages": 10, "seconds": 0.5, "cpu": 0.4}, {"file": "b.pdf", "pages": 30, "seconds": 1.5}]
    s = bench.summarise("corpus", runs, None)
    assert (s["pages"], s["pages_per_second"], s["ratio"]) == (40, 20.0, None)
    s = bench.summarise("corpus", runs, {"a.pdf": 0.25, "b.pdf": 0.75})
    assert s["ratio"] == 2.0


def test_each_file_gets_its_fastest_run_with_the_median_beside_it(bench):
    answers = [{"files": [{"file": "a.pdf", "seconds": s, "pages": 3}], "peak_mb": mb}
               for s, mb in ((0.9, 50.0), (0.5, 70.0), (0.7, 60.0))]
    out = bench.fastest(answers)
    assert out["files"][0]["seconds"] == 0.5 and out["files"][0]["median_seconds"] == 0.7
    assert out["peak_mb"] == 70.0 and out["runs"] == 3
