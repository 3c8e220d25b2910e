"""Writes for the dossier, by the nominating unit: create, edit, assess,
attach, delete a draft, submit before the deadline."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from awards import selectors
from awards.models import (
    CLOSED_STATES,
    REVIEWABLE_STATES,
    Assessment,
    Attachment,
    Nomination,
    NominationState,
    NomineeKind,
)
from awards.rules import AwardAction, require_review
from awards.services.notices import nomination_url, notify_holders
from awards.services.transitions import nomination_transition
from campaigns.models import DeadlineKind, Plan, PlanState, Quota
from campaigns.services.obligations import obligations_fulfil
from campaigns.services.plans import EditConflict
from emulation.files import file_store, files_discarded_on_error
from emulation.models import Role, Unit, User
from emulation.permissions import Action, require
from emulation.services import audit_record
from emulation.uploads import check_upload

NOT_EDITABLE = gettext_lazy("Hồ sơ này không sửa được lúc này.")


@transaction.atomic
def nomination_create(*, actor: User, plan: Plan, quota: Quota, nominating_unit: Unit, kind: str,
                      nominee_unit: Unit | None = None, person_name: str = "", person_gender: str = "",
                      person_position: str = "", person_unit: Unit | None = None, achievements: str = "") -> Nomination:
    if plan.state != PlanState.ISSUED:
        raise ValidationError(_("Chỉ đề nghị khen thưởng theo kế hoạch đang có hiệu lực."))
    if quota.plan_id != plan.pk:
        raise ValidationError({"quota": _("Hình thức khen thưởng không thuộc kế hoạch này.")})
    require(actor, Action.ACT_FOR_UNIT, nominating_unit, _("Bạn không phải cán bộ thi đua của đơn vị đề nghị."))
    deadline = selectors.nominations_deadline(plan)
    if deadline is None:
        raise ValidationError(_("Kế hoạch không quy định nơi nhận hồ sơ đề nghị khen thưởng."))
    if kind == NomineeKind.COLLECTIVE:
        if nominee_unit is None or not nominee_unit.path.startswith(nominating_unit.path):
            raise ValidationError({"nominee_unit": _("Chỉ đề nghị cho đơn vị mình hoặc đơn vị cấp dưới.")})
        if not selectors.nominable_units(actor, quota).filter(pk=nominee_unit.pk).exists():
            raise ValidationError({"nominee_unit": _("Đơn vị này không thuộc đối tượng của hình thức khen thưởng "
                                                     "đã chọn.")})
        if not quota.award_type.for_collectives:
            raise ValidationError({"kind": _("Hình thức này không dành cho tập thể.")})
        # Across the versions of the plan too: an amendment does not open a second place for it.
        live = Nomination.objects.filter(plan_id__in=selectors.plan_versions(plan), award_type_id=quota.award_type_id,
                                         kind=NomineeKind.COLLECTIVE, nominee_unit=nominee_unit)
        existing = live.exclude(state__in=CLOSED_STATES).select_related("nominating_unit").first()
        if existing is not None:
            raise ValidationError({"nominee_unit": _already_nominated(existing)})
    else:
        if not person_name.strip():
            raise ValidationError({"person_name": _("Hãy ghi họ và tên người được đề nghị.")})
        if not quota.award_type.for_individuals:
            raise ValidationError({"kind": _("Hình thức này không dành cho cá nhân.")})
        if person_unit is not None and not person_unit.path.startswith(nominating_unit.path):
            raise ValidationError({"person_unit": _("Người được đề nghị phải công tác tại đơn vị mình hoặc cấp "
                                                    "dưới.")})
    nomination = Nomination(
        plan=plan, quota=quota, award_type=quota.award_type, nominating_unit=nominating_unit,
        receiving_unit=deadline.to_unit, kind=kind,
        nominee_unit=nominee_unit if kind == NomineeKind.COLLECTIVE else None,
        person_name=person_name.strip(), person_gender=person_gender, person_position=person_position,
        person_unit=person_unit, achievements=achievements, created_by=actor,
    )
    nomination.full_clean()
    try:
        with transaction.atomic():
            nomination.save()
    except IntegrityError as error:  # the same collective, created at the same moment by someone else
        existing = (Nomination.objects.filter(plan=plan, award_type_id=quota.award_type_id, kind=kind,
                                              nominee_unit=nominee_unit).exclude(state__in=CLOSED_STATES)
                    .select_related("nominating_unit").first())
        raise ValidationError({"nominee_unit": _already_nominated(existing or nomination)}) from error
    audit_record(actor=actor, target=nomination, action="nomination.create", to_state=nomination.state)
    return nomination


def _already_nominated(existing: Nomination) -> str:
    """Names who holds the other dossier: a draft of another unit cannot be opened from here."""
    return _("%(unit)s đã có hồ sơ đề nghị “%(award)s” theo kế hoạch này (do %(holder)s lập, %(state)s); mỗi tập "
             "thể chỉ được đề nghị một lần cho một hình thức khen thưởng.") % {
        "unit": existing.nominee_unit.name, "award": existing.award_type.name,
        "holder": existing.nominating_unit.name, "state": existing.get_state_display().lower()}


@transaction.atomic
def nomination_update(*, actor: User, nomination: Nomination, expected_revision: int, **fields) -> Nomination:
    require(actor, AwardAction.EDIT_NOMINATION, nomination, NOT_EDITABLE)
    allowed = {"achievements", "person_name", "person_gender", "person_position"}
    if set(fields) - allowed:
        raise TypeError(f"nomination_update does not change {sorted(set(fields) - allowed)}")
    updated = Nomination.objects.filter(pk=nomination.pk, revision=expected_revision).update(
        revision=F("revision") + 1, updated_at=timezone.now(), **fields)
    if not updated:
        raise EditConflict(_("Hồ sơ vừa được người khác lưu sau khi bạn mở; thay đổi của bạn chưa được lưu."))
    nomination.refresh_from_db()
    audit_record(actor=actor, target=nomination, action="nomination.update",
                 changes={name: str(value)[:120] for name, value in fields.items()})
    return nomination


@transaction.atomic
def assessment_save(*, actor: User, nomination: Nomination, entries: list[dict], by_reviewer: bool = False) -> None:
    """``entries``: dicts with criterion, met, score, comment."""
    nomination = Nomination.objects.select_for_update(of=("self",)).select_related(
        "receiving_unit", "nominating_unit", "nominee_unit", "person_unit", "quota").get(pk=nomination.pk)
    if by_reviewer:
        require_review(actor, nomination)
        # Once recommended, rejected or decided, the criteria are what the decision rests on.
        if nomination.state not in REVIEWABLE_STATES:
            raise ValidationError(_("Hồ sơ đang ở trạng thái “%(state)s”, không thẩm định được.") % {
                "state": nomination.get_state_display()})
        if nomination.state == NominationState.SUBMITTED:
            nomination_transition(actor, nomination, NominationState.UNDER_REVIEW, "nomination.review_start")
    else:
        require(actor, AwardAction.EDIT_NOMINATION, nomination, NOT_EDITABLE)
    allowed = set(selectors.applicable_criteria(nomination).values_list("pk", flat=True))
    round_ = nomination.round if by_reviewer else 0
    for entry in entries:
        criterion = entry["criterion"]
        if criterion.pk not in allowed:
            raise ValidationError(_("Tiêu chí không áp dụng cho hồ sơ này."))
        score = entry.get("score")
        if score is not None and not (Decimal(0) <= score <= Decimal(100)):
            raise ValidationError(_("Điểm phải từ 0 đến 100."))
        Assessment.objects.update_or_create(
            nomination=nomination, criterion=criterion, by_reviewer=by_reviewer, round=round_,
            defaults={"met": entry.get("met"), "score": score, "comment": entry.get("comment", ""), "author": actor},
        )
    audit_record(actor=actor, target=nomination, action="nomination.assess",
                 changes={_("số tiêu chí"): len(entries),
                          _("người đánh giá"): _("đơn vị thẩm định") if by_reviewer else _("đơn vị đề nghị")})


@files_discarded_on_error()
@transaction.atomic
def attachment_add(*, actor: User, nomination: Nomination, kind: str, upload, description: str = "") -> Attachment:
    require(actor, AwardAction.EDIT_NOMINATION, nomination, NOT_EDITABLE)
    try:
        check_upload(upload)
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from error
    attachment = Attachment(nomination=nomination, kind=kind, description=description, original_name=upload.name,
                            size=upload.size, uploaded_by=actor)
    file_store(attachment.file, upload.name, upload)
    attachment.save()
    audit_record(actor=actor, target=nomination, action="nomination.attach",
                 changes={_("tệp"): upload.name, _("loại"): attachment.get_kind_display()})
    return attachment


@transaction.atomic
def attachment_delete(*, actor: User, attachment: Attachment) -> None:
    require(actor, AwardAction.EDIT_NOMINATION, attachment.nomination, NOT_EDITABLE)
    audit_record(actor=actor, target=attachment.nomination, action="nomination.detach",
                 changes={_("tệp"): attachment.original_name})
    attachment.delete()


@transaction.atomic
def nomination_delete(*, actor: User, nomination: Nomination) -> None:
    """A draft never submitted is the unit's own work: it may drop it, files and all
    (they go once the delete commits). Its place for the collective is free again."""
    nomination = Nomination.objects.select_for_update(of=("self",)).select_related("plan").get(pk=nomination.pk)
    require(actor, AwardAction.EDIT_NOMINATION, nomination, NOT_EDITABLE)
    if nomination.state != NominationState.DRAFT or nomination.round:
        raise ValidationError(_("Chỉ xóa được hồ sơ đang soạn, chưa nộp lần nào."))
    # Recorded on the plan: the dossier's own history goes with it.
    audit_record(actor=actor, target=nomination.plan, action="nomination.delete",
                 changes={_("hồ sơ"): nomination.nominee_name, _("đơn vị đề nghị"): nomination.nominating_unit.name})
    nomination.delete()


@transaction.atomic
def nomination_submit(*, actor: User, nomination: Nomination) -> Nomination:
    nomination = Nomination.objects.select_for_update(of=("self",)).select_related(
        "plan", "receiving_unit").get(pk=nomination.pk)
    require(actor, AwardAction.EDIT_NOMINATION, nomination, _("Hồ sơ này không nộp được lúc này."))
    open_until = selectors.submission_open_until(nomination)
    if open_until is not None and timezone.localdate() > open_until:
        raise ValidationError(_("Đã quá hạn nộp hồ sơ: hạn là ngày %(date)s, nộp về %(unit)s. Hãy đề nghị %(unit)s "
                                "mở lại việc nộp cho đơn vị.") % {
            "date": f"{open_until:%d/%m/%Y}", "unit": nomination.receiving_unit.name})
    missing = selectors.missing_items(nomination)
    if missing:
        raise ValidationError([_("Hồ sơ còn thiếu: %(items)s.") % {"items": "; ".join(missing)}])
    nomination.round += 1
    nomination.submitted_at = timezone.now()
    nomination_transition(actor, nomination, NominationState.SUBMITTED, "nomination.submit",
                          changes={_("lần nộp"): nomination.round}, update_fields=("round", "submitted_at"))
    obligations_fulfil(plan=nomination.plan, unit=nomination.nominating_unit, kinds=[DeadlineKind.NOMINATIONS],
                       what=_("Hồ sơ đề nghị khen thưởng"))
    notify_holders([nomination.receiving_unit], [Role.REVIEWER],
                   title=_("Hồ sơ đề nghị khen thưởng mới: %(name)s") % {"name": nomination.nominee_name},
                   body=_("Từ %(unit)s.") % {"unit": nomination.nominating_unit.name}, url=nomination_url(nomination))
    return nomination
