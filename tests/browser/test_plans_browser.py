"""A plan from nothing to issued, then derived by a district, in Chromium."""

import re

import pytest
from playwright.sync_api import expect

from campaigns.models import Plan
from demo.live import LIVE_TITLE
from tests.browser.conftest import clerk_issues, sign_by_upload
from tests.conftest import log_in, log_out

PLAN_2026 = "Phát động phong trào thi đua thực hiện nhiệm vụ quốc phòng năm 2026"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "ThiDua@2026"




def label(text: str):
    """The accessible name of a field, with or without crispy's required asterisk."""
    escaped = re.sub(r"([.*+?^${}()|\[\]\\])", r"\\\1", text)  # not spaces: the pattern runs in JavaScript
    return re.compile(rf"^\s*{escaped}\*?\s*$")




def add_part(page, panel_title: str, fill) -> None:
    panel = page.locator("section.part-panel", has=page.get_by_role("heading", name=panel_title, exact=True))
    panel.get_by_role("link", name="Thêm", exact=True).click()
    form = panel.locator("form.card")
    expect(form).to_be_visible()
    fill(form)
    form.get_by_role("button", name="Lưu").click()
    expect(panel.locator("form.card")).to_have_count(0)


def test_draft_return_fix_issue_and_derive(page, worker, chain, demo, tmp_path):
    # The demo's live campaign was issued this year by the same province: this plan takes the next number.
    number = Plan.objects.get(title=LIVE_TITLE).number + 1
    number_symbol = f"{number:02d}/KH-UBND"
    # The drafting officer builds a plan from nothing.
    log_in(page, "soanthao", PASSWORD)
    page.get_by_role("link", name="Kế hoạch", exact=True).click()
    page.get_by_role("link", name="Soạn kế hoạch mới").click()
    page.get_by_label("Trích yếu").fill("Phát động phong trào thi đua thực hiện nhiệm vụ quốc phòng năm 2026")
    page.get_by_role("button", name="Tạo dự thảo").click()
    expect(page.get_by_text("Đã tạo dự thảo.")).to_be_visible()

    def section_purpose(form):
        form.get_by_label("Tiêu đề mục").fill("Mục đích, yêu cầu")
        form.get_by_label(label("Nội dung")).fill("- Động viên các cấp, các ngành tham gia.")

    def section_content(form):
        form.get_by_label("Tiêu đề mục").fill("Nội dung thi đua")
        form.get_by_label("Phần có cấu trúc đặt tại mục này").select_option(label="Tiêu chí thi đua")

    add_part(page, "Các mục nội dung", section_purpose)
    add_part(page, "Các mục nội dung", section_content)

    def target_group(form):
        form.get_by_label("Tên đối tượng").fill("Các xã, phường, thị trấn")
        form.get_by_label(label("Xã")).check()
        form.get_by_label(label("Phường")).check()

    add_part(page, "Đối tượng thi đua", target_group)
    add_part(page, "Nhóm tiêu chí", lambda form: form.get_by_label("Nhóm tiêu chí").fill("Về xây dựng lực lượng"))

    def criterion(form):
        form.get_by_label(label("Nhóm")).select_option(label="Về xây dựng lực lượng")
        form.get_by_label(label("Tiêu chí")).fill("Xây dựng lực lượng dân quân đạt chỉ tiêu.")

    add_part(page, "Tiêu chí", criterion)

    def target(form):
        form.get_by_label("Nội dung chỉ tiêu").fill("Tuyển quân đạt chỉ tiêu")
        form.get_by_label("So sánh").select_option(label="=")
        form.get_by_label("Giá trị").fill("100")

    add_part(page, "Chỉ tiêu", target)

    def quota(form):
        form.get_by_label("Hình thức, danh hiệu").select_option(label="Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh")
        form.get_by_label("Số lượng").fill("2")
        form.get_by_label("Cho đối tượng").select_option(label="Các xã, phường, thị trấn")
        form.get_by_label("Cho (cách ghi trong kế hoạch)").fill("xã, phường, thị trấn dẫn đầu")

    add_part(page, "Hình thức và số lượng khen thưởng", quota)

    def deadline(form):
        form.get_by_label("Việc phải nộp").select_option(label="Hồ sơ đề nghị khen thưởng")
        form.get_by_label("Đơn vị phải nộp").select_option(label=["Ủy ban nhân dân thành phố Long Xuyên",
                                                                  "Ủy ban nhân dân thành phố Châu Đốc"])
        form.get_by_label("Nộp về đơn vị").select_option(label="Phòng Chính trị, Bộ Chỉ huy Quân sự tỉnh An Giang")
        form.get_by_label("Hạn (lần đầu)").fill("25/10/2027")

    add_part(page, "Thời hạn", deadline)
    add_part(page, "Nơi nhận", lambda form: form.get_by_label("Nơi nhận").fill("UBND huyện, thị xã, thành phố"))

    page.get_by_role("button", name="Trình ký").first.click()
    expect(page.get_by_text("Đã trình Hồ Văn Mừng ký số. Người ký đã được thông báo.")).to_be_visible()
    log_out(page)

    # The signer sends it back with a reason.
    log_in(page, "chutich", PASSWORD)
    page.get_by_role("link", name="Văn bản chờ bạn ký số").click()
    page.get_by_role("link", name=re.compile(PLAN_2026)).click()
    page.get_by_role("link", name="Trả lại").click()
    page.get_by_label("Lý do trả lại").fill("Bổ sung nội dung tuyên truyền vào mục đích.")
    page.get_by_role("button", name="Trả lại").click()
    expect(page.get_by_text("Đã trả lại dự thảo cho người soạn.")).to_be_visible()
    expect(page.get_by_text("Lý do: Bổ sung nội dung tuyên truyền vào mục đích.")).to_be_visible()
    log_out(page)

    # The drafter fixes it and resubmits.
    log_in(page, "soanthao", PASSWORD)
    page.locator("#nav-main").get_by_role("link", name=re.compile("^Thông báo")).click()
    page.get_by_role("link", name="Dự thảo bị trả lại: Phát động phong trào thi đua thực hiện nhiệm vụ quốc phòng "
                                  "năm 2026").click()
    panel = page.locator("#phan-section")
    panel.locator("li", has_text="Mục đích, yêu cầu").get_by_role("link", name="Sửa").click()
    panel.get_by_label(label("Nội dung")).fill("- Động viên các cấp, các ngành tham gia.\n"
                                                    "- Đẩy mạnh tuyên truyền về phong trào thi đua.")
    panel.get_by_role("button", name="Lưu").click()
    expect(panel.get_by_text("Đẩy mạnh tuyên truyền")).to_be_visible()
    page.get_by_role("button", name="Trình ký").first.click()
    expect(page.get_by_text("Đã trình Hồ Văn Mừng ký số. Người ký đã được thông báo.")).to_be_visible()
    log_out(page)

    # The signer signs it; the clerk issues it: the next number of the year in the register.
    log_in(page, "chutich", PASSWORD)
    page.get_by_role("link", name="Văn bản chờ bạn ký số").click()
    page.get_by_role("link", name=re.compile(PLAN_2026)).click()
    sign_by_upload(page, chain, tmp_path, "chutich")
    log_out(page)
    log_in(page, "vanthu", PASSWORD)
    clerk_issues(page, PLAN_2026)
    expect(page.locator(".doc-number")).to_have_text(f"Số: {number_symbol}")
    log_out(page)

    # A district officer sees it and derives the district's own plan, prefilled.
    log_in(page, "canbo.longxuyen", PASSWORD)
    page.get_by_role("link", name="Kế hoạch", exact=True).click()
    page.get_by_role("link", name="Giao cho đơn vị tôi").click()
    page.get_by_role("link", name="Phát động phong trào thi đua thực hiện nhiệm vụ quốc phòng năm 2026").click()
    page.get_by_role("link", name="Xây dựng kế hoạch triển khai").click()
    expect(page.get_by_label("Đơn vị xây dựng kế hoạch triển khai")).to_have_value(
        str(Plan.objects.get(title=PLAN_2026).bindings.get(unit__code="an-giang-long-xuyen").unit_id))
    page.get_by_role("button", name="Tạo dự thảo").click()
    expect(page.get_by_text("Đã tạo dự thảo kế hoạch triển khai, điền sẵn từ kế hoạch cấp trên.")).to_be_visible()
    expect(page.locator("#phan-legal_basis")).to_contain_text(number_symbol)
    expect(page.locator("#phan-criterion")).to_contain_text("Xây dựng lực lượng dân quân đạt chỉ tiêu.")
    expect(page.locator("#phan-target")).to_contain_text("Tuyển quân đạt chỉ tiêu")
    expect(page.locator("#phan-deadline")).to_contain_text("25/10/2027")
    child = Plan.objects.get(issuer__code="an-giang-long-xuyen")
    assert child.parent.number_symbol == number_symbol
