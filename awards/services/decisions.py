"""Writes for the award decision (Quyết định khen thưởng): draft it from the
nominations the council approved; submit it to the signer, who signs it with
their own certificate (the Nghị định 30 chain, ``emulation.documents.workflow``);
the records clerk numbers and issues it (``award_decision_issue``, called by
``workflow.document_issue``)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from awards.models import AwardDecision, DecisionState, Nomination, NominationState
from awards.services.notices import notify_nominator
from awards.services.transitions import DECISION_STATES, nomination_transition
from campaigns.models import Plan
from campaigns.services.plans import sole_signer
from emulation.documents.issue import official_document_register
from emulation.documents.register import register_document
from emulation.documents.workflow import (
    signer_check,
    signing_of,
    signing_open,
    signing_taken_by_clerk,
    signing_withdraw,
)
from emulation.models import DocumentType, Role, User
from emulation.permissions import Action, people_holding, require
from emulation.services import audit_record, notification_send
from emulation.vn import long_date, lower_first


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


def _locked(decision: AwardDecision) -> AwardDecision:
    return AwardDecision.objects.select_for_update().select_related("issuer").get(pk=decision.pk)


@transaction.atomic
def award_decision_submit(*, actor: User, decision: AwardDecision, signer: User | None = None) -> AwardDecision:
    """To the person who signs it with their own certificate (the issuer's
    only signer when none is chosen); their name is the one printed."""
    decision = _locked(decision)
    require(actor, Action.DRAFT_PLAN, decision.issuer, _("Bạn không soạn thảo được văn bản của đơn vị ban hành."))
    if decision.state != DecisionState.DRAFT:
        raise ValidationError(_("Quyết định đã được ban hành."))
    if signing_of(decision) is not None:
        raise ValidationError(_("Quyết định đã được trình ký."))
    signer = signer or sole_signer(decision.issuer)
    signer_check(signer, decision.issuer)
    decision.signer_name = signer.get_full_name()
    decision.save(update_fields=["signer_name"])
    audit_record(actor=actor, target=decision, action="decision.submit",
                 changes={_("người ký"): decision.signer_name})
    signing_open(actor=actor, target=decision, issuer=decision.issuer, doc_type=DocumentType.DECISION, signer=signer,
                 subject=decision.title)
    notification_send(recipient=signer, title=_("Dự thảo quyết định khen thưởng chờ ký: %(title)s") % {
        "title": decision.title[:120]}, body=_("%(who)s đã trình dự thảo quyết định để bạn ký số.") % {
        "who": actor.get_full_name()}, url=reverse("decision_detail", args=[decision.pk]))
    return decision


@transaction.atomic
def award_decision_return(*, actor: User, decision: AwardDecision, reason: str) -> AwardDecision:
    """The signer sends the draft back: its signing ends, the decision stays a
    draft that may be submitted again."""
    decision = _locked(decision)
    document_signing = signing_of(decision)
    if decision.state != DecisionState.DRAFT or document_signing is None:
        raise ValidationError(_("Chỉ trả lại được dự thảo quyết định đang chờ ký."))
    if not actor.is_active or actor.pk != document_signing.signer_id:
        raise PermissionDenied(_("Dự thảo này được trình cho %(name)s ký; chỉ người đó trả lại được.") % {
            "name": document_signing.signer.get_full_name()})
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Vui lòng ghi lý do trả lại để người soạn biết cần sửa gì.")})
    signing_withdraw(actor=actor, target=decision)
    audit_record(actor=actor, target=decision, action="decision.return", reason=reason)
    drafters = list(people_holding([Role.DRAFTER, Role.UNIT_OFFICER], decision.issuer))
    if decision.created_by and decision.created_by.is_active and decision.created_by not in drafters:
        drafters.append(decision.created_by)
    for drafter in drafters:
        notification_send(recipient=drafter, title=_("Dự thảo quyết định bị trả lại: %(title)s") % {
            "title": decision.title[:120]}, body=_("Lý do: %(reason)s") % {"reason": reason},
            url=reverse("decision_detail", args=[decision.pk]))
    return decision


@transaction.atomic
def award_decision_issue(*, actor: User, decision: AwardDecision) -> AwardDecision:
    """The clerk's issue, once the signer has signed (``workflow.document_issue``
    calls it): number from the register and the decision's state, in one short
    transaction; the worker fills the number and date into the signed file and
    applies the agency's signature after commit."""
    decision = _locked(decision)
    require(actor, Action.ISSUE_DOCUMENT, decision.issuer,
            _("Chỉ văn thư của đơn vị ban hành được vào số và ban hành."))
    if decision.state != DecisionState.DRAFT:
        raise ValidationError(_("Quyết định đã được ban hành."))
    if not signing_taken_by_clerk(decision):
        raise ValidationError(_("Người ký chưa ký số quyết định này."))
    entry = register_document(
        issuer=decision.issuer, doc_type=DocumentType.DECISION, issued_on=timezone.localdate(),
        subject=decision.title, signer_name=decision.signer_name, recipients=decision.recipients.replace("\n", "; "),
        file_copy_unit=decision.archive_note, document=decision, registered_by=actor,
    )
    decision.number, decision.symbol, decision.issued_on = entry.number, entry.symbol, entry.issued_on
    DECISION_STATES.move(decision, DecisionState.ISSUED, actor=actor, action="decision.issue",
                         changes={_("số"): decision.number_symbol}, update_fields=("number", "symbol", "issued_on"))
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
