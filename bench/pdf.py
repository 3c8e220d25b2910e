#!/usr/bin/env python
"""Benchmark: the document engine. Prints, per seed plan and for the demo
decision, pages and render milliseconds (median, p95, per page); then how long
issuing holds the outgoing register's number lock (target ≤ 50 ms), issuing
plan after plan as a signer does.

    .venv/bin/python bench/pdf.py [--runs 20] [--issues 30]
    BENCH_DATABASE_URL=postgres://…/empty_db .venv/bin/python bench/pdf.py

Runs on a throw-away SQLite database loaded with the demo data; WeasyPrint is
imported once and its font configuration reused, as in the render process.
The lock is timed from the query that takes the counter to the commit: on
PostgreSQL that is the row lock every issuer of the unit waits for, on SQLite
the database's one write lock.
"""

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import django
from django.core.management import call_command
from django.db import connection, transaction
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def bench_renders(runs: int) -> None:
    from awards.models import AwardDecision  # noqa: PLC0415 — after django.setup() in main()
    from campaigns.models import Plan  # noqa: PLC0415 — after django.setup() in main()
    from emulation.documents.issue import document_html, layout_for  # noqa: PLC0415 — after django.setup() in main()
    from emulation.documents.render import render_in_process  # noqa: PLC0415 — after django.setup() in main()

    started = time.perf_counter()
    render_in_process('<html lang="vi"><p>khởi động</p></html>')
    print(f"engine start (import + fonts): {(time.perf_counter() - started) * 1000:.0f} ms")
    print(f"{'document':<40} {'pages':>5} {'median ms':>10} {'p95 ms':>8} {'ms/page':>8}")
    targets = [*Plan.objects.select_related("issuer").exclude(issuer__code="quang-ngai").order_by("pk"),
               *AwardDecision.objects.select_related("issuer").order_by("pk")]
    for target in targets:
        html = document_html(layout_for(target))
        timings, pdf = [], b""
        for _ in range(runs):
            started = time.perf_counter()
            pdf = render_in_process(html)
            timings.append((time.perf_counter() - started) * 1000)
        pages = len(PdfReader(io.BytesIO(pdf)).pages)
        median = statistics.median(timings)
        label = f"{target._meta.verbose_name} {target.number_symbol or 'dự thảo'} {target.issuer.abbreviation}"
        print(f"{label[:40]:<40} {pages:>5} {median:>10.0f} {percentile(timings, 0.95):>8.0f} {median / pages:>8.0f}")


class LockTimer:
    """Times each transaction from the counter query to its commit."""

    def __init__(self):
        self.started: float | None = None
        self.held: list[float] = []
        self.queries: list[int] = []
        self.inside: list[str] = []

    def __call__(self, execute, sql, params, many, context):
        if self.started is None and "emulation_numbercounter" in sql:
            self.started = time.perf_counter()
            self.inside = []
            transaction.on_commit(self.committed)
        if self.started is not None:
            self.inside.append(sql)
        return execute(sql, params, many, context)

    def committed(self) -> None:
        self.held.append((time.perf_counter() - self.started) * 1000)
        self.queries.append(len(self.inside))
        self.started = None


def bench_issue_lock(issues: int) -> None:
    from campaigns.models import Plan  # noqa: PLC0415 — after django.setup() in main()
    from campaigns.services.plans import plan_amend, plan_issue, plan_submit  # noqa: PLC0415 — after django.setup() in main()
    from emulation.models import Role  # noqa: PLC0415 — after django.setup() in main()
    from emulation.permissions import people_holding  # noqa: PLC0415 — after django.setup() in main()

    plan = Plan.objects.select_related("issuer").get(issuer__code="an-giang", state="issued")
    drafter = people_holding(Role.DRAFTER, plan.issuer).first()
    signer = people_holding(Role.SIGNER, plan.issuer).first()
    timer, whole = LockTimer(), []
    for _ in range(issues):
        draft = plan_amend(actor=drafter, plan=plan)
        plan_submit(actor=drafter, plan=draft)
        with connection.execute_wrapper(timer):
            started = time.perf_counter()
            plan = plan_issue(actor=signer, plan=draft)
            whole.append((time.perf_counter() - started) * 1000)
    print(f"\nissuing {issues} plans of {plan.issuer.name} ({connection.vendor}); the PDF is left to the worker")
    print(f"{'':<40} {'median ms':>10} {'p95 ms':>8} {'max ms':>8}")
    for label, values in (("register number lock held", timer.held), ("whole issuing call", whole)):
        print(f"{label:<40} {statistics.median(values):>10.1f} {percentile(values, 0.95):>8.1f} {max(values):>8.1f}")
    print(f"queries while the lock is held: median {statistics.median(timer.queries):.0f}")
    verdict = "meets" if percentile(timer.held, 0.95) <= 50 else "MISSES"
    print(f"target: lock held ≤ 50 ms at p95 — {verdict}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20, help="renders per document (default 20)")
    parser.add_argument("--issues", type=int, default=30, help="plans issued for the lock timing (default 30)")
    args = parser.parse_args()

    workdir = tempfile.mkdtemp(prefix="thidua-bench-")
    os.environ.update({
        "DJANGO_SETTINGS_MODULE": "emulation.settings", "DEBUG": "true", "THIDUA_VAR_DIR": workdir,
        "LOG_LEVEL": "WARNING",
    })
    # BENCH_DATABASE_URL names an empty PostgreSQL database to measure there; never the app's own.
    os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{workdir}/bench.sqlite3")
    os.environ.pop("REDIS_URL", None)
    django.setup()
    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0, stdout=io.StringIO())
    bench_renders(args.runs)
    bench_issue_lock(args.issues)


if __name__ == "__main__":
    main()
