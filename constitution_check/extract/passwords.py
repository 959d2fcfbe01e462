"""PDF passwords as PDF 2.0 requires them (ISO 32000-2, 7.6.4.3.3): an AES-256 (R6)
password is prepared with SASLprep (RFC 4013) before it is used, so 'S\u00aaSL\u00adprep' typed on
one keyboard opens a file made with 'SaSLprep'. pdfium does not do this itself."""

import stringprep
import unicodedata


def candidates(password: str | None) -> list[str | None]:
    """The password as typed, then its SASLprep and NFKC forms, without repeats."""
    if not password:
        return [password]
    out: list[str | None] = [password]
    for form in (saslprep(password), unicodedata.normalize("NFKC", password)):
        if form and form not in out:
            out.append(form)
    return out


def saslprep(text: str) -> str | None:
    """RFC 4013 SASLprep; None when the result holds prohibited characters."""
    mapped = []
    for ch in text:
        if stringprep.in_table_c12(ch):  # non-ASCII spaces -> space
            mapped.append(" ")
        elif stringprep.in_table_b1(ch):  # commonly mapped to nothing (soft hyphen, zero-width joiners)
            continue
        else:
            mapped.append(ch)
    result = unicodedata.normalize("NFKC", "".join(mapped))
    if not result:
        return None
    prohibited = (stringprep.in_table_c12, stringprep.in_table_c21_c22, stringprep.in_table_c3,
                  stringprep.in_table_c4, stringprep.in_table_c5, stringprep.in_table_c6, stringprep.in_table_c7,
                  stringprep.in_table_c8, stringprep.in_table_c9)
    if any(check(ch) for ch in result for check in prohibited):
        return None
    has_ral = any(stringprep.in_table_d1(ch) for ch in result)
    if has_ral:  # bidirectional rule: RandALCat strings must start and end with one, and hold no LCat
        if any(stringprep.in_table_d2(ch) for ch in result) or not (
                stringprep.in_table_d1(result[0]) and stringprep.in_table_d1(result[-1])):
            return None
    return result
