"""The public verification page lists every signature of the issued file in
order, signed with the DEMO PKI (tests.pki_fixtures): what a member of the
public reads there for a valid chain, a stranger's certificate, a revocation
status that cannot be checked, and a damaged stored file."""

import datetime
import hashlib
from html.parser import HTMLParser

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from pyhanko.sign import signers
from pyhanko_certvalidator import ValidationContext

from demo.signing import make_png
from emulation.documents import chain, verify
from emulation.documents.issue import new_verification_code
from emulation.documents.render import render_pdf
from emulation.files import file_store
from emulation.models import DocumentState, DocumentType, OfficialDocument, Unit

pytest_plugins = ["tests.pki_fixtures"]

PASSWORD = "x"
HTML = """<html lang="vi"><body><table style="width: 100%"><tr>
<td style="width: 40%"><div>ỦY BAN NHÂN DÂN</div><div id="ky-so-so" style="height: 18pt"></div></td>
<td><div>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</div><div id="ky-so-ngay" style="height: 18pt"></div></td></tr></table>
<p>Nội dung thông báo.</p><div style="margin-left: 50%; text-align: center"><div>CHỦ TỊCH</div>
<div id="ky-so-chu-ky" style="height: 32mm; width: 60mm; margin: 0 auto"></div><div>Nguyễn Văn Thử</div></div>
</body></html>"""

PERSON_SUBJECT = "Common Name: Nguyễn Văn Thử (DEMO), Organization: DEMO Thi đua, Country: VN"
AGENCY_SUBJECT = "Common Name: UBND Thử nghiệm (DEMO), Organization: DEMO Thi đua, Country: VN"
STRANGER_SUBJECT = "Common Name: Người Lạ Tự Ký (DEMO), Organization: DEMO Thi đua, Country: VN"
DEMO_INTERMEDIATE = "Common Name: DEMO CA chuyên dùng công vụ (chỉ dùng thử), Organization: DEMO Thi đua, Country: VN"

STORED = "chu-ky-ban-luu"
UPLOADED = "chu-ky-tep-tai-len"
PERSON_HEADING = "Chữ ký 1 — Chữ ký của người ký"
AGENCY_HEADING = "Chữ ký 2 — Chữ ký số của cơ quan ban hành"
TIMESTAMPED = "Có dấu thời gian"
INTACT = "Nguyên vẹn"
TRUSTED = "Tin cậy"
NOT_TRUSTED = "Không tin cậy — chứng thư không thuộc chuỗi tin cậy đã cấu hình"
NOT_REVOKED = "Chưa bị thu hồi"
REVOCATION_UNKNOWN = "Không xác định (không kiểm tra được tình trạng thu hồi)"
ALLOWED_CHANGES = "Chỉ có các thay đổi chữ ký này cho phép (điền số, ngày, chữ ký tiếp theo)"
NO_CHANGES = "Không thay đổi sau khi ký"


# Signed files (made once for the module: each signature asks the DEMO TSA and OCSP) --------

@pytest.fixture(scope="module")
def approval() -> bytes:
    pdf, anchors = render_pdf(HTML, with_anchors=True)
    return chain.approval_prepare(pdf, chain.FieldPlaces.from_anchors(anchors), number_blank="Số:       /TB-UBND",
                                  date_blank="ngày      tháng      năm 20   ")


def _signer(pkcs12_data: bytes):
    return signers.SimpleSigner.load_pkcs12_data(pkcs12_data, other_certs=[], passphrase=PASSWORD.encode())


def _signed_twice(pki, approval: bytes, *, validation_info: bool) -> bytes:
    """The person's then the agency's signature, both timestamped by the DEMO
    TSA; with ``validation_info`` the OCSP answers and CRLs go into the file."""
    def context():
        return ValidationContext(trust_roots=[pki.root], allow_fetching=True) if validation_info else None

    with override_settings(SIGNING_TIMESTAMP_URL=pki.timestamp_url):
        person = chain.person_sign(approval, _signer(pki.pkcs12("person:test", PASSWORD)), name="Nguyễn Văn Thử",
                                   signature_png=make_png(), validation_context=context())
        return chain.agency_sign(person, _signer(pki.pkcs12("agency:test", PASSWORD)), number_text="Số: 15/TB-UBND",
                                 date_text="ngày 02 tháng 12 năm 2026", name="UBND Thử nghiệm",
                                 seal_png=make_png(200, 200, color=(200, 0, 0, 255)), reason="Ban hành 15/TB-UBND",
                                 location="Thử nghiệm", validation_context=context())


@pytest.fixture(scope="module")
def signed_twice(served_pki, approval) -> bytes:
    return _signed_twice(served_pki.pki, approval, validation_info=True)


@pytest.fixture(scope="module")
def signed_twice_bare(served_pki, approval) -> bytes:
    return _signed_twice(served_pki.pki, approval, validation_info=False)


@pytest.fixture(scope="module")
def signed_by_stranger(served_pki, approval) -> bytes:
    with override_settings(SIGNING_TIMESTAMP_URL=served_pki.pki.timestamp_url):
        return chain.person_sign(approval, _signer(served_pki.pki.stranger_pkcs12(PASSWORD)), name="Người Lạ",
                                 signature_png=None)


def issued(unit: Unit, pdf: bytes) -> OfficialDocument:
    """An issued, signed document whose stored file is ``pdf`` (the unit's own
    certificate is not registered: trust comes from the DEMO root alone)."""
    document = OfficialDocument(
        content_type=ContentType.objects.get_for_model(Unit), object_id=unit.pk, issuer=unit,
        doc_type=DocumentType.NOTICE, number_symbol="15/TB-UBND", issued_on=datetime.date(2026, 12, 2),
        subject="Thông báo thử nghiệm", verification_code=new_verification_code(), state=DocumentState.READY,
        sha256=hashlib.sha256(pdf).hexdigest(), page_count=1, signed=True, signed_at=timezone.now(),
        signer_name="Nguyễn Văn Thử")
    file_store(document.pdf, "thong-bao-15.pdf", ContentFile(pdf))
    document.save()
    return document


def verify_url(document: OfficialDocument) -> str:
    return reverse("document_verify", args=[document.verification_code])


# Reading the page -----------------------------------------------------------------------------

class SignatureListings(HTMLParser):
    """Per listing (data-listing), each signature's heading and its facts
    (dt → dd text), and the errors shown for a file that could not be checked."""

    def __init__(self):
        super().__init__()
        self.listings: dict[str, list[dict]] = {}
        self.errors: dict[str, list[str]] = {}
        self._listing = None
        self._capture = None  # "h3", "dt", "dd" or "error"
        self._text: list[str] = []
        self._term = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "section" and "data-listing" in attributes:
            self._listing = attributes["data-listing"]
            self.listings[self._listing], self.errors[self._listing] = [], []
        elif self._listing and tag == "article":
            self.listings[self._listing].append({"heading": "", "facts": {}})
        elif self._listing and (tag in ("h3", "dt", "dd") or "data-check-error" in attributes):
            self._capture, self._text = ("error" if "data-check-error" in attributes else tag), []

    def handle_endtag(self, tag):
        if tag == "section":
            self._listing = None
        if self._capture is None or tag != {"error": "p"}.get(self._capture, self._capture):
            return
        text = " ".join("".join(self._text).split())
        if self._capture == "h3":
            self.listings[self._listing][-1]["heading"] = text
        elif self._capture == "dt":
            self._term = text
        elif self._capture == "dd":
            self.listings[self._listing][-1]["facts"][self._term] = text
        else:
            self.errors[self._listing].append(text)
        self._capture = None

    def handle_data(self, data):
        if self._capture:
            self._text.append(data)


def read_page(body: str) -> SignatureListings:
    parser = SignatureListings()
    parser.feed(body)
    return parser


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data):
        self.parts.append(data)


def page_text(body: str) -> str:
    """The page as read, tags left out and white space collapsed."""
    parser = _Text()
    parser.feed(body)
    return " ".join("".join(parser.parts).split())


def local_time(report: chain.SignatureReport) -> str:
    return f"{timezone.localtime(report.signed_at):%d/%m/%Y %H:%M:%S}"


def facts(*, verdict: str, signer: str, issuer: str, serial: str, signed_at: str, timestamp: str = TIMESTAMPED,
          integrity: str = INTACT, trust: str = TRUSTED, revocation: str = NOT_REVOKED, changes: str) -> dict:
    return {
        "Kết luận": verdict, "Người ký (chủ thể chứng thư)": signer, "Tổ chức cấp chứng thư": issuer,
        "Số hiệu chứng thư": serial, "Thời gian ký": signed_at, "Dấu thời gian": timestamp,
        "Tính toàn vẹn": integrity, "Chuỗi tin cậy": trust, "Tình trạng thu hồi": revocation,
        "Thay đổi sau khi ký": changes,
    }


def serial_of(pki, label: str) -> str:
    return format(pki.certificate(label).serial_number, "X")


# The page ---------------------------------------------------------------------------------------

def test_both_signatures_are_listed_in_order_and_valid(client, tree, pki_trust, signed_twice):
    document = issued(tree["province"], signed_twice)
    response = client.get(verify_url(document))
    assert response.status_code == 200
    body = response.content.decode()
    person, agency = verify.stored_signatures_report(document)  # the cached reports the page showed
    page = read_page(body)
    assert page.listings == {STORED: [
        {"heading": PERSON_HEADING, "facts": facts(
            verdict="Hợp lệ", signer=PERSON_SUBJECT, issuer=DEMO_INTERMEDIATE,
            serial=serial_of(pki_trust, "person:test"), signed_at=local_time(person), changes=ALLOWED_CHANGES)},
        {"heading": AGENCY_HEADING, "facts": facts(
            verdict="Hợp lệ", signer=AGENCY_SUBJECT, issuer=DEMO_INTERMEDIATE,
            serial=serial_of(pki_trust, "agency:test"), signed_at=local_time(agency), changes=ALLOWED_CHANGES)},
    ]}
    assert page.errors == {STORED: []}
    assert body.count(">Hợp lệ<") == 2
    assert 'data-signature="valid"' in body
    assert ("Chữ ký số hợp lệ. Văn bản còn nguyên vẹn, mọi chữ ký đều được tin cậy, chứng thư chưa bị thu hồi và "
            "sau các chữ ký chỉ có những thay đổi được phép.") in page_text(body)
    # The signing time is the TSA's, shown in Vietnam's time (UTC+7), the agency's after the person's.
    assert timezone.localtime(person.signed_at).utcoffset() == datetime.timedelta(hours=7)
    assert person.signed_at <= agency.signed_at


def test_a_strangers_self_signed_certificate_is_not_trusted(client, tree, pki_trust, signed_by_stranger):
    document = issued(tree["province"], signed_by_stranger)
    body = client.get(verify_url(document)).content.decode()
    (stranger,) = verify.stored_signatures_report(document)
    assert read_page(body).listings == {STORED: [
        {"heading": PERSON_HEADING, "facts": facts(
            verdict="Không hợp lệ", signer=STRANGER_SUBJECT, issuer=STRANGER_SUBJECT, serial=stranger.serial.upper(),
            signed_at=local_time(stranger), trust=NOT_TRUSTED, revocation=REVOCATION_UNKNOWN,
            changes=NO_CHANGES)},
    ]}
    assert "Hợp lệ" not in body
    assert 'data-signature="invalid"' in body


def test_a_revocation_status_that_cannot_be_checked_is_never_called_valid(client, tree, pki_trust, settings,
                                                                          signed_twice_bare):
    settings.SIGNATURE_ALLOW_FETCHING = False  # no OCSP nor CRL reachable, and none in the file
    document = issued(tree["province"], signed_twice_bare)
    body = client.get(verify_url(document)).content.decode()
    person, agency = verify.stored_signatures_report(document)
    assert read_page(body).listings == {STORED: [
        {"heading": PERSON_HEADING, "facts": facts(
            verdict="Chưa xác định", signer=PERSON_SUBJECT, issuer=DEMO_INTERMEDIATE,
            serial=serial_of(pki_trust, "person:test"), signed_at=local_time(person), revocation=REVOCATION_UNKNOWN,
            changes=ALLOWED_CHANGES)},
        {"heading": AGENCY_HEADING, "facts": facts(
            verdict="Chưa xác định", signer=AGENCY_SUBJECT, issuer=DEMO_INTERMEDIATE,
            serial=serial_of(pki_trust, "agency:test"), signed_at=local_time(agency), revocation=REVOCATION_UNKNOWN,
            changes=NO_CHANGES)},
    ]}
    assert "Hợp lệ" not in body
    assert "Chữ ký số hợp lệ." not in body
    assert 'data-signature="undetermined"' in body
    assert ("Chưa xác nhận được đầy đủ. Văn bản còn nguyên vẹn và chứng thư được tin cậy, nhưng chưa kiểm tra được "
            "tình trạng thu hồi của chứng thư. Xem từng chữ ký bên dưới.") in page_text(body)


def test_an_unsettled_revocation_status_is_asked_again_after_ten_minutes_a_settled_one_after_a_day(
        tree, pki_trust, signed_twice, monkeypatch):
    answers = {"revocation": "unknown"}
    calls = []

    def report(pdf, trust_roots, *, allow_fetching=True):
        calls.append(answers["revocation"])
        return [chain.SignatureReport(field_name=chain.FIELD_PERSON, revocation=answers["revocation"])]

    monkeypatch.setattr(chain, "signatures_report", report)
    document = issued(tree["province"], signed_twice)
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        verify.stored_signatures_report(document)
        traveller.shift(datetime.timedelta(minutes=9))
        verify.stored_signatures_report(document)
        answers["revocation"] = "good"  # the OCSP server answers again
        traveller.shift(datetime.timedelta(minutes=2))
        verify.stored_signatures_report(document)
        traveller.shift(datetime.timedelta(hours=23))
        settled = verify.stored_signatures_report(document)
        traveller.shift(datetime.timedelta(hours=2))
        verify.stored_signatures_report(document)
    assert calls == ["unknown", "good", "good"]
    assert [entry.revocation for entry in settled] == ["good"]


def test_a_second_visit_does_not_check_the_signatures_again(client, tree, pki_trust, signed_twice, monkeypatch):
    document = issued(tree["province"], signed_twice)
    calls = []
    real_report = chain.signatures_report

    def counted(pdf, trust_roots, *, allow_fetching=True):
        calls.append(allow_fetching)
        return real_report(pdf, trust_roots, allow_fetching=allow_fetching)

    monkeypatch.setattr(chain, "signatures_report", counted)
    first = client.get(verify_url(document)).content.decode()
    second = client.get(verify_url(document)).content.decode()
    assert calls == [True]
    assert read_page(first).listings == read_page(second).listings
    key = verify.signatures_cache_key(document, signed_twice, verify.trust_roots_for(document), allow_fetching=True)
    assert [report.field_name for report in cache.get(key)] == [chain.FIELD_PERSON, chain.FIELD_AGENCY]


def test_the_uploaded_copy_is_reported_identical_with_its_signatures_listed(client, tree, pki_trust, signed_twice,
                                                                            monkeypatch):
    document = issued(tree["province"], signed_twice)
    url = verify_url(document)
    client.get(url)
    calls = []
    monkeypatch.setattr(chain, "signatures_report", lambda *args, **kwargs: calls.append(args) or [])
    response = client.post(url, {"pdf": SimpleUploadedFile("thong-bao.pdf", signed_twice, "application/pdf")})
    body = response.content.decode()
    assert response.status_code == 200
    assert 'data-result="match"' in body
    assert "Khớp: đây đúng là bản đã ban hành, chưa bị sửa đổi." in body
    page = read_page(body)
    assert list(page.listings) == [STORED, UPLOADED]
    assert [entry["heading"] for entry in page.listings[UPLOADED]] == [PERSON_HEADING, AGENCY_HEADING]
    assert [entry["facts"]["Kết luận"] for entry in page.listings[UPLOADED]] == ["Hợp lệ", "Hợp lệ"]
    assert page.listings[UPLOADED] == page.listings[STORED]
    assert calls == []  # the issued file itself: answered from the stored file's check


def test_an_uploaded_copy_that_differs_lists_its_own_signatures(client, tree, pki_trust, signed_twice,
                                                                signed_by_stranger):
    document = issued(tree["province"], signed_twice)
    response = client.post(verify_url(document),
                           {"pdf": SimpleUploadedFile("thong-bao.pdf", signed_by_stranger, "application/pdf")})
    body = response.content.decode()
    assert 'data-result="mismatch"' in body
    assert "Chữ ký số trong tệp không hợp lệ." in body
    (stranger,) = read_page(body).listings[UPLOADED]
    assert (stranger["heading"], stranger["facts"]["Kết luận"], stranger["facts"]["Chuỗi tin cậy"]) == (
        PERSON_HEADING, "Không hợp lệ", NOT_TRUSTED)


def test_a_corrupted_stored_file_shows_an_error_not_a_crash(client, tree, pki_trust, signed_twice):
    document = issued(tree["province"], signed_twice)
    with document.pdf.open("wb") as handle:
        handle.write(b"%PDF-1.7\n" + b"\x00hong\x00" * 200)
    response = client.get(verify_url(document))
    assert response.status_code == 200
    body = response.content.decode()
    page = read_page(body)
    assert page.listings == {STORED: []}
    assert page.errors == {STORED: [
        "Không đọc được tệp PDF: tệp bị hỏng hoặc không đúng cấu trúc PDF, nên không kiểm tra được chữ ký số."]}
    assert 'data-signature="invalid"' in body
    assert "Hợp lệ" not in body


def test_a_stored_file_that_is_gone_shows_an_error_not_a_crash(client, tree, pki_trust, signed_twice):
    document = issued(tree["province"], signed_twice)
    document.pdf.storage.delete(document.pdf.name)
    response = client.get(verify_url(document))
    assert response.status_code == 200
    assert read_page(response.content.decode()).errors == {STORED: [
        "Không đọc được tệp đã lưu trên hệ thống, nên không kiểm tra được chữ ký số. "
        "Vui lòng báo cho cơ quan ban hành."]}


def test_a_check_that_fails_unexpectedly_is_an_answer_cached_briefly(client, tree, pki_trust, signed_twice,
                                                                     monkeypatch):
    def unreachable(*args, **kwargs):
        raise TimeoutError("OCSP responder did not answer")

    monkeypatch.setattr(chain, "signatures_report", unreachable)
    document = issued(tree["province"], signed_twice)
    response = client.get(verify_url(document))
    assert response.status_code == 200
    assert read_page(response.content.decode()).errors == {STORED: [
        "Không kiểm tra được chữ ký số lúc này, vui lòng thử lại sau."]}
    assert "Hợp lệ" not in response.content.decode()


def test_bytes_added_after_the_last_revision_make_the_summary_invalid(client, tree, pki_trust, signed_twice):
    document = issued(tree["province"], signed_twice)
    with document.pdf.open("ab") as handle:
        handle.write(b"\n% them vao sau khi ky\n")
    body = client.get(verify_url(document)).content.decode()
    assert 'data-signature="invalid"' in body
    assert "Chữ ký số không hợp lệ. Tệp có dữ liệu thêm vào sau phần đã ký." in page_text(body)
    assert [entry["heading"] for entry in read_page(body).listings[STORED]] == [PERSON_HEADING, AGENCY_HEADING]
