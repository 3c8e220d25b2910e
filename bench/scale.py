#!/usr/bin/env python
"""Benchmark: the whole country on one deployment. Generates national-scale
data on PostgreSQL (bench/scale_data.py), serves the app as production does
(scripts/serve web: gunicorn with deploy/gunicorn.conf.py and the settings of
deploy/thidua.env.example), and measures every key page against a floor — a
bare authenticated view through the same middleware — in one interleaved run
at 8 concurrent clients; then the Excel export and the reminder sweep. Prints
one table.

    .venv/bin/python bench/scale.py                   # full scale (generated once, then reused)
    .venv/bin/python bench/scale.py --scale 0.05      # a smaller country, in its own database
    .venv/bin/python bench/scale.py --regenerate      # drop the database and generate it again

The database is thidua_scale (thidua_scale_<scale> below full scale) on
BENCH_POSTGRES (default postgres://postgres@127.0.0.1:5432), Redis on
REDIS_URL (default redis://127.0.0.1:6379/15) is the cache, as in production.
Targets: every page median ≤ 2× the floor's median and p95 ≤ 150 ms; no
query over 20 ms; the export of 20,000 rows ≤ 3 s; the sweep with nothing new
≤ 2 s.
"""

import argparse
import contextlib
import http.client
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import scale_data  # noqa: E402 — after the project root is on the path
from tests.stack import example_environment, free_port, production_environment, unit_command  # noqa: E402 — likewise

FLOOR = "floor (bare authenticated view)"
# For reference, not a page of the app: base.html with nothing in it, what every page costs first.
LAYOUT = "layout only (base.html, empty)"
MEDIAN_RATIO_TARGET, P95_TARGET_MS, QUERY_TARGET_MS, EXPORT_TARGET_S, SWEEP_TARGET_S = 2.0, 150.0, 20.0, 3.0, 2.0


@dataclass
class Page:
    name: str
    user: str | None  # a scenario user key; None: anonymous
    url: str
    samples: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    queries: int | None = None
    slowest_ms: float | None = None
    slowest_sql: str = ""


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def stored_pdf_url(plan_id: int) -> str:
    """The stored file itself (the plan's PDF address redirects to it once issued)."""
    from campaigns.models import Plan  # noqa: PLC0415 — after django.setup() in main()
    from emulation.documents.issue import official_document_of  # noqa: PLC0415 — likewise

    return f"/van-ban/{official_document_of(Plan.objects.get(pk=plan_id)).pk}/pdf/"


def pages_of(scenario: dict) -> list[Page]:
    busy, meeting, decision = scenario["busy_plan_id"], scenario["meeting_id"], scenario["decision_id"]
    search = quote(scenario["search_name"])
    deep = max(1, min(20, scenario["review_queue_pages"]))
    pages = [
        Page(FLOOR, "commune_officer", "/bench/floor/"),
        Page(LAYOUT, "commune_officer", "/bench/layout/"),
        Page("review queue of a province's reviewing body", "reviewer", "/khen-thuong/tham-dinh/"),
        Page(f"the same, page {deep}", "reviewer", f"/khen-thuong/tham-dinh/?page={deep}"),
        Page("the same, with a name search", "reviewer", f"/khen-thuong/tham-dinh/?q={search}"),
        Page("a province plan's page", "province_drafter", f"/ke-hoach/{busy}/"),
        Page("plan list, province drafter", "province_drafter", "/ke-hoach/"),
        Page("plan list, commune officer", "commune_officer", "/ke-hoach/"),
        Page("report roll-up of a plan", "province_drafter", f"/ke-hoach/{scenario['rollup_plan_id']}/tong-hop/"),
        Page("quota ledger of a busy plan", "province_drafter", f"/khen-thuong/ke-hoach/{busy}/chi-tieu/"),
        Page("public verification page", None, f"/xac-minh/{scenario['verification_code']}/"),
        Page("stored PDF", "province_drafter", stored_pdf_url(scenario["document_plan_id"])),
        Page("obligations, commune officer", "commune_officer", "/ke-hoach/han-nop/"),
        Page("notifications, commune officer", "commune_officer", "/thong-bao/"),
        Page("unit directory, administrator", "administrator", "/don-vi/"),
        Page("outgoing register, clerk", "clerk", "/ke-hoach/so-van-ban-di/"),
        Page("\"my dossiers\", commune officer", "commune_officer", "/khen-thuong/ho-so/"),
        Page("council meeting page", "council_member", f"/khen-thuong/hoi-dong/{meeting}/"),
        Page("award decision page", "province_drafter", f"/khen-thuong/quyet-dinh/{decision}/"),
        Page("progress dashboard of a province", "province_drafter", "/ke-hoach/tien-do/"),
    ]
    for role in ("commune_officer", "province_drafter", "reviewer", "council_member", "signer", "clerk",
                 "administrator"):
        pages.append(Page(f"home page, {role.replace('_', ' ')}", role, "/"))
    return pages


# Serving ---------------------------------------------------------------------------------------------------------

def bench_environment(database_url: str, var_dir: Path, port: int) -> dict[str, str]:
    """The documented production settings (deploy/thidua.env.example, its worker
    model and connection settings untouched), on this machine: the scale
    database, Redis, plain HTTP on loopback behind one (pretend) proxy, whose
    X-Forwarded-For lets every verification request come from its own citizen."""
    return production_environment(
        var_dir, port, DATABASE_URL=database_url, REDIS_URL=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15"),
        DJANGO_SETTINGS_MODULE="bench.scale_settings", ALLOWED_HOSTS="127.0.0.1,testserver",
        TRUSTED_PROXY_COUNT="1", WEB_CONCURRENCY=example_environment()["WEB_CONCURRENCY"],
        LOG_LEVEL="WARNING", PYTHONPATH=str(ROOT))


@contextlib.contextmanager
def served(environment: dict[str, str], port: int, log_path: Path):
    with log_path.open("w") as log:
        process = subprocess.Popen(unit_command("thidua-web.service"), cwd=ROOT, env=environment, stdout=log,
                                   stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while True:
            with contextlib.suppress(OSError):
                status, _ = request(port, "/healthz")
                if status == 200:
                    break
            if process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"The web process did not start; see {log_path}.")
            time.sleep(0.3)
        yield process
    finally:
        process.terminate()
        process.wait(timeout=30)


def request(port: int, url: str, cookie: str = "", client_address: str = "") -> tuple[int, int]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    headers = {"Host": "127.0.0.1"}
    if cookie:
        headers["Cookie"] = cookie
    if client_address:
        headers["X-Forwarded-For"] = client_address
    try:
        connection.request("GET", url, headers=headers)
        response = connection.getresponse()
        size = 0
        while chunk := response.read(1 << 16):
            size += len(chunk)
        return response.status, size
    finally:
        connection.close()


# Measuring ------------------------------------------------------------------------------------------------------

def session_cookies(usernames: dict[str, str]) -> dict[str, str]:
    """A logged-in session per scenario user, made as login() makes it (the
    login page is rate-limited and would only measure the password hash)."""
    from importlib import import_module  # noqa: PLC0415 — after django.setup() in main()

    from django.conf import settings  # noqa: PLC0415 — after django.setup() in main()
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: PLC0415 — likewise

    from emulation.models import User  # noqa: PLC0415 — likewise

    cookies = {}
    for key, username in usernames.items():
        user = User.objects.get(username=username)
        session = import_module(settings.SESSION_ENGINE).SessionStore()
        # The backend that authenticates by password (the first, axes's, only counts failures).
        session[SESSION_KEY], session[BACKEND_SESSION_KEY] = str(user.pk), "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        cookies[key] = f"{settings.SESSION_COOKIE_NAME}={session.session_key}"
    return cookies


def count_queries(pages: list[Page], usernames: dict[str, str]) -> None:
    """Queries per page and the slowest of them, one request each, in this process."""
    from django.db import connection  # noqa: PLC0415 — after django.setup() in main()
    from django.test import Client  # noqa: PLC0415 — likewise
    from django.test.utils import CaptureQueriesContext  # noqa: PLC0415 — likewise

    from emulation.models import User  # noqa: PLC0415 — likewise

    for page in pages:
        client = Client(HTTP_X_FORWARDED_FOR=f"10.9.{random.randrange(256)}.{random.randrange(256)}")
        if page.user:
            client.force_login(User.objects.get(username=usernames[page.user]))
        client.get(page.url)  # the database's cache warm, as under the measured load
        with CaptureQueriesContext(connection) as captured:
            response = client.get(page.url)
            if getattr(response, "streaming", False):
                b"".join(response.streaming_content)
        page.queries = len(captured.captured_queries)
        if captured.captured_queries:
            slowest = max(captured.captured_queries, key=lambda query: float(query["time"]))
            page.slowest_ms, page.slowest_sql = float(slowest["time"]) * 1000, " ".join(slowest["sql"].split())[:160]
        if response.status_code != 200:
            print(f"  ! {page.name}: {page.url} answered {response.status_code} in the test client")


def measure(pages: list[Page], cookies: dict[str, str], port: int, *, clients: int, samples: int) -> float:
    """Each client walks every page in its own random order, round after round,
    so that each page is measured beside all the others and the floor."""
    rounds = max(1, -(-samples // clients))
    errors: list[str] = []

    def client(number: int) -> None:
        order = random.Random(number)
        for round_number in range(rounds):
            walk = list(pages)
            order.shuffle(walk)
            for page in walk:
                address = f"10.{number}.{round_number % 256}.{order.randrange(1, 255)}"
                started = time.perf_counter()
                try:
                    status, _size = request(port, page.url, cookies.get(page.user, ""), address)
                except OSError as error:
                    errors.append(f"{page.name}: {error}")
                    continue
                page.samples.append((time.perf_counter() - started) * 1000)
                page.statuses[status] = page.statuses.get(status, 0) + 1

    started = time.perf_counter()
    threads = [threading.Thread(target=client, args=(number,)) for number in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for error in errors[:10]:
        print(f"  ! {error}")
    return time.perf_counter() - started


def export_seconds(port: int, cookie: str, plan_id: int, runs: int = 3) -> tuple[float, int, int]:
    timings, status, size = [], 0, 0
    for _ in range(runs):
        started = time.perf_counter()
        status, size = request(port, f"/khen-thuong/ke-hoach/{plan_id}/xuat-excel/", cookie)
        timings.append(time.perf_counter() - started)
    return statistics.median(timings), status, size


def sweep_runs() -> list[tuple[float, int, dict]]:
    """The hourly sweep twice: what it sends now, then the steady state."""
    from django.db import connection  # noqa: PLC0415 — after django.setup() in main()
    from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: PLC0415 — likewise

    from campaigns.services.reminders import notification_emails_catch_up, reminders_sweep  # noqa: PLC0415 — likewise

    setup_test_environment()  # emails to memory: the sweep's catch-up would reach for the SMTP server
    # The emails of an earlier run's reminders, which no worker took from the bench's queue: sent
    # first, as a worker would have, so that the sweeps below are measured as in production.
    sent = notification_emails_catch_up()
    while sent:
        sent = notification_emails_catch_up()
    results = []
    for _ in range(2):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            outcome = reminders_sweep()
            results.append((time.perf_counter() - started, len(captured.captured_queries), outcome))
    return results


# Reporting ------------------------------------------------------------------------------------------------------

def print_table(pages: list[Page], clients: int, wall_seconds: float) -> None:
    floor = next(page for page in pages if page.name == FLOOR)
    floor_median = statistics.median(floor.samples)
    print(f"\n{clients} concurrent clients, {sum(len(p.samples) for p in pages)} requests in {wall_seconds:.0f} s; "
          f"req/s = {clients} ÷ mean latency (what the clients get from that page at these latencies)\n")
    header = (f"{'page':<48} {'median':>8} {'p95':>8} {'× floor':>8} {'req/s':>7} {'queries':>7} {'slowest q':>9}"
              f"  {'status':<12} target")
    print(header)
    print("-" * len(header))
    for page in pages:
        if not page.samples:
            print(f"{page.name:<48} no answer")
            continue
        median, p95 = statistics.median(page.samples), percentile(page.samples, 0.95)
        ratio = median / floor_median
        meets = set(page.statuses) == {200} and (
            ratio <= MEDIAN_RATIO_TARGET and p95 <= P95_TARGET_MS and (page.slowest_ms or 0) <= QUERY_TARGET_MS)
        verdict = "reference" if page.name in {FLOOR, LAYOUT} else "ok" if meets else "MISSED"
        statuses = ",".join(f"{code}×{count}" for code, count in sorted(page.statuses.items()))
        queries = "" if page.queries is None else str(page.queries)
        slowest = "" if page.slowest_ms is None else f"{page.slowest_ms:.1f}ms"
        print(f"{page.name:<48} {median:>6.0f}ms {p95:>6.0f}ms {ratio:>7.1f}× "
              f"{clients / statistics.mean(page.samples) * 1000:>7.1f} {queries:>7} {slowest:>9}  {statuses:<12} "
              f"{verdict}")
    print("\nSlowest query per page:")
    for page in sorted(pages, key=lambda p: -(p.slowest_ms or 0))[:8]:
        print(f"  {page.slowest_ms or 0:7.1f} ms  {page.name}: {page.slowest_sql}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    scale_data.add_arguments(parser)
    parser.add_argument("--database", default="", help="PostgreSQL database (default thidua_scale[_<scale>])")
    parser.add_argument("--regenerate", action="store_true", help="drop the database and generate it again")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--samples", type=int, default=40, help="requests per page (spread over the clients)")
    parser.add_argument("--skip-sweep", action="store_true")
    args = parser.parse_args()
    sizes = scale_data.sizes_from(args)
    suffix = "" if args.scale == 1 else "_" + str(args.scale).replace(".", "_")
    database = args.database or f"thidua_scale{suffix}"
    server = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432").rstrip("/")
    var_dir = ROOT / "var" / "bench-scale" / database
    scenario_file = var_dir / "scenario.json"
    port = free_port()
    environment = bench_environment(f"{server}/{database}", var_dir, port)

    if args.regenerate or not scenario_file.exists():
        recreate_database(server, database)
        shutil.rmtree(var_dir, ignore_errors=True)
    var_dir.mkdir(parents=True, exist_ok=True)
    subprocess.run([*unit_command("thidua-web.service")[:-1], "release"], cwd=ROOT, env=environment, check=True)
    os.environ.update(environment)
    import django  # noqa: PLC0415 — configured by the environment set just above

    django.setup()
    if not scenario_file.exists():
        started = time.perf_counter()
        scenario = scale_data.generate(sizes)
        print(f"Generated in {time.perf_counter() - started:.0f} s.")
        scenario_file.write_text(json.dumps(scenario, ensure_ascii=False, indent=2))
    scenario = json.loads(scenario_file.read_text())
    print(f"Database {database}; scenario {json.dumps(scenario, ensure_ascii=False)}")

    pages = pages_of(scenario)
    count_queries(pages, scenario["users"])
    cookies = session_cookies(scenario["users"])
    from django.db import connections  # noqa: PLC0415 — after django.setup() above

    connections.close_all()
    with served(environment, port, var_dir / "web.log"):
        # A round of every page by every client first, unmeasured: one request each in turn would
        # reach one worker, and each of the others would load pyHanko (~0.5 s) on its first
        # verification, and fill its caches, while measured.
        measure(pages, cookies, port, clients=args.clients, samples=args.clients)
        for page in pages:
            page.samples.clear()
            page.statuses.clear()
        wall = measure(pages, cookies, port, clients=args.clients, samples=args.samples)
        export = export_seconds(port, cookies["province_drafter"], scenario["export_plan_id"])
    print_table(pages, args.clients, wall)
    seconds, status, size = export
    verdict = "ok" if status == 200 and seconds <= EXPORT_TARGET_S else "MISSED"
    print(f"\nExcel export of plan {scenario['export_plan_id']}: {seconds:.2f} s (median of 3), HTTP {status}, "
          f"{size / 1e6:.1f} MB — target ≤ {EXPORT_TARGET_S:.0f} s: {verdict}")
    if not args.skip_sweep:
        for label, (seconds, queries, outcome) in zip(("reminder sweep", "again, nothing new"), sweep_runs(),
                                                      strict=True):
            print(f"{label:<20} {seconds:7.2f} s {queries:>8} queries  {outcome}")


def recreate_database(server: str, database: str) -> None:
    import psycopg2  # noqa: PLC0415 — only here, before Django is set up

    parts = urlsplit(server)
    connection = psycopg2.connect(host=parts.hostname, port=parts.port or 5432, user=parts.username or "postgres",
                                  password=parts.password or None, dbname="postgres")
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{database}"')
    connection.close()


if __name__ == "__main__":
    main()
