"""Obligations from deadlines, their fulfilment, reports, and the reminder
sweep that never misses and never repeats (uniqueness in the database)."""

import datetime
import logging
import secrets
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.models import (
    Comparison,
    Deadline,
    DeadlineKind,
    Obligation,
    OverdueSummaryLog,
    Plan,
    PlanState,
    Recurrence,
    ReminderLog,
    Report,
    ReportAttachment,
    ReportState,
    ReportValue,
    Target,
    UnitCalendar,
)
from campaigns.rules import can_review_reports
from emulation.files import file_store, files_discarded_on_error
from emulation.models import Role, Unit, User
from emulation.permissions import Action, people_holding, require
from emulation.services import audit_record, notification_send
from emulation.uploads import check_upload

logger = logging.getLogger(__name__)
DEFAULT_LEAD_DAYS = (14, 7, 3, 1)
YEARS_AHEAD = 1
REPORT_KINDS = (DeadlineKind.PROGRESS_REPORT, DeadlineKind.SUMMARY_REPORT)
# The years a report may be for: anything else is a typo or a probe (and 32767+ does not fit the column).
REPORT_YEARS = range(2000, 2101)


def lead_days(plan: Plan) -> list[int]:
    days = [int(day) for day in (plan.reminder_days or DEFAULT_LEAD_DAYS) if int(day) > 0]
    return sorted(set(days), reverse=True)


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


def obligations_for_units(units) -> list[Obligation]:
    return list(Obligation.objects.filter(unit__in=units).select_related("plan", "owed_to", "unit", "deadline")
                .order_by("due_on", "id"))


# Reminders -------------------------------------------------------------------------

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
    from emulation.models import Notification
    from emulation.services import mail_server_unreachable, notification_email_send

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


# Reports ----------------------------------------------------------------------------------

def report_targets(plan: Plan) -> list[Target]:
    return list(plan.targets.order_by("position", "id"))


@transaction.atomic
def report_save(*, actor: User, plan: Plan, unit: Unit, period_year: int, narrative: str,
                values: dict[int, tuple[Decimal, Decimal | None]]) -> Report:
    """``values``: target id -> (value, denominator)."""
    require(actor, Action.ACT_FOR_UNIT, unit, _("Bạn không phải cán bộ thi đua của đơn vị này."))
    if period_year not in REPORT_YEARS:
        raise ValidationError(_("Năm báo cáo phải từ %(first)s đến %(last)s.") % {
            "first": REPORT_YEARS[0], "last": REPORT_YEARS[-1]})
    report, _created = Report.objects.select_for_update().get_or_create(
        plan=plan, unit=unit, period_year=period_year, defaults={"created_by": actor})
    if report.state == ReportState.SUBMITTED:
        raise ValidationError(_("Báo cáo đã nộp; chỉ sửa được khi bị trả lại."))
    errors = []
    targets = {target.pk: target for target in report_targets(plan)}
    for target_id, (value, denominator) in values.items():
        target = targets.get(target_id)
        if target is None:
            raise ValidationError(_("Chỉ tiêu không thuộc kế hoạch."))
        if value is not None and value < 0:
            errors.append(_("%(measure)s: kết quả không được âm.") % {"measure": target.measure})
        if target.is_share and value is not None and not denominator:
            errors.append(_("%(measure)s: hãy ghi tổng số (mẫu số) để tính tỷ lệ.") % {"measure": target.measure})
        if target.is_share and value is not None and denominator and value > denominator:
            errors.append(_("%(measure)s: kết quả (%(v)s) lớn hơn tổng số (%(d)s).") % {
                "measure": target.measure, "v": value, "d": denominator})
    if errors:
        raise ValidationError(errors)
    report.narrative = narrative
    report.save(update_fields=["narrative", "updated_at"])
    for target_id, (value, denominator) in values.items():
        if value is None:
            ReportValue.objects.filter(report=report, target_id=target_id).delete()
            continue
        ReportValue.objects.update_or_create(report=report, target_id=target_id,
                                             defaults={"value": value, "denominator": denominator})
    return report


@files_discarded_on_error()
@transaction.atomic
def report_attach(*, actor: User, report: Report, upload) -> ReportAttachment:
    require(actor, Action.ACT_FOR_UNIT, report.unit, _("Bạn không phải cán bộ thi đua của đơn vị này."))
    if report.state == ReportState.SUBMITTED:
        raise ValidationError(_("Báo cáo đã nộp; chỉ sửa được khi bị trả lại."))
    check_upload(upload)
    attachment = ReportAttachment(report=report, original_name=upload.name, size=upload.size, uploaded_by=actor)
    file_store(attachment.file, upload.name, upload)
    attachment.save()
    return attachment


@transaction.atomic
def report_submit(*, actor: User, report: Report) -> Report:
    report = Report.objects.select_for_update().select_related("plan", "unit").get(pk=report.pk)
    require(actor, Action.ACT_FOR_UNIT, report.unit, _("Bạn không phải cán bộ thi đua của đơn vị này."))
    if report.state == ReportState.SUBMITTED:
        raise ValidationError(_("Báo cáo đã được nộp."))
    if not report.narrative.strip():
        raise ValidationError(_("Hãy viết nội dung báo cáo trước khi nộp."))
    old = report.state
    report.state = ReportState.SUBMITTED
    report.submitted_at = timezone.now()
    report.save(update_fields=["state", "submitted_at", "updated_at"])
    obligation = Obligation.objects.filter(
        plan=report.plan, unit=report.unit, kind__in=REPORT_KINDS, due_on__year=report.period_year).first()
    if obligation and obligation.is_open:
        Obligation.objects.filter(pk=obligation.pk).update(fulfilled_at=timezone.now(),
                                                          fulfilment=_("Báo cáo năm %(y)s") % {"y": report.period_year})
        Report.objects.filter(pk=report.pk).update(obligation=obligation)
    # On the plan's history, whose states are the plan's: the report's own go in the changes, with its labels.
    audit_record(actor=actor, target=report.plan, action="report.submit", changes={
        _("đơn vị"): report.unit.name, _("năm"): report.period_year,
        _("báo cáo"): f"{ReportState(old).label} → {ReportState(report.state).label}"})
    receivers = people_holding([Role.REVIEWER, Role.UNIT_OFFICER], obligation.owed_to if obligation
                               else report.plan.issuer)
    for person in receivers:
        notification_send(recipient=person, title=_("%(unit)s đã nộp báo cáo năm %(y)s") % {
            "unit": report.unit.name, "y": report.period_year}, url=reverse("plan_rollup", args=[report.plan_id]))
    return report


@transaction.atomic
def report_return(*, actor: User, report: Report, reason: str) -> Report:
    report = Report.objects.select_for_update().select_related("plan", "unit").get(pk=report.pk)
    obligation = report.obligation
    receiver = obligation.owed_to if obligation else report.plan.issuer
    if not (can_review_reports(actor, receiver)):
        raise PermissionDenied(_("Chỉ đơn vị nhận báo cáo mới trả lại được."))
    if report.state != ReportState.SUBMITTED or not reason.strip():
        raise ValidationError(_("Chỉ trả lại báo cáo đã nộp, kèm lý do."))
    report.state = ReportState.RETURNED
    report.return_reason = reason.strip()
    report.save(update_fields=["state", "return_reason", "updated_at"])
    if obligation:
        Obligation.objects.filter(pk=obligation.pk).update(fulfilled_at=None, fulfilment="")
    audit_record(actor=actor, target=report.plan, action="report.return", reason=reason,
                 changes={_("đơn vị"): report.unit.name, _("năm"): report.period_year})
    for person in people_holding(Role.UNIT_OFFICER, report.unit):
        notification_send(recipient=person, title=_("Báo cáo năm %(y)s bị trả lại") % {"y": report.period_year},
                          body=reason.strip(), url=reverse("report_edit", args=[report.plan_id, report.period_year]))
    return report


# Roll-up ------------------------------------------------------------------------------------

def _meets(target: Target, result: Decimal) -> bool:
    return {Comparison.AT_LEAST: result >= target.value, Comparison.EXACTLY: result >= target.value,
            Comparison.AT_MOST: result <= target.value}[target.comparison]


def rollup(plan: Plan, period_year: int) -> list[dict]:
    """Per target: units reported, the result weighted by denominators (shares)
    or summed (counts), how many units met it, and each unit's figure."""
    values = list(ReportValue.objects.filter(report__plan=plan, report__period_year=period_year,
                                             report__state=ReportState.SUBMITTED)
                  .select_related("report__unit").order_by("report__unit__path"))
    rows = []
    for target in report_targets(plan):
        mine = [value for value in values if value.target_id == target.pk]
        units = []
        met = 0
        for value in mine:
            share = (value.value * 100 / value.denominator) if target.is_share and value.denominator else value.value
            ok = _meets(target, share)
            met += ok
            units.append({"unit": value.report.unit, "value": value.value, "denominator": value.denominator,
                          "result": share.quantize(Decimal("0.1")), "met": ok})
        if target.is_share:
            total = sum((value.denominator or 0) for value in mine)
            result = (sum(value.value for value in mine) * 100 / total).quantize(Decimal("0.1")) if total else None
        else:
            result = sum((value.value for value in mine), Decimal(0)) if mine else None
        rows.append({"target": target, "reported": len(mine), "result": result, "met": met, "units": units,
                     "overall_met": _meets(target, result) if result is not None else None})
    return rows


# Calendar -----------------------------------------------------------------------------------

def calendar_token(unit: Unit, *, renew: bool = False) -> str:
    calendar, created = UnitCalendar.objects.get_or_create(unit=unit, defaults={"token": secrets.token_urlsafe(32)})
    if renew and not created:
        calendar.token = secrets.token_urlsafe(32)
        calendar.save(update_fields=["token", "renewed_at"])
    return calendar.token


def calendar_ics(unit: Unit) -> bytes:
    from django.conf import settings
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", "-//Thi dua//Lich han nop//VI")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"Hạn nộp — {unit.name}")
    for obligation in Obligation.objects.filter(unit=unit).select_related("plan", "owed_to"):
        event = Event()
        event.add("uid", f"obligation-{obligation.pk}@thidua")
        event.add("summary", f"{obligation.get_kind_display()} — {obligation.owed_to.name}")
        event.add("dtstart", obligation.due_on)
        event.add("dtend", obligation.due_on + datetime.timedelta(days=1))
        event.add("description", f"Kế hoạch số {obligation.plan.number_symbol}: {obligation.plan.title}")
        event.add("url", settings.SITE_URL + reverse("obligation_list"))
        event.add("dtstamp", timezone.now())
        calendar.add_component(event)
    return calendar.to_ical()


def open_obligation_filter() -> Q:
    return Q(fulfilled_at__isnull=True, waived_at__isnull=True)
