"""The gap report as one self-contained HTML file: no network, prints on A4, and every
piece of document text escaped so it can never become markup or script."""

from functools import lru_cache

from .model import Report
from .practice_lines import practice_lines

LABELS = {"met": ("✓", "met"), "partial": ("◐", "partial"), "not_met": ("✗", "not met"), "silent": ("○", "silent")}


@lru_cache(maxsize=1)
def _environment():
    from jinja2 import Environment, PackageLoader, select_autoescape

    return Environment(loader=PackageLoader("constitution_check.report", "templates"),
                       autoescape=select_autoescape(default=True, default_for_string=True))


def render(report: Report) -> str:
    template = _environment().get_template("report.html.j2")
    return template.render(report=report, labels=LABELS, where=where, practice=practice_lines(report.practice))


def ref(e, words: bool = False) -> str:
    """One piece of evidence's place: 'cl. 2.7.1, p. 6', or in words 'clause 2.7.1, page 6'."""
    clause, page = ("clause ", "page ") if words else ("cl. ", "p. ")
    return (f"{clause}{e.clause}, " if e.clause else "") + f"{page}{e.page}"


def where(result, words: bool = False) -> str:
    """'cl. 2.7.1, p. 6; cl. 6.2.1, p. 12': the first three distinct places the evidence comes from."""
    return "; ".join(list(dict.fromkeys(ref(e, words) for e in result.evidence))[:3])
