"""A person's certificates, registered by their public part only, and their
signature image. A signature is accepted as a person's when its certificate
is registered to them here; the application never receives their key."""

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.serialization import Encoding
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from emulation.documents.signing import check_png
from emulation.models import PersonCertificate, RoleAssignment, User
from emulation.permissions import Action, can
from emulation.services import audit_record

MAX_CERTIFICATE_BYTES = 32 * 1024
KEY_MATERIAL_REFUSED = _("Tệp này chứa khóa bí mật. Chỉ tải lên chứng thư số (tệp .cer, .crt hoặc .pem, phần công "
                         "khai); khóa bí mật của cá nhân không bao giờ được đưa lên hệ thống.")


def _may_manage(actor: User, user: User) -> bool:
    """The person themselves, or an administrator of a unit where they hold a role."""
    if actor.pk == user.pk:
        return True
    units = RoleAssignment.objects.filter(user=user).select_related("unit")
    return any(can(actor, Action.MANAGE_UNIT, assignment.unit) for assignment in units)


def _require_manage(actor: User, user: User) -> None:
    if not actor.is_active or not _may_manage(actor, user):
        raise PermissionDenied(_("Bạn không quản lý được chứng thư số của người này."))


def certificate_parse(data: bytes) -> x509.Certificate:
    """One X.509 certificate in PEM or DER; key material of any kind is refused."""
    if len(data) > MAX_CERTIFICATE_BYTES:
        raise ValidationError(_("Tệp chứng thư số quá lớn (tối đa 32 KB)."))
    if b"PRIVATE KEY" in data:
        raise ValidationError(KEY_MATERIAL_REFUSED)
    try:
        if data.lstrip().startswith(b"-----BEGIN"):
            return x509.load_pem_x509_certificate(data)
        return x509.load_der_x509_certificate(data)
    except ValueError as error:
        if _looks_like_pkcs12(data):
            raise ValidationError(KEY_MATERIAL_REFUSED) from error
        raise ValidationError(_("Không đọc được chứng thư số: tệp phải là chứng thư X.509 (.cer, .crt, .pem)."
                                )) from error


def _looks_like_pkcs12(data: bytes) -> bool:
    from cryptography.hazmat.primitives.serialization import pkcs12  # noqa: PLC0415 — only for this diagnosis

    try:
        pkcs12.load_pkcs12(data, None)
    except ValueError as error:
        # A password-protected PKCS#12 file says so; anything else is not one.
        return "password" in str(error).lower() or "mac" in str(error).lower()
    return True


def _name(name: x509.Name) -> str:
    return name.rfc4514_string()


@transaction.atomic
def certificate_register(*, actor: User, user: User, data: bytes) -> PersonCertificate:
    _require_manage(actor, user)
    certificate = certificate_parse(data)
    fingerprint = certificate.fingerprint(hashes.SHA256()).hex()
    existing = PersonCertificate.objects.filter(fingerprint_sha256=fingerprint, retired_at__isnull=True) \
        .select_related("user").first()
    if existing is not None:
        if existing.user_id == user.pk:
            return existing
        raise ValidationError(_("Chứng thư số này đã được đăng ký cho %(name)s.") % {
            "name": existing.user.get_full_name()})
    if certificate.not_valid_after_utc < timezone.now():
        raise ValidationError(_("Chứng thư số đã hết hạn ngày %(date)s; hãy đăng ký chứng thư còn hiệu lực.") % {
            "date": f"{timezone.localtime(certificate.not_valid_after_utc):%d/%m/%Y}"})
    try:
        with transaction.atomic():
            registered = PersonCertificate.objects.create(
                user=user, fingerprint_sha256=fingerprint, subject=_name(certificate.subject)[:500],
                issuer=_name(certificate.issuer)[:500], serial=format(certificate.serial_number, "x")[:80],
                not_before=certificate.not_valid_before_utc, not_after=certificate.not_valid_after_utc,
                pem=certificate.public_bytes(Encoding.PEM).decode(), registered_by=actor)
    except IntegrityError as error:  # registered meanwhile by someone else
        raise ValidationError(_("Chứng thư số này vừa được đăng ký cho người khác.")) from error
    audit_record(actor=actor, target=user, action="certificate.register", changes={
        _("chứng thư"): registered.subject, _("số hiệu"): registered.serial, _("tổ chức cấp"): registered.issuer})
    return registered


@transaction.atomic
def certificate_retire(*, actor: User, certificate: PersonCertificate) -> PersonCertificate:
    _require_manage(actor, certificate.user)
    if certificate.retired_at is None:
        certificate.retired_at = timezone.now()
        certificate.save(update_fields=["retired_at"])
        audit_record(actor=actor, target=certificate.user, action="certificate.retire",
                     changes={_("chứng thư"): certificate.subject, _("số hiệu"): certificate.serial})
    return certificate


def signature_image_save(*, actor: User, user: User, png: bytes) -> User:
    """The image the person's own digital signature draws in the signature block."""
    _require_manage(actor, user)
    check_png(png, label=_("Ảnh chữ ký"))
    user.signature_image = png
    user.save(update_fields=["signature_image"])
    audit_record(actor=actor, target=user, action="user.signature_image", changes={_("ảnh chữ ký"): _("đã thay")})
    return user

