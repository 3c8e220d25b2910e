"""Issuing in two steps: the number and the register line in the issuing
transaction, the PDF from the worker after commit; a failed render is shown
on the document's page and tried again."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from campaigns.services import plans as services
from emulation.documents import chain as signing_chain
from emulation.documents import issue
from emulation.models import DocumentState, OfficialDocument
from emulation.tasks import official_document_prepare_task, official_documents_resume
from tests.builders import build_plan


@pytest.fixture
def issued(tree, people, django_capture_on_commit_callbacks):
    plan = build_plan(tree, people)
    services.plan_submit(actor=people["drafter"], plan=plan)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        plan = people["chain"].issue(plan)
    return {"plan": plan, "document": issue.official_document_of(plan), "callbacks": callbacks}


def test_issuing_writes_the_row_and_leaves_the_pdf_to_the_worker(issued, monkeypatch):
    document = issued["document"]
    assert (document.state, document.pdf.name, document.sha256, document.number_symbol) == (
        DocumentState.PENDING, "", "", "01/KH-UBND")
    enqueued = []
    monkeypatch.setattr(issue, "enqueue_safely", lambda task, *args: enqueued.append((task.name, args)))
    for callback in issued["callbacks"]:
        callback()
    assert ("emulation.tasks.official_document_prepare_task", (document.pk,)) in enqueued
    assert official_document_prepare_task(document.pk) == DocumentState.READY
    document.refresh_from_db()
    assert document.page_count >= 1 and len(document.sha256) == 64 and document.pdf.name.endswith(".pdf")
    stored = document.pdf.name
    assert official_document_prepare_task(document.pk) == DocumentState.READY  # idempotent: nothing is redone
    document.refresh_from_db()
    assert document.pdf.name == stored


def test_a_failed_render_is_shown_on_the_page_and_tried_again(client, issued, people, monkeypatch):
    document, plan = issued["document"], issued["plan"]

    def timestamp_server_down(pdf, signer, **options):
        raise TimeoutError("The timestamp server did not answer.")

    monkeypatch.setattr(signing_chain, "agency_sign", timestamp_server_down)
    with pytest.raises(TimeoutError):
        issue.official_document_prepare(document_id=document.pk)
    document.refresh_from_db()
    assert (document.state, document.render_error, document.render_attempts) == (
        DocumentState.FAILED, "Không tạo được tệp PDF (TimeoutError).", 1)

    client.force_login(people["officer_a"])
    page = client.get(reverse("plan_detail", args=[plan.pk])).content.decode()
    assert "Chưa tạo được tệp PDF đã ban hành." in page and "Không tạo được tệp PDF (TimeoutError)." in page
    assert "Thử lại ngay" not in page  # only the issuer's signers ask again
    assert client.post(reverse("official_document_retry", args=[document.pk])).status_code == 403

    client.force_login(people["signer"])
    assert "Thử lại ngay" in client.get(reverse("plan_detail", args=[plan.pk])).content.decode()
    monkeypatch.undo()
    response = client.post(reverse("official_document_retry", args=[document.pk]), HTTP_HX_REQUEST="true")
    assert "Đang chuẩn bị tệp PDF đã ban hành" in response.content.decode()
    document.refresh_from_db()
    assert (document.state, document.render_attempts) == (DocumentState.PENDING, 0)
    issue.official_document_prepare(document_id=document.pk)
    fragment = client.get(reverse("official_document_status", args=[document.pk])).content.decode()
    assert reverse("official_document_pdf", args=[document.pk]) in fragment and "hx-get" not in fragment


def test_the_sweep_asks_again_for_documents_still_waiting(issued, monkeypatch):
    document = issued["document"]
    asked = []
    monkeypatch.setattr(official_document_prepare_task, "delay", lambda document_id: asked.append(document_id))
    assert official_documents_resume() == 0  # just issued: the worker has it
    OfficialDocument.objects.filter(pk=document.pk).update(created_at=timezone.now() - datetime.timedelta(minutes=6))
    assert (official_documents_resume(), asked) == (1, [document.pk])
    OfficialDocument.objects.filter(pk=document.pk).update(render_attempts=issue.RESUME_GIVE_UP_AFTER)
    assert official_documents_resume() == 0  # given up: only "Thử lại ngay" asks again


def test_the_verification_page_knows_no_document_before_its_pdf_exists(client, issued):
    code = issued["document"].verification_code
    assert client.get(reverse("document_verify", args=[code])).status_code == 404
