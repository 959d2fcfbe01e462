"""Bad input: one line naming the file and the reason, exit 2, no traceback; the rest still runs."""

import pytest

from conftest import CONSTITUTIONS, run_cli

REASONS = {
    "zero": "empty file",
    "html": "web page",
    "truncated": "corrupt",
    "encrypted": "needs a password",
    "scanned": "no text layer",
    "folder": "folder",
    "missing": "not found",
    "png": "PNG image",
}


@pytest.mark.parametrize("kind", sorted(REASONS))
def test_each_bad_file_gives_one_line_and_exit_2(bad_files, kind):
    path = bad_files[kind]
    result = run_cli("check", path, "--no-cache")
    assert result.returncode == 2
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, result.stderr
    assert str(path) in lines[0] and REASONS[kind] in lines[0]
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_other_documents_are_still_judged(bad_files):
    result = run_cli("check", bad_files["html"], CONSTITUTIONS[0], bad_files["zero"], "--format", "json",
                     "--ruleset", "headline")
    assert result.returncode == 2
    assert '"results"' in result.stdout and "headline" in result.stdout
    assert result.stderr.count("\n") == 2


def test_wrong_password_and_right_password(bad_files):
    wrong = run_cli("check", bad_files["encrypted"], "--password", "nope", "--no-cache")
    assert wrong.returncode == 2 and "password given is wrong" in wrong.stderr
    right = run_cli("extract", bad_files["encrypted"], "--password", "s3cret", "--no-cache")
    assert right.returncode == 0 and "meet in public" in right.stdout


def test_user_files_are_never_modified_or_added_to(bad_files, tmp_path):
    before = {p: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
    for path in before:
        run_cli("check", path)
    after = {p: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
    assert after == before


def test_unknown_area_and_ruleset_are_bad_input():
    area = run_cli("check", CONSTITUTIONS[0], "--area", "Narnia and Ankh-Morpork")
    assert area.returncode == 2 and "unknown area" in area.stderr and "nearest" in area.stderr
    ruleset = run_cli("check", CONSTITUTIONS[0], "--ruleset", "nonsense")
    assert ruleset.returncode == 2 and "unknown ruleset" in ruleset.stderr
    assert "Traceback" not in area.stderr + ruleset.stderr
