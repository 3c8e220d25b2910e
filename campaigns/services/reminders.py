"""The reminder sweep: before a due date the responsible units are reminded,
after it the unit and the unit owed are told, each message sent once ever
(a unique row in the database decides, not good intentions); and emails whose
task never reached the broker are sent here.

It runs every hour over every open obligation of the country, so it works in
sets: one query finds what has earned a reminder not sent yet (usually nothing),
and reminders are claimed and written a chunk at a time."""

import datetime
import logging
from collections.abc import Callable, Sequence

from django.db import IntegrityError, connection, transaction
from django.db.models import Case, CharField, Exists, Min, Model, OuterRef, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.models import Obligation, OverdueSummaryLog, Plan, PlanState, ReminderLog
from campaigns.services.obligations import obligations_create_next_year
from emulation.models import Notification, Role, User
from emulation.permissions import people_holding
from emulation.services import (
    mail_server_unreachable,
    notification_email_send,
    notification_emails_enqueue_on_commit,
    notification_send,
    notifications_build,
)

logger = logging.getLogger(__name__)
DEFAULT_LEAD_DAYS = (14, 7, 3, 1)
# Obligations due further ahead than this are not looked at yet.
HORIZON_DAYS = 60
# Obligations per transaction: a chunk's reminder rows and notifications commit together.
CHUNK_SIZE = 1000
# Rows per INSERT: far below the bound parameters SQLite (32,766) and PostgreSQL (65,535) take.
ROWS_PER_INSERT = 2000
REMINDED_ROLES = (Role.UNIT_OFFICER, Role.DRAFTER)
SUMMARY_ROLES = (Role.REVIEWER, Role.UNIT_OFFICER, Role.DRAFTER)


def lead_days(plan: Plan) -> list[int]:
    days = [int(day) for day in (plan.reminder_days or DEFAULT_LEAD_DAYS) if int(day) > 0]
    return sorted(set(days), reverse=True)


def _people_by_unit(unit_ids: set[int], roles: Sequence[str]) -> dict[int, list[User]]:
    people: dict[int, list[User]] = {}
    for person in people_holding(roles, unit_ids).prefetch_related("roles"):
        for held in person.roles.all():
            if held.unit_id in unit_ids and held.role in roles:
                people.setdefault(held.unit_id, [])
                if person not in people[held.unit_id]:
                    people[held.unit_id].append(person)
    return people


def _reminder_keys(days_left: int, leads: Sequence[int]) -> list[str]:
    """The reminders an obligation due in ``days_left`` days has earned, the newest last."""
    if days_left >= 0:
        return [f"before:{lead}" for lead in leads if days_left <= lead]
    days_over = -days_left
    keys = ["overdue:1"]
    keys += [f"overdue:w{week}" for week in range(1, (days_over - 1) // 7 + 1)]
    return keys


def _newest_key_whens(today: datetime.date, leads: Sequence[int], days_left: range, condition: Q) -> list[When]:
    """``_reminder_keys`` in SQL: the newest key earned, for each run of due dates that earn the same."""
    runs: list[list] = []  # [first due date, last due date, key]
    for days in days_left:
        keys = _reminder_keys(days, leads)
        if not keys:
            continue
        due_on = today + datetime.timedelta(days=days)
        if runs and runs[-1][2] == keys[-1] and runs[-1][1] == due_on - datetime.timedelta(days=1):
            runs[-1][1] = due_on
        else:
            runs.append([due_on, due_on, keys[-1]])
    return [When(condition & Q(due_on__range=(first, last)), then=Value(key)) for first, last, key in runs]


def _reminders_due(today: datetime.date) -> tuple[list[int], dict[int, list[int]]]:
    """The open obligations that earned a reminder not sent yet, in one query, and the lead days of
    their plans. All the keys an obligation has earned are claimed together, so its newest key
    being logged means every older one is: the query asks the unique index for that one alone."""
    horizon = today + datetime.timedelta(days=HORIZON_DAYS)
    open_ones = Obligation.objects.filter(fulfilled_at__isnull=True, waived_at__isnull=True, due_on__lte=horizon,
                                          plan__state=PlanState.ISSUED)
    oldest = open_ones.aggregate(oldest=Min("due_on"))["oldest"]
    if oldest is None:
        return [], {}
    leads_by_plan: dict[int, list[int]] = {}
    plans_by_leads: dict[tuple[int, ...], list[int]] = {}
    unreadable = []
    for plan in Plan.objects.filter(pk__in=open_ones.filter(due_on__gte=today).values("plan_id")).only(
            "reminder_days").order_by("pk"):
        try:
            leads_by_plan[plan.pk] = lead_days(plan)
        except Exception:
            # Lead days typed by hand in the admin's JSON box; overdue reminders need none and go on.
            logger.exception("The lead days of plan %s cannot be read; its reminders before the due date wait.",
                             plan.pk)
            unreadable.append(plan.pk)
            continue
        plans_by_leads.setdefault(tuple(leads_by_plan[plan.pk]), []).append(plan.pk)
    default = tuple(sorted(DEFAULT_LEAD_DAYS, reverse=True))
    before = range(0, HORIZON_DAYS + 1)
    whens = []
    for leads, plan_ids in plans_by_leads.items():
        if leads != default:
            whens += _newest_key_whens(today, leads, before, Q(plan_id__in=plan_ids))
    not_default = unreadable + [pk for leads, ids in plans_by_leads.items() if leads != default for pk in ids]
    whens += _newest_key_whens(today, default, before, ~Q(plan_id__in=not_default) if not_default else Q())
    # Overdue keys follow the weeks since the due date, whatever the plan. Newest first: the database
    # tries the WHENs in order, and an obligation late for years would otherwise pass every week first.
    whens += reversed(_newest_key_whens(today, (), range((oldest - today).days, 0), Q()))
    due = open_ones.annotate(newest_key=Case(*whens, default=Value(None), output_field=CharField())).filter(
        newest_key__isnull=False,
    ).exclude(Exists(ReminderLog.objects.filter(obligation=OuterRef("pk"), key=OuterRef("newest_key"))))
    return list(due.order_by("pk").values_list("pk", flat=True)), leads_by_plan


def _claim(model: type[Model], fields: Sequence[str], rows: list[tuple]) -> list:
    """Insert the rows the unique constraint lets in; return the first field of those this
    statement inserted, which is what this worker may send. A row another worker inserted, even
    one not committed yet, is not returned: PostgreSQL waits for that worker's transaction, SQLite
    lets one writer in at a time. (bulk_create(ignore_conflicts=True) cannot say which rows were new.)"""
    columns = [model._meta.get_field(name) for name in (*fields, "sent_at")]
    now = timezone.now()
    quote = connection.ops.quote_name
    head = (f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(quote(column.column) for column in columns)}) "
            "VALUES ")
    row_sql = f"({', '.join(['%s'] * len(columns))})"
    # One order for every worker: two chunks never wait on each other in a circle.
    rows = sorted(set(rows))
    inserted = []
    with connection.cursor() as cursor:
        for start in range(0, len(rows), ROWS_PER_INSERT):
            batch = rows[start:start + ROWS_PER_INSERT]
            params = [column.get_db_prep_save(value, connection)
                      for row in batch for column, value in zip(columns, (*row, now), strict=True)]
            cursor.execute(f"{head}{', '.join([row_sql] * len(batch))} ON CONFLICT DO NOTHING "
                           f"RETURNING {quote(columns[0].column)}", params)
            inserted += [row[0] for row in cursor.fetchall()]
    return inserted


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


def _reminders_send(obligation_ids: list[int], today: datetime.date, leads_by_plan: dict[int, list[int]]) -> int:
    """Claim the reminders of these obligations and notify the units of those this worker claimed;
    run in one transaction, so that the claim rows and notifications commit together."""
    obligations = list(Obligation.objects.filter(pk__in=obligation_ids, fulfilled_at__isnull=True,
                                                 waived_at__isnull=True)
                       .select_related("plan__issuer", "owed_to", "unit").order_by("pk"))
    claims = [(obligation.pk, key) for obligation in obligations
              for key in _reminder_keys((obligation.due_on - today).days, leads_by_plan.get(obligation.plan_id, []))]
    fresh = set(_claim(ReminderLog, ("obligation", "key"), claims))
    sent = [obligation for obligation in obligations if obligation.pk in fresh]
    people = _people_by_unit({obligation.unit_id for obligation in sent}, REMINDED_ROLES)
    url = reverse("obligation_list")
    notifications = []
    for obligation in sent:
        title, body = _message(obligation, today)
        notifications += notifications_build(recipients=people.get(obligation.unit_id, []), title=title, body=body,
                                             url=url)
    Notification.objects.bulk_create(notifications, batch_size=ROWS_PER_INSERT)
    notification_emails_enqueue_on_commit(notifications)
    return len(sent)


def _in_chunks(obligation_ids: list[int], send: Callable[[list[int]], int]) -> int:
    """Send a chunk of obligations per transaction. A chunk that fails is sent again one obligation
    at a time, so that only the bad one is skipped (logged, and tried again next sweep)."""
    sent = 0
    for start in range(0, len(obligation_ids), CHUNK_SIZE):
        chunk = obligation_ids[start:start + CHUNK_SIZE]
        try:
            with transaction.atomic():
                sent += send(chunk)
            continue
        except Exception:
            logger.warning("A chunk of %s reminders failed; sending them one by one.", len(chunk), exc_info=True)
        for obligation_id in chunk:
            try:
                with transaction.atomic():
                    sent += send([obligation_id])
            except Exception:
                logger.exception("The reminder of obligation %s failed; the sweep goes on.", obligation_id)
    return sent


def reminders_sweep(*, today: datetime.date | None = None) -> dict[str, int]:
    """Send what is due today. Each chunk of obligations is handled in its own
    transaction: the reminder rows and the notifications commit together or not
    at all, so a worker killed mid-way loses nothing and a second worker repeats
    nothing. One item that fails is logged and skipped (and tried again next
    sweep); it never stops the reminders of all the others."""
    today = today or timezone.localdate()
    obligations_create_next_year(today=today)
    due, leads_by_plan = _reminders_due(today)
    sent = _in_chunks(due, lambda chunk: _reminders_send(chunk, today, leads_by_plan))
    summaries = overdue_summaries_send(today=today)
    emails = notification_emails_catch_up()
    return {"reminders": sent, "summaries": summaries, "emails": emails}


def _summary_send(unit_id: int, items: list[Obligation], label: str, receivers: list[User]) -> bool:
    """The week's overdue summary for one unit owed; True when sent now."""
    with transaction.atomic():
        try:
            with transaction.atomic():
                OverdueSummaryLog.objects.create(unit_id=unit_id, week=label)
        except IntegrityError:
            return False  # another worker sent it since this one looked
        lines = [f"- {o.unit.name}: {o.get_kind_display().lower()}, hạn {o.due_on:%d/%m/%Y}" for o in items]
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
                                        plan__state=PlanState.ISSUED)
    # Units already summed up this week are left out here, not by a failed insert each hour;
    # the unique row still decides between two sweeps.
    waiting = set(overdue.exclude(Exists(OverdueSummaryLog.objects.filter(unit=OuterRef("owed_to"), week=label)))
                  .values_list("owed_to_id", flat=True).distinct())
    if not waiting:
        return 0
    by_unit: dict[int, list[Obligation]] = {}
    for obligation in overdue.filter(owed_to__in=waiting).select_related("unit").order_by("due_on", "id"):
        by_unit.setdefault(obligation.owed_to_id, []).append(obligation)
    receivers = _people_by_unit(waiting, SUMMARY_ROLES)
    # One transaction per unit, once a week: a few thousand at most, and a failing unit stays apart.
    sent = 0
    for unit_id in sorted(by_unit):
        try:
            sent += _summary_send(unit_id, by_unit[unit_id], label, receivers.get(unit_id, []))
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
