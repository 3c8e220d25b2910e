"""Official documents: render once at issue, sign, store with SHA-256, verify.

Apps give an HTML builder; this module owns numbering of verification codes,
the QR code, rendering, signing and the stored file."""

import base64
import datetime
import hashlib
import io
import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from emulation import signing
from emulation.files import file_store, files_discarded_on_error
from emulation.models import OfficialDocument, SigningMaterial, Unit, User
from emulation.pdf import render_pdf
from emulation.permissions import Action, require
from emulation.services import audit_record
from emulation.text import single_line

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I

logger = logging.getLogger(__name__)


@dataclass
class Verification:
    code: str
    url: str
    qr_svg: str


@dataclass
class Stamp:
    """Images printed in the signature block (data: URIs, nothing fetched)."""

    signature: str = ""
    seal: str = ""


def new_verification_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def verification_for(code: str) -> Verification:
    import qrcode
    import qrcode.image.svg

    url = settings.SITE_URL + reverse("document_verify", args=[code])
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=1)
    svg = image.to_string(encoding="unicode")
    return Verification(code=code, url=url, qr_svg=svg[svg.index("<svg"):])


def _data_uri(png: bytes | None) -> str:
    return f"data:image/png;base64,{base64.b64encode(bytes(png)).decode()}" if png else ""


def stamp_for(issuer: Unit) -> Stamp:
    material = SigningMaterial.objects.filter(unit=issuer).first()
    if material is None:
        return Stamp()
    return Stamp(signature=_data_uri(material.signature_image), seal=_data_uri(material.seal_image))


def draft_pdf(html: str) -> bytes:
    return render_pdf(html)


def _page_count(pdf: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


@files_discarded_on_error()
@transaction.atomic
def official_document_issue(
    *, target, issuer: Unit, doc_type: str, number_symbol: str, issued_on: datetime.date, subject: str,
    signer_name: str, build_html: Callable[[Verification, Stamp], str],
) -> OfficialDocument:
    """Render, sign (when the unit has a certificate) and store the issued PDF."""
    code = new_verification_code()
    while OfficialDocument.objects.filter(verification_code=code).exists():
        code = new_verification_code()
    pdf = render_pdf(build_html(verification_for(code), stamp_for(issuer)))
    material = SigningMaterial.objects.filter(unit=issuer).first()
    signed = material is not None and material.has_certificate
    if signed:
        try:
            pkcs12_data = signing.unseal(material.pkcs12_sealed)
            password = signing.unseal(material.password_sealed).decode()
        except signing.SigningSecretMismatch as error:
            logger.error("Signing material of unit %s: %s", issuer.code, error)
            raise ValidationError(_(
                "Không mở được chứng thư số đã lưu của %(unit)s (khóa bảo vệ trên máy chủ đã đổi). Quản trị đơn vị "
                "hãy tải lại tệp chứng thư số, hoặc quản trị hệ thống chạy lệnh rotate_signing_secret."
            ) % {"unit": issuer.name}) from error
        pdf = signing.sign_pdf(
            pdf, pkcs12_data=pkcs12_data, password=password, signer_name=issuer.name,
            reason=_("Ban hành %(number)s") % {"number": number_symbol}, location=issuer.place_name,
        )
    document = OfficialDocument(
        content_type=ContentType.objects.get_for_model(target), object_id=target.pk, issuer=issuer,
        doc_type=doc_type, number_symbol=number_symbol, issued_on=issued_on, subject=subject,
        verification_code=code, sha256=hashlib.sha256(pdf).hexdigest(), page_count=_page_count(pdf),
        signed=signed, signer_name=signer_name, certificate_pem=material.certificate_pem if signed else "",
    )
    file_store(document.pdf, f"{number_symbol.replace('/', '-')}-{code}.pdf", ContentFile(pdf))
    document.save()
    return document


def official_document_of(target) -> OfficialDocument | None:
    return OfficialDocument.objects.filter(content_type=ContentType.objects.get_for_model(target),
                                           object_id=target.pk).first()


def document_bytes(document: OfficialDocument) -> bytes:
    with document.pdf.open("rb") as handle:
        return handle.read()


def trust_roots_for(document: OfficialDocument) -> list[str]:
    """Configured national roots, plus the certificate the unit registered here."""
    roots = []
    for path in getattr(settings, "SIGNATURE_TRUST_ROOTS", []):
        try:
            with open(path, encoding="ascii") as handle:
                roots.append(handle.read())
        except OSError:
            # A root lost in a move or a restore must not take the public page down with it.
            logger.exception("Trust root %s in SIGNATURE_TRUST_ROOTS cannot be read; left out.", path)
    if document.certificate_pem:
        roots.append(document.certificate_pem)
    return roots


@dataclass
class UploadCheck:
    matches: bool
    sha256: str
    signature: signing.SignatureCheck | None = None


SIGNATURE_CACHE_SECONDS = 24 * 60 * 60


def signature_cache_key(document: OfficialDocument, pdf: bytes, roots: list[str] | None = None) -> str:
    """Per document, per stored file and per set of trust roots: a re-issued
    or replaced file, or a change of roots, is checked anew."""
    roots = trust_roots_for(document) if roots is None else roots
    roots_digest = hashlib.sha256("\n".join(roots).encode()).hexdigest()
    return f"verify:signature:{document.pk}:{hashlib.sha256(pdf).hexdigest()}:{roots_digest}"


def stored_signature_check(document: OfficialDocument) -> signing.SignatureCheck | None:
    """The signature check of the stored file, which the public verification
    page shows on every visit. A check costs ~150 ms, so it is kept in the
    shared cache; for a day only, since certificates expire."""
    if not document.signed:
        return None
    stored = document_bytes(document)
    roots = trust_roots_for(document)
    key = signature_cache_key(document, stored, roots)
    check = cache.get(key)
    if check is None:
        check = signing.check_signature(stored, roots)
        cache.set(key, check, SIGNATURE_CACHE_SECONDS)
    return check


def document_compare(document: OfficialDocument, uploaded: bytes) -> UploadCheck:
    digest = hashlib.sha256(uploaded).hexdigest()
    signature = signing.check_signature(uploaded, trust_roots_for(document)) if document.signed else None
    return UploadCheck(matches=secrets.compare_digest(digest, document.sha256), sha256=digest, signature=signature)


MAX_UPLOAD_BYTES = 20 * 1024 * 1024


def read_upload(upload) -> bytes:
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(_("Tệp quá lớn (tối đa 20 MB)."))
    data = upload.read()
    if not data.startswith(b"%PDF-"):
        raise ValidationError(_("Tệp tải lên không phải là tệp PDF."))
    try:
        signing.embedded_signatures(data)
    except signing.UnreadablePdf as error:
        raise ValidationError(_("Không đọc được tệp PDF này: tệp bị hỏng hoặc không đúng cấu trúc PDF.")) from error
    return data


@transaction.atomic
def signing_material_save(
    *, actor: User | None, unit: Unit, signature_image: bytes | None = None, signature_owner: str | None = None,
    seal_image: bytes | None = None, pkcs12: bytes | None = None, pkcs12_password: str = "",
) -> SigningMaterial:
    """Replace the parts given; each is checked first, nothing is stored half-way.
    ``actor=None`` is the system (demo data)."""
    if actor is not None:
        require(actor, Action.MANAGE_UNIT, unit, _("Bạn không quản trị đơn vị này."))
    errors = {}
    if signature_image is not None:
        try:
            signing.check_png(signature_image, label=_("Ảnh chữ ký"))
        except ValidationError as error:
            errors["signature_image"] = error.messages
    if seal_image is not None:
        try:
            signing.check_png(seal_image, label=_("Ảnh con dấu"))
        except ValidationError as error:
            errors["seal_image"] = error.messages
    facts = None
    if pkcs12 is not None:
        try:
            facts = signing.read_pkcs12(pkcs12, pkcs12_password)
        except ValidationError as error:
            errors["pkcs12"] = error.messages
    if errors:
        raise ValidationError(errors)
    material, _created = SigningMaterial.objects.select_for_update().get_or_create(unit=unit)
    changed = []
    if signature_image is not None:
        material.signature_image = signature_image
        changed.append(_("ảnh chữ ký"))
    if signature_owner is not None:
        material.signature_owner = signature_owner
    if seal_image is not None:
        material.seal_image = seal_image
        changed.append(_("ảnh con dấu"))
    if facts is not None:
        material.pkcs12_sealed = signing.seal(pkcs12)
        material.password_sealed = signing.seal(pkcs12_password.encode())
        material.certificate_subject = single_line(facts.subject, max_length=500)
        material.certificate_not_after = facts.not_after
        material.certificate_pem = facts.pem
        changed.append(_("chứng thư số"))
    material.updated_by = actor
    material.save()
    audit_record(actor=actor, target=unit, action="signing.update", changes={_("đã thay"): ", ".join(changed)})
    return material


@transaction.atomic
def signing_material_reseal(*, old_secret: str) -> int:
    """Re-seal every stored certificate and password with the current
    SIGNING_SECRET; all or nothing. Returns how many units were re-sealed."""
    materials = list(SigningMaterial.objects.select_for_update(of=("self",)).exclude(pkcs12_sealed=None)
                     .select_related("unit"))
    unreadable = []
    for material in materials:
        try:
            material.pkcs12_sealed = signing.reseal(material.pkcs12_sealed, old_secret=old_secret)
            material.password_sealed = signing.reseal(material.password_sealed, old_secret=old_secret)
        except signing.SigningSecretMismatch:
            unreadable.append(material.unit.code)
    if unreadable:
        raise signing.SigningSecretMismatch(
            f"The signing material of {len(unreadable)} unit(s) ({', '.join(unreadable)}) opens with neither the "
            "old nor the current SIGNING_SECRET; nothing was changed.")
    SigningMaterial.objects.bulk_update(materials, ["pkcs12_sealed", "password_sealed"], batch_size=500)
    return len(materials)
