"""What the board papers show, as plain sentences for the reports ('practice' in the JSON)."""

from pathlib import Path


def practice_lines(practice: dict | None) -> list[str]:
    if not practice:
        return []
    lines: list[str] = []
    grounds = [g for g in practice.get("exclusion_grounds", []) if g != "no grounds stated"]
    for path, (private, total) in (practice.get("items_in_private_by_document") or {}).items():
        of = f" of {total} agenda items" if total else ""
        lines.append(f"Items taken in private: {private}{of} ({Path(path).name}).")
    if grounds:
        lines.append(f"Grounds stated for taking items in private: {', '.join(grounds)}.")
    if "no grounds stated" in practice.get("exclusion_grounds", []):
        lines.append("The public were excluded without the grounds being stated.")
    questions = practice.get("public_questions") or {}
    if questions:
        words = {"oral": "answered at the meeting", "written": "answered in writing", "deferred": "deferred",
                 "refused": "refused or ruled out"}
        parts = [f"{n} {words.get(k, k)}" for k, n in sorted(questions.items())]
        lines.append(f"Questions from the public ({sum(questions.values())} recorded): {', '.join(parts)}.")
    days = practice.get("papers_published_days_before") or []
    if days:
        lines.append(f"Papers published {' or '.join(map(str, days))} days before the meeting, as the papers state.")
    for i in practice.get("private_healthcare_interests", []):
        lines.append(f"Declared interest in private healthcare: '{i['declared']}' ({i['provider']}), "
                     f"{Path(i['document']).name} page {i['page']}.")
    for c in practice.get("contracts_to_non_nhs_providers", []):
        decided = "in private" if c["decided_in_private"] else "in public"
        reasons = "reasons published" if c["reasons_public"] else "no reasons given in public"
        nhs = "an NHS provider was considered" if c["nhs_considered"] else "no NHS provider considered"
        lines.append(f"Contract with a provider outside the NHS: {c['provider']} ({c['route']}; decided {decided}; "
                     f"{reasons}; {nhs}), {Path(c['document']).name} page {c['page']}.")
    for c in practice.get("contracts_to_nhs_providers", []):
        lines.append(f"Contract with an NHS provider: {c['provider']} ({c['route']}), "
                     f"{Path(c['document']).name} page {c['page']}.")
    if practice.get("committee_meetings_in_private"):
        lines.append(f"Committee meetings recorded as held in private: {practice['committee_meetings_in_private']}.")
    return lines
