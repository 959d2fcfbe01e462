"""Text lines with positions: the common currency of both PDF readers."""

from dataclasses import dataclass, field


@dataclass
class Line:
    """One visual line of text on a page; coordinates in points from the page's top-left."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float = 0.0  # font size in points
    bold: bool = False
    column: int = 0  # 0 = spans the page, 1 = left column, 2 = right column
    cells: int = 1  # runs of text separated by wide gaps: more than one suggests a table row

    @property
    def height(self) -> float:
        return self.bottom - self.top

    def __reduce__(self):
        # as a tuple, not a dict: the lines of a long file's pages come back from the processes that read them
        return Line, (self.text, self.x0, self.x1, self.top, self.bottom, self.size, self.bold, self.column, self.cells)


@dataclass
class RawPage:
    number: int  # physical page, 1-based
    width: float
    height: float
    lines: list[Line] = field(default_factory=list)
    chars: int = 0
    garbled: bool = False
    has_rules: bool = False  # drawn lines or boxes: a table may be here (looked for where the lines are celled)
    grid: list | None = None  # grid.grid_tables of a ruled page that looks tabular, read as it was read
    cleaned: bool = False  # cleanup.clean_page has run on these lines

    @property
    def celled(self) -> bool:
        """Several lines split into cells by wide gaps."""
        return sum(1 for ln in self.lines if ln.cells >= 2) >= 3

    @property
    def tabular(self) -> bool:
        """Ruled, with several lines split into cells: worth reading for a table."""
        return self.has_rules and self.celled
