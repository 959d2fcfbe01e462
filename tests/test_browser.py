"""What a person sees: the scorecard and an area report rendered in headless Chromium
(Debian's chromium, installed by .ci/run). Skips where no Chromium is installed."""

import shutil
import subprocess

import pytest

from conftest import CONSTITUTIONS, run_cli

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def chromium(tmp_path, *args):
    profile = tmp_path / "profile"
    return subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args], capture_output=True,
                          text=True, timeout=120)


@pytest.fixture(scope="module")
def batch_out(tmp_path_factory):
    source = tmp_path_factory.mktemp("in")
    for pdf in CONSTITUTIONS[:3]:
        shutil.copy(pdf, source / pdf.name)
    out = tmp_path_factory.mktemp("out")
    assert run_cli("batch", source, "-o", out, "--ruleset", "headline", timeout=300).returncode == 0
    return out


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
def test_scorecard_as_rendered(batch_out, tmp_path):
    page = (batch_out / "summary.html").as_uri()
    dom = chromium(tmp_path, "--dump-dom", page).stdout
    assert "<table" in dom and dom.count('class="cell ') == 3 * 4
    assert all(word in dom for word in ("met", "Totals", "boards met"))
    links = [part.split('"')[0] for part in dom.split('href="')[1:] if "report.html#" in part]
    assert len(links) == 12
    target, anchor = links[0].split("#")
    report = (batch_out / target).read_text()
    assert f'id="{anchor}"' in report
    shot = tmp_path / "summary.png"
    chromium(tmp_path, f"--screenshot={shot}", "--window-size=1300,800", page)
    from PIL import Image

    colours = Image.open(shot).convert("RGB").getcolors(maxcolors=100000)
    assert colours and len(colours) > 50  # not a blank page: text, borders and the verdict colours


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
def test_area_report_as_rendered(batch_out, tmp_path):
    report = next(batch_out.glob("*/report.html")).as_uri()
    dom = chromium(tmp_path, "--dump-dom", report).stdout
    assert "Gap report" in dom and "<blockquote>" in dom and "For the letter" in dom
