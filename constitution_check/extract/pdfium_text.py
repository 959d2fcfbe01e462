"""Text runs, fonts and drawn rules from pdfium, read in bulk.

pdfium's text rectangles (FPDFText_GetRect) each cover one run: consecutive characters of
one text object. Asking pdfium for the text inside each rectangle (FPDFText_GetBoundedText)
scans the whole page every time, so a page of n runs costs n page scans; that was most of
the time spent reading a PDF. Here the page's text is read once, the runs are found from
each character's text object, and each run's text is a slice of the page's text.

The slices are only used when they provably line up with pdfium's rectangles: as many runs
as rectangles, the page's text one character per character index, and each run's first
character inside its rectangle. Otherwise the caller asks pdfium rectangle by rectangle,
as before. A run's font is read from its first character, not from a point inside its
rectangle, which could hit the character before it."""

import ctypes

_C = None  # name -> ctypes function returning plain ints and floats, made once


def _functions():
    global _C
    if _C is None:
        import pypdfium2.raw as raw

        vp, i, d = ctypes.c_void_p, ctypes.c_int, ctypes.c_double
        signatures = {
            "FPDFText_GetTextObject": (vp, [vp, i]),
            "FPDFText_GetText": (i, [vp, i, i, vp]),
            "FPDFText_CountChars": (i, [vp]),
            "FPDFText_CountRects": (i, [vp, i, i]),
            "FPDFText_GetRect": (i, [vp, i, vp, vp, vp, vp]),
            "FPDFText_GetCharIndexAtPos": (i, [vp, d, d, d, d]),
            "FPDFText_GetFontSize": (d, [vp, i]),
            "FPDFText_GetFontWeight": (i, [vp, i]),
            "FPDFText_GetCharBox": (i, [vp, i, vp, vp, vp, vp]),
            "FPDFPage_CountObjects": (i, [vp]),
            "FPDFPage_GetObject": (vp, [vp, i]),
            "FPDFFormObj_CountObjects": (i, [vp]),
            "FPDFFormObj_GetObject": (vp, [vp, ctypes.c_ulong]),
            "FPDFPageObj_GetType": (i, [vp]),
            "FPDFPageObj_GetBounds": (i, [vp, vp, vp, vp, vp]),
        }
        # the same C functions pypdfium2 calls, at the same addresses, with prototypes that take and
        # give plain addresses (its own give pointer objects, slow to make and to compare); a value
        # given back goes to the address of a ctypes number made once (see _addresses)
        _C = {name: ctypes.CFUNCTYPE(restype, *argtypes)(ctypes.cast(getattr(raw, name), ctypes.c_void_p).value)
              for name, (restype, argtypes) in signatures.items()}
    return _C


def _addresses(*numbers) -> tuple[int, ...]:
    """Where pdfium is to write its answers: the numbers must outlive the calls that use these."""
    return tuple(ctypes.addressof(n) for n in numbers)


def address(handle) -> int:
    """A pypdfium2 handle's address. Read straight from the pointer's own memory: ctypes.cast
    would tie the handle and its result in a reference cycle, left for the collector, per page."""
    return ctypes.c_void_p.from_address(ctypes.addressof(handle)).value


def page_text(tp: int, n_chars: int) -> str | None:
    """The page's text with one character per character index, or None when pdfium's text
    differs from its character list (a character outside UCS-2, or text pdfium added)."""
    if n_chars <= 0:
        return ""
    c = _functions()
    # a bytearray, not create_string_buffer, which makes a new ctypes type (and cycle) for each length
    buffer = bytearray(2 * (n_chars + 1))
    got = c["FPDFText_GetText"](tp, 0, n_chars, ctypes.addressof(ctypes.c_char.from_buffer(buffer)))
    if got - 1 != n_chars:
        return None
    text = buffer[:2 * n_chars].decode("utf-16-le", errors="replace")
    if len(text) != n_chars:
        return None
    return text.replace("\ufffe", "\x02")  # a soft hyphen at a line end, as the bounded text gives it


def run_starts(tp: int, n_chars: int, widths: list[float], text: str | None = None) -> list[int]:
    """The first character index of each run of one text object. Characters pdfium adds
    (spaces and line breaks between objects) have no object and never start a run.

    A run's end is found by trying a likely place first (its rectangle's width at the page's
    characters per point so far, moved to the line break or space near it: most runs are whole
    lines or words) and otherwise by searching out from there, rather than by asking for every
    character's object. That assumes an object's characters are contiguous, which the caller
    checks (an object that comes back later makes fewer runs than rectangles). widths: the
    rectangles' widths. text: the page's text; given, its line breaks are taken to belong to no
    object without asking (pdfium adds them between lines), so a page whose objects hold line
    breaks comes out short of runs and the caller asks again without it."""
    ask = _functions()["FPDFText_GetTextObject"]
    known: dict[int, int] = {}

    def obj(k: int) -> int:
        if text is not None and text[k] in "\r\n":
            return 0
        if k not in known:
            known[k] = ask(tp, k) or 0
        return known[k]

    def next_start(k: int) -> int:  # the first character from k that has an object (n_chars if none)
        while k < n_chars and not obj(k):
            k += 1
        return k

    def same(k: int) -> bool:  # still the run of `current`: the next character with an object is of it
        k = next_start(k)
        return k == n_chars or obj(k) == current

    starts: list[int] = []
    density = 0.2  # characters per point: about right for 10-point text, and learnt as runs are found
    i = next_start(0)
    while i < n_chars:
        current = obj(i)
        width = widths[len(starts)] if len(starts) < len(widths) else 0.0
        starts.append(i)
        guess = min(i + max(1, round(width * density)), n_chars)
        end = _likely_end(text, i, guess) if text is not None else 0
        following = next_start(end) if end and obj(end - 1) == current else n_chars
        if following == n_chars or obj(following) == current:
            end = _run_end(same, i, guess, n_chars)
            following = next_start(end)
        if width > 0:
            density = (end - i) / width
        i = following
    return starts


def _likely_end(text: str, start: int, guess: int) -> int:
    """The line break near the guessed end of the run from start, or else a space next to it; 0 if neither."""
    line_end = text.find("\r", start + 1)
    if line_end >= 0 and abs(line_end - guess) <= max(2, 0.3 * (guess - start)):
        return line_end
    for near in (guess, guess + 1, guess - 1, guess + 2, guess - 2):
        if start < near < len(text) and text[near] == " ":
            return near
    return 0


def _run_end(same, start: int, guess: int, n_chars: int) -> int:
    """The first index after start where same() fails (or n_chars), same() holding from start up
    to it: searched out from guess in doubling steps, then by bisection."""
    low, high = start, n_chars
    if guess < n_chars and same(guess):
        low, step = guess, 1
        while low + step < n_chars and same(low + step):
            low += step
            step *= 2
        high = min(low + step, n_chars)
    else:
        high, step = guess, 1
        while high - step > low:
            if same(high - step):
                low = high - step
                break
            high -= step
            step *= 2
    while high - low > 1:
        mid = (low + high) // 2
        if same(mid):
            low = mid
        else:
            high = mid
    return high


def chars_inside(tp: int, indexes: list[int], rects: list[tuple[float, float, float, float]]) -> bool:
    """Whether each character's box lies within its rect (left, bottom, right, top), give or take a point."""
    box = _functions()["FPDFText_GetCharBox"]
    left, bottom, right, top = (ctypes.c_double() for _ in range(4))
    refs = _addresses(left, right, bottom, top)
    for index, (r_left, r_bottom, r_right, r_top) in zip(indexes, rects):
        if not box(tp, index, *refs):
            return False
        if not (left.value >= r_left - 1 and right.value <= r_right + 1
                and bottom.value >= r_bottom - 1 and top.value <= r_top + 1):
            return False
    return True


def runs(tp: int, rects: list[tuple[float, float, float, float]]) -> list[tuple[int, str]] | None:
    """(first character index, text) for each of pdfium's text rectangles, or None if the
    bulk reading does not line up with them (then ask pdfium rectangle by rectangle)."""
    n_chars = _functions()["FPDFText_CountChars"](tp)
    text = page_text(tp, n_chars)
    if text is None:
        return None
    widths = [r[2] - r[0] for r in rects]
    starts = run_starts(tp, n_chars, widths, text)
    if len(starts) != len(rects):  # an object that holds line breaks: ask for every character's object
        starts = run_starts(tp, n_chars, widths)
    if len(starts) != len(rects) or not chars_inside(tp, starts, rects):
        return None
    ends = starts[1:] + [n_chars]
    return [(s, text[s:e]) for s, e in zip(starts, ends)]


def rects(tp: int) -> list[tuple[float, float, float, float]]:
    """pdfium's text rectangles (left, bottom, right, top), one per run, in its order."""
    c = _functions()
    get = c["FPDFText_GetRect"]
    left, top, right, bottom = (ctypes.c_double() for _ in range(4))
    refs = _addresses(left, top, right, bottom)
    out = []
    for n in range(max(c["FPDFText_CountRects"](tp, 0, -1), 0)):
        if not get(tp, n, *refs):
            raise OSError(f"pdfium gave no rectangle {n}")
        out.append((left.value, bottom.value, right.value, top.value))
    return out


def fonts(tp: int, indexes: list[int]) -> list[tuple[float, bool]]:
    """For each character index, the font size and whether it is bold."""
    c = _functions()
    size, weight = c["FPDFText_GetFontSize"], c["FPDFText_GetFontWeight"]
    return [(float(size(tp, i)), weight(tp, i) >= 600) for i in indexes]


def char_at(tp: int, x: float, y: float, tolerance: float) -> int:
    return _functions()["FPDFText_GetCharIndexAtPos"](tp, x, y, tolerance, tolerance)


FPDF_PAGEOBJ_PATH, FPDF_PAGEOBJ_FORM = 2, 5


def path_bounds(page: int, most: int, max_depth: int = 2) -> list[tuple[float, float, float, float]]:
    """Bounds (left, bottom, right, top) of the page's path objects, descending into forms
    max_depth - 1 levels, in page order; at most `most` of them. Walked with a stack of where
    to carry on in each form, not a recursive inner function, which would be a reference cycle."""
    c = _functions()
    bounds: list[tuple[float, float, float, float]] = []
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    refs = _addresses(left, bottom, right, top)
    stack = [(page, False, 0, 0)]  # (page or form, whether a form, its depth, the next of its objects to look at)
    while stack:
        parent, form, level, start = stack.pop()
        count = c["FPDFFormObj_CountObjects" if form else "FPDFPage_CountObjects"](parent)
        get = c["FPDFFormObj_GetObject" if form else "FPDFPage_GetObject"]
        for n in range(start, max(count, 0)):
            obj = get(parent, n)
            if not obj:
                continue
            kind = c["FPDFPageObj_GetType"](obj)
            if kind == FPDF_PAGEOBJ_PATH and c["FPDFPageObj_GetBounds"](obj, *refs):
                bounds.append((left.value, bottom.value, right.value, top.value))
                if len(bounds) >= most:
                    return bounds
            if kind == FPDF_PAGEOBJ_FORM and level < max_depth - 1:
                stack.append((parent, form, level, n + 1))  # the rest of this one, after the form's own
                stack.append((obj, True, level + 1, 0))
                break
    return bounds
