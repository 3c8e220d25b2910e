"""The signing chain on one PDF: the person's signature, then the clerk's
number, date and agency signature, both valid afterwards."""

import io

import pytest
from asn1crypto import pem, x509
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import signers

from demo.signing import make_authority, make_pkcs12, make_png
from emulation.documents import chain
from emulation.documents.render import render_pdf

HTML = """<html lang="vi"><body><table style="width: 100%"><tr>
<td style="width: 40%"><div>ỦY BAN NHÂN DÂN</div><div id="ky-so-so" style="height: 18pt"></div></td>
<td><div>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</div><div id="ky-so-ngay" style="height: 18pt"></div></td></tr></table>
<p>Nội dung.</p><div style="margin-left: 50%; text-align: center"><div>CHỦ TỊCH</div>
<div id="ky-so-chu-ky"
 style="height: 32mm; width: 60mm; margin: 0 auto"></div><div>Hồ Văn Mừng</div></div></body></html>"""


@pytest.fixture(scope="module")
def authority():
    key, certificate = make_authority("Chain Test Root")
    person, root_pem = make_pkcs12("Hồ Văn Mừng", "x", (key, certificate))
    agency, _ = make_pkcs12("UBND tỉnh An Giang", "x", (key, certificate))
    root = x509.Certificate.load(pem.unarmor(root_pem.encode())[2])
    return {"person": person, "agency": agency, "root": root}


@pytest.fixture(scope="module")
def approval(authority):
    pdf, anchors = render_pdf(HTML, with_anchors=True)
    return chain.approval_prepare(pdf, chain.FieldPlaces.from_anchors(anchors), number_blank="Số:       /KH-UBND",
                                  date_blank="An Giang, ngày      tháng      năm 20   ")


def _signer(data):
    return signers.SimpleSigner.load_pkcs12_data(data, other_certs=[], passphrase=b"x")


def test_person_then_agency_both_valid(authority, approval):
    person_pdf = chain.person_sign(approval, _signer(authority["person"]), name="Hồ Văn Mừng",
                                   signature_png=make_png())
    final = chain.agency_sign(person_pdf, _signer(authority["agency"]), number_text="Số: 15/KH-UBND",
                              date_text="An Giang, ngày 02 tháng 12 năm 2026", name="UBND tỉnh An Giang",
                              seal_png=make_png(200, 200, color=(200, 0, 0, 255)), reason="Ban hành 15/KH-UBND",
                              location="An Giang")
    assert final.startswith(person_pdf)
    person, agency = chain.signatures_report(final, [authority["root"]], allow_fetching=False)
    assert (person.error, agency.error) == ("", "")
    assert (person.field_name, person.intact, person.trusted, person.changes_after) == (
        chain.FIELD_PERSON, True, True, "allowed")
    assert person.changed_fields == {chain.FIELD_NUMBER, chain.FIELD_DATE, chain.FIELD_AGENCY}
    assert "Hồ Văn Mừng" in person.signer
    assert (agency.field_name, agency.intact, agency.trusted, agency.covers_whole_file, agency.changes_after) == (
        chain.FIELD_AGENCY, True, True, True, "none")
    # A self-made root without OCSP or CRL: revocation cannot be checked, never "good".
    assert (person.revocation, agency.revocation) == ("unknown", "unknown")
    assert not person.valid


def test_text_added_after_the_person_signed_is_disallowed(authority, approval):
    from pyhanko.pdf_utils.generic import StreamObject  # noqa: PLC0415 — only this test writes raw content

    person_pdf = chain.person_sign(approval, _signer(authority["person"]), name="Hồ Văn Mừng", signature_png=None)
    writer = IncrementalPdfFileWriter(io.BytesIO(person_pdf))
    writer.add_stream_to_page(0, writer.add_object(StreamObject(stream_data=b"0 0 1 rg 100 100 50 50 re f")))
    output = io.BytesIO()
    writer.write(output)
    (person,) = chain.signatures_report(output.getvalue(), [authority["root"]], allow_fetching=False)
    assert (person.intact, person.trusted, person.changes_after) == (True, True, "disallowed")
