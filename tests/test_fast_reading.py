"""The fast ways of reading a PDF give what the slow ways gave: each run's text read in bulk
is the text pdfium gives for its rectangle, a long file read by several processes is the same
file read by one, and the column gutter counted by bisection is the gutter counted by testing."""

import os
import time
import unicodedata
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import CORPUS, SHARED
from constitution_check import forked
from constitution_check.extract import extract_bytes, pdfium_text
from constitution_check.extract.cleanup import garbled_ratio
from constitution_check.extract.layout import _counts_by_bisection, _counts_by_testing, find_gutter
from constitution_check.extract.readers import PAGES_PER_PROCESS, read_pdf

CORPUS_PDFS = sorted(CORPUS.glob("*/*.pdf"))


def _bounded_and_bulk(path: Path):
    """Per page: the text pdfium gives for each rectangle, and what bulk reading gives (or None)."""
    pdf = pdfium.PdfDocument(str(path))
    try:
        for i in range(len(pdf)):
            page = pdf[i]
            textpage = page.get_textpage()
            rects = [textpage.get_rect(j) for j in range(textpage.count_rects())]
            assert pdfium_text.rects(pdfium_text.address(textpage.raw)) == rects  # read through plain prototypes
            bounded = [textpage.get_text_bounded(*r) for r in rects]
            bulk = pdfium_text.runs(pdfium_text.address(textpage.raw), rects)
            yield i + 1, bounded, bulk
            textpage.close()
            page.close()
    finally:
        pdf.close()


def _plain(text: str) -> str:
    return " ".join(text.replace("\r", " ").replace("\n", " ").split())


@pytest.mark.parametrize("path", CORPUS_PDFS, ids=lambda p: p.name)
def test_bulk_runs_give_each_rectangles_text(path):
    pages = 0
    for number, bounded, bulk in _bounded_and_bulk(path):
        if not bounded:
            continue
        assert bulk is not None, f"page {number}: the corpus's pages all line up"
        assert [_plain(t) for _, t in bulk] == [_plain(t) for t in bounded], f"page {number}"
        pages += 1
    assert pages


def test_bulk_runs_fall_back_when_they_do_not_line_up():
    """Fewer rectangles than runs, or rectangles that do not hold their run's first character,
    and bulk reading declines (the reader then asks rectangle by rectangle)."""
    pdf = pdfium.PdfDocument(str(CORPUS_PDFS[0]))
    page = pdf[1]
    textpage = page.get_textpage()
    tp = pdfium_text.address(textpage.raw)
    rects = [textpage.get_rect(j) for j in range(textpage.count_rects())]
    assert len(rects) > 3 and pdfium_text.runs(tp, rects) is not None
    assert pdfium_text.runs(tp, rects[:-1]) is None
    shifted = [(r[0] + 200, r[1] + 200, r[2] + 200, r[3] + 200) for r in rects]
    assert pdfium_text.runs(tp, shifted) is None
    textpage.close()
    page.close()
    pdf.close()


@pytest.mark.skipif(not (SHARED / "pdf-corpus").is_dir(), reason="needs ../shared/pdf-corpus")
def test_bulk_reading_never_keeps_a_neighbours_letters():
    """pdfium's text for a rectangle takes in letters of overlapping runs ('Suffffolk'); the
    run's own characters do not."""
    path = SHARED / "pdf-corpus" / "public_suffolk-libraries-accounts-2015-53pp.pdf"
    if not path.exists():
        pytest.skip("the Suffolk accounts are not in this copy of the corpus")
    doc = extract_bytes(path, path.read_bytes(), "x", fmt="pdf")
    text = " ".join(p.text for p in doc.pages)
    assert "Suffolk Coastal" in text
    assert "Suffffolk" not in text


def _long_pdf(tmp_path: Path, pages: int) -> bytes:
    target = pdfium.PdfDocument.new()
    while len(target) < pages:
        for source in CORPUS_PDFS:
            src = pdfium.PdfDocument(str(source))
            take = min(len(src), pages - len(target))
            if take > 0:
                target.import_pages(src, list(range(take)))
            src.close()
    out = tmp_path / "long.pdf"
    target.save(str(out))
    target.close()
    return out.read_bytes()


@pytest.mark.skipif(forked.processes_for(1000, 2, 24) < 2, reason="this system does not fork")
def test_a_long_file_read_by_two_processes_is_the_same_as_by_one(tmp_path):
    data = _long_pdf(tmp_path, 3 * PAGES_PER_PROCESS)
    one = read_pdf(Path("long.pdf"), data, processes=1)
    two = read_pdf(Path("long.pdf"), data, processes=2)
    assert len(one) == len(two) == 3 * PAGES_PER_PROCESS
    assert [p.number for p in two] == list(range(1, len(one) + 1))
    assert [[(ln.text, ln.top, ln.size, ln.bold) for ln in p.lines] for p in one] == \
        [[(ln.text, ln.top, ln.size, ln.bold) for ln in p.lines] for p in two]


def test_work_is_shared_only_when_there_is_enough_of_it():
    assert forked.processes_for(10, 0, 24) == 1  # too little to share
    assert forked.processes_for(1000, 1, 24) == 1
    assert forked.map_chunks(lambda chunk, here: [(n, here) for n in chunk], 5, 1, 2) == [(n, True) for n in range(5)]


@pytest.mark.skipif(forked.processes_for(1000, 2, 24) < 2, reason="this system does not fork")
def test_chunks_taken_in_turn_cover_every_item_once_in_order():
    """Each chunk is done once, by whichever process took it, and the results come back in order;
    a process slowed down (here, by sleeping) takes fewer chunks and the others take the rest."""
    parent = os.getpid()

    def work(chunk, here):
        assert here == (os.getpid() == parent)
        if not here:
            time.sleep(0.02)
        return [(n, here) for n in chunk]

    for count, parts, size in ((1, 2, 4), (7, 3, 1), (100, 2, 4), (101, 3, 5)):
        got = forked.map_chunks(work, count, parts, size)
        assert [n for n, _ in got] == list(range(count))
    got = forked.map_chunks(work, 400, 2, 2)
    assert sum(here for _, here in got) > 200, "the quicker process took more of the chunks"
    many = forked.map_chunks(lambda chunk, here: list(chunk), 5 * forked.MAX_CHUNKS + 3, 2, 1)
    assert many == list(range(5 * forked.MAX_CHUNKS + 3)), "chunks grow so their numbers fit a pipe"


@pytest.mark.skipif(forked.processes_for(1000, 2, 24) < 2, reason="this system does not fork")
def test_chunks_a_failed_process_took_are_done_here():
    parent = os.getpid()

    def work(chunk, _here):
        if os.getpid() != parent:
            raise RuntimeError("a child that fails")
        time.sleep(0.001)  # so that the child has time to take some chunks and lose them
        return [n * 10 for n in chunk]

    assert forked.map_chunks(work, 100, 3, 2) == [n * 10 for n in range(100)]


FRAG_EDGES = st.tuples(st.one_of(st.integers(0, 60).map(lambda n: n * 10.0), st.floats(0, 600)),
                       st.one_of(st.just(0.0), st.integers(0, 20).map(lambda n: n * 10.0), st.floats(0, 300)))


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(FRAG_EDGES, max_size=40), st.lists(st.floats(0, 700), max_size=10))
def test_gutter_counts_by_bisection_are_the_counts_by_testing(edges, xs):
    frags = [(x0, 0.0, x0 + w, 10.0, "word", 10.0, False) for x0, w in edges]
    bisect, test = _counts_by_bisection(frags), _counts_by_testing(frags)
    for x in xs + [f[0] for f in frags] + [f[2] for f in frags]:
        assert bisect(x) == test(x)


def test_a_gutter_is_found_between_two_columns_and_not_on_a_single_column():
    left = [(50.0, 100.0 + 12 * i, 280.0, 110.0 + 12 * i, "left column text", 10.0, False) for i in range(20)]
    right = [(320.0, 100.0 + 12 * i, 550.0, 110.0 + 12 * i, "right column text", 10.0, False) for i in range(20)]
    gutter = find_gutter(left + right, 600.0)
    assert gutter is not None and 280 <= gutter <= 320
    wide = [(50.0, 100.0 + 12 * i, 550.0, 110.0 + 12 * i, "one wide column", 10.0, False) for i in range(20)]
    assert find_gutter(wide, 600.0) is None


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.text(max_size=80))
def test_garbled_ratio_counts_control_unassigned_and_private_characters(text):
    expected = sum(1 for ch in text if unicodedata.category(ch) in ("Cc", "Co", "Cn") or ch == "\ufffd")
    assert garbled_ratio(text) == (expected / len(text) if text else 0.0)


LABEL_PIECES = st.sampled_from(["SO ", "S.O. ", "Standing Order ", "A2.1 ", "AB12.3 ", "1.2.3 ", "12. ", "(a) ",
                                "(iv) ", "a) ", "iv) ", "• ", "- ", "The ", "x) ", "iii) ", "(12) ", "3 ", "Schedule 2"])


@settings(max_examples=500, deadline=None, derandomize=True)
@given(st.lists(st.one_of(LABEL_PIECES, st.text(max_size=3)), max_size=6).map("".join))
def test_a_line_ruled_out_at_a_glance_is_one_no_label_pattern_matches(text):
    """read_label looks at a line's first characters before its patterns; what it rules out
    that way no pattern would have matched."""
    from constitution_check.extract import clauses

    patterns = (clauses._SO, clauses._PREFIXED, clauses._MULTI, clauses._SINGLE, clauses._PAREN, clauses._HALF,
                clauses._BULLET)
    if clauses.read_label(text) is None:
        assert not any(p.match(text) for p in patterns)
    else:
        assert any(p.match(text) for p in patterns)


@settings(max_examples=500, deadline=None, derandomize=True)
@given(st.lists(st.one_of(st.characters(max_codepoint=127), st.sampled_from(["(cid:7)", "(cid:", "\x02", "  "])),
                max_size=30).map("".join))
def test_plain_ascii_lines_are_normalised_as_any_other_line(text):
    from constitution_check.extract.cleanup import _normalise_any, normalise_text

    assert normalise_text(text) == _normalise_any(text)
