"""Loads the seed plans (demo.seed_plans) through the plan services, so
demo plans obey the same rules as plans typed in the browser. Safe to run twice."""

from django.db import transaction

from campaigns.models import Plan, PlanState
from campaigns.services import plans as plan_services
from campaigns.services.plan_build import plan_build
from campaigns.specs import PlanSpec
from demo.seed_plans import SEED_PLANS


def _load(seed: PlanSpec, loaded: dict[str, Plan]) -> Plan:
    plan = plan_build(actor=None, spec=seed, plans_by_key=loaded)
    if seed.state == PlanState.ISSUED:
        # Recorded as issued on paper, with its real number and date.
        return plan_services.plan_issue(actor=None, plan=plan, issued_on=seed.issued_on, number=seed.number)
    plan_services.plan_submit(actor=None, plan=plan)
    return plan


@transaction.atomic
def load_seed_plans() -> list[Plan]:
    loaded: dict[str, Plan] = {}
    for seed in SEED_PLANS:
        existing = Plan.objects.filter(issuer__code=seed.issuer, title=seed.title).first()
        loaded[seed.key] = existing or _load(seed, loaded)
    return list(loaded.values())
