"""Walk the platform as people would, in Chromium, in Vietnamese."""

import re

import pytest
from playwright.sync_api import expect

from emulation.models import RoleAssignment, Unit
from tests.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DEMO_ROLES = [
    ("quantri", "Quản trị", "Ủy ban nhân dân tỉnh An Giang"),
    ("soanthao", "Chuyên viên soạn thảo", "Ủy ban nhân dân tỉnh An Giang"),
    ("chutich", "Người ký", "Ủy ban nhân dân tỉnh An Giang"),
    ("canbo.longxuyen", "Cán bộ thi đua", "Ủy ban nhân dân thành phố Long Xuyên"),
    ("thamdinh", "Cán bộ thẩm định", "Phòng Chính trị, Bộ Chỉ huy Quân sự tỉnh An Giang"),
    ("hoidong", "Thành viên Hội đồng Thi đua – Khen thưởng", "Ủy ban nhân dân tỉnh An Giang"),
]




def test_each_demo_role_logs_in_and_finds_its_landing_page(page, demo):
    for username, role_label, unit_name in DEMO_ROLES:
        log_in(page, username, "ThiDua@2026")
        expect(page.get_by_role("heading", name="Việc cần làm", level=1)).to_be_visible()
        desk = page.locator("section.desk-card", has=page.get_by_role("heading", name=role_label))
        expect(desk.get_by_role("heading", name=role_label)).to_be_visible()
        expect(desk.get_by_role("link", name=unit_name)).to_be_visible()
        page.locator("#nav-main .dropdown-toggle").click()
        page.get_by_role("button", name="Đăng xuất").click()
        expect(page.get_by_role("heading", name="Đăng nhập")).to_be_visible()


def test_a_wrong_password_is_answered_in_vietnamese(page, demo):
    log_in(page, "canbo.longxuyen", "sai-mat-khau")
    expect(page.get_by_text("Tên đăng nhập hoặc mật khẩu không đúng.")).to_be_visible()
    expect(page.get_by_label("Tên đăng nhập")).to_have_value("canbo.longxuyen")


def test_an_administrator_adds_a_ward_and_gives_it_an_officer(page, demo):
    log_in(page, "quantri", "ThiDua@2026")
    page.get_by_role("link", name="Đơn vị", exact=True).click()
    page.get_by_label("Tìm đơn vị").fill("long xuyen")
    page.get_by_role("button", name="Tìm").click()
    page.get_by_role("link", name="Ủy ban nhân dân thành phố Long Xuyên").click()
    page.get_by_role("link", name="Thêm đơn vị trực thuộc").click()

    page.get_by_role("textbox", name="Mã đơn vị*", exact=True).fill("an-giang-long-xuyen-phuong-my-xuyen")
    page.get_by_label("Loại đơn vị").select_option(label="Phường")
    page.get_by_label("Tên đầy đủ").fill("Ủy ban nhân dân phường Mỹ Xuyên")
    page.get_by_role("button", name="Lưu").click()
    # The header name was left empty: the form says so and keeps the rest.
    expect(page.get_by_text("Trường này là bắt buộc.").first).to_be_visible()
    expect(page.get_by_label("Tên đầy đủ")).to_have_value("Ủy ban nhân dân phường Mỹ Xuyên")

    page.get_by_label("Tên in ở tiêu đề văn bản").fill("Ủy ban nhân dân phường Mỹ Xuyên")
    page.get_by_label("Chữ viết tắt trong số ký hiệu").fill("UBND")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_text("Đã tạo đơn vị Ủy ban nhân dân phường Mỹ Xuyên.")).to_be_visible()
    # Typed on one line, stored and shown as the two lines the header prints.
    expect(page.get_by_text(re.compile(r"^ỦY BAN NHÂN DÂN\s*PHƯỜNG MỸ XUYÊN$"))).to_be_visible()

    page.get_by_label("Người dùng").select_option(label="Huỳnh Văn Phúc")
    page.get_by_label("Vai trò").select_option(label="Cán bộ thi đua")
    page.get_by_role("button", name="Phân công").click()
    expect(page.get_by_text("Đã phân công vai trò.")).to_be_visible()
    expect(page.get_by_text("Huỳnh Văn Phúc — Cán bộ thi đua")).to_be_visible()

    ward = Unit.objects.get(code="an-giang-long-xuyen-phuong-my-xuyen")
    assert ward.parent.code == "an-giang-long-xuyen"
    assert RoleAssignment.objects.filter(unit=ward, user__username="canbo.mybinh", role="unit_officer").exists()


def test_a_district_officer_is_refused_a_neighbouring_district(page, demo):
    log_in(page, "canbo.longxuyen", "ThiDua@2026")
    neighbour = Unit.objects.get(code="an-giang-chau-doc")
    page.goto(f"/don-vi/{neighbour.pk}/")
    expect(page.get_by_role("heading", name="Không có quyền truy cập")).to_be_visible()
    page.goto("/don-vi/")
    expect(page.get_by_role("link", name="Ủy ban nhân dân phường Mỹ Bình")).to_be_visible()
    expect(page.get_by_role("link", name="Ủy ban nhân dân thành phố Châu Đốc")).to_have_count(0)
