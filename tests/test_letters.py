"""Letters to the ICB chair: Word and Markdown, the copy list, points-only, own templates, goldens.

Golden letters are written from frozen reports (golden/letters/<area>.report.json). Regenerate both,
from the corpus as the rules now judge it, after a deliberate change:
    CONSTITUTION_CHECK_UPDATE_GOLDEN=1 python -m pytest tests/test_letters.py"""

import itertools
import os
import re
from datetime import date
from pathlib import Path

import pytest
from docx import Document

from conftest import CONSTITUTIONS, ROOT, run_cli

GOLDEN = Path(__file__).parent / "golden" / "letters"
UPDATE = os.environ.get("CONSTITUTION_CHECK_UPDATE_GOLDEN") == "1"
DATE = "2026-11-23"


@pytest.fixture(scope="session")
def reports(tmp_path_factory):
    """Each corpus area's report, judged once (in-process: spaCy loads once) and written as JSON."""
    from constitution_check.check import check_paths

    folder = tmp_path_factory.mktemp("reports")
    out = {}
    for pdf in CONSTITUTIONS:
        report = check_paths([str(pdf.relative_to(ROOT))]).report
        path = folder / f"{pdf.stem}.json"
        path.write_text(report.model_dump_json(indent=2, exclude_none=True))
        out[pdf.stem] = path
    return out


def letter_md(report_path: Path, **kwargs) -> str:
    from constitution_check.letters.compose import LetterOptions, Sender
    from constitution_check.letters.render import render_letter
    from constitution_check.report.load import load_report

    options = LetterOptions(sender=Sender("Keep Our NHS Public (test group)", "1 High Street, Anytown AB1 2CD",
                                          "group@example.org"), on=date.fromisoformat(DATE))
    return render_letter(load_report(report_path), options, **kwargs)


def gap_sections(text: str) -> dict[str, str]:
    """Title -> paragraph of each numbered gap section."""
    found = re.findall(r"^## \d+\. (.+)\n\n(.+?)\n", text, flags=re.M)
    return dict(found)


def sentences(paragraph: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.?!])[\"”']?\s+(?=[A-Z\"(])", paragraph) if len(s) > 3]


def paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n\n") if p.strip() and not p.startswith(("#", "- "))]


@pytest.mark.parametrize("pdf", CONSTITUTIONS, ids=[p.stem for p in CONSTITUTIONS])
def test_golden_letter(pdf, reports):
    """The letter from a frozen copy of the area's report: a change of rules elsewhere does not move
    these goldens; a change of the letter's wording or of the report's shape does."""
    frozen, golden = GOLDEN / f"{pdf.stem}.report.json", GOLDEN / f"{pdf.stem}.md"
    if UPDATE or not frozen.exists():
        GOLDEN.mkdir(parents=True, exist_ok=True)
        frozen.write_text(reports[pdf.stem].read_text(encoding="utf-8"), encoding="utf-8")
    text = letter_md(frozen)
    if UPDATE or not golden.exists():
        golden.write_text(text, encoding="utf-8")
        if not UPDATE:
            pytest.fail(f"golden letter {golden.name} was missing and has been written: check it and commit it")
    assert text == golden.read_text(encoding="utf-8"), f"letter differs from {golden} (see module docstring)"


@pytest.mark.parametrize("pdf", CONSTITUTIONS, ids=[p.stem for p in CONSTITUTIONS])
def test_no_two_paragraphs_of_a_letter_share_a_sentence(pdf, reports):
    seen: dict[str, int] = {}
    for i, para in enumerate(paragraphs(letter_md(reports[pdf.stem]))):
        for sentence in sentences(para):
            assert seen.setdefault(sentence, i) == i, f"{pdf.stem}: repeated sentence: {sentence}"


def test_letters_of_different_areas_share_no_gap_paragraph(reports):
    gaps = {name: set(gap_sections(letter_md(path)).values()) for name, path in reports.items()}
    assert sum(len(g) for g in gaps.values()) > 50  # enough gaps for the comparison to mean something
    for a, b in itertools.combinations(gaps, 2):
        assert not gaps[a] & gaps[b], f"{a} and {b} share a gap paragraph"


def test_letter_follows_the_report(reports):
    """Every gap gets a section (headline demands first), met demands are acknowledged, not left out."""
    from constitution_check.report.load import load_report

    for name in ("bsw", "somerset", "north-east-london"):
        report = load_report(reports[name])
        text = letter_md(reports[name])
        sections = list(gap_sections(text))
        gaps = [r for r in report.results if r.verdict != "met"]
        assert sorted(sections) == sorted(r.title for r in gaps)
        headline = ["private-sector-exclusion", "councillor-per-authority", "public-meetings",
                    "emergency-care-non-residents"]
        titles = {r.demand: r.title for r in report.results}
        expected_first = [titles[d] for d in headline if titles[d] in sections]
        assert sections[:len(expected_first)] == expected_first
        met = [r.title for r in report.results if r.verdict == "met"]
        if met:
            welcome = text.split("## What the constitution already does well\n\n")[1].split("\n\n")[0]
            assert all(f'"{t}"' in welcome for t in met)
        for r in gaps:  # each finding cites its own clause and page
            ev = next((e for e in r.evidence if e.clause and e.status != "practice"), None)
            if ev is not None and r.verdict != "silent":
                assert "clause " in sections_text(text, r.title) and "page " in sections_text(text, r.title)


def sections_text(text: str, title: str) -> str:
    return gap_sections(text)[title]


def test_councillor_finding_names_the_councils_without_a_member(reports):
    text = letter_md(reports["bsw"])
    para = gap_sections(text)["A councillor from every local authority on the Board"]
    assert "Clause 2.7.1 on page 6" in para and "3 councils" in para
    assert "Swindon Borough Council" in para and "Wiltshire Council" in para


def test_word_letter_structure(reports, tmp_path):
    contacts = tmp_path / "contacts.yaml"
    result = run_cli("letter", reports["bsw"], "--contacts-template", "-o", contacts)
    assert result.returncode == 0, result.stderr
    template = contacts.read_text()
    assert "Wiltshire Council" in template and "health_scrutiny_chair" in template
    contacts.write_text(template.replace("chair: ''", "chair: 'Priya Kaur'", 1)
                        .replace("chief_executive: ''", "chief_executive: 'Sam Okafor'", 1))
    out = tmp_path / "letter.docx"
    result = run_cli("letter", reports["bsw"], "--from", "Wiltshire KONP", "--contacts", contacts,
                     "--date", DATE, "-o", out)
    assert result.returncode == 0, result.stderr
    doc = Document(str(out))
    body = [p for p in doc.paragraphs if p.text.strip()]
    texts = [p.text for p in body]
    assert any(t.startswith("Priya Kaur\nChair, NHS Bath and North East Somerset") for t in texts)
    assert "Dear Priya Kaur," in texts and "23 November 2026" in texts
    assert any(t.startswith("Subject: ") for t in texts)
    from constitution_check.report.load import load_report

    report = load_report(reports["bsw"])
    gaps = [r for r in report.results if r.verdict != "met"]
    headings = [p.text for p in body if p.style.name == "Heading 2" and re.match(r"\d+\. ", p.text)]
    assert len(headings) == len(gaps)
    for heading in headings:  # one section per gap; its paragraph cites clause and page where there is one
        title = heading.split(". ", 1)[1]
        result_ = next(r for r in gaps if r.title == title)
        para = texts[texts.index(heading) + 1]
        if result_.verdict != "silent":
            assert re.search(r"clause [\w.()]+ on page \d+", para, flags=re.I), para
            assert any(f"lause {e.clause}" in para for e in result_.evidence if e.clause), title
    copies = [p.text for p in body[texts.index("Copies to") + 1:]]
    assert all(p.style.name == "List Bullet" for p in body[texts.index("Copies to") + 1:])
    assert "Sam Okafor, Chief Executive, NHS Bath and North East Somerset, Swindon and Wiltshire Integrated Care Board" \
        in copies
    assert "[name], Chair of the health scrutiny committee, Swindon Borough Council" in copies
    assert any("trades council" in c for c in copies) and any("Healthwatch" in c for c in copies)


def test_markdown_letter_defaults(reports, tmp_path):
    out = tmp_path / "letter.md"
    result = run_cli("letter", reports["somerset"], "--date", DATE, "-o", out)
    assert result.returncode == 0, result.stderr
    text = out.read_text()
    assert "Dear Chair," in text and "The Chair  \nChair, NHS Somerset Integrated Care Board" in text
    assert "reply by 21 December 2026" in text  # four weeks after the letter's date
    result = run_cli("letter", reports["somerset"], "--date", DATE, "--reply-by", "2027-01-08", "--chair", "Jo Bloggs")
    assert "reply by 8 January 2027" in result.stdout and "Dear Jo Bloggs," in result.stdout


def test_points_only(reports):
    from constitution_check.report.load import load_report

    text = letter_md(reports["north-east-london"], points_only=True)
    report = load_report(reports["north-east-london"])
    gaps = [r for r in report.results if r.verdict != "met"]
    points = re.findall(r"^(\d+)\. \*\*(.+?)\*\*", text, flags=re.M)
    assert [t for _, t in points] == [t for t in gap_sections(letter_md(reports["north-east-london"]))]
    assert len(points) == len(gaps) and "Dear" not in text and "Copies to" not in text
    assert re.search(rf"^{len(gaps) + 1}\. We welcome", text, flags=re.M)


def test_own_template(reports, tmp_path):
    template = tmp_path / "mine.md.j2"
    template.write_text('{% from "gap.md.j2" import gap %}To {{ chair or "the Chair" }} of {{ icb }}:\n'
                        '{% for g in gaps %}* {{ g.title }}: {{ gap(g, this) | squash }}\n{% endfor %}')
    result = run_cli("letter", reports["bsw"], "--template", template, "--date", DATE)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("To the Chair of NHS Bath and North East Somerset")
    assert "* A councillor from every local authority on the Board: " in result.stdout
    template.write_text("{% for g in gaps %}{{ g.title }\n{% endfor %}")
    result = run_cli("letter", reports["bsw"], "--template", template)
    assert result.returncode == 2 and "template error" in result.stderr and "Traceback" not in result.stderr


def test_bad_input_is_one_line_and_exit_2(tmp_path, reports):
    not_json = tmp_path / "report.json"
    not_json.write_text("<html>not json</html>")
    other = tmp_path / "other.json"
    other.write_text('{"name": "something else"}')
    broken = tmp_path / "broken.json"
    broken.write_text('{"results": [{"demand": 3}]}')
    contacts = tmp_path / "contacts.yaml"
    contacts.write_text("mayor_of_everywhere: 'X'\n")
    cases = [(("letter", tmp_path / "missing.json"), "file not found"),
             (("letter", not_json), "not JSON"),
             (("letter", other), "not a constitution-check report"),
             (("letter", broken), "not a valid constitution-check report"),
             (("letter", reports["bsw"], "--contacts", contacts), "unknown role 'mayor_of_everywhere'"),
             (("letter", reports["bsw"], "--date", "23/11/2026"), "YYYY-MM-DD"),
             (("letter", reports["bsw"], "-o", tmp_path / "letter.pdf"), ".docx"),
             (("letter",), "give a report")]
    for args, message in cases:
        result = run_cli(*args)
        assert result.returncode == 2, (args, result.stderr)
        assert message in result.stderr and "Traceback" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr


def test_check_format_docx(tmp_path):
    result = run_cli("check", CONSTITUTIONS[0], "--format", "docx")
    assert result.returncode == 2 and "give -o" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    out = tmp_path / "report.docx"
    result = run_cli("check", ROOT / "corpora" / "constitutions" / "bsw.pdf", "--ruleset", "headline",
                     "--format", "docx", "-o", out)
    assert result.returncode == 0, result.stderr
    doc = Document(str(out))
    table = doc.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["Demand", "Verdict", "Where"] and len(table.rows) == 5
    rows = {r.cells[0].text: (r.cells[1].text, r.cells[2].text) for r in table.rows[1:]}
    assert rows["No private-sector representatives on any ICS body"] == ("Not met", "clause 2.10.3, page 8")
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert "A councillor from every local authority on the Board" in headings and len(headings) == 4
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "clause 2.10.3, page 8" in text and "undermining the independence of the health service" in text
