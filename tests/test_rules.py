"""Rules are data: validated on load, and each rule's annotated examples must pass."""

import pytest

from constitution_check.engine.loader import load_rule_file, load_rules, load_rulesets, rules_dir
from constitution_check.engine.ruletest import mini_document, run_all
from constitution_check.errors import RuleError


@pytest.mark.parametrize("report", run_all(), ids=lambda r: r.rule)
def test_rule_examples_pass(report):
    assert report.examples >= 15
    assert report.passed, "\n".join(report.problems)
    assert report.false_alarms == 0


def test_a_broken_rule_names_file_field_and_reason(tmp_path):
    path = tmp_path / "broken-rule.yaml"
    path.write_text("id: broken-rule\ntitle: x\nsummary: y\nelements: []\nsearched_for: [z]\n"
                    "letter: {met: a, partial: b, not_met: c, silent: d}\n")
    with pytest.raises(RuleError) as err:
        load_rule_file(path)
    assert "broken-rule.yaml" in str(err.value) and "elements" in str(err.value)


def test_unknown_keys_are_errors_not_ignored(tmp_path):
    source = (rules_dir() / "public-meetings.yaml").read_text()
    path = tmp_path / "public-meetings.yaml"
    path.write_text(source.replace("gate: board", "gate: board\n  gait: board"))
    with pytest.raises(RuleError) as err:
        load_rule_file(path)
    assert "gait" in str(err.value)


def test_rulesets_name_existing_demands_in_order():
    rulesets = load_rulesets()
    assert {"konp", "motion-2023", "all"} <= set(rulesets)
    assert len(rulesets["all"].demands) == 15 and len(rulesets["konp"].demands) == 12
    assert len(rulesets["motion-2023"].demands) == 8
    assert set(rulesets["konp"].demands) | set(rulesets["motion-2023"].demands) == set(rulesets["all"].demands)


def test_every_rule_has_letter_points_for_every_verdict():
    for rule in load_rules().values():
        texts = [rule.letter.met, rule.letter.partial, rule.letter.not_met, rule.letter.silent]
        assert len(set(texts)) == 4 and all(len(t) > 60 for t in texts)


def test_mini_document_keeps_lead_in_for_items():
    doc = mini_document("2.1 No person may be a member of:\n(a) the Board; or\n(b) any committee.")
    items = [s for s in doc.sentences if s.kind == "item"]
    assert [s.clause for s in items] == ["2.1(a)", "2.1(b)"]
    assert all(s.lead_in == "2.1 No person may be a member of:" for s in items)


def _group_folder(tmp_path):
    """A campaign group's own folder: a ruleset of its own and one rule of its own, with examples."""
    import json

    folder = tmp_path / "our-rules"
    (folder / "rulesets").mkdir(parents=True)
    (folder / "examples").mkdir()
    (folder / "rulesets" / "our-group.yaml").write_text(
        "id: our-group\ntitle: Our three asks\ndemands: [public-meetings, carers-first, private-sector-exclusion]\n"
        "titles:\n  public-meetings: Open doors at the ICB\n")
    source = (rules_dir() / "carers-assessment.yaml").read_text()
    (folder / "carers-first.yaml").write_text(source.replace("id: carers-assessment", "id: carers-first", 1))
    examples = (rules_dir() / "examples" / "carers-assessment.txt").read_text()
    (folder / "examples" / "carers-first.txt").write_text(examples)
    return folder, json


def test_a_group_adds_its_own_ruleset_and_rule_without_touching_code(tmp_path):
    from conftest import CONSTITUTIONS, run_cli

    folder, json = _group_folder(tmp_path)
    result = run_cli("check", CONSTITUTIONS[0], "--rules", folder, "--ruleset", "our-group", "--format", "json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["ruleset"] == "our-group"
    assert [r["demand"] for r in report["results"]] == ["public-meetings", "carers-first", "private-sector-exclusion"]
    assert report["results"][0]["title"] == "Open doors at the ICB"
    tested = run_cli("rules", "test", "carers-first", "--rules", folder)
    assert tested.returncode == 0 and "carers-first" in tested.stdout and "0 false alarms" in tested.stdout
    listed = run_cli("rules", "list", "--rules", folder)
    assert "our-group" in listed.stdout and "carers-first" in listed.stdout


def test_a_ruleset_can_be_given_as_a_file(tmp_path):
    from conftest import CONSTITUTIONS, run_cli

    folder, json = _group_folder(tmp_path)
    own = tmp_path / "two-asks.yaml"
    own.write_text("id: two-asks\ntitle: Two asks\ndemands: [emergency-care-non-residents, public-meetings]\n")
    result = run_cli("check", CONSTITUTIONS[0], "--ruleset", own, "--format", "json")
    assert result.returncode == 0, result.stderr
    assert [r["demand"] for r in json.loads(result.stdout)["results"]] == ["emergency-care-non-residents", "public-meetings"]
    missing = run_cli("check", CONSTITUTIONS[0], "--ruleset", tmp_path / "nope.yaml")
    assert missing.returncode == 2 and "ruleset file not found" in missing.stderr and "Traceback" not in missing.stderr
