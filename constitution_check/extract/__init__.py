"""File -> extracted Document (pages, headings, clauses, sentences, tables).

PDF, Word (.docx), web pages (HTML) and plain text all become the same lines, so
everything after reading (headings, clauses, sentences, rules) is one code path."""

import hashlib
from pathlib import Path

from .. import collector
from ..document import Document, Page
from ..errors import InputError
from . import cache
from .cleanup import clean_pages
from .flow import PAGE_CHARS
from .kinds import classify
from .readers import read_pdf
from .sniff import DESCRIPTIONS, detect_format, name_warning, read_file
from .structure import build_blocks, build_sentences
from .tables import apply_tables, find_tables

__all__ = ["extract", "extract_bytes"]


def extract(path: str | Path, use_cache: bool = True, password: str | None = None, ocr: bool = False,
            limits=None) -> Document:
    """limits (worker.Limits) runs the reading in a worker process with a time and memory limit;
    None reads in this process, as the tests of the readers do."""
    path = Path(path)
    data = read_file(path)
    fmt = detect_format(data, str(path))
    sha = hashlib.sha256(data).hexdigest()
    use_cache = use_cache and not ocr  # an OCR run reads afresh, and is not mistaken later for a plain one
    if use_cache:
        cached = cache.load(sha)
        if cached is not None:
            cached.path = str(path)
            return cached
    if limits is not None:
        from ..worker import extract_isolated

        doc = extract_isolated(path, data, sha, password, ocr, fmt, limits)
    else:
        doc = extract_bytes(path, data, sha, password, ocr=ocr, fmt=fmt)
    if use_cache:
        cache.store(doc)
    return doc


def extract_bytes(path: Path, data: bytes, sha: str, password: str | None = None, ocr: bool = False, *,
                  fmt: str, max_pages: int | None = None, processes: int = 0) -> Document:
    """fmt: what detect_format says the bytes are; processes: how many may read a long PDF's
    pages (0: one per core)."""
    with collector.paused():
        return _extract(path, data, sha, password, ocr, fmt, max_pages, processes)


def _extract(path: Path, data: bytes, sha: str, password: str | None, ocr: bool, fmt: str,
             max_pages: int | None, processes: int) -> Document:
    warnings: list[str] = []
    renamed = name_warning(path, fmt)
    if renamed:
        warnings.append(renamed)
    ocr_info: dict[int, float] = {}
    if fmt == "pdf":
        pages, inserts, tables, ocr_info = _read_pdf_pages(path, data, password, ocr, max_pages, warnings, processes)
    else:
        pages, inserts, tables = _read_flow(path, data, fmt, warnings)
    blocks = build_blocks(pages, inserts)
    sentences = build_sentences(blocks)
    if ocr_info:
        for sentence in sentences:
            sentence.ocr = any(part.page in ocr_info for part in sentence.parts)
    page_texts: dict[int, list[str]] = {p.number: [] for p in pages}
    for block in blocks:
        for part in block.parts:
            page_texts.setdefault(part.page, []).append(part.text)
    doc_pages = [Page(number=p.number, text="\n".join(page_texts.get(p.number, [])), garbled=p.garbled,
                      ocr=p.number in ocr_info, ocr_confidence=ocr_info.get(p.number)) for p in pages]
    garbled = [p.number for p in pages if p.garbled]
    if garbled:
        warnings.append(f"pages with unreadable text skipped: {', '.join(map(str, garbled))}")
    title = next((b.text for b in blocks if b.kind == "heading"), blocks[0].text if blocks else "")[:200]
    doc = Document(path=str(path), sha256=sha, title=title, pages=doc_pages, blocks=blocks,
                   sentences=sentences, tables=tables, warnings=warnings, file_format=fmt)
    doc.kind, doc.paper_kinds = classify(doc)
    return doc


def _read_pdf_pages(path, data, password, ocr, max_pages, warnings, processes):
    from .passwords import candidates
    from .readers import MAX_PAGES

    pages = None
    tried = candidates(password)
    for i, attempt in enumerate(tried):  # the password as typed, then as PDF 2.0 normalises it (SASLprep)
        try:
            pages = read_pdf(path, data, attempt, max_pages or MAX_PAGES, processes)
            password = attempt
            break
        except InputError as err:
            if "password" not in err.reason or i == len(tried) - 1:
                raise
    if not pages:
        raise InputError(str(path), "corrupt PDF: it has no pages")
    if max_pages and len(pages) >= max_pages:
        warnings.append(f"only the first {max_pages} pages were read (the page limit; raise it with --max-pages)")
    blank = [p for p in pages if p.chars == 0]
    ocr_info: dict[int, float] = {}
    if blank and ocr:
        from .ocr import ocr_pages

        ocr_info = ocr_pages(path, data, password, blank)
        if ocr_info:
            shown = ", ".join(f"{n} ({c:.0f}%)" for n, c in sorted(ocr_info.items()))
            warnings.append(f"pages read by OCR (Tesseract), with their mean word confidence: {shown}; "
                            "check quotes from these pages against the original")
    if sum(p.chars for p in pages) == 0:
        if ocr:
            raise InputError(str(path), "no text layer, and OCR found no text: it looks like a blank file "
                                        "or an unreadable scan")
        raise InputError(str(path), "no text layer: it looks like a scan or a blank file "
                                    "(run with --ocr to read it with Tesseract)")
    if blank and not ocr and len(blank) < len(pages):
        warnings.append(f"pages with no text layer (scanned?), not read: {_ranges([p.number for p in blank])}; "
                        "run with --ocr to read them")
    clean_pages(pages)
    if not any(p.lines for p in pages):
        raise InputError(str(path), "no readable text: the fonts carry no Unicode mapping, "
                                    "so the text layer is garbage")
    found = find_tables(data, pages, password)
    inserts, tables = apply_tables(pages, found)
    return pages, inserts, tables, ocr_info


def _read_flow(path, data, fmt, warnings):
    if fmt == "docx":
        from .docx_reader import read_docx as reader
    elif fmt == "html":
        from .html_reader import read_html as reader
    else:
        from .text_reader import read_text as reader
    flow = reader(path, data)
    pages, inserts, tables = flow.finish()
    if not pages or sum(p.chars for p in pages) == 0:
        raise InputError(str(path), f"no text: {DESCRIPTIONS[fmt]} with nothing in it to read")
    clean_pages(pages)
    if not any(p.lines for p in pages) and not inserts:
        raise InputError(str(path), f"no readable text in {DESCRIPTIONS[fmt]}")
    if flow.virtual:
        warnings.append(f"{DESCRIPTIONS[fmt]} has no pages of its own: page numbers are virtual pages of about "
                        f"{PAGE_CHARS:,} characters, and a new one at each page break in the file")
    else:
        how = " (Word's pages may differ from a printed copy)" if fmt == "docx" else " (form feeds)"
        warnings.append("page numbers follow the page breaks in the file" + how)
    return pages, inserts, tables


def _ranges(numbers: list[int]) -> str:
    out, start, prev = [], None, None
    for n in numbers + [None]:
        if start is None:
            start = prev = n
        elif n == prev + 1:
            prev = n
        else:
            out.append(str(start) if start == prev else f"{start}-{prev}")
            start = prev = n
    return ", ".join(out[:20]) + (" ..." if len(out) > 20 else "")
