"""Who the letter goes to and who gets a copy: the roles KONP's request suggests, named from contacts.yaml.

A role with no name is still listed ("[name], Chief Executive, ...") so the group can fill it in or
delete it: the list is a prompt, not a mailing list."""

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..errors import InputError

# Roles for the whole board's area, in the order of KONP's suggested copy list.
AREA_ROLES = [
    ("chief_executive", "Chief Executive, {icb}"),
    ("chief_medical_officer", "Chief Medical Officer, {icb}"),
    ("chief_nurse", "Chief Nurse, {icb}"),
    ("place_leads", "Place lead, {icb}"),
    ("partnership_chair", "Chair of the Integrated Care Partnership"),
    ("joint_scrutiny_chair", "Chair of the Joint Health Overview and Scrutiny Committee"),
    ("healthwatch_chair", "Chair, Healthwatch"),
    ("healthwatch_chief_executive", "Chief Executive, Healthwatch"),
    ("trade_union_branches", "Trade union branch secretary (health branches)"),
    ("trades_council", "Secretary, trades council"),
    ("voluntary_sector", "Council for Voluntary Service (local voluntary sector)"),
]
# Roles asked of every council in the area: the people who answer for health locally.
COUNCIL_ROLES = [
    ("leader", "Leader of the council (or Mayor)"),
    ("health_cabinet_member", "Cabinet member for health and social care"),
    ("health_scrutiny_chair", "Chair of the health scrutiny committee"),
    ("health_and_wellbeing_chair", "Chair of the Health and Wellbeing Board"),
]


@dataclass
class Contacts:
    chair: str | None = None
    area: dict[str, list[str]] = field(default_factory=dict)  # role -> names
    councils: dict[str, dict[str, list[str]]] = field(default_factory=dict)  # council -> role -> names


def _names(value, where: str, path: str) -> list[str]:
    if value in (None, ""):
        return []
    if isinstance(value, str):
        return [value.strip()]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return [v.strip() for v in value if v.strip()]
    raise InputError(path, f"{where}: expected a name or a list of names")


def load_contacts(path: str | Path | None) -> Contacts:
    if path is None:
        return Contacts()
    path = Path(path)
    if not path.is_file():
        raise InputError(str(path), "file not found")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        raise InputError(str(path), f"not valid YAML{f' (line {mark.line + 1})' if mark else ''}") from None
    if not isinstance(data, dict):
        raise InputError(str(path), "expected roles and names (start from 'letter --contacts-template')")
    known = {key for key, _ in AREA_ROLES} | {"chair", "councils"}
    unknown = sorted(set(data) - known)
    if unknown:
        raise InputError(str(path), f"unknown role '{unknown[0]}' (known: {', '.join(sorted(known))})")
    councils = data.get("councils") or {}
    if not isinstance(councils, dict):
        raise InputError(str(path), "councils: expected one entry per council")
    council_keys = {key for key, _ in COUNCIL_ROLES}
    parsed: dict[str, dict[str, list[str]]] = {}
    for council, roles in councils.items():
        roles = roles or {}
        if not isinstance(roles, dict) or set(roles) - council_keys:
            raise InputError(str(path), f"councils: {council}: expected roles among {', '.join(sorted(council_keys))}")
        parsed[str(council)] = {k: _names(v, f"{council}: {k}", str(path)) for k, v in roles.items()}
    chair = _names(data.get("chair"), "chair", str(path))
    return Contacts(chair=chair[0] if chair else None,
                    area={k: _names(data.get(k), k, str(path)) for k, _ in AREA_ROLES}, councils=parsed)


def copy_list(contacts: Contacts, icb: str, councils: list[str]) -> list[dict]:
    """One entry per person or unfilled role: {'name': str | None, 'role': str}."""
    entries = []
    for key, label in AREA_ROLES:
        role = label.format(icb=icb)
        names = contacts.area.get(key) or [None]
        entries.extend({"name": n, "role": role} for n in names)
    for council in councils:
        given = contacts.councils.get(council, {})
        for key, label in COUNCIL_ROLES:
            for name in given.get(key) or [None]:
                entries.append({"name": name, "role": f"{label}, {council}"})
    return entries


def template_text(councils: list[str]) -> str:
    """An empty contacts file to start from: every role the copy list can hold, blank."""
    lines = ["# Names for the letter to the ICB chair and its copy list (constitution-check letter --contacts).",
             "# Leave a role blank to have it listed for you to fill in or delete; give a list for several people.",
             "chair: ''"]
    for key, label in AREA_ROLES:
        lines.append(f"{key}: ''   # {label.format(icb='the ICB')}")
    lines.append("councils:")
    for council in councils or ["Example Council"]:
        lines.append(f"  {_quote(council)}:")
        lines.extend(f"    {key}: ''   # {label}" for key, label in COUNCIL_ROLES)
    return "\n".join(lines) + "\n"


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"
