"""A drafting officer brings in the province's plan from the Word file the office
typed: uploads it, fixes a name the rules could not match to a unit, confirms, and
gets a draft that prints in the seed's order; then takes the plan back out as
Word. In Chromium."""

import io
import re
from pathlib import Path

import pdfplumber
import pytest
from docx import Document
from playwright.sync_api import expect

from campaigns.models import Assignment, Plan
from emulation.models import Unit
from tests.conftest import DEMO_PASSWORD, log_in
from tests.office_docx import office_docx

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SEED_000 = next((Path(__file__).resolve().parent.parent / "seeds").glob("000_*.txt")).read_text()
IN_ORDER = [
    "KẾ HOẠCH",
    "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 06 năm 2022;",  # as printed, though it cites the register
    "I. MỤC ĐÍCH, YÊU CẦU",
    "II. ĐỐI TƯỢNG, NỘI DUNG THI ĐUA",
    "1. Đối tượng",
    "2. Nội dung thi đua",
    "a) Về xây dựng lực lượng",
    "b) Về xây dựng tiềm lực",
    "c) Về xây dựng thế trận Quốc phòng toàn dân",
    "III. THỜI GIAN THI ĐUA VÀ BÌNH XÉT KHEN THƯỞNG",
    "IV. TỔ CHỨC THỰC HIỆN",
    "Hồ Văn Mừng",
]


def flat(text: str) -> str:
    return " ".join(text.split())


def test_a_drafter_imports_a_word_plan_fixes_a_unit_confirms_and_exports_it(page, demo, tmp_path):
    source = tmp_path / "169-KH-UBND.docx"
    # The office typed one unit's name its own way: the rules cannot be sure of it.
    source.write_bytes(office_docx(SEED_000.replace("Giao Bộ CHQS tỉnh", "Giao Bộ Chỉ huy QS tỉnh")))
    log_in(page, "soanthao", DEMO_PASSWORD)
    page.get_by_role("link", name="Kế hoạch", exact=True).click()
    page.get_by_role("link", name="Nhập từ tệp Word").click()
    page.get_by_label("Tệp Word (.docx) hoặc văn bản (.txt)").set_input_files(str(source))
    page.get_by_role("button", name="Đọc và xem lại").click()
    expect(page.get_by_role("heading", name="Xem lại kế hoạch nhập từ tệp")).to_be_visible()
    expect(page.get_by_role("heading", name="Bản gốc")).to_be_visible()
    expect(page.locator("#dong-1")).to_be_visible()

    # The one name the rules left open: the officer picks its unit; the choice is kept across leaving.
    expect(page.get_by_text("Bộ Chỉ huy QS tỉnh: chưa khớp đơn vị")).to_be_visible()
    page.get_by_label("Bộ Chỉ huy QS tỉnh").select_option(label="Bộ Chỉ huy Quân sự tỉnh An Giang")
    page.get_by_role("button", name="Lưu lựa chọn").click()
    expect(page.get_by_text("Đã lưu lựa chọn. Bạn có thể rời trang và quay lại xem tiếp.")).to_be_visible()
    review_address = page.url
    page.get_by_role("link", name="Kế hoạch", exact=True).click()
    page.goto(review_address)
    expect(page.get_by_label("Bộ Chỉ huy QS tỉnh")).to_have_value(str(Unit.objects.get(code="an-giang-bchqs").pk))
    expect(page.get_by_text("Bộ Chỉ huy QS tỉnh: chưa khớp đơn vị")).to_have_count(0)

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Xác nhận, tạo dự thảo").click()
    expect(page.get_by_text(re.compile(r"Đã tạo dự thảo kế hoạch từ tệp “169-KH-UBND\.docx”"))).to_be_visible()
    plan = Plan.objects.get(pk=int(re.search(r"/ke-hoach/(\d+)/", page.url)[1]))
    assert list(Assignment.objects.get(plan=plan, text__startswith="Giao Bộ Chỉ huy QS tỉnh").units.values_list(
        "code", flat=True)) == ["an-giang-bchqs"]
    assert plan.title.startswith("Phát động phong trào thi đua trong thực hiện nhiệm vụ xây dựng nền Quốc phòng")

    # The draft prints in the seed's order.
    printed = page.request.get(f"/ke-hoach/{plan.pk}/pdf/")
    assert printed.status == 200 and printed.headers["content-type"] == "application/pdf"
    with pdfplumber.open(io.BytesIO(printed.body())) as pdf:
        # Without the large letters of the “DỰ THẢO” mark across each page.
        text = flat(" ".join(page_.filter(lambda item: item.get("size", 0) < 20).extract_text() or ""
                             for page_ in pdf.pages))
    positions = [text.find(flat(line)) for line in IN_ORDER]
    assert -1 not in positions, [line for line, at in zip(IN_ORDER, positions, strict=True) if at == -1]
    assert positions == sorted(positions)

    # And back out as Word, in the national layout.
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải bản Word").click()
    document = Document(download.value.path())
    issuer, nation = document.tables[0].rows[0].cells
    assert [p.text for p in issuer.paragraphs if p.text][:2] == ["ỦY BAN NHÂN DÂN", "TỈNH AN GIANG"]
    assert [p.text for p in nation.paragraphs if p.text][:2] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                                                                  "Độc lập - Tự do - Hạnh phúc"]
    signature = [p.text for p in document.tables[-1].rows[0].cells[1].paragraphs if p.text]
    assert signature[0] == "CHỦ TỊCH" and signature[-1] == "Hồ Văn Mừng"
