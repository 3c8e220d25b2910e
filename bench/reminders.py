#!/usr/bin/env python
"""Benchmark: create 10,000 obligations and time one reminder sweep.

    .venv/bin/python bench/reminders.py [--obligations 10000]

Prints how long the sweep takes, how many SQL queries it runs, and how many
reminders it sent; a second sweep shows the cost when nothing is due again.
Uses a throw-away SQLite database unless DATABASE_URL is set.
"""

import argparse
import datetime
import os
import sys
import tempfile
import time
from pathlib import Path

import django
from django.core.management import call_command
from django.db import connection
from django.test.utils import setup_test_environment
from django.utils import timezone

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--obligations", type=int, default=10_000)
    args = parser.parse_args()

    workdir = tempfile.mkdtemp(prefix="thidua-bench-")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir}/bench.sqlite3")
    os.environ.update({"DJANGO_SETTINGS_MODULE": "emulation.settings_test", "THIDUA_VAR_DIR": workdir,
                       "LOG_LEVEL": "WARNING"})
    django.setup()
    from campaigns.models import Deadline, Obligation, Plan  # noqa: PLC0415 — after django.setup() above
    from campaigns.services.reminders import reminders_sweep  # noqa: PLC0415 — after django.setup() above
    from emulation import services  # noqa: PLC0415 — after django.setup() above
    from emulation.models import Role, RoleAssignment, Unit, User  # noqa: PLC0415 — after django.setup() above

    setup_test_environment()  # in-memory email
    call_command("migrate", verbosity=0)
    province = services.unit_create(actor=None, parent=None, code="bench", kind="province", name="Tỉnh đo",
                                    header_name="TỈNH ĐO", abbreviation="UBND", place_name="Đo")
    units = [Unit(code=f"xa-{i}", kind="commune", name=f"Xã {i}", header_name=f"XÃ {i}", abbreviation="UBND",
                  place_name="Đo", parent=province, path=f"{province.path}{i + 10_000_000:08d}/", depth=1)
             for i in range(args.obligations)]
    Unit.objects.bulk_create(units, batch_size=2000)
    units = list(Unit.objects.filter(parent=province))
    officers = [User(username=f"cb{i}", full_name=f"Cán bộ {i}", email=f"cb{i}@example.vn") for i in range(len(units))]
    User.objects.bulk_create(officers, batch_size=2000)
    officers = list(User.objects.filter(username__startswith="cb").order_by("pk"))
    RoleAssignment.objects.bulk_create([RoleAssignment(user=u, unit=unit, role=Role.UNIT_OFFICER)
                                        for u, unit in zip(officers, sorted(units, key=lambda x: x.pk), strict=True)],
                                       batch_size=2000)
    today = timezone.localdate()
    plan = Plan.objects.create(issuer=province, title="Kế hoạch đo", place_name="Đo", sign_title="CHỦ TỊCH",
                               state="issued", number=1, symbol="KH-UBND", issued_on=today)
    deadline = Deadline.objects.create(plan=plan, kind="progress_report", to_unit=province,
                                       due_on=today + datetime.timedelta(days=7))
    Obligation.objects.bulk_create([
        Obligation(deadline=deadline, plan=plan, unit=unit, owed_to=province, kind="progress_report",
                   due_on=today + datetime.timedelta(days=(i % 30) - 10))
        for i, unit in enumerate(units)], batch_size=2000)

    for label in ("first sweep", "second sweep (nothing new)"):
        counter = {"queries": 0}

        def count(execute, sql, params, many, context, counter=counter):
            counter["queries"] += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            started = time.perf_counter()
            result = reminders_sweep()
            elapsed = time.perf_counter() - started
        print(f"{label}: {args.obligations} obligations, {elapsed:.2f} s, {counter['queries']} queries, "
              f"{result['reminders']} reminders, {result['summaries']} overdue summaries "
              f"[{connection.vendor}]")


if __name__ == "__main__":
    main()
