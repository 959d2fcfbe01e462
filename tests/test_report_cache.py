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
    check.check_paths([str(CONSTITUTIONS[0])], ruleset="headline", explain_all=True)
    check.check_paths([str(CONSTITUTIONS[0])], ruleset="headline", use_cache=False)
    assert len(calls) == 3  # another option, and --no-cache, each judge afresh


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
