"""Writes for obligations: created from an issued plan's deadlines, fulfilled
by what the unit sends, waived by the unit owed; and a unit's calendar link."""

import datetime
import logging
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.models import Deadline, Obligation, Plan, PlanState, Recurrence, UnitCalendar
from emulation.models import Unit, User
from emulation.permissions import Action, require
from emulation.services import audit_record

logger = logging.getLogger(__name__)
# Yearly deadlines get their obligations up to this many years ahead (the sweep adds the rest).
YEARS_AHEAD = 1


def _in_year(due_on: datetime.date, year: int) -> datetime.date:
    try:
        return due_on.replace(year=year)
    except ValueError:  # 29 February
        return datetime.date(year, 2, 28)


def _due_dates(deadline: Deadline, until_year: int, period_ends_on: datetime.date | None) -> list[datetime.date]:
    """A yearly deadline falls each year up to ``until_year``, and never after the plan's period ends."""
    if deadline.due_on is None:
        return []
    if deadline.recurrence == Recurrence.ONCE:
        return [deadline.due_on]
    dates = [_in_year(deadline.due_on, year) for year in range(deadline.due_on.year, until_year + 1)]
    return [due_on for due_on in dates if period_ends_on is None or due_on <= period_ends_on]


def obligations_create(*, plan: Plan, today: datetime.date | None = None) -> int:
    """Create the obligations of an issued plan (yearly ones up to next year). Safe to run again, and on
    two workers at once: the unique (deadline, unit, due date) keeps one of each. Returns how many were
    missing when read (a worker racing this one may have created some of them)."""
    today = today or timezone.localdate()
    deadlines = list(plan.deadlines.filter(due_on__isnull=False))
    # Ids are all that is needed of the units: a national plan binds thousands of them.
    from_units: dict[int, list[int]] = {}
    for deadline_id, unit_id in Deadline.from_units.through.objects.filter(
            deadline__in=deadlines).order_by("unit__path").values_list("deadline_id", "unit_id"):
        from_units.setdefault(deadline_id, []).append(unit_id)
    existing = set(Obligation.objects.filter(deadline__in=deadlines).values_list("deadline_id", "unit_id", "due_on"))
    missing = [
        Obligation(deadline=deadline, plan=plan, unit_id=unit_id, owed_to_id=deadline.to_unit_id, kind=deadline.kind,
                   due_on=due_on)
        for deadline in deadlines
        for due_on in _due_dates(deadline, today.year + YEARS_AHEAD, plan.ends_on)
        for unit_id in from_units.get(deadline.pk, [])
        if (deadline.pk, unit_id, due_on) not in existing]
    Obligation.objects.bulk_create(missing, batch_size=2000, ignore_conflicts=True)
    return len(missing)


def plans_lacking_next_year(*, today: datetime.date) -> list[int]:
    """The issued plans with a yearly deadline that has no obligation yet for the year the sweep keeps
    ready: one query, which is all the hourly sweep costs once they exist. A deadline's obligations for
    a year are created together (one plan, one transaction), so one of them stands for all."""
    year = today.year + YEARS_AHEAD
    lacking = Deadline.objects.filter(
        plan__state=PlanState.ISSUED, recurrence=Recurrence.YEARLY, due_on__year__lte=year, from_units__isnull=False,
    ).exclude(plan__ends_on__year__lt=year).exclude(
        Exists(Obligation.objects.filter(deadline=OuterRef("pk"), due_on__year=year)))
    # A period ending in that year before the deadline's day has nothing to create: left out here,
    # or the plan would be picked again every hour.
    return sorted({plan_id for plan_id, due_on, ends_on in lacking.values_list("plan_id", "due_on", "plan__ends_on")
                   if ends_on is None or _in_year(due_on, year) <= ends_on})


def obligations_create_next_year(*, today: datetime.date) -> int:
    """The sweep's part: give yearly deadlines their obligations for next year, once. A plan that
    fails is logged and tried again next sweep; the others go on."""
    created = 0
    for plan in Plan.objects.filter(pk__in=plans_lacking_next_year(today=today)).order_by("pk"):
        try:
            with transaction.atomic():
                created += obligations_create(plan=plan, today=today)
        except Exception:
            logger.exception("Could not create the obligations of plan %s; the sweep goes on.", plan.pk)
    return created


def obligations_fulfil(*, plan: Plan, unit: Unit, kinds, what: str) -> int:
    """Mark the earliest open obligations of ``unit`` of these kinds under ``plan`` fulfilled."""
    open_ones = Obligation.objects.filter(plan=plan, unit=unit, kind__in=list(kinds), fulfilled_at__isnull=True,
                                          waived_at__isnull=True).order_by("due_on")
    first = open_ones.first()
    if first is None:
        return 0
    return Obligation.objects.filter(pk=first.pk).update(fulfilled_at=timezone.now(), fulfilment=what[:255])


@transaction.atomic
def obligation_waive(*, actor: User, obligation: Obligation, reason: str) -> Obligation:
    require(actor, Action.REVIEW_FOR_UNIT, obligation.owed_to, _("Chỉ đơn vị nhận mới miễn được nghĩa vụ này."))
    if not reason.strip():
        raise ValidationError({"reason": _("Hãy ghi lý do miễn.")})
    obligation.waived_at = timezone.now()
    obligation.waived_reason = reason.strip()
    obligation.save(update_fields=["waived_at", "waived_reason"])
    audit_record(actor=actor, target=obligation.plan, action="obligation.waive", reason=reason,
                 changes={_("đơn vị"): obligation.unit.name, _("hạn"): f"{obligation.due_on:%d/%m/%Y}"})
    return obligation


def calendar_token(unit: Unit, *, renew: bool = False) -> str:
    """The secret of the unit's calendar feed, made on first use; ``renew`` replaces it."""
    calendar, created = UnitCalendar.objects.get_or_create(unit=unit, defaults={"token": secrets.token_urlsafe(32)})
    if renew and not created:
        calendar.token = secrets.token_urlsafe(32)
        calendar.save(update_fields=["token", "renewed_at"])
    return calendar.token
