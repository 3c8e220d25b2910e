"""Writes for the award decision (Quyết định khen thưởng): draft it from the
nominations the council approved, sign and issue it."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from awards.models import AwardDecision, DecisionState, Nomination, NominationState
from awards.services.notices import notify_nominator
from awards.services.transitions import DECISION_STATES, nomination_transition
from campaigns.models import Plan
from emulation.documents.issue import official_document_register
from emulation.documents.register import register_document
from emulation.models import DocumentType, User
from emulation.permissions import Action, require
from emulation.services import audit_record
from emulation.vn import long_date, lower_first

# award_decision_issue is reworked with the document engine; until that settles
# it keeps calling the names it always did (the two aliases above).


@transaction.atomic
def award_decision_draft(*, actor: User, plan: Plan, award_type_id: int) -> AwardDecision:
    require(actor, Action.DRAFT_PLAN, plan.issuer, _("Bạn không soạn thảo được văn bản của đơn vị ban hành."))
    approved = Nomination.objects.filter(plan=plan, award_type_id=award_type_id, state=NominationState.APPROVED,
                                         decisions__isnull=True)
    if not approved.exists():
        raise ValidationError(_("Chưa có hồ sơ nào được Hội đồng thông qua cho hình thức này."))
    award_type = approved.first().award_type
    issuer = plan.issuer
    decision = AwardDecision.objects.create(
        plan=plan, issuer=issuer, award_type=award_type, created_by=actor,
        title=_("Về việc tặng %(award)s cho các tập thể, cá nhân đã có thành tích xuất sắc trong %(plan)s") % {
            "award": award_type.name, "plan": lower_first(plan.title)},
        legal_bases="\n".join([
            "Luật Tổ chức chính quyền địa phương",
            "Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022",
            "Nghị định số 152/2025/NĐ-CP của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, "
            "khen thưởng",
            f"Kế hoạch số {plan.number_symbol} {long_date(plan.issued_on)} của {issuer.name}",
        ]),
        article_money=(_("Mỗi tập thể, cá nhân được tặng kèm theo tiền thưởng bằng %(cash)s lần mức lương cơ sở "
                         "theo quy định.") % {"cash": f"{award_type.cash_multiple.normalize():f}".replace(".", ",")}
                       if award_type.cash_multiple else ""),
        article_execution=_("Chánh Văn phòng, Thủ trưởng các cơ quan, đơn vị có liên quan và các tập thể, cá nhân "
                            "có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này."),
        recipients="Như Điều 3\nSở Nội vụ", sign_title=plan.sign_title, sign_collective=plan.sign_collective,
        signer_name=plan.signer_name,
    )
    decision.nominations.set(approved)
    audit_record(actor=actor, target=decision, action="decision.draft", to_state=DecisionState.DRAFT,
                 changes={_("số hồ sơ"): approved.count()})
    return decision


@transaction.atomic
def award_decision_issue(*, actor: User, decision: AwardDecision) -> AwardDecision:
    """Number from the register and the decision's state, in one short
    transaction; the worker renders, signs and stores the PDF after commit."""
    decision = AwardDecision.objects.select_for_update().get(pk=decision.pk)
    require(actor, Action.SIGN_PLAN, decision.issuer, _("Bạn không phải người ký của đơn vị ban hành."))
    if decision.state != DecisionState.DRAFT:
        raise ValidationError(_("Quyết định đã được ban hành."))
    if not decision.signer_name:
        decision.signer_name = actor.get_full_name()
    entry = register_document(
        issuer=decision.issuer, doc_type=DocumentType.DECISION, issued_on=timezone.localdate(),
        subject=decision.title, signer_name=decision.signer_name, recipients=decision.recipients.replace("\n", "; "),
        file_copy_unit=decision.archive_note, document=decision, registered_by=actor,
    )
    decision.number, decision.symbol, decision.issued_on = entry.number, entry.symbol, entry.issued_on
    DECISION_STATES.move(decision, DecisionState.ISSUED, actor=actor, action="decision.issue",
                         changes={_("số"): decision.number_symbol},
                         update_fields=("number", "symbol", "issued_on", "signer_name"))
    for nomination in decision.nominations.select_for_update():
        nomination_transition(actor, nomination, NominationState.AWARDED, "nomination.award",
                              _("Quyết định số %(number)s") % {"number": decision.number_symbol})
        notify_nominator(nomination, _("%(name)s đã được tặng %(award)s") % {
            "name": nomination.nominee_name, "award": decision.award_type.name},
            _("Quyết định số %(number)s ngày %(date)s") % {"number": decision.number_symbol,
                                                          "date": f"{decision.issued_on:%d/%m/%Y}"})
    official_document_register(
        target=decision, issuer=decision.issuer, doc_type=DocumentType.DECISION, number_symbol=decision.number_symbol,
        issued_on=decision.issued_on, subject=decision.title, signer_name=decision.signer_name)
    return decision
