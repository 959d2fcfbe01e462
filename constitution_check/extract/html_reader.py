"""Read a web page saved from a board's website: the main content only (navigation, site
header and footer, cookie banners, sidebars, scripts and styles dropped), with headings,
numbered and bulleted lists and tables kept. lxml's HTML parser (installed with
python-docx) never fetches anything: no network, no external entities.

A page with no document in it (a 403 or 404 page, a login wall, a page of links) is an
error, as before: it is what a failed download leaves behind."""

import re

from ..errors import InputError
from .flow import BODY_SIZE, HEADING_SIZES, Flow
from .numbering import number_text, to_int
from .sniff import decode_text

_DROP_TAGS = {"script", "style", "noscript", "template", "svg", "canvas", "iframe", "object", "embed", "nav",
              "aside", "form", "button", "select", "input", "textarea", "dialog", "head", "map", "audio", "video",
              "picture", "img", "link", "meta"}
_PAGE_CHROME = {"header", "footer"}  # dropped unless inside the main content
_CHROME = re.compile(r"(^|[-_\s])(cookie|cookies|consent|gdpr|banner|breadcrumbs?|skip|skiplink|nav|navbar|navigation|"
                     r"menu|masthead|site-?header|site-?footer|footer|sidebar|social|share|sharing|newsletter|feedback|"
                     r"back-?to-?top|print|search|alert|popup|modal|toolbar)([-_\s]|$)", re.I)
_CHROME_ROLES = {"navigation", "banner", "contentinfo", "search", "dialog", "alertdialog", "complementary", "menu",
                 "menubar"}
_BLOCKS = {"p", "div", "section", "article", "main", "blockquote", "figure", "figcaption", "address", "center",
           "details", "summary", "fieldset", "dl", "dt", "dd", "hr", "body", "html", "header", "footer", "caption"}
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 4, "h6": 4}
_BOLD = {"b", "strong"}
_ERROR_TITLE = re.compile(r"\b(40[0-9]|41[0-9]|50[0-9]|forbidden|access denied|not found|error|unauthori[sz]ed|"
                          r"sign in|log in|login|just a moment|attention required|captcha|page unavailable)\b", re.I)
_SENTENCE_END = re.compile(r"[.!?;:](\s|$)")
MIN_SENTENCES = 3
MIN_CHARS = 200
MAX_DEPTH = 400


def read_html(path, data: bytes) -> Flow:
    from lxml import etree
    from lxml import html as lhtml

    text = None
    charset = re.search(rb"<meta[^>]+charset=[\"']?([A-Za-z0-9_-]+)", data[:4096], re.I)
    if charset and charset.group(1).lower() not in (b"utf-8", b"utf8") and not data.startswith(b"\xef\xbb\xbf"):
        try:  # the page's own declared encoding first
            text = data.decode(charset.group(1).decode("ascii"), "replace")
        except LookupError:
            pass
    if text is None:
        text = decode_text(data) or ""
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)
    parser = lhtml.HTMLParser(remove_comments=True, remove_pis=True, no_network=True, huge_tree=False,
                              recover=True)
    try:
        root = lhtml.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError, etree.XMLSyntaxError):
        raise InputError(str(path), _no_document(path)) from None
    title = " ".join(" ".join(root.xpath("//title//text()")).split())
    _drop_chrome(root)
    content = _main_content(root)
    walker = _Walker()
    walker.walk(content, 0)
    walker.flush()
    flow = walker.flow
    words = sum(len(ln.text.split()) for p in flow.pages for ln in p.lines)
    chars = sum(p.chars for p in flow.pages)
    sentences = sum(len(_SENTENCE_END.findall(ln.text + " ")) for p in flow.pages for ln in p.lines)
    if chars < MIN_CHARS or sentences < MIN_SENTENCES or words < 40 or (_ERROR_TITLE.search(title) and chars < 2000):
        raise InputError(str(path), _no_document(path, title))
    return flow


def _no_document(path, title: str = "") -> str:
    prefix = "not a PDF: it is " if str(path).lower().endswith(".pdf") else "it is "
    shown = f" ('{title[:60]}')" if title else ""
    return f"{prefix}a web page (HTML) with no document in it{shown}, probably an error page saved by a failed download"


def _drop_chrome(root) -> None:
    doomed = []
    for el in root.iter():
        if not isinstance(el.tag, str):
            doomed.append(el)
            continue
        tag = el.tag.lower()
        if tag in _DROP_TAGS:
            doomed.append(el)
            continue
        if tag in ("main", "article", "body", "html"):
            continue
        role = (el.get("role") or "").lower()
        hidden = el.get("hidden") is not None or el.get("aria-hidden") == "true" \
            or re.search(r"display\s*:\s*none|visibility\s*:\s*hidden", el.get("style") or "", re.I)
        chrome = role in _CHROME_ROLES or _CHROME.search(f"{el.get('id') or ''} {el.get('class') or ''}")
        if tag in _PAGE_CHROME and not el.xpath("ancestor::main | ancestor::article | ancestor::*[@role='main']"):
            chrome = True
        if (hidden or chrome) and not el.xpath(".//main | .//article | .//*[@role='main']"):
            doomed.append(el)
    for el in doomed:
        parent = el.getparent()
        if parent is not None:
            _remove_keep_tail(el)


def _remove_keep_tail(el) -> None:
    parent = el.getparent()
    if el.tail:
        previous = el.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


def _main_content(root):
    body = root.find("body")
    body = body if body is not None else root
    whole = len(body.text_content())
    for query in ("//main", "//*[@role='main']", "//article", "//*[@id='content' or @id='main-content' or @id='main']"):
        found = root.xpath(query)
        if found:
            best = max(found, key=lambda el: len(el.text_content()))
            if len(best.text_content()) >= 0.3 * whole:
                return best
    return body


class _Walker:
    def __init__(self):
        self.flow = Flow(virtual=True)
        self.buffer: list[tuple[str, bool]] = []
        self.prefix = ""

    def add(self, text: str | None, bold: bool) -> None:
        if text:
            self.buffer.append((text, bold))

    def flush(self, size: float = BODY_SIZE, heading: bool = False) -> None:
        text = "".join(t for t, _ in self.buffer)
        chars = sum(len(t.strip()) for t, _ in self.buffer) or 1
        bold = sum(len(t.strip()) for t, b in self.buffer if b) / chars > 0.6
        self.buffer = []
        pieces = [" ".join(piece.split()) for piece in text.split("\n")]
        pieces = [p for p in pieces if p]
        if not pieces:
            return
        if self.prefix:
            pieces[0] = f"{self.prefix} {pieces[0]}"
            self.prefix = ""
        if heading:
            self.flow.para(" ".join(pieces), size=size, bold=True)
            return
        self.flow.para(pieces[0], bold=bold)
        for piece in pieces[1:]:  # lines split by <br>: one paragraph unless a line opens a new clause
            self.flow.line(piece, bold=bold)

    def walk(self, el, depth: int, bold: bool = False, list_depth: int = 0) -> None:
        if depth > MAX_DEPTH:
            return
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if tag in _HEADINGS:
            self.flush()
            self.add(el.text_content(), True)
            self.flush(size=HEADING_SIZES[_HEADINGS[tag]], heading=True)
            return
        if tag == "table":
            self.flush()
            self._table(el, depth, list_depth)
            return
        if tag in ("ul", "ol"):
            self.flush()
            self._list(el, depth, tag, list_depth)
            return
        if tag == "br":
            self.add("\n", bold)
            return
        if tag == "pre":
            self.flush()
            for line in el.text_content().splitlines():
                self.add(line + "\n", bold)
            self.flush()
            return
        block = tag in _BLOCKS or tag == "li"
        if block:
            self.flush()
        bold = bold or tag in _BOLD
        self.add(el.text, bold)
        for child in el:
            self.walk(child, depth + 1, bold, list_depth)
            self.add(child.tail, bold)
        if block:
            self.flush()

    def _list(self, el, depth: int, tag: str, list_depth: int) -> None:
        kind = (el.get("type") or "1") if tag == "ol" else "bullet"
        number = to_int(el.get("start"), 1)
        for li in el:
            if not isinstance(li.tag, str) or li.tag.lower() != "li":
                self.walk(li, depth + 1, False, list_depth)
                continue
            number = to_int(li.get("value"), number)
            self.flush()
            self.prefix = _list_label(kind, number, list_depth)
            self.add(li.text, False)
            for child in li:
                self.walk(child, depth + 2, False, list_depth + 1)
                self.add(child.tail, False)
            self.flush()
            self.prefix = ""
            number += 1

    def _table(self, el, depth: int, list_depth: int) -> None:
        rows = [tr.xpath("./td | ./th") for tr in el.xpath("./tr | ./thead/tr | ./tbody/tr | ./tfoot/tr")]
        if any(c.xpath(".//table | .//p | .//h1 | .//h2 | .//h3 | .//ul | .//ol") for cells in rows for c in cells):
            for cells in rows:  # a table that lays out a page, not a table of data: read what is in it
                for cell in cells:
                    self.walk(cell, depth + 1, False, list_depth)
                    self.flush()
            return
        caption = el.xpath("./caption")
        if caption:
            self.flow.para(caption[0].text_content())
        self.flow.table([[c.text_content() for c in cells] for cells in rows])


_HTML_TYPES = {"a": "lowerLetter", "A": "upperLetter", "i": "lowerRoman", "I": "upperRoman"}


def _list_label(kind: str, number: int, list_depth: int) -> str:
    if kind == "bullet":
        return "\u2022"
    if kind in _HTML_TYPES:
        return f"({number_text(max(number, 1), _HTML_TYPES[kind])})"
    return f"{number}." if list_depth == 0 else f"({number})"
