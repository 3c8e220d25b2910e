"""Campaign progress, as pictures: the progress panel of an issued plan's page
(contributed through campaigns.panels) and the province dashboard. Each chart is
drawn by static/js/progress-charts.js from the figures the page embeds, beside a
table of the same numbers; the table is there whether or not the chart draws."""

import hashlib

from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from campaigns import progress
from campaigns.models import Plan, PlanState
from campaigns.progress import Chart, Figures, Progress, Series
from emulation.models import User
from emulation.permissions import Action, require_somewhere, roles_fingerprint
from emulation.views import paginate

PER_PAGE = 20


def _figure_series(rows: list[Figures]) -> list[Series]:
    """Bound units, then done / not yet for each obligation, stacked in pairs."""
    return [
        Series(_("Đơn vị chịu sự điều chỉnh"), [f.bound for f in rows], stack="bound"),
        Series(_("Đã ban hành KH triển khai"), [f.implementing.done for f in rows], stack="implementing"),
        Series(_("Chưa ban hành KH triển khai"), [f.implementing.left for f in rows], stack="implementing"),
        Series(_("Đã nộp báo cáo"), [f.reports.done for f in rows], stack="reports"),
        Series(_("Chưa nộp báo cáo"), [f.reports.left for f in rows], stack="reports"),
        Series(_("Đã gửi hồ sơ khen thưởng"), [f.nominations.done for f in rows], stack="nominations"),
        Series(_("Chưa gửi hồ sơ khen thưởng"), [f.nominations.left for f in rows], stack="nominations"),
    ]


def summary_chart(figures: Figures) -> Chart:
    tallies = [figures.implementing, figures.reports, figures.nominations]
    return Chart(
        slug="tong-hop", title=_("Tình hình thực hiện"), kind="bar", label_heading=_("Việc phải làm"),
        labels=[_("Ban hành kế hoạch triển khai"), _("Nộp báo cáo"), _("Gửi hồ sơ đề nghị khen thưởng")],
        series=[Series(_("Đã thực hiện"), [t.done for t in tallies], stack="all"),
                Series(_("Chưa thực hiện"), [t.left for t in tallies], stack="all")],
        note=_("Số đơn vị chịu sự điều chỉnh: %(bound)s · nghĩa vụ còn mở: %(open)s, trong đó quá hạn: %(overdue)s.")
        % {"bound": figures.bound, "open": figures.open, "overdue": figures.overdue})


def periods_chart(rows: list[progress.PeriodRow]) -> Chart | None:
    if not rows:
        return None
    return Chart(
        slug="theo-han", title=_("Theo từng hạn nộp"), kind="bar", label_heading=_("Việc phải nộp, hạn"),
        labels=[f"{row.label} — {row.due_on:%d/%m/%Y}" for row in rows],
        series=[Series(_("Đã nộp"), [row.tally.done for row in rows], stack="all"),
                Series(_("Chưa nộp"), [row.tally.left for row in rows], stack="all")])


def grouped_chart(slug: str, title: str, heading: str, groups: list[tuple[str, Figures]]) -> Chart | None:
    if not groups:
        return None
    return Chart(slug=slug, title=title, kind="bar", label_heading=heading, labels=[name for name, _f in groups],
                 series=_figure_series([figures for _name, figures in groups]))


def burndown_chart(points: list[progress.BurnPoint]) -> Chart | None:
    if not points:
        return None
    return Chart(
        slug="con-lai", title=_("Nghĩa vụ còn phải nộp đến hạn cuối"), kind="line", label_heading=_("Ngày"),
        labels=[f"{point.on:%d/%m/%Y}" for point in points],
        series=[Series(_("Còn phải nộp"), [point.open for point in points]),
                Series(_("Trong đó quá hạn"), [point.overdue for point in points])],
        note=_("“—”: ngày chưa đến."))


def progress_charts(user: User, plans: list[Plan], found: Progress, *, with_summary: bool) -> list[Chart]:
    charts = [summary_chart(found.figures)] if with_summary else []
    charts += [
        periods_chart(found.periods),
        grouped_chart("dia-ban", _("Theo địa bàn"), _("Địa bàn"), found.areas),
        grouped_chart("khoi-cum", _("Theo khối, cụm thi đua"), _("Khối, cụm"), found.blocs),
        burndown_chart(found.burndown),
        *progress.contributed_charts(user, plans),
    ]
    return [chart for chart in charts if chart is not None]


# Progress adds up every bound unit's obligations: counted again at most once a minute for the
# people who see the same (the page says when), not on every visit.
PROGRESS_SECONDS = 60


def plan_progress_panel(user: User, plan: Plan) -> dict | None:
    """The plan page's progress panel: for an issued plan, to whoever may view it (the page checked)."""
    if plan.state != PlanState.ISSUED:
        return None
    key = f"plan-progress:{plan.pk}:{roles_fingerprint(user)}:{get_language()}"
    panel = cache.get(key)
    if panel is None:
        found = progress.plan_progress(user, plan)
        panel = {"template": "campaigns/_progress_panel.html", "counted_at": timezone.localtime(),
                 "charts": progress_charts(user, [plan], found, with_summary=True)}
        cache.set(key, panel, PROGRESS_SECONDS)
    return panel


def progress_dashboard(request: HttpRequest) -> HttpResponse:
    """A province's issued plans with their progress, by year, a page at a time."""
    require_somewhere(request.user, Action.VIEW_UNIT, _("Trang tiến độ chỉ dành cho người có vai trò ở một đơn vị."))
    provinces = list(progress.progress_provinces(request.user).order_by("path"))
    if not provinces:
        raise PermissionDenied(_("Bạn không có vai trò ở tỉnh, thành phố nào."))
    chosen = request.GET.get("tinh", "")
    province = next((unit for unit in provinces if str(unit.pk) == chosen), None) if chosen else provinces[0]
    if province is None:
        raise PermissionDenied(_("Tỉnh, thành phố này nằm ngoài phạm vi bạn được xem."))
    # The same figures for whoever holds the same roles, and the page's own links from its query string.
    asked = hashlib.sha256(request.GET.urlencode().encode()).hexdigest()[:16]
    key = f"progress-dashboard:{province.pk}:{roles_fingerprint(request.user)}:{asked}:{get_language()}"
    content = cache.get(key)
    if content is None:
        content = render_to_string("campaigns/_progress_dashboard_content.html",
                                   _dashboard_context(request, province, provinces), request=request)
        cache.set(key, content, PROGRESS_SECONDS)
    return render(request, "campaigns/progress_dashboard.html", {"province": province, "content": content})


def _dashboard_context(request: HttpRequest, province, provinces) -> dict:
    years = progress.dashboard_years(request.user, province)
    year = request.GET.get("nam", "")
    year = int(year) if year.isdigit() and int(year) in years else None
    page = paginate(request, progress.dashboard_plans(request.user, province, year), per_page=PER_PAGE)
    plans = list(page.object_list)
    per_plan, together = progress.dashboard_progress(request.user, province, plans)
    plan_rows = [per_plan[plan.pk] for plan in plans]
    by_plan = Chart(slug="ke-hoach", title=_("Theo kế hoạch"), kind="bar", label_heading=_("Kế hoạch"),
                    labels=[plan.number_symbol or str(plan.pk) for plan in plans],
                    links=[reverse("plan_detail", args=[plan.pk]) for plan in plans],
                    series=_figure_series(plan_rows)) if plans else None
    charts = [chart for chart in [by_plan] if chart] + progress_charts(request.user, plans, together,
                                                                        with_summary=bool(plans))
    return {"province": province, "provinces": provinces, "years": years, "year": year, "page": page,
            "plans": plans, "charts": charts, "counted_at": timezone.localtime()}
