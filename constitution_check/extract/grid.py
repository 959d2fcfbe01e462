"""Ruled tables from the page's own drawn lines and the text positions pdfium already gave:
the cells a table's rules enclose, read in the same pass as the text. pdfplumber finds the
same tables about fifty times more slowly; it stays as the fallback for pages whose rules
do not form a grid.

Rules are thin path objects (or the edges of drawn boxes). Horizontal and vertical rules that
touch form one table; its row and column boundaries are where they lie. A vertical rule that
does not cross a row leaves that row's cells merged, as in a spanning header."""

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

THIN = 2.5  # a rule is at most this thick, in points
SNAP = 3.0  # rules this close are one boundary


@dataclass
class Rule:
    horizontal: bool
    at: float  # y of a horizontal rule, x of a vertical one (top-left coordinates)
    start: float  # x0 or top
    end: float  # x1 or bottom


def rules_from_bounds(bounds: list[tuple[float, float, float, float]], height: float) -> list[Rule]:
    """Path objects' bounds (pdfium: left, bottom, right, top) -> rules in top-left coordinates."""
    rules: list[Rule] = []
    for left, bottom, right, top in bounds:
        w, h = right - left, top - bottom
        y0, y1 = height - top, height - bottom
        if h <= THIN and w >= 10:
            rules.append(Rule(True, (y0 + y1) / 2, left, right))
        elif w <= THIN and h >= 5:
            rules.append(Rule(False, (left + right) / 2, y0, y1))
        elif w > 5 and h > 5:  # a drawn box: its four edges
            rules += [Rule(True, y0, left, right), Rule(True, y1, left, right),
                      Rule(False, left, y0, y1), Rule(False, right, y0, y1)]
    return rules


def _touch(a: Rule, b: Rule) -> bool:
    h, v = (a, b) if a.horizontal else (b, a)
    return v.start - SNAP <= h.at <= v.end + SNAP and h.start - SNAP <= v.at <= h.end + SNAP


def _groups(rules: list[Rule]) -> list[list[Rule]]:
    """Rules joined by crossings: each group is one table (or one box, or a lone rule)."""
    parent = list(range(len(rules)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    hs = [i for i, r in enumerate(rules) if r.horizontal]
    vs = [i for i, r in enumerate(rules) if not r.horizontal]
    for i in hs:
        for j in vs:
            if _touch(rules[i], rules[j]):
                a, b = find(i), find(j)
                if a != b:
                    parent[a] = b
    groups: dict[int, list[Rule]] = {}
    for i in range(len(rules)):
        groups.setdefault(find(i), []).append(rules[i])
    return list(groups.values())


def _snap(values: list[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > SNAP:
            out.append(v)
    return out


def grid_tables(rules: list[Rule], frags: list[tuple]) -> list[tuple[tuple, list[list[str]]]]:
    """[(bbox as x0, top, x1, bottom, rows of cell texts)] for every ruled grid of at least two
    rows and two columns; frags are (x0, top, x1, bottom, text, ...) in top-left coordinates."""
    found = []
    # runs by the height of their middle (ties in page order), so each row looks only at its own
    by_middle = sorted(((f[1] + f[3]) / 2, i) for i, f in enumerate(frags))
    middles = [m for m, _ in by_middle]
    ordered = [frags[i] for _, i in by_middle]
    for group in _groups(rules):
        ys = _snap([r.at for r in group if r.horizontal])
        xs = _snap([r.at for r in group if not r.horizontal])
        if len(ys) < 3 or len(xs) < 3:
            continue
        verticals = [r for r in group if not r.horizontal]
        rows: list[list[str]] = []
        for top, bottom in zip(ys, ys[1:]):
            middle = (top + bottom) / 2
            # the column boundaries this row really has: a vertical rule that crosses it
            inner = [x for x in xs[1:-1] if any(abs(v.at - x) <= SNAP and v.start - SNAP <= middle <= v.end + SNAP
                                                for v in verticals)]
            bounds = [xs[0], *inner, xs[-1]]
            cells = {x: [] for x in xs[:-1]}
            for f in ordered[bisect_left(middles, top):bisect_right(middles, bottom)]:
                if xs[0] <= (f[0] + f[2]) / 2 <= xs[-1]:
                    start = max(b for b in bounds[:-1] if b <= max(f[0], xs[0]) + SNAP) if f[0] >= xs[0] - SNAP \
                        else xs[0]
                    cells[start].append(f)
            rows.append([_cell_text(cells[x]) for x in xs[:-1]])
        rows = [r for r in rows if any(r)]
        if len(rows) >= 2 and max(sum(1 for c in r if c) for r in rows) >= 2:
            found.append(((xs[0], ys[0], xs[-1], ys[-1]), rows))
    return found


def _cell_text(frags: list[tuple]) -> str:
    """A cell's text in reading order: by line, then left to right."""
    if len(frags) <= 1:  # most cells: what the rest gives for one run, or none
        return " ".join(frags[0][4].split()) if frags else ""
    lines: list[list[tuple]] = []
    for f in sorted(frags, key=lambda f: (f[1] + f[3]) / 2):
        middle = (f[1] + f[3]) / 2
        if lines and abs(middle - (lines[-1][0][1] + lines[-1][0][3]) / 2) < 3:
            lines[-1].append(f)
        else:
            lines.append([f])
    out: list[str] = []
    for line in lines:
        previous = None
        for f in sorted(line, key=lambda f: f[0]):
            text = " ".join(f[4].split())
            if not text:
                continue
            # runs that touch are one word ("A" "&" "E" set in two fonts); a gap is a space
            touching = previous is not None and f[0] - previous[2] <= 0.15 * (f[3] - f[1])
            out.append(text if touching and out else (" " + text if out else text))
            previous = f
    return "".join(out).strip()
