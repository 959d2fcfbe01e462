"""Table structure on pages where ruled lines suggest a table: from the page's own grid of
rules (grid.py), and from pdfplumber, about fifty times slower, only where that finds none."""

import io

from ..document import Table
from .cleanup import normalise_text
from .lines import RawPage

MAX_TABLE_PAGES = 40  # pages read for tables by their drawn grid (fast); beyond this, plain lines
MAX_PLUMBER_PAGES = 5  # pages whose rules form no grid, asked of pdfplumber (slow)


def find_tables(data: bytes, pages: list[RawPage], password: str | None = None) -> list[tuple[int, tuple, list[list[str]]]]:
    """[(page number, bbox, rows)] for every ruled table found: from the page's own grid of
    rules where it has one, from pdfplumber for the few ruled pages whose rules form none."""
    candidates = [p for p in pages if p.tabular][:MAX_TABLE_PAGES]
    found, ask_plumber = [], []
    for page in candidates:
        tables = page.grid or []  # the PDF reader read them from the page's rules as it read the page
        for bbox, rows in tables:
            found.append((page.number, bbox, clean_rows(rows)))
        if not tables:
            ask_plumber.append(page.number)
    return found + _plumber_tables(data, ask_plumber[:MAX_PLUMBER_PAGES], password)


def _plumber_tables(data: bytes, numbers: list[int], password: str | None) -> list[tuple[int, tuple, list[list[str]]]]:
    if not numbers:
        return []
    found = []
    try:
        import pdfplumber

        with pdfplumber.open(io.BytesIO(data), password=password or "") as pdf:
            for number in numbers:
                page = pdf.pages[number - 1]
                for table in page.find_tables():
                    rows = clean_rows(table.extract())
                    if is_table(rows):
                        found.append((number, table.bbox, rows))
                page.close()
    except Exception:  # a table we cannot read is left as plain lines, never a crash
        return []
    return found


def apply_tables(pages: list[RawPage], found) -> tuple[dict[int, list], list[Table]]:
    """Remove the lines inside each table and return row texts to insert in their place."""
    inserts: dict[int, list] = {}
    tables: list[Table] = []
    by_number = {p.number: p for p in pages}
    for number, bbox, rows in found:
        x0, top, x1, bottom = bbox
        page = by_number[number]
        page.lines = [ln for ln in page.lines
                      if not (ln.top >= top - 1 and ln.bottom <= bottom + 1 and ln.x0 >= x0 - 1 and ln.x1 <= x1 + 1)]
        header, body = rows[0], rows[1:]
        tables.append(Table(page=number, header=header, rows=body))
        inserts.setdefault(number, []).append((top, x0, x1, table_rows(header, body)))
    return inserts, tables


def clean_rows(rows: list[list[str | None]]) -> list[list[str]]:
    """Cells normalised, empty rows dropped."""
    rows = [[normalise_text(cell or "") for cell in row] for row in rows]
    return [row for row in rows if any(row)]


def is_table(rows: list[list[str]]) -> bool:
    """A header and at least one row, of at least two columns: less is read as paragraphs."""
    return len(rows) >= 2 and max(len(r) for r in rows) >= 2


def table_rows(header: list[str], body: list[list[str]]) -> list[str]:
    return [row_text(header, row) for row in body]


def row_text(header: list[str], row: list[str]) -> str:
    """A row as a sentence rules can read: 'Role: Partner member; Number: two; ...'."""
    cells = []
    for i, cell in enumerate(row):
        if not cell:
            continue
        name = header[i] if i < len(header) and header[i] else ""
        cells.append(f"{name}: {cell}" if name and name != cell else cell)
    return "; ".join(cells) + "."
