"""collector.paused() moves what a burst of work made out of the collector's sight for good
(gc.freeze). That is safe only if the bursts, reading a file and judging it, leave no reference
cycles: frozen garbage is never freed. And garbage made between bursts must be collected before
the next burst can freeze it."""

import gc
import weakref

import pytest

from conftest import CORPUS
from constitution_check import collector
from constitution_check.errors import InputError
from constitution_check.check import judge_documents
from constitution_check.extract import extract

# the Word file first: its reader collects its own cycles, and would collect any left before it too
DOCUMENTS = [*sorted(CORPUS.glob("formats/*.docx"))[:1], sorted(CORPUS.glob("constitutions/*.pdf"))[0],
             sorted(CORPUS.glob("board-papers/*.pdf"))[0], *sorted(CORPUS.glob("formats/*.html"))[:1]]


def _bad_files(folder):
    """A picture named .pdf, a PDF cut short, and a Word file that is not a zip."""
    png = folder / "scan.pdf"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    cut = folder / "cut.pdf"
    cut.write_bytes(DOCUMENTS[0].read_bytes()[:400])
    word = folder / "broken.docx"
    word.write_bytes(b"PK\x03\x04" + b"not a zip at all" * 10)
    return [png, cut, word]


def test_reading_and_judging_leave_no_reference_cycles(tmp_path):
    for path in DOCUMENTS[:1]:  # once, so that what is made once per process (the engine) is made
        judge_documents([extract(path, use_cache=False)], None, "all", processes=1)
    bad = _bad_files(tmp_path)
    gc.collect()
    gc.disable()  # nothing collected but by the code itself; paused() then neither freezes nor collects
    try:
        for path in DOCUMENTS:
            doc = extract(path, use_cache=False)
            judge_documents([doc], None, "all", processes=1)
            del doc
        for path in bad:
            with pytest.raises(InputError):
                extract(path, use_cache=False)
        left = gc.collect()
    finally:
        gc.enable()
    assert left == 0, f"{left} objects left in reference cycles"


class _Node:
    pass


def test_what_a_burst_keeps_is_frozen_and_garbage_from_between_bursts_is_collected():
    with collector.paused():
        kept = [_Node()]
    assert gc.get_freeze_count() > 0
    frozen = gc.get_freeze_count()
    loop = _Node()
    loop.self = loop  # a cycle made between bursts, then dropped: only the collector can free it
    gone = weakref.ref(loop)
    del loop
    with collector.paused():
        assert gone() is None, "collected as the burst started, before it could be frozen"
    assert kept and gc.get_freeze_count() >= frozen
