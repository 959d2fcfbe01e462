"""Board papers: what they show in practice, and how it holds a verdict down."""

from pathlib import Path

import pytest

from constitution_check.check import judge_documents
from constitution_check.engine.practice import read_practice
from constitution_check.engine.ruletest import mini_document
from constitution_check.providers import load_providers, match_provider
from constitution_check.yamlio import load_yaml

MINUTES = """## Minutes of the meeting of the Board held in public
## Declarations of interest
4.1 Dr A Jones declared that she is a non-executive director of Spire Healthcare Group plc.
## Questions from the public
5.1 Mr Smith asked about waiting times. The Chief Executive responded that lists had fallen.
5.2 A question about the MSK contract was deferred and a written reply will follow after the meeting.
5.3 The Chair declined to take a question about a named patient, which was out of scope.
## Part B: items taken in private
9.1 The Board resolved to exclude the press and public for the following items because of their commercially confidential nature.
10 Contract negotiations update.
11 Estates strategy."""

CASES = Path(__file__).parent / "data" / "provider_names.yaml"


def minutes():
    doc = mini_document(MINUTES, "minutes.pdf")
    doc.kind = "minutes"
    return doc


def test_minutes_show_private_items_grounds_and_questions():
    summary = read_practice([minutes()]).summary()
    assert summary["items_in_private"] == 2
    assert "no grounds stated" not in summary["exclusion_grounds"] and summary["exclusion_grounds"]
    assert summary["public_questions"] == {"oral": 1, "deferred": 1, "refused": 1}


def test_constitution_alone_reports_no_practice():
    doc = mini_document("6.1 Meetings of the Board will be held in public.")
    assert read_practice([doc]).papers == 0


@pytest.mark.skipif(not load_providers(), reason="no provider list")
def test_a_declared_private_interest_holds_private_sector_exclusion_to_not_met():
    bar = mini_document("2.1 No person employed by, or holding an interest in, a private healthcare company may be a "
                        "member of the Board, of any of its committees, or of any joint committee or other body "
                        "exercising functions delegated by the ICB.", "constitution.pdf")
    promise = judge_documents([bar], None, "headline")
    assert next(r for r in promise.results if r.demand == "private-sector-exclusion").verdict == "met"
    both = judge_documents([bar, minutes()], None, "headline")
    result = next(r for r in both.results if r.demand == "private-sector-exclusion")
    assert result.verdict == "not_met"
    assert {e.document for e in result.evidence} == {"constitution.pdf", "minutes.pdf"}
    assert "In practice" in result.reason and both.practice["private_healthcare_interests"]


@pytest.mark.skipif(not CASES.exists() or not load_providers(), reason="no provider name cases")
def test_provider_names_match_and_near_misses_do_not():
    cases = load_yaml(CASES.read_text(encoding="utf-8"))
    wrong = [c["written"] for c in cases["must_match"]
             if (match_provider(c["written"]) or type("x", (), {"name": None})).name != c["provider"]]
    false = [name for name in cases["must_not_match"] if match_provider(name)]
    assert not wrong, wrong
    assert not false, false
