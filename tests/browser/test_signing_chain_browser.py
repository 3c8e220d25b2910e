"""The Nghị định 30 chain clicked through as the office does it: the drafter
submits, the signer signs on the phone (the loopback provider) or in their own
tool, the records clerk numbers and issues; the downloaded file validates with
two signatures and the public page shows both."""

import io
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from campaigns.models import Deadline, Plan, Recipient, Section, Target
from campaigns.services import plans as plan_services
from demo.chain import person_signer
from emulation.documents import chain as signing_chain
from emulation.models import Unit, User
from tests.browser.conftest import clerk_issues, wait_until_prepared
from tests.conftest import DEMO_PASSWORD, log_in, log_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _draft_for_dong_thap() -> Plan:
    drafter = User.objects.get(username="soanthao.dongthap")
    province = Unit.objects.get(code="dong-thap")
    plan = plan_services.plan_create(actor=drafter, issuer=province,
                                     title="Kế hoạch thi đua “Dân vận khéo” năm 2027")
    for model, values in ((Section, {"heading": "Chỉ tiêu", "block": "targets"}),
                          (Target, {"measure": "Mô hình dân vận khéo được công nhận", "comparison": "gte",
                                    "value": 20}),
                          (Recipient, {"text": "UBND các xã, phường"})):
        plan_services.plan_part_save(actor=drafter, plan=plan, instance=model(), values=values)
    assert not Deadline.objects.filter(plan=plan).exists()
    return plan


def _open_from_the_queue(page, task: str, title: str) -> None:
    page.get_by_role("link", name=task).click()
    page.get_by_role("link", name=re.compile(re.escape(title))).click()


def _issued_pdf(page, tmp_path) -> bytes:
    download = page.get_by_role("link", name="Tải PDF kế hoạch đã ban hành")
    expect(download).to_be_visible(timeout=90_000)
    with page.expect_download() as download_info:
        download.click()
    path = tmp_path / "ke-hoach-da-ban-hanh.pdf"
    download_info.value.save_as(path)
    return path.read_bytes()


def _verification_address(pdf: bytes) -> str:
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(pdf)).pages)
    address = re.search(r"(http://\S+/xac-minh/[A-Z0-9-]+/)", re.sub(r"\s", "", text.split("Kiểm tra tại:")[-1]))
    assert address, text[-300:]
    return address.group(1)


def _dss_answers(pdf: bytes) -> int:
    from pyhanko.pdf_utils.reader import PdfFileReader  # noqa: PLC0415 — pyHanko is slow to import
    from pyhanko.sign.validation.dss import DocumentSecurityStore  # noqa: PLC0415

    dss = DocumentSecurityStore.read_dss(PdfFileReader(io.BytesIO(pdf)))
    return len(dss.ocsps) + len(dss.crls)


def test_drafter_submits_signer_approves_on_the_phoneclerk_issues(page, worker, chain, remote_provider, demo,
                                                                   settings, tmp_path):
    settings.SIGNING_TIMESTAMP_URL = chain.pki.timestamp_url
    plan = _draft_for_dong_thap()
    signer = User.objects.get(username="chutich.dongthap")
    server, _credential = remote_provider(signer, "chutich.dongthap", approve_after=600)

    log_in(page, "soanthao.dongthap", DEMO_PASSWORD)
    page.goto(f"/ke-hoach/{plan.pk}/")
    page.get_by_role("button", name="Trình ký").click()
    expect(page.get_by_text("Đã trình Phạm Thành Ngại ký số.")).to_be_visible()
    log_out(page)

    log_in(page, "chutich.dongthap", DEMO_PASSWORD)
    _open_from_the_queue(page, "Văn bản chờ bạn ký số", plan.title)
    wait_until_prepared(page, "Ký số từ xa (điện thoại)")
    page.get_by_role("link", name="Ký số từ xa (điện thoại)").click()
    page.get_by_label(re.compile("Phạm Thành Ngại \\(DEMO\\)")).check()
    page.get_by_role("button", name="Gửi yêu cầu ký đến điện thoại").click()
    expect(page.get_by_text("Đang chờ xác nhận trên điện thoại…")).to_be_visible()
    expect(page.get_by_text(re.compile(r"còn \d+ giây"))).to_be_visible()

    phone = page.context.new_page()
    phone.goto(f"{settings.REMOTE_SIGNING['URL']}/phone/chutich.dongthap")
    phone.get_by_role("button", name="Xác nhận ký").click()
    expect(phone.get_by_text("Không có yêu cầu ký nào đang chờ xác nhận.")).to_be_visible()
    phone.close()
    expect(page.get_by_text("Đã ký, chờ văn thư vào số và ban hành")).to_be_visible(timeout=30_000)
    log_out(page)

    log_in(page, "vanthu.dongthap", DEMO_PASSWORD)
    clerk_issues(page, plan.title)
    pdf = _issued_pdf(page, tmp_path)

    reports = signing_chain.signatures_report(pdf, [chain.pki.root])
    assert [report.field_name for report in reports] == [signing_chain.FIELD_PERSON, signing_chain.FIELD_AGENCY]
    assert [(report.intact, report.trusted, report.timestamped, report.revocation) for report in reports] == [
        (True, True, True, "good"), (True, True, True, "good")]
    assert reports[0].signer.startswith("Common Name: Phạm Thành Ngại (DEMO)")
    assert reports[1].signer.startswith("Common Name: UBND tỉnh Đồng Tháp (DEMO)")
    assert _dss_answers(pdf) >= 2
    assert server.pending("chutich.dongthap") == []

    page.context.clear_cookies()
    page.goto(_verification_address(pdf))
    expect(page.get_by_text("Chữ ký số hợp lệ.")).to_be_visible()
    expect(page.get_by_role("heading", name=re.compile("Chữ ký 1 — Chữ ký của người ký"))).to_be_visible()
    expect(page.get_by_role("heading", name=re.compile("Chữ ký 2 — Chữ ký số của cơ quan ban hành"))).to_be_visible()


def test_signer_signs_in_their_own_tool_and_uploads_an_altered_file_is_refused(page, worker, chain, demo, tmp_path):
    title = "Phát động phong trào thi đua thực hiện nhiệm vụ quốc phòng"
    log_in(page, "chutich.bato", DEMO_PASSWORD)
    _open_from_the_queue(page, "Văn bản chờ bạn ký số", title)
    wait_until_prepared(page, "Tải tệp để ký bằng công cụ khác")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Tải tệp để ký bằng công cụ khác").click()
    handed_out = tmp_path / "trinh-ky.pdf"
    download_info.value.save_as(handed_out)

    # The signer's own tool (pyHanko with their DEMO key, as vSignPDF or a token would).
    signed = signing_chain.person_sign(handed_out.read_bytes(), person_signer(chain.pki, "chutich.bato"),
                                       name="Phạm Giang Nam", signature_png=None)
    altered = tmp_path / "da-ky-them-trang.pdf"
    altered.write_bytes(signed + "\n% thêm sau khi ký\n".encode())
    page.get_by_label("Tải lên tệp đã ký số").set_input_files(str(altered))
    page.get_by_role("button", name="Tải lên", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text("Chữ ký mới không bao trùm toàn bộ tệp")
    expect(page.get_by_text("Chờ người ký ký số")).to_be_visible()

    genuine = tmp_path / "da-ky.pdf"
    genuine.write_bytes(signed)
    page.get_by_label("Tải lên tệp đã ký số").set_input_files(str(genuine))
    page.get_by_role("button", name="Tải lên", exact=True).click()
    expect(page.get_by_text("Đã nhận tệp đã ký số. Văn bản chuyển sang văn thư để vào số và ban hành.")).to_be_visible()
    log_out(page)

    log_in(page, "vanthu.bato", DEMO_PASSWORD)
    clerk_issues(page, title)
    pdf = _issued_pdf(page, tmp_path)
    assert pdf.startswith(signed)
    reports = signing_chain.signatures_report(pdf, [chain.pki.root])
    assert [(report.field_name, report.intact, report.trusted) for report in reports] == [
        (signing_chain.FIELD_PERSON, True, True), (signing_chain.FIELD_AGENCY, True, True)]

    page.context.clear_cookies()  # a member of the public compares a copy someone altered
    page.goto(_verification_address(pdf))
    copy = tmp_path / "ban-sao-da-sua.pdf"
    copy.write_bytes(pdf.replace(b"/Type /Page", b"/Type /Pagf", 1))
    page.get_by_label("Tệp PDF cần kiểm tra").set_input_files(str(copy))
    page.get_by_role("button", name="Kiểm tra", exact=True).click()
    expect(page.get_by_text("Không khớp: tệp này KHÁC bản đã ban hành")).to_be_visible()
