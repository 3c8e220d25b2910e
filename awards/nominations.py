"""Writes for nominations: dossier, submission before the deadline, review,
quotas, council vote and the award decision."""

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from awards import selectors
from awards.models import (
    CLOSED_STATES,
    QUOTA_STATES,
    REQUIRED_ATTACHMENTS,
    REVIEWABLE_STATES,
    Assessment,
    Attachment,
    AttachmentKind,
    AwardDecision,
    CouncilMeeting,
    CouncilVote,
    DecisionState,
    Nomination,
    NominationState,
    NomineeKind,
    SubmissionExtension,
)
from awards.rules import has_conflict, may_edit, may_review
from campaigns.models import Criterion, Deadline, DeadlineKind, Plan, PlanState, Quota
from campaigns.obligations import obligations_fulfil
from campaigns.services import EditConflict, target_group_members
from emulation.files import file_store, files_discarded_on_error
from emulation.models import DocumentType, Role, Unit, User
from emulation.permissions import Action, can, people_holding, require, units_for
from emulation.services import audit_record, notification_send
from emulation.uploads import check_upload


def nominations_deadline(plan: Plan) -> Deadline | None:
    return plan.deadlines.filter(kind=DeadlineKind.NOMINATIONS).select_related("to_unit").order_by("position").first()


def _url(nomination: Nomination) -> str:
    return reverse("nomination_detail", args=[nomination.pk])


def _notify_units(units, roles, *, title: str, body: str = "", url: str = "") -> None:
    for person in people_holding(roles, units):
        notification_send(recipient=person, title=title, body=body, url=url)


def _record(actor, nomination: Nomination, action: str, old_state: str, reason: str = "", **changes) -> None:
    audit_record(actor=actor, target=nomination, action=action, from_state=old_state, to_state=nomination.state,
                 reason=reason, changes={key: str(value) for key, value in changes.items()})


# Who may nominate what (who may see, edit, review: awards/rules.py) -----------------

def nominable_units(user: User, quota: Quota):
    """Units this officer may nominate as a collective for ``quota``."""
    units = units_for(user, Action.ACT_FOR_UNIT)
    if quota.target_group_id:
        units = units.filter(pk__in=target_group_members(quota.target_group, quota.plan.issuer).values("pk"))
    return units.order_by("path")


def offered_quotas(plan: Plan, user: User):
    """The plan's award forms this officer can nominate for (a member of the group in their tree)."""
    quotas = []
    for quota in plan.quotas.select_related("award_type", "target_group"):
        if quota.target_group_id is None or nominable_units(user, quota).exists():
            quotas.append(quota)
    return quotas


def applicable_criteria(nomination: Nomination):
    criteria = Criterion.objects.filter(plan=nomination.plan).select_related("group")
    group = nomination.quota.target_group_id
    return criteria.filter(Q(group__target_group__isnull=True) | Q(group__target_group_id=group)).order_by(
        "group__position", "position")


# The dossier ----------------------------------------------------------------------

@transaction.atomic
def nomination_create(*, actor: User, plan: Plan, quota: Quota, nominating_unit: Unit, kind: str,
                      nominee_unit: Unit | None = None, person_name: str = "", person_gender: str = "",
                      person_position: str = "", person_unit: Unit | None = None, achievements: str = "") -> Nomination:
    if plan.state != PlanState.ISSUED:
        raise ValidationError(_("Chỉ đề nghị khen thưởng theo kế hoạch đang có hiệu lực."))
    if quota.plan_id != plan.pk:
        raise ValidationError({"quota": _("Hình thức khen thưởng không thuộc kế hoạch này.")})
    require(actor, Action.ACT_FOR_UNIT, nominating_unit, _("Bạn không phải cán bộ thi đua của đơn vị đề nghị."))
    deadline = nominations_deadline(plan)
    if deadline is None:
        raise ValidationError(_("Kế hoạch không quy định nơi nhận hồ sơ đề nghị khen thưởng."))
    if kind == NomineeKind.COLLECTIVE:
        if nominee_unit is None or not nominee_unit.path.startswith(nominating_unit.path):
            raise ValidationError({"nominee_unit": _("Chỉ đề nghị cho đơn vị mình hoặc đơn vị cấp dưới.")})
        if not nominable_units(actor, quota).filter(pk=nominee_unit.pk).exists():
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
        receiving_unit=deadline.to_unit, kind=kind, nominee_unit=nominee_unit if kind == "collective" else None,
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
    _record(actor, nomination, "nomination.create", "")
    return nomination


def _already_nominated(existing: Nomination) -> str:
    """Names who holds the other dossier: a draft of another unit cannot be opened from here."""
    return _("%(unit)s đã có hồ sơ đề nghị “%(award)s” theo kế hoạch này (do %(holder)s lập, %(state)s); mỗi tập "
             "thể chỉ được đề nghị một lần cho một hình thức khen thưởng.") % {
        "unit": existing.nominee_unit.name, "award": existing.award_type.name,
        "holder": existing.nominating_unit.name, "state": existing.get_state_display().lower()}


@transaction.atomic
def nomination_update(*, actor: User, nomination: Nomination, expected_revision: int, **fields) -> Nomination:
    if not may_edit(actor, nomination):
        raise PermissionDenied(_("Hồ sơ này không sửa được lúc này."))
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
        _require_review(actor, nomination)
        # Once recommended, rejected or decided, the criteria are what the decision rests on.
        if nomination.state not in REVIEWABLE_STATES:
            raise ValidationError(_("Hồ sơ đang ở trạng thái “%(state)s”, không thẩm định được.") % {
                "state": nomination.get_state_display()})
        if nomination.state == NominationState.SUBMITTED:
            _move(actor, nomination, NominationState.UNDER_REVIEW, "nomination.review_start")
    elif not may_edit(actor, nomination):
        raise PermissionDenied(_("Hồ sơ này không sửa được lúc này."))
    allowed = set(applicable_criteria(nomination).values_list("pk", flat=True))
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
    if not may_edit(actor, nomination):
        raise PermissionDenied(_("Hồ sơ này không sửa được lúc này."))
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
    if not may_edit(actor, attachment.nomination):
        raise PermissionDenied(_("Hồ sơ này không sửa được lúc này."))
    audit_record(actor=actor, target=attachment.nomination, action="nomination.detach",
                 changes={_("tệp"): attachment.original_name})
    attachment.delete()


@transaction.atomic
def nomination_delete(*, actor: User, nomination: Nomination) -> None:
    """A draft never submitted is the unit's own work: it may drop it, files and all
    (they go once the delete commits). Its place for the collective is free again."""
    nomination = Nomination.objects.select_for_update(of=("self",)).select_related("plan").get(pk=nomination.pk)
    if not may_edit(actor, nomination):
        raise PermissionDenied(_("Hồ sơ này không sửa được lúc này."))
    if nomination.state != NominationState.DRAFT or nomination.round:
        raise ValidationError(_("Chỉ xóa được hồ sơ đang soạn, chưa nộp lần nào."))
    # Recorded on the plan: the dossier's own history goes with it.
    audit_record(actor=actor, target=nomination.plan, action="nomination.delete",
                 changes={_("hồ sơ"): nomination.nominee_name, _("đơn vị đề nghị"): nomination.nominating_unit.name})
    nomination.delete()


def missing_items(nomination: Nomination) -> list[str]:
    """The dossier checklist: what is still missing before it can be submitted."""
    missing = []
    kinds = set(nomination.attachments.values_list("kind", flat=True))
    for kind in REQUIRED_ATTACHMENTS:
        if kind not in kinds:
            missing.append(str(AttachmentKind(kind).label))
    if not nomination.achievements.strip():
        missing.append(str(_("Nội dung báo cáo thành tích")))
    assessed = set(nomination.assessments.filter(by_reviewer=False).filter(
        Q(met__isnull=False) | Q(score__isnull=False)).values_list("criterion_id", flat=True))
    unassessed = [criterion for criterion in applicable_criteria(nomination) if criterion.pk not in assessed]
    if unassessed:
        missing.append(_("Tự đánh giá %(count)s tiêu chí còn thiếu") % {"count": len(unassessed)})
    return missing


def submission_open_until(nomination: Nomination) -> datetime.date | None:
    deadline = nominations_deadline(nomination.plan)
    if deadline is None or deadline.due_on is None:
        return None
    extension = SubmissionExtension.objects.filter(deadline=deadline,
                                                   nominating_unit=nomination.nominating_unit).first()
    return max(deadline.due_on, extension.until) if extension else deadline.due_on


@transaction.atomic
def nomination_submit(*, actor: User, nomination: Nomination) -> Nomination:
    nomination = Nomination.objects.select_for_update(of=("self",)).select_related(
        "plan", "receiving_unit").get(pk=nomination.pk)
    if not may_edit(actor, nomination):
        raise PermissionDenied(_("Hồ sơ này không nộp được lúc này."))
    open_until = submission_open_until(nomination)
    if open_until is not None and timezone.localdate() > open_until:
        raise ValidationError(_("Đã quá hạn nộp hồ sơ: hạn là ngày %(date)s, nộp về %(unit)s. Hãy đề nghị %(unit)s "
                                "mở lại việc nộp cho đơn vị.") % {
            "date": f"{open_until:%d/%m/%Y}", "unit": nomination.receiving_unit.name})
    missing = missing_items(nomination)
    if missing:
        raise ValidationError([_("Hồ sơ còn thiếu: %(items)s.") % {"items": "; ".join(missing)}])
    old = nomination.state
    nomination.state = NominationState.SUBMITTED
    nomination.round += 1
    nomination.submitted_at = timezone.now()
    nomination.save(update_fields=["state", "round", "submitted_at", "updated_at"])
    _record(actor, nomination, "nomination.submit", old, **{_("lần nộp"): nomination.round})
    obligations_fulfil(plan=nomination.plan, unit=nomination.nominating_unit, kinds=[DeadlineKind.NOMINATIONS],
                       what=_("Hồ sơ đề nghị khen thưởng"))
    _notify_units([nomination.receiving_unit], [Role.REVIEWER],
                  title=_("Hồ sơ đề nghị khen thưởng mới: %(name)s") % {"name": nomination.nominee_name},
                  body=_("Từ %(unit)s.") % {"unit": nomination.nominating_unit.name}, url=_url(nomination))
    return nomination


@transaction.atomic
def submission_reopen(*, actor: User, plan: Plan, nominating_unit: Unit, until: datetime.date,
                      reason: str) -> SubmissionExtension:
    deadline = nominations_deadline(plan)
    if deadline is None:
        raise ValidationError(_("Kế hoạch không có hạn nộp hồ sơ."))
    require(actor, Action.REVIEW_FOR_UNIT, deadline.to_unit, _("Chỉ đơn vị nhận hồ sơ mới gia hạn được."))
    if plan.state != PlanState.ISSUED:
        raise ValidationError(_("Chỉ gia hạn nộp hồ sơ theo kế hoạch đang có hiệu lực."))
    if not reason.strip():
        raise ValidationError({"reason": _("Hãy ghi lý do gia hạn.")})
    if until < timezone.localdate():
        raise ValidationError({"until": _("Ngày gia hạn phải từ hôm nay trở đi.")})
    extension, _created = SubmissionExtension.objects.update_or_create(
        deadline=deadline, nominating_unit=nominating_unit,
        defaults={"until": until, "reason": reason.strip(), "granted_by": actor})
    audit_record(actor=actor, target=plan, action="nomination.reopen",
                 changes={_("đơn vị"): nominating_unit.name, _("đến ngày"): f"{until:%d/%m/%Y}"}, reason=reason)
    _notify_units([nominating_unit], [Role.UNIT_OFFICER],
                  title=_("Được gia hạn nộp hồ sơ khen thưởng đến %(date)s") % {"date": f"{until:%d/%m/%Y}"},
                  body=reason, url=reverse("plan_detail", args=[plan.pk]))
    return extension


# Review ------------------------------------------------------------------------------

def _require_review(actor: User, nomination: Nomination) -> None:
    if not can(actor, Action.REVIEW_FOR_UNIT, nomination.receiving_unit):
        raise PermissionDenied(_("Bạn không thuộc đơn vị nhận hồ sơ này."))
    if has_conflict(actor, nomination):
        raise PermissionDenied(_("Bạn không được thẩm định hồ sơ của đơn vị mình hoặc đơn vị cấp dưới."))


def _move(actor, nomination: Nomination, state: str, action: str, reason: str = "") -> None:
    old = nomination.state
    nomination.state = state
    nomination.decision_reason = reason or nomination.decision_reason
    nomination.save(update_fields=["state", "decision_reason", "updated_at"])
    _record(actor, nomination, action, old, reason)


@transaction.atomic
def nomination_assign(*, actor: User, nomination: Nomination, reviewer: User) -> Nomination:
    nomination = Nomination.objects.select_for_update(of=("self",)).select_related(
        "receiving_unit", "nominating_unit", "nominee_unit", "person_unit").get(pk=nomination.pk)
    _require_review(actor, nomination)
    # A returned dossier comes back to the same reviewer; a decided one has nothing left to review.
    if nomination.state not in (*REVIEWABLE_STATES, NominationState.RETURNED):
        raise ValidationError(_("Hồ sơ đang ở trạng thái “%(state)s”, không giao thẩm định được.") % {
            "state": nomination.get_state_display()})
    if not may_review(reviewer, nomination):
        raise ValidationError(_("%(name)s không thẩm định được hồ sơ này (không thuộc đơn vị nhận hồ sơ, hoặc hồ sơ "
                                "của đơn vị mình).") % {"name": reviewer.get_full_name()})
    nomination.reviewer = reviewer
    nomination.save(update_fields=["reviewer", "updated_at"])
    audit_record(actor=actor, target=nomination, action="nomination.assign",
                 changes={_("cán bộ thẩm định"): reviewer.get_full_name()})
    if reviewer != actor:
        notification_send(recipient=reviewer, title=_("Bạn được giao thẩm định hồ sơ %(name)s") % {
            "name": nomination.nominee_name}, url=_url(nomination))
    return nomination


def _locked_for_decision(actor: User, nomination: Nomination) -> Nomination:
    nomination = Nomination.objects.select_for_update(of=("self",)).select_related(
        "receiving_unit", "nominating_unit", "nominee_unit", "person_unit").get(pk=nomination.pk)
    _require_review(actor, nomination)
    if nomination.state not in REVIEWABLE_STATES:
        raise ValidationError(_("Hồ sơ đang ở trạng thái “%(state)s”, không xét được.") % {
            "state": nomination.get_state_display()})
    return nomination


def _notify_nominator(nomination: Nomination, title: str, body: str = "") -> None:
    _notify_units([nomination.nominating_unit], [Role.UNIT_OFFICER], title=title, body=body, url=_url(nomination))


@transaction.atomic
def nomination_return(*, actor: User, nomination: Nomination, reason: str) -> Nomination:
    nomination = _locked_for_decision(actor, nomination)
    if not reason.strip():
        raise ValidationError({"reason": _("Hãy ghi rõ cần bổ sung, sửa chữa gì.")})
    _move(actor, nomination, NominationState.RETURNED, "nomination.return", reason.strip())
    _notify_nominator(nomination, _("Hồ sơ %(name)s bị trả lại để bổ sung") % {"name": nomination.nominee_name},
                      _("Lý do: %(reason)s") % {"reason": reason.strip()})
    return nomination


@transaction.atomic
def nomination_reject(*, actor: User, nomination: Nomination, reason: str) -> Nomination:
    nomination = _locked_for_decision(actor, nomination)
    if not reason.strip():
        raise ValidationError({"reason": _("Hãy ghi lý do không đề nghị.")})
    _move(actor, nomination, NominationState.REJECTED, "nomination.reject", reason.strip())
    _notify_nominator(nomination, _("Hồ sơ %(name)s không được đề nghị khen thưởng") % {
        "name": nomination.nominee_name}, _("Lý do: %(reason)s") % {"reason": reason.strip()})
    return nomination


def quota_taken(quota_ids: list[int], parent_id: int | None = None) -> int:
    """Places held under these quotas (one award for one group, in every version of a plan)."""
    taken = Nomination.objects.filter(quota_id__in=quota_ids, state__in=QUOTA_STATES)
    if parent_id is not None:
        taken = taken.filter(Q(nominee_unit__parent_id=parent_id) | Q(person_unit__parent_id=parent_id))
    return taken.count()


@transaction.atomic
def nomination_recommend(*, actor: User, nomination: Nomination, reason: str = "") -> Nomination:
    """Recommend within the quota. The quota rows are locked (this plan's and
    the same place in the versions it amends or that amend it), so two
    reviewers competing for the last place are served one after the other."""
    nomination = _locked_for_decision(actor, nomination)
    shared = selectors.shared_quota_ids(Quota.objects.select_related("plan", "target_group").get(
        pk=nomination.quota_id))
    locked = {row.pk: row for row in Quota.objects.select_for_update(of=("self",)).select_related(
        "award_type").filter(pk__in=shared).order_by("pk")}
    quota = locked[nomination.quota_id]
    if quota.count is not None:
        if quota.per_parent:
            parent = nomination.candidate_unit.parent
            taken = quota_taken(shared, parent.pk if parent else None)
            if taken >= 1:
                raise ValidationError(_("Đã hết suất: “%(award)s” chỉ có một suất cho mỗi đơn vị thuộc %(parent)s, và "
                                        "suất này đã được đề nghị.") % {"award": quota.name,
                                                                      "parent": parent.name if parent else "—"})
            if quota_taken(shared) >= quota.count:
                raise ValidationError(_("Đã hết suất: “%(award)s” có %(count)s suất và đã đề nghị đủ.") % {
                    "award": quota.name, "count": quota.count})
        elif quota_taken(shared) >= quota.count:
            raise ValidationError(_("Đã hết suất: “%(award)s” cho %(group)s có %(count)s suất và đã đề nghị đủ.") % {
                "award": quota.name, "group": quota.recipient_phrase or _("đối tượng này"), "count": quota.count})
    _move(actor, nomination, NominationState.RECOMMENDED, "nomination.recommend", reason.strip())
    _notify_nominator(nomination, _("Hồ sơ %(name)s đã được đề nghị khen thưởng") % {
        "name": nomination.nominee_name})
    return nomination


# Council ----------------------------------------------------------------------------------

def council_members(unit: Unit):
    return people_holding(Role.COUNCIL_MEMBER, unit)


@transaction.atomic
def council_meeting_open(*, actor: User, plan: Plan, held_on: datetime.date, present: list[User]) -> CouncilMeeting:
    require(actor, Action.VOTE_IN_COUNCIL, plan.issuer, _("Chỉ thành viên Hội đồng ghi được phiên họp."))
    members = list(council_members(plan.issuer))
    strangers = [person.get_full_name() for person in present if person not in members]
    if strangers:
        raise ValidationError({"present": _("Không phải thành viên Hội đồng: %(names)s") % {
            "names": ", ".join(strangers)}})
    if not present:
        raise ValidationError({"present": _("Hãy chọn các thành viên có mặt.")})
    meeting = CouncilMeeting.objects.create(plan=plan, unit=plan.issuer, held_on=held_on,
                                            total_members=len(members), recorded_by=actor)
    meeting.present.set(present)
    audit_record(actor=actor, target=plan, action="council.open",
                 changes={_("ngày họp"): f"{held_on:%d/%m/%Y}", _("có mặt"): f"{len(present)}/{len(members)}"})
    return meeting


@transaction.atomic
def council_votes_record(*, actor: User, meeting: CouncilMeeting, nomination: Nomination,
                         votes: dict[int, bool]) -> None:
    require(actor, Action.VOTE_IN_COUNCIL, meeting.unit, _("Chỉ thành viên Hội đồng ghi được phiếu."))
    if meeting.closed_at:
        raise ValidationError(_("Phiên họp đã kết thúc, không ghi thêm phiếu."))
    nomination = Nomination.objects.get(pk=nomination.pk)
    if nomination.plan_id != meeting.plan_id or nomination.state != NominationState.RECOMMENDED:
        raise ValidationError(_("Chỉ biểu quyết hồ sơ đã được đề nghị khen thưởng của kế hoạch này."))
    present = set(meeting.present.values_list("pk", flat=True))
    if set(votes) - present:
        raise ValidationError(_("Chỉ thành viên có mặt mới được bỏ phiếu."))
    for member_id, approve in votes.items():
        CouncilVote.objects.update_or_create(meeting=meeting, nomination=nomination, member_id=member_id,
                                             defaults={"approve": approve})
    audit_record(actor=actor, target=nomination, action="council.vote",
                 changes={_("đồng ý"): sum(votes.values()), _("số phiếu"): len(votes)})


def vote_outcome(meeting: CouncilMeeting, nomination: Nomination) -> tuple[int, Decimal, bool]:
    """(approvals, percent of all members, passed): the threshold is the award
    type's, counted on every member of the council, present or not."""
    approvals = CouncilVote.objects.filter(meeting=meeting, nomination=nomination, approve=True).count()
    return selectors.vote_result(approvals=approvals, total_members=meeting.total_members,
                                 threshold=nomination.award_type.vote_threshold_percent)


@transaction.atomic
def council_meeting_close(*, actor: User, meeting: CouncilMeeting) -> dict[int, bool]:
    require(actor, Action.VOTE_IN_COUNCIL, meeting.unit, _("Chỉ thành viên Hội đồng kết thúc được phiên họp."))
    if meeting.closed_at:
        raise ValidationError(_("Phiên họp đã kết thúc."))
    outcomes = {}
    voted = Nomination.objects.filter(votes__meeting=meeting, state=NominationState.RECOMMENDED).distinct()
    for nomination in voted.select_related("award_type"):
        approvals, percent, passed = vote_outcome(meeting, nomination)
        _move(actor, nomination, NominationState.APPROVED if passed else NominationState.NOT_APPROVED,
              "council.decide", _("%(approvals)s/%(total)s phiếu đồng ý (%(percent)s%%)") % {
                  "approvals": approvals, "total": meeting.total_members, "percent": percent})
        outcomes[nomination.pk] = passed
    meeting.closed_at = timezone.now()
    meeting.save(update_fields=["closed_at"])
    return outcomes


# The award decision ----------------------------------------------------------------------

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
            "award": award_type.name, "plan": plan.title[:1].lower() + plan.title[1:]},
        legal_bases="\n".join([
            "Luật Tổ chức chính quyền địa phương",
            "Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022",
            "Nghị định số 152/2025/NĐ-CP của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, "
            "khen thưởng",
            f"Kế hoạch số {plan.number_symbol} {_long_date(plan.issued_on)} của {issuer.name}",
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


def _long_date(date) -> str:
    from emulation.vn import long_date

    return long_date(date)


@files_discarded_on_error()
@transaction.atomic
def award_decision_issue(*, actor: User, decision: AwardDecision) -> AwardDecision:
    from awards.printing import decision_official_document_issue
    from emulation.register import register_document

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
    decision.state = DecisionState.ISSUED
    decision.save()
    for nomination in decision.nominations.select_for_update():
        _move(actor, nomination, NominationState.AWARDED, "nomination.award",
              _("Quyết định số %(number)s") % {"number": decision.number_symbol})
        _notify_nominator(nomination, _("%(name)s đã được tặng %(award)s") % {
            "name": nomination.nominee_name, "award": decision.award_type.name},
            _("Quyết định số %(number)s ngày %(date)s") % {"number": decision.number_symbol,
                                                          "date": f"{decision.issued_on:%d/%m/%Y}"})
    audit_record(actor=actor, target=decision, action="decision.issue", from_state=DecisionState.DRAFT,
                 to_state=DecisionState.ISSUED, changes={_("số"): decision.number_symbol})
    decision_official_document_issue(decision)
    return decision
