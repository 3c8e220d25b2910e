"""A double click on "Tạo dự thảo" sends the form once and makes one plan, in Chromium."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from campaigns.models import Plan, ReportValue
from tests.conftest import DEMO_PASSWORD, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
TITLE = "Phát động phong trào thi đua bấm đúp năm 2027"

# What the page looked like right after each submit event, kept across the navigation
# (a page that is being left cannot be asked reliably).
RECORD_SUBMITS = """
window.addEventListener("submit", (event) => {
  const form = event.target, button = form.querySelector("button.btn-primary");
  const seen = JSON.parse(sessionStorage.getItem("submits") || "[]");
  seen.push([form.getAttribute("aria-busy"), button && button.disabled, button && button.textContent.trim(),
             event.defaultPrevented]);
  sessionStorage.setItem("submits", JSON.stringify(seen));
});
"""


def test_a_double_click_sends_the_form_once_and_says_it_is_sending(page, demo, live_server):
    log_in(page, "soanthao", DEMO_PASSWORD)
    page.add_init_script(RECORD_SUBMITS)
    posts, held = [], []
    page.on("request", lambda request: posts.append(request.url) if request.method == "POST" else None)
    # Hold the POST on its way, so that the second click lands while the first is still being sent.
    page.route(re.compile(r".*/ke-hoach/moi/$"),
               lambda route: held.append(route) if route.request.method == "POST" else route.continue_())
    page.goto(reverse("plan_create"))
    page.get_by_label("Trích yếu").fill(TITLE)
    page.get_by_role("button", name="Tạo dự thảo").dblclick()
    page.wait_for_timeout(500)  # time for a second request to show up, if one were sent
    sent = len(held)
    for route in held:
        route.continue_()
    expect(page.get_by_text("Đã tạo dự thảo.")).to_be_visible()
    plan = Plan.objects.get(title=TITLE)
    assert page.url == live_server.url + reverse("plan_edit", args=[plan.pk])
    assert (sent, posts) == (1, [live_server.url + reverse("plan_create")])
    submits = page.evaluate("JSON.parse(sessionStorage.getItem('submits'))")
    assert submits == [["true", True, "Đang gửi…", False]]


def test_a_form_shown_again_by_back_is_a_new_sending(page, report_plan):
    """Saved, then Back, then changed and saved again: the change is kept, not taken for a copy."""
    log_in(page, "canbo.caolanh", DEMO_PASSWORD)
    page.goto(reverse("report_edit", args=[report_plan.pk, timezone.localdate().year]))
    page.get_by_label("Khu dân cư đạt tiêu chuẩn an toàn về an ninh, trật tự").fill("15")
    page.get_by_label("Tổng số").fill("20")
    page.get_by_role("button", name="Lưu nháp").click()
    expect(page.get_by_text("Đã lưu báo cáo (chưa nộp).")).to_be_visible()
    page.go_back()
    page.get_by_label("Khu dân cư đạt tiêu chuẩn an toàn về an ninh, trật tự").fill("17")
    page.get_by_role("button", name="Lưu nháp").click()
    expect(page.get_by_text("Đã lưu báo cáo (chưa nộp).")).to_be_visible()
    expect(page.get_by_text("Biểu mẫu này đã được gửi trước đó")).to_have_count(0)
    assert [str(value) for value in ReportValue.objects.values_list("value", flat=True)] == ["17.00"]
