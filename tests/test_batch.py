"""batch: one report per area, a scorecard, and a bad file that does not stop the rest."""

import csv
import shutil

from conftest import CONSTITUTIONS, run_cli


def test_batch_writes_reports_and_scorecard(tmp_path):
    source = tmp_path / "in"
    (source / "somerset").mkdir(parents=True)
    shutil.copy(CONSTITUTIONS[0], source / "somerset" / "constitution.pdf")
    shutil.copy(CONSTITUTIONS[1], source / CONSTITUTIONS[1].name)
    (source / "BLMK").mkdir()
    (source / "BLMK" / "constitution.pdf").write_text("<html>403 Forbidden</html>")
    out = tmp_path / "out"
    result = run_cli("batch", source, "-o", out, "--ruleset", "headline", timeout=300)
    assert result.returncode == 2 and "not a PDF" in result.stderr and "Traceback" not in result.stderr
    rows = list(csv.DictReader((out / "summary.csv").open()))
    assert len(rows) == 3
    judged = [r for r in rows if not r["problems"]]
    assert len(judged) == 2 and all(r["public-meetings"] in ("met", "partial", "not_met", "silent") for r in judged)
    broken = next(r for r in rows if r["problems"])
    assert broken["public-meetings"] == "error" and broken["area"].startswith("Bedfordshire")
    for row in judged:
        slug = next(p for p in out.iterdir() if p.is_dir() and (p / "report.json").exists()
                    and row["area"].lower().split()[0] in p.name)
        assert {"report.md", "report.json", "report.html"} <= {p.name for p in slug.iterdir()}
    page = (out / "summary.html").read_text()
    assert "<table" in page and "report.html#public-meetings" in page and "boards met" in page
    assert "http://" not in page and "https://" not in page
    assert sorted(p.name for p in source.rglob("*")) == sorted(["BLMK", "constitution.pdf", "constitution.pdf",
                                                                CONSTITUTIONS[1].name, "somerset"])
