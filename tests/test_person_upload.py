"""The check of a PDF the person signed outside the app (upload_check): each
refusal with its check name and a Vietnamese message saying what to do, and
the accepted signature, against the DEMO PKI served on loopback."""

import io
import re

import pytest
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.form_tools import populate_static_text_field
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.sign import fields, signers
from pyhanko_certvalidator import ValidationContext

from emulation.documents import chain
from emulation.documents.render import render_pdf
from emulation.documents.upload_check import UploadRefused, person_upload_check

# Until tests/conftest.py lists it; pytest honours pytest_plugins in test modules (only non-root conftests refuse it).
pytest_plugins = ["tests.pki_fixtures"]

PASSWORD = "x"
SIGNER_NAME = "Nguyễn Văn Thử"
VIETNAMESE = re.compile("[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹáàãéèíìóòõúùý]")

HTML = """<html lang="vi"><body><table style="width: 100%"><tr>
<td style="width: 40%"><div>ỦY BAN NHÂN DÂN</div><div id="ky-so-so" style="height: 18pt"></div></td>
<td><div>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</div><div id="ky-so-ngay" style="height: 18pt"></div></td></tr></table>
<p>Nội dung kế hoạch.</p><div style="margin-left: 50%; text-align: center"><div>CHỦ TỊCH</div>
<div id="ky-so-chu-ky" style="height: 32mm; width: 60mm; margin: 0 auto"></div><div>Nguyễn Văn Thử</div></div>
</body></html>"""


def _prepare(rendered, number_blank: str = "Số:       /KH-UBND") -> bytes:
    pdf, anchors = rendered
    return chain.approval_prepare(pdf, chain.FieldPlaces.from_anchors(anchors), number_blank=number_blank,
                                  date_blank="An Giang, ngày      tháng      năm 20   ")


@pytest.fixture(scope="module")
def rendered():
    return render_pdf(HTML, with_anchors=True)


@pytest.fixture(scope="module")
def handed_out(rendered) -> bytes:
    return _prepare(rendered)


@pytest.fixture
def pki(served_pki):
    return served_pki.pki


def _signer(pki, label: str):
    data = pki.stranger_pkcs12(PASSWORD) if label == "stranger" else pki.pkcs12(label, PASSWORD)
    return signers.SimpleSigner.load_pkcs12_data(data, other_certs=[], passphrase=PASSWORD.encode())


def _person_sign(pdf: bytes, pki, label: str = "person:test", *, validation_info: bool = False) -> bytes:
    """The person's signature as the app's chain makes it; without validation
    info pyHanko signs whatever certificate it is given, as a careless tool would."""
    context = ValidationContext(trust_roots=[pki.root], allow_fetching=True) if validation_info else None
    return chain.person_sign(pdf, _signer(pki, label), name=SIGNER_NAME, signature_png=None,
                             validation_context=context)


def _tool_sign(source, pki, label: str = "person:test", *, field: str = chain.FIELD_PERSON,
               md_algorithm: str = "sha256") -> bytes:
    """A signature made by another tool: any field, any digest, and on a
    writer that may already hold other changes (then in the same revision)."""
    writer = IncrementalPdfFileWriter(io.BytesIO(source)) if isinstance(source, bytes) else source
    metadata = signers.PdfSignatureMetadata(field_name=field, subfilter=fields.SigSeedSubFilter.PADES,
                                            md_algorithm=md_algorithm)
    output = io.BytesIO()
    signers.PdfSigner(metadata, signer=_signer(pki, label)).sign_pdf(writer, output=output)
    return output.getvalue()


def _add_page(writer: IncrementalPdfFileWriter) -> IncrementalPdfFileWriter:
    content = writer.add_object(generic.StreamObject(stream_data=b"0 0 1 rg 100 100 200 200 re f"))
    writer.insert_page(generic.DictionaryObject({
        generic.NameObject("/Type"): generic.NameObject("/Page"),
        generic.NameObject("/MediaBox"): generic.ArrayObject([generic.NumberObject(v) for v in (0, 0, 595, 842)]),
        generic.NameObject("/Resources"): generic.DictionaryObject(),
        generic.NameObject("/Contents"): content,
    }))
    return writer


def _written(writer: IncrementalPdfFileWriter) -> bytes:
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def _fingerprint(pki, label: str) -> str:
    return pki.certificate(label).sha256.hex()


def _check(pki, handed_out: bytes, uploaded: bytes, *, registered: set[str] | None = None,
           allow_fetching: bool = True):
    return person_upload_check(handed_out, uploaded, trust_roots=[pki.root],
                               registered_fingerprints={_fingerprint(pki, "person:test")} if registered is None
                               else registered, signer_name=SIGNER_NAME, allow_fetching=allow_fetching)


def _refusal(pki, handed_out: bytes, uploaded: bytes, **kwargs) -> UploadRefused:
    with pytest.raises(UploadRefused) as refusal:
        _check(pki, handed_out, uploaded, **kwargs)
    message = refusal.value.message
    assert str(refusal.value) == message
    assert VIETNAMESE.search(message), message
    assert "Hãy " in message or " cần " in message, message  # says what to do
    return refusal.value


def test_a_file_that_is_not_a_pdf_is_unreadable(pki, handed_out):
    for uploaded in (b"not a pdf at all", b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\n%%EOF\n"):
        refusal = _refusal(pki, handed_out, uploaded)
        assert refusal.check == "unreadable"
        assert "không phải PDF" in refusal.message


def test_a_file_signed_on_another_copy_is_a_different_file(pki, rendered, handed_out):
    other_copy = _prepare(rendered, number_blank="Số:    /KH-UBND")
    refusal = _refusal(pki, handed_out, _person_sign(other_copy, pki))
    assert refusal.check == "different_file"
    assert refusal.message == ("Tệp tải lên không phải tệp đã tải xuống để ký: phần trước chữ ký mới khác với tệp "
                               "hệ thống đã giao. Hãy tải lại tệp để ký và ký trên tệp đó.")


def test_the_handed_out_file_sent_back_unsigned_has_no_signature(pki, handed_out):
    for uploaded in (handed_out, _written(_add_page(IncrementalPdfFileWriter(io.BytesIO(handed_out))))):
        refusal = _refusal(pki, handed_out, uploaded)
        assert refusal.check == "no_signature"
        assert "chưa có chữ ký mới" in refusal.message


def test_a_signature_in_the_agency_field_is_the_wrong_field(pki, handed_out):
    refusal = _refusal(pki, handed_out, _tool_sign(handed_out, pki, field=chain.FIELD_AGENCY))
    assert refusal.check == "wrong_field"
    assert f"«{chain.FIELD_AGENCY}»" in refusal.message and f"«{chain.FIELD_PERSON}»" in refusal.message


def test_two_new_signatures_are_several(pki, handed_out):
    twice = _tool_sign(_person_sign(handed_out, pki), pki, "person:other", field=chain.FIELD_AGENCY)
    refusal = _refusal(pki, handed_out, twice)
    assert refusal.check == "several"
    assert "2 chữ ký mới" in refusal.message and f"«{chain.FIELD_AGENCY}»" in refusal.message


def test_a_page_appended_after_signing_is_not_covered(pki, handed_out):
    signed = _person_sign(handed_out, pki)
    refusal = _refusal(pki, handed_out, _written(_add_page(IncrementalPdfFileWriter(io.BytesIO(signed)))))
    assert refusal.check == "not_whole_file"
    assert "không bao trùm toàn bộ tệp" in refusal.message


def test_bytes_appended_after_the_validation_info_are_not_covered(pki, handed_out):
    # The validation info is a revision of its own after the signature (accepted below); junk after it is not.
    signed = _person_sign(handed_out, pki, validation_info=True)
    refusal = _refusal(pki, handed_out, signed + b"% appended after signing\n")
    assert refusal.check == "not_whole_file"


def test_a_revision_adding_a_page_before_signing_is_modified(pki, handed_out):
    with_page = _written(_add_page(IncrementalPdfFileWriter(io.BytesIO(handed_out))))
    refusal = _refusal(pki, handed_out, _person_sign(with_page, pki))
    assert refusal.check == "modified"
    assert "sửa trước khi ký" in refusal.message and "1 lần lưu" in refusal.message


def test_text_changed_in_the_signing_revision_is_modified(pki, handed_out):
    writer = IncrementalPdfFileWriter(io.BytesIO(handed_out))
    writer.add_stream_to_page(0, writer.add_object(generic.StreamObject(stream_data=b"0 0 1 rg 100 100 50 50 re f")))
    refusal = _refusal(pki, handed_out, _tool_sign(writer, pki))
    assert refusal.check == "modified"
    assert "cùng lần ký" in refusal.message


def test_the_number_filled_in_the_signing_revision_is_modified(pki, handed_out):
    writer = IncrementalPdfFileWriter(io.BytesIO(handed_out))
    populate_static_text_field(writer, chain.FIELD_NUMBER, TextBoxStyle(), "So: 99/KH-UBND")
    refusal = _refusal(pki, handed_out, _tool_sign(writer, pki))
    assert refusal.check == "modified"
    assert f"«{chain.FIELD_NUMBER}»" in refusal.message


def test_a_sha1_signature_is_weak(pki, handed_out):
    refusal = _refusal(pki, handed_out, _tool_sign(handed_out, pki, md_algorithm="sha1"))
    assert refusal.check == "weak_hash"
    assert "SHA-1" in refusal.message and "SHA-256" in refusal.message


def test_altered_signature_bytes_are_broken(pki, handed_out):
    signed = _person_sign(handed_out, pki)
    value = PdfFileReader(io.BytesIO(signed)).embedded_signatures[0].signer_info["signature"].native.hex().encode()
    start = signed.lower().index(value)
    at = start + len(value) // 2
    flipped = b"0" if signed[at:at + 1] != b"0" else b"1"
    refusal = _refusal(pki, handed_out, signed[:at] + flipped + signed[at + 1:])
    assert refusal.check == "broken"
    assert "bị hỏng" in refusal.message


def test_a_self_signed_stranger_is_untrusted(pki, handed_out):
    stranger = "Người Lạ Tự Ký (DEMO)"
    refusal = _refusal(pki, handed_out, _person_sign(handed_out, pki, "stranger"), registered=set())
    assert refusal.check == "untrusted"
    assert f"cấp cho «{stranger}», do «{stranger}» cấp" in refusal.message


def test_an_expired_certificate_is_expired(pki, handed_out):
    refusal = _refusal(pki, handed_out, _person_sign(handed_out, pki, "person:expired"),
                       registered={_fingerprint(pki, "person:expired")})
    assert refusal.check == "expired"
    assert "«Vũ Thị Hết Hạn (DEMO)» đã hết hạn ngày 01/01/2025" in refusal.message


def test_a_revoked_certificate_is_revoked_and_says_since_when(pki, handed_out):
    refusal = _refusal(pki, handed_out, _person_sign(handed_out, pki, "person:revoked"),
                       registered={_fingerprint(pki, "person:revoked")})
    assert refusal.check == "revoked"
    assert "«Đỗ Văn Thu Hồi (DEMO)» đã bị tổ chức cấp thu hồi từ ngày 01/12/2024" in refusal.message


def test_another_persons_certificate_is_unregistered(pki, handed_out):
    refusal = _refusal(pki, handed_out, _person_sign(handed_out, pki, "person:other"))
    assert refusal.check == "unregistered"
    assert "«Trần Thị Khác (DEMO)»" in refusal.message and f"chưa được đăng ký cho {SIGNER_NAME}" in refusal.message
    assert "đăng ký chứng thư số này trong hồ sơ" in refusal.message


def test_the_registered_persons_signature_is_accepted(pki_trust, handed_out):
    # Timestamped, with the validation info pyHanko appends in a revision after the signature.
    uploaded = _person_sign(handed_out, pki_trust, validation_info=True)
    accepted = _check(pki_trust, handed_out, uploaded)
    assert accepted.pdf == uploaded
    assert accepted.fingerprint_sha256 == _fingerprint(pki_trust, "person:test")
    assert accepted.certificate_pem == pki_trust.certificate_pem("person:test")
    report = accepted.report
    assert (report.field_name, report.intact, report.trusted, report.revocation, report.timestamped) == (
        chain.FIELD_PERSON, True, True, "good", True)
    assert "Nguyễn Văn Thử (DEMO)" in report.signer


def test_revocation_that_cannot_be_checked_is_accepted_as_unknown(pki, handed_out):
    # No validation info in the file and no fetching: nothing tells whether the certificate is revoked.
    accepted = _check(pki, handed_out, _person_sign(handed_out, pki), registered={
        _fingerprint(pki, "person:test").upper()}, allow_fetching=False)
    assert (accepted.report.intact, accepted.report.trusted, accepted.report.revocation) == (True, True, "unknown")
    assert accepted.report.covers_whole_file
