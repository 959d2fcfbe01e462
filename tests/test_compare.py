"""compare: per demand, the verdict before and after and the clauses that changed."""

import json

from conftest import CORPUS, run_cli

ORIGINAL = CORPUS / "constitutions" / "bsw.pdf"
AMENDED = CORPUS / "amended" / "bsw-amended-2026.pdf"  # councillor clauses and an emergency-care clause rewritten


def test_compare_names_exactly_the_demands_whose_verdict_changed(tmp_path):
    result = run_cli("compare", ORIGINAL, AMENDED, "--format", "json", timeout=300)
    assert result.returncode == 0, result.stderr
    rows = {r["demand"]: r for r in json.loads(result.stdout)["demands"]}
    assert len(rows) == 15
    assert {d for d, r in rows.items() if r["changed"]} == {"councillor-per-authority", "emergency-care-non-residents"}
    assert (rows["councillor-per-authority"]["before"], rows["councillor-per-authority"]["after"]) == ("not_met", "met")
    assert (rows["emergency-care-non-residents"]["before"], rows["emergency-care-non-residents"]["after"]) \
        == ("silent", "met")
    councillor = {c["clause"]: c for c in rows["councillor-per-authority"]["clauses"]}
    assert councillor["clause 2.7.1"]["change"] == "reworded"
    assert "one by each of" in councillor["clause 2.7.1"]["after"]
    assert [c["clause"] for c in rows["emergency-care-non-residents"]["clauses"]] == ["clause 1.3.6"]
    # a sentence laid out across a page break differently is not reported as reworded
    assert not any(c["clause"] == "clause 2.10.3" for c in rows["private-sector-exclusion"]["clauses"])


def test_compare_reports_markdown(tmp_path):
    old, new = tmp_path / "old.json", tmp_path / "new.json"
    for pdf, out in ((ORIGINAL, old), (AMENDED, new)):
        assert run_cli("check", pdf, "--ruleset", "headline", "--format", "json", "-o", out).returncode == 0
    result = run_cli("compare", old, new)
    assert result.returncode == 0, result.stderr
    assert "2 of 4 verdicts changed: councillor-per-authority, emergency-care-non-residents." in result.stdout
    assert "| A councillor from every local authority on the Board | not met | met | **yes** |" in result.stdout
    assert "| No private-sector representatives on any ICS body | not met | not met | no |" in result.stdout
    same = run_cli("compare", old, old)
    assert "0 of 4 verdicts changed." in same.stdout and "reworded" not in same.stdout


def test_compare_bad_input(tmp_path):
    junk = tmp_path / "junk.json"
    junk.write_text("[1, 2")
    for args, message in (((tmp_path / "missing.json", junk), "file not found"),
                          ((junk, junk), "not JSON"),
                          ((ORIGINAL, ORIGINAL, "--format", "html"), "unknown format")):
        result = run_cli("compare", *args)
        assert result.returncode == 2 and message in result.stderr and "Traceback" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1


def test_batch_previous_adds_changed_since(tmp_path):
    import csv
    import shutil

    for run, bsw in (("before", ORIGINAL), ("after", AMENDED)):
        (tmp_path / run / "bsw").mkdir(parents=True)
        (tmp_path / run / "somerset").mkdir()
        shutil.copy(bsw, tmp_path / run / "bsw" / "constitution.pdf")
        shutil.copy(CORPUS / "constitutions" / "somerset.pdf", tmp_path / run / "somerset" / "constitution.pdf")
    first = run_cli("batch", tmp_path / "before", "-o", tmp_path / "out1", "--ruleset", "headline", timeout=300)
    assert first.returncode == 0, first.stderr
    assert "changed since" not in (tmp_path / "out1" / "summary.csv").read_text()  # only with --previous
    second = run_cli("batch", tmp_path / "after", "-o", tmp_path / "out2", "--ruleset", "headline",
                     "--previous", tmp_path / "out1", timeout=300)
    assert second.returncode == 0, second.stderr
    rows = {r["area"]: r["changed since"] for r in csv.DictReader((tmp_path / "out2" / "summary.csv").open())}
    assert rows["Somerset"] == "no change"
    assert rows["Bath and North East Somerset, Swindon and Wiltshire"] == \
        "councillor-per-authority: not met → met; emergency-care-non-residents: silent → met"
    page = (tmp_path / "out2" / "summary.html").read_text()
    assert "<th scope=\"col\">Changed since</th>" in page and "silent → met" in page
    missing = run_cli("batch", tmp_path / "after", "-o", tmp_path / "out3", "--previous", tmp_path / "nope")
    assert missing.returncode == 2 and "not a folder" in missing.stderr
