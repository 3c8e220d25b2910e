"""Signing material of a unit: its signature and seal images, its sealed
certificate; and the images as the print template places them."""

import base64
import io
import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from PIL import Image

from emulation.documents import signing
from emulation.documents.layout import Stamp
from emulation.models import SigningMaterial, Unit, User
from emulation.permissions import Action, require
from emulation.services import audit_record
from emulation.text import single_line

logger = logging.getLogger(__name__)
SEALED_UNDER_ANOTHER_SECRET = gettext_lazy(
    "Không mở được chứng thư số đã lưu của %(unit)s (khóa bảo vệ trên máy chủ đã đổi). Quản trị đơn vị hãy tải lại "
    "tệp chứng thư số, hoặc quản trị hệ thống chạy lệnh rotate_signing_secret.")


def _data_uri(png: bytes | None) -> str:
    return f"data:image/png;base64,{base64.b64encode(bytes(png)).decode()}" if png else ""


def _aspect(png: bytes | None) -> float:
    if not png:
        return Stamp.signature_aspect
    with Image.open(io.BytesIO(bytes(png))) as image:
        return image.width / image.height


def signing_material_check(issuer: Unit) -> None:
    """Before a document is issued: the unit's stored certificate still opens
    (cheap; the signing itself happens later, in the worker)."""
    material = SigningMaterial.objects.filter(unit=issuer).first()
    if material is None or not material.has_certificate:
        return
    try:
        signing.unseal(material.pkcs12_sealed)
    except signing.SigningSecretMismatch as error:
        logger.error("Signing material of unit %s: %s", issuer.code, error)
        raise ValidationError(SEALED_UNDER_ANOTHER_SECRET % {"unit": issuer.name}) from error


def stamp_for(issuer: Unit) -> Stamp:
    material = SigningMaterial.objects.filter(unit=issuer).first()
    if material is None:
        return Stamp()
    return Stamp(signature=_data_uri(material.signature_image), seal=_data_uri(material.seal_image),
                 signature_aspect=_aspect(material.signature_image))


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
