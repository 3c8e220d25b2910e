"""Documents issued outside the system: one shared register, cited by plans in
the standard form for their type, implemented by plans."""

import datetime
import io
import re

import pdfplumber
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from campaigns.document import build_plan_document, legal_basis_lines, outside_citation
from campaigns.forms import LegalBasisForm
from campaigns.models import LegalBasis, OutsideDocument, OutsideDocumentType
from campaigns.selectors import outside_document_implementers, plan_with_parts
from campaigns.services import plans as plan_services
from campaigns.services.outside_documents import outside_document_create
from emulation.documents.issue import draft_pdf
from emulation.models import Role
from emulation.selectors import history_for
from tests.factories import person_with_role

DIRECTIVE = {"doc_type": OutsideDocumentType.DIRECTIVE, "number_symbol": "19/CT-TTg",
             "issued_on": datetime.date(2021, 6, 16), "issuer_name": "Thủ tướng Chính phủ",
             "subject": "Tiếp tục đổi mới công tác thi đua, khen thưởng"}
LAW = {"doc_type": OutsideDocumentType.LAW, "number_symbol": "", "issued_on": datetime.date(2022, 6, 15),
       "issuer_name": "Quốc hội", "subject": "Thi đua, khen thưởng"}
CENTRAL_PLAN = {"doc_type": OutsideDocumentType.PLAN, "number_symbol": "05/KH-HĐTĐKT",
                "issued_on": datetime.date(2021, 3, 2), "issuer_name": "Hội đồng Thi đua - Khen thưởng Trung ương",
                "subject": "Tổ chức phong trào thi đua giai đoạn 2021 - 2025"}


@pytest.fixture
def drafter(tree):
    return person_with_role(Role.DRAFTER, tree["district_a"], full_name="Đinh Văn Sáu")


@pytest.fixture
def directive(drafter):
    return outside_document_create(actor=drafter, **DIRECTIVE)


def basis_add(plan, actor, **values):
    return plan_services.plan_part_save(actor=actor, plan=plan, instance=LegalBasis(), values=values)


def test_each_type_is_cited_in_its_standard_form(directive, drafter):
    law = outside_document_create(actor=drafter, **LAW)
    decree = outside_document_create(
        actor=drafter, doc_type=OutsideDocumentType.DECREE, number_symbol="98/2023/NĐ-CP",
        issued_on=datetime.date(2023, 12, 31), issuer_name="Chính phủ", connector="quy định",
        subject="Chi tiết thi hành một số điều của Luật Thi đua, khen thưởng")
    assert outside_citation(directive) == ("Chỉ thị số 19/CT-TTg ngày 16 tháng 6 năm 2021 của Thủ tướng Chính phủ "
                                           "về tiếp tục đổi mới công tác thi đua, khen thưởng")
    assert outside_citation(law) == "Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022"
    assert outside_citation(decree) == (
        "Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết thi hành một số điều "
        "của Luật Thi đua, khen thưởng")
    assert (directive.short_name, law.short_name) == ("Chỉ thị số 19/CT-TTg", "Luật Thi đua, khen thưởng")


def test_the_same_document_is_entered_once_whatever_the_case_and_spacing(directive, tree):
    clerk = person_with_role(Role.CLERK, tree["province"], full_name="Văn Thư Tỉnh")
    again = {**DIRECTIVE, "number_symbol": "19/ct-ttg ", "issuer_name": "thủ tướng chính phủ"}
    with pytest.raises(ValidationError) as refused:
        outside_document_create(actor=clerk, **again)
    assert refused.value.message_dict == {"number_symbol": [
        "Văn bản này đã có trong sổ: Chỉ thị số 19/CT-TTg ngày 16/06/2021 của Thủ tướng Chính phủ. "
        "Hãy dùng văn bản đã có."]}
    # The same number and symbol another year is another document.
    later = outside_document_create(actor=clerk, **{**DIRECTIVE, "issued_on": datetime.date(2024, 1, 2)})
    assert OutsideDocument.objects.filter(number_symbol="19/CT-TTg").count() == 2
    assert later.created_by == clerk


def test_a_law_cited_by_its_name_is_deduplicated_by_name_and_year(drafter):
    outside_document_create(actor=drafter, **LAW)
    with pytest.raises(ValidationError):
        outside_document_create(actor=drafter, **{**LAW, "subject": "thi đua, khen thưởng"})


def test_only_drafting_officers_and_clerks_add_to_the_register(tree, client):
    officer = person_with_role(Role.REVIEWER, tree["district_a"], full_name="Lê Văn Tâm")
    with pytest.raises(PermissionDenied):
        outside_document_create(actor=officer, **DIRECTIVE)
    client.force_login(officer)
    assert client.get(reverse("outside_document_add")).status_code == 403
    assert client.post(reverse("outside_document_add"), {**DIRECTIVE, "issued_on": "16/06/2021"}).status_code == 403
    listed = client.get(reverse("outside_document_list"))
    assert listed.status_code == 200 and "Thêm văn bản" not in listed.content.decode()
    assert not OutsideDocument.objects.exists()


def test_a_drafter_adds_a_document_with_its_file_and_finds_it_without_accents(client, drafter):
    client.force_login(drafter)
    scan = SimpleUploadedFile("chi-thi-19.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n",
                              content_type="application/pdf")
    response = client.post(reverse("outside_document_add"), {
        **DIRECTIVE, "issued_on": "16/06/2021", "connector": "về", "file": scan}, follow=True)
    document = OutsideDocument.objects.get()
    assert response.redirect_chain == [(reverse("outside_document_detail", args=[document.pk]), 302)]
    page = response.content.decode()
    assert "Đã thêm Chỉ thị số 19/CT-TTg vào sổ văn bản ngoài hệ thống." in page
    assert ("Chỉ thị số 19/CT-TTg ngày 16 tháng 6 năm 2021 của Thủ tướng Chính phủ về tiếp tục đổi mới công tác thi "
            "đua, khen thưởng") in page
    assert b"".join(client.get(reverse("outside_document_file", args=[document.pk])).streaming_content).startswith(
        b"%PDF-")
    found = client.get(reverse("outside_document_list"), {"q": "doi moi cong tac"}).content.decode()
    assert "Chỉ thị số 19/CT-TTg" in found
    assert "Chỉ thị số 19/CT-TTg" not in client.get(reverse("outside_document_list"), {"year": 2020}).content.decode()
    assert history_for(document).get().action == "outside_document.create"


def test_a_bad_file_or_a_missing_number_is_refused_and_what_was_typed_stays(client, drafter):
    client.force_login(drafter)
    fake = SimpleUploadedFile("chi-thi.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = client.post(reverse("outside_document_add"), {**DIRECTIVE, "issued_on": "16/06/2021", "file": fake})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Nội dung tệp “chi-thi.pdf” không khớp với phần mở rộng .pdf" in page
    assert "Tiếp tục đổi mới công tác thi đua, khen thưởng" in page
    missing = client.post(reverse("outside_document_add"),
                          {**DIRECTIVE, "number_symbol": "", "issued_on": "16/06/2021"})
    assert "Hãy ghi số, ký hiệu của văn bản (chỉ luật mới được để trống)." in missing.content.decode()
    assert not OutsideDocument.objects.exists()


def test_a_basis_names_its_document_by_number_and_the_form_says_when_it_is_unknown_or_ambiguous(
        district_draft, directive, drafter):
    plan = district_draft["plan"]
    unknown = LegalBasisForm({"opening": "Thực hiện", "outside_reference": "99/CT-TTg", "connector": "về"},
                             instance=LegalBasis(plan=plan), plan=plan)
    assert not unknown.is_valid()
    assert unknown.errors["outside_reference"] == [
        "Sổ văn bản ngoài hệ thống chưa có văn bản “99/CT-TTg”. Hãy thêm văn bản đó vào sổ trước."]
    outside_document_create(actor=drafter, **{**DIRECTIVE, "issued_on": datetime.date(2024, 1, 2)})
    ambiguous = LegalBasisForm({"opening": "Thực hiện", "outside_reference": "19/ct-ttg", "connector": "về"},
                               instance=LegalBasis(plan=plan), plan=plan)
    assert not ambiguous.is_valid()
    assert ambiguous.errors["outside_year"] == ["Có 2 văn bản “19/ct-ttg” (2024, 2021): hãy ghi năm ban hành."]
    chosen = LegalBasisForm({"opening": "Thực hiện", "outside_reference": "19/CT-TTg", "outside_year": 2021,
                             "connector": "về", "implements": "on"}, instance=LegalBasis(plan=plan), plan=plan)
    assert chosen.is_valid(), chosen.errors
    assert chosen.cleaned_data["outside_document"] == directive
    free = LegalBasisForm({"opening": "Căn cứ", "text": "Tình hình thực tế", "connector": "về", "implements": "on"},
                          instance=LegalBasis(plan=plan), plan=plan)
    assert not free.is_valid()
    assert free.errors["implements"] == [
        "Chỉ đánh dấu “triển khai” cho một văn bản ngoài hệ thống; kế hoạch trong hệ thống được triển khai bằng "
        "cách xây dựng kế hoạch từ đó."]
    worded = LegalBasisForm({"opening": "Thực hiện", "text": "Chỉ thị số 19/CT-TTg ngày 16/6/2021 của Thủ tướng",
                             "outside_reference": "19/CT-TTg", "outside_year": 2021, "connector": "về"},
                            instance=LegalBasis(plan=plan), plan=plan)
    assert worded.is_valid(), worded.errors  # printed as worded, still citing the register's entry
    assert worded.cleaned_data["outside_document"] == directive


def test_the_basis_part_form_saves_an_outside_document_through_the_edit_page(client, district_draft, directive):
    plan = district_draft["plan"]
    client.force_login(district_draft["drafter"])
    response = client.post(reverse("part_add", args=[plan.pk, "legal_basis"]), {
        "opening": "Thực hiện", "outside_reference": "19/CT-TTg", "connector": "về", "implements": "on"})
    assert response.status_code == 302
    basis = plan.legal_bases.get()
    assert (basis.opening, basis.outside_document, basis.implements, basis.text) == ("Thực hiện", directive, True, "")


def test_bases_open_with_the_drafters_word_and_the_last_ends_as_the_drafter_chose(district_draft, directive, drafter):
    plan = district_draft["plan"]
    central = outside_document_create(actor=drafter, **CENTRAL_PLAN)
    basis_add(plan, drafter, opening="Thực hiện", outside_document=directive, implements=True)
    basis_add(plan, drafter, opening="Thực hiện", outside_document=central, implements=True)
    basis_add(plan, drafter, opening="", text="Theo đề nghị của Phòng Nội vụ huyện")
    basis_add(plan, drafter, opening="Căn cứ", text="tình hình thực tế của địa phương")
    plan_services.plan_update(actor=drafter, plan=plan, expected_revision=plan.revision, bases_end_with=";")
    lines = legal_basis_lines(plan_with_parts(plan.pk))
    assert lines == [
        "Thực hiện Chỉ thị số 19/CT-TTg ngày 16 tháng 6 năm 2021 của Thủ tướng Chính phủ về tiếp tục đổi mới công tác "
        "thi đua, khen thưởng;",
        "Thực hiện Kế hoạch số 05/KH-HĐTĐKT ngày 02 tháng 3 năm 2021 của Hội đồng Thi đua - Khen thưởng Trung ương "
        "về tổ chức phong trào thi đua giai đoạn 2021 - 2025;",
        "Theo đề nghị của Phòng Nội vụ huyện;",
        "Căn cứ tình hình thực tế của địa phương;",
    ]
    with pdfplumber.open(io.BytesIO(draft_pdf(plan_with_parts(plan.pk)))) as pdf:
        text = " ".join(" ".join((page.extract_text() or "").split()) for page in pdf.pages)
    printed = [text.index(start) for start in ("Thực hiện Chỉ thị số 19/CT-TTg", "Thực hiện Kế hoạch số 05/KH-HĐTĐKT",
                                               "Theo đề nghị của Phòng Nội vụ huyện;",
                                               "Căn cứ tình hình thực tế của địa phương;")]
    assert printed == sorted(printed)
    assert re.search(r"Căn cứ tình hình thực tế của địa phương;", text)
    assert "Căn cứ Theo đề nghị" not in text and "địa phương." not in text


def test_the_last_basis_ends_with_a_full_stop_by_default(district_draft, directive, drafter):
    plan = district_draft["plan"]
    basis_add(plan, drafter, outside_document=directive)
    document = build_plan_document(plan_with_parts(plan.pk))
    assert document.legal_bases == [
        "Căn cứ Chỉ thị số 19/CT-TTg ngày 16 tháng 6 năm 2021 của Thủ tướng Chính phủ về tiếp tục đổi mới công tác "
        "thi đua, khen thưởng."]


def test_the_documents_page_lists_the_plans_implementing_it_that_the_person_may_see(client, tree, directive,
                                                                                    district_draft, drafter):
    plan = district_draft["plan"]
    basis_add(plan, drafter, opening="Thực hiện", outside_document=directive, implements=True)
    other_drafter = person_with_role(Role.DRAFTER, tree["district_b"], full_name="Phan Văn Bảy")
    other = plan_services.plan_create(actor=other_drafter, issuer=tree["district_b"], title="Kế hoạch của huyện B")
    basis_add(other, other_drafter, opening="Thực hiện", outside_document=directive, implements=True)
    cites_only = plan_services.plan_create(actor=drafter, issuer=tree["district_a"], title="Kế hoạch chỉ trích dẫn")
    basis_add(cites_only, drafter, outside_document=directive)
    assert outside_document_implementers(directive, drafter) == [plan]
    client.force_login(drafter)
    page = client.get(reverse("outside_document_detail", args=[directive.pk])).content.decode()
    assert "Kế hoạch của huyện Châu Phú" in page
    assert "Kế hoạch của huyện B" not in page and "Kế hoạch chỉ trích dẫn" not in page
    assert [p.title for p in outside_document_implementers(directive, other_drafter)] == ["Kế hoạch của huyện B"]


def test_an_unknown_document_is_not_found(client, drafter):
    client.force_login(drafter)
    assert client.get(reverse("outside_document_detail", args=[999])).status_code == 404
    assert client.get(reverse("outside_document_file", args=[999])).status_code == 404
