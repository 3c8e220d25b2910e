"""The agency key on a SoftHSM2 token: signing through it, the ways opening
it fails, and that the key cannot be read back.

SoftHSM2 reads SOFTHSM2_CONF when its module is initialised, and python-pkcs11
keeps the module initialised for the rest of the process: the token store is
therefore one for the whole pytest session, and the fixture re-initialises the
module once so that a load earlier in the session does not hide the store."""

import datetime
import io
import os
import subprocess
from pathlib import Path

import pkcs11
import pytest
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from pkcs11 import Attribute, ObjectClass
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.pdf_utils.writer import PageObject, PdfFileWriter
from pyhanko.sign import signers
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from emulation.documents.token import (
    TokenKeyExists,
    TokenSettings,
    TokenUnavailable,
    agency_token_settings,
    token_certificate_pem,
    token_import,
    token_signer,
)

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "softhsm-token"
MODULE = "/usr/lib/softhsm/libsofthsm2.so"
TOKEN_LABEL = "thidua-agency"
SO_PIN = "87654321"
PIN = "246810"
KEY_LABEL = "huyen-a"
AGENCY_NAME = "Ủy ban nhân dân huyện Châu Phú"


def _pem(private_key) -> bytes:
    return private_key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                     serialization.NoEncryption())


def _certificate(subject: x509.Name, public_key, issuer: x509.Name, issuer_key, *, ca: bool) -> x509.Certificate:
    now = datetime.datetime.now(datetime.UTC)
    usage = dict.fromkeys(("digital_signature", "content_commitment", "key_encipherment", "data_encipherment",
                           "key_agreement", "key_cert_sign", "crl_sign", "encipher_only", "decipher_only"), False)
    usage.update({"key_cert_sign": True, "crl_sign": True} if ca else
                 {"digital_signature": True, "content_commitment": True})
    return (
        x509.CertificateBuilder()
        .subject_name(subject).issuer_name(issuer).public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5)).not_valid_after(now + datetime.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(**usage), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_key.public_key()), critical=False)
        .sign(issuer_key, hashes.SHA256())
    )


def _agency_material():
    """A self-made root, an intermediate CA under it and the agency's certificate
    under that, with its key (as the national CA issues them)."""
    root_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    root_name = x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
                           x509.NameAttribute(NameOID.COMMON_NAME, "CA thử nghiệm Thi đua")])
    root = _certificate(root_name, root_key.public_key(), root_name, root_key, ca=True)
    intermediate_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    intermediate_name = x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
                                   x509.NameAttribute(NameOID.COMMON_NAME, "CA trung gian thử nghiệm")])
    intermediate = _certificate(intermediate_name, intermediate_key.public_key(), root_name, root_key, ca=True)
    agency_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    agency_name = x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
                             x509.NameAttribute(NameOID.ORGANIZATION_NAME, AGENCY_NAME),
                             x509.NameAttribute(NameOID.COMMON_NAME, AGENCY_NAME)])
    agency = _certificate(agency_name, agency_key.public_key(), intermediate_name, intermediate_key, ca=False)
    return root, intermediate, agency_key, agency


@pytest.fixture(scope="session")
def agency_token(tmp_path_factory):
    """A SoftHSM2 token made by scripts/softhsm-token, holding the agency key."""
    store = tmp_path_factory.mktemp("softhsm")
    made = subprocess.run([str(SCRIPT), str(store), TOKEN_LABEL, SO_PIN, PIN], capture_output=True, text=True,
                          check=True)
    variable, _, conf = made.stdout.strip().partition("=")
    assert variable == "SOFTHSM2_CONF"
    previous_conf = os.environ.get("SOFTHSM2_CONF")
    os.environ["SOFTHSM2_CONF"] = conf
    # Loaded earlier in this process, the module would still read its old
    # configuration (and not know the new token) until initialised again.
    pkcs11.lib(os.path.realpath(MODULE)).reinitialize()

    root, intermediate, agency_key, agency = _agency_material()
    # Only the root is trusted: the signatures must carry the intermediate from the token.
    token_import(module_path=MODULE, token_label=TOKEN_LABEL, pin=PIN, key_label=KEY_LABEL,
                 private_key_pem=_pem(agency_key),
                 certificate_pem=agency.public_bytes(serialization.Encoding.PEM).decode(),
                 issuer_certificates_pem=[intermediate.public_bytes(serialization.Encoding.PEM).decode()])
    yield {"settings": TokenSettings(module_path=MODULE, token_label=TOKEN_LABEL, pin=PIN, key_label=KEY_LABEL),
           "root": root, "certificate": agency, "store": store}
    if previous_conf is None:
        del os.environ["SOFTHSM2_CONF"]
    else:
        os.environ["SOFTHSM2_CONF"] = previous_conf


def _one_page_pdf() -> bytes:
    writer = PdfFileWriter()
    content = writer.add_object(generic.StreamObject(stream_data=b"BT /F1 12 Tf 72 770 Td (Quyet dinh) Tj ET"))
    font = generic.DictionaryObject({
        generic.pdf_name("/Type"): generic.pdf_name("/Font"),
        generic.pdf_name("/Subtype"): generic.pdf_name("/Type1"),
        generic.pdf_name("/BaseFont"): generic.pdf_name("/Helvetica"),
    })
    resources = generic.DictionaryObject({
        generic.pdf_name("/Font"): generic.DictionaryObject({generic.pdf_name("/F1"): writer.add_object(font)}),
    })
    writer.insert_page(PageObject(contents=content, media_box=(0, 0, 595, 842), resources=resources))
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def test_script_is_idempotent(agency_token):
    tokens_before = sorted(path.name for path in (agency_token["store"] / "tokens").iterdir())

    again = subprocess.run([str(SCRIPT), str(agency_token["store"]), TOKEN_LABEL, SO_PIN, PIN],
                           capture_output=True, text=True)

    assert again.returncode == 0
    assert again.stdout == f"SOFTHSM2_CONF={agency_token['store'] / 'softhsm2.conf'}\n"
    assert again.stderr == ""
    assert sorted(path.name for path in (agency_token["store"] / "tokens").iterdir()) == tokens_before
    assert (agency_token["store"] / "softhsm2.conf").read_text() == (
        f"directories.tokendir = {agency_token['store'] / 'tokens'}\nobjectstore.backend = file\nlog.level = ERROR\n")


def test_pdf_signed_through_the_token_validates_against_the_root(agency_token):
    metadata = signers.PdfSignatureMetadata(field_name="ChuKySoCoQuan", md_algorithm="sha256")
    output = io.BytesIO()
    with token_signer(agency_token["settings"]) as signer:
        signers.sign_pdf(IncrementalPdfFileWriter(io.BytesIO(_one_page_pdf())), metadata, signer=signer,
                         output=output)

    signatures = PdfFileReader(io.BytesIO(output.getvalue())).embedded_signatures
    assert len(signatures) == 1
    root = asn1_x509.Certificate.load(agency_token["root"].public_bytes(serialization.Encoding.DER))
    status = validate_pdf_signature(signatures[0], ValidationContext(trust_roots=[root], allow_fetching=False))
    assert status.intact is True
    assert status.valid is True
    assert status.trusted is True
    assert status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    assert status.signing_cert.dump() == agency_token["certificate"].public_bytes(serialization.Encoding.DER)
    assert status.signing_cert.subject.human_friendly == (
        f"Common Name: {AGENCY_NAME}, Organization: {AGENCY_NAME}, Country: VN")


def test_token_failing_while_signing(agency_token):
    with pytest.raises(TokenUnavailable) as raised, token_signer(agency_token["settings"]):
        raise pkcs11.DeviceRemoved()

    assert raised.value.message == "Không mở được thiết bị ký số của cơ quan (thiết bị báo lỗi khi ký)."
    assert str(raised.value) == "Signing with 'huyen-a' on token 'thidua-agency': DeviceRemoved: "


def test_wrong_pin_is_named(agency_token):
    wrong = TokenSettings(module_path=MODULE, token_label=TOKEN_LABEL, pin="000000", key_label=KEY_LABEL)

    with pytest.raises(TokenUnavailable) as raised, token_signer(wrong):
        pass

    assert raised.value.message == (
        "Không mở được thiết bị ký số của cơ quan (sai mã PIN của thiết bị “thidua-agency”).")
    assert str(raised.value) == "Login to token 'thidua-agency' refused: PinIncorrect"


def test_unknown_token_label(agency_token):
    elsewhere = TokenSettings(module_path=MODULE, token_label="khong-co", pin=PIN, key_label=KEY_LABEL)

    with pytest.raises(TokenUnavailable) as raised, token_signer(elsewhere):
        pass

    assert raised.value.message == "Không mở được thiết bị ký số của cơ quan (không tìm thấy thiết bị “khong-co”)."
    assert str(raised.value) == f"no token labelled 'khong-co' in {MODULE}"


def test_unknown_key_label(agency_token):
    other_unit = TokenSettings(module_path=MODULE, token_label=TOKEN_LABEL, pin=PIN, key_label="xa-b1")

    with pytest.raises(TokenUnavailable) as raised, token_signer(other_unit):
        pass

    assert raised.value.message == "Không mở được thiết bị ký số của cơ quan (không tìm thấy khóa ký số “xa-b1”)."
    assert str(raised.value) == "0 private key objects labelled 'xa-b1' on token 'thidua-agency'"


def test_missing_module(tmp_path):
    absent = str(tmp_path / "libnothing.so")

    with pytest.raises(TokenUnavailable) as raised:
        token_certificate_pem(TokenSettings(module_path=absent, token_label=TOKEN_LABEL, pin=PIN,
                                            key_label=KEY_LABEL))

    assert raised.value.message == f"Không mở được thiết bị ký số của cơ quan (không có mô-đun PKCS#11 tại {absent})."
    assert str(raised.value) == f"PKCS#11 module not found: {absent}"


def test_private_key_cannot_be_read_back(agency_token):
    session = pkcs11.lib(os.path.realpath(MODULE)).get_token(token_label=TOKEN_LABEL).open(user_pin=PIN)
    try:
        key = session.get_key(object_class=ObjectClass.PRIVATE_KEY, label=KEY_LABEL)
        assert key[Attribute.SENSITIVE] is True
        assert key[Attribute.EXTRACTABLE] is False
        # An RSA private key has no CKA_VALUE; its secret parts are refused.
        with pytest.raises(pkcs11.AttributeTypeInvalid):
            key[Attribute.VALUE]
        with pytest.raises(pkcs11.AttributeSensitive):
            key[Attribute.PRIVATE_EXPONENT]
        with pytest.raises(pkcs11.AttributeSensitive):
            key[Attribute.PRIME_1]
        certificate = next(session.get_objects({Attribute.CLASS: ObjectClass.CERTIFICATE,
                                                Attribute.LABEL: KEY_LABEL}))
        assert certificate[Attribute.ID] == key[Attribute.ID]
    finally:
        session.close()


def test_certificate_pem_is_the_imported_one(agency_token):
    assert token_certificate_pem(agency_token["settings"]) == (
        agency_token["certificate"].public_bytes(serialization.Encoding.PEM).decode())


def test_second_import_under_a_taken_label_is_refused(agency_token):
    _root, _intermediate, other_key, other_certificate = _agency_material()

    with pytest.raises(TokenKeyExists) as raised:
        token_import(module_path=MODULE, token_label=TOKEN_LABEL, pin=PIN, key_label=KEY_LABEL,
                     private_key_pem=_pem(other_key),
                     certificate_pem=other_certificate.public_bytes(serialization.Encoding.PEM).decode())

    assert raised.value.message == (
        "Thiết bị ký số “thidua-agency” đã có khóa hoặc chứng thư số mang nhãn “huyen-a”; "
        "hãy chọn nhãn khác hoặc xóa khóa cũ trên thiết bị trước.")
    assert token_certificate_pem(agency_token["settings"]) == (
        agency_token["certificate"].public_bytes(serialization.Encoding.PEM).decode())


def test_import_refuses_a_key_of_another_certificate(agency_token):
    _root, _intermediate, stray_key, _certificate_of_stray = _agency_material()

    with pytest.raises(ValueError, match="^The private key does not belong to the certificate.$"):
        token_import(module_path=MODULE, token_label=TOKEN_LABEL, pin=PIN, key_label="lac-khoa",
                     private_key_pem=_pem(stray_key),
                     certificate_pem=agency_token["certificate"].public_bytes(serialization.Encoding.PEM).decode())


def test_settings_per_unit(settings):
    settings.SIGNING_TOKEN = {"MODULE": MODULE, "TOKEN_LABEL": TOKEN_LABEL, "PIN": PIN, "KEYS": {"huyen-a": "khoa-a"}}

    assert agency_token_settings("huyen-a") == TokenSettings(module_path=MODULE, token_label=TOKEN_LABEL, pin=PIN,
                                                             key_label="khoa-a")
    assert agency_token_settings("xa-b1") is None
    assert PIN not in repr(agency_token_settings("huyen-a"))


def test_no_token_configured(settings):
    settings.SIGNING_TOKEN = None

    assert agency_token_settings("huyen-a") is None


def test_the_clerk_issue_applies_the_agency_signature_through_the_token(agency_token, tree, people, settings):
    """The whole chain with the province's agency key on the SoftHSM2 token:
    the issued file's second signature is the token's certificate."""
    from campaigns.services import plans as plan_services  # noqa: PLC0415 — the chain's modules load Django models
    from emulation.documents.chain import FIELD_AGENCY, FIELD_PERSON, signatures_report  # noqa: PLC0415
    from emulation.documents.issue import official_document_of, official_document_prepare  # noqa: PLC0415
    from emulation.documents.trust import certificates_from_pem, configured_roots_pem  # noqa: PLC0415
    from tests.builders import build_plan  # noqa: PLC0415

    settings.SIGNING_TOKEN = {"MODULE": MODULE, "TOKEN_LABEL": TOKEN_LABEL, "PIN": PIN,
                              "KEYS": {tree["province"].code: KEY_LABEL}}
    plan = build_plan(tree, people)
    plan_services.plan_submit(actor=people["drafter"], plan=plan)
    document_signing = people["chain"].person_signs(plan)
    from emulation.documents import workflow  # noqa: PLC0415

    workflow.document_issue(actor=people["chain"].clerk(plan.issuer), document_signing=document_signing)
    document = official_document_prepare(document_id=official_document_of(plan).pk)
    with document.pdf.open("rb") as handle:
        pdf = handle.read()
    root_pem = agency_token["root"].public_bytes(serialization.Encoding.PEM).decode()
    reports = signatures_report(pdf, certificates_from_pem([root_pem, *configured_roots_pem()]))
    assert [(report.field_name, report.intact, report.trusted) for report in reports] == [
        (FIELD_PERSON, True, True), (FIELD_AGENCY, True, True)]
    assert reports[1].signer.startswith(f"Common Name: {AGENCY_NAME}")
    assert document.certificate_pem == token_certificate_pem(agency_token["settings"])
