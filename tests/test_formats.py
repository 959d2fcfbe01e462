"""Word, web pages and plain text: the same document model as a PDF, and the same verdicts.

corpora/formats/ holds Word and HTML versions of four corpus constitutions, written by
corpora/build.py from the same sources as their PDFs."""

import io
import json
import sys
import zipfile
from concurrent.futures import ThreadPoolExecutor

import pytest

from conftest import CORPUS, ROOT, run_cli

from constitution_check.errors import InputError
from constitution_check.extract import extract
from constitution_check.extract.sniff import detect_format, name_warning

FORMAT_DOCS = ["somerset", "bsw", "north-east-london", "kent-medway"]


def _verdicts(path):
    result = run_cli("check", path, "--format", "json", "--no-cache")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    return report


@pytest.mark.parametrize("name", FORMAT_DOCS)
def test_word_and_web_versions_give_the_pdf_verdicts(name):
    paths = [CORPUS / "constitutions" / f"{name}.pdf", CORPUS / "formats" / f"{name}.docx",
             CORPUS / "formats" / f"{name}.html"]
    with ThreadPoolExecutor(max_workers=3) as pool:
        pdf, word, web = pool.map(_verdicts, paths)
    expected = [(r["demand"], r["verdict"]) for r in pdf["results"]]
    for other, kind in ((word, "docx"), (web, "html")):
        assert [(r["demand"], r["verdict"]) for r in other["results"]] == expected, kind
        assert other["area"]["name"] == pdf["area"]["name"], kind
        info = other["documents"][0]
        assert info["kind"] == "constitution" and any("virtual pages" in w for w in info["warnings"])
        for result in other["results"]:  # evidence still cites a page that exists, with its text
            for ev in result["evidence"]:
                assert 1 <= ev["page"] <= info["pages"]


def test_corpus_formats_are_up_to_date(tmp_path, monkeypatch):
    pytest.importorskip("reportlab")
    sys.path.insert(0, str(CORPUS))
    try:
        import build
    finally:
        sys.path.remove(str(CORPUS))
    monkeypatch.setattr(build, "FORMATS_DIR", tmp_path)
    for name in FORMAT_DOCS:
        for path in build.build_formats(build.SOURCES / "constitutions" / f"{name}.txt"):
            assert path.read_bytes() == (CORPUS / "formats" / path.name).read_bytes(), path.name


def _docx(path, build):
    import docx

    document = docx.Document()
    build(document)
    document.save(str(path))
    return path


def test_word_headings_numbering_and_tables(tmp_path):
    def build(d):
        d.add_heading("NHS Example ICB Constitution", 0)
        d.add_heading("3. Membership of the Board", 1)
        d.add_paragraph("3.1.1 The Board shall meet in public, and its papers shall be published in advance.")
        d.add_paragraph("The members of the Board are:")
        d.add_paragraph("The Chair.", style="List Number")
        d.add_paragraph("The Chief Executive.", style="List Number")
        d.add_paragraph("a bullet point", style="List Bullet")
        table = d.add_table(rows=2, cols=2)
        for i, (role, by) in enumerate([("Role", "Nominated by"), ("Partner member", "Somerset Council")]):
            table.cell(i, 0).text, table.cell(i, 1).text = role, by
        d.add_page_break()
        d.add_heading("4. Meetings", 1)
        d.add_paragraph("4.1 The Board will meet at least six times a year.")

    doc = extract(_docx(tmp_path / "c.docx", build), use_cache=False)
    kinds = [(b.kind, b.clause, b.text) for b in doc.blocks]
    assert ("heading", None, "NHS Example ICB Constitution") in kinds
    assert ("heading", "3", "3. Membership of the Board") in kinds
    assert any(t == "1. The Chair." for _, _, t in kinds) and any(t == "2. The Chief Executive." for _, _, t in kinds)
    assert any(k == "item" and t == "\u2022 a bullet point" for k, _, t in kinds)
    rows = [b for b in doc.blocks if b.kind == "row"]
    assert rows and rows[0].text == "Role: Partner member; Nominated by: Somerset Council."
    assert doc.tables[0].header == ["Role", "Nominated by"]
    meeting = next(s for s in doc.sentences if s.text.startswith("4.1"))
    assert meeting.page == 2 and meeting.clause == "4.1" and meeting.heading == "4. Meetings"
    assert doc.file_format == "docx"


def test_word_automatic_multilevel_numbering(tmp_path):
    """A paragraph numbered by Word (numPr), not typed: the label is rebuilt as Word draws it."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    def build(d):
        numbering = d.part.numbering_part.element
        numbering.insert(0, parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">'
            '<w:lvl w:ilvl="0"><w:start w:val="3"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>'
            '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl>'
            '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%3)"/></w:lvl>'
            '</w:abstractNum>'))
        numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
        for level, text in [(1, "The Board shall meet in public."), (1, "The Board may exclude the public:"),
                            (2, "for confidential items;"), (2, "for commercial reasons.")]:
            p = d.add_paragraph(text)
            p._p.get_or_add_pPr().append(parse_xml(
                f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'))

    doc = extract(_docx(tmp_path / "n.docx", build), use_cache=False)
    assert [b.text.split()[0] for b in doc.blocks] == ["3.1", "3.2", "(a)", "(b)"]
    assert [b.clause for b in doc.blocks] == ["3.1", "3.2", "3.2(a)", "3.2(b)"]


WEB_PAGE = """<!DOCTYPE html><html><head><title>Our constitution | NHS Example ICB</title>
<script>track()</script><style>p {color: red}</style></head><body>
<div id="cookie-banner"><p>We use cookies on this website. Accept all cookies?</p></div>
<header class="site-header"><nav><ul><li><a href="/">Home</a></li><li>Our board</li></ul></nav></header>
<main><h1>NHS Example ICB Constitution</h1><h2>6. Meetings of the Board</h2>
<p>6.1 The Board shall meet in public. Papers shall be published seven days before each meeting.</p>
<p>The Board may exclude the public:</p>
<ol type="a"><li>for confidential items; or</li><li>where publicity would be prejudicial:<ol type="i">
<li>to the public interest.</li></ol></li></ol>
<table><tr><th>Role</th><th>Number</th></tr><tr><td>Partner member</td><td>two</td></tr></table>
<p>6.2 Members of the public may ask questions.<br>6.3 Answers will be published in writing.</p>
</main><footer class="site-footer"><p>Copyright NHS Example ICB. Privacy policy. Terms of use.</p></footer>
</body></html>"""


def test_web_page_main_content_only(tmp_path):
    path = tmp_path / "constitution.html"
    path.write_text(WEB_PAGE, encoding="utf-8")
    doc = extract(path, use_cache=False)
    text = " ".join(b.text for b in doc.blocks)
    for chrome in ("cookies", "Home", "Copyright", "track()", "color: red"):
        assert chrome not in text
    blocks = [(b.kind, b.clause, b.text) for b in doc.blocks]
    assert ("heading", "6", "6. Meetings of the Board") in blocks
    assert ("item", "6.1(a)", "(a) for confidential items; or") in blocks
    assert ("item", "6.1(b)(i)", "(i) to the public interest.") in blocks
    assert any(k == "row" and c.startswith("6.1") and t == "Role: Partner member; Number: two." for k, c, t in blocks)
    assert [b.clause for b in doc.blocks if b.text.startswith(("6.2", "6.3"))] == ["6.2", "6.3"]
    assert doc.file_format == "html"


def test_plain_text(tmp_path):
    path = tmp_path / "constitution.txt"
    path.write_text("# NHS Example ICB Constitution\n\n2.1 The Board shall meet in public, and its papers\n"
                    "shall be published in advance.\n\n- a point\n\f3.1 A new page starts here.\n", encoding="utf-8")
    doc = extract(path, use_cache=False)
    assert [(b.kind, b.clause, b.text) for b in doc.blocks][:3] == [
        ("heading", None, "NHS Example ICB Constitution"),
        ("para", "2.1", "2.1 The Board shall meet in public, and its papers shall be published in advance."),
        ("item", "2.1", "\u2022 a point")]
    assert doc.sentences[-1].page == 2 and doc.file_format == "text"


def test_format_from_content_and_a_mismatch_is_a_warning(tmp_path):
    word = _docx(tmp_path / "real.docx", lambda d: d.add_paragraph("3.1 The Board shall meet in public."))
    renamed = tmp_path / "constitution.pdf"
    renamed.write_bytes(word.read_bytes())
    doc = extract(renamed, use_cache=False)
    assert doc.file_format == "docx" and "named '.pdf'" in doc.warnings[0]
    page = tmp_path / "page.pdf"
    page.write_text(WEB_PAGE, encoding="utf-8")
    assert extract(page, use_cache=False).file_format == "html"
    assert name_warning("x.html", "html") is None and name_warning("x", "pdf") is None


@pytest.mark.parametrize("content, reason", [
    (b"<!DOCTYPE html><html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>",
     "web page (HTML) with no document in it"),
    (b"<html><body><p>Access denied.</p></body></html>", "no document in it"),
    (b"PK\x03\x04garbage", "damaged ZIP"),
    (b"\x00\x01\x02\x03" * 50, "unrecognised file"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 50, "old Microsoft Office file"),
])
def test_unreadable_content_is_one_clear_error(tmp_path, content, reason):
    path = tmp_path / "download.pdf"
    path.write_bytes(content)
    with pytest.raises(InputError) as err:
        extract(path, use_cache=False)
    assert reason in err.value.reason


def test_other_office_files_are_named(tmp_path):
    for inner, reason in (("xl/workbook.xml", "Excel"), ("ppt/presentation.xml", "PowerPoint"), ("a.txt", "ZIP")):
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            z.writestr(inner, "x")
        with pytest.raises(InputError) as err:
            detect_format(buf.getvalue(), "f.docx")
        assert reason in err.value.reason


def test_cli_reads_a_word_file_and_the_error_page_still_fails(tmp_path):
    result = run_cli("check", CORPUS / "formats" / "somerset.docx", "--ruleset", "headline", "--no-cache")
    assert result.returncode == 0 and "private" in result.stdout.lower()
    error_page = tmp_path / "error.pdf"
    error_page.write_text("<html><head><title>403 Forbidden</title></head><body>Forbidden</body></html>")
    result = run_cli("check", error_page, "--no-cache")
    assert result.returncode == 2 and result.stderr.count("\n") == 1 and "web page" in result.stderr
    assert str(ROOT) not in result.stdout


def test_word_tracked_changes_and_content_controls(tmp_path):
    """Inserted text and content controls are read; deleted text is not."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    def build(d):
        p = d.add_paragraph("3.1 The Board shall meet ")
        p._p.append(parse_xml(f'<w:ins {nsdecls("w")} w:id="1" w:author="x"><w:r><w:t>in public</w:t></w:r></w:ins>'))
        p._p.append(parse_xml(f'<w:del {nsdecls("w")} w:id="2" w:author="x"><w:r><w:delText>in private</w:delText>'
                              '</w:r></w:del>'))
        p._p.append(parse_xml(f'<w:sdt {nsdecls("w")}><w:sdtContent><w:r><w:t> at all times.</w:t></w:r>'
                              '</w:sdtContent></w:sdt>'))

    doc = extract(_docx(tmp_path / "tracked.docx", build), use_cache=False)
    assert doc.sentences[0].text == "3.1 The Board shall meet in public at all times."
