"""A constitution of a board that no longer exists is judged against its own area at its date,
not its successor's, and the report says when the board was dissolved and into what."""

import dataclasses

import pytest

from constitution_check.areas import load_areas, resolve_area
from constitution_check.check import check_paths

from conftest import make_pdf

BLMK_COUNCILS = {"Bedford Borough Council", "Central Bedfordshire Council", "Luton Borough Council",
                 "Milton Keynes City Council"}


def _constitution(tmp_path):
    return make_pdf(tmp_path / "blmk-constitution-2023.pdf", [
        "NHS Bedfordshire, Luton and Milton Keynes Integrated Care Board",
        "Constitution",
        "1.1 The name of this Integrated Care Board is NHS Bedfordshire, Luton and Milton Keynes Integrated",
        "Care Board (\"the ICB\").",
        "2.1 The membership of the ICB Board includes one Partner Member jointly nominated by the local",
        "authorities whose areas coincide with or include the whole or any part of the ICB's area.",
    ])


def test_reference_data_has_dissolved_boards_with_successors():
    dissolved = [a for a in load_areas().values() if a.dissolved]
    assert len(dissolved) == 12
    for area in dissolved:
        assert area.raw.get("successors"), area.key
        assert area.own_date() < area.dissolved
        assert "merged into NHS" in area.dissolution_note()


def test_document_naming_a_dissolved_board_is_judged_against_that_board(tmp_path):
    outcome = check_paths([str(_constitution(tmp_path))], use_cache=False)
    assert not outcome.errors
    area = outcome.report.area
    assert area.name == "Bedfordshire, Luton and Milton Keynes"
    assert set(area.local_authorities) == BLMK_COUNCILS  # not Central East's seven councils
    assert "dissolved on 2026-04-01" in area.detected_by
    assert "merged into NHS Central East Integrated Care Board" in area.detected_by
    councillors = next(r for r in outcome.report.results if r.demand == "councillor-per-authority")
    assert councillors.counts["councils"] == 4
    assert councillors.verdict == "not_met"  # one joint member for four councils


def test_area_option_naming_a_dissolved_board(tmp_path):
    outcome = check_paths([str(_constitution(tmp_path))], area_name="BLMK", use_cache=False)
    area = outcome.report.area
    assert area.detected_by.startswith("given with --area; the board was dissolved on 2026-04-01")
    assert set(area.local_authorities) == BLMK_COUNCILS


def test_current_board_gets_no_dissolution_note():
    area = resolve_area("Central East")
    assert area.dissolved is None and area.dissolution_note() is None
    assert len(area.councils_on()) > 4


@pytest.mark.parametrize("until, kept", [("2026-06-01", True), ("2025-01-01", False)])
def test_dissolved_board_councils_are_those_of_its_last_day(until, kept):
    """A council that ceased after the board was dissolved still counted for the board; one that
    ceased before it did not."""
    blmk = resolve_area("BLMK")
    ceased = dataclasses.replace(blmk.councils[0], name="Former District Council", until=until)
    board = dataclasses.replace(blmk, councils=[*blmk.councils, ceased])
    assert (ceased in board.councils_on()) is kept
    current = dataclasses.replace(board, raw={**board.raw, "dissolved": None})
    assert ceased not in current.councils_on()  # as things stand now, the council is gone
