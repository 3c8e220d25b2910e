"""Writes for the council (Hội đồng Thi đua – Khen thưởng): open a meeting,
record the votes, close it with each nomination's outcome."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from awards import selectors
from awards.models import CouncilMeeting, CouncilVote, Nomination, NominationState
from awards.services.transitions import nomination_transition
from campaigns.models import Plan
from emulation.models import User
from emulation.permissions import Action, require
from emulation.services import audit_record


@transaction.atomic
def council_meeting_open(*, actor: User, plan: Plan, held_on: datetime.date, present: list[User]) -> CouncilMeeting:
    council = selectors.council_of(plan.issuer)
    require(actor, Action.VOTE_IN_COUNCIL, council, _("Chỉ thành viên Hội đồng ghi được phiên họp."))
    members = list(selectors.council_members(council))
    strangers = [person.get_full_name() for person in present if person not in members]
    if strangers:
        raise ValidationError({"present": _("Không phải thành viên Hội đồng: %(names)s") % {
            "names": ", ".join(strangers)}})
    if not present:
        raise ValidationError({"present": _("Hãy chọn các thành viên có mặt.")})
    meeting = CouncilMeeting.objects.create(plan=plan, unit=council, held_on=held_on,
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


@transaction.atomic
def council_meeting_close(*, actor: User, meeting: CouncilMeeting) -> dict[int, bool]:
    require(actor, Action.VOTE_IN_COUNCIL, meeting.unit, _("Chỉ thành viên Hội đồng kết thúc được phiên họp."))
    if meeting.closed_at:
        raise ValidationError(_("Phiên họp đã kết thúc."))
    outcomes = {}
    voted = Nomination.objects.filter(votes__meeting=meeting, state=NominationState.RECOMMENDED).distinct()
    for nomination in voted.select_related("award_type"):
        approvals, percent, passed = selectors.vote_outcome(meeting, nomination)
        nomination_transition(
            actor, nomination, NominationState.APPROVED if passed else NominationState.NOT_APPROVED, "council.decide",
            _("%(approvals)s/%(total)s phiếu đồng ý (%(percent)s%%)") % {
                "approvals": approvals, "total": meeting.total_members, "percent": percent})
        outcomes[nomination.pk] = passed
    meeting.closed_at = timezone.now()
    meeting.save(update_fields=["closed_at"])
    return outcomes
