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

        vp, i, d, f = ctypes.c_void_p, ctypes.c_int, ctypes.c_double, ctypes.c_float
        signatures = {
            "FPDFText_GetTextObject": (vp, [vp, i]),
            "FPDFText_GetText": (i, [vp, i, i, vp]),
            "FPDFText_CountChars": (i, [vp]),
            "FPDFText_CountRects": (i, [vp, i, i]),
            "FPDFText_GetRect": (i, [vp, i, ctypes.POINTER(d), ctypes.POINTER(d), ctypes.POINTER(d),
                                     ctypes.POINTER(d)]),
            "FPDFText_GetCharIndexAtPos": (i, [vp, d, d, d, d]),
            "FPDFText_GetFontSize": (d, [vp, i]),
            "FPDFText_GetFontWeight": (i, [vp, i]),
            "FPDFText_GetCharBox": (i, [vp, i, ctypes.POINTER(d), ctypes.POINTER(d), ctypes.POINTER(d),
                                        ctypes.POINTER(d)]),
            "FPDFPage_CountObjects": (i, [vp]),
            "FPDFPage_GetObject": (vp, [vp, i]),
            "FPDFFormObj_CountObjects": (i, [vp]),
            "FPDFFormObj_GetObject": (vp, [vp, ctypes.c_ulong]),
            "FPDFPageObj_GetType": (i, [vp]),
            "FPDFPageObj_GetBounds": (i, [vp, ctypes.POINTER(f), ctypes.POINTER(f), ctypes.POINTER(f),
                                          ctypes.POINTER(f)]),
        }
        # the same C functions pypdfium2 calls, at the same addresses, with prototypes that take and
        # give plain addresses (its own give pointer objects, slow to make and to compare)
        _C = {name: ctypes.CFUNCTYPE(restype, *argtypes)(ctypes.cast(getattr(raw, name), ctypes.c_void_p).value)
              for name, (restype, argtypes) in signatures.items()}
    return _C


def address(handle) -> int:
    return ctypes.cast(handle, ctypes.c_void_p).value


def page_text(tp: int, n_chars: int) -> str | None:
    """The page's text with one character per character index, or None when pdfium's text
    differs from its character list (a character outside UCS-2, or text pdfium added)."""
    if n_chars <= 0:
        return ""
    c = _functions()
    buffer = ctypes.create_string_buffer(2 * (n_chars + 1))
    got = c["FPDFText_GetText"](tp, 0, n_chars, buffer)
    if got - 1 != n_chars:
        return None
    text = buffer.raw[:2 * n_chars].decode("utf-16-le", errors="replace")
    if len(text) != n_chars:
        return None
    return text.replace("\ufffe", "\x02")  # a soft hyphen at a line end, as the bounded text gives it


def run_starts(tp: int, n_chars: int, widths: list[float]) -> list[int]:
    """The first character index of each run of one text object. Characters pdfium adds
    (spaces and line breaks between objects) have no object and never start a run.

    A run's end is found by searching out from a guess (its rectangle's width at the page's
    characters per point so far) rather than by asking for every character's object: that
    assumes an object's characters are contiguous, which the caller checks (an object that
    comes back later makes fewer runs than rectangles). widths: the rectangles' widths."""
    obj = _functions()["FPDFText_GetTextObject"]
    starts: list[int] = []
    density = 0.2  # characters per point: about right for 10-point text, and learnt as runs are found
    i = 0
    while i < n_chars:
        current = obj(tp, i)
        if not current:
            i += 1
            continue
        width = widths[len(starts)] if len(starts) < len(widths) else 0.0
        starts.append(i)

        def same(k: int) -> bool:  # still this run: the next character of an object is of this one
            while k < n_chars:
                o = obj(tp, k)
                if o:
                    return o == current
                k += 1  # a character pdfium added belongs to no object
            return True

        end = _run_end(same, i, min(i + max(1, round(width * density)), n_chars), n_chars)
        if width > 0:
            density = (end - i) / width
        i = end
    return starts


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
    refs = (ctypes.byref(left), ctypes.byref(right), ctypes.byref(bottom), ctypes.byref(top))
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
    starts = run_starts(tp, n_chars, [r[2] - r[0] for r in rects])
    if len(starts) != len(rects) or not chars_inside(tp, starts, rects):
        return None
    ends = starts[1:] + [n_chars]
    return [(s, text[s:e]) for s, e in zip(starts, ends)]


def rects(tp: int) -> list[tuple[float, float, float, float]]:
    """pdfium's text rectangles (left, bottom, right, top), one per run, in its order."""
    c = _functions()
    get = c["FPDFText_GetRect"]
    left, top, right, bottom = (ctypes.c_double() for _ in range(4))
    refs = (ctypes.byref(left), ctypes.byref(top), ctypes.byref(right), ctypes.byref(bottom))
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
    max_depth - 1 levels, in page order; at most `most` of them."""
    c = _functions()
    bounds: list[tuple[float, float, float, float]] = []
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    refs = (ctypes.byref(left), ctypes.byref(bottom), ctypes.byref(right), ctypes.byref(top))

    def walk(parent: int, form: bool, level: int) -> bool:
        count = c["FPDFFormObj_CountObjects" if form else "FPDFPage_CountObjects"](parent)
        get = c["FPDFFormObj_GetObject" if form else "FPDFPage_GetObject"]
        for n in range(max(count, 0)):
            obj = get(parent, n)
            if not obj:
                continue
            kind = c["FPDFPageObj_GetType"](obj)
            if kind == FPDF_PAGEOBJ_PATH and c["FPDFPageObj_GetBounds"](obj, *refs):
                bounds.append((left.value, bottom.value, right.value, top.value))
                if len(bounds) >= most:
                    return False
            if kind == FPDF_PAGEOBJ_FORM and level < max_depth - 1 and not walk(obj, True, level + 1):
                return False
        return True

    walk(page, False, 0)
    return bounds
