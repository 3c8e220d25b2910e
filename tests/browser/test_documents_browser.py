"""A signer issues a plan, downloads the signed PDF, and checks it publicly."""

import io
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]




def test_issue_download_and_verify(page, worker, demo, tmp_path):
    log_in(page, "chutich.bato", "ThiDua@2026")
    page.get_by_role("link", name="Dự thảo kế hoạch chờ ký", exact=True).click()
    page.get_by_role("link", name=re.compile("^Phát động phong trào thi đua thực hiện nhiệm vụ quốc phòng")).click()
    page.get_by_role("link", name="Ký ban hành").click()
    page.get_by_role("button", name="Xác nhận ký ban hành").click()
    expect(page.get_by_text(re.compile(r"Đã ký ban hành Kế hoạch số \d\d/KH-UBND\."))).to_be_visible()

    # The worker renders and signs it; the page updates itself when the file is ready.
    download = page.get_by_role("link", name="Tải PDF kế hoạch đã ban hành")
    expect(download).to_be_visible(timeout=60_000)
    with page.expect_download() as download_info:
        download.click()
    signed = tmp_path / "ke-hoach.pdf"
    download_info.value.save_as(signed)
    pdf = signed.read_bytes()
    assert pdf.startswith(b"%PDF-")
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(pdf)).pages)
    address = re.search(r"(http://\S+/xac-minh/[A-Z0-9-]+/)", re.sub(r"\s", "", text.split("Kiểm tra tại:")[-1]))
    assert address, text[-300:]

    page.context.clear_cookies()  # a member of the public, not logged in
    page.goto(address.group(1))
    expect(page.get_by_role("heading", name="Xác minh văn bản")).to_be_visible()
    expect(page.get_by_text("Chữ ký số hợp lệ.")).to_be_visible()

    page.get_by_label("Tệp PDF cần kiểm tra").set_input_files(str(signed))
    page.get_by_role("button", name="Kiểm tra", exact=True).click()
    expect(page.get_by_text("Khớp: đây đúng là bản đã ban hành, chưa bị sửa đổi.")).to_be_visible()

    altered = tmp_path / "ke-hoach-da-sua.pdf"
    altered.write_bytes(pdf.replace(b"/Type /Page", b"/Type /Pagf", 1))
    page.get_by_label("Tệp PDF cần kiểm tra").set_input_files(str(altered))
    page.get_by_role("button", name="Kiểm tra", exact=True).click()
    expect(page.get_by_text("Không khớp: tệp này KHÁC bản đã ban hành")).to_be_visible()
