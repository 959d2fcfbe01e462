"""The README's example of each verdict, for every demand, is what the checker says of it."""

import re
from pathlib import Path

import pytest

from constitution_check.areas import resolve_area
from constitution_check.check import judge_documents
from constitution_check.engine.ruletest import mini_document

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def _examples():
    start = README.index("### Every demand, with an example of each verdict")
    section = README[start:README.index("\n### ", start + 10)]
    demand, found = None, []
    for line in section.splitlines():
        m = re.match(r"\*\*([a-z-]+)\*\*", line)
        if m:
            demand = m.group(1)
            continue
        m = re.match(r'- (met|partial|not_met|silent): "([^"]+)"', line)
        if m and demand:
            found.append((demand, m.group(1), m.group(2)))
    return found


EXAMPLES = _examples()


def test_the_readme_documents_every_demand():
    from constitution_check.engine.loader import load_rules

    assert {d for d, _, _ in EXAMPLES} == set(load_rules())


@pytest.mark.parametrize("demand, verdict, quote", EXAMPLES, ids=lambda x: x[:40] if isinstance(x, str) else x)
def test_a_readme_example_gets_the_verdict_it_shows(demand, verdict, quote):
    doc = mini_document("1.1 " + quote.replace(" ... ", "; "))
    area = resolve_area("BSW") if demand == "councillor-per-authority" else None  # an area of three councils
    result = next(r for r in judge_documents([doc], area, "all").results if r.demand == demand)
    assert result.verdict == verdict, result.reason
