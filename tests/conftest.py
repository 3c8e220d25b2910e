import os
import shutil

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from campaigns.models import Section
from campaigns.services import plans as plan_services
from emulation.celery import app
from emulation.models import Role, UnitKind
from tests.builders import make_people
from tests.factories import UnitFactory, person_with_role
from tests.snapshot import TableSnapshot, tasks_published

pytest_plugins = ["tests.pki_fixtures", "tests.chain"]


@pytest.fixture(autouse=True)
def _empty_cache():
    """Rate-limit counters and cached signature checks belong to one test."""
    yield
    cache.clear()


@pytest.fixture(scope="module")
def demo_loaded(django_db_setup, django_db_blocker, served_pki):
    """load_demo once for a module's tests (it takes seconds). Loaded inside a
    transaction kept open for the module: each test's own transaction is a
    savepoint in it, rolled back after the test, so every test starts from the
    demo as loaded; the whole of it is rolled back after the module. For tests
    that use ``db``, never ``transactional_db``."""
    pki = served_pki.pki
    with override_settings(SIGNATURE_TRUST_ROOTS=[str(pki.roots_file)], DEMO_PKI_DIRECTORY=str(pki.directory),
                           DEMO_PKI_URL=served_pki.base_url), django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", verbosity=0, force=True)
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo_db(demo_loaded, db, chain):
    """The demo as load_demo leaves it, for this test (see demo_loaded)."""


@pytest.fixture
def tree(db):
    """province ─┬─ district A ── commune A1
                 └─ district B ── commune B1"""
    province = UnitFactory(kind=UnitKind.PROVINCE, name="Ủy ban nhân dân tỉnh An Giang", code="tinh")
    district_a = UnitFactory(kind=UnitKind.DISTRICT, name="Ủy ban nhân dân huyện Châu Phú", code="huyen-a",
                             parent=province)
    district_b = UnitFactory(kind=UnitKind.DISTRICT, name="Ủy ban nhân dân huyện Tri Tôn", code="huyen-b",
                             parent=province)
    commune_a = UnitFactory(kind=UnitKind.COMMUNE, name="Ủy ban nhân dân xã Bình Mỹ", code="xa-a1",
                            parent=district_a)
    commune_b = UnitFactory(kind=UnitKind.COMMUNE, name="Ủy ban nhân dân xã Ba Chúc", code="xa-b1",
                            parent=district_b)
    return {"province": province, "district_a": district_a, "district_b": district_b,
            "commune_a": commune_a, "commune_b": commune_b}


@pytest.fixture
def people(tree, chain):
    """The province's drafter and signer and two district officers; and
    ``people["chain"]``, which issues a submitted document the way an office
    does (the signer signs with a DEMO certificate, the clerk issues)."""
    return {**make_people(tree), "chain": chain}


@pytest.fixture
def district_draft(tree):
    """A district's draft plan with one section, by its drafter."""
    drafter = person_with_role(Role.DRAFTER, tree["district_a"], full_name="Đinh Văn Sáu")
    plan = plan_services.plan_create(actor=drafter, issuer=tree["district_a"], title="Kế hoạch của huyện Châu Phú")
    section = plan_services.plan_part_save(actor=drafter, plan=plan, instance=Section(),
                                           values={"heading": "Mục đích", "body": "Nội dung."})
    return {"plan": plan, "drafter": drafter, "section": section}


# Browser tests ---------------------------------------------------------------

CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
]


@pytest.fixture(scope="session")
def chromium():
    if not os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE"):
        pytest.fail("Browser tests run in their own pytest run with DJANGO_ALLOW_ASYNC_UNSAFE=true (make test).")
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        pytest.fail("Chromium is not installed: run `make test`, which installs it from the system packages.")
    from playwright.sync_api import sync_playwright  # noqa: PLC0415 — Playwright is slow to import; only browser tests need it

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium, live_server):
    context = chromium.new_context(base_url=live_server.url, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


def log_in(page, username: str, password: str) -> None:
    page.goto("/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()


DEMO_PASSWORD = "ThiDua@2026"


@pytest.fixture(scope="session")
def demo_snapshot():
    """The tables as the first load_demo of this test process left them, and the tasks it sent."""
    return {"tables": TableSnapshot(), "tasks": []}


@pytest.fixture
def demo(settings, live_server, chain, demo_snapshot):
    """The demo data, with SITE_URL pointing at the live server (QR addresses;
    the same server for every test of the process). Loaded once per process,
    put back from its copy for the tests after — with the tasks the load sent
    sent again, for the worker of a test that has one."""
    settings.DEBUG = True
    settings.SITE_URL = live_server.url
    tables = demo_snapshot["tables"]
    if tables.taken:
        tables.restore()
        for name, args, kwargs in demo_snapshot["tasks"]:
            app.send_task(name, args=args, kwargs=kwargs)
        return
    with tasks_published() as published:
        call_command("load_demo", verbosity=0)
    tables.take()
    demo_snapshot["tasks"] = published


def log_out(page) -> None:
    from playwright.sync_api import expect  # noqa: PLC0415 — Playwright is slow to import; only browser tests need it

    page.locator("#nav-main .dropdown-toggle").click()
    page.get_by_role("button", name="Đăng xuất").click()
    expect(page.get_by_role("heading", name="Đăng nhập")).to_be_visible()


@pytest.fixture
def empty_broker():
    """A real worker starts on an empty queue: messages left by earlier tests
    (for rows those tests rolled back) are not this test's work."""
    app.control.purge()
