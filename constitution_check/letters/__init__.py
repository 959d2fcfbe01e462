"""Draft letters to an ICB chair from a gap report: Markdown or Word, a points-only list, the copy list.
The parts are imported where they are used, so that the command line starts without python-docx."""
