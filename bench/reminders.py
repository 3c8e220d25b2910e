#!/usr/bin/env python
"""Benchmark: the hourly reminder sweep, in three situations.

    .venv/bin/python bench/reminders.py [--obligations 100000] [--reminders 10000] [--units 7000 --deadlines 3]

1. ``--obligations N``: N open obligations, one unit and officer each, due from
   10 days ago to 19 days ahead. A first sweep sends what they earned; the second
   has nothing new to send (target ≤ 2 s for 100,000).
2. ``--reminders M``: M obligations that each earned a reminder now, all sent by
   one sweep (target ≤ 10 s for 10,000).
3. ``--units U --deadlines K``: the country's U communes under 34 provinces, each
   province's plan with K yearly deadlines first due next year; one sweep creates
   that year's U × K obligations (target ≤ 30 s for 7,000 × 3), the next one
   finds nothing to create.

Each line gives the time, the SQL queries and the rows the sweep wrote. A
scenario given 0 is skipped; each one starts from an empty database. Uses a
throw-away SQLite database unless DATABASE_URL is set; emails are queued on the
broker the settings name (Redis when REDIS_URL is set).
"""

import argparse
import datetime
import os
import sys
import tempfile
import time
from pathlib import Path

import django
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test.utils import setup_test_environment
from django.utils import timezone

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PROVINCES = 34


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--obligations", type=int, default=100_000)
    parser.add_argument("--reminders", type=int, default=10_000)
    parser.add_argument("--units", type=int, default=7_000)
    parser.add_argument("--deadlines", type=int, default=3)
    args = parser.parse_args()

    workdir = tempfile.mkdtemp(prefix="thidua-bench-")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir}/bench.sqlite3")
    os.environ.update({"DJANGO_SETTINGS_MODULE": "emulation.settings_test", "THIDUA_VAR_DIR": workdir,
                       "LOG_LEVEL": "WARNING"})
    django.setup()
    setup_test_environment()  # in-memory email
    call_command("migrate", verbosity=0)
    print(f"[{connection.vendor}, broker {settings.CELERY_BROKER_URL.split(':')[0]}]")
    if args.obligations:
        nothing_new(args.obligations)
    if args.reminders:
        reminders_to_send(args.reminders)
    if args.units and args.deadlines:
        a_year_of_obligations(args.units, args.deadlines)


def measure(label: str) -> dict:
    """Run one sweep, print its time, queries and the rows it wrote."""
    from campaigns.models import Obligation, ReminderLog  # noqa: PLC0415 — after django.setup() in main
    from campaigns.services.reminders import reminders_sweep  # noqa: PLC0415 — after django.setup() in main
    from emulation.models import Notification  # noqa: PLC0415 — after django.setup() in main

    tables = {"obligations": Obligation, "reminder rows": ReminderLog, "notifications": Notification}
    before = {name: model.objects.count() for name, model in tables.items()}
    counter = {"queries": 0}

    def count(execute, sql, params, many, context):
        counter["queries"] += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        started = time.perf_counter()
        result = reminders_sweep()
        elapsed = time.perf_counter() - started
    written = ", ".join(f"{model.objects.count() - before[name]} {name}" for name, model in tables.items())
    print(f"  {label}: {elapsed:.2f} s, {counter['queries']} queries; {result['reminders']} reminders, "
          f"{result['summaries']} overdue summaries; wrote {written}")
    return result


def fresh_database() -> None:
    call_command("flush", interactive=False, verbosity=0)


def province(code: str):
    from emulation import services  # noqa: PLC0415 — after django.setup() in main

    return services.unit_create(actor=None, parent=None, code=code, kind="province", name=f"Tỉnh {code}",
                                header_name=f"TỈNH {code.upper()}", abbreviation="UBND", place_name=code)


def communes(parent, count: int, *, start: int = 0, officers: bool = True) -> list:
    """``count`` communes under ``parent`` (and an officer in each), inserted in bulk."""
    from emulation.models import Role, RoleAssignment, Unit, User  # noqa: PLC0415 — after django.setup() in main

    Unit.objects.bulk_create([
        Unit(code=f"{parent.code}-xa-{i}", kind="commune", name=f"Xã {i} ({parent.code})", header_name=f"XÃ {i}",
             abbreviation="UBND", place_name=parent.place_name, parent=parent,
             path=f"{parent.path}{i + 10_000_000:08d}/", depth=1)
        for i in range(start, start + count)], batch_size=2000)
    units = list(Unit.objects.filter(parent=parent).order_by("pk"))
    if officers:
        User.objects.bulk_create([User(username=f"cb-{unit.code}", full_name=f"Cán bộ {unit.name}",
                                       email=f"cb-{unit.code}@example.vn") for unit in units], batch_size=2000)
        people = {user.username: user for user in User.objects.filter(username__startswith=f"cb-{parent.code}-")}
        RoleAssignment.objects.bulk_create([RoleAssignment(user=people[f"cb-{unit.code}"], unit=unit,
                                                           role=Role.UNIT_OFFICER) for unit in units], batch_size=2000)
    return units


def issued_plan(issuer, number: int):
    from campaigns.models import Plan  # noqa: PLC0415 — after django.setup() in main

    return Plan.objects.create(issuer=issuer, title=f"Kế hoạch đo số {number}", place_name=issuer.place_name,
                               sign_title="CHỦ TỊCH", state="issued", number=number, symbol="KH-UBND",
                               issued_on=timezone.localdate())


def obligations_due(count: int, days_from: int, days_span: int) -> None:
    """``count`` communes each owing one progress report, due ``days_from`` + (i mod ``days_span``) days from today."""
    from campaigns.models import Deadline, Obligation  # noqa: PLC0415 — after django.setup() in main

    today = timezone.localdate()
    issuer = province("bench")
    units = communes(issuer, count)
    plan = issued_plan(issuer, 1)
    deadline = Deadline.objects.create(plan=plan, kind="progress_report", to_unit=issuer,
                                       due_on=today + datetime.timedelta(days=7))
    Obligation.objects.bulk_create([
        Obligation(deadline=deadline, plan=plan, unit=unit, owed_to=issuer, kind="progress_report",
                   due_on=today + datetime.timedelta(days=days_from + i % days_span))
        for i, unit in enumerate(units)], batch_size=2000)


def nothing_new(count: int) -> None:
    print(f"{count} open obligations, due from 10 days ago to 19 days ahead:")
    fresh_database()
    obligations_due(count, -10, 30)
    measure("first sweep")
    measure("second sweep (nothing new; target ≤ 2 s)")


def reminders_to_send(count: int) -> None:
    print(f"{count} obligations that each earned a reminder (due from 10 days ago to 14 days ahead):")
    fresh_database()
    obligations_due(count, -10, 25)
    measure("sweep (target ≤ 10 s)")


def a_year_of_obligations(unit_count: int, deadline_count: int) -> None:
    from campaigns.models import Deadline  # noqa: PLC0415 — after django.setup() in main

    print(f"{unit_count} communes under {PROVINCES} provinces, each province's plan with {deadline_count} "
          f"yearly deadlines first due next year:")
    fresh_database()
    next_year = timezone.localdate().year + 1
    through = Deadline.from_units.through
    for p in range(PROVINCES):
        issuer = province(f"t{p:02d}")
        share = unit_count // PROVINCES + (p < unit_count % PROVINCES)
        units = communes(issuer, share, officers=False)
        plan = issued_plan(issuer, p + 1)
        for k in range(deadline_count):
            # Three months apart from March on: out of the reminders' reach today.
            deadline = Deadline.objects.create(plan=plan, kind="progress_report", to_unit=issuer, position=k,
                                               recurrence="yearly", due_on=datetime.date(next_year, 3 + 3 * k % 12, 28))
            through.objects.bulk_create([through(deadline=deadline, unit=unit) for unit in units], batch_size=2000)
    measure("sweep creating next year's obligations (target ≤ 30 s)")
    measure("next sweep (nothing to create)")


if __name__ == "__main__":
    main()
