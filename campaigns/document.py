"""The printed form of a plan, built once from its rows: the same structure
feeds the plan page, the print view and the PDF, so they never disagree.
Templates only lay it out."""

from dataclasses import dataclass, field

from campaigns.models import (
    AwardOccasion,
    PeriodKind,
    Plan,
    Recurrence,
    Section,
    SectionBlock,
    SectionNumbering,
    SignAuthority,
)
from emulation.models import DocumentType
from emulation.register import document_symbol
from emulation.vn import (
    BLANK,
    date_line,
    end_with,
    letter,
    long_date,
    lower_first,
    ordinal_word,
    roman,
    short_date,
    yearly_date,
)


@dataclass
class Paragraph:
    text: str
    label: str = ""  # "1.", "a)", "-", "Một là," …
    heading: str = ""  # bold run-in heading, e.g. "Đối tượng:"
    style: str = "body"  # body | item | note


@dataclass
class RenderedSection:
    level: int
    label: str
    heading: str
    paragraphs: list[Paragraph] = field(default_factory=list)
    children: list["RenderedSection"] = field(default_factory=list)
    section_id: int | None = None
    targets: list = field(default_factory=list)  # shown on screen beside the prose, not printed


def header_lines(name: str) -> list[str]:
    """Header names print on two centred lines the way offices set them:
    "ỦY BAN NHÂN DÂN" over "TỈNH AN GIANG"."""
    for lead in ("ỦY BAN NHÂN DÂN ", "BỘ CHỈ HUY QUÂN SỰ ", "BAN CHỈ HUY QUÂN SỰ "):
        if name.startswith(lead) and len(name) > len(lead):
            return [lead.strip(), name[len(lead):]]
    return [name]


@dataclass
class PlanDocument:
    parent_header: str
    header: str
    number_line: str
    date_line: str
    doc_name: str
    title: str
    legal_bases: list[str]
    preamble: list[str]
    sections: list[RenderedSection]
    closing: list[str]
    recipients: list[str]
    signature_lines: list[str]
    signer_name: str
    is_draft: bool
    # Decisions: the deciding authority over the legal bases, "QUYẾT ĐỊNH:" before the
    # articles, and an appended list when it is long.
    authority: str = ""
    decree_word: str = ""
    appendix_title: str = ""
    appendix_rows: list = field(default_factory=list)

    @property
    def header_lines(self) -> list[str]:
        return header_lines(self.header)

    @property
    def parent_header_lines(self) -> list[str]:
        return header_lines(self.parent_header) if self.parent_header else []


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def label_for(level: int, index: int) -> str:
    if level == 1:
        return f"{roman(index)}."
    if level == 2:
        return f"{index}."
    if level == 3:
        return f"{letter(index)})"
    return "-"


def citation(plan: Plan, connector: str = "về") -> str:
    """“Kế hoạch số 07/KH-UBND ngày 16 tháng 01 năm 2025 của Ủy ban nhân dân tỉnh Quảng Ngãi về …”"""
    issuer_name = plan.frozen_header.get("issuer_name") or plan.issuer.name
    return (f"Kế hoạch số {plan.number_symbol} {long_date(plan.issued_on)} của {issuer_name} "
            f"{connector} {lower_first(plan.title.rstrip('.'))}")


def legal_basis_lines(plan: Plan) -> list[str]:
    bases = []
    for basis in plan.legal_bases.all():
        if basis.linked_plan_id is not None:
            text = citation(basis.linked_plan, basis.connector)
        else:
            text = basis.text.strip()
            if text.lower().startswith("căn cứ"):
                text = text[len("căn cứ"):].strip()
        bases.append(f"Căn cứ {text}")
    return [end_with(text, "." if index == len(bases) - 1 else ";") for index, text in enumerate(bases)]


def period_paragraphs(plan: Plan) -> list[Paragraph]:
    if plan.period_kind == PeriodKind.FIXED and plan.starts_on and plan.ends_on:
        return [Paragraph(f"Thời gian thi đua: Từ ngày {short_date(plan.starts_on)} - {short_date(plan.ends_on)}.")]
    paragraphs = []
    if plan.starts_on:
        paragraphs.append(Paragraph(f"Phong trào thi đua được triển khai thực hiện từ ngày "
                                    f"{short_date(plan.starts_on)} và thực hiện thường xuyên, liên tục.", "-"))
    if plan.review_month or plan.summary_every_years:
        parts = []
        if plan.review_month:
            parts.append(f"Định kỳ hằng năm tiến hành đánh giá, sơ kết Phong trào thi đua vào tháng "
                         f"{plan.review_month} của năm")
        if plan.summary_every_years:
            parts.append(f"tổng kết giai đoạn {plan.summary_every_years:02d} năm/lần")
        paragraphs.append(Paragraph(" và ".join(parts) + ".", "-"))
    return paragraphs


def award_paragraphs(plan: Plan) -> list[Paragraph]:
    quotas = list(plan.quotas.all())
    if any(quota.count for quota in quotas):
        paragraphs = []
        for quota in quotas:
            if quota.count:
                phrase = quota.recipient_phrase or (quota.target_group.name if quota.target_group else "")
                paragraphs.append(Paragraph(f"Tặng {quota.name} cho {quota.count:02d} {lower_first(phrase)}.", "-"))
            else:
                paragraphs.append(Paragraph(end_with(quota.name, "."), "-"))
        return paragraphs
    occasions = {quota.occasion for quota in quotas}
    if len(occasions) <= 1:
        return [Paragraph(end_with(quota.name, "."), "-") for quota in quotas]
    paragraphs = []
    for occasion in AwardOccasion:
        chosen = [quota for quota in quotas if quota.occasion == occasion]
        if not chosen:
            continue
        kinds = {quota.award_type.kind for quota in chosen}
        if len(kinds) == 1:
            paragraphs.append(Paragraph(f"{occasion.label}: " + "; ".join(q.name for q in chosen) + ".", "-"))
            continue
        paragraphs.append(Paragraph(f"{occasion.label}:", "-"))
        for kind, caption in (("title", "Danh hiệu thi đua gồm"), ("form", "Hình thức khen thưởng gồm")):
            names = [quota.name for quota in chosen if quota.award_type.kind == kind]
            if names:
                paragraphs.append(Paragraph(f"{caption}: " + "; ".join(names) + ".", "+"))
    return paragraphs


def deadline_sentence(deadline) -> str:
    when = yearly_date(deadline.due_on) if deadline.recurrence == Recurrence.YEARLY else long_date(deadline.due_on)
    lead = deadline.lead.strip()
    return f"{lead} trước {when}" if lead else f"trước {when}"


def assignment_paragraphs(plan: Plan, level: int) -> list[Paragraph]:
    paragraphs = []
    for index, assignment in enumerate(plan.assignments.all(), start=1):
        lines = _lines(assignment.text)
        for deadline in assignment.deadlines.all():
            if deadline.due_on is None:
                continue
            sentence = deadline_sentence(deadline)
            if deadline.lead.strip():
                lines[-1] = f"{end_with(lines[-1], '.')} {end_with(sentence, '.')}"
            else:
                lines[-1] = end_with(f"{end_with(lines[-1], '')} {sentence}", ".")
        for number, line in enumerate(lines):
            paragraphs.append(Paragraph(line, label_for(level, index) if number == 0 else ""))
    return paragraphs


def block_paragraphs(plan: Plan, section: Section, level: int) -> list[Paragraph]:
    block = section.block
    if block == SectionBlock.TARGET_GROUPS:
        groups = list(plan.target_groups.all())
        if section.run_in and len(groups) == 1:
            return [Paragraph(end_with(groups[0].name, "."))]
        return [Paragraph(end_with(group.name, "."), "-") for group in groups]
    if block == SectionBlock.CRITERIA:
        paragraphs = []
        for index, group in enumerate(plan.criterion_groups.all(), start=1):
            paragraphs.append(Paragraph(group.title, label_for(level, index), style="item"))
            paragraphs.extend(Paragraph(criterion.text, "-") for criterion in group.criteria.all())
        return paragraphs
    if block == SectionBlock.TARGETS:
        return [Paragraph(f"{target.measure}: {target.display_value}.", "-") for target in plan.targets.all()]
    if block == SectionBlock.PERIOD:
        return period_paragraphs(plan)
    if block == SectionBlock.AWARDS:
        return award_paragraphs(plan)
    if block == SectionBlock.FUNDING:
        return [Paragraph(line) for line in _lines(plan.funding)]
    if block == SectionBlock.ASSIGNMENTS:
        return assignment_paragraphs(plan, level)
    return []


def render_sections(plan: Plan) -> list[RenderedSection]:
    by_parent: dict[int | None, list[Section]] = {}
    for section in plan.sections.all():
        by_parent.setdefault(section.parent_id, []).append(section)
    targets_by_section: dict[int, list] = {}
    for target in plan.targets.all():
        if target.section_id:
            targets_by_section.setdefault(target.section_id, []).append(target)

    def build(parent_id: int | None, level: int) -> list[RenderedSection]:
        rendered = []
        counters = {SectionNumbering.AUTO: 0, SectionNumbering.ORDINAL_WORDS: 0}
        for section in by_parent.get(parent_id, []):
            label = ""
            if section.numbering in counters:
                counters[section.numbering] += 1
                number = counters[section.numbering]
                label = (f"{ordinal_word(number)} là," if section.numbering == SectionNumbering.ORDINAL_WORDS
                         else label_for(level, number))
            elif section.numbering == SectionNumbering.BULLET:
                label = "-"
            heading = section.heading.strip()
            if level == 1:
                heading = heading.upper()
            body = [Paragraph(line) for line in _lines(section.body)]
            blocks = block_paragraphs(plan, section, level + 1)
            paragraphs = body + blocks
            if section.run_in and heading and paragraphs:
                first = paragraphs[0]
                paragraphs[0] = Paragraph(first.text, "", f"{end_with(heading, ':')}")
                heading = ""
            if not heading and label and paragraphs:
                first = paragraphs[0]
                paragraphs[0] = Paragraph(first.text, label if not first.label else f"{label} {first.label}",
                                          first.heading)
                label = ""
            rendered.append(RenderedSection(
                level=level, label=label, heading=heading, paragraphs=paragraphs,
                children=build(section.pk, level + 1), section_id=section.pk,
                targets=targets_by_section.get(section.pk, []),
            ))
        return rendered

    return build(None, 1)


SIGNATURE_LINES = {
    SignAuthority.HEAD: lambda plan: [plan.sign_title],
    SignAuthority.ON_BEHALF: lambda plan: [f"TM. {plan.sign_collective}", plan.sign_title],
    SignAuthority.ON_BEHALF_DEPUTY: lambda plan: [f"TM. {plan.sign_collective}", f"KT. {plan.sign_title}",
                                                  plan.sign_deputy_title],
    SignAuthority.DEPUTY: lambda plan: [f"KT. {plan.sign_title}", plan.sign_deputy_title],
    SignAuthority.ACTING: lambda plan: [f"Q. {plan.sign_title}"],
}


def signature_lines(plan: Plan) -> list[str]:
    return [line.upper() for line in SIGNATURE_LINES[SignAuthority(plan.sign_authority)](plan) if line]


def header_facts(plan: Plan) -> dict:
    if plan.frozen_header:
        return plan.frozen_header
    issuer = plan.issuer
    return {
        "issuer_name": issuer.name, "header": issuer.header_name, "parent_header": issuer.parent_header_name,
        "symbol": document_symbol(doc_type=DocumentType.PLAN, issuer=issuer),
    }


def build_plan_document(plan: Plan) -> PlanDocument:
    """``plan`` should come from ``selectors.plan_with_parts`` (everything prefetched)."""
    facts = header_facts(plan)
    number_line = f"Số: {plan.number_symbol}" if plan.number else f"Số:{BLANK}/{facts['symbol']}"
    closing = _lines(plan.closing)
    sections = render_sections(plan)
    if closing:
        closing[-1] = end_with(closing[-1], "./.")
    else:
        _close_last_paragraph(sections)
    recipients = [end_with(f"- {recipient.text}", ";") for recipient in plan.recipients.all()]
    recipients.append(f"- Lưu: {end_with(plan.archive_note or 'VT', '')}.")
    return PlanDocument(
        parent_header=facts.get("parent_header", ""), header=facts["header"], number_line=number_line,
        date_line=date_line(plan.place_name, plan.issued_on, month_hint=plan.draft_date),
        doc_name="KẾ HOẠCH", title=plan.title.strip(), legal_bases=legal_basis_lines(plan),
        preamble=_lines(plan.preamble), sections=sections, closing=closing, recipients=recipients,
        signature_lines=signature_lines(plan), signer_name=plan.signer_name, is_draft=not plan.is_issued,
    )


def _close_last_paragraph(sections: list[RenderedSection]) -> None:
    """The body ends with “./.”: on the last paragraph of the last section."""
    section = sections[-1] if sections else None
    while section is not None and section.children:
        section = section.children[-1]
    if section is not None and section.paragraphs:
        last = section.paragraphs[-1]
        section.paragraphs[-1] = Paragraph(end_with(last.text, "./."), last.label, last.heading, last.style)
