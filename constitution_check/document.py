"""The extracted document: what every rule reads. Built once per file and cached."""

from pydantic import BaseModel, Field


class Part(BaseModel):
    """The piece of a sentence that sits on one page (a sentence can run over a page break)."""

    page: int
    text: str


class Sentence(BaseModel):
    id: int
    block: int
    kind: str  # para | item | row | heading
    text: str
    parts: list[Part]
    clause: str | None = None
    heading: str | None = None
    section: list[str] = Field(default_factory=list)  # heading path, outermost first
    lead_in: str | None = None  # for list items and table rows: the parent text that governs them
    ocr: bool = False

    @property
    def page(self) -> int:
        return self.parts[0].page


class Block(BaseModel):
    id: int
    kind: str  # heading | para | item | row
    text: str
    parts: list[Part]
    clause: str | None = None
    label: str | None = None  # the block's own number as printed: "3.2.1", "(a)", "SO 4"
    level: int = 0
    heading: str | None = None
    section: list[str] = Field(default_factory=list)
    parent: int | None = None


class Table(BaseModel):
    page: int
    heading: str | None = None
    header: list[str]
    rows: list[list[str]]


class Page(BaseModel):
    number: int
    text: str
    garbled: bool = False
    ocr: bool = False  # the text was read from the page image by Tesseract
    ocr_confidence: float | None = None  # Tesseract's mean word confidence on the page, 0-100


class Document(BaseModel):
    path: str
    sha256: str
    title: str = ""
    kind: str = "constitution"  # constitution | agenda | minutes | register | terms-of-reference | contract-award | board-pack
    paper_kinds: list[str] = Field(default_factory=list)  # the kinds of paper a board pack holds
    pages: list[Page]
    blocks: list[Block]
    sentences: list[Sentence]
    tables: list[Table] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    file_format: str = "pdf"  # pdf | docx | html | text: what the content is, whatever the name says

    @property
    def page_count(self) -> int:
        return len(self.pages)

    def page_text(self, number: int) -> str:
        return self.pages[number - 1].text if 0 < number <= len(self.pages) else ""
