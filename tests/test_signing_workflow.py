"""The chain as the app runs it, on a plan: submitted to a signer, signed by
that person (uploaded, or remotely through the loopback provider), numbered
and sealed by the clerk; and every refusal on the way leaves it where it was."""

import threading
import time

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.urls import reverse

from campaigns.models import PlanState
from campaigns.services import plans as plan_services
from demo.chain import person_signer
from emulation.documents import chain as signing_chain
from emulation.documents import workflow
from emulation.documents.issue import official_document_of, official_document_prepare
from emulation.documents.trust import trust_roots
from emulation.models import (
    AuditEntry,
    DocumentSigning,
    RegisterEntry,
    RemoteSigning,
    RemoteSigningState,
    Role,
    SigningStage,
)
from tests.builders import build_plan
from tests.factories import person_with_role

NOT_SIGNED_YET = ("Người ký chưa ký số văn bản này; văn thư chỉ đóng dấu số và ban hành sau khi có chữ ký hợp lệ "
                  "của người ký.")


@pytest.fixture
def submitted(tree, people):
    plan = build_plan(tree, people)
    plan_services.plan_submit(actor=people["drafter"], plan=plan)
    return plan


@pytest.fixture
def prepared(submitted):
    document_signing = workflow.signing_of(submitted)
    return workflow.signing_prepare(signing_id=document_signing.pk)


def _wait_for(remote_id: int, *, seconds: float = 10.0) -> RemoteSigning:
    deadline = time.monotonic() + seconds
    while True:
        remote = workflow.remote_signing_poll(remote_id=remote_id)
        if remote.state != RemoteSigningState.PENDING or time.monotonic() > deadline:
            return remote
        time.sleep(0.1)


def test_submit_goes_to_the_unit_signer_and_prepares_the_file_for_them(submitted, people):
    document_signing = workflow.signing_of(submitted)
    assert (document_signing.signer, document_signing.stage) == (people["signer"], SigningStage.PREPARING)
    submitted.refresh_from_db()
    assert (submitted.signer, submitted.signer_name) == (people["signer"], "Hồ Văn Mừng")
    prepared = workflow.signing_prepare(signing_id=document_signing.pk)
    assert prepared.stage == SigningStage.AWAITING_PERSON
    pdf = workflow.approval_file(prepared)
    assert [signature.field_name for signature in signing_chain.embedded_signatures(pdf)] == []
    # Idempotent: a second run leaves the file as it was.
    assert workflow.signing_prepare(signing_id=document_signing.pk).approval_sha256 == prepared.approval_sha256


def test_submit_refuses_a_signer_who_does_not_sign_for_the_unit(tree, people):
    plan = build_plan(tree, people)
    with pytest.raises(ValidationError) as refused:
        plan_services.plan_submit(actor=people["drafter"], plan=plan, signer=people["officer_a"])
    assert refused.value.message_dict == {
        "signer": ["Lê Văn Tâm không phải người ký của Ủy ban nhân dân tỉnh An Giang."]}
    assert not DocumentSigning.objects.exists()


def test_the_clerk_cannot_issue_before_the_person_signed(prepared, chain):
    clerk = chain.clerk(prepared.issuer)
    with pytest.raises(ValidationError) as refused:
        workflow.document_issue(actor=clerk, document_signing=prepared)
    assert refused.value.messages == [NOT_SIGNED_YET]
    assert not RegisterEntry.objects.exists()


def test_only_the_clerk_issues_and_only_the_assigned_signer_uploads(prepared, people, chain):
    with pytest.raises(PermissionDenied):
        workflow.document_issue(actor=people["signer"], document_signing=prepared)
    other_signer = person_with_role(Role.SIGNER, prepared.issuer, full_name="Lê Văn Phó")
    signed = signing_chain.person_sign(workflow.approval_file(prepared), person_signer(chain.pki, "person:other"),
                                       name="Lê Văn Phó", signature_png=None)
    with pytest.raises(PermissionDenied) as refused:
        workflow.person_upload(actor=other_signer, document_signing=prepared, uploaded=signed)
    assert str(refused.value) == "Văn bản này được trình cho Hồ Văn Mừng ký; chỉ người đó ký được."


def test_an_upload_signed_with_a_certificate_not_registered_to_the_signer_is_refused_and_recorded(
        prepared, people, chain):
    chain.register(people["signer"], "person:test")
    signed = signing_chain.person_sign(workflow.approval_file(prepared), person_signer(chain.pki, "person:other"),
                                       name="Hồ Văn Mừng", signature_png=None)
    with pytest.raises(ValidationError) as refused:
        workflow.person_upload(actor=people["signer"], document_signing=prepared, uploaded=signed)
    assert "Hồ Văn Mừng" in refused.value.messages[0]
    assert refused.value.error_list[0].code == "unregistered"
    prepared.refresh_from_db()
    assert prepared.stage == SigningStage.AWAITING_PERSON
    entry = AuditEntry.objects.get(action="signing.upload_refused")
    assert entry.changes == {"kiểm tra": "unregistered"}


def test_the_whole_chain_gives_one_file_with_the_person_then_the_agency_signature(submitted, chain, people):
    chain.person_signs(submitted)
    document_signing = workflow.signing_of(submitted)
    assert document_signing.stage == SigningStage.AWAITING_CLERK
    person_entry = AuditEntry.objects.get(action="signing.person_signed")
    certificate = chain.pki.certificate("person:test")
    assert person_entry.changes["số hiệu chứng thư"] == format(certificate.serial_number, "x")
    assert person_entry.changes["tổ chức cấp"] == certificate.issuer.human_friendly
    chain.agency_key(submitted.issuer)
    plan = workflow.document_issue(actor=chain.clerk(submitted.issuer), document_signing=document_signing)
    assert plan.state == PlanState.ISSUED
    document = official_document_prepare(document_id=official_document_of(plan).pk)
    assert document.verification_code == document_signing.verification_code
    with document.pdf.open("rb") as handle:
        pdf = handle.read()
    assert pdf.startswith(workflow.signed_file(document_signing))
    reports = signing_chain.signatures_report(pdf, trust_roots())
    assert [report.field_name for report in reports] == [signing_chain.FIELD_PERSON, signing_chain.FIELD_AGENCY]
    assert [(report.intact, report.trusted) for report in reports] == [(True, True), (True, True)]
    # After the person: the clerk's number, date and signature; after the agency: validation information only.
    assert [report.changes_after for report in reports] == ["allowed", "allowed"]
    assert reports[0].changed_fields >= {signing_chain.FIELD_NUMBER, signing_chain.FIELD_DATE}
    assert reports[1].changed_fields == frozenset()
    assert b"/DSS" in pdf


def test_the_second_clerk_finds_the_document_already_issued(submitted, chain):
    chain.person_signs(submitted)
    chain.agency_key(submitted.issuer)
    document_signing = workflow.signing_of(submitted)
    first = chain.clerk(submitted.issuer)
    second = person_with_role(Role.CLERK, submitted.issuer, full_name="Văn Thư Hai")
    workflow.document_issue(actor=first, document_signing=document_signing)
    with pytest.raises(ValidationError) as refused:
        workflow.document_issue(actor=second, document_signing=DocumentSigning.objects.get(pk=document_signing.pk))
    assert refused.value.messages == ["Văn bản đã được vào số và ban hành."]
    assert RegisterEntry.objects.count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif("sqlite" in __import__("django.conf").conf.settings.DATABASES["default"]["ENGINE"],
                    reason="row locks need PostgreSQL; CI runs this on PostgreSQL")
def test_two_clerks_issuing_at_the_same_moment_give_one_number(tree, people, chain):
    plan = build_plan(tree, people)
    plan_services.plan_submit(actor=people["drafter"], plan=plan)
    chain.person_signs(plan)
    chain.agency_key(plan.issuer)
    clerks = [chain.clerk(plan.issuer), person_with_role(Role.CLERK, plan.issuer, full_name="Văn Thư Hai")]
    document_signing = workflow.signing_of(plan)
    outcomes, start = [], threading.Barrier(2)

    def issue(clerk):
        start.wait()
        try:
            workflow.document_issue(actor=clerk, document_signing=DocumentSigning.objects.get(pk=document_signing.pk))
            outcomes.append("issued")
        except ValidationError as error:
            outcomes.append(error.messages[0])
        finally:
            connection.close()

    threads = [threading.Thread(target=issue, args=(clerk,)) for clerk in clerks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["Văn bản đã được vào số và ban hành.", "issued"]
    assert RegisterEntry.objects.count() == 1


def test_remote_signing_approved_on_the_phone_hands_the_document_to_the_clerk(prepared, people, chain,
                                                                              remote_provider):
    chain.register(people["signer"])
    _server, credential_id = remote_provider(people["signer"])
    remote = workflow.remote_signing_start(actor=people["signer"], document_signing=prepared,
                                           credential_id=credential_id)
    assert remote.state == RemoteSigningState.PENDING
    assert _wait_for(remote.pk).state == RemoteSigningState.SIGNED
    prepared.refresh_from_db()
    assert (prepared.stage, prepared.signed_by_method) == (SigningStage.AWAITING_CLERK, "remote")
    reports = signing_chain.signatures_report(workflow.signed_file(prepared), trust_roots())
    assert [(report.field_name, report.intact, report.trusted) for report in reports] == [
        (signing_chain.FIELD_PERSON, True, True)]


@pytest.mark.parametrize(("behaviour", "state", "message"), [
    ({"mode": "refuse"}, RemoteSigningState.REFUSED, "Người ký đã từ chối yêu cầu trên điện thoại."),
    ({"mode": "expire", "expires_in": 0.3}, RemoteSigningState.EXPIRED,
     "Hết thời gian chờ xác nhận trên điện thoại. Hãy gửi lại yêu cầu ký."),
])
def test_a_refused_or_expired_remote_request_leaves_the_document_waiting(prepared, people, chain, remote_provider,
                                                                         behaviour, state, message):
    chain.register(people["signer"])
    _server, credential_id = remote_provider(people["signer"], **behaviour)
    remote = workflow.remote_signing_start(actor=people["signer"], document_signing=prepared,
                                           credential_id=credential_id)
    settled = _wait_for(remote.pk)
    assert (settled.state, settled.error) == (state, message)
    prepared.refresh_from_db()
    assert prepared.stage == SigningStage.AWAITING_PERSON
    # And the signer may try again.
    assert workflow.remote_signing_start(actor=people["signer"], document_signing=prepared,
                                         credential_id=credential_id).state == RemoteSigningState.PENDING


@pytest.mark.parametrize("garbage", ["not-json", "bad-base64"])
def test_a_provider_answering_garbage_fails_the_request_with_a_message(prepared, people, chain, remote_provider,
                                                                       garbage):
    chain.register(people["signer"])
    _server, credential_id = remote_provider(people["signer"], mode="garbage", garbage=garbage)
    remote = workflow.remote_signing_start(actor=people["signer"], document_signing=prepared,
                                           credential_id=credential_id)
    settled = _wait_for(remote.pk)
    assert (settled.state, settled.error) == (RemoteSigningState.FAILED, (
        "Nhà cung cấp ký số từ xa trả lời không hợp lệ. Vui lòng thử lại; nếu vẫn lỗi, báo cho quản trị hệ thống."))
    prepared.refresh_from_db()
    assert prepared.stage == SigningStage.AWAITING_PERSON


def test_an_unreachable_provider_is_said_and_nothing_is_sent(prepared, people, chain, settings):
    chain.register(people["signer"])
    settings.REMOTE_SIGNING = {"ADAPTER": "csc", "URL": "http://127.0.0.1:9", "CLIENT_ID": "a", "CLIENT_SECRET": "b",
                               "TIMEOUT": 1}
    with pytest.raises(ValidationError) as refused:
        workflow.remote_signing_start(actor=people["signer"], document_signing=prepared, credential_id="cred-x")
    assert refused.value.messages[0].startswith("Không kết nối được với nhà cung cấp ký số từ xa.")
    assert not RemoteSigning.objects.exists()


def test_a_remote_credential_not_registered_to_the_signer_is_refused(prepared, people, chain, remote_provider):
    _server, credential_id = remote_provider(people["signer"], label="person:other")
    chain.register(people["signer"], "person:test")
    with pytest.raises(ValidationError) as refused:
        workflow.remote_signing_start(actor=people["signer"], document_signing=prepared, credential_id=credential_id)
    assert "chưa được đăng ký cho Hồ Văn Mừng" in refused.value.messages[0]


def test_a_poll_retried_after_a_crash_mid_signing_signs_once(prepared, people, chain, remote_provider, monkeypatch):
    chain.register(people["signer"])
    _server, credential_id = remote_provider(people["signer"], approve_after=0)
    remote = workflow.remote_signing_start(actor=people["signer"], document_signing=prepared,
                                           credential_id=credential_id)
    time.sleep(0.1)
    store = workflow._person_signature_store

    def crash(**kwargs):
        raise OSError("worker lost")

    monkeypatch.setattr(workflow, "_person_signature_store", crash)
    with pytest.raises(OSError):
        workflow.remote_signing_poll(remote_id=remote.pk)
    assert RemoteSigning.objects.get(pk=remote.pk).state == RemoteSigningState.PENDING
    monkeypatch.setattr(workflow, "_person_signature_store", store)
    assert workflow.remote_signing_poll(remote_id=remote.pk).state == RemoteSigningState.SIGNED
    assert workflow.remote_signing_poll(remote_id=remote.pk).state == RemoteSigningState.SIGNED
    prepared.refresh_from_db()
    assert len(signing_chain.embedded_signatures(workflow.signed_file(prepared))) == 1
    assert AuditEntry.objects.filter(action="signing.person_signed").count() == 1


def test_returning_the_draft_ends_its_signing_and_a_new_submission_starts_another(prepared, people):
    plan = prepared.target
    plan_services.plan_return(actor=people["signer"], plan=plan, reason="Sửa chỉ tiêu.")
    prepared.refresh_from_db()
    assert prepared.stage == SigningStage.WITHDRAWN
    plan_services.plan_submit(actor=people["drafter"], plan=plan)
    assert workflow.signing_of(plan).pk != prepared.pk


def test_the_queues_show_the_signer_and_the_clerk_what_waits_for_them(prepared, people, chain, client,
                                                                      django_assert_max_num_queries):
    client.force_login(people["signer"])
    home = client.get(reverse("home")).content.decode()
    assert "Văn bản chờ bạn ký số" in home
    with django_assert_max_num_queries(12):
        page = client.get(reverse("signing_queue"), {"tab": "cho-ky", "q": "phong trao"}).content.decode()
    assert "Phát động phong trào thi đua năm 2026" in page
    assert "Không có văn bản nào khớp" in client.get(reverse("signing_queue"), {"q": "khong co"}).content.decode()
    clerk = chain.clerk(prepared.issuer)
    chain.person_signs(prepared.target)
    client.force_login(clerk)
    assert "Văn bản đã ký, chờ vào số và ban hành" in client.get(reverse("home")).content.decode()
    queue = client.get(reverse("signing_queue"), {"tab": "cho-vao-so"}).content.decode()
    assert reverse("plan_detail", args=[prepared.object_id]) in queue
    # The drafter sees neither queue's rows.
    client.force_login(people["drafter"])
    assert "Phát động phong trào" not in client.get(reverse("signing_queue"), {"tab": "cho-vao-so"}).content.decode()


def test_the_queue_costs_the_same_queries_for_one_or_many_documents(tree, people, chain, client,
                                                                    django_assert_num_queries):
    for _ in range(3):
        plan = build_plan(tree, people)
        plan_services.plan_submit(actor=people["drafter"], plan=plan)
        workflow.signing_prepare(signing_id=workflow.signing_of(plan).pk)
    client.force_login(people["signer"])
    client.get(reverse("signing_queue"))
    with django_assert_num_queries(7):
        client.get(reverse("signing_queue"))
    plan = build_plan(tree, people)
    plan_services.plan_submit(actor=people["drafter"], plan=plan)
    workflow.signing_prepare(signing_id=workflow.signing_of(plan).pk)
    with django_assert_num_queries(7):
        client.get(reverse("signing_queue"))
