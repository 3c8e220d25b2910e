"""The reminder sweep sends in chunks: each reminder once, to the right people,
whatever fails beside it and however many workers run it at once."""

import datetime
import threading

import pytest
import time_machine
from django.db import connection
from django.utils import timezone

from campaigns.models import Obligation, ReminderLog
from campaigns.services import reminders
from emulation.models import Notification, Role
from tests.builders import issued_plan_with_progress_report
from tests.factories import UnitFactory, person_with_role

TZ = datetime.timezone(datetime.timedelta(hours=7))
TODAY = datetime.date(2026, 12, 13)


def at(day: datetime.date):
    return time_machine.travel(datetime.datetime(day.year, day.month, day.day, 8, tzinfo=TZ), tick=False)


def reminder_titles() -> dict[str, list[str]]:
    titles: dict[str, list[str]] = {}
    for name, title in Notification.objects.filter(title__regex=r"^(Nhắc hạn|Quá hạn)").order_by("id").values_list(
            "recipient__full_name", "title"):
        titles.setdefault(name, []).append(title)
    return titles


def claimed_keys() -> list[tuple[str, str]]:
    return sorted(ReminderLog.objects.values_list("obligation__unit__code", "key"))


def owe(plan, unit, due_on: datetime.date, **fields) -> Obligation:
    deadline = plan.deadlines.get(kind="progress_report")
    return Obligation.objects.create(deadline=deadline, plan=plan, unit=unit, owed_to=deadline.to_unit,
                                     kind="progress_report", due_on=due_on, **fields)


@pytest.fixture
def four_due(tree, people, monkeypatch):
    """The issued plan's progress report, owed by four units on 13/12/2026: district A in 7 days,
    district B tomorrow, commune A 3 days late and commune B 18 days late (and again next year,
    not due yet). One already sent by commune A does not count. Emails are recorded, not queued."""
    with at(datetime.date(2026, 11, 1)):
        plan = issued_plan_with_progress_report(tree, people)
    owe(plan, tree["district_b"], datetime.date(2026, 12, 14))
    owe(plan, tree["commune_a"], datetime.date(2026, 12, 10))
    owe(plan, tree["commune_a"], datetime.date(2026, 12, 14), fulfilled_at=timezone.now(), fulfilment="Đã nộp")
    owe(plan, tree["commune_b"], datetime.date(2026, 11, 25))
    owe(plan, tree["commune_b"], datetime.date(2027, 1, 30))
    person_with_role(Role.UNIT_OFFICER, tree["commune_a"], full_name="Trần Văn Xã")
    person_with_role(Role.DRAFTER, tree["commune_b"], full_name="Đỗ Thị Chúc")
    person_with_role(Role.REVIEWER, tree["commune_b"], full_name="Mai Văn Duyệt")  # not reminded: reviews only
    Notification.objects.all().delete()
    queued = []
    monkeypatch.setattr("emulation.services.enqueue_safely", lambda task, *args: queued.append(args[0]) or True)
    return {"plan": plan, "queued": queued}


EXPECTED_TITLES = {
    "Lê Văn Tâm": ["Nhắc hạn: Báo cáo tiến độ, sơ kết — còn 7 ngày (hạn 20/12/2026)"],
    "Phan Thị Thu": ["Nhắc hạn: Báo cáo tiến độ, sơ kết — còn 1 ngày (hạn 14/12/2026)"],
    "Trần Văn Xã": ["Quá hạn: Báo cáo tiến độ, sơ kết — hạn 10/12/2026 đã qua"],
    "Đỗ Thị Chúc": ["Quá hạn: Báo cáo tiến độ, sơ kết — hạn 25/11/2026 đã qua"],
}
EXPECTED_KEYS = [
    ("huyen-a", "before:14"), ("huyen-a", "before:7"),
    ("huyen-b", "before:1"), ("huyen-b", "before:14"), ("huyen-b", "before:3"), ("huyen-b", "before:7"),
    ("xa-a1", "overdue:1"),
    ("xa-b1", "overdue:1"), ("xa-b1", "overdue:w1"), ("xa-b1", "overdue:w2"),
]


def test_chunks_send_each_reminder_once_to_the_units_people(four_due, monkeypatch, django_capture_on_commit_callbacks,
                                                            django_assert_num_queries):
    monkeypatch.setattr(reminders, "CHUNK_SIZE", 3)  # two chunks for four obligations
    with django_capture_on_commit_callbacks(execute=True):
        result = reminders.reminders_sweep(today=TODAY)
    assert result == {"reminders": 4, "summaries": 1, "emails": 0}
    assert reminder_titles() == EXPECTED_TITLES
    assert claimed_keys() == EXPECTED_KEYS
    district_b = Notification.objects.get(recipient__full_name="Phan Thị Thu")
    assert district_b.body == (
        f"Kế hoạch số {four_due['plan'].number_symbol} của Ủy ban nhân dân tỉnh An Giang: Ủy ban nhân dân huyện Tri "
        "Tôn phải nộp báo cáo tiến độ, sơ kết về Ủy ban nhân dân tỉnh An Giang trước ngày 14/12/2026.")
    assert (district_b.url, district_b.email_wanted) == ("/ke-hoach/han-nop/", True)
    # Each email queued once its chunk committed: the four reminders and the province's weekly summary.
    assert sorted(four_due["queued"]) == sorted(Notification.objects.values_list("pk", flat=True))
    assert len(four_due["queued"]) == 5

    # Nothing new: a handful of queries however many obligations are open (next year's obligations,
    # the oldest due date, the plans' lead days, what is due, the week's summaries, the email catch-up).
    with django_assert_num_queries(6), django_capture_on_commit_callbacks(execute=True):
        assert reminders.reminders_sweep(today=TODAY) == {"reminders": 0, "summaries": 0, "emails": 0}
    assert reminder_titles() == EXPECTED_TITLES
    assert len(four_due["queued"]) == 5


def test_one_bad_obligation_does_not_stop_the_others_of_its_chunk(four_due, monkeypatch):
    message = reminders._message

    def broken_for_district_b(obligation, today):
        if obligation.unit.code == "huyen-b":
            raise ValueError("a plan number that does not print")
        return message(obligation, today)

    monkeypatch.setattr(reminders, "_message", broken_for_district_b)
    assert reminders.reminders_sweep(today=TODAY) == {"reminders": 3, "summaries": 1, "emails": 0}
    assert reminder_titles() == {name: titles for name, titles in EXPECTED_TITLES.items() if name != "Phan Thị Thu"}
    assert claimed_keys() == [key for key in EXPECTED_KEYS if key[0] != "huyen-b"]

    # Its reminder was not claimed, so the next sweep sends it once the fault is gone.
    monkeypatch.setattr(reminders, "_message", message)
    assert reminders.reminders_sweep(today=TODAY) == {"reminders": 1, "summaries": 0, "emails": 0}
    assert reminder_titles() == EXPECTED_TITLES
    assert claimed_keys() == EXPECTED_KEYS


@pytest.mark.django_db(transaction=True)
def test_two_workers_sweeping_at_once_send_each_reminder_once(tree, people, monkeypatch):
    # PostgreSQL: the second worker's insert waits for the first one's uncommitted claim, then skips it.
    # SQLite: one writer at a time (BEGIN IMMEDIATE), the other waits for the lock, then skips it.
    with at(datetime.date(2026, 11, 1)):
        plan = issued_plan_with_progress_report(tree, people)
    officers = {"huyen-a": people["officer_a"].full_name}
    for number in range(29):
        commune = UnitFactory(code=f"xa-dua-{number:02d}", name=f"Ủy ban nhân dân xã Đua {number:02d}",
                              parent=tree["district_b"])
        officers[commune.code] = person_with_role(Role.UNIT_OFFICER, commune, full_name=f"Cán bộ xã {number:02d}"
                                                  ).full_name
        owe(plan, commune, datetime.date(2026, 12, 20))
    Notification.objects.all().delete()
    queued = []
    monkeypatch.setattr("emulation.services.enqueue_safely", lambda task, *args: queued.append(args[0]) or True)
    monkeypatch.setattr(reminders, "CHUNK_SIZE", 4)  # many chunks, so that the two workers meet on some
    start, results, errors = threading.Barrier(2), [], []

    def worker():
        start.wait()
        try:
            results.append(reminders.reminders_sweep(today=TODAY)["reminders"])
        except Exception as error:  # reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sum(results) == 30
    assert sorted(ReminderLog.objects.values_list("obligation__unit__code", "key")) == sorted(
        (code, key) for code in officers for key in ("before:14", "before:7"))
    assert reminder_titles() == {name: ["Nhắc hạn: Báo cáo tiến độ, sơ kết — còn 7 ngày (hạn 20/12/2026)"]
                                 for name in officers.values()}
    assert sorted(queued) == sorted(Notification.objects.filter(email_wanted=True).values_list("pk", flat=True))
