"""Bringing in a plan from a file through the pages (#15): upload or paste, review
with names matched to the unit tree, choices kept, confirm to a draft (or, for a
records clerk, to a plan recorded as issued), and the refusals."""

import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from campaigns.importing import read_text
from campaigns.models import OutsideDocument, Plan, PlanImport, PlanImportState, PlanState
from campaigns.services import plan_import as import_services
from emulation.models import AuditEntry, Role, UnitKind
from tests.factories import UnitFactory, person_with_role

SEEDS = Path(__file__).resolve().parent / "seeds"
SEED_000 = next(SEEDS.glob("000_*.txt")).read_text()


@pytest.fixture
def military(tree):
    """The offices seed 000 assigns work to, in the test tree."""
    return {
        "bchqs": UnitFactory(kind=UnitKind.MILITARY, name="Bộ Chỉ huy Quân sự tỉnh An Giang", code="bchqs",
                             parent=tree["province"], place_name="An Giang"),
    }


@pytest.fixture
def drafter(people):
    return people["drafter"]


def start(client, **data):
    return client.post(reverse("plan_import_start"), data)


def review_of(user, text=SEED_000) -> PlanImport:
    return import_services.plan_import_start(actor=user, source_name="169.txt", lines=read_text(text),
                                             from_docx=False)


def test_pasted_text_opens_its_review_and_nothing_is_a_plan_yet(client, drafter, tree, military):
    client.force_login(drafter)
    plans_before = Plan.objects.count()
    response = start(client, text=SEED_000)
    plan_import = PlanImport.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("plan_import_review",
                                                                            args=[plan_import.pk])
    assert (plan_import.unit, plan_import.created_by, plan_import.state) == (tree["province"], drafter,
                                                                             PlanImportState.REVIEWING)
    assert Plan.objects.count() == plans_before
    page = client.get(response["Location"]).content.decode()
    assert "Xem lại kế hoạch nhập từ tệp" in page
    assert 'id="dong-1"' in page
    assert "Mọi dòng của bản gốc đều đã vào một phần của kế hoạch." in page
    assert "Bộ Chỉ huy Quân sự tỉnh An Giang" in page  # “Bộ CHQS tỉnh” matched to the unit


def test_confirming_makes_a_draft_of_the_officers_unit_with_the_parts_read(client, drafter, tree, military):
    client.force_login(drafter)
    plan_import = review_of(drafter)
    response = client.post(reverse("plan_import_confirm", args=[plan_import.pk]))
    plan = Plan.objects.get(issuer=tree["province"])
    assert response.status_code == 302 and response["Location"] == reverse("plan_detail", args=[plan.pk])
    assert (plan.state, plan.title, plan.signer_name) == (
        PlanState.DRAFT, "Phát động phong trào thi đua trong thực hiện nhiệm vụ xây dựng nền Quốc phòng toàn dân "
        "năm 2025", "Hồ Văn Mừng")
    assert [section.heading for section in plan.sections.filter(parent=None).order_by("position")] == [
        "MỤC ĐÍCH, YÊU CẦU", "ĐỐI TƯỢNG, NỘI DUNG THI ĐUA", "THỜI GIAN THI ĐUA VÀ BÌNH XÉT KHEN THƯỞNG",
        "TỔ CHỨC THỰC HIỆN"]
    assert plan.legal_bases.count() == 5
    plan_import.refresh_from_db()
    assert (plan_import.state, plan_import.plan) == (PlanImportState.CONFIRMED, plan)
    assert AuditEntry.objects.filter(action="plan.import", actor=drafter).count() == 1
    # The cited documents the register did not hold are entered in it, once.
    assert OutsideDocument.objects.filter(number_symbol="98/2023/NĐ-CP").count() == 1
    assert plan.legal_bases.filter(outside_document__number_symbol="98/2023/NĐ-CP").count() == 1


def test_a_second_import_links_the_documents_the_first_entered(drafter, tree, military):
    import_services.plan_import_confirm(actor=drafter, plan_import=review_of(drafter))
    second = review_of(drafter)
    review = import_services.plan_import_review(second)
    cited = [match.label for match in review.citations if match and match.outside_document]
    assert "Nghị định số 98/2023/NĐ-CP" in cited
    import_services.plan_import_confirm(actor=drafter, plan_import=second)
    assert OutsideDocument.objects.filter(number_symbol="98/2023/NĐ-CP").count() == 1


def test_choices_are_kept_across_leaving_and_used_on_confirming(client, drafter, tree, military):
    client.force_login(drafter)
    plan_import = review_of(drafter)
    review = import_services.plan_import_review(plan_import)
    open_names = [match.name for match in review.unmatched_units]
    assert open_names, "seed 000 prints names the small test tree does not hold"
    page = client.get(reverse("plan_import_review", args=[plan_import.pk])).content.decode()
    assert "Tên chưa khớp — hãy chọn" in page
    field = next(f"unit-{index}" for index, name in enumerate(review.units) if name == open_names[0])
    response = client.post(reverse("plan_import_review", args=[plan_import.pk]), {field: str(military["bchqs"].pk)})
    assert response.status_code == 302
    plan_import.refresh_from_db()
    assert plan_import.choices["units"] == {open_names[0]: [military["bchqs"].pk]}
    again = import_services.plan_import_review(plan_import)
    assert (again.units[open_names[0]].units, again.units[open_names[0]].sure) == ([military["bchqs"].pk], True)


def test_printed_award_names_match_the_catalogue_whatever_their_case_and_accents(db):
    from campaigns.importing.matching import award_matches, award_names  # noqa: PLC0415

    matches = award_matches(["Cờ Thi đua của Chính phủ", "Giấy khen", "Huy hiệu vàng"])
    assert [(name, award_names([match.award]).get(match.award), match.sure) for name, match in matches.items()] == [
        ("Cờ Thi đua của Chính phủ", "Cờ thi đua của Chính phủ", True), ("Giấy khen", "Giấy khen", True),
        ("Huy hiệu vàng", None, False)]


def test_unit_names_match_by_abbreviation_place_successor_and_level(tree, military):
    from campaigns.importing.matching import unit_matches  # noqa: PLC0415

    home_affairs = UnitFactory(kind=UnitKind.DEPARTMENT, name="Sở Nội vụ tỉnh An Giang", code="snv",
                               parent=tree["province"], place_name="An Giang")
    matches = unit_matches(["Bộ CHQS tỉnh", "Ban TĐKT tỉnh", "UBND các huyện, thị xã, thành phố",
                            "Bộ Chỉ huy QS tỉnh"], tree["province"])
    assert [(match.units, match.sure) for match in matches.values()] == [
        ([military["bchqs"].pk], True), ([home_affairs.pk], True),
        ([tree["district_a"].pk, tree["district_b"].pk], True), ([], False)]
    assert matches["Bộ Chỉ huy QS tỉnh"].candidates[0] == (military["bchqs"].pk, "Bộ Chỉ huy Quân sự tỉnh An Giang")


def test_another_person_cannot_open_or_confirm_someones_review(client, drafter, people, tree, military):
    plan_import = review_of(drafter)
    client.force_login(people["officer_a"])
    assert client.get(reverse("plan_import_review", args=[plan_import.pk])).status_code == 403
    assert client.post(reverse("plan_import_confirm", args=[plan_import.pk])).status_code == 403
    assert Plan.objects.count() == 0


def test_a_person_who_neither_drafts_nor_keeps_records_is_refused_the_upload(client, tree):
    reviewer = person_with_role(Role.REVIEWER, tree["province"], full_name="Đặng Quốc Huy")
    client.force_login(reviewer)
    assert client.get(reverse("plan_import_start")).status_code == 403
    assert start(client, text=SEED_000).status_code == 403
    assert PlanImport.objects.count() == 0


def test_a_discarded_review_is_gone_and_cannot_be_confirmed(client, drafter, tree, military):
    client.force_login(drafter)
    plan_import = review_of(drafter)
    assert client.post(reverse("plan_import_discard", args=[plan_import.pk])).status_code == 302
    plan_import.refresh_from_db()
    assert (plan_import.state, plan_import.lines) == (PlanImportState.DISCARDED, [])
    assert client.post(reverse("plan_import_confirm", args=[plan_import.pk])).status_code == 403


def test_a_records_clerk_records_the_plan_as_issued_with_its_number_date_and_pdf(client, tree, military):
    clerk = person_with_role(Role.CLERK, tree["province"], full_name="Trần Văn Thư")
    client.force_login(clerk)
    plan_import = review_of(clerk)
    page = client.get(reverse("plan_import_review", args=[plan_import.pk])).content.decode()
    assert "Văn thư: ghi nhận là kế hoạch đã ban hành" in page
    assert "Xác nhận, tạo dự thảo" not in page  # a clerk does not draft
    pdf = SimpleUploadedFile("169.pdf", pdf_bytes(), "application/pdf")
    response = client.post(reverse("plan_import_confirm", args=[plan_import.pk]), {
        "as_issued": "1", "number": "169", "symbol": "KH-UBND", "issued_on": "05/01/2025",
        "signer_name": "Hồ Văn Mừng", "pdf": pdf})
    plan = Plan.objects.get()
    assert response.status_code == 302, response.content.decode()[:2000]
    assert (plan.state, plan.number, plan.symbol, plan.issued_on.isoformat()) == (
        PlanState.ISSUED, 169, "KH-UBND", "2025-01-05")


def test_a_clerk_without_the_pdf_keeps_the_review_and_is_told_why(client, tree, military):
    clerk = person_with_role(Role.CLERK, tree["province"], full_name="Trần Văn Thư")
    client.force_login(clerk)
    plan_import = review_of(clerk)
    response = client.post(reverse("plan_import_confirm", args=[plan_import.pk]), {
        "as_issued": "1", "number": "169", "symbol": "KH-UBND", "issued_on": "05/01/2025",
        "signer_name": "Hồ Văn Mừng"})
    assert response.status_code == 400
    assert "This field is required" in response.content.decode() or "Trường này là bắt buộc" in (
        response.content.decode())
    assert Plan.objects.count() == 0
    plan_import.refresh_from_db()
    assert plan_import.state == PlanImportState.REVIEWING


def pdf_bytes() -> bytes:
    from pypdf import PdfWriter  # noqa: PLC0415

    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def macro_docx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", '<Types><Override PartName="/word/document.xml" '
                         'ContentType="application/vnd.ms-word.document.macroEnabled.main+xml"/></Types>')
        archive.writestr("word/document.xml", "<w:document/>")
        archive.writestr("word/vbaProject.bin", b"\0" * 64)
    return out.getvalue()


def bomb_docx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"<w:document>" + b" " * (60 * 1024 * 1024) + b"</w:document>")
    return out.getvalue()


def menu_docx() -> bytes:
    from docx import Document  # noqa: PLC0415

    document, out = Document(), io.BytesIO()
    document.add_paragraph("Thực đơn tuần này: thứ Hai cơm gà.")
    document.save(out)
    return out.getvalue()


CRAFTED = {"macro.docx": macro_docx, "bom.docx": bomb_docx, "thuc-don.docx": menu_docx}


# Bad input on the form: refused with a Vietnamese message, what was pasted kept ---------------

@pytest.mark.parametrize(("name", "content", "message"), [
    ("ke-hoach.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600,
     "Đây là tệp Word cũ (.doc) hoặc tệp có mật khẩu."),
    ("trong.docx", b"", "Tệp trống, không có nội dung để nhập."),
    # Word saves a password-protected .docx as an encrypted compound file, as old .doc files are.
    ("mat-khau.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512 + "EncryptionInfo".encode("utf-16-le"),
     "Đây là tệp Word cũ (.doc) hoặc tệp có mật khẩu."),
    ("thuc-don.docx", None, "Không nhận ra văn bản này là một kế hoạch"),
    ("macro.docx", None, "Tệp có macro (.docm); vì an toàn, hãy lưu lại dạng .docx không có macro."),
    ("bom.docx", None, "Tệp Word giải nén ra quá lớn (có thể là tệp độc hại); không mở."),
    ("ke-hoach.docx", b"PK\x03\x04 not really a zip", "Tệp Word bị hỏng, không mở được."),
])
def test_unreadable_files_are_refused_on_the_form(client, drafter, name, content, message):
    content = content if content is not None else CRAFTED[name]()
    client.force_login(drafter)
    response = client.post(reverse("plan_import_start"), {"file": SimpleUploadedFile(name, content)})
    page = response.content.decode()
    assert response.status_code == 200
    assert message.lower() in page.lower()
    assert "Trình duyệt không giữ được tệp đã chọn: hãy chọn lại tệp sau khi sửa." in page
    assert PlanImport.objects.count() == 0


def test_a_30_mb_file_is_refused_before_it_is_read(client, drafter):
    client.force_login(drafter)
    big = SimpleUploadedFile("lon.docx", b"PK\x03\x04" + b"\0" * (30 * 1024 * 1024))
    page = client.post(reverse("plan_import_start"), {"file": big}).content.decode()
    assert "Tệp “lon.docx” quá lớn (30,0 MB); tối đa 10 MB." in page
    assert PlanImport.objects.count() == 0


def test_pasted_text_that_is_not_a_plan_is_refused_and_kept(client, drafter):
    client.force_login(drafter)
    page = client.post(reverse("plan_import_start"), {"text": "Biên bản họp chi bộ tháng 3"}).content.decode()
    assert "Không nhận ra văn bản này là một kế hoạch" in page
    assert "Biên bản họp chi bộ tháng 3</textarea>" in page
    assert PlanImport.objects.count() == 0


def test_legacy_encoded_text_is_named_and_refused(client, drafter):
    client.force_login(drafter)
    page = client.post(reverse("plan_import_start"), {"text": "KÕ ho¹ch ph¸t ®éng phong trµo thi ®ua"}).content
    assert "bảng mã cũ" in page.decode()
    assert PlanImport.objects.count() == 0


def test_both_a_file_and_pasted_text_is_one_too_many(client, drafter):
    client.force_login(drafter)
    page = client.post(reverse("plan_import_start"), {
        "text": SEED_000, "file": SimpleUploadedFile("a.txt", SEED_000.encode())}).content.decode()
    assert "Hãy chọn một tệp Word hoặc dán nội dung kế hoạch (chỉ một trong hai)." in page


def test_the_list_of_open_reviews_costs_the_same_for_one_or_many(client, drafter, tree, military,
                                                                django_assert_max_num_queries):
    client.force_login(drafter)
    review_of(drafter)
    client.get(reverse("plan_import_start"))
    for _ in range(5):
        review_of(drafter)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("plan_import_start")).content.decode()
    assert page.count("169.txt") == 6
