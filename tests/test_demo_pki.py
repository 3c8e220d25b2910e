"""The DEMO PKI (demo/pki.py): pyHanko signs and validates against it over loopback."""

import datetime
import io
import logging
import shutil

import pytest
import requests
from asn1crypto import ocsp as asn1_ocsp
from cryptography import x509 as pyca_x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.x509 import ocsp
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.ades.report import AdESIndeterminate
from pyhanko.sign.general import SigningError
from pyhanko.sign.timestamps import HTTPTimeStamper
from pyhanko.sign.validation import PdfSignatureStatus, validate_pdf_signature
from pyhanko.sign.validation.dss import DocumentSecurityStore
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.errors import ExpiredError, InvalidCertificateError, RevokedError
from pypdf import PdfWriter

from demo.pki import END_ENTITY_NAMES, demo_pki

# Until tests/conftest.py lists it; pytest honours pytest_plugins in test modules (only non-root conftests refuse it).
pytest_plugins = ["tests.pki_fixtures"]

PASSWORD = "x"
VALIDATION_LOGGER = "pyhanko.sign.validation.generic_cms"


def _blank_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _sign(pki, pkcs12_data: bytes, *, validate_first: bool) -> bytes:
    """PAdES with a TSA timestamp. With `validate_first`, pyHanko checks the signer's certificate
    before signing and embeds the revocation data (DSS); without it, it signs whatever it is given."""
    signer = signers.SimpleSigner.load_pkcs12_data(pkcs12_data, other_certs=[], passphrase=PASSWORD.encode())
    metadata = signers.PdfSignatureMetadata(
        field_name="Signature1", subfilter=fields.SigSeedSubFilter.PADES, embed_validation_info=validate_first,
        validation_context=ValidationContext(trust_roots=[pki.root], allow_fetching=True) if validate_first else None,
    )
    signed = signers.sign_pdf(IncrementalPdfFileWriter(io.BytesIO(_blank_pdf())), metadata, signer=signer,
                              timestamper=HTTPTimeStamper(pki.timestamp_url))
    return signed.getvalue()


def _validate(pki, pdf: bytes) -> PdfSignatureStatus:
    (signature,) = PdfFileReader(io.BytesIO(pdf)).embedded_signatures
    return validate_pdf_signature(signature, ValidationContext(trust_roots=[pki.root], allow_fetching=True))


def _logged_validation_errors(caplog) -> list[type]:
    return [type(record.exc_info[1]) for record in caplog.records
            if record.name == VALIDATION_LOGGER and record.exc_info]


def _pyca(pki, label: str) -> pyca_x509.Certificate:
    return pyca_x509.load_pem_x509_certificate(pki.certificate_pem(label).encode())


def test_timestamped_signature_with_validation_info_is_intact_trusted_and_timestamped(served_pki):
    pki = served_pki.pki
    pdf = _sign(pki, pki.pkcs12("person:test", PASSWORD), validate_first=True)

    status = _validate(pki, pdf)
    assert (status.intact, status.valid, status.trusted, status.revoked) == (True, True, True, False)
    assert status.trust_problem_indic is None
    assert status.bottom_line is True
    assert status.signing_cert.subject.native["common_name"] == "Nguyễn Văn Thử (DEMO)"
    assert status.validation_path[0] == pki.root
    timestamp = status.timestamp_validity
    assert (timestamp.intact, timestamp.valid, timestamp.trusted) == (True, True, True)
    assert timestamp.signing_cert.subject.native["common_name"] == "DEMO Máy chủ cấp dấu thời gian"

    # The DSS holds the OCSP answer for the signer and the root's CRL (for the intermediate and the TSA):
    # enough to validate offline while requiring revocation data for every certificate.
    reader = PdfFileReader(io.BytesIO(pdf))
    dss = reader.root["/DSS"]
    assert sorted(dss.keys()) == ["/CRLs", "/Certs", "/OCSPs", "/VRI"]
    assert (len(dss["/OCSPs"]), len(dss["/CRLs"])) == (1, 1)
    offline = DocumentSecurityStore.read_dss(reader).as_validation_context(
        {"trust_roots": [pki.root], "allow_fetching": False, "revocation_mode": "require"})
    offline_status = validate_pdf_signature(reader.embedded_signatures[0], offline)
    assert (offline_status.trusted, offline_status.timestamp_validity.trusted, offline_status.bottom_line) == (
        True, True, True)


def test_revoked_certificate_is_refused_at_signing_and_reported_revoked(served_pki, caplog):
    pki = served_pki.pki
    with pytest.raises(SigningError, match="^The signer's certificate could not be validated$") as refusal:
        _sign(pki, pki.pkcs12("person:revoked", PASSWORD), validate_first=True)
    assert type(refusal.value.__cause__) is RevokedError

    caplog.clear()
    status = _validate(pki, _sign(pki, pki.pkcs12("person:revoked", PASSWORD), validate_first=False))
    assert (status.intact, status.valid, status.trusted, status.revoked) == (True, True, False, True)
    assert status.trust_problem_indic is AdESIndeterminate.REVOKED_NO_POE
    details = status.revocation_details
    assert details.ca_revoked is False
    assert details.revocation_date == datetime.datetime(2024, 12, 1, tzinfo=datetime.UTC)
    assert details.revocation_reason.native == "key_compromise"
    assert status.bottom_line is False
    assert _logged_validation_errors(caplog) == [RevokedError]


def test_expired_certificate_is_refused_at_signing_and_reported_expired(served_pki, caplog):
    pki = served_pki.pki
    with pytest.raises(SigningError, match="^The signer's certificate could not be validated$") as refusal:
        _sign(pki, pki.pkcs12("person:expired", PASSWORD), validate_first=True)
    assert type(refusal.value.__cause__) is ExpiredError

    caplog.clear()
    with caplog.at_level(logging.WARNING, logger=VALIDATION_LOGGER):
        status = _validate(pki, _sign(pki, pki.pkcs12("person:expired", PASSWORD), validate_first=False))
    assert (status.intact, status.valid, status.trusted, status.revoked) == (True, True, False, False)
    # pyHanko's status has no "expired" flag: the AdES indication is OUT_OF_BOUNDS_NO_POE and the
    # ExpiredError only reaches the log.
    assert status.trust_problem_indic is AdESIndeterminate.OUT_OF_BOUNDS_NO_POE
    assert status.bottom_line is False
    assert _logged_validation_errors(caplog) == [ExpiredError]


def test_self_signed_stranger_is_not_trusted_against_the_demo_root(served_pki, caplog):
    pki = served_pki.pki
    # Unlike the revoked and expired cases, this refusal is not wrapped in SigningError.
    with pytest.raises(InvalidCertificateError):
        _sign(pki, pki.stranger_pkcs12(PASSWORD), validate_first=True)

    caplog.clear()
    with caplog.at_level(logging.WARNING, logger=VALIDATION_LOGGER):
        status = _validate(pki, _sign(pki, pki.stranger_pkcs12(PASSWORD), validate_first=False))
    assert (status.intact, status.valid, status.trusted, status.revoked) == (True, True, False, False)
    assert status.trust_problem_indic is AdESIndeterminate.CHAIN_CONSTRAINTS_FAILURE
    assert status.validation_path is None
    assert status.signing_cert.subject.native["common_name"] == "Người Lạ Tự Ký (DEMO)"
    assert _logged_validation_errors(caplog) == [InvalidCertificateError]


def test_a_second_build_reuses_the_keys_and_makes_only_missing_ones(served_pki, tmp_path):
    source = served_pki.pki.directory
    for key_file in source.glob("*.key.pem"):
        shutil.copy2(key_file, tmp_path / key_file.name)
    (tmp_path / "person_other.key.pem").unlink()
    before = {path.name: path.read_bytes() for path in tmp_path.glob("*.key.pem")}

    rebuilt = demo_pki(tmp_path, base_url="http://127.0.0.1:1")

    after = {path.name: path.read_bytes() for path in tmp_path.glob("*.key.pem")}
    assert {name: after[name] for name in before} == before
    assert after["person_other.key.pem"] != (source / "person_other.key.pem").read_bytes()
    for label in END_ENTITY_NAMES.keys() - {"person:other"}:
        assert rebuilt.private_key_pem(label) == served_pki.pki.private_key_pem(label)
        assert rebuilt.certificate(label).public_key.dump() == served_pki.pki.certificate(label).public_key.dump()
    assert (rebuilt.certificate("person:other").public_key.dump()
            != served_pki.pki.certificate("person:other").public_key.dump())


def test_served_crl_and_ocsp_answer_over_http(served_pki):
    pki = served_pki.pki
    assert pki.crl_url == f"{served_pki.base_url}/demo/crls/intermediate/latest.crl"
    assert pki.ocsp_url == f"{served_pki.base_url}/demo/ocsp/intermediate"
    intermediate = pyca_x509.load_der_x509_certificate(pki.chain("person:test")[0].dump())

    crl_response = requests.get(pki.crl_url, timeout=5)
    assert (crl_response.status_code, crl_response.headers["Content-Type"]) == (200, "application/pkix-crl")
    crl = pyca_x509.load_der_x509_crl(crl_response.content)
    assert crl.is_signature_valid(intermediate.public_key())
    assert [entry.serial_number for entry in crl] == [pki.certificate("person:revoked").serial_number]

    def ocsp_answer(label: str) -> asn1_ocsp.SingleResponse:
        request = ocsp.OCSPRequestBuilder().add_certificate(_pyca(pki, label), intermediate, hashes.SHA1()).build()
        response = requests.post(pki.ocsp_url, data=request.public_bytes(serialization.Encoding.DER),
                                 headers={"Content-Type": "application/ocsp-request"}, timeout=5)
        assert (response.status_code, response.headers["Content-Type"]) == (200, "application/ocsp-response")
        # asn1crypto, not cryptography: certomancer writes producedAt with microseconds, which
        # cryptography's strict DER parser refuses.
        answer = asn1_ocsp.OCSPResponse.load(response.content)
        assert answer["response_status"].native == "successful"
        (single,) = answer.basic_ocsp_response["tbs_response_data"]["responses"]
        assert single["cert_id"]["serial_number"].native == pki.certificate(label).serial_number
        return single

    assert ocsp_answer("person:test")["cert_status"].name == "good"
    revoked = ocsp_answer("person:revoked")["cert_status"]
    assert revoked.name == "revoked"
    assert revoked.chosen.native == {"revocation_time": datetime.datetime(2024, 12, 1, tzinfo=datetime.UTC),
                                     "revocation_reason": "key_compromise"}


def test_pki_trust_points_the_settings_at_the_served_pki(pki_trust, served_pki, settings):
    assert settings.SIGNATURE_TRUST_ROOTS == [str(served_pki.pki.directory / "demo-root.pem")]
    assert settings.SIGNING_TIMESTAMP_URL == f"{served_pki.base_url}/demo/tsa/tsa"
    assert pki_trust.roots_file.read_text() == pki_trust.root_pem
