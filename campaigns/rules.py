"""Who may do what to a plan or a report; registered into the one permission
layer. The querysets that scope these rules (which plans a person sees, for
which units they may derive or report) live beside them, so that a rule and
the list it guards cannot disagree."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from campaigns.models import (
    REPORT_KINDS,
    Obligation,
    PeriodKind,
    Plan,
    PlanBinding,
    PlanImportState,
    PlanState,
    Report,
    ReportState,
)
from emulation.models import Unit, User
from emulation.permissions import OBJECT_RULES, Action, can, can_somewhere, units_for

ISSUED_STATES = (PlanState.ISSUED, PlanState.SUPERSEDED)


def drafting_units(user) -> QuerySet[Unit]:
    """Units whose drafts and outgoing register the person works on: as
    drafter, signer, records clerk or administrator."""
    return (units_for(user, Action.DRAFT_PLAN) | units_for(user, Action.SIGN_PLAN)
            | units_for(user, Action.ISSUE_DOCUMENT) | units_for(user, Action.MANAGE_UNIT))


def plans_visible_to(user) -> QuerySet[Plan]:
    """Issued plans of units in the person's scope or binding a unit in it;
    drafts only to the issuer's drafters, signers and administrators."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Plan.objects.none()
    if user.is_superuser:
        return Plan.objects.all()
    viewable = units_for(user, Action.VIEW_UNIT).values("pk")
    issued = Q(state__in=ISSUED_STATES) & (
        Q(issuer__in=viewable) | Q(pk__in=PlanBinding.objects.filter(unit__in=viewable).values("plan_id"))
    )
    return Plan.objects.filter(issued | Q(issuer__in=drafting_units(user).values("pk")))


def may_register_outside_documents(user) -> bool:
    """Whoever drafts plans (drafters, unit officers) or keeps records (clerks), anywhere, adds to the
    shared register of outside documents."""
    return can_somewhere(user, Action.DRAFT_PLAN) or can_somewhere(user, Action.ISSUE_DOCUMENT)


def derivable_units(user: User, parent: Plan) -> QuerySet[Unit]:
    """The person's units that the parent plan binds and that have no live implementing plan yet."""
    bound = PlanBinding.objects.filter(plan=parent).values("unit_id")
    done = Plan.objects.filter(parent=parent).exclude(state=PlanState.SUPERSEDED).values("issuer_id")
    return units_for(user, Action.DRAFT_PLAN).filter(pk__in=bound).exclude(pk__in=done)


def reporting_units(user: User, plan: Plan) -> QuerySet[Unit]:
    """The person's units that owe the plan a report."""
    owing = Obligation.objects.filter(plan=plan, kind__in=REPORT_KINDS).values("unit_id")
    return units_for(user, Action.ACT_FOR_UNIT).filter(pk__in=owing)


def report_receivers(plan: Plan) -> QuerySet[Unit]:
    """The units the plan's reports go to, and its issuer."""
    return Unit.objects.filter(Q(pk__in=Obligation.objects.filter(plan=plan).values("owed_to_id"))
                               | Q(pk=plan.issuer_id))


# Plans ------------------------------------------------------------------------------------

def may_view(user, plan: Plan) -> bool:
    return plans_visible_to(user).filter(pk=plan.pk).exists()


def may_edit(user, plan: Plan) -> bool:
    return plan.state == PlanState.DRAFT and can(user, Action.DRAFT_PLAN, plan.issuer)


def may_sign(user, plan: Plan) -> bool:
    return plan.state == PlanState.AWAITING_SIGNATURE and can(user, Action.SIGN_PLAN, plan.issuer)


def may_amend(user, plan: Plan) -> bool:
    """An issued plan, by its issuer's drafters, once: while one amendment is
    being drafted there is no second."""
    return (plan.state == PlanState.ISSUED and can(user, Action.DRAFT_PLAN, plan.issuer)
            and not Plan.objects.filter(supersedes=plan).exists())


def may_record_issued(user, plan: Plan) -> bool:
    """A draft whose plan was issued on paper or elsewhere is recorded by its issuer's records clerk."""
    return plan.state == PlanState.DRAFT and can(user, Action.ISSUE_DOCUMENT, plan.issuer)


def may_close_period(user, plan: Plan) -> bool:
    """A period that ends at an event gets its end date, once known, from the issuer's drafters."""
    return (plan.state == PlanState.ISSUED and plan.period_kind == PeriodKind.UNTIL_EVENT and plan.ends_on is None
            and can(user, Action.DRAFT_PLAN, plan.issuer))


def may_derive(user, plan: Plan) -> bool:
    return plan.state == PlanState.ISSUED and derivable_units(user, plan).exists()


def may_report(user, plan: Plan) -> bool:
    """File a report under the plan for one of the person's units that owes one."""
    return reporting_units(user, plan).exists()


def may_view_rollup(user, plan: Plan) -> bool:
    """The roll-up of the plan's reports: for whoever reviews reports for one of the units they go to."""
    return any(can(user, "reports.review", unit) for unit in report_receivers(plan))


# Reports ----------------------------------------------------------------------------------

def may_review_reports(user, unit: Unit) -> bool:
    """Reports owed to ``unit`` are read, and returned, by its reviewers, administrators and drafters."""
    return can(user, Action.REVIEW_FOR_UNIT, unit) or can(user, Action.MANAGE_UNIT, unit) or can(
        user, Action.DRAFT_PLAN, unit)


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
    return any(can(user, "reports.review", unit) for unit in receivers)


# Pages across units -----------------------------------------------------------------------

def require_register_access(user) -> None:
    """Like ``require_somewhere``, for the outgoing register: its keepers and readers only."""
    if not drafting_units(user).exists():
        raise PermissionDenied(_("Sổ văn bản đi chỉ dành cho người soạn thảo, người ký và quản trị."))


def register() -> None:
    OBJECT_RULES[("plan.view", Plan)] = may_view
    OBJECT_RULES[("plan.edit", Plan)] = may_edit
    OBJECT_RULES[("plan.sign", Plan)] = may_sign
    OBJECT_RULES[("plan.amend", Plan)] = may_amend
    OBJECT_RULES[("plan.derive", Plan)] = may_derive
    OBJECT_RULES[("plan.close_period", Plan)] = may_close_period
    OBJECT_RULES[("plan.record_issued", Plan)] = may_record_issued
    OBJECT_RULES[("plan.report", Plan)] = may_report
    OBJECT_RULES[("plan.rollup", Plan)] = may_view_rollup
    OBJECT_RULES[("reports.review", Unit)] = may_review_reports
    OBJECT_RULES[("report.view", Report)] = may_view_report


# Plans read from a Word file ---------------------------------------------------------------

def plan_import_units(user: User) -> QuerySet[Unit]:
    """Where a person may bring in a plan from a file: where they draft plans (a draft is made)
    or keep the records (the plan is recorded as issued)."""
    return (units_for(user, Action.DRAFT_PLAN) | units_for(user, Action.ISSUE_DOCUMENT)).distinct()


def may_import_plans(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active) and plan_import_units(user).exists()


def may_review_import(user, plan_import) -> bool:
    """A review is its officer's own, while it is open, and while they still act for its unit."""
    return (plan_import.created_by_id == user.pk and plan_import.state == PlanImportState.REVIEWING
            and plan_import_units(user).filter(pk=plan_import.unit_id).exists())


def may_import_as_draft(user, unit: Unit) -> bool:
    return can(user, Action.DRAFT_PLAN, unit)


def may_import_as_issued(user, unit: Unit) -> bool:
    return can(user, Action.ISSUE_DOCUMENT, unit)
