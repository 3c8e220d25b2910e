"""Official PDFs: layout facts, signature, verification, safe rendering."""

import hashlib
import io
import re

import billiard
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfReader

from campaigns.models import Plan, Section
from campaigns.services import plans as services
from demo.seed_plans import SEED_TITLES
from demo.signing import make_authority, make_pkcs12, make_png
from emulation.documents.chain import FIELD_AGENCY, FIELD_PERSON, signatures_report
from emulation.documents.issue import draft_pdf, official_document_of
from emulation.documents.material import signing_material_save
from emulation.documents.render import STATIC_ROOT, RenderTimeout, _fetcher_class, render_pdf
from emulation.documents.trust import certificates_from_pem, configured_roots_pem
from emulation.documents.verify import document_bytes
from emulation.models import Role, SigningMaterial, Unit
from tests.builders import build_plan, worker_prepares
from tests.factories import person_with_role


def pages_text(pdf: bytes) -> list[str]:
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(pdf)).pages]


def assert_in_order(text: str, expected: list[str]) -> None:
    position = 0
    for fragment in expected:
        found = text.find(fragment, position)
        assert found >= 0, f"{fragment!r} missing after position {position}"
        position = found + len(fragment)


_SEED_PDFS: dict[str, bytes] = {}


@pytest.fixture
def seed_pdfs(db, chain) -> dict[str, bytes]:
    """The four seeds, rendered once for the module (the data goes with the
    first test's transaction, the PDFs stay)."""
    if not _SEED_PDFS:
        call_command("load_demo", verbosity=0, force=True)
        plans = {plan.issuer.code: plan for plan in Plan.objects.filter(title__in=SEED_TITLES).select_related("issuer")}
        _SEED_PDFS.update({key: document_bytes(worker_prepares(plans[code]))
                           for key, code in (("000", "an-giang"), ("002", "an-giang-cdn"), ("003", "dong-thap"))})
        _SEED_PDFS["001"] = draft_pdf(plans["ba-to"])
    return _SEED_PDFS


def test_seed_000_prints_the_national_layout(seed_pdfs):
    pdf = seed_pdfs["000"]
    reader = PdfReader(io.BytesIO(pdf))
    assert [round(float(v)) for v in reader.pages[0].mediabox[2:]] == [595, 842]  # A4
    text = " ".join(pages_text(pdf))
    assert_in_order(text, [
        "ỦY BAN NHÂN DÂN", "TỈNH AN GIANG", "Số: 169/KH-UBND", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc", "An Giang, ngày 05 tháng 01 năm 2025", "KẾ HOẠCH",
        "Phát động phong trào thi đua trong thực hiện nhiệm vụ xây dựng nền Quốc phòng toàn dân năm 2025",
        "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 06 năm 2022;",
        "Căn cứ Nghị định số 98/2023/NĐ-CP", "Căn cứ Thông tư số 01/2024/TT-BNV",
        "Căn cứ Quyết định số 21/2024/QĐ-UBND", "Căn cứ tình hình thực hiện nhiệm vụ quân sự",
        "I. MỤC ĐÍCH, YÊU CẦU", "II. ĐỐI TƯỢNG, NỘI DUNG THI ĐUA", "1. Đối tượng",
        "- Nhân dân và lực lượng vũ trang cấp huyện.", "a) Về xây dựng lực lượng", "b) Về xây dựng tiềm lực",
        "c) Về xây dựng thế trận Quốc phòng toàn dân", "III. THỜI GIAN THI ĐUA VÀ BÌNH XÉT KHEN THƯỞNG",
        "Thời gian thi đua: Từ ngày 01/02/2025 - 31/12/2025.",
        "Tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh cho 06 cơ quan, sở, ban, ngành, đoàn thể cấp tỉnh.",
        "cho 03 đơn vị dẫn đầu cấp huyện.", "cho 11 xã, phường, thị trấn dẫn đầu mỗi huyện.",
        "IV. TỔ CHỨC THỰC HIỆN", "trước ngày 25 tháng 10 năm 2025./.",
        "Nơi nhận:", "- TT. TU, HĐND, UBND tỉnh;", "- UBND huyện, thị xã, thành phố;", "- Lưu: VT.",
        "CHỦ TỊCH", "Hồ Văn Mừng",
    ])


def test_page_numbers_start_on_page_two_and_fonts_are_embedded(seed_pdfs):
    pdf = seed_pdfs["000"]
    texts = pages_text(pdf)
    assert len(texts) >= 2
    # The page number is drawn in the top margin after the page's content.
    assert texts[0].startswith("ỦY BAN NHÂN DÂN") and not texts[0].endswith(" 1")
    assert texts[1].endswith(" 2")
    assert texts[-1].endswith(f" {len(texts)}")
    reader = PdfReader(io.BytesIO(pdf))
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
            fonts[str(font["/BaseFont"])] = "/FontFile2" in descriptor or "/FontFile3" in descriptor
    assert fonts and all(fonts.values())
    families = {name.split("+")[1] for name in fonts}
    assert families <= {"Liberation-Serif", "Liberation-Serif-Bold", "Liberation-Serif-Italic",
                        "Liberation-Serif-Bold-Italic"}


def test_seed_001_draft_is_marked_and_unnumbered(seed_pdfs):
    text = " ".join(pages_text(seed_pdfs["001"]))
    assert "DỰ THẢO" in text
    assert_in_order(text, ["ỦY BAN NHÂN DÂN", "HUYỆN BA TƠ", "Số: /KH-UBND", "Ba Tơ, ngày tháng 02 năm 2025",
                           "Căn cứ Kế hoạch số 07/KH-UBND ngày 16 tháng 01 năm 2025 của Ủy ban nhân dân tỉnh Quảng "
                           "Ngãi về việc phát động", "Một là,", "Sáu là,", "III. TỔ CHỨC THỰC HIỆN",
                           "- Lưu: VT, QS (Sáu).", "CHỦ TỊCH", "Phạm Giang Nam"])


def test_seed_002_and_003_print_their_own_headers_and_signatures(seed_pdfs):
    school = " ".join(pages_text(seed_pdfs["002"]))
    assert_in_order(school, ["ỦY BAN NHÂN DÂN", "TỈNH AN GIANG", "TRƯỜNG CAO ĐẲNG NGHỀ AN GIANG",
                             "Số: 484/KH-CĐN", "An Giang, ngày 11 tháng 3 năm 2024",
                             "1. Đối tượng: Tập thể cán bộ, viên chức, người lao động",
                             "- Giấy khen của Hiệu trưởng.", "HIỆU TRƯỞNG", "Nguyễn Thanh Hải"])
    province = " ".join(pages_text(seed_pdfs["003"]))
    assert_in_order(province, ["Số: 289/KH-UBND", "Đồng Tháp, ngày 25 tháng 11 năm 2025",
                               "đ) Đối với cá nhân", "- Khen thưởng hằng năm:", "- Khen thưởng tổng kết:",
                               "trước ngày 10 tháng 11 hằng năm.", "- Lưu: VT, KGVX (Nôn).",
                               "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Phạm Thành Ngại"])


@pytest.fixture
def authority():
    return make_authority()


def sign_up(unit: Unit, authority, actor) -> str:
    bundle, root_pem = make_pkcs12(unit.name, "mat-khau-ky-so", authority)
    signing_material_save(actor=actor, unit=unit, pkcs12=bundle, pkcs12_password="mat-khau-ky-so",
                                    signature_image=make_png(), seal_image=make_png(200, 200, color=(200, 0, 0, 255)))
    return root_pem


def issue(tree, people):
    plan = build_plan(tree, people)
    services.plan_submit(actor=people["drafter"], plan=plan)
    plan = people["chain"].issue(plan)
    worker_prepares(plan)
    return plan


def test_an_issued_plan_is_signed_and_validates_against_the_root(tree, people, authority):
    admin = person_with_role(Role.ADMINISTRATOR, tree["province"])
    root_pem = sign_up(tree["province"], authority, admin)
    plan = issue(tree, people)
    official = official_document_of(plan)
    pdf = document_bytes(official)
    assert official.signed and official.sha256 == hashlib.sha256(pdf).hexdigest()
    roots = certificates_from_pem([root_pem, *configured_roots_pem()])
    reports = signatures_report(pdf, roots)
    assert [(report.field_name, report.intact, report.trusted) for report in reports] == [
        (FIELD_PERSON, True, True), (FIELD_AGENCY, True, True)]
    untrusted = signatures_report(pdf, certificates_from_pem([make_pkcs12("Người lạ", "x")[1]]))
    assert [(report.intact, report.trusted) for report in untrusted] == [(True, False), (True, False)]
    altered = bytearray(pdf)
    index = pdf.index(b"/Type /Page") + 2  # inside the signed revisions
    altered[index] = ord("X") if altered[index] != ord("X") else ord("Y")
    assert [report.valid for report in signatures_report(bytes(altered), roots)] == [False, False]
    text = " ".join(pages_text(pdf))
    assert official.verification_code in text


def test_the_verification_page_says_valid_and_spots_an_altered_copy(client, tree, people, authority):
    admin = person_with_role(Role.ADMINISTRATOR, tree["province"])
    sign_up(tree["province"], authority, admin)
    official = official_document_of(issue(tree, people))
    url = reverse("document_verify", args=[official.verification_code])
    page = client.get(url)  # no login
    body = page.content.decode()
    assert page.status_code == 200
    assert 'data-signature="valid"' in body
    assert official.number_symbol in body and official.sha256 in body
    pdf = document_bytes(official)
    same = client.post(url, {"pdf": SimpleUploadedFile("ke-hoach.pdf", pdf, "application/pdf")})
    assert 'data-result="match"' in same.content.decode()
    altered = pdf.replace(b"/Type /Page", b"/Type /Pagf", 1)
    different = client.post(url, {"pdf": SimpleUploadedFile("ke-hoach.pdf", altered, "application/pdf")})
    assert 'data-result="mismatch"' in different.content.decode()
    assert "Không khớp" in different.content.decode()
    not_pdf = client.post(url, {"pdf": SimpleUploadedFile("anh.png", make_png(), "image/png")})
    assert "Tệp tải lên không phải là tệp PDF." in not_pdf.content.decode()
    assert client.get(reverse("document_verify", args=["KHONG-CO-MA"])).status_code == 404


def test_downloads_serve_the_stored_file(client, tree, people):
    plan = issue(tree, people)
    official = official_document_of(plan)
    client.force_login(people["officer_a"])
    response = client.get(reverse("plan_pdf", args=[plan.pk]), follow=True)
    assert (response.status_code, response.redirect_chain) == (
        200, [(reverse("official_document_pdf", args=[official.pk]), 302)])
    assert b"".join(response.streaming_content) == document_bytes(official)
    client.force_login(person_with_role(Role.UNIT_OFFICER, tree["district_b"]))
    # District B is bound by the plan too (it owes nominations), a stranger is not:
    stranger_tree_unit = Unit.objects.create(code="khac", kind="province", name="Tỉnh khác", header_name="TỈNH KHÁC",
                                             abbreviation="UBND", place_name="Khác", path="99999999/")
    client.force_login(person_with_role(Role.UNIT_OFFICER, stranger_tree_unit))
    assert client.get(reverse("plan_pdf", args=[plan.pk])).status_code == 403
    assert client.get(reverse("official_document_pdf", args=[official.pk])).status_code == 403


def test_user_text_cannot_reach_files_or_the_network(tree, people, tmp_path):
    drafter = people["drafter"]
    plan = services.plan_create(actor=drafter, issuer=tree["province"], title='Kế hoạch <img src="file:///etc/passwd">')
    hostile = ('<img src="file:///etc/passwd"> <link rel="attachment" href="file:///etc/hostname"> '
               '<img src="http://127.0.0.1:9/x.png"> <style>@import url(http://127.0.0.1:9/a.css);</style>')
    services.plan_part_save(actor=drafter, plan=plan, instance=Section(), values={"heading": "Mục", "body": hostile})
    pdf = draft_pdf(plan)
    squeezed = re.sub(r"\s", "", " ".join(pages_text(pdf)))  # line wrapping adds spaces
    for fragment in ('<img src="file:///etc/passwd">', '<link rel="attachment" href="file:///etc/hostname">',
                     '<img src="http://127.0.0.1:9/x.png">', "@import url(http://127.0.0.1:9/a.css);"):
        assert re.sub(r"\s", "", fragment) in squeezed
    reader = PdfReader(io.BytesIO(pdf))
    assert "/Names" not in reader.trailer["/Root"] or "/EmbeddedFiles" not in reader.trailer["/Root"]["/Names"]
    for page in reader.pages:
        xobjects = page["/Resources"].get("/XObject", {})
        assert not [name for name, obj in xobjects.items() if obj.get_object().get("/Subtype") == "/Image"]
    assert b"root:" not in pdf


def test_the_engine_refuses_files_outside_static_even_from_a_template():
    fetcher = _fetcher_class()()
    with pytest.raises(ValueError):
        fetcher.fetch("file:///etc/passwd")
    with pytest.raises(ValueError):
        fetcher.fetch(STATIC_ROOT.as_uri() + "/../manage.py")
    with pytest.raises(ValueError):
        fetcher.fetch("http://127.0.0.1:9/x.png")
    css = fetcher.fetch((STATIC_ROOT / "pdf" / "document.css").as_uri())
    assert css.url.endswith("/static/pdf/document.css")


def test_a_render_that_runs_too_long_is_stopped():
    huge = "<p>" + "Thi đua " * 400_000 + "</p>"
    with pytest.raises(RenderTimeout):
        render_pdf(huge, timeout=0.5)
    assert render_pdf("<p>Sau khi dừng, bộ dựng vẫn dùng được.</p>").startswith(b"%PDF-")


def test_a_celery_prefork_child_renders():
    # The pool's children are daemonic processes, which multiprocessing forbids to have children.
    with billiard.Pool(1) as pool:
        pdf = pool.apply(render_pdf, ("<p>Bộ dựng chạy trong tiến trình con của Celery.</p>",))
    assert pdf.startswith(b"%PDF-")


def test_an_error_inside_the_renderer_reaches_the_caller_as_itself():
    with pytest.raises(TypeError):
        render_pdf(None)
    assert render_pdf("<p>Vẫn dùng được.</p>").startswith(b"%PDF-")


@pytest.mark.parametrize("field,content,message", [
    ("seal_image", b"GIF89a....", "Ảnh con dấu phải là ảnh PNG."),
    ("seal_image", make_png(20, 20), "Ảnh con dấu: kích thước phải từ 60 đến 2000 điểm ảnh mỗi chiều"),
    ("signature_image", make_png(transparent=False), "Ảnh chữ ký phải có nền trong suốt"),
])
def test_signing_images_are_checked(client, tree, field, content, message):
    client.force_login(person_with_role(Role.ADMINISTRATOR, tree["province"]))
    response = client.post(reverse("signing_material", args=[tree["province"].pk]),
                           {field: SimpleUploadedFile("x.png", content, "image/png"), "signature_owner": "Hồ Văn Mừng"})
    assert message in response.content.decode()
    assert not tree["province"].__class__.objects.get(pk=tree["province"].pk).__dict__.get("signing_material")


def test_a_wrong_pkcs12_password_is_refused_and_the_secret_is_never_shown(client, tree, authority):
    client.force_login(person_with_role(Role.ADMINISTRATOR, tree["province"]))
    bundle, _root = make_pkcs12("UBND tỉnh An Giang", "dung-mat-khau", authority)
    url = reverse("signing_material", args=[tree["province"].pk])
    wrong = client.post(url, {"pkcs12": SimpleUploadedFile("ubnd.p12", bundle), "pkcs12_password": "sai"})
    assert "sai mật khẩu" in wrong.content.decode()
    assert not SigningMaterial.objects.exists()
    right = client.post(url, {"pkcs12": SimpleUploadedFile("ubnd.p12", bundle), "pkcs12_password": "dung-mat-khau"})
    assert right.status_code == 302
    material = SigningMaterial.objects.get()
    assert b"dung-mat-khau" not in bytes(material.password_sealed) and bytes(material.pkcs12_sealed) != bundle
    page = client.get(url).content.decode()
    assert "dung-mat-khau" not in page and "CN=UBND tỉnh An Giang" in page
    expired, _ = make_pkcs12("Cũ", "x", authority, expired=True)
    old = client.post(url, {"pkcs12": SimpleUploadedFile("cu.p12", expired), "pkcs12_password": "x"})
    assert "Chứng thư số đã hết hạn" in old.content.decode()


def test_only_the_units_administrators_manage_signing_material(client, tree):
    client.force_login(person_with_role(Role.SIGNER, tree["province"]))
    assert client.get(reverse("signing_material", args=[tree["province"].pk])).status_code == 403
    client.force_login(person_with_role(Role.ADMINISTRATOR, tree["district_b"]))
    assert client.get(reverse("signing_material", args=[tree["district_a"].pk])).status_code == 403


def test_a_draft_downloads_as_a_fresh_pdf_and_prints_in_the_browser(client, tree, people):
    plan = build_plan(tree, people)
    client.force_login(people["drafter"])
    response = client.get(reverse("plan_pdf", args=[plan.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = " ".join(pages_text(response.content))
    assert "DỰ THẢO" in text and "Phát động phong trào thi đua năm 2026" in text
    printed = client.get(reverse("plan_print", args=[plan.pk])).content.decode()
    assert "/static/pdf/document.css" in printed and "KẾ HOẠCH" in printed and "navbar" not in printed
    client.force_login(person_with_role(Role.DRAFTER, tree["district_b"]))
    assert client.get(reverse("plan_pdf", args=[plan.pk])).status_code == 403
    assert client.get(reverse("plan_print", args=[plan.pk])).status_code == 403


def test_issuing_with_material_sealed_under_another_secret_says_what_to_do(client, tree, people, authority, settings):
    admin = person_with_role(Role.ADMINISTRATOR, tree["province"])
    sign_up(tree["province"], authority, admin)
    settings.SIGNING_SECRET = "a-secret-that-did-not-seal-it"
    plan = build_plan(tree, people)
    services.plan_submit(actor=people["drafter"], plan=plan)
    document_signing = people["chain"].person_signs(plan)
    client.force_login(people["chain"].clerk(plan.issuer))
    response = client.post(reverse("signing_issue", args=[document_signing.pk]), follow=True)
    assert response.status_code == 200
    assert ("Không mở được chứng thư số đã lưu của Ủy ban nhân dân tỉnh An Giang (khóa bảo vệ trên máy chủ đã đổi). "
            "Quản trị đơn vị hãy tải lại tệp chứng thư số, hoặc quản trị hệ thống chạy lệnh rotate_signing_secret."
            ) in response.content.decode()
    plan.refresh_from_db()
    document_signing.refresh_from_db()
    assert (plan.state, document_signing.stage, official_document_of(plan)) == (
        "awaiting_signature", "awaiting_clerk", None)


def test_a_trust_root_file_that_went_missing_leaves_the_verification_page_up(client, tree, people, authority,
                                                                              settings, tmp_path):
    admin = person_with_role(Role.ADMINISTRATOR, tree["province"])
    sign_up(tree["province"], authority, admin)
    official = official_document_of(issue(tree, people))
    settings.SIGNATURE_TRUST_ROOTS = [str(tmp_path / "goc-tin-cay-da-mat.pem")]
    page = client.get(reverse("document_verify", args=[official.verification_code]))
    # The page stays up; without the national root the person's signature is not trusted, and it says so.
    assert (page.status_code, 'data-signature="invalid"' in page.content.decode()) == (200, True)
