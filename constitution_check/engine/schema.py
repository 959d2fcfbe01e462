"""The shape of a rule file, validated by pydantic: a broken rule fails with the file,
the field and the reason, never half-loaded."""

from typing import Literal, Union

from pydantic import BaseModel, ConfigDict, Field, field_validator

Verdict = Literal["met", "partial", "not_met", "silent"]
VERDICT_ORDER = {"silent": 0, "not_met": 1, "partial": 2, "met": 3}

# A pattern is a phrase ("held in public"), a compact token sequence
# ("meetings? of the board|icb _{0,6} public") or a raw spaCy Matcher token list.
Pattern = Union[str, list[dict]]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Matchable(Strict):
    """Something found in a sentence: commit patterns, extra words the sentence must also
    contain (each group at least once), and labels that must not count."""

    patterns: list[Pattern] = Field(min_length=1)
    requires: list[list[Pattern]] = Field(default_factory=list)
    negative: list[Pattern] = Field(default_factory=list)  # a match overlapping one of these is dropped
    veto: list[Pattern] = Field(default_factory=list)  # the whole sentence is ruled out
    sections: list[str] = Field(default_factory=list)  # only under headings containing one of these words
    avoid_sections: list[str] = Field(default_factory=list)


class Element(Matchable):
    id: str
    label: str  # what the demand asks, in plain words: "Board meetings held in public"
    short: str | None = None  # the element as a letter names it: "its committees and sub-committees"
    weakeners: list[Pattern] = Field(default_factory=list)  # added to the rule's
    ignore_weakeners: list[str] = Field(default_factory=list)  # ids of common weakeners that do not weaken here
    negation_is_commitment: bool = False  # a bar ("no person shall ...") commits by negating
    discretionary: list[Pattern] = Field(default_factory=list)  # addresses the element, never firmly
    # ("meetings are in private unless the committee decides otherwise"); vetoes do not apply


class Signal(Matchable):
    id: str
    label: str
    floor: Verdict | None = None  # the verdict is at least this when the signal is present
    cap: Verdict | None = None  # and at most this


class PracticeSignal(Strict):
    """A finding from board papers that limits what the constitution's promise is worth."""

    finding: Literal["private-healthcare-interest", "questions-not-answered", "items-in-private-without-grounds",
                     "committee-meets-in-private", "board-meets-in-public", "private-award-no-nhs-option", "private-award-without-tender",
                     "private-award-without-public-reasons"]
    label: str
    floor: Verdict | None = None
    cap: Verdict | None = None
    letter: str | None = None  # a letter point on what the papers show: {what} and {where} are filled in


class VerdictPolicy(Strict):
    met: list[str] | None = None  # elements that must all be firm for met; default all
    gate: str | None = None  # without this element firm, the verdict is at most not_met
    weak: Literal["not_met", "partial"] = "not_met"  # what a discretionary-only commitment earns


class Letter(Strict):
    met: str
    partial: str
    not_met: str
    silent: str


class Rule(Strict):
    id: str
    title: str
    summary: str
    reads: list[str] = Field(default_factory=lambda: ["constitution"])
    # kinds whose mere mention of the subject addresses the demand (it is then not_met, not
    # silent): documents that commit, and for membership demands, lists of the members
    addressed_by: list[str] = Field(default_factory=lambda: ["constitution", "terms-of-reference"])
    analyser: Literal["elements", "councillors"] = "elements"
    avoid_sections: list[str] = Field(default_factory=lambda: ["definition", "glossary", "interpretation"])
    subject: list[Pattern] = Field(default_factory=list)
    subject_negative: list[Pattern] = Field(default_factory=list)  # "Standards in Public Life" is not about meetings
    elements: list[Element] = Field(min_length=1)
    signals: list[Signal] = Field(default_factory=list)
    tolerated: list[Pattern] = Field(default_factory=list)  # exceptions that do not spoil a commitment
    practice: list[PracticeSignal] = Field(default_factory=list)  # what board papers show, and what it does to the verdict
    weakeners: list[Pattern] = Field(default_factory=list)
    verdict: VerdictPolicy = Field(default_factory=VerdictPolicy)
    searched_for: list[str] = Field(min_length=1)
    letter: Letter

    @field_validator("elements")
    @classmethod
    def _unique_elements(cls, elements: list[Element]) -> list[Element]:
        ids = [e.id for e in elements]
        dupes = {i for i in ids if ids.count(i) > 1}
        if dupes:
            raise ValueError(f"element ids repeated: {', '.join(sorted(dupes))}")
        return elements

    def element_ids(self) -> list[str]:
        return [e.id for e in self.elements]


class Ruleset(Strict):
    id: str
    title: str
    description: str = ""
    demands: list[str] = Field(min_length=1)
    numbers: dict[str, str] = Field(default_factory=dict)  # demand id -> its number in the source document
    titles: dict[str, str] = Field(default_factory=dict)  # optional: this ruleset's own titles
