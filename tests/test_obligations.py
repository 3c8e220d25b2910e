import datetime
import time
from decimal import Decimal

import pytest
import time_machine
from celery.contrib.testing.worker import start_worker
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from campaigns import selectors
from campaigns.models import Obligation, Plan, ReminderLog, Target, UnitCalendar
from campaigns.services import obligations as obligation_services
from campaigns.services import reminders
from campaigns.services import reports as report_services
from campaigns.tasks import reminders_sweep
from emulation.celery import app as celery_app
from emulation.models import Notification, Role
from emulation.services import notification_email_send
from tests.builders import issued_plan_with_progress_report
from tests.factories import person_with_role

TZ = datetime.timezone(datetime.timedelta(hours=7))


def at(day: datetime.date, hour: int = 8):
    return time_machine.travel(datetime.datetime(day.year, day.month, day.day, hour, tzinfo=TZ), tick=False)


@pytest.fixture
def due_setup(tree, people):
    """An issued plan whose progress report is due from district A on 20/12/2026."""
    with at(datetime.date(2026, 11, 1)):
        plan = issued_plan_with_progress_report(tree, people)
    officer = people["officer_a"]
    officer.email = "tam@example.vn"
    officer.save()
    province_officer = person_with_role(Role.UNIT_OFFICER, tree["province"], email="tinh@example.vn")
    return {**people, **tree, "plan": plan, "officer": officer, "province_officer": province_officer,
            "obligation": Obligation.objects.get(plan=plan, unit=tree["district_a"], kind="progress_report")}


def reminder_titles(person) -> list[str]:
    return list(Notification.objects.filter(recipient=person, title__regex=r"^(Nhắc hạn|Quá hạn)")
                .order_by("id").values_list("title", flat=True))


def test_issuing_creates_obligations_and_an_implementing_plan_fulfils_its_own(due_setup):
    plan = due_setup["plan"]
    kinds = sorted(Obligation.objects.filter(plan=plan).values_list("unit__code", "kind"))
    assert kinds == [("huyen-a", "progress_report")]
    # build_plan's implementing-plan deadline has no date: nothing to remind, no obligation.


def test_a_reminder_walks_every_lead_time_then_overdue_exactly_once(due_setup, monkeypatch,
                                                                   django_capture_on_commit_callbacks):
    # Deliver each enqueued email at once, so that the outbox shows what the worker would send.
    monkeypatch.setattr("emulation.services.enqueue_safely", lambda task, *args: task(*args))
    officer, due = due_setup["officer"], datetime.date(2026, 12, 20)
    expected = []
    steps = [
        (datetime.date(2026, 12, 5), None),  # 15 days before: nothing yet
        (datetime.date(2026, 12, 6), "Nhắc hạn: Báo cáo tiến độ, sơ kết — còn 14 ngày (hạn 20/12/2026)"),
        (datetime.date(2026, 12, 7), None),
        (datetime.date(2026, 12, 13), "Nhắc hạn: Báo cáo tiến độ, sơ kết — còn 7 ngày (hạn 20/12/2026)"),
        (datetime.date(2026, 12, 17), "Nhắc hạn: Báo cáo tiến độ, sơ kết — còn 3 ngày (hạn 20/12/2026)"),
        (datetime.date(2026, 12, 19), "Nhắc hạn: Báo cáo tiến độ, sơ kết — còn 1 ngày (hạn 20/12/2026)"),
        (datetime.date(2026, 12, 20), None),  # due today: the 1-day reminder was the last one
        (datetime.date(2026, 12, 21), "Quá hạn: Báo cáo tiến độ, sơ kết — hạn 20/12/2026 đã qua"),
        (datetime.date(2026, 12, 27), None),
        (datetime.date(2026, 12, 28), "Quá hạn: Báo cáo tiến độ, sơ kết — hạn 20/12/2026 đã qua"),
        (datetime.date(2027, 1, 4), "Quá hạn: Báo cáo tiến độ, sơ kết — hạn 20/12/2026 đã qua"),
    ]
    mail.outbox.clear()
    for day, title in steps:
        with at(day), django_capture_on_commit_callbacks(execute=True):
            reminders.reminders_sweep()
            reminders.reminders_sweep()  # twice: never repeats
        if title:
            expected.append(title)
        assert reminder_titles(officer) == expected, day
        officer_mail = [m.subject for m in mail.outbox if m.to == ["tam@example.vn"]
                        and m.subject.startswith(("[Thi đua] Nhắc hạn", "[Thi đua] Quá hạn"))]
        assert officer_mail == [f"[Thi đua] {title}" for title in expected], day
    assert sorted(ReminderLog.objects.values_list("key", flat=True)) == [
        "before:1", "before:14", "before:3", "before:7", "overdue:1", "overdue:w1", "overdue:w2"]
    assert due > datetime.date(2026, 12, 1)
    summaries = Notification.objects.filter(recipient=due_setup["province_officer"],
                                            title__startswith="Tổng hợp quá hạn tuần")
    assert summaries.count() == 3  # one per ISO week while overdue: W52 2026, W53 2026, W01 2027


def test_a_missed_day_sends_only_the_latest_lead_time(due_setup):
    with at(datetime.date(2026, 12, 15)):  # the sweeps of 6 and 13 December never ran
        reminders.reminders_sweep()
    assert reminder_titles(due_setup["officer"]) == [
        "Nhắc hạn: Báo cáo tiến độ, sơ kết — còn 5 ngày (hạn 20/12/2026)"]


def test_fulfilled_or_waived_obligations_are_never_reminded(due_setup):
    obligation = due_setup["obligation"]
    with at(datetime.date(2026, 12, 1)):
        report_services.report_save(actor=due_setup["officer"], plan=due_setup["plan"], unit=due_setup["district_a"],
                                period_year=2026, narrative="Báo cáo sơ kết năm 2026.", values={})
        report = obligation.plan.reports.get()
        report_services.report_submit(actor=due_setup["officer"], report=report)
    obligation.refresh_from_db()
    assert obligation.fulfilled_at is not None
    for day in (datetime.date(2026, 12, 6), datetime.date(2026, 12, 21)):
        with at(day):
            reminders.reminders_sweep()
    assert reminder_titles(due_setup["officer"]) == []


def test_reminder_emails_are_vietnamese_and_respect_the_preference(due_setup, tree,
                                                                   django_capture_on_commit_callbacks):
    quiet = person_with_role(Role.UNIT_OFFICER, tree["district_a"], email="im-lang@example.vn",
                             email_notifications=False)
    with at(datetime.date(2026, 12, 13)), django_capture_on_commit_callbacks(execute=False) as callbacks:
        reminders.reminders_sweep()
    mail.outbox.clear()
    for notification in Notification.objects.filter(email_wanted=True, title__startswith="Nhắc hạn"):
        notification_email_send(notification_id=notification.pk)
    assert len(callbacks) == 1  # one email enqueued: the officer who wants email
    assert [message.to for message in mail.outbox] == [["tam@example.vn"]]
    message = mail.outbox[0]
    assert message.subject == "[Thi đua] Nhắc hạn: Báo cáo tiến độ, sơ kết — còn 7 ngày (hạn 20/12/2026)"
    assert "phải nộp báo cáo tiến độ, sơ kết về Ủy ban nhân dân tỉnh An Giang trước ngày 20/12/2026" in message.body
    assert "http://testserver/ke-hoach/han-nop/" in message.body
    assert message.alternatives[0].mimetype == "text/html"
    assert reminder_titles(quiet) == ["Nhắc hạn: Báo cáo tiến độ, sơ kết — còn 7 ngày (hạn 20/12/2026)"]


def test_the_rollup_weights_shares_by_denominators(due_setup, tree, people):
    plan = due_setup["plan"]
    target = Target.objects.get(plan=plan)  # "Tuyển quân đạt chỉ tiêu" = 100 %
    share = Target.objects.create(plan=plan, measure="Cán bộ đạt khá, giỏi", comparison="gte", value=75,
                                  unit_of_measure="%", position=20)
    officer_b = person_with_role(Role.UNIT_OFFICER, tree["district_b"])
    report_services.report_save(actor=people["officer_a"], plan=plan, unit=tree["district_a"], period_year=2026,
                            narrative="A", values={share.pk: (Decimal(76), Decimal(100)),
                                                   target.pk: (Decimal(40), Decimal(40))})
    report_services.report_save(actor=officer_b, plan=plan, unit=tree["district_b"], period_year=2026,
                            narrative="B", values={share.pk: (Decimal(14), Decimal(20)),
                                                   target.pk: (Decimal(27), Decimal(30))})
    for report in plan.reports.all():
        report_services.report_submit(actor=officer_b if report.unit == tree["district_b"] else people["officer_a"],
                                  report=report)
    rows = {row["target"].pk: row for row in selectors.rollup(plan, 2026)}
    # By hand: (76 + 14) / (100 + 20) = 75.0 %; A 76 % meets ≥ 75, B 70 % does not.
    assert (rows[share.pk]["reported"], rows[share.pk]["result"], rows[share.pk]["met"]) == (2, Decimal("75.0"), 1)
    assert [(u["unit"].code, u["result"], u["met"]) for u in rows[share.pk]["units"]] == [
        ("huyen-a", Decimal("76.0"), True), ("huyen-b", Decimal("70.0"), False)]
    # (40 + 27) / (40 + 30) = 95.7 % against "= 100 %": A meets, B does not.
    assert (rows[target.pk]["result"], rows[target.pk]["met"]) == (Decimal("95.7"), 1)


def test_report_errors_keep_what_was_typed(client, due_setup):
    plan = due_setup["plan"]
    share = Target.objects.create(plan=plan, measure="Cán bộ đạt khá, giỏi", comparison="gte", value=75,
                                  unit_of_measure="%", position=20)
    client.force_login(due_setup["officer"])
    url = reverse("report_edit", args=[plan.pk, 2026])
    response = client.post(url, {"narrative": "Nội dung đã gõ", f"value_{share.pk}": "80",
                                 f"denominator_{share.pk}": "", "submit": "1"}, follow=True)
    body = response.content.decode()
    assert "Cán bộ đạt khá, giỏi: hãy ghi tổng số (mẫu số) để tính tỷ lệ." in body
    assert "Nội dung đã gõ" in body and 'value="80"' in body
    assert not plan.reports.filter(state="submitted").exists()


def test_reports_and_rollup_follow_the_tree(client, due_setup, tree):
    client.force_login(person_with_role(Role.UNIT_OFFICER, tree["district_b"]))
    assert client.get(reverse("report_edit", args=[due_setup["plan"].pk, 2026])).status_code == 403
    assert client.get(reverse("plan_rollup", args=[due_setup["plan"].pk])).status_code == 403
    client.force_login(due_setup["drafter"])
    assert client.get(reverse("plan_rollup", args=[due_setup["plan"].pk])).status_code == 200


def test_the_calendar_feed_is_private_and_renewable(client, due_setup):
    token = obligation_services.calendar_token(due_setup["district_a"])
    feed = client.get(reverse("calendar_feed", args=[token]))  # no login: the secret is the key
    assert feed.status_code == 200 and feed["Content-Type"].startswith("text/calendar")
    body = feed.content.decode()
    assert "BEGIN:VEVENT" in body and "DTSTART;VALUE=DATE:20261220" in body
    client.force_login(due_setup["officer"])
    client.post(reverse("calendar_renew", args=[due_setup["district_a"].pk]))
    client.logout()
    assert client.get(reverse("calendar_feed", args=[token])).status_code == 404
    assert UnitCalendar.objects.get().token != token
    client.force_login(person_with_role(Role.UNIT_OFFICER, due_setup["district_b"]))
    assert client.post(reverse("calendar_renew", args=[due_setup["district_a"].pk])).status_code == 403


def test_when_the_broker_is_down_submitting_still_works_and_the_sweep_sends_the_email(due_setup, monkeypatch,
                                                                                      django_capture_on_commit_callbacks):
    def broken(*args, **kwargs):
        raise OSError("Connection refused (broker down)")

    monkeypatch.setattr("emulation.tasks.notification_email_deliver.delay", broken)
    plan = due_setup["plan"]
    with django_capture_on_commit_callbacks(execute=True):
        report_services.report_save(actor=due_setup["officer"], plan=plan, unit=due_setup["district_a"],
                                period_year=2026, narrative="Nộp khi mất kết nối hàng đợi.", values={})
        report_services.report_submit(actor=due_setup["officer"], report=plan.reports.get())
    assert plan.reports.get().state == "submitted"
    pending = Notification.objects.filter(email_wanted=True, emailed_at__isnull=True)
    assert pending.count() >= 1 and mail.outbox == []
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=15), tick=False):
        reminders.reminders_sweep()
    assert Notification.objects.filter(email_wanted=True, emailed_at__isnull=True).count() == 0
    assert len(mail.outbox) == pending.model.objects.filter(email_wanted=True).count()


@pytest.mark.worker
@pytest.mark.usefixtures("empty_broker")
@pytest.mark.django_db(transaction=True)
def test_the_sweep_on_real_workers_sends_each_reminder_once(due_setup):
    # Real time here (workers and the broker client do not like a frozen clock): due in 7 days.
    due = timezone.localdate() + datetime.timedelta(days=7)
    Obligation.objects.filter(pk=due_setup["obligation"].pk).update(due_on=due)
    # Two consumers at once: a worker with a pool of two threads runs two sweeps concurrently.
    with start_worker(celery_app, pool="threads", concurrency=2, perform_ping_check=False, loglevel="WARNING",
                      shutdown_timeout=60):
        results = [reminders_sweep.delay() for _ in range(4)]
        finish = time.monotonic() + 60
        while time.monotonic() < finish and ReminderLog.objects.count() < 2:
            time.sleep(0.2)
        time.sleep(2)  # let the other sweeps run too
        assert all(result is not None for result in results)
    assert sorted(ReminderLog.objects.values_list("key", flat=True)) == ["before:14", "before:7"]
    assert reminder_titles(due_setup["officer"]) == [
        f"Nhắc hạn: Báo cáo tiến độ, sơ kết — còn 7 ngày (hạn {due:%d/%m/%Y})"]
    assert Plan.objects.count() == 1


def test_report_attachments_are_checked_and_kept(client, due_setup):
    plan = due_setup["plan"]
    client.force_login(due_setup["officer"])
    url = reverse("report_edit", args=[plan.pk, 2026])
    bad = client.post(url, {"narrative": "Báo cáo có tệp", "save": "1",
                            "attachments": SimpleUploadedFile("bao-cao.pdf", b"not a pdf")}, follow=True)
    assert "không khớp với phần mở rộng .pdf" in bad.content.decode()
    assert "Báo cáo có tệp" in bad.content.decode()
    assert not plan.reports.exists()  # nothing stored half-way
    good = client.post(url, {"narrative": "Báo cáo có tệp", "save": "1",
                             "attachments": SimpleUploadedFile("bao-cao.pdf", b"%PDF-1.4 tai lieu")}, follow=True)
    assert "bao-cao" in good.content.decode()
    assert plan.reports.get().attachments.count() == 1


def test_a_waived_obligation_is_not_reminded(client, due_setup, tree):
    obligation = due_setup["obligation"]
    client.force_login(due_setup["officer"])
    assert client.post(reverse("obligation_waive", args=[obligation.pk]), {"reason": "x"}).status_code == 403
    obligation.refresh_from_db()
    assert obligation.waived_at is None  # the owing unit cannot waive its own obligation
    reviewer = person_with_role(Role.REVIEWER, tree["province"])
    client.force_login(reviewer)
    client.post(reverse("obligation_waive", args=[obligation.pk]), {"reason": "Đơn vị sáp nhập"})
    obligation.refresh_from_db()
    assert obligation.waived_reason == "Đơn vị sáp nhập"
    with at(datetime.date(2026, 12, 21)):
        reminders.reminders_sweep()
    assert reminder_titles(due_setup["officer"]) == []


def test_the_sweep_gives_a_yearly_deadline_next_years_obligations_once(due_setup, django_assert_num_queries):
    plan, district_b = due_setup["plan"], due_setup["district_b"]
    Plan.objects.filter(pk=plan.pk).update(period_kind="continuous", ends_on=None)  # a campaign without an end
    plan.refresh_from_db()
    deadline = plan.deadlines.get(kind="progress_report")
    deadline.recurrence = "yearly"
    deadline.save(update_fields=["recurrence"])
    deadline.from_units.add(district_b)

    def owed() -> list[tuple[str, datetime.date]]:
        return sorted(Obligation.objects.filter(plan=plan).values_list("unit__code", "due_on"))

    reminders.reminders_sweep(today=datetime.date(2026, 12, 13))
    assert owed() == [("huyen-a", datetime.date(2026, 12, 20)), ("huyen-a", datetime.date(2027, 12, 20)),
                      ("huyen-b", datetime.date(2026, 12, 20)), ("huyen-b", datetime.date(2027, 12, 20))]
    # Once they exist, the hourly sweep's part is one query for every plan, not a get_or_create per unit.
    with django_assert_num_queries(1):
        assert obligation_services.obligations_create_next_year(today=datetime.date(2026, 12, 13)) == 0
    # And creating them again reads the deadlines, their units and the existing ones: three queries however many.
    with django_assert_num_queries(3):
        assert obligation_services.obligations_create(plan=plan, today=datetime.date(2026, 12, 13)) == 0

    reminders.reminders_sweep(today=datetime.date(2027, 1, 4))
    assert owed()[-2:] == [("huyen-b", datetime.date(2027, 12, 20)), ("huyen-b", datetime.date(2028, 12, 20))]
    assert Obligation.objects.filter(plan=plan, due_on=datetime.date(2028, 12, 20)).count() == 2


def test_yearly_deadlines_stop_at_the_end_of_the_period(due_setup):
    plan = due_setup["plan"]
    Plan.objects.filter(pk=plan.pk).update(ends_on=datetime.date(2027, 12, 15))  # before 20/12/2027
    deadline = plan.deadlines.get(kind="progress_report")
    deadline.recurrence = "yearly"
    deadline.save(update_fields=["recurrence"])
    reminders.reminders_sweep(today=datetime.date(2026, 12, 13))
    assert list(Obligation.objects.filter(plan=plan).values_list("unit__code", "due_on")) == [
        ("huyen-a", datetime.date(2026, 12, 20))]
    # Nothing is lacking for 2027: the plan is not picked again at every sweep.
    assert obligation_services.plans_lacking_next_year(today=datetime.date(2026, 12, 13)) == []
    Plan.objects.filter(pk=plan.pk).update(ends_on=datetime.date(2027, 12, 31))
    assert obligation_services.plans_lacking_next_year(today=datetime.date(2026, 12, 13)) == [plan.pk]
    assert obligation_services.obligations_create_next_year(today=datetime.date(2026, 12, 13)) == 1
    assert obligation_services.plans_lacking_next_year(today=datetime.date(2027, 12, 13)) == []
