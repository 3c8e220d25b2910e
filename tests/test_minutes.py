"""The council's minutes: a document type added with one builder in awards;
recorded by a member, confirmed by the secretary, signed digitally by the chair
and issued by the unit's clerk through the signing chain, printed with both
signatures."""

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from pypdf import PdfReader

from awards.models import CouncilMeeting
from awards.printing import minutes_layout
from awards.services.minutes import minutes_prepare, minutes_sign
from emulation.documents import chain as signing_chain
from emulation.documents import workflow
from emulation.documents.issue import official_document_of
from emulation.documents.verify import document_bytes
from emulation.models import AuditEntry, RegisterEntry, Role
from tests.builders import closed_council_meeting, worker_prepares
from tests.factories import person_with_role
from tests.test_documents import pages_text


@pytest.fixture
def closed_meeting(tree, people) -> dict:
    """Three members sat; two approved the one dossier, one did not."""
    return closed_council_meeting(tree, people, members=("Hồ Văn Mừng", "Lê Thị Thư", "Trần Văn Ba"),
                                  approvals=(True, True, False))


# The plan's signer holds the chain's usual DEMO certificate; the chair signs with their own.
CHAIR_CERTIFICATE = "person:other"


def chair_signs_and_clerk_issues(chain, meeting) -> CouncilMeeting:
    document_signing = chain.person_signs(meeting, CHAIR_CERTIFICATE)
    chain.agency_key(meeting.unit)
    return workflow.document_issue(actor=chain.clerk(meeting.unit), document_signing=document_signing)


def test_the_minutes_print_votes_for_and_against_and_both_signatures(closed_meeting):
    meeting = minutes_prepare(actor=closed_meeting["member"], meeting=closed_meeting["meeting"],
                              place="Hội trường Ủy ban nhân dân tỉnh", chair=closed_meeting["chair"],
                              secretary=closed_meeting["secretary"])
    layout = minutes_layout(meeting)
    assert (layout.doc_name, layout.number_line) == ("BIÊN BẢN", "Số:\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0/BB-UBND")
    assert [(block.lines, block.signer_name) for block in layout.signatures] == [
        (["THƯ KÝ"], "Lê Thị Thư"), (["CHỦ TRÌ"], "Hồ Văn Mừng")]
    texts = [" ".join(filter(None, (p.label, p.heading, p.text))) for part in layout.parts for p in part.paragraphs]
    assert "Địa điểm: Hội trường Ủy ban nhân dân tỉnh." in texts
    assert "Có mặt: 03/03 thành viên Hội đồng." in texts
    nominee = closed_meeting["nomination"].nominee_name
    assert (f"1. {nominee} (Ủy ban nhân dân huyện Châu Phú), đề nghị Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh: "
            "02 phiếu đồng ý, 01 phiếu không đồng ý, đạt 66.7% tổng số thành viên Hội đồng; kết quả: không đạt."
            ) in texts


def test_the_secretary_signs_first_the_chair_signs_digitally_and_the_clerk_issues_them(closed_meeting):
    meeting, chair, secretary = closed_meeting["meeting"], closed_meeting["chair"], closed_meeting["secretary"]
    minutes_prepare(actor=chair, meeting=meeting, place="Phòng họp số 1", chair=chair, secretary=secretary)
    with pytest.raises(ValidationError) as early:
        minutes_sign(actor=chair, meeting=meeting)
    assert early.value.messages == ["Thư ký ký trước, người chủ trì ký sau."]
    with pytest.raises(PermissionDenied):
        minutes_sign(actor=closed_meeting["member"], meeting=meeting)
    minutes_sign(actor=secretary, meeting=meeting)
    with pytest.raises(ValidationError):
        minutes_prepare(actor=chair, meeting=meeting, place="Nơi khác", chair=chair, secretary=secretary)
    meeting = minutes_sign(actor=chair, meeting=meeting)
    assert (meeting.number, meeting.chair_signed_at) == (None, None)
    assert not RegisterEntry.objects.filter(doc_type="BB").exists()
    meeting = chair_signs_and_clerk_issues(closed_meeting["chain"], meeting)
    assert meeting.number_symbol == "01/BB-UBND"
    entry = RegisterEntry.objects.get(doc_type="BB")
    assert (entry.number, entry.signer_name, entry.issued_on) == (1, "Hồ Văn Mừng", meeting.held_on)
    assert [entry.action for entry in AuditEntry.objects.filter(object_id=meeting.pk).order_by("pk")
            if entry.content_type.model == "councilmeeting"] == [
        "minutes.prepare", "minutes.sign_secretary", "minutes.submit", "signing.open", "signing.person_signed",
        "minutes.issue"]
    pdf = document_bytes(worker_prepares(meeting))
    text = " ".join(pages_text(pdf))
    for fragment in ("BIÊN BẢN", "THƯ KÝ", "Lê Thị Thư", "CHỦ TRÌ", "Hồ Văn Mừng", "Phòng họp số 1"):
        assert fragment in text
    # The clerk's number is the value of the number field, over the line the chair signed.
    assert PdfReader(io.BytesIO(pdf)).get_fields()[signing_chain.FIELD_NUMBER].value == "Số: 01/BB-UBND"
    assert "KẾ HOẠCH" not in text and "QUYẾT ĐỊNH" not in text
    with pytest.raises(ValidationError):
        minutes_sign(actor=chair, meeting=meeting)


def test_the_minutes_refuse_a_chair_who_was_not_there_and_one_person_in_both_roles(closed_meeting):
    meeting, chair = closed_meeting["meeting"], closed_meeting["chair"]
    absent = person_with_role(Role.COUNCIL_MEMBER, closed_meeting["province"], full_name="Vắng Mặt")
    with pytest.raises(ValidationError) as refused:
        minutes_prepare(actor=chair, meeting=meeting, place="", chair=absent, secretary=chair)
    assert refused.value.message_dict == {"chair": ["Người chủ trì phải là thành viên có mặt."],
                                          "place": ["Hãy ghi địa điểm họp."]}
    with pytest.raises(ValidationError) as same:
        minutes_prepare(actor=chair, meeting=meeting, place="Phòng họp", chair=chair, secretary=chair)
    assert same.value.message_dict == {"secretary": ["Thư ký và người chủ trì phải là hai người khác nhau."]}
    assert CouncilMeeting.objects.get(pk=meeting.pk).chair_id is None


def test_the_minutes_page_is_the_councils_only(client, closed_meeting):
    meeting, chair, secretary = closed_meeting["meeting"], closed_meeting["chair"], closed_meeting["secretary"]
    url = reverse("council_minutes", args=[meeting.pk])
    client.force_login(closed_meeting["officer_a"])
    assert client.get(url).status_code == 403
    assert client.get(reverse("council_minutes_pdf", args=[meeting.pk])).status_code == 403
    client.force_login(secretary)
    saved = client.post(url, {"place": "Phòng họp số 2", "chair": chair.pk, "secretary": secretary.pk})
    assert saved.status_code == 302
    page = client.get(url).content.decode()
    assert "Phòng họp số 2" in page and "Ký biên bản" in page
    confirm = client.get(reverse("council_minutes_sign", args=[meeting.pk])).content.decode()
    assert "Bạn ký biên bản phiên họp ngày" in confirm
    client.post(reverse("council_minutes_sign", args=[meeting.pk]))
    client.force_login(chair)
    assert "Trình ký số biên bản" in client.get(url).content.decode()
    assert "Bạn trình ký số biên bản phiên họp ngày" in client.get(
        reverse("council_minutes_sign", args=[meeting.pk])).content.decode()
    client.post(reverse("council_minutes_sign", args=[meeting.pk]))
    closed_meeting["chain"].person_signs(meeting, CHAIR_CERTIFICATE)
    clerk = closed_meeting["chain"].clerk(meeting.unit)
    closed_meeting["chain"].agency_key(meeting.unit)
    client.force_login(clerk)
    assert "Vào số và ban hành" in client.get(url).content.decode()
    signing = workflow.signing_of(meeting)
    client.post(reverse("signing_issue", args=[signing.pk]))
    official = official_document_of(meeting)
    assert official.state == "pending"
    page = client.get(url).content.decode()
    assert "Đang chuẩn bị tệp PDF đã ban hành" in page
    assert f'hx-get="{reverse("official_document_status", args=[official.pk])}"' in page
    worker_prepares(meeting)
    fragment = client.get(reverse("official_document_status", args=[official.pk])).content.decode()
    assert "hx-get" not in fragment and reverse("official_document_pdf", args=[official.pk]) in fragment
    client.force_login(closed_meeting["officer_a"])
    assert client.get(reverse("official_document_status", args=[official.pk])).status_code == 403
