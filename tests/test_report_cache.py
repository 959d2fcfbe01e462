"""A re-run reads the finished report back; any change to what decides it judges again."""

import shutil

from conftest import CONSTITUTIONS
from constitution_check import check, report_cache


def test_a_rerun_reuses_the_report_and_a_rule_edit_judges_again(tmp_path, monkeypatch):
    monkeypatch.setenv("CONSTITUTION_CHECK_CACHE", str(tmp_path / "cache"))
    calls = []
    real = check.judge_documents

    def counting(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(check, "judge_documents", counting)
    first = check.check_paths([str(CONSTITUTIONS[0])], ruleset="headline")
    second = check.check_paths([str(CONSTITUTIONS[0])], ruleset="headline")
    assert len(calls) == 1 and first.report == second.report
    load = check.load_documents

    def not_read(*args, **kwargs):
        raise AssertionError("a cached report is found from the file's bytes, without reading the document")

    monkeypatch.setattr(check, "load_documents", not_read)
    third = check.check_paths([str(CONSTITUTIONS[0])], ruleset="headline")
    assert third.report == first.report and third.errors == []
    monkeypatch.setattr(check, "load_documents", load)
    check.check_paths([str(CONSTITUTIONS[0])], ruleset="headline", explain_all=True)
    check.check_paths([str(CONSTITUTIONS[0])], ruleset="headline", use_cache=False)
    assert len(calls) == 3  # another option, and --no-cache, each judge afresh


def test_a_batch_with_a_bad_file_is_judged_again_with_its_error_each_time(tmp_path, monkeypatch):
    """A report made without a file that could not be read is not found from the files' bytes:
    the re-run reads the files the long way, and reports the bad one again."""
    monkeypatch.setenv("CONSTITUTION_CHECK_CACHE", str(tmp_path / "cache"))
    bad = tmp_path / "scan.pdf"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    paths = [str(CONSTITUTIONS[0]), str(bad)]
    first = check.check_paths(paths, ruleset="headline")
    second = check.check_paths(paths, ruleset="headline")
    assert first.report == second.report and len(first.errors) == len(second.errors) == 1


def test_the_key_changes_with_the_rules_and_the_documents(tmp_path):
    docs, _ = check.load_documents([str(p) for p in CONSTITUTIONS[:2]])
    extra = tmp_path / "rules"
    extra.mkdir()
    from constitution_check.engine.loader import rules_dir

    shutil.copy(rules_dir() / "carers-assessment.yaml", extra / "mine.yaml")
    base = report_cache.report_key(docs[:1], None, "all", False, (str(extra),))
    assert report_cache.report_key(docs[:1], None, "all", False, (str(extra),)) == base
    (extra / "mine.yaml").write_text((extra / "mine.yaml").read_text().replace("carers", "carers'"))
    report_cache._digest_of.cache_clear()
    assert report_cache.report_key(docs[:1], None, "all", False, (str(extra),)) != base
    assert report_cache.report_key(docs[1:], None, "all", False, (str(extra),)) != base
    assert report_cache.report_key(docs[:1], None, "all", False, (str(extra),), ocr=True) != base
