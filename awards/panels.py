"""The awards part of a plan's page, contributed through campaigns.panels
(registered in AwardsConfig.ready()), so that campaigns never imports awards."""

from awards.rules import AwardAction
from campaigns.models import Plan, PlanState
from emulation.models import User
from emulation.permissions import can


def plan_awards_panel(user: User, plan: Plan) -> dict | None:
    """Nominate under the plan; its quota ledger, council and decisions. Only on
    a plan in force, and only when the person may do one of the two."""
    if plan.state != PlanState.ISSUED:
        return None
    may_nominate = can(user, AwardAction.NOMINATE_UNDER_PLAN, plan)
    may_see_ledger = can(user, AwardAction.REVIEW_PLAN_NOMINATIONS, plan)
    if not (may_nominate or may_see_ledger):
        return None
    return {"template": "awards/_plan_panel.html", "may_nominate": may_nominate, "may_see_ledger": may_see_ledger}
