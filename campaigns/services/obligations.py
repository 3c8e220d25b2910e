"""Writes for obligations: created from an issued plan's deadlines, fulfilled
by what the unit sends, waived by the unit owed; and a unit's calendar link."""

import datetime
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.models import Deadline, Obligation, Plan, Recurrence, UnitCalendar
from emulation.models import Unit, User
from emulation.permissions import Action, require
from emulation.services import audit_record

# Yearly deadlines get their obligations up to this many years ahead (the sweep adds the rest).
YEARS_AHEAD = 1


def _due_dates(deadline: Deadline, until_year: int) -> list[datetime.date]:
    if deadline.due_on is None:
        return []
    if deadline.recurrence == Recurrence.ONCE:
        return [deadline.due_on]
    dates = []
    for year in range(deadline.due_on.year, until_year + 1):
        try:
            dates.append(deadline.due_on.replace(year=year))
        except ValueError:  # 29 February
            dates.append(datetime.date(year, 2, 28))
    return dates


def obligations_create(*, plan: Plan, today: datetime.date | None = None) -> int:
    """Create the obligations of an issued plan (yearly ones up to next year). Safe to run again."""
    today = today or timezone.localdate()
    created = 0
    for deadline in plan.deadlines.prefetch_related("from_units"):
        for due_on in _due_dates(deadline, today.year + YEARS_AHEAD):
            for unit in deadline.from_units.all():
                _, made = Obligation.objects.get_or_create(
                    deadline=deadline, unit=unit, due_on=due_on,
                    defaults={"plan": plan, "owed_to": deadline.to_unit, "kind": deadline.kind})
                created += made
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
