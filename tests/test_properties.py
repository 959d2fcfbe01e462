"""Property-based tests (hypothesis): text normalisation, clause numbering, the readers and
the rule engine with random and garbled text never raise, and give stable output.

Bounded so the whole file runs in well under a minute; the seed is fixed by hypothesis'
derandomize setting, so CI sees the same examples every run."""

import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from constitution_check.errors import InputError
from constitution_check.extract import extract_bytes
from constitution_check.extract.cleanup import clean_pages, normalise_text
from constitution_check.extract.clauses import looks_like_heading, read_label
from constitution_check.extract.lines import Line, RawPage
from constitution_check.extract.structure import build_blocks, build_sentences, split_sentences

FAST = settings(max_examples=300, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=25, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# text a hostile or broken PDF can hand over: controls, invisible and bidi characters,
# (cid:N) placeholders, ligatures, soft hyphens, private-use and combining characters
HOSTILE = st.sampled_from(["\u200b", "\u202e", "\u2066", "\ufeff", "\u00ad", "\x02", "\x00", "\x1b", "\x85",
                           "(cid:12)", "\ufb01", "\ue000", "\u0301", "\ufffd", "\u2028", "\t", "\n", "\u034f",
                           "\U000e0041", "\u180e", "\u061c"])
WORDS = st.sampled_from(["The", "Board", "shall", "meet", "in", "public", "council", "member", "private",
                         "sector", "emergency", "care", "3.2.1", "(a)", "(iv)", "SO 4.2", "Appendix 2", ".", ",",
                         ";", "not", "may", "except", "•", "-", "A2.1", "1.", "Chair", "independent"])
GARBLED = st.lists(st.one_of(WORDS, HOSTILE, st.text(max_size=6)), max_size=40).map(" ".join)
ANY_TEXT = st.one_of(st.text(max_size=200), GARBLED)


@FAST
@given(ANY_TEXT)
def test_normalise_is_idempotent_and_strips_the_invisible(text):
    once = normalise_text(text)
    assert normalise_text(once) == once
    assert once == once.strip() and "  " not in once
    for ch in once:
        assert unicodedata.category(ch) not in ("Cc", "Cf"), repr(ch)
    assert not re.search(r"\(cid:\d+\)", once)


@FAST
@given(ANY_TEXT)
def test_clause_labels_and_headings_never_raise(text):
    label = read_label(text)
    if label is not None:
        assert text.endswith(label.rest) and label.kind in ("so", "number", "item", "bullet")
        assert read_label(text) == label
    looks_like_heading(text, 12.0, 10.0, bold=True)
    looks_like_heading(text, 10.0, 10.0, plain_ok=True)
    assert split_sentences(text) == split_sentences(text)


LINE = st.tuples(st.sampled_from(["", "3.2.1 ", "3. ", "(a) ", "(ii) ", "SO 4.2 ", "• ", "Appendix 1 ", "A2.1 "]),
                 ANY_TEXT, st.sampled_from([9.0, 10.0, 14.0]), st.booleans())


def _pages(spec):
    pages = []
    for number, lines in enumerate(spec, 1):
        page = RawPage(number=number, width=595, height=842)
        top = 60.0
        for prefix, text, size, bold in lines:
            page.lines.append(Line(text=prefix + text, x0=60, x1=500, top=top, bottom=top + size, size=size, bold=bold))
            top += size * 1.6
            page.chars += len(text)
        pages.append(page)
    return pages


@SLOW
@given(st.lists(st.lists(LINE, max_size=25), min_size=1, max_size=4))
def test_blocks_and_sentences_never_raise_and_are_stable(spec):
    results = []
    for _ in range(2):
        pages = _pages(spec)
        clean_pages(pages)
        blocks = build_blocks(pages)
        sentences = build_sentences(blocks)
        results.append([(s.text, s.clause, s.heading, s.page) for s in sentences])
        numbers = {p.number for p in pages}
        assert all(part.page in numbers for s in sentences for part in s.parts)
    assert results[0] == results[1]


def _document(text: str):
    try:
        return extract_bytes(Path("random.txt"), text.encode("utf-8"), "0" * 64, fmt="text")
    except InputError:
        return None


@SLOW
@given(st.lists(st.one_of(GARBLED, st.sampled_from([
    "3.2.1 The Board shall meet in public.", "The ICB shall not appoint any person employed by a private provider.",
    "One member nominated jointly by the local authorities.", "Emergency care for everyone present in the area.",
    "except where the Chair decides otherwise;", "(a) the Chair may invite questions;"])), min_size=1, max_size=30))
def test_rule_engine_with_garbled_text_gives_a_stable_report(paragraphs):
    from constitution_check.check import judge_documents

    text = "\n\n".join(paragraphs) + "\n\n" + " ".join(["word"] * 20)
    doc = _document(text)
    if doc is None:
        return
    first = judge_documents([doc], None, "all")
    second = judge_documents([_document(text)], None, "all")
    verdicts = [(r.demand, r.verdict) for r in first.results]
    assert verdicts == [(r.demand, r.verdict) for r in second.results]
    assert all(v in ("met", "partial", "not_met", "silent") for _, v in verdicts) and len(verdicts) == 15
    for result in first.results:
        for ev in result.evidence:
            assert 1 <= ev.page <= doc.page_count


MARKUP = st.lists(st.one_of(
    st.sampled_from(["<p>", "</p>", "<h2>", "</h2>", "<ol type='a'>", "<ol type='i' start='x'>", "</ol>", "<ul>",
                     "<li>", "</li>", "<table>", "<tr>", "<th>", "<td>", "</table>", "<br>", "<nav>", "</nav>",
                     "<div class='cookie-banner'>", "</div>", "<main>", "</main>", "<script>", "</script>", "<!--",
                     "-->", "&amp;", "&#0;", "&#x202e;", "<b>", "</b>", "<pre>", "</pre>"]),
    GARBLED), max_size=60).map(lambda parts: "<!DOCTYPE html><html><body>" + " ".join(parts))


@SLOW
@given(MARKUP)
def test_web_pages_of_any_shape_read_or_fail_cleanly(page):
    try:
        doc = extract_bytes(Path("page.html"), page.encode("utf-8"), "0" * 64, fmt="html")
    except InputError as err:
        assert "\n" not in str(err)
        return
    assert doc.pages and all(s.parts for s in doc.sentences)


@SLOW
@given(st.binary(max_size=400))
def test_any_bytes_are_detected_or_refused_in_one_line(data):
    from constitution_check.extract.sniff import detect_format

    try:
        fmt = detect_format(data, "x.pdf")
    except InputError as err:
        assert "\n" not in err.reason and err.reason
        return
    assert fmt in ("pdf", "docx", "html", "text")
    if fmt in ("html", "text"):
        try:
            extract_bytes(Path("x.pdf"), data, "0" * 64, fmt=fmt)
        except InputError as err:
            assert "\n" not in err.reason


@pytest.mark.parametrize("text, expected", [
    ("pub\u200blic", "public"), ("pub\u202elic", "public"), ("pub\u00adlic", "pub\u2010lic"),
    ("(cid:3)(cid:4) Board", "Board"), ("\ufb01nance", "finance"), ("e\x85\u0301", "\u00e9"),
])
def test_normalise_examples(text, expected):
    assert normalise_text(text) == expected
