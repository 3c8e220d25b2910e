"""The award decision (Quyết định khen thưởng) as an official document."""

from django.template.loader import render_to_string

from awards.models import AwardDecision, NomineeKind
from campaigns.document import Paragraph, PlanDocument, RenderedSection
from emulation.documents import Stamp, Verification, draft_pdf, official_document_issue
from emulation.models import DocumentType
from emulation.register import document_symbol
from emulation.vn import BLANK, date_line, end_with

INLINE_LIMIT = 5  # longer lists go to an appendix table


def _nominee_line(nomination) -> tuple[str, str]:
    if nomination.kind == NomineeKind.COLLECTIVE:
        return nomination.nominee_unit.name, nomination.nominating_unit.name
    where = ", ".join(part for part in (nomination.person_position,
                                        nomination.person_unit.name if nomination.person_unit else
                                        nomination.nominating_unit.name) if part)
    title = "Bà" if nomination.person_gender == "female" else "Ông" if nomination.person_gender == "male" else ""
    return f"{title} {nomination.person_name}".strip(), where


def build_decision_document(decision: AwardDecision) -> PlanDocument:
    issuer = decision.issuer
    nominations = list(decision.nominations.select_related("nominee_unit", "nominating_unit", "person_unit")
                       .order_by("kind", "id"))
    collectives = sum(1 for n in nominations if n.kind == NomineeKind.COLLECTIVE)
    people = len(nominations) - collectives
    counted = " và ".join(part for part in (f"{collectives:02d} tập thể" if collectives else "",
                                            f"{people:02d} cá nhân" if people else "") if part)
    rows = [_nominee_line(n) for n in nominations]
    article_one = [Paragraph(f"Tặng {decision.award_type.name} cho {counted} đã có thành tích xuất sắc trong thực "
                             f"hiện phong trào thi đua theo Kế hoạch số {decision.plan.number_symbol}"
                             + (" (có danh sách kèm theo)." if len(rows) > INLINE_LIMIT else ":"), heading="Điều 1.")]
    if len(rows) <= INLINE_LIMIT:
        article_one += [Paragraph(end_with(f"{name}, {where}" if where else name, ";" if i < len(rows) else "."), "-")
                        for i, (name, where) in enumerate(rows, start=1)]
    articles = article_one
    if decision.article_money:
        articles.append(Paragraph(decision.article_money, heading="Điều 2."))
    articles.append(Paragraph(end_with(decision.article_execution, "./."),
                              heading="Điều 3." if decision.article_money else "Điều 2."))
    bases = [line.strip() for line in decision.legal_bases.splitlines() if line.strip()]
    bases = [end_with(f"Căn cứ {b[len('Căn cứ '):] if b.startswith('Căn cứ ') else b}",
                      "." if i == len(bases) - 1 else ";") for i, b in enumerate(bases)]
    symbol = decision.symbol or document_symbol(doc_type=DocumentType.DECISION, issuer=issuer)
    recipients = [end_with(f"- {line.strip()}", ";") for line in decision.recipients.splitlines() if line.strip()]
    recipients.append(f"- Lưu: {end_with(decision.archive_note or 'VT', '')}.")
    title_line = decision.sign_title.upper()
    signature = [f"TM. {decision.sign_collective.upper()}", title_line] if decision.sign_collective else [title_line]
    return PlanDocument(
        parent_header=issuer.parent_header_name, header=issuer.header_name,
        number_line=f"Số: {decision.number_symbol}" if decision.number else f"Số:{BLANK}/{symbol}",
        date_line=date_line(issuer.place_name, decision.issued_on), doc_name="QUYẾT ĐỊNH", title=decision.title,
        legal_bases=bases, preamble=[f"Theo đề nghị của {decision.nominations.first().receiving_unit.name}."]
        if nominations else [], sections=[RenderedSection(level=2, label="", heading="", paragraphs=articles)],
        closing=[], recipients=recipients, signature_lines=signature, signer_name=decision.signer_name,
        is_draft=decision.number is None,
        authority=f"{decision.sign_title.upper()} {issuer.name.upper()}",
        decree_word="QUYẾT ĐỊNH:", appendix_title=f"DANH SÁCH TẶNG {decision.award_type.name.upper()}"
        f"{' (Kèm theo Quyết định số ' + decision.number_symbol + ')' if decision.number else ''}",
        appendix_rows=rows if len(rows) > INLINE_LIMIT else [],
    )


def decision_print_html(decision: AwardDecision, *, verification: Verification | None = None,
                        stamp: Stamp | None = None) -> str:
    return render_to_string("campaigns/print/plan.html", {
        "plan": decision, "document": build_decision_document(decision), "verification": verification,
        "stamp": stamp or Stamp(), "for_browser": False,
    })


def decision_draft_pdf(decision: AwardDecision) -> bytes:
    return draft_pdf(decision_print_html(decision))


def decision_official_document_issue(decision: AwardDecision):
    return official_document_issue(
        target=decision, issuer=decision.issuer, doc_type=DocumentType.DECISION,
        number_symbol=decision.number_symbol, issued_on=decision.issued_on, subject=decision.title,
        signer_name=decision.signer_name,
        build_html=lambda verification, stamp: decision_print_html(decision, verification=verification, stamp=stamp),
    )
