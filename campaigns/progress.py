"""Reads for the progress of issued plans, as figures that a chart and the table
beside it share: the units a plan binds, how many issued their implementing plan,
filed each report, sent their nominations; by area (the bound unit's ancestor one
level under the issuer) or by emulation bloc; the burn-down of open obligations
to the last deadline. Apps above campaigns add charts (awards: quota use per award
type) through ``register_progress_chart``, as they add panels to the plan page.

Only units the person may see are counted (a district officer never sees a
neighbouring district's figures). Every figure is counted in the database by a
fixed number of grouped queries, whatever the number of units, obligations or
plans on the page."""

import datetime
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db.models import Case, CharField, Count, Exists, OuterRef, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce, Substr, TruncDate
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.models import REPORT_KINDS, DeadlineKind, Obligation, Plan, PlanBinding, PlanState
from campaigns.rules import ISSUED_STATES, plans_visible_to
from emulation.models import EmulationBloc, Unit, User
from emulation.permissions import Action, can, held_roles, units_for

# A materialised path segment: eight digits and a slash (emulation.services._path_for).
PATH_SEGMENT = 9
# At most this many points on a burn-down, however long the plan runs.
BURNDOWN_POINTS = 53


@dataclass
class Tally:
    """What is owed (waived obligations are not) and how much of it is done."""

    done: int = 0
    owed: int = 0

    @property
    def left(self) -> int:
        return self.owed - self.done

    def add(self, done: int, owed: int) -> None:
        self.done += done
        self.owed += owed


@dataclass
class Figures:
    bound: int = 0
    implementing: Tally = field(default_factory=Tally)  # expected to issue their own plan / issued it
    reports: Tally = field(default_factory=Tally)
    nominations: Tally = field(default_factory=Tally)
    open: int = 0  # obligations of any kind still open today
    overdue: int = 0  # of which past their due date


@dataclass
class PeriodRow:
    kind: str
    label: str
    due_on: datetime.date
    tally: Tally


@dataclass
class BurnPoint:
    on: datetime.date
    open: int | None  # None: a day still to come
    overdue: int | None


@dataclass
class Progress:
    """One plan's progress (or several plans' together, on the dashboard)."""

    figures: Figures
    periods: list[PeriodRow]
    areas: list[tuple[str, Figures]]
    blocs: list[tuple[str, Figures]]
    burndown: list[BurnPoint]


# Charts ------------------------------------------------------------------------------------

@dataclass
class Series:
    label: str
    values: list[int | None]
    stack: str = ""


@dataclass
class Chart:
    """A chart and its table: one row per label, one column per series, the same numbers in both."""

    slug: str
    title: str
    kind: str  # "bar" or "line"
    label_heading: str
    labels: list[str]
    series: list[Series]
    links: list[str] = field(default_factory=list)  # a link for each label's table cell, if any
    note: str = ""

    @property
    def rows(self) -> list[tuple[str, str, list[int | None]]]:
        links = self.links or [""] * len(self.labels)
        return [(label, link, [series.values[i] for series in self.series])
                for i, (label, link) in enumerate(zip(self.labels, links, strict=True))]

    @property
    def data_id(self) -> str:
        return f"bieu-do-{self.slug}-so-lieu"

    @property
    def data(self) -> dict:
        """What progress-charts.js draws (embedded with json_script)."""
        return {"kind": self.kind, "labels": self.labels,
                "datasets": [{"label": s.label, "data": s.values, **({"stack": s.stack} if s.stack else {})}
                             for s in self.series]}


ProgressChartBuilder = Callable[[User, list[Plan]], Chart | None]

progress_charts: list[ProgressChartBuilder] = []


def register_progress_chart(builder: ProgressChartBuilder) -> None:
    """Add ``builder`` once (``ready()`` may run more than once in tests). It gets the person
    and the plans shown (one on the plan page, a page of them on the dashboard) and returns a
    Chart or None (nothing to show this person); it must not cost a query per plan."""
    if builder not in progress_charts:
        progress_charts.append(builder)


def contributed_charts(user: User, plans: list[Plan]) -> list[Chart]:
    return [chart for build in progress_charts if (chart := build(user, plans)) is not None]


# Who sees what -----------------------------------------------------------------------------

def visible_units(user: User) -> QuerySet[Unit]:
    return units_for(user, Action.VIEW_UNIT)


def progress_provinces(user: User) -> QuerySet[Unit]:
    """The top-level units (provinces) whose dashboard the person may open: those they hold a role in."""
    if user.is_superuser:
        return Unit.objects.filter(parent__isnull=True, archived_at__isnull=True)
    tops = {held.unit_path[:PATH_SEGMENT] for held in held_roles(user)}
    return Unit.objects.filter(path__in=tops, archived_at__isnull=True)


def _issued_in(user: User, province: Unit) -> QuerySet[Plan]:
    """The issued plans of units in ``province`` that the person may see. Whoever may view
    the province itself sees every issued plan under it, so the general (and at national
    scale slower) visibility test is needed only for people below it."""
    # The units' ids themselves, not a join on their paths: PostgreSQL then reads the plans
    # through the (issuer, state, issued) index rather than all of them.
    units = list(Unit.objects.filter(path__startswith=province.path).values_list("pk", flat=True))
    plans = Plan.objects.filter(state=PlanState.ISSUED, issuer__in=units)
    return plans if can(user, Action.VIEW_UNIT, province) else plans & plans_visible_to(user)


def dashboard_plans(user: User, province: Unit, year: int | None = None) -> QuerySet[Plan]:
    """The issued plans of units in ``province`` that the person may see, newest first."""
    plans = _issued_in(user, province)
    if year:
        plans = plans.filter(issued_on__year=year)
    return plans.select_related("issuer").only(
        "id", "number", "symbol", "issued_on", "title", "state", "issuer__id", "issuer__name", "issuer__path",
        "issuer__abbreviation").order_by("-issued_on", "-id")


def dashboard_years(user: User, province: Unit) -> list[int]:
    dates = _issued_in(user, province).filter(issued_on__isnull=False).dates("issued_on", "year", order="DESC")
    return [d.year for d in dates]


# The figures -------------------------------------------------------------------------------

def _scoped(rows: QuerySet, plan_ids: list[int], visible: QuerySet[Unit]) -> QuerySet:
    return rows.filter(plan_id__in=plan_ids, unit__in=visible.values("pk")).order_by()


def _bindings(plan_ids: list[int], visible: QuerySet[Unit]) -> QuerySet:
    implemented = Plan.objects.filter(parent_id=OuterRef("plan_id"), issuer_id=OuterRef("unit_id"),
                                      state__in=ISSUED_STATES)
    return _scoped(PlanBinding.objects.all(), plan_ids, visible).annotate(implemented=Exists(implemented))


def _binding_counts(rows: QuerySet, *group: str) -> Iterable[dict]:
    return rows.values(*group).annotate(
        bound=Count("id"), expected=Count("id", filter=Q(expected_to_implement=True)),
        issued=Count("id", filter=Q(expected_to_implement=True, implemented=True)))


def _obligation_counts(rows: QuerySet, *group: str, today: datetime.date) -> Iterable[dict]:
    still_open = Q(fulfilled_at__isnull=True, waived_at__isnull=True)
    return rows.values(*group, "kind").annotate(
        owed=Count("id", filter=Q(waived_at__isnull=True)),
        done=Count("id", filter=Q(fulfilled_at__isnull=False, waived_at__isnull=True)),
        still_open=Count("id", filter=still_open), overdue=Count("id", filter=still_open & Q(due_on__lt=today)))


def _add_bindings(figures: Figures, row: dict) -> None:
    figures.bound += row["bound"]
    figures.implementing.add(row["issued"], row["expected"])


def _add_obligations(figures: Figures, row: dict) -> None:
    if row["kind"] in REPORT_KINDS:
        figures.reports.add(row["done"], row["owed"])
    elif row["kind"] == DeadlineKind.NOMINATIONS:
        figures.nominations.add(row["done"], row["owed"])
    figures.open += row["still_open"]
    figures.overdue += row["overdue"]


def _area_key(root: Unit) -> Case:
    """The bound unit's ancestor one level under ``root`` (itself if it is there; "" outside root)."""
    return Case(When(unit__path__startswith=root.path, then=Substr("unit__path", 1, len(root.path) + PATH_SEGMENT)),
                default=Value(""), output_field=CharField())


def plan_figures(plan_ids: list[int], visible: QuerySet[Unit], *, today: datetime.date | None = None
                 ) -> dict[int, Figures]:
    """Each plan's figures: two queries for any number of plans."""
    today = today or timezone.localdate()
    figures = {plan_id: Figures() for plan_id in plan_ids}
    for row in _binding_counts(_bindings(plan_ids, visible), "plan_id"):
        _add_bindings(figures[row["plan_id"]], row)
    obligations = _scoped(Obligation.objects.all(), plan_ids, visible)
    for row in _obligation_counts(obligations, "plan_id", today=today):
        _add_obligations(figures[row["plan_id"]], row)
    return figures


def _grouped(plan_ids, visible, key, label_of, today) -> list[tuple[str, Figures]]:
    groups: dict = {}
    for row in _binding_counts(_bindings(plan_ids, visible).annotate(group=key), "group"):
        _add_bindings(groups.setdefault(row["group"], Figures()), row)
    obligations = _scoped(Obligation.objects.all(), plan_ids, visible).annotate(group=key)
    for row in _obligation_counts(obligations, "group", today=today):
        _add_obligations(groups.setdefault(row["group"], Figures()), row)
    labels = label_of(list(groups))
    return [(labels[key][0], groups[key]) for key in sorted(groups, key=lambda k: labels[k][1])]


def _area_labels(root: Unit):
    def label_of(keys: list[str]) -> dict[str, tuple[str, str]]:
        names = dict(Unit.objects.filter(path__in=[key for key in keys if key]).values_list("path", "name"))
        # Sorted by path: the tree's order; units outside the issuer's tree last.
        return {key: (names.get(key, _("Đơn vị khác")), key or "~") for key in keys}
    return label_of


def _bloc_labels(keys: list[int]) -> dict[int, tuple[str, str]]:
    blocs = {pk: (name, kind) for pk, name, kind in EmulationBloc.objects.filter(pk__in=keys).values_list(
        "pk", "name", "kind")}
    return {key: (blocs[key][0], f"{blocs[key][1]}:{blocs[key][0]}") for key in keys}


def area_figures(plan_ids: list[int], visible: QuerySet[Unit], root: Unit, *, today: datetime.date | None = None
                 ) -> list[tuple[str, Figures]]:
    """Figures per area: the bound units' ancestors one level under ``root`` (the issuer, or the province)."""
    return _grouped(plan_ids, visible, _area_key(root), _area_labels(root), today or timezone.localdate())


def bloc_figures(plan_ids: list[int], visible: QuerySet[Unit], organiser: Unit, *,
                 today: datetime.date | None = None) -> list[tuple[str, Figures]]:
    """Figures per bloc or cluster organised by ``organiser``; a unit in two blocs counts in both."""
    blocs = EmulationBloc.objects.filter(organiser=organiser)
    if not blocs.exists():
        return []
    today = today or timezone.localdate()
    groups: dict[int, Figures] = {}
    # Grouped over the membership join: one row per (bloc, unit) pair.
    bindings = _bindings(plan_ids, visible).filter(unit__blocs__organiser=organiser)
    for row in _binding_counts(bindings, "unit__blocs"):
        _add_bindings(groups.setdefault(row["unit__blocs"], Figures()), row)
    obligations = _scoped(Obligation.objects.all(), plan_ids, visible).filter(unit__blocs__organiser=organiser)
    for row in _obligation_counts(obligations, "unit__blocs", today=today):
        _add_obligations(groups.setdefault(row["unit__blocs"], Figures()), row)
    labels = _bloc_labels(list(groups))
    return [(labels[key][0], groups[key]) for key in sorted(groups, key=lambda k: labels[k][1])]


def period_rows(plan_ids: list[int], visible: QuerySet[Unit]) -> list[PeriodRow]:
    """Per report kind and due date (and the nominations deadline): how many owed, how many done."""
    kinds = dict(DeadlineKind.choices)
    rows = _scoped(Obligation.objects.all(), plan_ids, visible).filter(
        kind__in=[*REPORT_KINDS, DeadlineKind.NOMINATIONS]).values("kind", "due_on").annotate(
        owed=Count("id", filter=Q(waived_at__isnull=True)),
        done=Count("id", filter=Q(fulfilled_at__isnull=False, waived_at__isnull=True))).order_by("due_on", "kind")
    return [PeriodRow(kind=row["kind"], label=str(kinds[row["kind"]]), due_on=row["due_on"],
                      tally=Tally(done=row["done"], owed=row["owed"])) for row in rows]


def burndown(plan_ids: list[int], visible: QuerySet[Unit], starts_on: datetime.date | None, *,
             today: datetime.date | None = None) -> list[BurnPoint]:
    """Open obligations (and how many of them overdue) on each week from ``starts_on`` (the issue
    date) to the latest due date; an obligation closes the day it is fulfilled or waived."""
    today = today or timezone.localdate()
    rows = list(_scoped(Obligation.objects.all(), plan_ids, visible).annotate(
        closed_on=TruncDate(Coalesce("fulfilled_at", "waived_at"))).values("due_on", "closed_on").annotate(
        total=Count("id")).order_by())
    if not rows:
        return []
    ends_on = max(row["due_on"] for row in rows)
    starts_on = min(starts_on or ends_on, ends_on)
    span = (ends_on - starts_on).days
    step = max(7, math.ceil(span / (BURNDOWN_POINTS - 1) / 7) * 7)
    days = [starts_on + datetime.timedelta(days=offset) for offset in range(0, span, step)] + [ends_on]
    points = []
    for day in days:
        if day > today:
            points.append(BurnPoint(on=day, open=None, overdue=None))
            continue
        still_open = [row for row in rows if row["closed_on"] is None or row["closed_on"] > day]
        points.append(BurnPoint(on=day, open=sum(row["total"] for row in still_open),
                                overdue=sum(row["total"] for row in still_open if row["due_on"] < day)))
    return points


def plan_progress(user: User, plan: Plan, *, today: datetime.date | None = None) -> Progress:
    """The plan page's figures, counted over the units the person may see."""
    visible = visible_units(user)
    ids = [plan.pk]
    today = today or timezone.localdate()
    return Progress(
        figures=plan_figures(ids, visible, today=today)[plan.pk],
        periods=period_rows(ids, visible),
        areas=area_figures(ids, visible, plan.issuer, today=today),
        blocs=bloc_figures(ids, visible, plan.issuer, today=today),
        burndown=burndown(ids, visible, plan.issued_on, today=today),
    )


def dashboard_progress(user: User, province: Unit, plans: list[Plan], *, today: datetime.date | None = None
                       ) -> tuple[dict[int, Figures], Progress]:
    """Each listed plan's figures, and all of them together by area and bloc of the province."""
    visible = visible_units(user)
    ids = [plan.pk for plan in plans]
    today = today or timezone.localdate()
    per_plan = plan_figures(ids, visible, today=today)
    together = Figures()
    for figures in per_plan.values():
        together.bound += figures.bound
        together.implementing.add(figures.implementing.done, figures.implementing.owed)
        together.reports.add(figures.reports.done, figures.reports.owed)
        together.nominations.add(figures.nominations.done, figures.nominations.owed)
        together.open += figures.open
        together.overdue += figures.overdue
    issued = [plan.issued_on for plan in plans if plan.issued_on]
    return per_plan, Progress(
        figures=together, periods=[],
        areas=area_figures(ids, visible, province, today=today) if ids else [],
        blocs=bloc_figures(ids, visible, province, today=today) if ids else [],
        burndown=burndown(ids, visible, min(issued) if issued else None, today=today) if ids else [],
    )
