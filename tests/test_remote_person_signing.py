"""The person's signature made remotely (emulation/documents/remote.py): the
file prepared, the hash approved at the stand-in provider over real HTTP on
loopback, the signature finished with a timestamp and the DSS from the served
DEMO PKI, then the clerk's revision on top; and the refusals, for a signature
value that is garbage or from another key and for stored state that changed."""

import asyncio
import base64
import hashlib
import io
import json
import time

import pytest
from asn1crypto import pem
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import signers
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.dss import DocumentSecurityStore
from pyhanko_certvalidator import ValidationContext

from demo.remote_signing import Credential, RemoteSigningServer
from demo.signing import make_png
from emulation.documents import chain
from emulation.documents.providers.csc import CSCProvider
from emulation.documents.remote import (
    RemoteCertificateInvalid,
    RemotePreparation,
    RemotePreparationInvalid,
    RemoteSignatureInvalid,
    preparation_from_json,
    preparation_to_json,
    remote_finish,
    remote_prepare,
)
from emulation.documents.render import render_pdf

pytest_plugins = ["tests.pki_fixtures"]

CLIENT_ID = "thidua-test"
CLIENT_SECRET = "bi-mat-cua-ung-dung-0123456789"
CREDENTIAL = "thu-chinh"
PERSON = "person:test"
NAME = "Nguyễn Văn Thử"

HTML = """<html lang="vi"><body><table style="width: 100%"><tr>
<td style="width: 40%"><div>ỦY BAN NHÂN DÂN</div><div id="ky-so-so" style="height: 18pt"></div></td>
<td><div>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</div><div id="ky-so-ngay" style="height: 18pt"></div></td></tr></table>
<p>Nội dung.</p><div style="margin-left: 50%; text-align: center"><div>CHỦ TỊCH</div>
<div id="ky-so-chu-ky"
 style="height: 32mm; width: 60mm; margin: 0 auto"></div><div>Nguyễn Văn Thử</div></div></body></html>"""

BAD_SIGNATURE = ("Chữ ký do nhà cung cấp ký số từ xa trả về không khớp với chứng thư số của người ký, nên tài liệu "
                 "chưa được ký. Vui lòng gửi lại yêu cầu ký; nếu vẫn lỗi, báo cho quản trị hệ thống.")
BAD_PREPARATION = ("Dữ liệu chuẩn bị ký của tài liệu đã bị thay đổi hoặc hư hỏng, nên tài liệu chưa được ký. "
                   "Vui lòng gửi lại yêu cầu ký; nếu vẫn lỗi, báo cho quản trị hệ thống.")
BAD_CERTIFICATE = ("Chứng thư số của người ký không hợp lệ (đã bị thu hồi, đã hết hạn hoặc không do tổ chức được "
                   "tin cậy cấp), nên tài liệu không được ký. Vui lòng chọn chứng thư số khác hoặc liên hệ nhà cung "
                   "cấp ký số.")


def _pem(certificate) -> str:
    return pem.armor("CERTIFICATE", certificate.dump()).decode()


def _der_chain(pki, label: str) -> list[bytes]:
    return [pki.certificate(label).dump(), *(certificate.dump() for certificate in pki.chain(label))]


@pytest.fixture(scope="module")
def provider(served_pki):
    """The stand-in provider holding person:test's DEMO key, and a client for it."""
    pki = served_pki.pki
    credential = Credential(CREDENTIAL, "nguyen-van-thu", pki.private_key_pem(PERSON),
                            [pki.certificate_pem(PERSON), *(_pem(c) for c in pki.chain(PERSON))], NAME)
    server = RemoteSigningServer([credential], client_id=CLIENT_ID, client_secret=CLIENT_SECRET, approve_after=0.2)
    base_url, stop = server.serve()
    yield CSCProvider(base_url, CLIENT_ID, CLIENT_SECRET, timeout=5)
    stop()


@pytest.fixture(scope="module")
def approval():
    pdf, anchors = render_pdf(HTML, with_anchors=True)
    return chain.approval_prepare(pdf, chain.FieldPlaces.from_anchors(anchors), number_blank="Số:       /KH-UBND",
                                  date_blank="An Giang, ngày      tháng      năm 20   ")


def _local_signature(pki, label: str, data: bytes) -> bytes:
    """What the provider would answer, made here with ``label``'s key."""
    key = serialization.load_pem_private_key(pki.private_key_pem(label), password=None)
    return key.sign(data, PKCS1v15(), hashes.SHA256())


def _approved_signature(provider, hash_to_sign: bytes) -> bytes:
    pending = provider.sign_hash(CREDENTIAL, hash_to_sign, description="Kế hoạch số 15/KH-UBND")
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        status = provider.status(pending.transaction_id)
        if status.finished:
            assert status.state == "approved"
            return status.signature
        time.sleep(0.05)
    raise AssertionError("the stand-in provider did not approve within 10 s")


def _prepare(pki, approval, label: str = PERSON) -> RemotePreparation:
    return remote_prepare(approval, certificates=_der_chain(pki, label), name=NAME, signature_png=make_png(),
                          reason="Ký duyệt", location="An Giang")


def _context(pki) -> ValidationContext:
    return ValidationContext(trust_roots=[pki.root], allow_fetching=True)


def test_remote_signature_is_pades_b_lt_and_the_clerk_can_sign_after(pki_trust, provider, approval):
    info = provider.credential_info(CREDENTIAL)
    preparation = remote_prepare(approval, certificates=info.certificates, name=NAME, signature_png=make_png(),
                                 reason="Ký duyệt", location="An Giang")
    assert preparation.prepared_pdf.startswith(approval)
    assert preparation.certificates == tuple(_der_chain(pki_trust, PERSON))
    assert preparation.hash_to_sign == hashlib.sha256(preparation.signed_attributes).digest()
    start, end = preparation.reserved_region_start, preparation.reserved_region_end
    assert preparation.document_digest == hashlib.sha256(
        preparation.prepared_pdf[:start] + preparation.prepared_pdf[end:]).digest()
    # Room for the RSA-2048 CMS with its chain and a timestamp token, with pyHanko's 50 % margin.
    assert end - start > 2 * 6000

    signature_value = _approved_signature(provider, preparation.hash_to_sign)
    assert len(signature_value) == 256
    signed = remote_finish(preparation, signature_value, validation_context=_context(pki_trust))

    assert signed.startswith(preparation.prepared_pdf[:start])
    (person,) = chain.signatures_report(signed, [pki_trust.root])
    assert person.error == ""
    assert (person.field_name, person.intact, person.trusted, person.timestamped, person.revocation,
            person.expired) == (chain.FIELD_PERSON, True, True, True, "good", False)
    assert "Nguyễn Văn Thử (DEMO)" in person.signer
    # The DSS is a revision of its own after the signature: pyHanko's coverage is then "the whole
    # signed revision", never "the whole file", and the revision counts as an allowed change. pyHanko
    # lists the open text fields among the changed ones although the DSS revision leaves them alone
    # (chain.person_sign with a validation context gives the same).
    assert (person.covers_whole_file, person.changes_after, person.changed_fields) == (
        False, "allowed", {chain.FIELD_NUMBER, chain.FIELD_DATE})
    assert person.valid

    reader = PdfFileReader(io.BytesIO(signed))
    assert sorted(reader.root["/DSS"].keys()) == ["/CRLs", "/Certs", "/OCSPs", "/VRI"]
    # B-LT: valid offline, requiring revocation data for every certificate, from the DSS alone.
    offline = DocumentSecurityStore.read_dss(reader).as_validation_context(
        {"trust_roots": [pki_trust.root], "allow_fetching": False, "revocation_mode": "require"})
    status = validate_pdf_signature(reader.embedded_signatures[0], offline)
    assert (status.bottom_line, status.timestamp_validity.trusted) == (True, True)

    agency_signer = signers.SimpleSigner.load_pkcs12_data(pki_trust.pkcs12("agency:test", "x"), other_certs=[],
                                                          passphrase=b"x")
    final = chain.agency_sign(signed, agency_signer, number_text="Số: 15/KH-UBND",
                              date_text="An Giang, ngày 02 tháng 12 năm 2026", name="UBND Thử nghiệm",
                              seal_png=make_png(200, 200, color=(200, 0, 0, 255)), reason="Ban hành 15/KH-UBND",
                              location="An Giang")
    person, agency = chain.signatures_report(final, [pki_trust.root])
    assert (person.error, agency.error) == ("", "")
    assert (person.intact, person.trusted, person.revocation, person.changes_after, person.valid) == (
        True, True, "good", "allowed", True)
    assert person.changed_fields == {chain.FIELD_NUMBER, chain.FIELD_DATE, chain.FIELD_AGENCY}
    assert (agency.field_name, agency.intact, agency.trusted, agency.timestamped, agency.covers_whole_file,
            agency.changes_after) == (chain.FIELD_AGENCY, True, True, True, True, "none")


def test_without_validation_context_the_signature_covers_the_whole_file(pki_trust, approval):
    preparation = _prepare(pki_trust, approval)
    signed = remote_finish(preparation, _local_signature(pki_trust, PERSON, preparation.signed_attributes))

    (person,) = chain.signatures_report(signed, [pki_trust.root])
    assert (person.intact, person.trusted, person.timestamped, person.revocation, person.covers_whole_file,
            person.changes_after) == (True, True, True, "good", True, "none")
    assert "/DSS" not in PdfFileReader(io.BytesIO(signed)).root


def test_json_round_trip_finishes_to_the_same_file(pki_trust, approval, settings):
    preparation = _prepare(pki_trust, approval)
    stored = json.loads(json.dumps(preparation_to_json(preparation)))
    assert stored["version"] == 1
    assert base64.b64decode(stored["hash_to_sign"]) == preparation.hash_to_sign
    restored = preparation_from_json(stored)
    assert restored == preparation

    signature_value = _local_signature(pki_trust, PERSON, preparation.signed_attributes)
    # Without a timestamp the CMS is deterministic, so both files must be identical byte for byte.
    settings.SIGNING_TIMESTAMP_URL = ""
    signed = remote_finish(preparation, signature_value)
    assert remote_finish(restored, signature_value) == signed

    async def inside_an_event_loop():  # as under Playwright's sync API: pyHanko then runs in a thread
        return remote_finish(restored, signature_value)

    assert asyncio.run(inside_an_event_loop()) == signed
    (person,) = chain.signatures_report(signed, [pki_trust.root])
    assert (person.intact, person.trusted, person.timestamped, person.covers_whole_file) == (True, True, False, True)


def test_garbage_signature_value_is_refused(pki_trust, approval):
    preparation = _prepare(pki_trust, approval)
    for garbage in (bytes(256), b"\x01" * 256, b"not a signature", hashlib.sha256(b"x").digest()):
        with pytest.raises(RemoteSignatureInvalid) as refusal:
            remote_finish(preparation, garbage)
        assert type(refusal.value) is RemoteSignatureInvalid
        assert refusal.value.message == BAD_SIGNATURE
        assert str(refusal.value) == BAD_SIGNATURE
    with pytest.raises(RemoteSignatureInvalid, match="^Chữ ký do nhà cung cấp"):
        remote_finish(preparation, None)


def test_signature_value_from_another_key_is_refused(pki_trust, approval):
    preparation = _prepare(pki_trust, approval)
    other = _local_signature(pki_trust, "person:other", preparation.signed_attributes)
    with pytest.raises(RemoteSignatureInvalid) as refusal:
        remote_finish(preparation, other)
    assert type(refusal.value) is RemoteSignatureInvalid
    assert refusal.value.detail == ("a 256-byte signature value does not verify against the leaf certificate's "
                                    "2048-bit RSA key over the signed attributes")
    # The right key over the document digest instead of the signed attributes is no better.
    wrong_data = _local_signature(pki_trust, PERSON, preparation.document_digest)
    with pytest.raises(RemoteSignatureInvalid):
        remote_finish(preparation, wrong_data)


def _tampered(stored: dict, field: str, change) -> dict:
    value = bytearray(base64.b64decode(stored[field]))
    change(value)
    return stored | {field: base64.b64encode(bytes(value)).decode()}


def test_tampered_preparation_is_refused(pki_trust, approval):
    preparation = _prepare(pki_trust, approval)
    signature_value = _local_signature(pki_trust, PERSON, preparation.signed_attributes)
    stored = preparation_to_json(preparation)
    start = preparation.reserved_region_start
    text_at = preparation.prepared_pdf.index(b"/Type")

    def flip_text(pdf):
        pdf[text_at:text_at + 5] = b"/Typf"

    def fill_placeholder(pdf):
        pdf[start + 1:start + 3] = b"AB"

    def append(pdf):
        pdf.extend(b"\n% added\n")

    cases = [
        (_tampered(stored, "prepared_pdf", flip_text), "the prepared file does not hash to the document digest"),
        (_tampered(stored, "prepared_pdf", append), "the prepared file does not hash to the document digest"),
        (_tampered(stored, "prepared_pdf", fill_placeholder),
         "the reserved region is not an empty signature placeholder"),
        (stored | {"reserved_region_start": start + 2}, "the reserved region is not an empty signature placeholder"),
        (_tampered(stored, "document_digest", lambda digest: digest.reverse()),
         "the prepared file does not hash to the document digest"),
        (_tampered(stored, "hash_to_sign", lambda digest: digest.reverse()),
         "hash_to_sign is not the SHA-256 of the signed attributes"),
    ]
    for tampered, detail in cases:
        with pytest.raises(RemotePreparationInvalid) as refusal:
            remote_finish(preparation_from_json(tampered), signature_value)
        assert (refusal.value.message, refusal.value.detail) == (BAD_PREPARATION, f"remote preparation: {detail}")
    # Storage that is not even the right shape.
    for broken, detail in [
        (stored | {"prepared_pdf": "không phải base64"}, "prepared_pdf is not base64"),
        (stored | {"reserved_region_end": "12"}, "reserved_region_end is a str, not an int"),
        ({k: v for k, v in stored.items() if k != "certificates"}, "missing certificates"),
        (stored | {"version": 2}, "version 2, expected 1"),
    ]:
        with pytest.raises(RemotePreparationInvalid) as refusal:
            preparation_from_json(broken)
        assert (refusal.value.message, refusal.value.detail) == (BAD_PREPARATION, f"stored preparation: {detail}")
    assert isinstance(refusal.value, RemoteSignatureInvalid) and isinstance(refusal.value, ValueError)


def test_revoked_certificate_gets_no_validation_info(pki_trust, approval):
    preparation = _prepare(pki_trust, approval, "person:revoked")
    signature_value = _local_signature(pki_trust, "person:revoked", preparation.signed_attributes)
    with pytest.raises(RemoteCertificateInvalid) as refusal:
        remote_finish(preparation, signature_value, validation_context=_context(pki_trust))
    assert refusal.value.message == BAD_CERTIFICATE
    assert refusal.value.detail.startswith("validation info: RevokedError: ")
