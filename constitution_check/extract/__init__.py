"""File -> extracted Document (pages, headings, clauses, sentences, tables)."""

import hashlib
from pathlib import Path

from ..document import Document, Page
from ..errors import InputError
from . import cache
from .cleanup import clean_pages
from .kinds import classify
from .readers import read_pdf
from .sniff import check_readable
from .structure import build_blocks, build_sentences
from .tables import apply_tables, find_tables


def extract(path: str | Path, use_cache: bool = True, password: str | None = None) -> Document:
    path = Path(path)
    data = check_readable(path)
    sha = hashlib.sha256(data).hexdigest()
    if use_cache:
        cached = cache.load(sha)
        if cached is not None:
            cached.path = str(path)
            return cached
    doc = extract_bytes(path, data, sha, password)
    if use_cache:
        cache.store(doc)
    return doc


def extract_bytes(path: Path, data: bytes, sha: str, password: str | None = None) -> Document:
    pages = read_pdf(path, data, password)
    if not pages:
        raise InputError(str(path), "corrupt PDF: it has no pages")
    if sum(p.chars for p in pages) == 0:
        raise InputError(str(path), "no text layer: it looks like a scan or a blank file (OCR is not available yet)")
    clean_pages(pages)
    if not any(p.lines for p in pages):
        raise InputError(str(path), "no readable text: the fonts carry no Unicode mapping, so the text layer is garbage")
    found = find_tables(data, pages, password)
    inserts, tables = apply_tables(pages, found)
    blocks = build_blocks(pages, inserts)
    sentences = build_sentences(blocks)
    page_texts: dict[int, list[str]] = {p.number: [] for p in pages}
    for block in blocks:
        for part in block.parts:
            page_texts.setdefault(part.page, []).append(part.text)
    doc_pages = [Page(number=p.number, text="\n".join(page_texts.get(p.number, [])), garbled=p.garbled)
                 for p in pages]
    garbled = [p.number for p in pages if p.garbled]
    warnings = [f"pages with unreadable text skipped: {', '.join(map(str, garbled))}"] if garbled else []
    title = next((b.text for b in blocks if b.kind == "heading"), blocks[0].text if blocks else "")[:200]
    doc = Document(path=str(path), sha256=sha, title=title, pages=doc_pages, blocks=blocks,
                   sentences=sentences, tables=tables, warnings=warnings)
    doc.kind, doc.paper_kinds = classify(doc)
    return doc
