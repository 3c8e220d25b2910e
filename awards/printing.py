"""The award decision (Quyết định khen thưởng, Mẫu 1.2 of Nghị định 30) and
the council's minutes (Biên bản họp Hội đồng Thi đua – Khen thưởng) as
layouts for the document engine; registered in ready()."""

from awards.models import AwardDecision, CouncilMeeting, NomineeKind
from awards.selectors import council_meeting_rows
from emulation.documents.layout import (
    Appendix,
    DocumentLayout,
    Metadata,
    Paragraph,
    Part,
    SignatureBlock,
    Stamp,
    basis_lines,
    header_lines,
    number_line,
    recipient_lines,
    signature_lines,
    text_lines,
)
from emulation.documents.register import document_symbol
from emulation.documents.typeset import balanced_lines
from emulation.models import DocumentType
from emulation.vn import date_line, end_with, long_date

INLINE_LIMIT = 5  # longer lists go to an attached list


def _nominee_line(nomination) -> tuple[str, str]:
    if nomination.kind == NomineeKind.COLLECTIVE:
        return nomination.nominee_unit.name, nomination.nominating_unit.name
    where = ", ".join(part for part in (nomination.person_position,
                                        nomination.person_unit.name if nomination.person_unit else
                                        nomination.nominating_unit.name) if part)
    title = "Bà" if nomination.person_gender == "female" else "Ông" if nomination.person_gender == "male" else ""
    return f"{title} {nomination.person_name}".strip(), where


def _counted(nominations) -> str:
    collectives = sum(1 for nomination in nominations if nomination.kind == NomineeKind.COLLECTIVE)
    people = len(nominations) - collectives
    return " và ".join(part for part in (f"{collectives:02d} tập thể" if collectives else "",
                                         f"{people:02d} cá nhân" if people else "") if part)


def decision_layout(decision: AwardDecision, *, stamp: Stamp | None = None) -> DocumentLayout:
    issuer = decision.issuer
    nominations = list(decision.nominations.select_related("nominee_unit", "nominating_unit", "person_unit",
                                                           "receiving_unit").order_by("kind", "id"))
    rows = [_nominee_line(nomination) for nomination in nominations]
    listed = len(rows) > INLINE_LIMIT
    article_one = [Paragraph(
        f"Tặng {decision.award_type.name} cho {_counted(nominations)} đã có thành tích xuất sắc trong thực hiện "
        f"phong trào thi đua theo Kế hoạch số {decision.plan.number_symbol}"
        + (" (có danh sách kèm theo)." if listed else ":"), heading="Điều 1.")]
    if not listed:
        article_one += [Paragraph(end_with(f"{name}, {where}" if where else name, ";" if i < len(rows) else "."), "-")
                        for i, (name, where) in enumerate(rows, start=1)]
    articles = article_one
    if decision.article_money:
        articles.append(Paragraph(decision.article_money, heading="Điều 2."))
    articles.append(Paragraph(end_with(decision.article_execution, "./."),
                              heading="Điều 3." if decision.article_money else "Điều 2."))
    symbol = decision.symbol or document_symbol(doc_type=DocumentType.DECISION, issuer=issuer)
    authority = f"{decision.sign_title} {issuer.name}".upper()
    lines = signature_lines(title=decision.sign_title, collective=decision.sign_collective)
    appendix = None
    if listed:
        issued = f" ngày {decision.issued_on:%d/%m/%Y}" if decision.issued_on else ""
        appendix = Appendix(
            title=f"DANH SÁCH TẶNG {decision.award_type.name.upper()}",
            subtitle=f"(Kèm theo Quyết định số {decision.number_symbol or '   /' + symbol}{issued} "
                     f"của {authority.capitalize()})",
            columns=["Tập thể, cá nhân", "Chức vụ, đơn vị"], rows=rows)
    # Mẫu 1.2: every basis ends with “;” and “Theo đề nghị của …” closes the sentence.
    proposer = nominations[0].receiving_unit.name if nominations else ""
    return DocumentLayout(
        doc_type_name=str(DocumentType.DECISION.label),
        parent_header_lines=header_lines(issuer.parent_header_name), issuer_lines=header_lines(issuer.header_name),
        number_line=number_line(decision.number_symbol, symbol), date_line=date_line(issuer.place_name,
                                                                                     decision.issued_on),
        doc_name="QUYẾT ĐỊNH", subject_lines=balanced_lines(decision.title), authority=authority,
        legal_bases=basis_lines(text_lines(decision.legal_bases), last_ending=";"),
        preamble=[f"Theo đề nghị của {proposer}."] if proposer else [], decree_word="QUYẾT ĐỊNH:",
        parts=[Part(level=2, paragraphs=articles)],
        recipients=recipient_lines(text_lines(decision.recipients), decision.archive_note),
        signatures=[SignatureBlock(lines=lines, signer_name=decision.signer_name, stamp=stamp or Stamp())],
        appendix=appendix, is_draft=decision.number is None,
        metadata=Metadata(doc_type_name=str(DocumentType.DECISION.label), number_symbol=decision.number_symbol,
                          issuer=issuer.name, issued_on=decision.issued_on, subject=decision.title,
                          signer_name=decision.signer_name, signer_title=lines[-1]),
    )


def _person(user) -> str:
    return user.get_full_name() if user else ""


def minutes_layout(meeting: CouncilMeeting, *, stamp: Stamp | None = None) -> DocumentLayout:
    """Date, place, members present, chair; each nomination with the votes for
    and against and the outcome computed by the award type's threshold; signed
    by the secretary (left) and the chair (right)."""
    unit, plan = meeting.unit, meeting.plan
    present = list(meeting.present.order_by("last_name", "first_name", "pk"))
    rows = council_meeting_rows(meeting, present)
    symbol = meeting.symbol or document_symbol(doc_type=DocumentType.MINUTES, issuer=unit)
    council = f"Hội đồng Thi đua - Khen thưởng {unit.name}"
    composition = [
        Paragraph(f"{_person(meeting.chair)}, Chủ tịch Hội đồng.", heading="Chủ trì:"),
        Paragraph(f"{_person(meeting.secretary)}.", heading="Thư ký:"),
        Paragraph(f"{len(present):02d}/{meeting.total_members:02d} thành viên Hội đồng.", heading="Có mặt:"),
        *[Paragraph(end_with(person.get_full_name(), ";" if i < len(present) else "."), "-")
          for i, person in enumerate(present, start=1)],
    ]
    votes = []
    for index, row in enumerate(rows, start=1):
        nomination = row["nomination"]
        cast = [approve for _person_, approve in row["votes"] if approve is not None]
        against = sum(1 for approve in cast if not approve)
        outcome = "đạt" if row["passed"] else "không đạt"
        votes.append(Paragraph(
            f"{nomination.nominee_name} ({nomination.nominating_unit.name}), đề nghị {nomination.award_type.name}: "
            f"{row['approvals']:02d} phiếu đồng ý, {against:02d} phiếu không đồng ý, đạt {row['percent']}% tổng số "
            f"thành viên Hội đồng; kết quả: {outcome}.", f"{index}."))
    listed = len(votes) > 2 * INLINE_LIMIT
    content = [Paragraph(
        f"Hội đồng xem xét {len(rows):02d} hồ sơ đề nghị khen thưởng theo Kế hoạch số {plan.number_symbol} và "
        "biểu quyết" + (" (kết quả tại danh sách kèm theo)." if listed else " như sau:"))]
    if not listed:
        content += votes
    appendix = None
    if listed:
        appendix = Appendix(
            title="KẾT QUẢ BIỂU QUYẾT", subtitle=f"(Kèm theo Biên bản số {meeting.number_symbol or '   /' + symbol})",
            columns=["Tập thể, cá nhân", "Hình thức khen thưởng", "Đồng ý", "Không đồng ý", "Kết quả"],
            rows=[(row["nomination"].nominee_name, row["nomination"].award_type.name, f"{row['approvals']:02d}",
                   f"{sum(1 for _p, approve in row['votes'] if approve is False):02d}",
                   "Đạt" if row["passed"] else "Không đạt") for row in rows])
    parts = [
        Part(level=1, label="I.", heading="THỜI GIAN, ĐỊA ĐIỂM", paragraphs=[
            Paragraph(f"{long_date(meeting.held_on).capitalize()}.", heading="Thời gian:"),
            Paragraph(end_with(meeting.place or unit.name, "."), heading="Địa điểm:")]),
        Part(level=1, label="II.", heading="THÀNH PHẦN", paragraphs=composition),
        Part(level=1, label="III.", heading="NỘI DUNG", paragraphs=content),
    ]
    closing = ["Biên bản được thông qua tại cuộc họp, các thành viên dự họp thống nhất với nội dung biên bản./."]
    return DocumentLayout(
        doc_type_name=str(DocumentType.MINUTES.label),
        parent_header_lines=header_lines(unit.parent_header_name), issuer_lines=header_lines(unit.header_name),
        number_line=number_line(meeting.number_symbol, symbol), date_line=date_line(unit.place_name, meeting.held_on),
        doc_name="BIÊN BẢN", subject_lines=balanced_lines(f"Họp {council} xét đề nghị khen thưởng"),
        parts=parts, closing=closing, appendix=appendix, is_draft=meeting.number is None,
        signatures=[SignatureBlock(lines=["THƯ KÝ"], signer_name=_person(meeting.secretary)),
                    SignatureBlock(lines=["CHỦ TRÌ"], signer_name=_person(meeting.chair), stamp=stamp or Stamp())],
        metadata=Metadata(doc_type_name=str(DocumentType.MINUTES.label), number_symbol=meeting.number_symbol,
                          issuer=unit.name, issued_on=meeting.held_on, subject=f"Họp {council}",
                          signer_name=_person(meeting.chair), signer_title="Chủ trì"),
    )
