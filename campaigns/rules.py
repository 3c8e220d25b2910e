"""Who may do what to a plan; registered into the one permission layer."""

from django.db.models import Q, QuerySet

from campaigns.models import Obligation, Plan, PlanBinding, PlanState, Report, ReportState
from emulation.models import Unit
from emulation.permissions import OBJECT_RULES, Action, can, units_for

ISSUED_STATES = (PlanState.ISSUED, PlanState.SUPERSEDED)


def plans_visible_to(user) -> QuerySet[Plan]:
    """Issued plans of units in the person's scope or binding a unit in it;
    drafts only to the issuer's drafters, signers and administrators."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Plan.objects.none()
    if user.is_superuser:
        return Plan.objects.all()
    viewable = units_for(user, Action.VIEW_UNIT).values("pk")
    drafting = (units_for(user, Action.DRAFT_PLAN) | units_for(user, Action.SIGN_PLAN)
                | units_for(user, Action.MANAGE_UNIT)).values("pk")
    issued = Q(state__in=ISSUED_STATES) & (
        Q(issuer__in=viewable) | Q(pk__in=PlanBinding.objects.filter(unit__in=viewable).values("plan_id"))
    )
    return Plan.objects.filter(issued | Q(issuer__in=drafting))


def may_view(user, plan: Plan) -> bool:
    return plans_visible_to(user).filter(pk=plan.pk).exists()


def may_edit(user, plan: Plan) -> bool:
    return plan.state == PlanState.DRAFT and can(user, Action.DRAFT_PLAN, plan.issuer)


def may_sign(user, plan: Plan) -> bool:
    return plan.state == PlanState.AWAITING_SIGNATURE and can(user, Action.SIGN_PLAN, plan.issuer)


def may_amend(user, plan: Plan) -> bool:
    return plan.state == PlanState.ISSUED and can(user, Action.DRAFT_PLAN, plan.issuer)


def may_derive(user, plan: Plan) -> bool:
    from campaigns.services import derivable_units

    return plan.state == PlanState.ISSUED and derivable_units(user, plan).exists()


def can_review_reports(user, unit: Unit) -> bool:
    """Reports owed to ``unit`` are read by its reviewers, administrators and drafters."""
    return can(user, Action.REVIEW_FOR_UNIT, unit) or can(user, Action.MANAGE_UNIT, unit) or can(
        user, Action.DRAFT_PLAN, unit)


def report_receivers(plan: Plan) -> QuerySet[Unit]:
    """The units the plan's reports go to, and its issuer."""
    return Unit.objects.filter(Q(pk__in=Obligation.objects.filter(plan=plan).values("owed_to_id"))
                               | Q(pk=plan.issuer_id))


def may_view_report(user, report: Report) -> bool:
    """The reporting unit always. The units it reports to only once it was
    submitted: a saved draft is the unit's own work in progress, but a report
    sent back stays open to those who returned it."""
    if can(user, Action.ACT_FOR_UNIT, report.unit):
        return True
    if report.state == ReportState.DRAFT:
        return False
    # The unit this report is owed to, and the plan's issuer (whose roll-up counts it);
    # not every unit the plan's other reports go to.
    receivers = {report.plan.issuer}
    if report.obligation_id:
        receivers.add(report.obligation.owed_to)
    return any(can_review_reports(user, unit) for unit in receivers)


def register() -> None:
    OBJECT_RULES[("plan.view", Plan)] = may_view
    OBJECT_RULES[("plan.edit", Plan)] = may_edit
    OBJECT_RULES[("plan.sign", Plan)] = may_sign
    OBJECT_RULES[("plan.amend", Plan)] = may_amend
    OBJECT_RULES[("plan.derive", Plan)] = may_derive
    OBJECT_RULES[("report.view", Report)] = may_view_report
