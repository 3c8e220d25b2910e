"""The awards part of a plan's page, contributed through campaigns.panels
(registered in AwardsConfig.ready()), so that campaigns never imports awards."""

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _

from awards.models import QUOTA_STATES, Nomination
from awards.rules import AwardAction
from awards.selectors import quota_ledger
from campaigns.models import Plan, PlanState, Quota
from campaigns.progress import Chart, Series
from emulation.models import User
from emulation.permissions import Action, can, units_for


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


def quota_use_chart(user: User, plans: list[Plan]) -> Chart | None:
    """Quota use per award type, for campaigns' progress charts (registered in AwardsConfig.ready()).
    One plan (its page): the quota ledger's own figures, to those who may see the ledger. A page of
    plans (the dashboard): two grouped queries, over the plans whose issuer the person drafts or
    signs for; places taken under the version a plan amends count, as in the ledger."""
    if len(plans) == 1:
        if not can(user, AwardAction.REVIEW_PLAN_NOMINATIONS, plans[0]):
            return None
        use: dict[str, list] = {}
        for row in quota_ledger(plans[0]):
            places, taken = use.setdefault(row.quota.award_type.name, [0, 0])
            use[row.quota.award_type.name] = [None if places is None or row.quota.count is None
                                              else places + row.quota.count, taken + row.taken]
    else:
        issuers = units_for(user, Action.DRAFT_PLAN) | units_for(user, Action.SIGN_PLAN)
        ids = list(Plan.objects.filter(pk__in=[plan.pk for plan in plans], issuer__in=issuers.values("pk"))
                   .values_list("pk", flat=True))
        if not ids:
            return None
        use = {name: [None if unlimited else places, 0] for name, places, unlimited in Quota.objects.filter(
            plan_id__in=ids).values("award_type__name").annotate(
            places=Sum("count"), unlimited=Count("id", filter=Q(count__isnull=True))).order_by(
            "award_type__position", "award_type__name").values_list("award_type__name", "places", "unlimited")}
        for name, taken in Nomination.objects.filter(
                Q(quota__plan_id__in=ids) | Q(quota__plan__superseded_by__in=ids), state__in=QUOTA_STATES).values(
                "award_type__name").annotate(taken=Count("id")).order_by().values_list("award_type__name", "taken"):
            use.setdefault(name, [None, 0])[1] = taken
    if not use:
        return None
    names = list(use)
    return Chart(slug="chi-tieu-khen-thuong", title=_("Sử dụng chỉ tiêu khen thưởng"), kind="bar",
                 label_heading=_("Hình thức, danh hiệu"), labels=names,
                 series=[Series(_("Số suất"), [use[name][0] for name in names]),
                         Series(_("Đã sử dụng (đề nghị, thông qua, đã khen)"), [use[name][1] for name in names])],
                 note=_("“—”: không giới hạn số suất."))
