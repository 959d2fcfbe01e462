import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpora"
SHARED = ROOT.parent / "shared"
CONSTITUTIONS = sorted((CORPUS / "constitutions").glob("*.pdf"))


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory):
    """Tests never touch the user's real cache."""
    os.environ["CONSTITUTION_CHECK_CACHE"] = str(tmp_path_factory.mktemp("cache"))


def run_cli(*args, timeout=120, cwd=None):
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return subprocess.run([sys.executable, str(ROOT / "cli.py"), *map(str, args)], capture_output=True, text=True,
                          timeout=timeout, cwd=cwd or ROOT, env=env)


def make_pdf(path: Path, paragraphs: list[str], encrypt: str | None = None, image_only: bool = False) -> Path:
    """A small PDF made with reportlab, so the tests do not depend on files beside the project."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    kwargs = {}
    if encrypt:
        from reportlab.lib import pdfencrypt

        kwargs["encrypt"] = pdfencrypt.StandardEncryption(encrypt, canPrint=0)
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1, **kwargs)
    if image_only:
        from PIL import Image
        from reportlab.lib.utils import ImageReader

        img = Image.new("L", (200, 100), 255)
        buf = io.BytesIO()
        img.save(buf, format="PNG")
        buf.seek(0)
        c.drawImage(ImageReader(buf), 72, 600, width=200, height=100)
    else:
        y = 780
        for para in paragraphs:
            c.drawString(72, y, para)
            y -= 18
    c.showPage()
    c.save()
    return path


@pytest.fixture
def bad_files(tmp_path):
    """Every kind of bad input a campaigner's download folder can hold."""
    files = {}
    files["zero"] = tmp_path / "empty.pdf"
    files["zero"].write_bytes(b"")
    files["html"] = tmp_path / "error-page.pdf"
    files["html"].write_text("<!DOCTYPE html><html><head><title>403 Forbidden</title></head><body>Denied</body></html>")
    good = CONSTITUTIONS[0].read_bytes()
    files["truncated"] = tmp_path / "truncated.pdf"
    files["truncated"].write_bytes(good[: len(good) // 3])
    files["encrypted"] = make_pdf(tmp_path / "locked.pdf", ["The Board will meet in public."], encrypt="s3cret")
    files["scanned"] = make_pdf(tmp_path / "scan.pdf", [], image_only=True)
    files["folder"] = tmp_path / "a-folder"
    files["folder"].mkdir()
    files["missing"] = tmp_path / "no-such-file.pdf"
    files["png"] = tmp_path / "picture.pdf"
    files["png"].write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    return files
