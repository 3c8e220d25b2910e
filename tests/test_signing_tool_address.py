"""The addresses given to a signing tool that cannot carry the signer's
session (the VGCA Sign Service with a USB token): it fetches the prepared
file and posts the signed one without logging in; the same checks as the
signer's own upload apply, and the addresses expire and are spent once a
signed file is accepted."""

import io
import json

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader, PdfWriter

from campaigns.services import plans as plan_services
from demo.chain import person_signer
from emulation.documents import chain as signing_chain
from emulation.documents import workflow
from emulation.models import AuditEntry, SigningStage
from tests.builders import build_plan

SPENT = ("Địa chỉ ký số này đã được dùng, hoặc văn bản không còn chờ chữ ký này. Hãy mở lại văn bản để xem tình "
         "trạng.")
ACCEPTED = "Đã nhận tệp đã ký số. Văn bản chuyển sang văn thư để vào số và ban hành."


@pytest.fixture
def prepared(tree, people, chain):
    plan = build_plan(tree, people)
    plan_services.plan_submit(actor=people["drafter"], plan=plan)
    document_signing = workflow.signing_prepare(signing_id=workflow.signing_of(plan).pk)
    chain.register(people["signer"])
    return document_signing


@pytest.fixture
def tool():
    """The tool: a client with no session and CSRF checks on, as a separate program posting would be."""
    return Client(enforce_csrf_checks=True)


def signed_by_tool(chain, document_signing, label: str = "person:test") -> bytes:
    return signing_chain.person_sign(workflow.approval_file(document_signing), person_signer(chain.pki, label),
                                     name=document_signing.signer.get_full_name(), signature_png=None)


def addresses(document_signing) -> tuple[str, str]:
    token = workflow.tool_address_token(document_signing)
    return reverse("signing_tool_file", args=[token]), reverse("signing_tool_upload", args=[token])


def answer(response) -> tuple[int, dict]:
    return response.status_code, json.loads(response.content)


def pdf_upload(data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile("da-ky.pdf", data, "application/pdf")


def test_the_signer_sees_the_tool_addresses_and_nobody_else_does(prepared, people, client):
    client.force_login(people["signer"])
    # The address carries the second it was made in; both are made in the same (stopped) second.
    with time_machine.travel(timezone.now(), tick=False):
        page = client.get(reverse("plan_detail", args=[prepared.object_id])).content.decode()
        upload_address = addresses(prepared)[1]
    assert "Ký bằng thiết bị ký số (token) qua VGCA Sign Service hoặc công cụ khác" in page
    assert "Địa chỉ dùng được trong 15 phút" in page
    assert f"http://testserver{upload_address}" in page
    client.force_login(people["drafter"])
    page = client.get(reverse("plan_detail", args=[prepared.object_id])).content.decode()
    assert "/ky-bang-cong-cu/" not in page


def test_the_tool_fetches_the_file_and_posts_it_signed_without_a_session(prepared, people, chain, tool):
    file_address, upload_address = addresses(prepared)
    fetched = tool.get(file_address)
    assert (fetched.status_code, fetched["Content-Type"]) == (200, "application/pdf")
    assert b"".join(fetched.streaming_content) == workflow.approval_file(prepared)
    signed = signed_by_tool(chain, prepared)
    assert answer(tool.post(upload_address, {"file": pdf_upload(signed)})) == (200, {"ok": True, "message": ACCEPTED})
    prepared.refresh_from_db()
    assert (prepared.stage, prepared.signed_by_method) == (SigningStage.AWAITING_CLERK, "upload")
    assert AuditEntry.objects.get(action="signing.person_signed").actor == people["signer"]
    # Spent: neither address serves again.
    assert answer(tool.get(file_address)) == (410, {"ok": False, "message": SPENT})
    assert answer(tool.post(upload_address, {"file": pdf_upload(signed)})) == (410, {"ok": False, "message": SPENT})


def test_an_altered_file_from_the_tool_is_refused_with_the_check_and_changes_nothing(prepared, chain, tool):
    signed = signed_by_tool(chain, prepared)
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(signed)))
    writer.add_blank_page()
    altered = io.BytesIO()
    writer.write(altered)
    status, body = answer(tool.post(addresses(prepared)[1], {"file": pdf_upload(altered.getvalue())}))
    assert (status, body["ok"]) == (400, False)
    assert body["message"] == ("Tệp tải lên không phải tệp đã tải xuống để ký: phần trước chữ ký mới khác với tệp hệ "
                               "thống đã giao. Hãy tải lại tệp để ký và ký trên tệp đó.")
    prepared.refresh_from_db()
    assert prepared.stage == SigningStage.AWAITING_PERSON
    assert AuditEntry.objects.filter(action="signing.upload_refused").count() == 1
    # The address still serves: the signer may try again with the right file.
    assert answer(tool.post(addresses(prepared)[1], {"file": pdf_upload(signed)}))[0] == 200


def test_a_signature_by_someone_else_is_refused(prepared, chain, tool):
    status, body = answer(tool.post(addresses(prepared)[1],
                                    {"file": pdf_upload(signed_by_tool(chain, prepared, "person:other"))}))
    assert (status, body["ok"]) == (400, False)
    assert body["message"].startswith("Chứng thư số «Trần Thị Khác (DEMO)» (dấu vân tay SHA-256 ")
    assert "chưa được đăng ký cho Hồ Văn Mừng." in body["message"]
    prepared.refresh_from_db()
    assert prepared.stage == SigningStage.AWAITING_PERSON


def test_forged_expired_and_returned_addresses_are_refused(prepared, people, tool, settings):
    file_address, upload_address = addresses(prepared)
    forged = reverse("signing_tool_upload", args=[workflow.tool_address_token(prepared)[:-2] + "xx"])
    assert answer(tool.post(forged, {})) == (403, {"ok": False, "message": "Địa chỉ ký số không hợp lệ."})
    settings.SIGNING_TOOL_ADDRESS_SECONDS = -1
    assert answer(tool.get(file_address)) == (
        410, {"ok": False, "message": "Địa chỉ ký số đã hết hạn. Hãy mở lại văn bản để lấy địa chỉ mới."})
    settings.SIGNING_TOOL_ADDRESS_SECONDS = 900
    assert answer(tool.post(upload_address, {})) == (400, {"ok": False,
                                                           "message": "Không có tệp PDF đã ký số trong yêu cầu."})
    assert answer(tool.post(upload_address, {"file": SimpleUploadedFile("x.pdf", b"not a pdf")})) == (
        400, {"ok": False, "message": "Tệp tải lên không phải là tệp PDF."})
    plan_services.plan_return(actor=people["signer"], plan=prepared.target, reason="Sửa chỉ tiêu.")
    assert answer(tool.get(file_address)) == (410, {"ok": False, "message": SPENT})
    assert tool.get(file_address.replace("/tep/", "/tai-len/")).status_code == 405
