"""No person's private key is ever stored by the application: after people
sign by upload and remotely, every row of every model and every stored file
is searched for their keys, and a certificate upload carrying a key is refused."""

import base64
import time
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models

from campaigns.services import plans as plan_services
from emulation.documents import workflow
from emulation.documents.certificates import certificate_register
from emulation.documents.issue import official_document_of, official_document_prepare
from emulation.models import RemoteSigningState
from tests.builders import build_plan

PERSON_LABELS = ["person:test", "person:other"]


def _key_forms(pki, label: str) -> list[bytes]:
    """The ways a key could be written down: its PEM, its PKCS#8 DER and the
    DER's base64, and the RSA private exponent's bytes."""
    pem = pki.private_key_pem(label)
    key = serialization.load_pem_private_key(pem, password=None)
    der = key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption())
    exponent = key.private_numbers().d
    return [pem, der, base64.b64encode(der)[:64], exponent.to_bytes((exponent.bit_length() + 7) // 8, "big")]


def _stored_values():
    for model in apps.get_models():
        fields = [field for field in model._meta.concrete_fields
                  if isinstance(field, models.TextField | models.CharField | models.BinaryField | models.JSONField)]
        if not fields:
            continue
        for row in model.objects.values_list(*[field.attname for field in fields]):
            for value in row:
                if value is None:
                    continue
                raw = bytes(value) if isinstance(value, bytes | memoryview) else str(value).encode()
                yield model._meta.label, raw


def test_signing_by_upload_and_remotely_stores_no_private_key(tree, people, chain, remote_provider, settings):
    first = build_plan(tree, people)
    plan_services.plan_submit(actor=people["drafter"], plan=first)
    chain.person_signs(first, "person:test")
    chain.agency_key(first.issuer)
    workflow.document_issue(actor=chain.clerk(first.issuer), document_signing=workflow.signing_of(first))
    official_document_prepare(document_id=official_document_of(first).pk)

    second = build_plan(tree, people)
    plan_services.plan_submit(actor=people["drafter"], plan=second)
    document_signing = workflow.signing_prepare(signing_id=workflow.signing_of(second).pk)
    _server, credential_id = remote_provider(people["signer"], "person:test")
    remote = workflow.remote_signing_start(actor=people["signer"], document_signing=document_signing,
                                           credential_id=credential_id)
    deadline = time.monotonic() + 10
    while workflow.remote_signing_poll(remote_id=remote.pk).state == RemoteSigningState.PENDING:
        assert time.monotonic() < deadline
        time.sleep(0.1)

    forms = [form for label in PERSON_LABELS for form in _key_forms(chain.pki, label)]
    found = [(model, form[:20]) for model, value in _stored_values() for form in forms if form in value]
    assert found == []
    assert not [model for model, value in _stored_values() if b"PRIVATE KEY" in value]
    media = Path(settings.MEDIA_ROOT)
    files = [path for path in media.rglob("*") if path.is_file()]
    assert len(files) >= 5  # approval and signed files of both, the issued PDF
    assert [(path.name, form[:20]) for path in files for form in forms if form in path.read_bytes()] == []


@pytest.mark.parametrize("upload", ["pkcs12", "key_pem"])
def test_a_certificate_upload_with_a_key_is_refused(people, chain, upload):
    data = chain.pki.pkcs12("person:test", "mat-khau") if upload == "pkcs12" else (
        chain.pki.certificate_pem("person:test").encode() + chain.pki.private_key_pem("person:test"))
    with pytest.raises(ValidationError) as refused:
        certificate_register(actor=people["signer"], user=people["signer"], data=data)
    assert refused.value.messages == [
        "Tệp này chứa khóa bí mật. Chỉ tải lên chứng thư số (tệp .cer, .crt hoặc .pem, phần công khai); khóa bí mật "
        "của cá nhân không bao giờ được đưa lên hệ thống."]
    assert not people["signer"].certificates.exists()
