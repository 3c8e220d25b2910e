"""The reminder sweep: before a due date the responsible units are reminded,
after it the unit and the unit owed are told, each message sent once ever
(a unique row in the database decides, not good intentions); and emails whose
task never reached the broker are sent here."""

import datetime
import logging

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.models import Obligation, OverdueSummaryLog, Plan, PlanState, Recurrence, ReminderLog
from campaigns.services.obligations import obligations_create
from emulation.models import Notification, Role, User
from emulation.permissions import people_holding
from emulation.services import mail_server_unreachable, notification_email_send, notification_send

logger = logging.getLogger(__name__)
DEFAULT_LEAD_DAYS = (14, 7, 3, 1)


def lead_days(plan: Plan) -> list[int]:
    days = [int(day) for day in (plan.reminder_days or DEFAULT_LEAD_DAYS) if int(day) > 0]
    return sorted(set(days), reverse=True)


def _people_to_remind(unit_ids) -> dict[int, list[User]]:
    people: dict[int, list[User]] = {}
    for person in people_holding([Role.UNIT_OFFICER, Role.DRAFTER], unit_ids).prefetch_related("roles"):
        for held in person.roles.all():
            if held.unit_id in unit_ids and held.role in (Role.UNIT_OFFICER, Role.DRAFTER):
                people.setdefault(held.unit_id, [])
                if person not in people[held.unit_id]:
                    people[held.unit_id].append(person)
    return people


def _claim(obligation: Obligation, keys: list[str]) -> bool:
    """Insert the reminder rows; True when at least one is new (so: send now)."""
    fresh = False
    for key in keys:
        try:
            with transaction.atomic():
                ReminderLog.objects.create(obligation=obligation, key=key)
            fresh = True
        except IntegrityError:
            continue
    return fresh


def _reminder_keys(obligation: Obligation, today: datetime.date, leads: list[int]) -> list[str]:
    days_left = (obligation.due_on - today).days
    if days_left >= 0:
        return [f"before:{lead}" for lead in leads if days_left <= lead]
    days_over = -days_left
    keys = ["overdue:1"]
    keys += [f"overdue:w{week}" for week in range(1, (days_over - 1) // 7 + 1)]
    return keys


def _message(obligation: Obligation, today: datetime.date) -> tuple[str, str]:
    what = obligation.get_kind_display()
    due = f"{obligation.due_on:%d/%m/%Y}"
    if today <= obligation.due_on:
        days = (obligation.due_on - today).days
        title = _("Nhắc hạn: %(what)s — còn %(days)s ngày (hạn %(due)s)") % {"what": what, "days": days, "due": due}
    else:
        title = _("Quá hạn: %(what)s — hạn %(due)s đã qua") % {"what": what, "due": due}
    body = _("Kế hoạch số %(number)s của %(issuer)s: %(unit)s phải nộp %(what)s về %(to)s trước ngày %(due)s.") % {
        "number": obligation.plan.number_symbol, "issuer": obligation.plan.issuer.name, "unit": obligation.unit.name,
        "what": what.lower(), "to": obligation.owed_to.name, "due": due}
    return title, body


def _remind(obligation: Obligation, today: datetime.date, people: dict[int, list[User]],
            already: set[tuple[int, str]]) -> bool:
    """Remind the unit of one obligation of what is due; True when sent now."""
    keys = [key for key in _reminder_keys(obligation, today, lead_days(obligation.plan))
            if (obligation.pk, key) not in already]
    if not keys:
        return False
    with transaction.atomic():
        if not _claim(obligation, keys):
            return False
        title, body = _message(obligation, today)
        for person in people.get(obligation.unit_id, []):
            notification_send(recipient=person, title=title, body=body, url=reverse("obligation_list"))
    return True


def reminders_sweep(*, today: datetime.date | None = None) -> dict[str, int]:
    """Send what is due today. Each obligation is handled in its own transaction:
    the reminder rows and the notifications commit together or not at all, so a
    worker killed mid-way loses nothing and a second worker repeats nothing.
    One item that fails is logged and skipped (and tried again next sweep); it
    never stops the reminders of all the others."""
    today = today or timezone.localdate()
    for plan in Plan.objects.filter(state=PlanState.ISSUED, deadlines__recurrence=Recurrence.YEARLY).distinct():
        try:
            with transaction.atomic():
                obligations_create(plan=plan, today=today)
        except Exception:
            logger.exception("Could not create the obligations of plan %s; the sweep goes on.", plan.pk)
    horizon = today + datetime.timedelta(days=max(DEFAULT_LEAD_DAYS + (60,)))
    candidates = Obligation.objects.filter(
        fulfilled_at__isnull=True, waived_at__isnull=True, due_on__lte=horizon, plan__state=PlanState.ISSUED,
    ).select_related("plan__issuer", "owed_to", "unit")
    candidates = list(candidates)
    people = _people_to_remind({obligation.unit_id for obligation in candidates})
    # Skip what was already sent without touching the database again; the unique
    # constraint still decides when two sweeps race for the same reminder.
    already = set(ReminderLog.objects.filter(obligation__in=[o.pk for o in candidates]).values_list(
        "obligation_id", "key"))
    sent = 0
    for obligation in candidates:
        try:
            sent += _remind(obligation, today, people, already)
        except Exception:
            logger.exception("The reminder of obligation %s failed; the sweep goes on.", obligation.pk)
    summaries = overdue_summaries_send(today=today)
    emails = notification_emails_catch_up()
    return {"reminders": sent, "summaries": summaries, "emails": emails}


def _summary_send(unit_id: int, items: list[Obligation], label: str) -> bool:
    """The week's overdue summary for one unit owed; True when sent now."""
    with transaction.atomic():
        try:
            with transaction.atomic():
                OverdueSummaryLog.objects.create(unit_id=unit_id, week=label)
        except IntegrityError:
            return False
        lines = [f"- {o.unit.name}: {o.get_kind_display().lower()}, hạn {o.due_on:%d/%m/%Y}" for o in items]
        receivers = people_holding([Role.REVIEWER, Role.UNIT_OFFICER, Role.DRAFTER], [unit_id])
        for person in receivers:
            notification_send(recipient=person, title=_("Tổng hợp quá hạn tuần %(week)s: %(count)s nghĩa vụ") % {
                "week": label, "count": len(items)}, body="\n".join(lines), url=reverse("obligation_list"))
    return True


def overdue_summaries_send(*, today: datetime.date) -> int:
    """Once a week, tell each unit owed which obligations towards it are overdue.
    A unit whose summary fails is logged and tried again next sweep; the others go out."""
    year, week, _weekday = today.isocalendar()
    label = f"{year}-W{week:02d}"
    overdue = Obligation.objects.filter(fulfilled_at__isnull=True, waived_at__isnull=True, due_on__lt=today,
                                        plan__state=PlanState.ISSUED).select_related("unit", "owed_to")
    by_unit: dict[int, list[Obligation]] = {}
    for obligation in overdue:
        by_unit.setdefault(obligation.owed_to_id, []).append(obligation)
    sent = 0
    for unit_id, items in by_unit.items():
        try:
            sent += _summary_send(unit_id, items, label)
        except Exception:
            logger.exception("The overdue summary for unit %s failed; the others go on.", unit_id)
    return sent


def notification_emails_catch_up(*, older_than_minutes: int = 10) -> int:
    """Emails whose task never reached the broker are sent by the sweep. Emails
    that can never go out are marked by notification_email_send and left out."""
    cutoff = timezone.now() - datetime.timedelta(minutes=older_than_minutes)
    pending = Notification.objects.filter(email_wanted=True, emailed_at__isnull=True, email_failed_at__isnull=True,
                                          created_at__lt=cutoff)
    sent = 0
    for pk in pending.values_list("pk", flat=True)[:500]:
        try:
            sent += notification_email_send(notification_id=pk)
        except Exception as error:
            if mail_server_unreachable(error):
                # The rest would only wait for the same timeout.
                logger.exception("Could not reach the mail server; the next sweep sends the rest.")
                break
            logger.exception("The email of notification %s failed; the others go on.", pk)
    return sent
