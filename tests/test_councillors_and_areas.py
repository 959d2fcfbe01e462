"""Counting local-authority members against the councils in the area; the areas reference data."""

import pytest

from constitution_check.areas import find_councils, load_areas, resolve_area
from constitution_check.check import judge_documents
from constitution_check.engine.ruletest import mini_document
from constitution_check.errors import AreaError


def verdict(text: str, area: str | None = None):
    doc = mini_document(text)
    report = judge_documents([doc], resolve_area(area) if area else None, "headline")
    return next(r for r in report.results if r.demand == "councillor-per-authority")


AREA3 = "1.2 The area of the ICB comprises the areas of Bath and North East Somerset Council, Swindon Borough Council and Wiltshire Council."


@pytest.mark.parametrize("membership,expected,members", [
    ("2.4 One partner member is nominated jointly by the local authorities of the area.", "not_met", 1),
    ("2.4 There are two local authority partner members, each an elected councillor.", "partial", 2),
    ("2.4 There are 3 local authority partner members, one nominated by each council, each of whom must be an elected councillor of that council.", "met", 3),
    ("2.4 Each council nominates one local authority partner member, who must be a serving elected member of that council.", "met", 3),
    ("2.4 There are three local authority partner members, one nominated by each council; a council may nominate an elected member or a senior officer.", "partial", 3),
    ("2.4 The Board has up to three local authority partner members.", "partial", 3),
])
def test_counts_and_verdicts(membership, expected, members):
    result = verdict(f"{AREA3}\n{membership}")
    assert result.verdict == expected, result.reason
    assert result.counts["members"] == members and result.counts["councils"] == 3


def test_the_reason_names_councils_without_a_member():
    result = verdict(f"{AREA3}\n2.4 One partner member is nominated jointly by the local authorities of the area.")
    assert "3 council" in result.reason and "Swindon Borough Council" in result.reason
    assert result.counts["councils_without_member"] == [
        "Bath and North East Somerset Council", "Swindon Borough Council", "Wiltshire Council"]


def test_place_board_councillors_do_not_count():
    text = (f"{AREA3}\n2.4 One partner member is nominated jointly by the local authorities.\n"
            "3.6 Each council nominates two councillors to the place partnership committee for its area.")
    assert verdict(text).verdict == "not_met"


def test_area_option_uses_the_reference_councils():
    result = verdict("2.4 One local authority partner member, who must be an elected councillor.", "Greater Manchester")
    assert result.verdict == "not_met" and result.counts["councils"] == 10


def test_one_council_area():
    text = ("1.2 The area of the ICB is the area of Somerset Council.\n"
            "2.4 The local authority partner member must be an elected councillor of Somerset Council.")
    assert verdict(text).verdict == "met"


def test_council_names_match_fuzzily_and_longest_first():
    names = lambda t: [c.name for c, _, _ in find_councils(t)]
    assert names("Bath & NE Somerset") == ["Bath and North East Somerset Council"]
    assert names("North Lincolnshire and Lincolnshire") == ["North Lincolnshire Council", "Lincolnshire County Council"]
    assert names("reading the papers") == []


@pytest.mark.parametrize("name", ["BLMK", "Bedfordshire Luton & Milton Keynes",
                                  "NHS Bedfordshire, Luton and Milton Keynes Integrated Care Board"])
def test_area_names_resolve(name):
    assert resolve_area(name).key == "blmk"


def test_unknown_area_suggests_three():
    with pytest.raises(AreaError) as err:
        resolve_area("Somerset and Devon and Narnia")
    suggestions = str(err.value).split("nearest: ", 1)[1].split("; ")
    assert len(suggestions) == 3 and "Somerset" in suggestions and "Devon" in suggestions


def test_reference_data_has_36_current_boards():
    areas = load_areas().values()
    assert sum(a.status == "current" for a in areas) == 36
    assert all(a.councils for a in areas)
