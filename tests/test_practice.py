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


AWARD = """## 1 Purpose
1.1 The Board is asked to approve the extension of the contract for community audiology with Harbourline Hearing Ltd, a private company, for 24 months.
## 2 Procurement route
2.1 The extension is permitted by the existing contract, so no competitive process is required and none has been held.
2.2 The ICB did not consider whether an NHS trust could provide the service, and no NHS provider was asked.
## 3 Reasons
3.1 The reasons for recommending the extension, which will be published in the modification notice, are set out below.
## 4 Second decision
4.1 The Board is asked to award the contract for wheelchair services to Northfield Community NHS Foundation Trust following a competitive process."""


def paper(text: str, kind: str, name: str = "paper.pdf"):
    doc = mini_document(text, name)
    doc.kind = kind
    return doc


def test_a_contract_extension_to_a_company_is_read_with_its_route_and_reasons():
    awards = read_practice([paper(AWARD, "contract-award")]).summary()["contracts_to_non_nhs_providers"]
    assert [a["provider"] for a in awards] == ["Harbourline Hearing Ltd"]  # the NHS trust's award is not counted
    award = awards[0]
    assert award["route"] == "extension" and not award["nhs_considered"]
    assert award["reasons_public"] and not award["decided_in_private"]


def test_a_private_award_holds_nhs_default_provider_and_contract_scrutiny_down():
    results = {r.demand: r for r in judge_documents([paper(AWARD, "contract-award")], None, "all").results}
    assert results["nhs-default-provider"].verdict == "not_met"
    # decided in public with reasons, but without a tender: one element of two
    assert results["contract-scrutiny"].verdict == "partial"
    assert any(e.signal.startswith("practice:") for e in results["contract-scrutiny"].evidence)


def test_a_private_award_made_in_private_without_reasons_is_not_met():
    text = AWARD.replace("## 1 Purpose", "## Part B: items taken in private").replace(
        "3.1 The reasons for recommending the extension, which will be published in the modification notice, are set out below.",
        "3.1 The report is commercially confidential and will not be published.")
    results = {r.demand: r for r in judge_documents([paper(text, "minutes")], None, "all").results}
    assert results["contract-scrutiny"].verdict == "not_met"


def test_an_award_to_an_nhs_trust_after_a_tender_shows_nothing():
    text = AWARD.split("## 4 Second decision")[1]
    assert read_practice([paper(text, "contract-award")]).awards == []


ROSTER = """## Members present
| Name | Role |
|---|---|
| Ann Lee | Chair |
| Councillor Bob Hart | Local Authority Partner Member; elected member of {council} |
{more}## Participants (non-voting)
| Name | Role |
|---|---|
| Cllr Dee Rowe | Local Authority Partner Member observer, {other} |
"""


@pytest.mark.parametrize("more, verdict", [
    ("| Councillor Cy Moss | Local Authority Partner Member; elected member of {other} |\n", "met"),
    ("", "not_met"),  # one member for two councils
    ("| Eve Dunn | Local Authority Partner Member; Director of Adult Services, {other} |\n", "partial"),
])
def test_councillors_are_counted_from_the_members_listed_in_minutes(more, verdict):
    from constitution_check.areas import resolve_area

    area = resolve_area("Derby and Derbyshire")
    councils = [c.name for c in area.councils_on()]
    text = ROSTER.format(council=councils[0], other=councils[1], more=more.format(other=councils[1]))
    result = next(r for r in judge_documents([paper(text, "minutes")], area, "headline").results
                  if r.demand == "councillor-per-authority")
    assert result.verdict == verdict
    assert "listed" in result.reason or "list" in result.reason


def test_a_committee_meeting_in_private_keeps_public_meetings_below_met():
    text = """## Information for the public
The Board meets in public and papers are published on the website seven days before each meeting.
Members of the public may ask questions, and every question receives a written answer published with the minutes.
All committees of the Board meet in public.
## Committee reports
11.1 The Finance Committee met in private on 3 October, in accordance with its terms of reference."""
    result = next(r for r in judge_documents([paper(text, "board-pack")], None, "all").results
                  if r.demand == "public-meetings")
    assert result.verdict == "partial" and "In practice" in result.reason


def test_a_board_paper_that_only_mentions_a_subject_is_silent_on_it():
    text = """## Workforce report
7.1 Two practices now employ physician associates and the skill mix in primary care continues to change."""
    result = next(r for r in judge_documents([paper(text, "board-pack")], None, "all").results
                  if r.demand == "no-deprofessionalisation")
    assert result.verdict == "silent"


def test_a_board_pack_is_split_into_its_papers_by_its_own_headings():
    from constitution_check.extract.kinds import pack_parts

    text = """## Agenda
1 Welcome and apologies.
2 Declarations of interest.
## Register of interests
| Name | Role | Interest |
|---|---|---|
| Dr A Jones | Non-executive member | Director of Spire Healthcare Group plc |
## Minutes of the previous meeting
3.1 The Board approved the minutes of its last meeting.
## Integrated performance report
7.1 Physician associates are now employed in four practices, and the skill mix continues to change."""
    doc = paper(text, "board-pack")
    kinds = [k for k, _, _ in pack_parts(doc)]
    assert kinds[:3] == ["agenda", "register", "minutes"]
    results = {r.demand: r for r in judge_documents([doc], None, "all").results}
    # the register in the pack is read as a register: a private healthcare interest
    assert results["private-sector-exclusion"].verdict == "not_met"


def test_the_papers_of_a_board_meeting_held_in_public_show_the_board_in_public():
    text = """## Minutes of the meeting of the Board held in public on 3 July 2025
1.1 The Chair welcomed members.
## Committee reports
11.1 The committees meet in private, and their chairs' summaries are provided to the Board in public."""
    result = next(r for r in judge_documents([paper(text, "minutes")], None, "all").results
                  if r.demand == "public-meetings")
    # committees in private (not 'provided that': a plain verb opens no exception), Board in public in practice
    assert result.verdict == "partial"
    assert "held in public" in result.reason
    tor = paper(text.replace("Minutes of the meeting", "Terms of reference of the committee, reporting to the meeting"),
                "terms-of-reference")
    assert read_practice([tor]).board_in_public == []


def test_mentions_of_contracts_that_record_no_decision_are_not_awards():
    text = """## Contracts
5.1 The contract with Harbourline Hearing Ltd for community audiology runs until March 2027.
5.2 The Board noted the ICB's procurement policy, which covers the extension of contracts with independent sector providers.
5.3 The Board approved the award of the contract for wheelchair services to NHS England's preferred NHS trust."""
    assert read_practice([paper(text, "minutes")]).awards == []


def test_the_reports_say_what_the_board_papers_show():
    from constitution_check.report import html, markdown

    agenda = """## Part A: business in public
| Item | Business |
|---|---|
| A1 | Welcome |
| A2 | Chief Executive's report |
## Part B: business in private
| Item | Business |
|---|---|
| B1 | Estates strategy (commercially confidential) |"""
    report = judge_documents([paper(agenda, "agenda"), paper(AWARD, "contract-award", "award.pdf")], None, "headline")
    md = markdown.render(report)
    section = md.split("## What the board papers show")[1].split("<a id=")[0]
    assert "Items taken in private: 1 of 3 agenda items" in section
    assert "Harbourline Hearing Ltd (extension; decided in public; reasons published; no NHS provider considered)" in section
    assert "What the board papers show" in html.render(report)


def test_an_award_to_an_nhs_trust_is_reported_but_shows_no_gap():
    summary = read_practice([paper(AWARD, "contract-award")]).summary()
    assert [(c["provider"], c["route"]) for c in summary["contracts_to_nhs_providers"]] == [
        ("Northfield Community NHS Foundation Trust", "competitive process")]
