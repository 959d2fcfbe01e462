"""The report as other tools read it (../shared/report-contract.md): extend, never rename."""

from pydantic import BaseModel, Field


class AreaInfo(BaseModel):
    name: str | None = None
    icb: str | None = None
    local_authorities: list[str] = Field(default_factory=list)
    source: str = "none"  # reference | document | none
    detected_by: str | None = None  # how the area was found, in words


class DocumentInfo(BaseModel):
    path: str
    sha256: str
    kind: str  # constitution | board-papers (the contract's two kinds)
    paper_kinds: list[str] = Field(default_factory=list)  # agenda, minutes, register, ... for board papers
    parts: list[dict] = Field(default_factory=list)  # a board pack split by its own headings: kind, heading, page
    format: str = "pdf"  # pdf | docx | html | text, read from the content
    ocr_pages: list[dict] = Field(default_factory=list)  # pages read by OCR: page and Tesseract's mean confidence
    pages: int
    title: str
    warnings: list[str] = Field(default_factory=list)


class Evidence(BaseModel):
    document: str
    page: int
    clause: str | None = None
    heading: str | None = None
    quote: str
    signal: str
    status: str | None = None  # firm | weak | contradicted | negated | present | vetoed
    ocr_confidence: float | None = None  # set when the quote was read from a page image by OCR
    continues_on_page: int | None = None  # the sentence runs over a page break


class ElementResult(BaseModel):
    id: str
    label: str
    status: str  # firm | weak | contradicted | negated | missing
    notes: list[str] = Field(default_factory=list)


class Result(BaseModel):
    demand: str
    title: str
    sources: dict[str, str]
    verdict: str
    confidence: float
    reason: str
    evidence: list[Evidence] = Field(default_factory=list)
    searched_for: list[str] = Field(default_factory=list)
    letter_points: list[str] = Field(default_factory=list)
    elements: list[ElementResult] = Field(default_factory=list)
    counts: dict | None = None  # councillor-per-authority: members, councils, names
    explain: list[str] | None = None  # with --explain: what fired and what vetoed it


class Report(BaseModel):
    schema_version: int
    tool_version: str
    ruleset: str
    area: AreaInfo
    documents: list[DocumentInfo]
    results: list[Result]
    summary: dict[str, int]
    not_covered: list[str] = Field(default_factory=list)  # demands of the ruleset with no rule yet
    practice: dict | None = None  # what the board papers show: items in private, questions, interests

    @property
    def board_name(self) -> str:
        """What the report is about, for its title."""
        return self.area.icb or self.area.name or "Integrated Care Board"

    def summary_line(self) -> str:
        s = self.summary
        return f"{s.get('met', 0)} met, {s.get('partial', 0)} partial, {s.get('not_met', 0)} not met, " \
               f"{s.get('silent', 0)} silent"
