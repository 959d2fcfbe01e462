"""Scans read with --ocr (Tesseract), and PDF 2.0 Unicode passwords."""

import io
import json
import shutil

import pytest

from conftest import SHARED, run_cli

from constitution_check.errors import InputError
from constitution_check.extract import extract
from constitution_check.extract.passwords import candidates, saslprep

PDF_CORPUS = SHARED / "pdf-corpus"
needs_tesseract = pytest.mark.skipif(shutil.which("tesseract") is None,
                                     reason="Tesseract is not installed (apt install tesseract-ocr)")


def scanned_pdf(path, lines):
    """An image-only PDF: the sentences are pixels, with no text layer."""
    from PIL import Image, ImageDraw, ImageFont
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    image = Image.new("L", (2400, 120 * len(lines) + 100), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=48)
    for i, line in enumerate(lines):
        draw.text((40, 50 + 110 * i), line, fill=0, font=font)
    buf = io.BytesIO()
    image.save(buf, format="PNG")
    buf.seek(0)
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.drawString(72, 800, "4.1 This page has a text layer of its own.")
    c.showPage()
    c.drawImage(ImageReader(buf), 36, 500, width=520, height=520 * image.height / image.width)
    c.showPage()
    c.save()
    return path


SENTENCES = ["3.1 The Board shall meet in public.", "3.2 Papers shall be published in advance."]


@needs_tesseract
def test_ocr_reads_the_scanned_page_only_and_marks_it(tmp_path):
    path = scanned_pdf(tmp_path / "scan.pdf", SENTENCES)
    plain = extract(path, use_cache=False)
    assert [p.ocr for p in plain.pages] == [False, False]
    assert any("no text layer" in w and "--ocr" in w for w in plain.warnings)
    doc = extract(path, use_cache=False, ocr=True)
    assert [p.ocr for p in doc.pages] == [False, True] and doc.pages[1].ocr_confidence > 50
    texts = [s.text for s in doc.sentences if s.page == 2]
    assert texts == SENTENCES
    assert all(s.ocr for s in doc.sentences if s.page == 2) and not any(s.ocr for s in doc.sentences if s.page == 1)
    assert any("read by OCR" in w for w in doc.warnings)


@needs_tesseract
def test_ocr_from_the_command_line_shows_it_in_the_report(tmp_path):
    path = scanned_pdf(tmp_path / "scan.pdf", SENTENCES)
    result = run_cli("check", path, "--ocr", "--format", "json", "--ruleset", "headline", "--no-cache")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert any("read by OCR" in w for w in report["documents"][0]["warnings"])
    assert [p["page"] for p in report["documents"][0]["ocr_pages"]] == [2]
    assert all(0 < p["confidence"] <= 100 for p in report["documents"][0]["ocr_pages"])
    evidence = [e for r in report["results"] for e in r["evidence"] if e["page"] == 2]
    assert all(e.get("ocr_confidence") for e in evidence)


@needs_tesseract
@pytest.mark.skipif(not (PDF_CORPUS / "scanned_xerox-jbig2-rotate270.pdf").exists(), reason="no shared corpus")
def test_ocr_on_a_real_scan_of_the_corpus():
    doc = extract(PDF_CORPUS / "scanned_xerox-jbig2-rotate270.pdf", use_cache=False, ocr=True)
    assert doc.pages[0].ocr and doc.sentences and doc.pages[0].ocr_confidence is not None


def test_without_ocr_a_scan_is_still_the_clear_error(tmp_path):
    path = tmp_path / "scan.pdf"
    from conftest import make_pdf

    make_pdf(path, [], image_only=True)
    with pytest.raises(InputError) as err:
        extract(path, use_cache=False)
    assert "no text layer" in err.value.reason and "--ocr" in err.value.reason


def test_missing_tesseract_says_how_to_install_it(tmp_path, monkeypatch):
    monkeypatch.setenv("CONSTITUTION_CHECK_TESSERACT", str(tmp_path / "no-such-tesseract"))
    path = scanned_pdf(tmp_path / "scan.pdf", SENTENCES)
    with pytest.raises(InputError) as err:
        extract(path, use_cache=False, ocr=True)
    for hint in ("apt install tesseract-ocr", "brew install tesseract", "UB-Mannheim"):
        assert hint in err.value.reason
    assert "\n" not in err.value.reason


@pytest.mark.parametrize("typed, prepared", [
    ("S\u00aaSL\u00adprep", "SaSLprep"), ("I\u00adX", "IX"), ("user", "user"), ("USER", "USER"),
    ("\u00aa", "a"), ("\u2168", "IX"), ("a\u00a0b", "a b"), ("\u0007", None), ("\u0627\u0031", None)])
def test_saslprep_rfc4013_examples(typed, prepared):
    assert saslprep(typed) == prepared


def test_candidates_try_the_typed_password_first():
    assert candidates("S\u00aaSL\u00adprep") == ["S\u00aaSL\u00adprep", "SaSLprep", "SaSL\u00adprep"]
    assert candidates(None) == [None] and candidates("plain") == ["plain"]


@pytest.mark.skipif(not (PDF_CORPUS / "enc_r6-unicode-saslprep.pdf").exists(), reason="no shared corpus")
def test_unicode_password_opens_the_pdf20_file():
    import pypdfium2 as pdfium

    path = PDF_CORPUS / "enc_r6-unicode-saslprep.pdf"
    pdfium.PdfDocument(path.read_bytes(), password="SaSLprep").close()  # what the typed password must become
    doc = extract(path, use_cache=False, password="S\u00aaSL\u00adprep")
    assert "Hello" in doc.sentences[0].text
    for password, reason in ((None, "needs a password"), ("SaSLprop", "password given is wrong")):
        with pytest.raises(InputError) as err:
            extract(path, use_cache=False, password=password)
        assert reason in err.value.reason


def _manifest_passwords():
    import csv
    import re

    manifest = PDF_CORPUS / "MANIFEST.tsv"
    if not manifest.exists():
        return []
    with manifest.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    out = []
    for row in rows:
        password = row["password"].split(" / owner")[0].strip()
        if row["category"] != "encrypted" or not password or password.startswith("(empty"):
            continue
        password = re.sub(r"\s*\(.*\)$", "", password)
        password = re.sub(r"<U\+([0-9A-F]{4})>", lambda m: chr(int(m.group(1), 16)), password)
        out.append((row["file"], password))
    return out


@pytest.mark.parametrize("name, password", _manifest_passwords())
def test_every_encrypted_corpus_file_opens_with_its_manifest_password(name, password):
    doc = extract(PDF_CORPUS / name, use_cache=False, password=password)
    assert doc.sentences
    with pytest.raises(InputError) as err:
        extract(PDF_CORPUS / name, use_cache=False, password=password + "x")
    assert "password given is wrong" in err.value.reason
