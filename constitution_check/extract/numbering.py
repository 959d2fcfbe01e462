"""List numbers as documents draw them: 3, c, aa, iv, IV."""


def number_text(n: int, fmt: str) -> str:
    """A list number as Word draws it: fmt is Word's numFmt (decimal, lowerLetter, upperRoman ...)."""
    if fmt in ("lowerLetter", "upperLetter"):
        letters = ""
        while n > 0:
            n, rem = divmod(n - 1, 26)
            letters = chr(ord("a") + rem) + letters
        return letters.upper() if fmt == "upperLetter" else letters
    if fmt in ("lowerRoman", "upperRoman"):
        numeral = roman(n)
        return numeral.upper() if fmt == "upperRoman" else numeral
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


def roman(n: int) -> str:
    out = ""
    for value, numeral in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                           (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out += numeral
            n -= value
    return out


def to_int(value, default: int = 0) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default
