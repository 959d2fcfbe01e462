"""Lay out flowing text (Word, web pages, plain text) as the PDF readers' RawPage lines, so
headings, clause numbers, list items, table rows and sentences are found by the same code.

Such files have no pages of their own. A Word file's page breaks (typed ones and the ones
Word records when it lays a document out) are used where there are any; otherwise pages
are virtual: a new one starts at the first paragraph after about PAGE_CHARS characters.
Evidence cites these page numbers, and the report says they are virtual."""

from ..document import Table
from .lines import Line, RawPage

PAGE_CHARS = 3000  # about one printed A4 page of a constitution
BODY_SIZE = 11.0
HEADING_SIZES = {0: 20.0, 1: 16.0, 2: 14.0, 3: 12.5, 4: 12.5, 5: 12.5, 6: 12.5}
_WIDTH = 595.0
_HEIGHT = 10_000_000.0  # tall enough that no line sits in the margins where running headers are looked for
_TOP = 2_000_000.0
_LEFT, _RIGHT = 72.0, 523.0


class Flow:
    def __init__(self, virtual: bool = True):
        self.virtual = virtual
        self.pages: list[RawPage] = []
        self.inserts: dict[int, list] = {}
        self.tables: list[Table] = []
        self._new_page()

    def _new_page(self) -> None:
        self.page = RawPage(number=len(self.pages) + 1, width=_WIDTH, height=_HEIGHT)
        self.pages.append(self.page)
        self.y = _TOP

    def page_break(self) -> None:
        """A break in the document itself; a second break in a row adds no empty page."""
        if self.page.lines or self.page.number in self.inserts:
            self._new_page()

    def _room(self) -> None:
        limit = PAGE_CHARS if self.virtual else PAGE_CHARS * 8
        if self.page.chars >= limit:
            self._new_page()

    def para(self, text: str, size: float = BODY_SIZE, bold: bool = False) -> None:
        """One paragraph: a line set apart from the one before, so it starts a block of its own."""
        text = " ".join(text.split())
        if not text:
            return
        self._room()
        self.y += size * 1.0  # a paragraph gap: a new block
        self._line(text, size, bold)

    def line(self, text: str, size: float = BODY_SIZE, bold: bool = False) -> None:
        """One line of a paragraph that carries on from the previous line (plain text, <br>)."""
        text = " ".join(text.split())
        if not text:
            return
        self.y += size * 0.15  # the next line of the same paragraph
        self._line(text, size, bold)

    def _line(self, text: str, size: float, bold: bool) -> None:
        top = self.y
        bottom = top + size * 1.2
        self.page.lines.append(Line(text=text, x0=_LEFT, x1=_RIGHT, top=top, bottom=bottom, size=size, bold=bold))
        self.page.chars += len(text)
        self.y = bottom

    def table(self, rows: list[list[str]]) -> None:
        """A table with a header row and at least one body row becomes row blocks
        ('Role: Partner member; Number: two.'); anything smaller is read as paragraphs."""
        from .tables import clean_rows, is_table, table_rows

        rows = clean_rows(rows)
        if not is_table(rows):
            self.cells_as_paras(rows)
            return
        self._room()
        header, body = rows[0], rows[1:]
        self.tables.append(Table(page=self.page.number, header=header, rows=body))
        texts = table_rows(header, body)
        self.inserts.setdefault(self.page.number, []).append((self.y, 0.0, _WIDTH, texts))
        self.page.chars += sum(len(t) for t in texts)
        self.y += BODY_SIZE * 2  # the next line starts below the table

    def cells_as_paras(self, rows: list[list[str]]) -> None:
        """A table used only for layout: its cells are paragraphs."""
        for row in rows:
            for cell in row:
                self.para(cell)

    def finish(self) -> tuple[list[RawPage], dict[int, list], list[Table]]:
        pages = [p for p in self.pages if p.lines or p.number in self.inserts]
        if len(pages) != len(self.pages):  # renumber after dropping empty pages
            renumber = {p.number: i + 1 for i, p in enumerate(pages)}
            self.inserts = {renumber[n]: v for n, v in self.inserts.items()}
            for table in self.tables:
                table.page = renumber[table.page]
            for p in pages:
                p.number = renumber[p.number]
        return pages, self.inserts, self.tables
