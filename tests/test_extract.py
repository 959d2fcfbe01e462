"""Extraction keeps where each sentence came from: pages, headings, clauses, tables, reading order."""

import re

import pytest

from conftest import CONSTITUTIONS, CORPUS, run_cli
from constitution_check.extract import extract
from constitution_check.extract.cleanup import normalise_text, remove_running_lines
from constitution_check.extract.clauses import read_label
from constitution_check.extract.lines import Line, RawPage
from constitution_check.extract.structure import join_lines, split_sentences


@pytest.fixture(scope="module")
def docs():
    return {p.stem: extract(p, use_cache=False) for p in CONSTITUTIONS}


def _front_matter(name: str) -> dict:
    text = (CORPUS / "sources" / "constitutions" / f"{name}.txt").read_text(encoding="utf-8")
    pairs = [line.split(":", 1) for line in text.split("---")[1].splitlines() if ":" in line]
    return {k.strip(): v.split("#")[0].strip().strip('"') for k, v in pairs}


def test_running_headers_and_page_numbers_are_removed(docs):
    for name, doc in docs.items():
        header = _front_matter(name).get("header")
        assert header, name
        body_pages = doc.pages[1:]
        assert not any(header in page.text for page in body_pages), name
        assert not any(re.search(r"Page \d+ of \d+", page.text) for page in body_pages), name


def test_clause_numbers_follow_the_source(docs):
    """Every numbered clause of the source appears as a clause in the extracted document."""
    for name, doc in docs.items():
        source = (CORPUS / "sources" / "constitutions" / f"{name}.txt").read_text(encoding="utf-8")
        expected = set(re.findall(r"^(\d+\.\d+\.\d+)\s", source, re.M))
        found = {s.clause.split("(")[0] for s in doc.sentences if s.clause}
        missing = expected - found
        assert len(missing) <= max(1, len(expected) // 50), (name, sorted(missing)[:10])


def test_two_column_pages_read_column_by_column(docs):
    """Clauses come out in the order the source wrote them, in two-column documents too."""
    for name, doc in docs.items():
        if _front_matter(name).get("layout") != "two-column":
            continue
        order = []
        for s in doc.sentences:
            m = re.match(r"^(\d+)\.(\d+)\.(\d+)$", s.clause or "")
            if m and s.text.startswith(s.clause) and not s.section[0].lower().startswith("appendix"):
                order.append(tuple(int(x) for x in m.groups()))
        assert order == sorted(order), name


def test_list_items_keep_their_parent_clause(docs):
    items = [s for d in docs.values() for s in d.sentences if s.kind == "item" and s.clause and s.text.startswith("(")]
    assert items
    assert all(re.match(r"^(SO |[A-Z]{0,2})?[\d.]+(\([a-z0-9]+\))+$", s.clause) for s in items if s.clause[0].isdigit())
    assert all(s.lead_in for s in items if re.match(r"^\d", s.clause))


def test_membership_tables_become_rows(docs):
    tabled = [name for name in docs
              if "\n| " in (CORPUS / "sources" / "constitutions" / f"{name}.txt").read_text()]
    assert tabled
    for name in tabled:
        rows = [s for s in docs[name].sentences if s.kind == "row"]
        assert len(rows) >= 3, name
        assert all(":" in r.text for r in rows)


def test_every_sentence_lies_on_its_page(docs):
    for doc in docs.values():
        for s in doc.sentences:
            for part in s.parts:
                assert part.text in doc.page_text(part.page)


def test_extract_command_shows_clauses_and_json():
    text = run_cli("extract", CONSTITUTIONS[0])
    assert text.returncode == 0 and "=== page 2 ===" in text.stdout and "[1.1]" in text.stdout
    as_json = run_cli("extract", CONSTITUTIONS[0], "--format", "json")
    assert as_json.returncode == 0 and '"sentences"' in as_json.stdout and '"clause"' in as_json.stdout


@pytest.mark.parametrize("prev,nxt,joined", [
    ("the Board will estab-", "lish a committee", "the Board will establish a committee"),
    ("a non-", "executive member", "a non-executive member"),
    ("the Board", "will meet", "the Board will meet"),
    ("self-", "employed persons", "self-employed persons"),
])
def test_line_end_hyphens(prev, nxt, joined):
    assert join_lines(prev, nxt) == joined


@pytest.mark.parametrize("text,label", [
    ("3.2.1 The Board", "3.2.1"), ("SO 3.4 The Chair", "SO 3.4"), ("(a) the Board;", "(a)"),
    ("(iii) a member", "(iii)"), ("A2.5.1 Any person", "A2.5.1"), ("4. Membership", "4"), ("b) the Chair", "(b)"),
])
def test_clause_labels(text, label):
    assert read_label(text).label == label


def test_sentence_split_respects_abbreviations():
    text = "Cllr. Jones chairs the meeting, e.g. in May. The Board will meet under para. 3.2. Papers follow."
    assert split_sentences(text) == [
        "Cllr. Jones chairs the meeting, e.g. in May.", "The Board will meet under para. 3.2.", "Papers follow."]


def test_invisible_and_control_characters_are_removed():
    assert normalise_text("pub\u200blic\u202e meet\x07ing (cid:12)") == "public meeting"


def test_repeated_lines_are_found_by_repetition_not_margin():
    pages = []
    for n in range(1, 6):
        lines = [Line(f"NHS Example ICB Constitution v{n}", 50, 500, 20, 30, 8),
                 Line(f"Body text {n} about the Board.", 50, 500, 300, 310, 10),
                 Line(f"{n}", 290, 300, 810, 820, 8)]
        pages.append(RawPage(n, 595, 842, lines))
    remove_running_lines(pages)
    assert all([ln.text for ln in p.lines] == [f"Body text {p.number} about the Board."] for p in pages)


def test_tables_from_the_drawn_grid_match_pdfplumber():
    """The fast grid reader must find the very tables pdfplumber finds, cell for cell."""
    import io

    import pdfplumber

    from constitution_check.extract.cleanup import clean_pages, normalise_text
    from constitution_check.extract.readers import read_pdf

    checked = 0
    for pdf in sorted((CORPUS / "constitutions").glob("*.pdf")):
        data = pdf.read_bytes()
        pages = read_pdf(pdf, data)
        clean_pages(pages)
        with pdfplumber.open(io.BytesIO(data)) as plumber:
            for page in (p for p in pages if p.tabular):
                ours = sorted([[normalise_text(c) for c in row] for row in rows] for _, rows in page.grid or [])
                theirs = []
                for table in plumber.pages[page.number - 1].find_tables():
                    rows = [[normalise_text(c or "") for c in row] for row in table.extract()]
                    rows = [r for r in rows if any(r)]
                    if len(rows) >= 2 and max(len(r) for r in rows) >= 2:
                        theirs.append(rows)
                assert ours == sorted(theirs), (pdf.name, page.number)
                checked += 1
    assert checked >= 5
