"""The council's minutes (biên bản họp Hội đồng Thi đua – Khen thưởng): the
members record where it met and who chaired and kept it; the secretary
confirms them, then the chair submits them to their own digital signature
(the Nghị định 30 chain, ``emulation.documents.workflow``); the records clerk
of the unit numbers them in the register and issues them (``minutes_issue``,
called by ``workflow.document_issue``)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from awards.models import CouncilMeeting
from emulation.documents import workflow
from emulation.documents.issue import issued_signing, official_document_register
from emulation.documents.register import register_document
from emulation.models import DocumentType, User
from emulation.permissions import Action, require
from emulation.services import audit_record, notification_send, notifications_send
from emulation.text import single_line


def _locked(meeting: CouncilMeeting) -> CouncilMeeting:
    # Only the meeting's row: PostgreSQL refuses FOR UPDATE on the nullable side of the joins.
    return CouncilMeeting.objects.select_for_update(of=("self",)).select_related(
        "unit", "plan", "chair", "secretary").get(pk=meeting.pk)


def minutes_subject(meeting: CouncilMeeting) -> str:
    return _("Biên bản họp Hội đồng Thi đua - Khen thưởng ngày %(date)s") % {"date": f"{meeting.held_on:%d/%m/%Y}"}


@transaction.atomic
def minutes_prepare(*, actor: User, meeting: CouncilMeeting, place: str, chair: User, secretary: User
                    ) -> CouncilMeeting:
    meeting = _locked(meeting)
    require(actor, Action.VOTE_IN_COUNCIL, meeting.unit, _("Chỉ thành viên Hội đồng soạn được biên bản."))
    if meeting.closed_at is None:
        raise ValidationError(_("Hãy kết thúc phiên họp trước khi lập biên bản."))
    if meeting.secretary_signed_at:
        raise ValidationError(_("Biên bản đã được ký, không sửa được nữa."))
    present = set(meeting.present.values_list("pk", flat=True))
    errors = {}
    if chair.pk not in present:
        errors["chair"] = _("Người chủ trì phải là thành viên có mặt.")
    if secretary.pk not in present:
        errors["secretary"] = _("Thư ký phải là thành viên có mặt.")
    elif secretary.pk == chair.pk:
        errors["secretary"] = _("Thư ký và người chủ trì phải là hai người khác nhau.")
    place = single_line(place, max_length=255)
    if not place:
        errors["place"] = _("Hãy ghi địa điểm họp.")
    if errors:
        raise ValidationError(errors)
    meeting.place, meeting.chair, meeting.secretary = place, chair, secretary
    meeting.save(update_fields=["place", "chair", "secretary"])
    audit_record(actor=actor, target=meeting, action="minutes.prepare", changes={
        _("địa điểm"): place, _("chủ trì"): chair.get_full_name(), _("thư ký"): secretary.get_full_name()})
    return meeting


@transaction.atomic
def minutes_sign(*, actor: User, meeting: CouncilMeeting) -> CouncilMeeting:
    """The secretary confirms first; then the chair submits the minutes to
    their own digital signature. The clerk of the unit numbers and issues them
    once the chair has signed (``minutes_issue``)."""
    meeting = _locked(meeting)
    if meeting.chair_id is None or meeting.secretary_id is None:
        raise ValidationError(_("Biên bản chưa ghi người chủ trì và thư ký."))
    if not actor.is_active or actor.pk not in (meeting.chair_id, meeting.secretary_id):
        raise PermissionDenied(_("Chỉ người chủ trì và thư ký ký biên bản."))
    if meeting.chair_signed_at is not None:
        raise ValidationError(_("Biên bản đã được ký và ban hành."))
    if actor.pk == meeting.secretary_id and meeting.secretary_signed_at is None:
        meeting.secretary_signed_at = timezone.now()
        meeting.save(update_fields=["secretary_signed_at"])
        audit_record(actor=actor, target=meeting, action="minutes.sign_secretary")
        notification_send(recipient=meeting.chair, title=_("Biên bản họp Hội đồng ngày %(date)s chờ bạn ký") % {
            "date": f"{meeting.held_on:%d/%m/%Y}"}, body=_("Thư ký %(name)s đã ký.") % {"name": actor.get_full_name()},
            url=reverse("council_minutes", args=[meeting.pk]))
        return meeting
    if actor.pk != meeting.chair_id:
        raise ValidationError(_("Thư ký đã ký; biên bản chờ người chủ trì ký."))
    if meeting.secretary_signed_at is None:
        raise ValidationError(_("Thư ký ký trước, người chủ trì ký sau."))
    if workflow.signing_of(meeting) is not None:
        raise ValidationError(_("Biên bản đã được trình ký số; hãy ký số trên tệp biên bản."))
    audit_record(actor=actor, target=meeting, action="minutes.submit",
                 changes={_("người ký"): meeting.chair.get_full_name()})
    # The chair signs as who chaired the meeting, not as a signer of the unit: no ``signer_check``.
    workflow.signing_open(actor=actor, target=meeting, issuer=meeting.unit, doc_type=DocumentType.MINUTES,
                          signer=meeting.chair, subject=minutes_subject(meeting))
    return meeting


@transaction.atomic
def minutes_issue(*, actor: User, target: CouncilMeeting) -> CouncilMeeting:
    """The clerk's issue, once the chair has signed (``workflow.document_issue``
    calls it): the number from the register, in one short transaction; the
    worker fills it into the chair's signed file and applies the agency's
    signature after commit."""
    meeting = _locked(target)
    require(actor, Action.ISSUE_DOCUMENT, meeting.unit, _("Chỉ văn thư của đơn vị ban hành được vào số và ban hành."))
    if meeting.chair_signed_at is not None:
        raise ValidationError(_("Biên bản đã được ký và ban hành."))
    if not workflow.signing_taken_by_clerk(meeting):
        raise ValidationError(_("Người chủ trì chưa ký số biên bản này."))
    document_signing = issued_signing(meeting)
    chair_name = document_signing.signer.get_full_name()
    subject = minutes_subject(meeting)
    entry = register_document(
        issuer=meeting.unit, doc_type=DocumentType.MINUTES, issued_on=meeting.held_on, subject=subject,
        signer_name=chair_name, file_copy_unit="VT", document=meeting, registered_by=actor)
    meeting.chair_signed_at = document_signing.signed_at or timezone.now()
    meeting.number, meeting.symbol = entry.number, entry.symbol
    meeting.save(update_fields=["chair_signed_at", "number", "symbol"])
    audit_record(actor=actor, target=meeting, action="minutes.issue", changes={_("số"): meeting.number_symbol})
    official_document_register(
        target=meeting, issuer=meeting.unit, doc_type=DocumentType.MINUTES, number_symbol=meeting.number_symbol,
        issued_on=meeting.held_on, subject=subject, signer_name=chair_name)
    recipients = [person for person in (meeting.chair, meeting.secretary) if person is not None and person.is_active]
    if recipients:
        notifications_send(recipients=recipients, title=_("Biên bản số %(number)s đã ban hành") % {
            "number": meeting.number_symbol}, body=subject, url=reverse("council_minutes", args=[meeting.pk]))
    return meeting
