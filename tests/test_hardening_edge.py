"""Hardening: what a probe of the running app broke at the edges — hostile
uploads, unthrottled public lookups, open redirects, role grants across
provinces, certificates not yet valid, and the login lockout."""

import datetime
import json
import os
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
import time_machine
from axes.models import AccessFailureLog
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from django.conf import settings as django_settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from demo.signing import make_authority, make_pkcs12, make_png
from emulation import services
from emulation.documents import signing
from emulation.documents.issue import KINDS, DocumentKind, official_document_prepare, official_document_register
from emulation.documents.layout import DocumentLayout, SignatureBlock
from emulation.documents.material import signing_material_save
from emulation.documents.verify import document_bytes, signature_cache_key
from emulation.forms import RoleAssignForm
from emulation.models import DocumentType, Notification, Role, RoleAssignment, SigningMaterial
from tests.factories import UserFactory, person_with_role

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "MatKhau@2026"
UNREADABLE_PDF = "Không đọc được tệp PDF này: tệp bị hỏng hoặc không đúng cấu trúc PDF."


# Helpers ----------------------------------------------------------------------

def notice_layout(unit, *, stamp):
    return DocumentLayout(
        doc_type_name="Thông báo", parent_header_lines=[], issuer_lines=[unit.header_name],
        number_line="Số: 12/TB-UBND", date_line="An Giang, ngày 04 tháng 5 năm 2026", doc_name="THÔNG BÁO",
        subject_lines=["Kết quả thi đua"],
        signatures=[SignatureBlock(lines=["CHỦ TỊCH"], signer_name="Hồ Văn Mừng", stamp=stamp)], is_draft=False)


@pytest.fixture(autouse=True)
def notices_are_documents(monkeypatch):
    """A document type of the test's own: the engine needs nothing but its builder."""
    monkeypatch.setitem(KINDS, "emulation.unit", DocumentKind(build=notice_layout, view_action="unit.view"))


def issue_notice(unit, *, signed: bool):
    """A one-page document issued by ``unit`` (signed with a test root when asked), as the worker prepares it."""
    if signed:
        bundle, _root = make_pkcs12(unit.name, "mat-khau-ky-so", make_authority())
        signing_material_save(actor=None, unit=unit, pkcs12=bundle, pkcs12_password="mat-khau-ky-so")
    document = official_document_register(
        target=unit, issuer=unit, doc_type=DocumentType.NOTICE, number_symbol="12/TB-UBND",
        issued_on=datetime.date(2026, 5, 4), subject="Thông báo kết quả thi đua", signer_name="Hồ Văn Mừng")
    return official_document_prepare(document_id=document.pk)


def pdf_with(objects: list[bytes], *, trailer: bytes = b"/Root 1 0 R", startxref: int | None = None,
             prev_self: bool = False) -> bytes:
    """A PDF with a real cross-reference table, bent where asked."""
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<</Size %d " % (len(objects) + 1) + trailer
    if prev_self:
        out += b" /Prev %d" % xref
    out += b">>\nstartxref\n%d\n%%%%EOF\n" % (xref if startxref is None else startxref)
    return bytes(out)


CATALOG = [b"<</Type/Catalog/Pages 2 0 R>>", b"<</Type/Pages/Kids[]/Count 0>>"]

HOSTILE_PDFS = {
    "huge-startxref": b"%PDF-1.7\n1 0 obj<<>>endobj\nstartxref\n99999999999999999999\n%%EOF\n",
    "startxref-beyond-the-end": pdf_with(CATALOG, startxref=10**9),
    "xref-that-points-at-itself": pdf_with(CATALOG, prev_self=True),
    "catalog-that-is-a-number": pdf_with([b"42"]),
    "fields-nested-fifty-thousand-deep": pdf_with([b"<</Type/Catalog/AcroForm<</Fields " + b"[" * 50_000
                                                   + b"]" * 50_000 + b">>>>"]),
    "header-and-nothing-else": b"%PDF-1.7\n",
}


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_claiming(width: int, height: int) -> bytes:
    """A few dozen bytes whose IHDR announces ``width`` × ``height`` RGBA pixels."""
    header = png_chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0))
    return (b"\x89PNG\r\n\x1a\n" + header + png_chunk(b"IDAT", zlib.compress(b"\x00" * 64))
            + png_chunk(b"IEND", b""))


def pkcs12_valid_from(not_before: datetime.datetime, not_after: datetime.datetime) -> bytes:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
                      x509.NameAttribute(NameOID.COMMON_NAME, "UBND tỉnh An Giang")])
    certificate = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number()).not_valid_before(not_before).not_valid_after(not_after)
        .sign(key, hashes.SHA256())
    )
    return pkcs12.serialize_key_and_certificates(
        name=b"ubnd", key=key, cert=certificate, cas=None,
        encryption_algorithm=serialization.BestAvailableEncryption(b"mat-khau"),
    )


def settings_in_subprocess(tmp_path, **env) -> dict:
    """What emulation.settings makes of an environment (a fresh interpreter)."""
    code = ("import json; from django.conf import settings; print(json.dumps({"
            "'cache': settings.CACHES['default'], 'proxy_count': settings.AXES_IPWARE_PROXY_COUNT,"
            "'meta_order': list(settings.AXES_IPWARE_META_PRECEDENCE_ORDER),"
            "'lockout': settings.AXES_LOCKOUT_PARAMETERS}, default=str))")
    environment = {key: value for key, value in os.environ.items()
                   if key not in ("REDIS_URL", "TRUSTED_PROXY_COUNT", "DATABASE_URL")}
    environment.update({"DJANGO_SETTINGS_MODULE": "emulation.settings", "DEBUG": "true",
                        "THIDUA_VAR_DIR": str(tmp_path), **env})
    result = subprocess.run([sys.executable, "-c", "import django; django.setup(); " + code], cwd=ROOT,
                            env=environment, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def rate_count(rate: str) -> int:
    return int(rate.split("/")[0])


# A hostile PDF uploaded for verification --------------------------------------

@pytest.mark.parametrize("name", list(HOSTILE_PDFS))
def test_a_hostile_pdf_is_an_answer_from_the_signature_check_not_a_crash(name):
    check = signing.check_signature(HOSTILE_PDFS[name], [])
    assert (check.present, check.valid) == (False, False)


def test_hostile_pdfs_uploaded_for_verification_get_a_form_error(client, tree):
    document = issue_notice(tree["province"], signed=True)
    url = reverse("document_verify", args=[document.verification_code])
    for name, content in HOSTILE_PDFS.items():
        response = client.post(url, {"pdf": SimpleUploadedFile(f"{name}.pdf", content, "application/pdf")})
        body = response.content.decode()
        assert (name, response.status_code) == (name, 200)
        assert UNREADABLE_PDF in body, name
        assert "data-result=" not in body, name


def test_the_issued_file_itself_still_verifies_after_the_readability_check(client, tree):
    document = issue_notice(tree["province"], signed=True)
    url = reverse("document_verify", args=[document.verification_code])
    pdf = document_bytes(document)
    response = client.post(url, {"pdf": SimpleUploadedFile("thong-bao.pdf", pdf, "application/pdf")})
    assert 'data-result="match"' in response.content.decode()


# The stored document's signature: checked once per stored file -----------------

def test_the_stored_signature_is_checked_once_per_stored_file(client, tree):
    document = issue_notice(tree["province"], signed=True)
    url = reverse("document_verify", args=[document.verification_code])
    stored = document_bytes(document)
    key = signature_cache_key(document, stored)

    first = client.get(url)
    assert 'data-signature="valid"' in first.content.decode()
    cached = cache.get(key)
    assert (type(cached), cached.valid) == (signing.SignatureCheck, True)

    # A marker only the cache can produce: the next page must show it, so no new check ran.
    cache.set(key, signing.SignatureCheck(present=True, intact=True, trusted=True, covers_whole_file=True,
                                          signer="DẤU HIỆU BỘ NHỚ ĐỆM"))
    assert "DẤU HIỆU BỘ NHỚ ĐỆM" in client.get(url).content.decode()

    # A re-issued (here: altered) stored file has another hash, so it is checked again.
    altered = stored + b"\n% appended after signing\n"
    with document.pdf.open("wb") as handle:
        handle.write(altered)
    again = client.get(url).content.decode()
    assert "DẤU HIỆU BỘ NHỚ ĐỆM" not in again
    assert 'data-signature="invalid"' in again
    assert cache.get(signature_cache_key(document, altered)).valid is False


def test_an_unsigned_document_caches_nothing(client, tree):
    document = issue_notice(tree["province"], signed=False)
    response = client.get(reverse("document_verify", args=[document.verification_code]))
    assert 'data-signature="none"' in response.content.decode()
    assert cache.get(signature_cache_key(document, document_bytes(document))) is None


# Rate limits on the public verification pages ----------------------------------

def test_code_lookups_are_limited_per_client_address(client, tree):
    document = issue_notice(tree["province"], signed=False)
    url = reverse("document_verify", args=[document.verification_code])
    limit = rate_count(django_settings.VERIFY_LOOKUP_RATE)
    with time_machine.travel(timezone.now(), tick=False):
        statuses = [client.get(url).status_code for _ in range(limit)]
        refused = client.get(url)
        other_address = client.get(url, REMOTE_ADDR="93.184.216.34")
    assert statuses == [200] * limit
    assert refused.status_code == 429
    assert "Quá nhiều yêu cầu" in refused.content.decode()
    assert other_address.status_code == 200


def test_lookups_by_the_code_form_are_limited_too(client, tree):
    document = issue_notice(tree["province"], signed=False)
    url = reverse("document_verify_start")
    limit = rate_count(django_settings.VERIFY_LOOKUP_RATE)
    with time_machine.travel(timezone.now(), tick=False):
        statuses = [client.get(url, {"code": document.verification_code}).status_code for _ in range(limit)]
        refused = client.get(url, {"code": "KHONG-CO-MA"})
    assert statuses == [302] * limit
    assert refused.status_code == 429


def test_uploads_are_limited_per_client_address(client, tree):
    document = issue_notice(tree["province"], signed=False)
    url = reverse("document_verify", args=[document.verification_code])
    limit = rate_count(django_settings.VERIFY_UPLOAD_RATE)

    def upload():
        return client.post(url, {"pdf": SimpleUploadedFile("x.pdf", b"not a pdf", "application/pdf")})

    with time_machine.travel(timezone.now(), tick=False):
        statuses = [upload().status_code for _ in range(limit)]
        refused = upload()
        still_readable = client.get(url)
    assert statuses == [200] * limit
    assert refused.status_code == 429
    assert "Quá nhiều yêu cầu" in refused.content.decode()
    assert still_readable.status_code == 200  # lookups have their own budget


def test_a_forged_forwarded_for_header_does_not_escape_the_limit(client, tree):
    document = issue_notice(tree["province"], signed=False)
    url = reverse("document_verify", args=[document.verification_code])
    limit = rate_count(django_settings.VERIFY_LOOKUP_RATE)
    with time_machine.travel(timezone.now(), tick=False):
        statuses = [client.get(url, HTTP_X_FORWARDED_FOR=f"93.184.216.{n}").status_code for n in range(limit + 1)]
    assert statuses == [200] * limit + [429]


def test_behind_a_configured_proxy_each_forwarded_client_has_its_own_limit(client, tree, settings):
    settings.AXES_IPWARE_PROXY_COUNT = 0
    settings.AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
    document = issue_notice(tree["province"], signed=False)
    url = reverse("document_verify", args=[document.verification_code])
    limit = rate_count(django_settings.VERIFY_LOOKUP_RATE)
    with time_machine.travel(timezone.now(), tick=False):
        statuses = [client.get(url, HTTP_X_FORWARDED_FOR=f"93.184.216.{n}").status_code for n in range(limit + 1)]
        for _ in range(limit):
            client.get(url, HTTP_X_FORWARDED_FOR="81.2.69.160")
        # What the client wrote left of the proxy's entry is not trusted.
        forged = client.get(url, HTTP_X_FORWARDED_FOR="1.2.3.4, 81.2.69.160")
    assert statuses == [200] * (limit + 1)
    assert forged.status_code == 429


# notification_read redirects only inside the site ------------------------------

@pytest.mark.parametrize("target", [
    "https://evil.example/dang-nhap/", "javascript:alert(1)", "//evil.example", "/\\evil.example", "http:evil",
    "khong-phai-dia-chi", "",
])
def test_marking_notifications_read_never_leaves_the_site(client, db, target):
    user = UserFactory()
    Notification.objects.create(recipient=user, title="Nhắc hạn")
    client.force_login(user)
    response = client.post(reverse("notification_read"), {"next": target})
    assert (response.status_code, response["Location"]) == (302, reverse("notification_inbox"))
    assert Notification.objects.get().read_at is not None


def test_marking_notifications_read_returns_to_a_local_page(client, db):
    user = UserFactory()
    client.force_login(user)
    response = client.post(reverse("notification_read"), {"next": "/thong-bao/?unread=1"})
    assert (response.status_code, response["Location"]) == (302, "/thong-bao/?unread=1")


# Roles are granted only to people the administrator manages --------------------

def test_the_role_form_offers_only_people_the_administrator_manages(tree, people):
    admin_a = person_with_role(Role.ADMINISTRATOR, tree["district_a"])
    commune_officer = person_with_role(Role.UNIT_OFFICER, tree["commune_a"])
    UserFactory(username="chua-co-vai-tro")
    offered = set(RoleAssignForm(actor=admin_a).fields["user"].queryset)
    assert offered == {admin_a, people["officer_a"], commune_officer}


def test_a_superuser_may_grant_roles_to_anyone_active(tree, people):
    root = UserFactory(is_superuser=True)
    newcomer = UserFactory(username="chua-co-vai-tro")
    UserFactory(username="da-nghi", is_active=False)
    offered = set(RoleAssignForm(actor=root).fields["user"].queryset)
    assert offered == {root, newcomer, *(person for name, person in people.items() if name != "chain")}


def test_granting_a_role_to_someone_from_elsewhere_is_refused(client, tree, people):
    admin_a = person_with_role(Role.ADMINISTRATOR, tree["district_a"])
    client.force_login(admin_a)
    response = client.post(reverse("role_add", args=[tree["district_a"].pk]),
                           {"user": people["officer_b"].pk, "role": Role.ADMINISTRATOR}, follow=True)
    assert response.status_code == 200
    assert "Chưa phân công được" in response.content.decode()
    assert RoleAssignment.objects.filter(user=people["officer_b"], unit=tree["district_a"]).exists() is False
    with pytest.raises(PermissionDenied):
        services.role_assign(actor=admin_a, user=people["officer_b"], unit=tree["district_a"], role=Role.ADMINISTRATOR)
    assert RoleAssignment.objects.filter(user=people["officer_b"]).count() == 1


def test_an_administrator_still_grants_roles_to_their_own_people(client, tree, people):
    admin_a = person_with_role(Role.ADMINISTRATOR, tree["district_a"])
    client.force_login(admin_a)
    response = client.post(reverse("role_add", args=[tree["commune_a"].pk]),
                           {"user": people["officer_a"].pk, "role": Role.REVIEWER})
    assert response.status_code == 302
    assert RoleAssignment.objects.filter(user=people["officer_a"], unit=tree["commune_a"],
                                         role=Role.REVIEWER).count() == 1


def test_a_new_person_still_gets_their_first_roles(tree):
    admin_a = person_with_role(Role.ADMINISTRATOR, tree["district_a"])
    person = services.person_create(actor=admin_a, username="canbo-moi", full_name="Trần Văn Mới",
                                    password="BauTroiXanh#2026", unit=tree["commune_a"], roles=[Role.UNIT_OFFICER])
    assert list(person.roles.values_list("unit", "role")) == [(tree["commune_a"].pk, Role.UNIT_OFFICER)]


# Signature images: dimensions from the header, before any decoding -------------

def test_a_png_claiming_twenty_thousand_pixels_a_side_is_refused_from_its_header():
    with pytest.raises(ValidationError) as refused:
        signing.check_png(png_claiming(20_000, 20_000), label="Ảnh chữ ký")
    assert refused.value.messages == [
        "Ảnh chữ ký: kích thước phải từ 60 đến 2000 điểm ảnh mỗi chiều (ảnh đang là 20000×20000)."]


def test_a_huge_signature_image_gets_a_form_error(client, tree):
    client.force_login(person_with_role(Role.ADMINISTRATOR, tree["province"]))
    response = client.post(reverse("signing_material", args=[tree["province"].pk]), {
        "signature_image": SimpleUploadedFile("chu-ky.png", png_claiming(20_000, 20_000), "image/png"),
        "signature_owner": "Hồ Văn Mừng",
    })
    assert response.status_code == 200
    assert "(ảnh đang là 20000×20000)" in response.content.decode()
    assert SigningMaterial.objects.exists() is False


def test_a_png_with_a_second_larger_header_is_refused():
    small = make_png(100, 100)
    second = png_chunk(b"IHDR", struct.pack(">IIBBBBB", 20_000, 20_000, 8, 6, 0, 0, 0))
    sneaky = small[:33] + second + small[33:]
    with pytest.raises(ValidationError):
        signing.check_png(sneaky, label="Ảnh con dấu")


def test_a_png_whose_header_is_not_first_is_refused():
    small = make_png(100, 100)
    with pytest.raises(ValidationError) as refused:
        signing.check_png(small[:8] + png_chunk(b"tEXt", b"a\x00b") + small[8:], label="Ảnh con dấu")
    assert refused.value.messages == ["Ảnh con dấu: tệp PNG bị hỏng."]


# Certificates must be valid now -------------------------------------------------

def test_a_certificate_valid_only_from_next_month_is_refused(client, tree):
    now = timezone.now()
    starts = now + datetime.timedelta(days=31)
    bundle = pkcs12_valid_from(starts, now + datetime.timedelta(days=400))
    client.force_login(person_with_role(Role.ADMINISTRATOR, tree["province"]))
    response = client.post(reverse("signing_material", args=[tree["province"].pk]),
                           {"pkcs12": SimpleUploadedFile("ubnd.p12", bundle), "pkcs12_password": "mat-khau"})
    expected = f"Chứng thư số chưa có hiệu lực: chỉ dùng được từ ngày {timezone.localtime(starts):%d/%m/%Y}."
    assert response.status_code == 200
    assert expected in response.content.decode()
    assert SigningMaterial.objects.exists() is False


def test_an_expired_certificate_names_its_end_date_day_first():
    now = timezone.now()
    ended = now - datetime.timedelta(days=3)
    with pytest.raises(ValidationError) as refused:
        signing.read_pkcs12(pkcs12_valid_from(now - datetime.timedelta(days=400), ended), "mat-khau")
    assert refused.value.messages == [f"Chứng thư số đã hết hạn ngày {timezone.localtime(ended):%d/%m/%Y}."]


# Login lockout: per username, client address from a trusted proxy only ---------

def test_failures_from_many_addresses_lock_the_username(client, db, settings):
    UserFactory(username="canbo")
    limit = settings.AXES_FAILURE_LIMIT
    statuses = [client.post(reverse("login"), {"username": "canbo", "password": "sai"},
                            REMOTE_ADDR=f"93.184.216.{n}").status_code for n in range(limit)]
    assert statuses == [200] * (limit - 1) + [429]
    from_elsewhere = client.post(reverse("login"), {"username": "canbo", "password": PASSWORD},
                                 REMOTE_ADDR="81.2.69.160")
    assert from_elsewhere.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_username_lock_lifts_after_the_cool_off(client, db, settings):
    UserFactory(username="canbo")
    for n in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "canbo", "password": "sai"}, REMOTE_ADDR=f"93.184.216.{n}")
    locked = client.post(reverse("login"), {"username": "canbo", "password": PASSWORD}, REMOTE_ADDR="81.2.69.160")
    assert locked.status_code == 429
    later = timezone.now() + settings.AXES_COOLOFF_TIME + datetime.timedelta(minutes=1)
    with time_machine.travel(later):
        response = client.post(reverse("login"), {"username": "canbo", "password": PASSWORD},
                               REMOTE_ADDR="81.2.69.160")
    assert response.status_code == 302


def test_forwarded_for_is_ignored_unless_a_proxy_is_configured(client, db):
    UserFactory(username="canbo")
    client.post(reverse("login"), {"username": "canbo", "password": "sai"},
                REMOTE_ADDR="81.2.69.160", HTTP_X_FORWARDED_FOR="93.184.216.34")
    assert list(AccessFailureLog.objects.values_list("ip_address", flat=True)) == ["81.2.69.160"]


def test_forwarded_for_names_the_client_behind_a_configured_proxy(client, db, settings):
    settings.AXES_IPWARE_PROXY_COUNT = 0
    settings.AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
    UserFactory(username="canbo")
    client.post(reverse("login"), {"username": "canbo", "password": "sai"},
                REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 93.184.216.34")
    assert list(AccessFailureLog.objects.values_list("ip_address", flat=True)) == ["93.184.216.34"]


# Settings from the environment --------------------------------------------------

def test_the_embedded_default_shares_a_file_cache_and_trusts_only_remote_addr(tmp_path):
    facts = settings_in_subprocess(tmp_path)
    assert facts["cache"]["BACKEND"] == "django.core.cache.backends.filebased.FileBasedCache"
    assert facts["cache"]["LOCATION"] == str(tmp_path / "cache")
    assert (facts["proxy_count"], facts["meta_order"]) == (None, ["REMOTE_ADDR"])
    assert facts["lockout"] == ["username"]


def test_redis_and_a_trusted_proxy_come_from_the_environment(tmp_path):
    facts = settings_in_subprocess(tmp_path, REDIS_URL="redis://127.0.0.1:6379/0", TRUSTED_PROXY_COUNT="2")
    assert facts["cache"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert facts["cache"]["LOCATION"] == "redis://127.0.0.1:6379/0"
    assert facts["cache"]["KEY_PREFIX"] == "thidua-cache"
    # ipware counts the proxies listed after the client; the outermost proxy appends the client itself.
    assert (facts["proxy_count"], facts["meta_order"]) == (1, ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"])


def test_one_address_trying_many_usernames_is_slowed_down(client, db, settings):
    settings.LOGIN_RATE = "3/m"
    for name in ("an", "binh", "chau"):
        UserFactory(username=name)
    statuses = [client.post(reverse("login"), {"username": name, "password": "sai"},
                            REMOTE_ADDR="93.184.216.7").status_code for name in ("an", "binh", "chau", "an")]
    assert statuses == [200, 200, 200, 429]
    other_address = client.post(reverse("login"), {"username": "binh", "password": "sai"}, REMOTE_ADDR="81.2.69.160")
    assert other_address.status_code == 200


def test_successful_logins_from_one_office_address_never_count(client, db, settings):
    settings.LOGIN_RATE = "3/m"
    for number in range(5):
        UserFactory(username=f"canbo{number}", password=PASSWORD)
    statuses = []
    for number in range(5):
        statuses.append(client.post(reverse("login"), {"username": f"canbo{number}", "password": PASSWORD},
                                    REMOTE_ADDR="93.184.216.7").status_code)
        client.logout()
    assert statuses == [302] * 5


def test_the_login_refusal_says_it_is_about_logging_in(client, db, settings):
    settings.LOGIN_RATE = "1/m"
    client.post(reverse("login"), {"username": "ai", "password": "sai"}, REMOTE_ADDR="93.184.216.7")
    refused = client.post(reverse("login"), {"username": "ai", "password": "sai"}, REMOTE_ADDR="93.184.216.7")
    assert refused.status_code == 429
    assert "Từ địa chỉ này đã có quá nhiều lần đăng nhập sai trong thời gian ngắn." in refused.content.decode()


def test_a_persons_last_role_is_not_revoked_so_they_stay_within_reach(client, tree):
    admin = person_with_role(Role.ADMINISTRATOR, tree["district_a"])
    officer = person_with_role(Role.UNIT_OFFICER, tree["commune_a"], full_name="Lê Thị Hoa")
    only_role = RoleAssignment.objects.get(user=officer)
    client.force_login(admin)
    response = client.post(reverse("role_remove", args=[only_role.pk]), follow=True)
    assert ("Đây là vai trò cuối cùng của Lê Thị Hoa. Muốn đổi vai trò, hãy giao vai trò mới trước rồi thu hồi vai "
            "trò này.") in response.content.decode()
    assert RoleAssignment.objects.filter(pk=only_role.pk).exists()
    # Changing the role: the new one first, then the old one goes.
    services.role_assign(actor=admin, user=officer, unit=tree["commune_a"], role=Role.DRAFTER)
    assert client.post(reverse("role_remove", args=[only_role.pk])).status_code == 302
    assert list(RoleAssignment.objects.filter(user=officer).values_list("role", flat=True)) == [Role.DRAFTER]
