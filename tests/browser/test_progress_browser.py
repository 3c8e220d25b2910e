"""The progress charts draw in a real browser, from the vendored Chart.js, beside their tables."""

import pytest
from playwright.sync_api import expect

from tests.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "ThiDua@2026"


def _watch(page) -> tuple[list[dict], list[str]]:
    """Console errors (with the script they come from) and uncaught exceptions; every response."""
    errors: list[dict] = []
    scripts: list[str] = []
    page.on("console", lambda message: errors.append({"text": message.text, "url": message.location["url"]})
            if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append({"text": str(error), "url": "uncaught"}))
    page.on("response", lambda response: scripts.append(f"{response.status} {response.url}"))
    return errors, scripts


def _every_chart_is_drawn(page) -> int:
    canvases = page.locator("canvas[data-progress-chart]")
    expect(canvases.first).to_have_attribute("data-drawn", "true")
    count = canvases.count()
    for index in range(count):
        expect(canvases.nth(index)).to_have_attribute("data-drawn", "true")
        box = canvases.nth(index).bounding_box()
        assert box["width"] > 100 and box["height"] > 50
    return count


def test_the_plan_page_and_the_dashboard_draw_their_charts_beside_the_tables(page, live_server, report_plan):
    errors, scripts = _watch(page)
    log_in(page, "soanthao.dongthap", PASSWORD)

    errors.clear()  # the login page's missing favicon.ico is not this test's
    page.goto(f"/ke-hoach/{report_plan.pk}/")
    panel = page.locator("#tien-do")
    expect(panel.get_by_role("heading", name="Tiến độ thực hiện kế hoạch")).to_be_visible()
    # Two wards owe the progress report; neither has filed it.
    row = panel.locator('table[data-chart-table="tong-hop"] tr', has_text="Nộp báo cáo")
    expect(row.locator("td")).to_have_text(["0", "2"])
    slugs = panel.locator("table[data-chart-table]").evaluate_all("tables => tables.map(t => t.dataset.chartTable)")
    assert slugs == ["tong-hop", "theo-han", "dia-ban", "khoi-cum", "con-lai"]
    assert _every_chart_is_drawn(page) == 5
    assert page.evaluate("typeof window.Chart") == "function"
    assert f"200 {live_server.url}/static/vendor/chartjs/chart.umd.min.js" in scripts

    # The plan's printed layout sets column widths in style attributes, which the CSP blocks (known,
    # not the charts'): nothing else may fail, and nothing from a script.
    assert [error for error in errors if not error["text"].startswith("Applying inline style")] == []
    assert {error["url"] for error in errors} <= {page.url}
    errors.clear()
    page.goto("/ke-hoach/tien-do/")
    expect(page.get_by_role("heading", name="Tiến độ thực hiện kế hoạch — ")).to_contain_text("Đồng Tháp")
    plan_row = page.locator('table[data-chart-table="ke-hoach"] tr', has_text=report_plan.number_symbol)
    expect(plan_row.locator("td")).to_have_text(["2", "0", "0", "0", "2", "0", "0"])
    slugs = page.locator("table[data-chart-table]").evaluate_all("tables => tables.map(t => t.dataset.chartTable)")
    assert _every_chart_is_drawn(page) == len(slugs)
    assert slugs[:2] == ["ke-hoach", "tong-hop"]
    assert errors == []
