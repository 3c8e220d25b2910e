"""What apps above campaigns add to a plan's page. awards, say, shows there
who may nominate under the plan and links its quota ledger; campaigns must not
import awards to know that, so awards registers a panel builder in its
``AppConfig.ready()`` and the plan page renders whatever the builders return.

A builder takes the person and the plan and returns ``None`` (nothing to show
this person) or a dict with ``template``, the template to include, and the
context that template needs; the template gets the page's context too."""

from collections.abc import Callable

from campaigns.models import Plan
from emulation.models import User

PlanPanelBuilder = Callable[[User, Plan], dict | None]

plan_panels: list[PlanPanelBuilder] = []


def register_plan_panel(builder: PlanPanelBuilder) -> None:
    """Add ``builder`` once (``ready()`` may run more than once in tests)."""
    if builder not in plan_panels:
        plan_panels.append(builder)


def panels_for(user: User, plan: Plan) -> list[dict]:
    """The contributed panels to show this person on this plan's page, in registration order."""
    return [panel for build in plan_panels if (panel := build(user, plan)) is not None]
