"""A plan's parts written down as plain values: the demo's seed plans are
written in them, and the Word importer reads a plan into them.
``campaigns.services.plan_build`` turns one into a plan through the plan
services. Units are named by their code (the importer's names are matched to
codes on the review screen before a plan is built)."""

import datetime
from dataclasses import dataclass, field

# The award catalogue's name for it; three of the seed plans award it.
PROVINCIAL_CHAIRMAN_COMMENDATION = "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"


@dataclass
class SectionSpec:
    """A section: heading, body lines, the structured block it holds, children."""

    heading: str = ""
    body: str = ""
    block: str = "text"
    numbering: str = "auto"
    run_in: bool = False
    children: list["SectionSpec"] = field(default_factory=list)
    key: str = ""  # lets targets point at the section


@dataclass
class TargetGroupSpec:
    name: str
    unit_kinds: list[str]
    levels_below: int | None = None
    recipient_kind: str = "collective"
    scope: str = ""


@dataclass
class CriterionGroupSpec:
    title: str
    criteria: list[str]
    target_group: int | None = None  # index into target_groups


@dataclass
class TargetSpec:
    section: str
    measure: str
    comparison: str
    value: str
    unit_of_measure: str = "%"


@dataclass
class QuotaSpec:
    award: str
    printed_name: str = ""
    count: int | None = None
    target_group: int | None = None
    per_parent: bool = False
    recipient_phrase: str = ""
    occasion: str = "campaign"


@dataclass
class AssignmentSpec:
    text: str
    units: list[str] = field(default_factory=list)
    is_lead: bool = False


@dataclass
class DeadlineSpec:
    kind: str
    from_units: list[str]
    to_unit: str
    due_on: datetime.date | None = None
    recurrence: str = "once"
    assignment: int | None = None  # index into assignments
    lead: str = ""


@dataclass
class RecipientSpec:
    text: str
    units: list[str] = field(default_factory=list)


@dataclass
class BasisSpec:
    """A legal basis read from a document: its opening word, its text, and the
    outside document (by id) or plan (by id) it cites, when one is known."""

    text: str
    opening: str = "Căn cứ"
    outside_document: int | None = None
    plan: int | None = None
    connector: str = "về"
    # The importer's reading of the cited document: doc_type, number_symbol, issued_on,
    # issuer_name, connector, subject; None when the basis cites none by number.
    citation: dict | None = None


@dataclass
class PlanSpec:
    key: str
    issuer: str
    title: str
    state: str  # issued | awaiting_signature
    number: int | None = None
    issued_on: datetime.date | None = None
    draft_date: datetime.date | None = None
    parent: str = ""
    legal_bases: list = field(default_factory=list)  # str, ("plan", key, connector), or BasisSpec
    preamble: str = ""
    theme: str = ""
    motto: str = ""
    period: tuple = ("fixed", None, None)
    review_month: int | None = None
    summary_every_years: int | None = None
    funding: str = ""
    closing: str = ""
    sections: list[SectionSpec] = field(default_factory=list)
    target_groups: list[TargetGroupSpec] = field(default_factory=list)
    criterion_groups: list[CriterionGroupSpec] = field(default_factory=list)
    targets: list[TargetSpec] = field(default_factory=list)
    quotas: list[QuotaSpec] = field(default_factory=list)
    assignments: list[AssignmentSpec] = field(default_factory=list)
    deadlines: list[DeadlineSpec] = field(default_factory=list)
    recipients: list[RecipientSpec] = field(default_factory=list)
    archive_note: str = "VT"
    signature: tuple = ("head", "", "CHỦ TỊCH", "")
    signer_name: str = ""
    signer_username: str = ""
