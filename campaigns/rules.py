"""Who may do what to a plan; registered into the one permission layer."""

from django.db.models import Q, QuerySet

from campaigns.models import Plan, PlanBinding, PlanState
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


def register() -> None:
    OBJECT_RULES[("plan.view", Plan)] = may_view
    OBJECT_RULES[("plan.edit", Plan)] = may_edit
    OBJECT_RULES[("plan.sign", Plan)] = may_sign
    OBJECT_RULES[("plan.amend", Plan)] = may_amend
    OBJECT_RULES[("plan.derive", Plan)] = may_derive
