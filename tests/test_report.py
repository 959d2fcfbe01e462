"""The report follows the contract, and every quote really is on the page it cites."""

import json
import re

import pytest

from conftest import CONSTITUTIONS, run_cli
from constitution_check.check import judge_documents, load_documents
from constitution_check.engine.loader import load_rulesets


def _norm(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def reports():
    """Every corpus document on its own (constitutions, board papers, Word and web versions),
    and one area's constitution with its board papers, whose practice evidence is cited too."""
    corpus = CONSTITUTIONS[0].parents[1]
    groups = [[p] for p in CONSTITUTIONS]
    groups += [[p] for p in sorted((corpus / "board-papers").glob("*.pdf"))]
    groups += [[p] for p in sorted((corpus / "formats").glob("*.*"))]
    groups.append([corpus / "constitutions" / "somerset.pdf", *sorted((corpus / "board-papers").glob("somerset-*.pdf"))])
    out = {}
    for group in groups:
        docs, errors = load_documents([str(p) for p in group])
        assert not errors
        out["+".join(p.name for p in group)] = (docs, judge_documents(docs, None, "all"))
    return out


def test_every_quote_occurs_on_its_cited_page(reports):
    checked = 0
    for name, (docs, report) in reports.items():
        by_path = {d.path: d for d in docs}
        for result in report.results:
            for ev in result.evidence:
                page_text = _norm(by_path[ev.document].page_text(ev.page))
                assert _norm(ev.quote) in page_text, (name, result.demand, ev.page, ev.quote[:80])
                checked += 1
    assert checked > 30


def test_non_silent_verdicts_carry_evidence_and_silent_ones_say_what_was_searched(reports):
    for _, report in reports.values():
        for r in report.results:
            if r.verdict == "silent":
                assert r.searched_for and not r.evidence
            else:
                assert r.evidence and all(e.page >= 1 for e in r.evidence)
            assert r.letter_points and r.reason


def test_results_follow_the_ruleset_order_and_summary_adds_up(reports):
    order = load_rulesets()["all"].demands
    for _, report in reports.values():
        got = [r.demand for r in report.results]
        assert got == [d for d in order if d in got]
        assert sum(report.summary.values()) == len(report.results)
        assert report.summary["met"] == sum(r.verdict == "met" for r in report.results)


def test_json_has_the_contract_fields():
    result = run_cli("check", CONSTITUTIONS[0], "--format", "json", "--ruleset", "konp")
    assert result.returncode == 0
    data = json.loads(result.stdout)
    assert data["schema_version"] == 1 and data["ruleset"] == "konp"
    assert set(data["area"]) >= {"name", "icb", "local_authorities", "source"}
    assert set(data["documents"][0]) >= {"path", "sha256", "kind", "pages", "title"}
    for r in data["results"]:
        assert set(r) >= {"demand", "title", "sources", "verdict", "confidence", "reason", "evidence",
                          "searched_for", "letter_points"}
        assert r["verdict"] in ("met", "partial", "not_met", "silent")
        for e in r["evidence"]:
            assert set(e) >= {"document", "page", "quote", "signal"}
    psx = next(r for r in data["results"] if r["demand"] == "private-sector-exclusion")
    assert psx["sources"] == {"konp": "1", "motion-2023": "2"}


def test_markdown_report_reads_like_a_report(tmp_path):
    out = tmp_path / "report.md"
    result = run_cli("check", CONSTITUTIONS[0], "-o", out)
    assert result.returncode == 0 and result.stdout == ""
    text = out.read_text()
    assert text.startswith("# Gap report") and "| Demand | Verdict | Where |" in text
    assert re.search(r"\*\*\d+ met, \d+ partial, \d+ not met, \d+ silent\.\*\*", text)
    assert "For the letter" in text


def test_explain_shows_what_fired_and_what_vetoed():
    result = run_cli("check", CONSTITUTIONS[0], "--explain", "--ruleset", "headline")
    assert result.returncode == 0
    assert "Explain" in result.stdout and "matched" in result.stdout and "vetoed" in result.stdout


def test_fail_on_gap_exits_1_when_a_demand_is_unmet():
    result = run_cli("check", CONSTITUTIONS[0], "--fail-on-gap", "--ruleset", "headline", "--format", "json")
    verdicts = [r["verdict"] for r in json.loads(result.stdout)["results"]]
    assert result.returncode == (1 if any(v != "met" for v in verdicts) else 0)


def test_html_report_is_self_contained_and_escapes_document_text(tmp_path):
    from constitution_check.check import judge_documents
    from constitution_check.engine.ruletest import mini_document
    from constitution_check.report import html

    doc = mini_document('6.1 Meetings of the Board will be held in public <script>alert("x")</script>.')
    page = html.render(judge_documents([doc], None, "headline"))
    assert "<script>alert" not in page and "&lt;script&gt;" in page
    assert "http://" not in page and "https://" not in page
    assert '<table>' in page and 'href="#public-meetings"' in page
