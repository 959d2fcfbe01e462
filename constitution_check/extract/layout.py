"""Turn positioned text fragments into lines in reading order.

Two-column pages are read column by column: a column gutter is a vertical strip
near the middle that no fragment crosses while both sides hold text. Fragments
that cross the gutter (titles, tables, running headers) are read in page order
between the column runs they sit between.
"""

from bisect import bisect_left, bisect_right
from collections import Counter
from operator import itemgetter

from .lines import Line

Frag = tuple[float, float, float, float, str, float, bool]  # x0, top, x1, bottom, text, font size, bold
_X0 = itemgetter(0)
_TOP = itemgetter(1)


def build_lines(frags: list[Frag], width: float) -> list[Line]:
    frags = [f for f in frags if f[4].strip()]
    if not frags:
        return []
    gutter = find_gutter(frags, width)
    lines = _group_into_lines(frags, gutter)
    if gutter is not None and _short_cells(lines, gutter):
        gutter = None
        lines = _group_into_lines(frags, gutter)
    return order_lines(lines, gutter is not None)


def find_gutter(frags: list[Frag], width: float) -> float | None:
    """The x of a column gutter, or None for a single-column page."""
    lo, hi = width * 0.3, width * 0.7
    step = width / 100
    counts = _counts_by_bisection(frags) if all(f[0] <= f[2] for f in frags) else _counts_by_testing(frags)
    if counts(hi)[0] < 5 or counts(lo)[1] < 5:
        return None  # the sides only shrink towards the middle: no column on one side of any x
    best, best_score = None, 0
    x = lo
    while x <= hi:
        left, right, crossing = counts(x)
        body = left + right
        if left >= 5 and right >= 5 and crossing <= 0.15 * (body + crossing):
            score = min(left, right) - 3 * crossing
            if score > best_score:
                best, best_score = x, score
        x += step
    return best


def _counts_by_bisection(frags: list[Frag]):
    """(left of x, right of x, crossing x) from the sorted edges: what testing every fragment at
    every x gives, in a hundredth of the time. Needs x0 <= x1 for every fragment."""
    starts, ends = sorted(f[0] for f in frags), sorted(f[2] for f in frags)
    points = Counter(f[0] for f in frags if f[0] == f[2])  # zero-width: on neither side only, crossing nothing
    n = len(frags)

    def counts(x: float) -> tuple[int, int, int]:
        left, before = bisect_right(ends, x), bisect_left(starts, x)
        return left, n - before, before - left + points.get(x, 0)

    return counts


def _counts_by_testing(frags: list[Frag]):
    def counts(x: float) -> tuple[int, int, int]:
        return (sum(1 for f in frags if f[2] <= x), sum(1 for f in frags if f[0] >= x),
                sum(1 for f in frags if f[0] < x < f[2]))

    return counts


def _short_cells(lines: list[Line], gutter: float) -> bool:
    """A narrow left 'column' whose lines stop well short of a wide right one is the
    first column of a table (a glossary, a list of roles): reading it as a column
    would part each row from its cells. Prose columns are of a width and run to
    their edge; a table inside one column of a two-column page is left alone."""
    left = [ln for ln in lines if ln.column == 1]
    right = [ln for ln in lines if ln.column == 2]
    if len(left) < 3 or not right:
        return False
    start, middle, end = min(ln.x0 for ln in left), min(ln.x0 for ln in right), max(ln.x1 for ln in right)
    if (middle - start) > 0.6 * (end - middle):
        return False
    edge = start + 0.85 * (middle - start)
    return sum(1 for ln in left if ln.x1 >= edge) < 0.3 * len(left)


def _group_into_lines(frags: list[Frag], gutter: float | None) -> list[Line]:
    def col(f: Frag) -> int:
        if gutter is None:
            return 0
        if f[2] <= gutter:
            return 1
        if f[0] >= gutter:
            return 2
        return 0

    spanning = sorted((f for f in frags if col(f) == 0), key=_TOP)
    tops = [f[1] for f in spanning]
    # with no run upside down, only a spanning run whose top lies between f's bottom and the
    # tallest spanning run's height above f's top can overlap f at all
    reach = max((f[3] - f[1] for f in spanning), default=0.0) \
        if all(f[3] >= f[1] for f in frags) else float("inf")

    def column_of(f: Frag) -> int:
        # a clause number in the margin belongs to the full-width line it sits on
        c = col(f)
        if c and any(_same_line(s[1], s[3], f)
                     for s in spanning[bisect_left(tops, f[1] - reach):bisect_right(tops, f[3])]):
            return 0
        return c

    buckets: dict[int, list[Frag]] = {}
    if gutter is None:
        buckets[0] = list(frags)
    else:
        for f in frags:
            buckets.setdefault(column_of(f), []).append(f)
    lines: list[Line] = []
    for column, items in buckets.items():
        items.sort(key=_middle_then_left)
        current: list[Frag] = []
        top = bottom = 0.0  # the extent of the line being built
        for f in items:
            if current and _same_line(top, bottom, f):
                current.append(f)
                top, bottom = min(top, f[1]), max(bottom, f[3])
            else:
                if current:
                    lines.append(_make_line(current, column))
                current = [f]
                top, bottom = f[1], f[3]
        if current:
            lines.append(_make_line(current, column))
    return lines


def _middle_then_left(f: Frag) -> tuple[float, float]:
    return (f[1] + f[3]) / 2, f[0]


def _same_line(top: float, bottom: float, f: Frag) -> bool:
    """Whether f overlaps a line from top to bottom by half the height of the shorter."""
    overlap = min(bottom, f[3]) - max(top, f[1])
    return overlap > 0.5 * min(bottom - top, f[3] - f[1])


def _make_line(frags: list[Frag], column: int) -> Line:
    if len(frags) == 1:  # most lines are one run: the loop below, for one
        x0, top, x1, bottom, text, size, bold = frags[0]
        return Line(text=" ".join(text.split()), x0=x0, x1=x1, top=top, bottom=bottom,
                    size=size if size > 0 else max(0.0, bottom - top), bold=bool(bold) and len(text) > 0,
                    column=column, cells=1)
    frags = sorted(frags, key=_X0)
    parts: list[str] = []
    prev_x1 = None
    cells = 1
    top, bottom, x1 = frags[0][1], frags[0][3], frags[0][2]
    size = tallest = 0.0
    chars = bold_chars = 0
    for f in frags:
        text = f[4]
        if prev_x1 is not None:
            gap = f[0] - prev_x1
            height = f[3] - f[1]
            if gap > 0.15 * height and not parts[-1].endswith(" ") and not text.startswith(" "):
                parts.append(" ")
            if gap > 1.5 * height:
                cells += 1
        parts.append(text)
        prev_x1 = f[2]
        top, bottom, x1 = min(top, f[1]), max(bottom, f[3]), max(x1, f[2])
        size, tallest = max(size, f[5]), max(tallest, f[3] - f[1])
        chars += len(text)
        if f[6]:
            bold_chars += len(text)
    return Line(
        text=" ".join("".join(parts).split()),
        x0=frags[0][0],
        x1=x1,
        top=top,
        bottom=bottom,
        size=size if size > 0 else tallest,  # no font size known: the height of the tallest run
        bold=bold_chars / (chars or 1) > 0.6,
        column=column,
        cells=cells,
    )


def order_lines(lines: list[Line], two_columns: bool) -> list[Line]:
    """Page order for one column; for two, spanning lines cut the page into bands
    and each band is read left column first, then right."""
    lines.sort(key=lambda ln: (ln.top, ln.x0))
    if not two_columns:
        return lines
    ordered: list[Line] = []
    band: list[Line] = []

    def flush() -> None:
        ordered.extend(ln for ln in band if ln.column == 1)
        ordered.extend(ln for ln in band if ln.column == 2)
        band.clear()

    for ln in lines:
        if ln.column == 0:
            flush()
            ordered.append(ln)
        else:
            band.append(ln)
    flush()
    return ordered
