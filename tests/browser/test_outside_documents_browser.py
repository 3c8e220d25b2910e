"""A drafting officer enters a Prime Minister's directive in the register of
outside documents, cites it in a draft as “Thực hiện …;” and marks the plan as
implementing it; the directive's page then lists the plan. In Chromium."""

import re

import pytest
from playwright.sync_api import expect

from campaigns.services import plans as plan_services
from emulation.models import Unit, User
from tests.browser.test_plans_browser import add_part, label
from tests.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "ThiDua@2026"


def test_a_directive_is_registered_cited_and_implemented(page, demo):
    drafter = User.objects.get(username="soanthao")
    plan = plan_services.plan_create(actor=drafter, issuer=Unit.objects.get(code="an-giang"),
                                     title="Kế hoạch thực hiện Chỉ thị số 19/CT-TTg năm 2026")
    log_in(page, "soanthao", PASSWORD)
    page.get_by_role("link", name="Kế hoạch", exact=True).click()
    page.get_by_role("link", name="Văn bản ngoài hệ thống").click()
    page.get_by_role("link", name="Thêm văn bản").click()
    page.get_by_label(label("Loại văn bản")).select_option(label="Chỉ thị")
    page.get_by_label("Số, ký hiệu").fill("19/CT-TTg")
    page.get_by_label(label("Ngày ban hành")).fill("16/06/2021")
    page.get_by_label("Cơ quan, người ban hành").fill("Thủ tướng Chính phủ")
    page.get_by_label(label("Trích yếu")).fill("Tiếp tục đổi mới công tác thi đua, khen thưởng")
    page.get_by_role("button", name="Thêm vào sổ").click()
    expect(page.get_by_text("Đã thêm Chỉ thị số 19/CT-TTg vào sổ văn bản ngoài hệ thống.")).to_be_visible()
    directive_page = page.url

    # Entering it twice is refused, and what was typed stays.
    page.goto("/ke-hoach/van-ban-ngoai/them/")
    page.get_by_label(label("Loại văn bản")).select_option(label="Chỉ thị")
    page.get_by_label("Số, ký hiệu").fill("19/ct-ttg")
    page.get_by_label(label("Ngày ban hành")).fill("16/06/2021")
    page.get_by_label("Cơ quan, người ban hành").fill("Thủ tướng Chính phủ")
    page.get_by_label(label("Trích yếu")).fill("Đổi mới thi đua")
    page.get_by_role("button", name="Thêm vào sổ").click()
    expect(page.get_by_text(re.compile(r"Văn bản này đã có trong sổ: Chỉ thị số 19/CT-TTg"))).to_be_visible()
    expect(page.get_by_label(label("Trích yếu"))).to_have_value("Đổi mới thi đua")

    page.goto(f"/ke-hoach/{plan.pk}/soan-thao/")

    def basis(form):
        form.get_by_label("Từ mở đầu").select_option(label="Thực hiện")
        form.get_by_label(re.compile("văn bản ngoài hệ thống \\(số, ký hiệu\\)", re.IGNORECASE)).fill("19/CT-TTg")
        form.get_by_label(re.compile("triển khai văn bản này", re.IGNORECASE)).check()

    add_part(page, "Căn cứ", basis)
    page.get_by_label(re.compile("Dấu cuối của căn cứ cuối cùng", re.IGNORECASE)).select_option(
        label="Dấu chấm phẩy (;): lời mở đầu nối tiếp câu")
    page.get_by_role("button", name="Lưu thông tin chung").click()
    expect(page.get_by_text("Đã lưu thông tin chung của kế hoạch.")).to_be_visible()

    page.goto(f"/ke-hoach/{plan.pk}/ban-in/")
    expect(page.get_by_text("Thực hiện Chỉ thị số 19/CT-TTg ngày 16 tháng 6 năm 2021 của Thủ tướng Chính phủ về "
                            "tiếp tục đổi mới công tác thi đua, khen thưởng;")).to_be_visible()

    page.goto(directive_page)
    expect(page.get_by_role("link", name="Kế hoạch thực hiện Chỉ thị số 19/CT-TTg năm 2026")).to_be_visible()
