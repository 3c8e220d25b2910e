"""A double click on "Tạo dự thảo" sends the form once and makes one plan, in Chromium."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from campaigns.models import Plan
from tests.conftest import DEMO_PASSWORD, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
TITLE = "Phát động phong trào thi đua bấm đúp năm 2027"


def test_a_double_click_sends_the_form_once_and_says_it_is_sending(page, demo, live_server):
    page.route(re.compile(r".*submit-once.js$"), lambda route: route.abort())
    log_in(page, "soanthao", DEMO_PASSWORD)
    posts, held = [], []
    page.on("request", lambda request: posts.append(request.url) if request.method == "POST" else None)
    # Hold the POSTs on their way, so that the page can be seen while it is being sent.
    page.route(re.compile(r".*/ke-hoach/moi/$"),
               lambda route: held.append(route) if route.request.method == "POST" else route.continue_())
    page.goto(reverse("plan_create"))
    page.get_by_label("Trích yếu").fill(TITLE)
    page.get_by_role("button", name="Tạo dự thảo").dblclick()
    try:
        # The page is mid-navigation, which locators wait out: read it directly.
        state = page.evaluate("""() => {
            const form = document.querySelector("main form");
            const button = form.querySelector("button.btn-primary");
            return [form.getAttribute("aria-busy"), button.disabled, button.textContent.trim()];
        }""")
        page.wait_for_timeout(500)  # time for a second request to show up, if one were sent
        assert state == ["true", True, "Đang gửi…"]
        assert len(held) == 1
    finally:
        for route in held:
            route.continue_()
    expect(page.get_by_text("Đã tạo dự thảo.")).to_be_visible()
    plan = Plan.objects.get(title=TITLE)
    assert page.url == live_server.url + reverse("plan_edit", args=[plan.pk])
    assert posts == [live_server.url + reverse("plan_create")]
