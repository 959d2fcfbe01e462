"""Load rule, ruleset and shared-vocabulary files, from the installed package or --rules DIR."""

from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import ValidationError

from ..errors import RuleError
from ..yamlio import load_yaml
from .schema import Rule, Ruleset


def rules_dir() -> Path:
    """Rules ship inside the package when installed; in a checkout they are ./rules."""
    packaged = Path(__file__).resolve().parent.parent / "rules_data"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "rules"


def _read_yaml(path: Path) -> dict:
    try:
        data = load_yaml(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise RuleError(f"{path}: cannot be read as YAML: {exc}") from None
    if not isinstance(data, dict):
        raise RuleError(f"{path}: expected a mapping at the top level")
    return data


def _validate(model, path: Path, data: dict):
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first["loc"]) or "(top level)"
        raise RuleError(f"{path}: field '{field}': {first['msg']}") from None


_PATTERN_LISTS = {"patterns", "negative", "veto", "subject", "subject_negative", "tolerated", "weakeners", "discretionary"}


def _flatten(items) -> list:
    """Shared vocabularies combine as [*a, *b] in YAML, which nests lists: flatten them back,
    keeping raw spaCy token patterns (lists of dicts) whole."""
    out = []
    for item in items:
        if isinstance(item, list) and item and not isinstance(item[0], dict):
            out.extend(_flatten(item))
        else:
            out.append(item)
    return out


def _flatten_rule(node):
    if isinstance(node, dict):
        fixed = {}
        for key, value in node.items():
            if key in _PATTERN_LISTS and isinstance(value, list):
                fixed[key] = _flatten(value)
            elif key == "requires" and isinstance(value, list):
                fixed[key] = [_flatten(g) if isinstance(g, list) else g for g in value]
            else:
                fixed[key] = _flatten_rule(value)
        return fixed
    if isinstance(node, list):
        return [_flatten_rule(v) for v in node]
    return node


def load_rule_file(path: Path) -> Rule:
    # keys starting with "_" only hold YAML anchors shared by several elements
    data = _flatten_rule({k: v for k, v in _read_yaml(path).items() if not str(k).startswith("_")})
    rule = _validate(Rule, path, data)
    if rule.id != path.stem:
        raise RuleError(f"{path}: field 'id': '{rule.id}' must match the file name '{path.stem}'")
    return rule


@lru_cache(maxsize=8)
def load_rules(extra: tuple[str, ...] = ()) -> dict[str, Rule]:
    rules: dict[str, Rule] = {}
    for folder in (rules_dir(), *map(Path, extra)):
        if not folder.is_dir():
            raise RuleError(f"{folder}: rules folder not found")
        for path in sorted(folder.glob("*.yaml")):
            if path.name.startswith("_"):
                continue
            rule = load_rule_file(path)
            rules[rule.id] = rule
    return rules


@lru_cache(maxsize=8)
def load_rulesets(extra: tuple[str, ...] = ()) -> dict[str, Ruleset]:
    sets: dict[str, Ruleset] = {}
    for folder in (rules_dir() / "rulesets", *(Path(e) / "rulesets" for e in extra)):
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.yaml")):
            ruleset = _validate(Ruleset, path, _read_yaml(path))
            sets[ruleset.id] = ruleset
    if extra and "all" in sets:
        # 'all' means every demand with a rule, a group's own rules (--rules DIR) included
        added = [r for r in load_rules(extra) if r not in sets["all"].demands]
        sets["all"] = sets["all"].model_copy(update={"demands": [*sets["all"].demands, *added]})
    return sets


def _ruleset_file(name: str) -> Ruleset | None:
    """A group's own ruleset given as a file: --ruleset our-demands.yaml."""
    path = Path(name)
    if path.suffix.lower() not in (".yaml", ".yml"):
        return None
    if not path.is_file():
        raise RuleError(f"{name}: ruleset file not found")
    return _validate(Ruleset, path, _read_yaml(path))


@lru_cache(maxsize=1)
def load_common() -> dict:
    return _read_yaml(rules_dir() / "_common.yaml")


def resolve_ruleset(name: str, extra: tuple[str, ...] = ()) -> tuple[Ruleset, list[Rule]]:
    rulesets = load_rulesets(extra)
    rules = load_rules(extra)
    ruleset = _ruleset_file(name) or rulesets.get(name)
    if ruleset is None:
        known = ", ".join(sorted(rulesets))
        raise RuleError(f"unknown ruleset '{name}' (known: {known}; or give a ruleset file, ending .yaml)")
    covered = [rules[d] for d in ruleset.demands if d in rules]
    if not covered:
        raise RuleError(f"ruleset '{name}' names no demand that has a rule file")
    return ruleset, covered


def uncovered(name: str, extra: tuple[str, ...] = ()) -> list[str]:
    """Demands a ruleset lists that have no rule file yet: reported, never given a verdict."""
    rules = load_rules(extra)
    ruleset = _ruleset_file(name) or load_rulesets(extra)[name]
    return [d for d in ruleset.demands if d not in rules]
