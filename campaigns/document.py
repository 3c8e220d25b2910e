"""The printed form of a plan, built once from its rows: the same structure
feeds the plan page, the print view and the PDF, so they never disagree.
Templates only lay it out.

Each paragraph also says which row produced it (``Paragraph.source``, "section-12"), so
the drafting page's preview can open that row's form; what prints does not depend on it."""

from dataclasses import replace

from campaigns.models import (
    AwardOccasion,
    OutsideDocument,
    OutsideDocumentType,
    PeriodKind,
    Plan,
    Recurrence,
    Section,
    SectionBlock,
    SectionNumbering,
    SignAuthority,
)
from emulation.documents.layout import (
    DocumentLayout,
    Metadata,
    Paragraph,
    Part,
    SignatureBlock,
    Stamp,
    basis_lines,
    basis_opening,
    close_body,
    header_lines,
    number_line,
    recipient_lines,
    signature_lines,
    text_lines,
)
from emulation.documents.register import document_symbol
from emulation.documents.typeset import balanced_lines
from emulation.models import DocumentType
from emulation.vn import (
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

GENERAL = "plan"  # the source of what the plan's general info prints: header, title, period, funding, signature


def source_of(row) -> str:
    """“criterion-5”: the drafting page's name for a part row (its panel's slug and the row's id)."""
    return f"{SOURCE_SLUGS[type(row).__name__]}-{row.pk}"


SOURCE_SLUGS = {
    "LegalBasis": "legal_basis", "Section": "section", "TargetGroup": "target_group",
    "CriterionGroup": "criterion_group", "Criterion": "criterion", "Target": "target", "Quota": "quota",
    "Assignment": "assignment", "Deadline": "deadline", "Recipient": "recipient",
}


def sourced(paragraphs: list[Paragraph], source: str) -> list[Paragraph]:
    return [paragraph if paragraph.source else replace(paragraph, source=source) for paragraph in paragraphs]


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


def outside_citation(document: OutsideDocument) -> str:
    """“Chỉ thị số 19/CT-TTg ngày 16 tháng 6 năm 2021 của Thủ tướng Chính phủ về …”;
    a law by its name: “Luật Thi đua, khen thưởng ngày 15 tháng 06 năm 2022”."""
    number = f" số {document.number_symbol}" if document.number_symbol else ""
    if document.doc_type == OutsideDocumentType.LAW:
        return f"Luật {document.subject.rstrip('.')}{number} {long_date(document.issued_on)}"
    issuer = f" của {document.issuer_name}" if document.issuer_name else ""
    connector = f" {document.connector}" if document.connector else ""
    return (f"{document.get_doc_type_display()}{number} {long_date(document.issued_on)}{issuer}{connector} "
            f"{lower_first(document.subject.rstrip('.'))}")


def legal_basis_lines(plan: Plan) -> list[str]:
    """Each basis with the opening word its drafter chose (a free text that already opens with
    one keeps it), the last ending as the drafter chose."""
    lines = []
    for basis in plan.legal_bases.all():
        # Text typed (or read from the original) prints as it is, even where it also cites a document.
        if basis.text.strip():
            body = basis.text.strip()
        elif basis.linked_plan_id is not None:
            body = citation(basis.linked_plan, basis.connector)
        else:
            body = outside_citation(basis.outside_document)
        lines.append(body if not basis.opening or basis_opening(body) else f"{basis.opening} {body}")
    return basis_lines(lines, last_ending=plan.bases_end_with, add_opening=False)


def legal_basis_sources(plan: Plan) -> list[str]:
    """The row of each line ``legal_basis_lines`` prints, in its order (every basis prints one)."""
    return [source_of(basis) for basis in plan.legal_bases.all()]


def period_paragraphs(plan: Plan) -> list[Paragraph]:
    if plan.period_kind == PeriodKind.FIXED and plan.starts_on and plan.ends_on:
        paragraphs = [Paragraph(f"Thời gian thi đua: Từ ngày {short_date(plan.starts_on)} - "
                                f"{short_date(plan.ends_on)}.")]
        if plan.review_month:
            # A multi-year period: reviewed each year, summed up at its end.
            paragraphs.append(Paragraph(f"Định kỳ hằng năm tiến hành sơ kết vào tháng {plan.review_month} của năm; "
                                        f"tổng kết khi kết thúc giai đoạn {plan.starts_on.year} - {plan.ends_on.year}.",
                                        "-"))
        return paragraphs
    if plan.period_kind == PeriodKind.UNTIL_EVENT and plan.starts_on:
        event = lower_first(plan.ends_at_event.strip().rstrip("."))
        return [Paragraph(f"Thời gian thi đua: Từ ngày {short_date(plan.starts_on)} đến khi {event}.")]
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


def money(amount: int) -> str:
    """2000000 → “2.000.000”."""
    return f"{amount:,}".replace(",", ".")


def award_line(quota) -> str:
    """“Tặng Cờ thi đua của Ủy ban nhân dân tỉnh cho 01 đơn vị dẫn đầu mỗi cụm thi đua, mỗi suất
    thưởng 5.000.000 đồng.” — the count per bloc when the quota is shared out per bloc."""
    number = quota.per_bloc if quota.per_bloc else quota.count
    if number:
        phrase = quota.recipient_phrase or (quota.target_group.name if quota.target_group else "")
        line = f"Tặng {quota.name} cho {number:02d} {lower_first(phrase)}".rstrip()
    else:
        line = end_with(quota.name, "")
    if quota.amount:
        line += f", mỗi suất thưởng {money(quota.amount)} đồng"
    return f"{line}."


def award_paragraphs(quotas: list) -> list[Paragraph]:
    if any(quota.count or quota.per_bloc for quota in quotas):
        return [Paragraph(award_line(quota), "-", source=source_of(quota)) for quota in quotas]
    occasions = {quota.occasion for quota in quotas}
    if len(occasions) <= 1:
        return [Paragraph(end_with(quota.name, "."), "-", source=source_of(quota)) for quota in quotas]
    paragraphs = []
    for occasion in AwardOccasion:
        chosen = [quota for quota in quotas if quota.occasion == occasion]
        if not chosen:
            continue
        kinds = {quota.award_type.kind for quota in chosen}
        # A line naming several quotas opens the first of them.
        if len(kinds) == 1:
            paragraphs.append(Paragraph(f"{occasion.label}: " + "; ".join(q.name for q in chosen) + ".", "-",
                                        source=source_of(chosen[0])))
            continue
        paragraphs.append(Paragraph(f"{occasion.label}:", "-", source=source_of(chosen[0])))
        for kind, caption in (("title", "Danh hiệu thi đua gồm"), ("form", "Hình thức khen thưởng gồm")):
            of_kind = [quota for quota in chosen if quota.award_type.kind == kind]
            if of_kind:
                paragraphs.append(Paragraph(f"{caption}: " + "; ".join(quota.name for quota in of_kind) + ".", "+",
                                            source=source_of(of_kind[0])))
    return paragraphs


def deadline_sentence(deadline) -> str:
    when = yearly_date(deadline.due_on) if deadline.recurrence == Recurrence.YEARLY else long_date(deadline.due_on)
    lead = deadline.lead.strip()
    return f"{lead} trước {when}" if lead else f"trước {when}"


def assignment_paragraphs(plan: Plan, level: int) -> list[Paragraph]:
    paragraphs = []
    for index, assignment in enumerate(plan.assignments.all(), start=1):
        lines = text_lines(assignment.text)
        for deadline in assignment.deadlines.all():
            if deadline.due_on is None:
                continue
            sentence = deadline_sentence(deadline)
            if deadline.lead.strip():
                lines[-1] = f"{end_with(lines[-1], '.')} {end_with(sentence, '.')}"
            else:
                lines[-1] = end_with(f"{end_with(lines[-1], '')} {sentence}", ".")
        for number, line in enumerate(lines):
            paragraphs.append(Paragraph(line, label_for(level, index) if number == 0 else "",
                                        source=source_of(assignment)))
    return paragraphs


def target_measure(target) -> str:
    """“Tỷ lệ xã đạt chuẩn nông thôn mới năm 2024” for a target set for one year."""
    return f"{target.measure} năm {target.year}" if target.year else target.measure


def block_paragraphs(plan: Plan, section: Section, level: int, movement_id: int | None) -> list[Paragraph]:
    """The rows of the section's block that belong to its movement (``movement_id``: the
    nearest section above or at it that is one), or the plan-wide rows outside any movement."""
    block = section.block

    def rows(related) -> list:
        return [row for row in related.all() if row.movement_id == movement_id]

    if block == SectionBlock.TARGET_GROUPS:
        groups = rows(plan.target_groups)
        if section.run_in and len(groups) == 1:
            return [Paragraph(end_with(groups[0].name, "."), source=source_of(groups[0]))]
        return [Paragraph(end_with(group.name, "."), "-", source=source_of(group)) for group in groups]
    if block == SectionBlock.CRITERIA:
        paragraphs = []
        for index, group in enumerate(rows(plan.criterion_groups), start=1):
            paragraphs.append(Paragraph(group.title, label_for(level, index), style="item", source=source_of(group)))
            paragraphs.extend(Paragraph(criterion.text, "-", source=source_of(criterion))
                              for criterion in group.criteria.all())
        return paragraphs
    if block == SectionBlock.TARGETS:
        return [Paragraph(f"{target_measure(target)}: {target.display_value}.", "-", source=source_of(target))
                for target in rows(plan.targets)]
    if block == SectionBlock.PERIOD:
        return sourced(period_paragraphs(plan), GENERAL)
    if block == SectionBlock.AWARDS:
        return award_paragraphs(rows(plan.quotas))
    if block == SectionBlock.FUNDING:
        return [Paragraph(line, source=GENERAL) for line in text_lines(plan.funding)]
    if block == SectionBlock.ASSIGNMENTS:
        return assignment_paragraphs(plan, level)
    return []


def render_sections(plan: Plan) -> list[Part]:
    by_parent: dict[int | None, list[Section]] = {}
    for section in plan.sections.all():
        by_parent.setdefault(section.parent_id, []).append(section)
    targets_by_section: dict[int, list[str]] = {}
    for target in plan.targets.all():
        if target.section_id:
            targets_by_section.setdefault(target.section_id, []).append(
                f"{target_measure(target)}: {target.display_value}")

    def build(parent_id: int | None, level: int, movement_id: int | None) -> list[Part]:
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
            body = [Paragraph(line, source=source_of(section)) for line in text_lines(section.body)]
            movement = section.pk if section.is_movement else movement_id
            blocks = block_paragraphs(plan, section, level + 1, movement)
            paragraphs = body + blocks
            if section.run_in and heading and paragraphs:
                paragraphs[0] = replace(paragraphs[0], label="", heading=f"{end_with(heading, ':')}", style="body")
                heading = ""
            if not heading and label and paragraphs:
                first = paragraphs[0]
                paragraphs[0] = replace(first, label=label if not first.label else f"{label} {first.label}",
                                        style="body")
                label = ""
            rendered.append(Part(
                level=level, label=label, heading=heading, paragraphs=paragraphs,
                children=build(section.pk, level + 1, movement), anchor=f"muc-{section.pk}",
                notes=targets_by_section.get(section.pk, []), notes_caption="Chỉ tiêu", source=source_of(section),
            ))
        return rendered

    return build(None, 1, None)


def plan_signature_lines(plan: Plan) -> list[str]:
    authority = SignAuthority(plan.sign_authority)
    on_behalf = authority in (SignAuthority.ON_BEHALF, SignAuthority.ON_BEHALF_DEPUTY)
    return signature_lines(
        title=plan.sign_title, collective=plan.sign_collective if on_behalf else "",
        deputy_title=plan.sign_deputy_title,
        deputy=authority in (SignAuthority.DEPUTY, SignAuthority.ON_BEHALF_DEPUTY),
        acting=authority == SignAuthority.ACTING,
    )


def header_facts(plan: Plan) -> dict:
    if plan.frozen_header:
        return plan.frozen_header
    issuer = plan.issuer
    return {
        "issuer_name": issuer.name, "header": issuer.header_name, "parent_header": issuer.parent_header_name,
        "symbol": document_symbol(doc_type=DocumentType.PLAN, issuer=issuer),
    }


def build_plan_document(plan: Plan, *, stamp: Stamp | None = None) -> DocumentLayout:
    """``plan`` should come from ``selectors.plan_with_parts`` (everything prefetched)."""
    facts = header_facts(plan)
    closing = text_lines(plan.closing)
    parts = render_sections(plan)
    close_body(parts, closing)
    recipients = [recipient for recipient in plan.recipients.all() if recipient.text.strip()]
    signature = SignatureBlock(lines=plan_signature_lines(plan), signer_name=plan.signer_name, stamp=stamp or Stamp())
    return DocumentLayout(
        doc_type_name=DocumentType.PLAN.label,
        parent_header_lines=header_lines(facts.get("parent_header", "")), issuer_lines=header_lines(facts["header"]),
        number_line=number_line(plan.number_symbol, facts["symbol"]),
        date_line=date_line(plan.place_name, plan.issued_on, month_hint=plan.draft_date),
        doc_name="KẾ HOẠCH", subject_lines=balanced_lines(plan.title), legal_bases=legal_basis_lines(plan),
        preamble=text_lines(plan.preamble), parts=parts, closing=closing,
        recipients=recipient_lines([recipient.text for recipient in recipients], plan.archive_note),
        signatures=[signature], is_draft=not plan.is_issued,
        legal_basis_sources=legal_basis_sources(plan),
        recipient_sources=[*(source_of(recipient) for recipient in recipients), GENERAL], general_source=GENERAL,
        metadata=Metadata(
            doc_type_name=str(DocumentType.PLAN.label), number_symbol=plan.number_symbol,
            issuer=facts.get("issuer_name") or plan.issuer.name, issued_on=plan.issued_on, subject=plan.title.strip(),
            signer_name=plan.signer_name, signer_title=" ".join(plan_signature_lines(plan)[-1:]),
        ),
    )
