"""Draft letters to an ICB chair from a gap report: Markdown or Word, a points-only list, the copy list."""

from .compose import LetterOptions, Sender
from .contacts import load_contacts, template_text
from .docx_out import markdown_to_docx
from .render import render_letter

__all__ = ["LetterOptions", "Sender", "load_contacts", "template_text", "markdown_to_docx", "render_letter"]
