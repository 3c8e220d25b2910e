"""A commune's dossier from the district officer to the signed award decision."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import clerk_issues, sign_by_upload
from tests.conftest import log_in, log_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "ThiDua@2026"
PDF = {"name": "ho-so.pdf", "mimeType": "application/pdf",
       "buffer": b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"}


PLAN_TITLE = "Phát động phong trào thi đua trong thực hiện nhiệm vụ xây dựng nền Quốc phòng toàn dân năm 2025"






def open_plan(page):
    page.get_by_role("link", name="Kế hoạch", exact=True).click()
    page.get_by_role("link", name=PLAN_TITLE).first.click()


def attach(page, kind_label: str):
    page.get_by_label("Loại tài liệu").select_option(label=kind_label)
    page.get_by_label(re.compile(r"Tệp \(PDF")).set_input_files(PDF)
    page.get_by_role("button", name="Đính kèm").click()
    expect(page.get_by_text("Đã đính kèm tài liệu.")).to_be_visible()


def test_nominate_return_resubmit_recommend_vote_and_award(page, worker, chain, demo, tmp_path):
    # The district officer of An Phú nominates xã Khánh An, with its dossier.
    log_in(page, "canbo.anphu", PASSWORD)
    open_plan(page)
    page.get_by_role("link", name="Đề nghị khen thưởng").click()
    award = page.get_by_label("Hình thức khen thưởng")
    option = award.locator("option", has_text="dân quân các xã, phường, thị trấn")
    award.select_option(option.get_attribute("value"))
    page.get_by_label("Tập thể được đề nghị").select_option(label="Ủy ban nhân dân xã Khánh An")
    page.get_by_role("button", name="Tạo hồ sơ").click()
    expect(page.get_by_text("Đã tạo hồ sơ.")).to_be_visible()
    page.get_by_role("textbox", name="Báo cáo thành tích").fill(
        "Xã Khánh An hoàn thành 100% chỉ tiêu tuyển quân năm 2025.")
    page.get_by_role("button", name="Lưu báo cáo").click()
    for select in page.locator("select[name^=met_]").all():
        select.select_option("yes")
    page.get_by_role("button", name="Lưu đánh giá").click()
    expect(page.get_by_text("Đã lưu đánh giá theo tiêu chí.")).to_be_visible()
    for kind in ("Tờ trình", "Biên bản họp xét, có kết quả bỏ phiếu", "Báo cáo thành tích"):
        attach(page, kind)
    expect(page.get_by_text("Hồ sơ đã đủ, có thể nộp.")).to_be_visible()
    page.get_by_role("button", name="Nộp hồ sơ").click()
    expect(page.get_by_text("Đã nộp hồ sơ về Phòng Chính trị")).to_be_visible()
    log_out(page)

    # The reviewer of the receiving unit sends it back with a reason.
    log_in(page, "thamdinh", PASSWORD)
    page.get_by_role("link", name="Thẩm định", exact=True).click()
    page.get_by_role("link", name="Ủy ban nhân dân xã Khánh An").click()
    page.get_by_role("link", name="Trả lại để bổ sung").click()
    page.get_by_label("Lý do").fill("Bổ sung ảnh minh chứng hội thao dân quân.")
    page.get_by_role("button", name="Xác nhận").click()
    expect(page.get_by_text("Đã trả lại hồ sơ để bổ sung.")).to_be_visible()
    log_out(page)

    # The officer fixes and resubmits.
    log_in(page, "canbo.anphu", PASSWORD)
    page.get_by_role("link", name="Hồ sơ khen thưởng", exact=True).click()
    page.get_by_role("link", name="Ủy ban nhân dân xã Khánh An").click()
    expect(page.get_by_text("Ý kiến của đơn vị thẩm định: Bổ sung ảnh minh chứng hội thao dân quân.")).to_be_visible()
    attach(page, "Tài liệu minh chứng")
    page.get_by_role("button", name="Nộp lại hồ sơ").click()
    expect(page.get_by_text("Đã nộp hồ sơ về Phòng Chính trị")).to_be_visible()
    log_out(page)

    # The reviewer recommends it; the ledger counts it.
    log_in(page, "thamdinh", PASSWORD)
    page.get_by_role("link", name="Thẩm định", exact=True).click()
    page.get_by_role("link", name="Ủy ban nhân dân xã Khánh An").click()
    page.get_by_role("button", name="Đề nghị khen thưởng").click()
    expect(page.get_by_text("Đã đề nghị khen thưởng.")).to_be_visible()
    page.locator(".breadcrumb").get_by_role("link").first.click()
    page.get_by_role("link", name="Chỉ tiêu, Hội đồng, quyết định").click()
    commune_row = page.locator("#so-chi-tieu tr", has_text="xã, phường, thị trấn dẫn đầu mỗi huyện")
    expect(commune_row.locator("td.recommended")).to_have_text("1")
    expect(commune_row.locator("td.left")).to_have_text("8")
    log_out(page)

    # The council votes it through.
    log_in(page, "hoidong", PASSWORD)
    open_plan(page)
    page.get_by_role("link", name="Chỉ tiêu, Hội đồng, quyết định").click()
    page.get_by_role("link", name="Ghi phiên họp Hội đồng").click()
    page.get_by_label("Ngày họp").fill("23/11/2026")
    page.get_by_label("Võ Thị Hạnh").check()
    page.get_by_label("Hồ Văn Mừng").check()
    page.get_by_role("button", name="Mở phiên họp").click()
    card = page.locator("section.card", has_text="Ủy ban nhân dân xã Khánh An")
    for member in ("Võ Thị Hạnh", "Hồ Văn Mừng"):
        card.get_by_role("group", name=member).get_by_label("Đồng ý", exact=True).check()
    card.get_by_role("button", name="Ghi phiếu").click()
    expect(page.get_by_text("Đã ghi phiếu cho Ủy ban nhân dân xã Khánh An.")).to_be_visible()
    page.get_by_role("button", name="Kết thúc phiên họp và tính kết quả").click()
    expect(page.locator("section.card", has_text="Ủy ban nhân dân xã Khánh An")).to_contain_text(
        "Hội đồng thông qua")

    # The minutes: the secretary records and signs them, then the chair signs, which issues them.
    page.get_by_role("link", name="Biên bản họp").click()
    page.get_by_label("Địa điểm họp").fill("Phòng họp số 2, Ủy ban nhân dân tỉnh")
    page.get_by_label("Người chủ trì").select_option(label="Hồ Văn Mừng")
    page.get_by_label("Thư ký").select_option(label="Võ Thị Hạnh")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_text("Đã lưu thông tin biên bản.")).to_be_visible()
    expect(page.locator(".official-document")).to_contain_text("Phòng họp số 2, Ủy ban nhân dân tỉnh")
    page.get_by_role("link", name="Ký biên bản").click()
    page.get_by_role("button", name="Ký biên bản").click()
    expect(page.get_by_text("Đã ký biên bản; chờ người chủ trì ký.")).to_be_visible()
    log_out(page)
    log_in(page, "chutich", PASSWORD)
    page.locator("#nav-main").get_by_role("link", name=re.compile("^Thông báo")).click()
    page.get_by_role("link", name=re.compile(r"^Biên bản họp Hội đồng ngày 23\/11\/2026 chờ bạn ký")).click()
    page.get_by_role("link", name="Trình ký số biên bản").click()
    page.get_by_role("button", name="Trình ký số biên bản").click()
    expect(page.get_by_text(re.compile("Đã trình ký số biên bản"))).to_be_visible()
    sign_by_upload(page, chain, tmp_path, "chutich")
    log_out(page)
    log_in(page, "vanthu", PASSWORD)
    clerk_issues(page, "Biên bản họp Hội đồng")
    expect(page.get_by_role("link", name="Tải PDF biên bản đã ban hành")).to_be_visible(timeout=60_000)
    log_out(page)

    # The decision is drafted and submitted, the chairman signs it, the clerk issues it; its PDF downloads.
    log_in(page, "soanthao", PASSWORD)
    open_plan(page)
    page.get_by_role("link", name="Chỉ tiêu, Hội đồng, quyết định").click()
    page.get_by_role("button", name=re.compile("^Soạn quyết định tặng Bằng khen")).click()
    expect(page.get_by_text("Đã soạn dự thảo quyết định khen thưởng.")).to_be_visible()
    page.get_by_role("button", name="Trình ký").click()
    expect(page.get_by_text("Đã trình Hồ Văn Mừng ký số. Người ký đã được thông báo.")).to_be_visible()
    log_out(page)
    log_in(page, "chutich", PASSWORD)
    page.get_by_role("link", name="Văn bản chờ bạn ký số").click()
    page.get_by_role("link", name=re.compile("^Quyết định: Về việc tặng Bằng khen")).click()
    sign_by_upload(page, chain, tmp_path, "chutich")
    log_out(page)
    log_in(page, "vanthu", PASSWORD)
    clerk_issues(page, "Quyết định: Về việc tặng Bằng khen")
    download = page.get_by_role("link", name="Tải PDF quyết định đã ban hành")
    expect(download).to_be_visible(timeout=60_000)  # once the worker has added the number and the agency's signature
    with page.expect_download() as download_info:
        download.click()
    saved = tmp_path / "quyet-dinh.pdf"
    download_info.value.save_as(saved)
    assert saved.read_bytes().startswith(b"%PDF-")
    log_out(page)

    # The district officer sees "awarded".
    log_in(page, "canbo.anphu", PASSWORD)
    page.get_by_role("link", name="Hồ sơ khen thưởng", exact=True).click()
    row = page.locator("tr", has_text="Ủy ban nhân dân xã Khánh An")
    expect(row).to_contain_text("Đã được khen thưởng")
