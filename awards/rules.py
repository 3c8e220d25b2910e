"""Who may do what with the award catalogue, nominations, a plan's quota
ledger, council meetings and award decisions; registered into the one permission layer, so
views and services only ask ``can()`` or ``require()``."""

from enum import StrEnum

from django.utils.translation import gettext as _

from awards import selectors
from awards.models import (
    EDITABLE_STATES,
    QUOTA_STATES,
    REVIEWABLE_STATES,
    AwardDecision,
    AwardType,
    CouncilMeeting,
    DecisionState,
    Nomination,
    NominationState,
)
from campaigns.models import Plan, PlanBinding, PlanState
from emulation.documents.workflow import signing_of
from emulation.models import AUDIT_ACTION_LABELS, Role, SigningStage, Unit, state_labels_register
from emulation.permissions import OBJECT_RULES, Action, can, held_roles, require, units_for


class AwardAction(StrEnum):
    MANAGE_CATALOGUE = "awardtype.manage"
    NOMINATE_UNDER_PLAN = "plan.nominate"
    REVIEW_PLAN_NOMINATIONS = "plan.review_nominations"
    REOPEN_SUBMISSIONS = "plan.reopen_submissions"
    VIEW_NOMINATION = "nomination.view"
    EDIT_NOMINATION = "nomination.edit"
    REVIEW_NOMINATION = "nomination.review"
    JUDGE_NOMINATION = "nomination.judge"
    VIEW_COUNCIL_MEETING = "council.view"
    VIEW_MINUTES = "minutes.view"
    EDIT_MINUTES = "minutes.edit"
    SIGN_MINUTES = "minutes.sign"
    VIEW_DECISION = "decision.view"
    SUBMIT_DECISION = "decision.submit"
    RETURN_DECISION = "decision.return"


def may_manage_catalogue(user, award_type: AwardType | None = None) -> bool:
    """The catalogue is shared by every province: only administrators of a
    top-level unit (or superusers) change it."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_superuser or any(
        held.role == Role.ADMINISTRATOR and held.unit_path.count("/") == 1 for held in held_roles(user)
    )


def works_for_issuer(user, issuer: Unit) -> bool:
    """The issuing unit's council, drafters and signers: those who take the
    reviewed nominations on to a decision. Not its records clerk, who numbers
    the decision and the minutes (``may_view_decision``, ``may_view_minutes``)
    but does not follow the dossiers."""
    return can(user, Action.VOTE_IN_COUNCIL, selectors.council_of(issuer)) or any(
        can(user, action, issuer) for action in (Action.DRAFT_PLAN, Action.SIGN_PLAN))


# Nominations ----------------------------------------------------------------------------------

def has_conflict(user, nomination: Nomination) -> bool:
    """A reviewer never judges a nomination from their own unit or a unit under it."""
    paths = [nomination.nominating_unit.path, nomination.candidate_unit.path]
    return any(path.startswith(held.unit_path) for held in held_roles(user) for path in paths)


def may_review(user, nomination: Nomination) -> bool:
    return can(user, Action.REVIEW_FOR_UNIT, nomination.receiving_unit) and not has_conflict(user, nomination)


def may_judge(user, nomination: Nomination) -> bool:
    """Recommend, return or reject the dossier, or assess it as reviewer: only
    while it waits for the review's verdict."""
    return nomination.state in REVIEWABLE_STATES and may_review(user, nomination)


def may_edit(user, nomination: Nomination) -> bool:
    return nomination.state in EDITABLE_STATES and can(user, Action.ACT_FOR_UNIT, nomination.nominating_unit)


def may_view(user, nomination: Nomination) -> bool:
    """The nominating unit always. The receiving unit only once the dossier was
    submitted: a draft is the unit's own work in progress, but a dossier sent
    back for revision stays open to the reviewers who asked for it. The issuing
    unit's council, drafters and signers once the review has decided."""
    if can(user, Action.ACT_FOR_UNIT, nomination.nominating_unit):
        return True
    if nomination.state != NominationState.DRAFT and may_review(user, nomination):
        return True
    decided = nomination.state in (*QUOTA_STATES, NominationState.NOT_APPROVED)
    return decided and works_for_issuer(user, nomination.plan.issuer)


def require_review(user, nomination: Nomination) -> None:
    """Refuse anyone but a reviewer of the receiving unit without a conflict
    of interest, saying which of the two it is."""
    require(user, Action.REVIEW_FOR_UNIT, nomination.receiving_unit, _("Bạn không thuộc đơn vị nhận hồ sơ này."))
    require(user, AwardAction.REVIEW_NOMINATION, nomination,
            _("Bạn không được thẩm định hồ sơ của đơn vị mình hoặc đơn vị cấp dưới."))


# A plan's nominations, seen from the plan -------------------------------------------------------

def may_nominate_under(user, plan: Plan) -> bool:
    """An officer of a unit the plan binds, with an award form of the plan open
    to a unit in their tree."""
    return (plan.state == PlanState.ISSUED and bool(selectors.offered_quotas(plan, user))
            and selectors.nominating_units(user, plan).exists())


def receives_dossiers(user, plan: Plan) -> bool:
    """A reviewer of the unit the plan's nominations deadline sends dossiers to
    (the only unit that extends that deadline)."""
    deadline = selectors.nominations_deadline(plan)
    return deadline is not None and can(user, Action.REVIEW_FOR_UNIT, deadline.to_unit)


def may_review_plan_nominations(user, plan: Plan) -> bool:
    """The quota ledger and the list of the plan's nominations: the unit that
    receives the dossiers and the issuing unit's council, drafters and signers."""
    return receives_dossiers(user, plan) or works_for_issuer(user, plan.issuer)


# The council and award decisions -------------------------------------------------------------

def may_view_council_meeting(user, meeting: CouncilMeeting) -> bool:
    """The meeting's page, with each member's vote: the members of the council that sat."""
    return can(user, Action.VOTE_IN_COUNCIL, meeting.unit)


def may_view_minutes(user, meeting: CouncilMeeting) -> bool:
    """The minutes: the council; the chair and the secretary who sign them;
    the unit's records clerk once the secretary has confirmed them (the clerk
    numbers and issues them)."""
    if may_view_council_meeting(user, meeting):
        return True
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.pk in (meeting.chair_id, meeting.secretary_id):
        return True
    return meeting.secretary_signed_at is not None and can(user, Action.ISSUE_DOCUMENT, meeting.unit)


def may_edit_minutes(user, meeting: CouncilMeeting) -> bool:
    """Any member may record place, chair and secretary once the meeting is
    closed, until the secretary signs."""
    return (meeting.closed_at is not None and meeting.secretary_signed_at is None
            and can(user, Action.VOTE_IN_COUNCIL, meeting.unit))


def may_sign_minutes(user, meeting: CouncilMeeting) -> bool:
    """The next step of ``minutes_sign`` is this person's: the secretary
    confirms first; then the chair submits them to their own digital
    signature (after which the signing panel takes over)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.pk == meeting.secretary_id and meeting.secretary_signed_at is None:
        return True
    return (user.pk == meeting.chair_id and meeting.secretary_signed_at is not None
            and meeting.chair_signed_at is None and signing_of(meeting) is None)


def may_view_decision(user, decision: AwardDecision) -> bool:
    """The issuing unit's council, drafters, signers and records clerks; once
    issued, the units the plan binds."""
    if works_for_issuer(user, decision.issuer) or can(user, Action.ISSUE_DOCUMENT, decision.issuer):
        return True
    return bool(decision.number) and PlanBinding.objects.filter(
        plan_id=decision.plan_id, unit__in=units_for(user, Action.ACT_FOR_UNIT)).exists()


def may_submit_decision(user, decision: AwardDecision) -> bool:
    """The issuer's drafters submit a draft to its signer, once."""
    return (decision.state == DecisionState.DRAFT and can(user, Action.DRAFT_PLAN, decision.issuer)
            and signing_of(decision) is None)


def may_return_decision(user, decision: AwardDecision) -> bool:
    """The person it was submitted to sends it back, until the clerk issues it."""
    if decision.state != DecisionState.DRAFT or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    document_signing = signing_of(decision)
    return (document_signing is not None and document_signing.signer_id == user.pk
            and document_signing.stage != SigningStage.ISSUED)


def register() -> None:
    from django.utils.translation import gettext_lazy as _  # noqa: PLC0415 — these labels stay lazy; the module's _ is gettext

    OBJECT_RULES[(AwardAction.MANAGE_CATALOGUE, AwardType)] = may_manage_catalogue
    OBJECT_RULES[(AwardAction.NOMINATE_UNDER_PLAN, Plan)] = may_nominate_under
    OBJECT_RULES[(AwardAction.REVIEW_PLAN_NOMINATIONS, Plan)] = may_review_plan_nominations
    OBJECT_RULES[(AwardAction.REOPEN_SUBMISSIONS, Plan)] = receives_dossiers
    OBJECT_RULES[(AwardAction.VIEW_NOMINATION, Nomination)] = may_view
    OBJECT_RULES[(AwardAction.EDIT_NOMINATION, Nomination)] = may_edit
    OBJECT_RULES[(AwardAction.REVIEW_NOMINATION, Nomination)] = may_review
    OBJECT_RULES[(AwardAction.JUDGE_NOMINATION, Nomination)] = may_judge
    OBJECT_RULES[(AwardAction.VIEW_COUNCIL_MEETING, CouncilMeeting)] = may_view_council_meeting
    OBJECT_RULES[(AwardAction.VIEW_MINUTES, CouncilMeeting)] = may_view_minutes
    OBJECT_RULES[(AwardAction.EDIT_MINUTES, CouncilMeeting)] = may_edit_minutes
    OBJECT_RULES[(AwardAction.SIGN_MINUTES, CouncilMeeting)] = may_sign_minutes
    OBJECT_RULES[(AwardAction.VIEW_DECISION, AwardDecision)] = may_view_decision
    OBJECT_RULES[(AwardAction.SUBMIT_DECISION, AwardDecision)] = may_submit_decision
    OBJECT_RULES[(AwardAction.RETURN_DECISION, AwardDecision)] = may_return_decision
    state_labels_register("awards.nomination", NominationState.choices)
    state_labels_register("awards.awarddecision", DecisionState.choices)
    AUDIT_ACTION_LABELS.update({
        "nomination.create": _("Tạo hồ sơ"), "nomination.update": _("Sửa báo cáo thành tích"),
        "nomination.assess": _("Đánh giá theo tiêu chí"), "nomination.attach": _("Đính kèm tài liệu"),
        "nomination.detach": _("Xóa tài liệu"), "nomination.submit": _("Nộp hồ sơ"),
        "nomination.review_start": _("Bắt đầu thẩm định"), "nomination.assign": _("Giao thẩm định"),
        "nomination.return": _("Trả lại để bổ sung"), "nomination.reject": _("Không đề nghị"),
        "nomination.recommend": _("Đề nghị khen thưởng"), "nomination.reopen": _("Gia hạn nộp hồ sơ"),
        "council.open": _("Mở phiên họp Hội đồng"), "council.vote": _("Ghi phiếu Hội đồng"),
        "council.decide": _("Hội đồng quyết định"), "nomination.award": _("Được khen thưởng"),
        "decision.draft": _("Soạn quyết định"), "decision.submit": _("Trình ký quyết định"),
        "decision.return": _("Trả lại dự thảo quyết định"), "decision.issue": _("Vào số, ban hành quyết định"),
        "signing.update": _("Cập nhật vật liệu ký số"),
        "minutes.prepare": _("Ghi thông tin biên bản"), "minutes.sign_secretary": _("Thư ký ký biên bản"),
        "minutes.submit": _("Chủ trì trình ký số biên bản"), "minutes.issue": _("Vào số, ban hành biên bản"),
        # Before the signing chain the chair's signature issued the minutes; older histories keep that line.
        "minutes.sign_chair": _("Chủ trì ký, ban hành biên bản"),
    })
