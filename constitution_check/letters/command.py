"""`constitution-check letter`: the command's options, kept beside the letters they write."""

from datetime import date
from pathlib import Path
from typing import Optional

import typer

from ..errors import InputError, RuleError


def _date(value: Optional[str], option: str) -> Optional[date]:
    from ..cli import fail

    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        fail(f"{option} {value}: expected a date as YYYY-MM-DD")


def letter(
    report: Optional[Path] = typer.Argument(None, help="A report written by 'check --format json'."),
    out: Optional[Path] = typer.Option(None, "-o", "--output", help="letter.docx (Word) or letter.md; default: Markdown to the screen."),
    sender: Optional[str] = typer.Option(None, "--from", help="Your group's name, for the opening and the signature."),
    address: Optional[str] = typer.Option(None, "--address", help="Your postal address, lines separated by commas."),
    email: Optional[str] = typer.Option(None, "--email", help="Your email address."),
    chair: Optional[str] = typer.Option(None, "--chair", help="The ICB chair's name (else from --contacts, else 'the Chair')."),
    contacts: Optional[Path] = typer.Option(None, "--contacts", help="contacts.yaml: names for the chair and the copy list."),
    on: Optional[str] = typer.Option(None, "--date", help="The letter's date, YYYY-MM-DD (default today)."),
    reply_by: Optional[str] = typer.Option(None, "--reply-by", help="Ask for a reply by this date (default four weeks on)."),
    points_only: bool = typer.Option(False, "--points-only", help="A numbered list of points, to write your own letter."),
    template: Optional[Path] = typer.Option(None, "--template", help="Your own jinja2 template for the letter."),
    contacts_template: bool = typer.Option(False, "--contacts-template", help="Write an empty contacts.yaml to fill in."),
) -> None:
    """A draft letter to the board's chair from a report's gaps, with the copy list."""
    from ..cli import fail, write_output
    from ..report.load import load_report
    from .compose import LetterOptions, Sender
    from .contacts import load_contacts, template_text
    from .render import render_letter

    suffix = out.suffix.lower() if out else ".md"
    if not contacts_template and suffix not in (".md", ".docx", ".txt"):
        fail(f"{out}: write the letter as .docx (Word) or .md (Markdown)")
    try:
        loaded = load_report(report) if report else None
        if contacts_template:
            write_output(template_text(loaded.area.local_authorities if loaded else []), out)
            return
        if loaded is None:
            fail("give a report (written by 'check --format json'), or --contacts-template")
        options = LetterOptions(sender=Sender(sender, address, email), chair=chair,
                                on=_date(on, "--date") or date.today(), reply_by=_date(reply_by, "--reply-by"))
        text = render_letter(loaded, options, load_contacts(contacts), points_only, template)
    except (InputError, RuleError) as err:  # a broken rules folder: one line, as everywhere else
        fail(str(err))
    if suffix == ".docx":
        from ..report.docx import save
        from .docx_out import markdown_to_docx

        save(markdown_to_docx(text), out)
        return
    write_output(text, out)
