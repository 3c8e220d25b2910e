"""A commune officer files a due report; the province sees the roll-up change."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "ThiDua@2026"


def test_a_commune_files_its_due_report_and_the_province_sees_the_rollup(page, report_plan):
    # The province looks at the roll-up first: nobody has reported.
    log_in(page, "soanthao.dongthap", PASSWORD)
    page.goto(f"/ke-hoach/{report_plan.pk}/tong-hop/")
    section = page.locator("section.card", has_text="Khu dân cư đạt tiêu chuẩn")
    expect(section.locator(".reported")).to_have_text("0")
    page.locator("#nav-main .dropdown-toggle").click()
    page.get_by_role("button", name="Đăng xuất").click()

    # The commune officer sees the report due on the landing page and files it.
    log_in(page, "canbo.caolanh", PASSWORD)
    due = f"{timezone.localdate() + datetime.timedelta(days=5):%d/%m/%Y}"
    desk = page.locator("section.desk-card", has_text="Cán bộ thi đua")
    task = desk.locator("li", has_text=f"Báo cáo tiến độ, sơ kết — hạn {due}")
    expect(task).to_contain_text("Gần đến hạn")
    task.get_by_role("link").click()  # straight to the report form
    page.get_by_label("Khu dân cư đạt tiêu chuẩn an toàn về an ninh, trật tự").fill("17")
    page.get_by_label("Tổng số").fill("20")
    page.get_by_label("Nội dung báo cáo").fill("Phường Cao Lãnh có 17/20 khu dân cư đạt tiêu chuẩn an toàn.")
    page.get_by_role("button", name="Nộp báo cáo").click()
    expect(page.get_by_text("Đã nộp báo cáo năm")).to_be_visible()
    page.get_by_role("link", name="Xem cả việc đã nộp").click()
    expect(page.locator("tr", has_text=due)).to_contain_text("Đã nộp")
    page.locator("#nav-main .dropdown-toggle").click()
    page.get_by_role("button", name="Đăng xuất").click()

    # The province sees the roll-up change.
    log_in(page, "soanthao.dongthap", PASSWORD)
    page.goto(f"/ke-hoach/{report_plan.pk}/tong-hop/")
    section = page.locator("section.card", has_text="Khu dân cư đạt tiêu chuẩn")
    expect(section.locator(".reported")).to_have_text("1")
    expect(section.locator(".result")).to_have_text("85,0%")
    expect(section.locator(".met")).to_have_text("1")
    expect(section).to_contain_text("Ủy ban nhân dân phường Cao Lãnh")
