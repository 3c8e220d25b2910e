#!/usr/bin/env python
"""Benchmark: render each seed plan to PDF repeatedly and print pages, median
and p95 milliseconds per document.

    .venv/bin/python bench/pdf.py [--runs 20]

Runs on a throw-away SQLite database loaded with the demo data; WeasyPrint is
imported once and its font configuration reused, as in the render process.
"""

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20, help="renders per plan (default 20)")
    args = parser.parse_args()

    workdir = tempfile.mkdtemp(prefix="thidua-bench-")
    os.environ.update({
        "DJANGO_SETTINGS_MODULE": "emulation.settings", "DEBUG": "true", "THIDUA_VAR_DIR": workdir,
        "DATABASE_URL": f"sqlite:///{workdir}/bench.sqlite3", "LOG_LEVEL": "WARNING",
    })
    os.environ.pop("REDIS_URL", None)
    import django

    django.setup()
    from django.core.management import call_command
    from pypdf import PdfReader

    from campaigns.models import Plan
    from campaigns.printing import plan_print_html
    from emulation.pdf import render_in_process

    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0, stdout=io.StringIO())

    started = time.perf_counter()
    render_in_process('<html lang="vi"><p>khởi động</p></html>')
    print(f"engine start (import + fonts): {(time.perf_counter() - started) * 1000:.0f} ms")
    print(f"{'plan':<34} {'pages':>5} {'median ms':>10} {'p95 ms':>8}")
    for plan in Plan.objects.select_related("issuer").exclude(issuer__code="quang-ngai").order_by("pk"):
        html = plan_print_html(plan)
        timings, pdf = [], b""
        for _ in range(args.runs):
            started = time.perf_counter()
            pdf = render_in_process(html)
            timings.append((time.perf_counter() - started) * 1000)
        pages = len(PdfReader(io.BytesIO(pdf)).pages)
        timings.sort()
        p95 = timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))]
        label = f"{plan.number_symbol or 'dự thảo'} {plan.issuer.abbreviation} {plan.issuer.place_name}"
        print(f"{label:<34} {pages:>5} {statistics.median(timings):>10.0f} {p95:>8.0f}")


if __name__ == "__main__":
    main()
