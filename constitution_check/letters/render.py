"""Letters from templates: the wording lives in jinja2 templates (templates/, or a group's own with
--template), the facts in compose.py. Output is deterministic: nothing depends on chance or the clock
except the date, which --date fixes."""

from pathlib import Path

import jinja2

from ..errors import InputError
from ..report.model import Report
from .compose import LetterOptions, letter_context
from .contacts import Contacts, copy_list

TEMPLATES = Path(__file__).parent / "templates"


def _join_and(items) -> str:
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _environment(extra: Path | None = None) -> jinja2.Environment:
    # The group's own folder first, so its template can import ours (gap.md.j2, parts.md.j2) or replace them.
    search = ([str(extra)] if extra else []) + [str(TEMPLATES)]
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(search), undefined=jinja2.ChainableUndefined,
                             trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["join_and"] = _join_and
    env.filters["squash"] = lambda text: " ".join(str(text).split())  # one paragraph, one line
    env.filters["capfirst"] = lambda text: text[:1].upper() + text[1:]
    return env


def render_letter(report: Report, options: LetterOptions, contacts: Contacts | None = None,
                  points_only: bool = False, template: Path | None = None) -> str:
    contacts = contacts or Contacts()
    context = letter_context(report, options)
    context["copies"] = copy_list(contacts, context["icb"], context["councils"])
    context["chair"] = options.chair or contacts.chair
    if template is not None:
        if not template.is_file():
            raise InputError(str(template), "template not found")
        env, name = _environment(template.parent), template.name
    else:
        env, name = _environment(), "points.md.j2" if points_only else "letter.md.j2"
    try:
        text = env.get_template(name).render(this=context, **context)
    except jinja2.TemplateError as err:
        where = f" (line {err.lineno})" if getattr(err, "lineno", None) else ""
        raise InputError(str(template or name), f"template error{where}: {err.message}") from None
    while "\n\n\n" in text:  # blocks that render empty leave blank runs; Markdown needs one blank line
        text = text.replace("\n\n\n", "\n\n")
    return text.strip() + "\n"
