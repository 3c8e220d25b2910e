"""axe-core (static/vendor/axe-core, see its VERSION) checks the main pages
against WCAG 2 A and AA in Chromium; a serious or critical violation fails
the test and is printed rule by rule, element by element."""

from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from campaigns.models import Plan, PlanState, Section
from campaigns.services import plans as plan_services
from emulation.models import Unit, User
from tests.conftest import DEMO_PASSWORD, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Evaluated through the DevTools protocol, which the page's Content-Security-Policy
# (script-src 'self', style-src 'self') does not govern: a <script> tag with the
# source inline is refused, and one by address fails whenever the page itself
# reports a CSP violation while it loads.
AXE_SOURCE = (Path(settings.BASE_DIR) / "static" / "vendor" / "axe-core" / "axe.min.js").read_text()
AXE_RUN = """async () => {
  const result = await axe.run(document, {
    runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa']}, resultTypes: ['violations'],
  });
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map((n) => ({target: n.target.join(' '), html: n.html, summary: n.failureSummary})),
  }));
}"""
DESKTOP = {"width": 1366, "height": 768}

# The landing page of each kind of person (README, "Demo logins").
ROLES = ["quantri", "soanthao", "chutich", "vanthu", "canbo.longxuyen", "thamdinh", "hoidong"]


def serious_violations(page) -> list[dict]:
    page.wait_for_load_state("load")
    page.evaluate(AXE_SOURCE)
    return page.evaluate(AXE_RUN)


def readable(found: dict[str, list[dict]]) -> str:
    lines = []
    for where, violations in found.items():
        lines.append(f"{where}:")
        for violation in violations:
            lines.append(f"  {violation['id']} ({violation['impact']}): {violation['help']}")
            for node in violation["nodes"]:
                summary = " ".join(node["summary"].split())
                lines.append(f"    {node['target']}  {node['html'][:160]}\n      {summary}")
    return "\n".join(lines)


def check(page, visits) -> dict[str, list[dict]]:
    """``visits``: (login, path) pairs, in order; returns the violations by page."""
    found = {}
    signed_in = None
    for username, path in visits:
        if username != signed_in:
            page.context.clear_cookies()
            log_in(page, username, DEMO_PASSWORD)
            expect(page.get_by_role("heading", name="Việc cần làm", level=1)).to_be_visible()
            signed_in = username
        response = page.goto(path)
        assert response.ok, f"{username} {path}: {response.status}"
        if violations := serious_violations(page):
            found[f"{username} {path}"] = violations
    return found


def test_the_login_page(page, db):
    page.set_viewport_size(DESKTOP)
    page.goto("/dang-nhap/")
    found = serious_violations(page)
    assert not found, readable({"/dang-nhap/": found})


def test_the_main_pages(page, demo):
    page.set_viewport_size(DESKTOP)
    found = check(page, [
        ("soanthao", "/ke-hoach/"),
        ("soanthao", "/ke-hoach/nhap-tu-tep/"),
        ("soanthao", "/ke-hoach/van-ban-ngoai/"),
        ("soanthao", "/don-vi/"),
        ("soanthao", "/thong-bao/"),
        ("soanthao", "/khen-thuong/danh-muc/"),
        ("soanthao", "/khoi-thi-dua/"),
        ("canbo.longxuyen", "/ke-hoach/han-nop/"),
        ("canbo.longxuyen", "/khen-thuong/ho-so/"),
        ("canbo.longxuyen", "/thong-bao/"),
        ("thamdinh", "/khen-thuong/tham-dinh/"),
        ("quantri", "/nguoi-dung/"),
    ])
    assert not found, readable(found)


def test_the_home_page_of_each_role(page, demo):
    page.set_viewport_size(DESKTOP)
    found = check(page, [(username, "/") for username in ROLES])
    assert not found, readable(found)


def test_a_plan_page_and_the_drafting_page(page, demo):
    page.set_viewport_size(DESKTOP)
    drafter = User.objects.get(username="soanthao")
    draft = plan_services.plan_create(actor=drafter, issuer=Unit.objects.get(code="an-giang"),
                                      title="Kế hoạch tổ chức phong trào thi đua năm 2027")
    plan_services.plan_part_save(actor=drafter, plan=draft, instance=Section(),
                                 values={"heading": "Mục đích, yêu cầu", "body": "Động viên các cấp, các ngành."})
    issued = Plan.objects.filter(state=PlanState.ISSUED, issuer__code="an-giang").order_by("pk").first()
    found = check(page, [
        ("soanthao", f"/ke-hoach/{issued.pk}/"),
        ("soanthao", f"/ke-hoach/{draft.pk}/"),
        ("soanthao", f"/ke-hoach/{draft.pk}/soan-thao/"),
        ("canbo.longxuyen", f"/ke-hoach/{issued.pk}/"),
    ])
    assert not found, readable(found)

