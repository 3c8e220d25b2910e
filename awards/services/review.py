"""Writes for the receiving unit: extend the submission deadline, assign a
reviewer, return, reject or recommend within the quota."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from awards import selectors
from awards.models import REVIEWABLE_STATES, Nomination, NominationState, SubmissionExtension
from awards.rules import AwardAction, require_review
from awards.services.notices import nomination_url, notify_holders, notify_nominator
from awards.services.transitions import nomination_transition
from campaigns.models import Plan, PlanState, Quota
from emulation.models import Role, Unit, User
from emulation.permissions import can, require
from emulation.services import audit_record, notification_send


@transaction.atomic
def submission_reopen(*, actor: User, plan: Plan, nominating_unit: Unit, until: datetime.date,
                      reason: str) -> SubmissionExtension:
    deadline = selectors.nominations_deadline(plan)
    if deadline is None:
        raise ValidationError(_("Kế hoạch không có hạn nộp hồ sơ."))
    require(actor, AwardAction.REOPEN_SUBMISSIONS, plan, _("Chỉ đơn vị nhận hồ sơ mới gia hạn được."))
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
    notify_holders([nominating_unit], [Role.UNIT_OFFICER],
                   title=_("Được gia hạn nộp hồ sơ khen thưởng đến %(date)s") % {"date": f"{until:%d/%m/%Y}"},
                   body=reason, url=reverse("plan_detail", args=[plan.pk]))
    return extension


@transaction.atomic
def nomination_assign(*, actor: User, nomination: Nomination, reviewer: User) -> Nomination:
    nomination = Nomination.objects.select_for_update(of=("self",)).select_related(
        "receiving_unit", "nominating_unit", "nominee_unit", "person_unit").get(pk=nomination.pk)
    require_review(actor, nomination)
    # A returned dossier comes back to the same reviewer; a decided one has nothing left to review.
    if nomination.state not in (*REVIEWABLE_STATES, NominationState.RETURNED):
        raise ValidationError(_("Hồ sơ đang ở trạng thái “%(state)s”, không giao thẩm định được.") % {
            "state": nomination.get_state_display()})
    # The same rule as for the actor: a deactivated account or a conflicted reviewer is no choice.
    if not can(reviewer, AwardAction.REVIEW_NOMINATION, nomination):
        raise ValidationError(_("%(name)s không thẩm định được hồ sơ này (không thuộc đơn vị nhận hồ sơ, hoặc hồ sơ "
                                "của đơn vị mình).") % {"name": reviewer.get_full_name()})
    nomination.reviewer = reviewer
    nomination.save(update_fields=["reviewer", "updated_at"])
    audit_record(actor=actor, target=nomination, action="nomination.assign",
                 changes={_("cán bộ thẩm định"): reviewer.get_full_name()})
    if reviewer != actor:
        notification_send(recipient=reviewer, title=_("Bạn được giao thẩm định hồ sơ %(name)s") % {
            "name": nomination.nominee_name}, url=nomination_url(nomination))
    return nomination


def _locked_for_verdict(actor: User, nomination: Nomination) -> Nomination:
    nomination = Nomination.objects.select_for_update(of=("self",)).select_related(
        "receiving_unit", "nominating_unit", "nominee_unit", "person_unit").get(pk=nomination.pk)
    require_review(actor, nomination)
    if nomination.state not in REVIEWABLE_STATES:
        raise ValidationError(_("Hồ sơ đang ở trạng thái “%(state)s”, không xét được.") % {
            "state": nomination.get_state_display()})
    return nomination


@transaction.atomic
def nomination_return(*, actor: User, nomination: Nomination, reason: str) -> Nomination:
    nomination = _locked_for_verdict(actor, nomination)
    if not reason.strip():
        raise ValidationError({"reason": _("Hãy ghi rõ cần bổ sung, sửa chữa gì.")})
    nomination_transition(actor, nomination, NominationState.RETURNED, "nomination.return", reason.strip())
    notify_nominator(nomination, _("Hồ sơ %(name)s bị trả lại để bổ sung") % {"name": nomination.nominee_name},
                     _("Lý do: %(reason)s") % {"reason": reason.strip()})
    return nomination


@transaction.atomic
def nomination_reject(*, actor: User, nomination: Nomination, reason: str) -> Nomination:
    nomination = _locked_for_verdict(actor, nomination)
    if not reason.strip():
        raise ValidationError({"reason": _("Hãy ghi lý do không đề nghị.")})
    nomination_transition(actor, nomination, NominationState.REJECTED, "nomination.reject", reason.strip())
    notify_nominator(nomination, _("Hồ sơ %(name)s không được đề nghị khen thưởng") % {
        "name": nomination.nominee_name}, _("Lý do: %(reason)s") % {"reason": reason.strip()})
    return nomination


def _check_limits(quota: Quota, shared: list[int], nomination: Nomination) -> None:
    """The quota's limits besides its total: per bloc, per nominating unit, a share of the group.
    Called with the quota rows locked, so two reviewers never both take the last place."""
    if quota.per_bloc is not None:
        bloc = selectors.candidate_bloc(quota, nomination.candidate_unit)
        if bloc is None:
            raise ValidationError(_("“%(award)s” chia theo khối, cụm thi đua, nhưng %(unit)s không thuộc khối, cụm "
                                    "nào của %(issuer)s.") % {"award": quota.name,
                                                              "unit": nomination.candidate_unit.name,
                                                              "issuer": quota.plan.issuer.name})
        if selectors.quota_taken(shared, bloc=bloc) >= quota.per_bloc:
            raise ValidationError(_("Đã hết suất: “%(award)s” có %(count)s suất cho mỗi khối, cụm, và %(bloc)s đã "
                                    "được đề nghị đủ.") % {"award": quota.name, "count": quota.per_bloc,
                                                           "bloc": bloc.name})
    if quota.per_nominating_unit is not None and selectors.quota_taken(
            shared, nominating_unit_id=nomination.nominating_unit_id) >= quota.per_nominating_unit:
        raise ValidationError(_("Đã hết suất: mỗi đơn vị đề nghị được tối đa %(count)s suất “%(award)s”, và "
                                "%(unit)s đã có đủ.") % {"count": quota.per_nominating_unit, "award": quota.name,
                                                         "unit": nomination.nominating_unit.name})
    cap = selectors.quota_share_cap(quota)
    if cap is not None and selectors.quota_taken(shared) >= cap:
        raise ValidationError(_("Đã hết suất: “%(award)s” không quá %(percent)s%% số đơn vị thuộc đối tượng "
                                "(%(cap)s suất).") % {"award": quota.name, "percent": quota.share_cap_percent,
                                                      "cap": cap})


@transaction.atomic
def nomination_recommend(*, actor: User, nomination: Nomination, reason: str = "") -> Nomination:
    """Recommend within the quota. The quota rows are locked (this plan's and
    the same place in the versions it amends or that amend it), so two
    reviewers competing for the last place are served one after the other."""
    nomination = _locked_for_verdict(actor, nomination)
    shared = selectors.shared_quota_ids(Quota.objects.select_related("plan", "target_group").get(
        pk=nomination.quota_id))
    locked = {row.pk: row for row in Quota.objects.select_for_update(of=("self",)).select_related(
        "award_type", "plan__issuer", "target_group").filter(pk__in=shared).order_by("pk")}
    quota = locked[nomination.quota_id]
    _check_limits(quota, shared, nomination)
    if quota.count is not None:
        if quota.per_parent:
            parent = nomination.candidate_unit.parent
            taken = selectors.quota_taken(shared, parent.pk if parent else None)
            if taken >= 1:
                raise ValidationError(_("Đã hết suất: “%(award)s” chỉ có một suất cho mỗi đơn vị thuộc %(parent)s, và "
                                        "suất này đã được đề nghị.") % {"award": quota.name,
                                                                      "parent": parent.name if parent else "—"})
            if selectors.quota_taken(shared) >= quota.count:
                raise ValidationError(_("Đã hết suất: “%(award)s” có %(count)s suất và đã đề nghị đủ.") % {
                    "award": quota.name, "count": quota.count})
        elif selectors.quota_taken(shared) >= quota.count:
            raise ValidationError(_("Đã hết suất: “%(award)s” cho %(group)s có %(count)s suất và đã đề nghị đủ.") % {
                "award": quota.name, "group": quota.recipient_phrase or _("đối tượng này"), "count": quota.count})
    nomination_transition(actor, nomination, NominationState.RECOMMENDED, "nomination.recommend", reason.strip())
    notify_nominator(nomination, _("Hồ sơ %(name)s đã được đề nghị khen thưởng") % {
        "name": nomination.nominee_name})
    return nomination
