"""Award decisions and council minutes go through the Nghị định 30 chain as
plans do: the decision is submitted to a signer of the issuer, the minutes to
the chair of the meeting (who need not sign for the unit otherwise); that
person signs with their own certificate; the unit's records clerk numbers and
issues, and the issued PDF carries the person's and the agency's signatures."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from awards.models import DecisionState, NominationState
from awards.services.decisions import (
    award_decision_draft,
    award_decision_issue,
    award_decision_return,
    award_decision_submit,
)
from awards.services.minutes import minutes_issue, minutes_prepare, minutes_sign
from demo.chain import person_signer
from emulation.documents import chain as signing_chain
from emulation.documents import workflow
from emulation.documents.issue import official_document_of, official_document_prepare
from emulation.documents.trust import trust_roots
from emulation.models import (
    AuditEntry,
    DocumentType,
    Notification,
    RegisterEntry,
    Role,
    RoleAssignment,
    SigningStage,
)
from emulation.permissions import can
from tests.builders import closed_council_meeting
from tests.factories import person_with_role

NOT_SIGNED_YET = ("Người ký chưa ký số văn bản này; văn thư chỉ đóng dấu số và ban hành sau khi có chữ ký hợp lệ "
                  "của người ký.")
# The plan's signer already holds the chain's usual DEMO certificate; the chair signs with another.
CHAIR_CERTIFICATE = "person:other"


@pytest.fixture
def council(tree, people) -> dict:
    """An issued plan, one dossier approved by a council of three that closed;
    the chair holds no signer's role in the province."""
    setup = closed_council_meeting(tree, people, members=("Trần Văn Chủ", "Lê Thị Thư", "Võ Văn Ba"),
                                   approvals=(True, True, True))
    return {**setup, "clerk": setup["chain"].clerk(setup["province"])}


@pytest.fixture
def decision(council):
    return award_decision_draft(actor=council["drafter"], plan=council["plan"],
                                award_type_id=council["nomination"].award_type_id)


@pytest.fixture
def minutes_confirmed(council):
    meeting = minutes_prepare(actor=council["secretary"], meeting=council["meeting"], place="Phòng họp số 1",
                              chair=council["chair"], secretary=council["secretary"])
    return minutes_sign(actor=council["secretary"], meeting=meeting)


def issued_pdf(target) -> bytes:
    document = official_document_prepare(document_id=official_document_of(target).pk)
    with document.pdf.open("rb") as handle:
        return handle.read()


def assert_person_then_agency(pdf: bytes) -> None:
    reports = signing_chain.signatures_report(pdf, trust_roots())
    assert [report.field_name for report in reports] == ["ChuKyNguoiKy", "ChuKyCoQuan"]
    assert [(report.intact, report.trusted) for report in reports] == [(True, True), (True, True)]


# The award decision ------------------------------------------------------------------------------------------------

def test_a_decision_goes_from_draft_to_its_signer_to_the_clerk_and_is_issued_with_two_signatures(council, decision):
    chain, signer, clerk = council["chain"], council["signer"], council["clerk"]
    award_decision_submit(actor=council["drafter"], decision=decision)
    document_signing = workflow.signing_of(decision)
    assert (document_signing.signer, document_signing.doc_type, document_signing.stage) == (
        signer, DocumentType.DECISION, SigningStage.PREPARING)
    decision.refresh_from_db()
    assert (decision.state, decision.signer_name) == (DecisionState.DRAFT, "Hồ Văn Mừng")
    assert Notification.objects.filter(recipient=signer, title__startswith="Dự thảo quyết định khen thưởng chờ ký",
                                       url=reverse("decision_detail", args=[decision.pk])).exists()
    document_signing = chain.person_signs(decision)
    assert document_signing.stage == SigningStage.AWAITING_CLERK
    issued = workflow.document_issue(actor=clerk, document_signing=document_signing)
    assert (issued.state, issued.number_symbol, issued.issued_on) == (
        DecisionState.ISSUED, "01/QĐ-UBND", timezone.localdate())
    entry = RegisterEntry.objects.get(doc_type=DocumentType.DECISION)
    assert (entry.signer_name, entry.registered_by) == ("Hồ Văn Mừng", clerk)
    council["nomination"].refresh_from_db()
    assert council["nomination"].state == NominationState.AWARDED
    assert [entry.action for entry in AuditEntry.objects.filter(
        content_type__model="awarddecision", object_id=decision.pk).order_by("pk")] == [
        "decision.draft", "decision.submit", "signing.open", "signing.person_signed", "decision.issue"]
    pdf = issued_pdf(decision)
    assert pdf.startswith(workflow.signed_file(workflow.signing_of(decision)))
    assert_person_then_agency(pdf)


def test_the_clerk_cannot_issue_a_decision_before_the_signer_signed(council, decision):
    award_decision_submit(actor=council["drafter"], decision=decision)
    document_signing = workflow.signing_prepare(signing_id=workflow.signing_of(decision).pk)
    with pytest.raises(ValidationError) as refused:
        workflow.document_issue(actor=council["clerk"], document_signing=document_signing)
    assert refused.value.messages == [NOT_SIGNED_YET]
    # Nor around the chain: the issue service wants the signing taken by the clerk.
    with pytest.raises(ValidationError) as around:
        award_decision_issue(actor=council["clerk"], decision=decision)
    assert around.value.messages == ["Người ký chưa ký số quyết định này."]
    decision.refresh_from_db()
    assert (decision.state, decision.number) == (DecisionState.DRAFT, None)
    assert not RegisterEntry.objects.filter(doc_type=DocumentType.DECISION).exists()


def test_neither_the_drafter_nor_the_signer_issues_a_decision(council, decision):
    chain = council["chain"]
    award_decision_submit(actor=council["drafter"], decision=decision)
    document_signing = chain.person_signs(decision)
    for person in (council["drafter"], council["signer"]):
        with pytest.raises(PermissionDenied):
            workflow.document_issue(actor=person, document_signing=document_signing)
        with pytest.raises(PermissionDenied):
            award_decision_issue(actor=person, decision=decision)
    assert workflow.signing_of(decision).stage == SigningStage.AWAITING_CLERK


def test_a_decision_is_submitted_once_to_a_signer_of_the_issuer_chosen_when_there_are_several(council, decision):
    with pytest.raises(PermissionDenied):
        award_decision_submit(actor=council["signer"], decision=decision)
    with pytest.raises(ValidationError) as not_a_signer:
        award_decision_submit(actor=council["drafter"], decision=decision, signer=council["chair"])
    assert not_a_signer.value.message_dict == {
        "signer": ["Trần Văn Chủ không phải người ký của Ủy ban nhân dân tỉnh An Giang."]}
    deputy = person_with_role(Role.SIGNER, council["province"], full_name="Lê Văn Phó")
    with pytest.raises(ValidationError) as unchosen:
        award_decision_submit(actor=council["drafter"], decision=decision)
    assert unchosen.value.message_dict == {"signer": ["Hãy chọn người ký."]}
    award_decision_submit(actor=council["drafter"], decision=decision, signer=deputy)
    decision.refresh_from_db()
    assert (workflow.signing_of(decision).signer, decision.signer_name) == (deputy, "Lê Văn Phó")
    with pytest.raises(ValidationError) as again:
        award_decision_submit(actor=council["drafter"], decision=decision, signer=deputy)
    assert again.value.messages == ["Quyết định đã được trình ký."]


def test_the_signer_returns_a_decision_which_stays_a_draft_and_may_be_submitted_again(council, decision):
    award_decision_submit(actor=council["drafter"], decision=decision)
    first = workflow.signing_of(decision)
    with pytest.raises(PermissionDenied):
        award_decision_return(actor=council["drafter"], decision=decision, reason="Sửa trích yếu.")
    with pytest.raises(ValidationError) as no_reason:
        award_decision_return(actor=council["signer"], decision=decision, reason="  ")
    assert no_reason.value.message_dict == {"reason": ["Vui lòng ghi lý do trả lại để người soạn biết cần sửa gì."]}
    award_decision_return(actor=council["signer"], decision=decision, reason="Sửa trích yếu.")
    first.refresh_from_db()
    decision.refresh_from_db()
    assert (first.stage, decision.state, workflow.signing_of(decision)) == (
        SigningStage.WITHDRAWN, DecisionState.DRAFT, None)
    assert Notification.objects.filter(recipient=council["drafter"], body="Lý do: Sửa trích yếu.").exists()
    award_decision_submit(actor=council["drafter"], decision=decision)
    assert workflow.signing_of(decision).pk != first.pk


def test_the_decision_page_submits_and_shows_the_signing_to_the_signer_and_the_clerk(client, council, decision):
    url = reverse("decision_detail", args=[decision.pk])
    client.force_login(council["drafter"])
    page = client.get(url).content.decode()
    assert "Trình ký" in page and 'name="signer"' not in page and "Ký ban hành quyết định" not in page
    deputy = person_with_role(Role.SIGNER, council["province"], full_name="Lê Văn Phó")
    assert 'name="signer"' in client.get(url).content.decode()
    response = client.post(reverse("decision_submit", args=[decision.pk]), {"signer": deputy.pk})
    assert response.status_code == 302
    assert workflow.signing_of(decision).signer == deputy
    assert "Trình ký</button>" not in client.get(url).content.decode()
    document_signing = workflow.signing_prepare(signing_id=workflow.signing_of(decision).pk)
    client.force_login(deputy)
    page = client.get(url).content.decode()
    assert "Ký số từ xa (điện thoại)" in page and reverse("decision_return", args=[decision.pk]) in page
    council["chain"].register(deputy, "person:other")
    signed = signing_chain.person_sign(workflow.approval_file(document_signing),
                                       person_signer(council["chain"].pki, "person:other"), name="Lê Văn Phó",
                                       signature_png=None)
    workflow.person_upload(actor=deputy, document_signing=document_signing, uploaded=signed)
    client.force_login(council["clerk"])
    page = client.get(url).content.decode()
    assert reverse("signing_issue", args=[document_signing.pk]) in page
    assert client.get(reverse("signing_issue", args=[document_signing.pk])).status_code == 200
    client.post(reverse("signing_issue", args=[document_signing.pk]))
    decision.refresh_from_db()
    assert decision.number_symbol == "01/QĐ-UBND"


def test_the_signer_returns_the_decision_from_its_page_with_a_reason(client, council, decision):
    award_decision_submit(actor=council["drafter"], decision=decision)
    client.force_login(council["signer"])
    url = reverse("decision_return", args=[decision.pk])
    client.post(url, {"reason": ""})
    assert workflow.signing_of(decision) is not None
    response = client.post(url, {"reason": "Sửa trích yếu."}, follow=True)
    assert "Đã trả lại dự thảo quyết định cho người soạn." in response.content.decode()
    assert workflow.signing_of(decision) is None


def test_the_clerk_of_the_issuer_sees_its_decisions_and_a_clerk_elsewhere_does_not(council, decision):
    assert can(council["clerk"], "decision.view", decision) is True
    elsewhere = person_with_role(Role.CLERK, council["district_a"], full_name="Văn Thư Huyện")
    assert can(elsewhere, "decision.view", decision) is False


# The council's minutes ---------------------------------------------------------------------------------------------

def test_the_chair_signs_the_minutes_digitally_and_the_clerk_numbers_and_issues_them(council, minutes_confirmed):
    chain, chair, clerk = council["chain"], council["chair"], council["clerk"]
    assert not can(chair, "plan.sign", council["province"])
    meeting = minutes_sign(actor=chair, meeting=minutes_confirmed)
    document_signing = workflow.signing_of(meeting)
    assert (document_signing.signer, document_signing.doc_type, document_signing.issuer) == (
        chair, DocumentType.MINUTES, council["province"])
    assert (meeting.number, meeting.chair_signed_at) == (None, None)
    with pytest.raises(ValidationError) as again:
        minutes_sign(actor=chair, meeting=meeting)
    assert again.value.messages == ["Biên bản đã được trình ký số; hãy ký số trên tệp biên bản."]
    document_signing = chain.person_signs(meeting, CHAIR_CERTIFICATE)
    assert document_signing.stage == SigningStage.AWAITING_CLERK
    with pytest.raises(PermissionDenied):
        workflow.document_issue(actor=chair, document_signing=document_signing)
    issued = workflow.document_issue(actor=clerk, document_signing=document_signing)
    assert (issued.number_symbol, issued.chair_signed_at) == ("01/BB-UBND", document_signing.signed_at)
    entry = RegisterEntry.objects.get(doc_type=DocumentType.MINUTES)
    assert (entry.signer_name, entry.registered_by, entry.issued_on) == ("Trần Văn Chủ", clerk, meeting.held_on)
    assert Notification.objects.filter(recipient=council["secretary"], title="Biên bản số 01/BB-UBND đã ban hành"
                                       ).exists()
    assert_person_then_agency(issued_pdf(meeting))
    with pytest.raises(ValidationError):
        minutes_sign(actor=chair, meeting=issued)


def test_the_chairs_home_shows_the_minutes_waiting_for_their_signature_once(council, minutes_confirmed, client):
    chair = council["chair"]
    client.force_login(chair)
    assert "Văn bản chờ bạn ký số" not in client.get(reverse("home")).content.decode()
    minutes_sign(actor=chair, meeting=minutes_confirmed)
    assert client.get(reverse("home")).content.decode().count("Văn bản chờ bạn ký số") == 1
    # A chair who is also a signer of the unit sees the task once, on the signer's desk.
    RoleAssignment.objects.create(user=chair, unit=council["province"], role=Role.SIGNER)
    assert client.get(reverse("home")).content.decode().count("Văn bản chờ bạn ký số") == 1


def test_only_the_chair_signs_the_minutes(council, minutes_confirmed):
    chain = council["chain"]
    meeting = minutes_sign(actor=council["chair"], meeting=minutes_confirmed)
    document_signing = workflow.signing_prepare(signing_id=workflow.signing_of(meeting).pk)
    for other in (council["secretary"], council["signer"]):
        signed = signing_chain.person_sign(workflow.approval_file(document_signing),
                                           person_signer(chain.pki, "person:test"), name=other.get_full_name(),
                                           signature_png=None)
        with pytest.raises(PermissionDenied) as refused:
            workflow.person_upload(actor=other, document_signing=document_signing, uploaded=signed)
        assert str(refused.value) == "Văn bản này được trình cho Trần Văn Chủ ký; chỉ người đó ký được."
        with pytest.raises(PermissionDenied):
            workflow.remote_signing_start(actor=other, document_signing=document_signing, credential_id="cred-x")
    document_signing.refresh_from_db()
    assert document_signing.stage == SigningStage.AWAITING_PERSON


def test_the_clerk_cannot_issue_the_minutes_before_the_chair_signed(council, minutes_confirmed):
    meeting = minutes_sign(actor=council["chair"], meeting=minutes_confirmed)
    document_signing = workflow.signing_prepare(signing_id=workflow.signing_of(meeting).pk)
    with pytest.raises(ValidationError) as refused:
        workflow.document_issue(actor=council["clerk"], document_signing=document_signing)
    assert refused.value.messages == [NOT_SIGNED_YET]
    with pytest.raises(ValidationError) as around:
        minutes_issue(actor=council["clerk"], target=meeting)
    assert around.value.messages == ["Người chủ trì chưa ký số biên bản này."]
    assert not RegisterEntry.objects.filter(doc_type=DocumentType.MINUTES).exists()


def test_the_clerk_opens_the_minutes_once_the_secretary_confirmed_them(client, council):
    meeting, clerk = council["meeting"], council["clerk"]
    url = reverse("council_minutes", args=[meeting.pk])
    client.force_login(clerk)
    assert client.get(url).status_code == 403
    assert client.get(reverse("council_meeting", args=[meeting.pk])).status_code == 403
    minutes_prepare(actor=council["secretary"], meeting=meeting, place="Phòng họp số 1", chair=council["chair"],
                    secretary=council["secretary"])
    minutes_sign(actor=council["secretary"], meeting=meeting)
    assert client.get(url).status_code == 200
    # The votes member by member stay the council's.
    assert client.get(reverse("council_meeting", args=[meeting.pk])).status_code == 403
    client.force_login(council["chair"])
    assert "Trình ký số biên bản" in client.get(url).content.decode()
    client.post(reverse("council_minutes_sign", args=[meeting.pk]))
    page = client.get(url).content.decode()
    assert "Trình ký số biên bản</a>" not in page and "Ký số từ xa (điện thoại)" not in page  # still preparing
    workflow.signing_prepare(signing_id=workflow.signing_of(meeting).pk)
    assert "Ký số từ xa (điện thoại)" in client.get(url).content.decode()
