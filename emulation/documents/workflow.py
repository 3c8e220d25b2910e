"""The Nghị định 30 chain as offices run it: a submitted document is rendered
for its assigned signer; the signer signs with their own certificate (through
the remote signing provider, or in their own tool and uploaded); the records
clerk of the issuing unit numbers it and applies the agency's signature.

Apps register what "issue" means for each of their documents
(``chain_register``); this module owns the stages and their checks, and never
holds a person's key: remote signing sends a digest and receives a signature
value, an upload brings a file already signed."""

import datetime
import hashlib
import logging
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass

from asn1crypto import pem as asn1_pem
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import signing as django_signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from emulation.documents import chain, signing
from emulation.documents.approval import approval_render
from emulation.documents.issue import issued_signing, layout_for, new_verification_code
from emulation.documents.providers import ProviderError, remote_signing_provider
from emulation.documents.remote import (
    RemoteSignatureInvalid,
    preparation_from_json,
    preparation_to_json,
    remote_finish,
    remote_prepare,
)
from emulation.documents.token import TokenUnavailable, agency_token_settings, token_signer
from emulation.documents.trust import trust_roots, validation_context
from emulation.documents.upload_check import UploadRefused, person_upload_check
from emulation.errors import ExplainedError
from emulation.files import file_store, files_discarded_on_error
from emulation.models import (
    DocumentSigning,
    OfficialDocument,
    PersonCertificate,
    RemoteSigning,
    RemoteSigningState,
    Role,
    SigningMaterial,
    SigningMethod,
    SigningStage,
    Unit,
    User,
)
from emulation.permissions import Action, can, people_holding, require
from emulation.services import audit_record, enqueue_safely, notifications_send

logger = logging.getLogger(__name__)

REMOTE_POLL_SECONDS = 2


def remote_signing_expiry() -> datetime.timedelta:
    """How long a person has to approve on their phone, unless the provider says less."""
    return datetime.timedelta(seconds=settings.REMOTE_SIGNING_EXPIRY_SECONDS)


@dataclass(frozen=True)
class ChainKind:
    """``issue(actor=clerk, target=…)`` numbers and issues the document in the
    clerk's transaction (the app's own service: register, state, bindings,
    ``official_document_register``); ``page_url(target)`` is where it is read."""

    issue: Callable
    page_url: Callable[[object], str]


CHAIN_KINDS: dict[str, ChainKind] = {}


def chain_register(model_label: str, *, issue: Callable, page_url: Callable[[object], str]) -> None:
    CHAIN_KINDS[model_label.lower()] = ChainKind(issue=issue, page_url=page_url)


def _kind(target) -> ChainKind:
    return CHAIN_KINDS[target._meta.label_lower]


def page_url_of(target) -> str:
    return _kind(target).page_url(target)


def signing_of(target) -> DocumentSigning | None:
    """The signing in progress or done for ``target`` (not a withdrawn one)."""
    return DocumentSigning.objects.filter(
        content_type=ContentType.objects.get_for_model(target), object_id=target.pk,
    ).exclude(stage=SigningStage.WITHDRAWN).select_related("signer", "issuer").first()


def signing_taken_by_clerk(target) -> bool:
    """Inside the clerk's transaction: ``document_issue`` has taken this
    document's signing (the app's issue service checks it is called so)."""
    return issued_signing(target) is not None


def _reserved_code() -> str:
    code = new_verification_code()
    while DocumentSigning.objects.filter(verification_code=code).exists() or \
            OfficialDocument.objects.filter(verification_code=code).exists():
        code = new_verification_code()
    return code


def signer_check(signer: User | None, issuer: Unit) -> None:
    """The person chosen to sign holds the signer's role in the issuing unit."""
    if signer is None:
        raise ValidationError({"signer": _("Hãy chọn người ký.")})
    if not can(signer, Action.SIGN_PLAN, issuer):
        raise ValidationError({"signer": _("%(name)s không phải người ký của %(unit)s.") % {
            "name": signer.get_full_name(), "unit": issuer.name}})


def signing_open(*, actor: User | None, target, issuer: Unit, doc_type: str, signer: User, subject: str = ""
                 ) -> DocumentSigning:
    """In the submitting transaction: the document goes to ``signer`` (whom
    the caller has checked: a unit's signer, or a meeting's chair); the worker
    renders the file they will sign once this commits."""
    from emulation.tasks import signing_prepare_task  # noqa: PLC0415 — tasks import this module

    if signing_of(target) is not None:
        raise ValidationError(_("Văn bản này đã được trình ký."))
    document_signing = DocumentSigning.objects.create(
        content_type=ContentType.objects.get_for_model(target), object_id=target.pk, issuer=issuer,
        doc_type=doc_type, subject=(subject or str(target))[:500], signer=signer, verification_code=_reserved_code())
    audit_record(actor=actor, target=target, action="signing.open", changes={_("người ký"): signer.get_full_name()})
    transaction.on_commit(lambda: enqueue_safely(signing_prepare_task, document_signing.pk))
    return document_signing


def _record(layout, document_signing: DocumentSigning) -> dict[str, str]:
    metadata = layout.metadata
    return {
        "LoaiVanBan": str(document_signing.get_doc_type_display()),
        "CoQuanBanHanh": metadata.issuer if metadata else document_signing.issuer.name,
        "TrichYeu": metadata.subject if metadata else "", "NguoiKy": document_signing.signer.get_full_name(),
        "ChucVuNguoiKy": metadata.signer_title if metadata else "", "MaXacMinh": document_signing.verification_code,
    }


class _AlreadyDone(Exception):
    """Another worker finished this step first; the copy made here is discarded."""


def signing_prepare(*, signing_id: int) -> DocumentSigning:
    """Render the file handed to the signer. Idempotent; the render runs
    outside any transaction; a failure is written on the signing and raised
    again so that the task is retried."""
    document_signing = DocumentSigning.objects.select_related("signer", "issuer").get(pk=signing_id)
    if document_signing.stage != SigningStage.PREPARING:
        return document_signing
    try:
        with files_discarded_on_error():
            layout = layout_for(document_signing.target)
            approval = approval_render(layout, verification_code=document_signing.verification_code,
                                       record=_record(layout, document_signing))
            with transaction.atomic():
                locked = DocumentSigning.objects.select_for_update().get(pk=signing_id)
                if locked.stage != SigningStage.PREPARING:
                    raise _AlreadyDone
                file_store(locked.approval_pdf, f"trinh-ky-{locked.verification_code}.pdf", ContentFile(approval.pdf))
                locked.approval_sha256 = hashlib.sha256(approval.pdf).hexdigest()
                locked.stage, locked.prepare_error = SigningStage.AWAITING_PERSON, ""
                locked.save()
    except _AlreadyDone:
        return DocumentSigning.objects.get(pk=signing_id)
    except Exception as error:
        DocumentSigning.objects.filter(pk=signing_id, stage=SigningStage.PREPARING).update(
            prepare_error=_("Không tạo được tệp để ký (%(error)s).") % {"error": type(error).__name__},
            prepare_attempts=F("prepare_attempts") + 1)
        raise
    return DocumentSigning.objects.get(pk=signing_id)


def signing_withdraw(*, actor: User, target) -> None:
    """The document went back to its drafter (the caller records why): its
    signing ends, any request waiting on a phone is cancelled."""
    document_signing = signing_of(target)
    if document_signing is None:
        return
    if document_signing.stage not in (SigningStage.PREPARING, SigningStage.AWAITING_PERSON,
                                      SigningStage.AWAITING_CLERK):
        raise ValidationError(_("Văn bản đã ban hành, không trả lại được."))
    for remote in document_signing.remote_requests.filter(state=RemoteSigningState.PENDING):
        _remote_cancel_at_provider(remote)
    document_signing.remote_requests.filter(state=RemoteSigningState.PENDING).update(
        state=RemoteSigningState.CANCELLED, finished_at=timezone.now())
    DocumentSigning.objects.filter(pk=document_signing.pk).update(stage=SigningStage.WITHDRAWN)
    audit_record(actor=actor, target=target, action="signing.withdraw")


def _read(field) -> bytes:
    with field.open("rb") as handle:
        return handle.read()


def approval_file(document_signing: DocumentSigning) -> bytes:
    return _read(document_signing.approval_pdf)


def signed_file(document_signing: DocumentSigning) -> bytes:
    return _read(document_signing.signed_pdf)


def _require_signer(actor: User, document_signing: DocumentSigning) -> None:
    if not actor.is_active or actor.pk != document_signing.signer_id:
        raise PermissionDenied(_("Văn bản này được trình cho %(name)s ký; chỉ người đó ký được.") % {
            "name": document_signing.signer.get_full_name()})


def _require_awaiting_person(document_signing: DocumentSigning) -> None:
    if document_signing.stage == SigningStage.PREPARING:
        raise ValidationError(_("Tệp để ký đang được chuẩn bị; vui lòng chờ trong giây lát."))
    if document_signing.stage != SigningStage.AWAITING_PERSON:
        raise ValidationError(_("Văn bản này không còn chờ chữ ký của người ký (%(stage)s).") % {
            "stage": document_signing.get_stage_display()})


def registered_fingerprints(user: User) -> set[str]:
    return set(PersonCertificate.objects.filter(user=user, retired_at__isnull=True)
               .values_list("fingerprint_sha256", flat=True))


def _person_signature_store(*, actor: User | None, signing_id: int, pdf: bytes, accepted, method: str) -> bool:
    """Keep the person's signed file and hand the document to the clerks.
    False when the signing had already moved on (a retried task, the page and
    the worker finishing the same request): the stage moves once."""
    document_signing = DocumentSigning.objects.select_related("signer", "issuer").get(pk=signing_id)
    report = accepted.report
    try:
        with files_discarded_on_error(), transaction.atomic():
            file_store(document_signing.signed_pdf, f"da-ky-{document_signing.verification_code}.pdf",
                       ContentFile(pdf))
            moved = DocumentSigning.objects.filter(pk=signing_id, stage=SigningStage.AWAITING_PERSON).update(
                stage=SigningStage.AWAITING_CLERK, signed_pdf=document_signing.signed_pdf.name,
                signed_sha256=hashlib.sha256(pdf).hexdigest(), signed_at=report.signed_at or timezone.now(),
                signed_by_method=method, certificate_subject=report.signer[:500],
                certificate_issuer=report.issuer[:500], certificate_serial=report.serial[:80],
                certificate_fingerprint=report.fingerprint, updated_at=timezone.now())
            if moved != 1:
                raise _AlreadyDone
            target = document_signing.target
            audit_record(actor=actor or document_signing.signer, target=target, action="signing.person_signed",
                         changes={_("người ký"): document_signing.signer.get_full_name(),
                                  _("cách ký"): str(SigningMethod(method).label), _("chứng thư"): report.signer,
                                  _("số hiệu chứng thư"): report.serial, _("tổ chức cấp"): report.issuer})
            clerks = list(people_holding(Role.CLERK, document_signing.issuer))
            if clerks:
                notifications_send(recipients=clerks, title=_("Văn bản đã ký, chờ vào số: %(subject)s") % {
                    "subject": str(target)[:120]}, body=_(
                    "%(name)s đã ký số. Văn thư vào số, ký số của cơ quan và ban hành.") % {
                    "name": document_signing.signer.get_full_name()}, url=page_url_of(target))
    except _AlreadyDone:
        return False
    return True


def _accepted_from_pdf(document_signing: DocumentSigning, pdf: bytes):
    """The same checks for a file finished here (remote signing) as for an upload."""
    return person_upload_check(
        approval_file(document_signing), pdf, trust_roots=trust_roots(),
        registered_fingerprints=registered_fingerprints(document_signing.signer),
        signer_name=document_signing.signer.get_full_name())


def person_upload(*, actor: User, document_signing: DocumentSigning, uploaded: bytes) -> DocumentSigning:
    """A file the signer signed in their own tool. Every refusal is in the
    history with the check that failed, and leaves the document where it was."""
    _require_signer(actor, document_signing)
    _require_awaiting_person(document_signing)
    try:
        accepted = _accepted_from_pdf(document_signing, uploaded)
    except UploadRefused as refusal:
        audit_record(actor=actor, target=document_signing.target, action="signing.upload_refused",
                     reason=refusal.message, changes={_("kiểm tra"): refusal.check})
        raise ValidationError(refusal.message, code=refusal.check) from refusal
    if not _person_signature_store(actor=actor, signing_id=document_signing.pk, pdf=accepted.pdf,
                                   accepted=accepted, method=SigningMethod.UPLOAD):
        raise ValidationError(_("Văn bản này không còn chờ chữ ký của người ký."))
    document_signing.refresh_from_db()
    return document_signing


# Addresses for a signing tool -------------------------------------------------------------------
# The VGCA Sign Service (and any tool that cannot carry the person's session and
# CSRF token) downloads the prepared file and uploads the signed one through two
# addresses that name one signing, the file handed out and its signer, and
# expire. They serve only while that file awaits that signer's signature: once a
# signed file is accepted (or the draft is returned) they are spent.

TOOL_ADDRESS_SALT = "thidua.signing.tool-address"


class ToolAddressRefused(ExplainedError):
    """An address for a signing tool that is forged, expired or spent; ``status`` is the HTTP answer."""

    def __init__(self, message: str, *, status: int, detail: str = ""):
        super().__init__(message, detail=detail)
        self.status = status


def tool_address_token(document_signing: DocumentSigning) -> str:
    return django_signing.TimestampSigner(salt=TOOL_ADDRESS_SALT).sign_object({
        "signing": document_signing.pk, "file": document_signing.approval_sha256,
        "signer": document_signing.signer_id})


def signing_of_tool_address(token: str) -> DocumentSigning:
    """The signing a tool's address names, while its file still awaits its signer."""
    try:
        named = django_signing.TimestampSigner(salt=TOOL_ADDRESS_SALT).unsign_object(
            token, max_age=settings.SIGNING_TOOL_ADDRESS_SECONDS)
    except django_signing.SignatureExpired as error:
        raise ToolAddressRefused(_("Địa chỉ ký số đã hết hạn. Hãy mở lại văn bản để lấy địa chỉ mới."), status=410,
                                 detail="expired tool address") from error
    except django_signing.BadSignature as error:
        raise ToolAddressRefused(_("Địa chỉ ký số không hợp lệ."), status=403,
                                 detail="tool address with a bad signature") from error
    document_signing = DocumentSigning.objects.select_related("signer", "issuer", "content_type").filter(
        pk=named["signing"]).first()
    if (document_signing is None or document_signing.approval_sha256 != named["file"]
            or document_signing.signer_id != named["signer"]
            or document_signing.stage != SigningStage.AWAITING_PERSON):
        raise ToolAddressRefused(_("Địa chỉ ký số này đã được dùng, hoặc văn bản không còn chờ chữ ký này. Hãy mở "
                                   "lại văn bản để xem tình trạng."), status=410, detail=f"spent tool address {named}")
    return document_signing


# Remote signing -------------------------------------------------------------------------------

def remote_credentials(user: User) -> list:
    """The person's credentials at the provider, each with whether its
    certificate is registered to them here."""
    provider = remote_signing_provider()
    registered = registered_fingerprints(user)
    found = []
    for credential_id in provider.credentials(user.username):
        info = provider.credential_info(credential_id)
        fingerprint = hashlib.sha256(info.certificates[0]).hexdigest() if info.certificates else ""
        found.append((info, fingerprint in registered))
    return found


def remote_signing_start(*, actor: User, document_signing: DocumentSigning, credential_id: str) -> RemoteSigning:
    """Send the digest to the provider; the person approves on their phone and
    the worker finishes the file. The provider's refusals become messages."""
    from emulation.tasks import remote_signing_poll_task  # noqa: PLC0415 — tasks import this module

    _require_signer(actor, document_signing)
    _require_awaiting_person(document_signing)
    if document_signing.remote_requests.filter(state=RemoteSigningState.PENDING).exists():
        raise ValidationError(_("Đã có một yêu cầu đang chờ xác nhận trên điện thoại; hãy xác nhận hoặc hủy nó."))
    provider = remote_signing_provider()
    try:
        info = provider.credential_info(credential_id)
    except ProviderError as error:
        raise ValidationError(error.message) from error
    if not info.certificates:
        raise ValidationError(_("Nhà cung cấp không trả về chứng thư số của tài khoản ký này."))
    if not info.key_enabled or info.certificate_status != "valid":
        raise ValidationError(_("Chứng thư số “%(name)s” không dùng được để ký (nhà cung cấp báo: %(status)s).") % {
            "name": info.subject, "status": info.certificate_status if info.key_enabled else _("khóa bị tắt")})
    fingerprint = hashlib.sha256(info.certificates[0]).hexdigest()
    if fingerprint not in registered_fingerprints(document_signing.signer):
        raise ValidationError(_("Chứng thư số “%(name)s” chưa được đăng ký cho %(signer)s. Hãy đăng ký chứng thư "
                                "này trong hồ sơ cá nhân trước khi ký.") % {
            "name": info.subject, "signer": document_signing.signer.get_full_name()})
    preparation = remote_prepare(
        approval_file(document_signing), certificates=list(info.certificates),
        name=document_signing.signer.get_full_name(),
        signature_png=bytes(actor.signature_image) if actor.signature_image else None,
        reason=_("Ký duyệt văn bản"), location=document_signing.issuer.place_name)
    try:
        pending = provider.sign_hash(credential_id, preparation.hash_to_sign,
                                     description=_("Ký văn bản của %(unit)s") % {"unit": document_signing.issuer.name})
    except ProviderError as error:
        audit_record(actor=actor, target=document_signing.target, action="signing.remote_refused",
                     reason=error.message)
        raise ValidationError(error.message) from error
    expires_in = datetime.timedelta(seconds=pending.expires_in) if pending.expires_in else remote_signing_expiry()
    remote = RemoteSigning.objects.create(
        signing=document_signing, credential_id=credential_id, transaction_id=pending.transaction_id,
        preparation=preparation_to_json(preparation),
        expires_at=timezone.now() + min(expires_in, remote_signing_expiry()))
    audit_record(actor=actor, target=document_signing.target, action="signing.remote_requested",
                 changes={_("chứng thư"): info.subject, _("số hiệu chứng thư"): format(info.serial, "x")})
    transaction.on_commit(lambda: _poll_later(remote_signing_poll_task, remote.pk))
    return remote


def _poll_later(task, remote_id: int) -> None:
    try:
        task.apply_async(args=[remote_id], countdown=REMOTE_POLL_SECONDS)
    except Exception:  # kombu/redis raise many kinds of connection errors
        logger.exception("Could not enqueue the poll of remote signing %s; the page asks again.", remote_id)


def _remote_settle(remote_id: int, state: str, error: str = "") -> RemoteSigning:
    RemoteSigning.objects.filter(pk=remote_id, state=RemoteSigningState.PENDING).update(
        state=state, error=error[:500], finished_at=timezone.now())
    return RemoteSigning.objects.select_related("signing").get(pk=remote_id)


def remote_signing_poll(*, remote_id: int) -> RemoteSigning:
    """Ask the provider once. Idempotent: a settled request is returned as it
    is; an approved one is finished from the stored preparation, and a retry
    after a crash finishes it again from the same state, storing it once."""
    remote = RemoteSigning.objects.select_related("signing", "signing__signer").get(pk=remote_id)
    if remote.state != RemoteSigningState.PENDING:
        return remote
    provider = remote_signing_provider()
    if timezone.now() >= remote.expires_at:
        _remote_cancel_at_provider(remote)
        return _remote_settle(remote_id, RemoteSigningState.EXPIRED,
                              _("Hết thời gian chờ xác nhận trên điện thoại. Hãy gửi lại yêu cầu ký."))
    try:
        status = provider.status(remote.transaction_id)
    except ProviderError as error:
        logger.warning("Remote signing %s: %s", remote_id, error.detail)
        return _remote_settle(remote_id, RemoteSigningState.FAILED, error.message) \
            if not isinstance(error, _transient_errors()) else remote
    if status.state == "pending":
        return remote
    if status.state != "approved":
        messages = {"refused": _("Người ký đã từ chối yêu cầu trên điện thoại."),
                    "expired": _("Yêu cầu đã hết hạn ở nhà cung cấp dịch vụ ký số."),
                    "cancelled": _("Yêu cầu đã bị hủy.")}
        state = {"refused": RemoteSigningState.REFUSED, "expired": RemoteSigningState.EXPIRED}.get(
            status.state, RemoteSigningState.CANCELLED)
        return _remote_settle(remote_id, state, messages.get(status.state, ""))
    document_signing = remote.signing
    try:
        pdf = remote_finish(preparation_from_json(remote.preparation), status.signature,
                            validation_context=validation_context())
        accepted = _accepted_from_pdf(document_signing, pdf)
    except RemoteSignatureInvalid as error:
        return _remote_settle(remote_id, RemoteSigningState.FAILED, str(error))
    except UploadRefused as refusal:
        return _remote_settle(remote_id, RemoteSigningState.FAILED, refusal.message)
    _person_signature_store(actor=document_signing.signer, signing_id=document_signing.pk, pdf=accepted.pdf,
                            accepted=accepted, method=SigningMethod.REMOTE)
    return _remote_settle(remote_id, RemoteSigningState.SIGNED)


def _transient_errors() -> tuple[type, ...]:
    from emulation.documents.providers import ProviderUnreachable  # noqa: PLC0415 — one name, kept beside its use

    return (ProviderUnreachable,)


def _remote_cancel_at_provider(remote: RemoteSigning) -> None:
    try:
        remote_signing_provider().cancel(remote.transaction_id)
    except ProviderError as error:
        # The request expires at the provider on its own; the person is told here either way.
        logger.warning("Cancelling remote signing %s at the provider: %s", remote.pk, error.detail)


def remote_signing_cancel(*, actor: User, remote: RemoteSigning) -> RemoteSigning:
    _require_signer(actor, remote.signing)
    if remote.state != RemoteSigningState.PENDING:
        return remote
    _remote_cancel_at_provider(remote)
    audit_record(actor=actor, target=remote.signing.target, action="signing.remote_cancelled")
    return _remote_settle(remote.pk, RemoteSigningState.CANCELLED, _("Bạn đã hủy yêu cầu ký."))


# The clerk's issue ----------------------------------------------------------------------------

def agency_key_check(issuer: Unit) -> None:
    """Before the clerk issues: the unit has an agency key, on a token or sealed here."""
    if agency_token_settings(issuer.code) is not None:
        return
    material = SigningMaterial.objects.filter(unit=issuer).first()
    if material is None or not material.has_certificate:
        raise ValidationError(_("%(unit)s chưa có chứng thư số cơ quan. Quản trị đơn vị cần cài đặt chứng thư số "
                                "của cơ quan trước khi văn thư ban hành.") % {"unit": issuer.name})
    try:
        signing.unseal(material.pkcs12_sealed)
    except signing.SigningSecretMismatch as error:
        from emulation.documents.material import SEALED_UNDER_ANOTHER_SECRET  # noqa: PLC0415 — material imports issue

        raise ValidationError(SEALED_UNDER_ANOTHER_SECRET % {"unit": issuer.name}) from error


def person_signature_problem(document_signing: DocumentSigning) -> str:
    """Why the stored person's signature would not carry the document, or ""."""
    reports = chain.signatures_report(signed_file(document_signing), trust_roots())
    person = next((report for report in reports if report.field_name == chain.FIELD_PERSON), None)
    if person is None:
        return _("Văn bản chưa có chữ ký số của người ký.")
    if not person.intact:
        return _("Chữ ký số của người ký không còn nguyên vẹn.")
    if not person.trusted:
        return _("Chứng thư số của người ký không thuộc chuỗi tin cậy đã cấu hình.")
    if person.revocation == "revoked":
        return _("Chứng thư số của người ký đã bị thu hồi.")
    if person.expired:
        return _("Chứng thư số của người ký đã hết hạn.")
    return ""


def document_issue(*, actor: User, document_signing: DocumentSigning):
    """The clerk's action: checks first (the person's signature present and
    valid, the agency key ready), then the app's issue in one transaction that
    takes the signing from the clerks' queue exactly once."""
    require(actor, Action.ISSUE_DOCUMENT, document_signing.issuer,
            _("Chỉ văn thư của đơn vị ban hành được vào số và ban hành văn bản."))
    if document_signing.stage == SigningStage.ISSUED:
        raise ValidationError(_("Văn bản đã được vào số và ban hành."))
    if document_signing.stage != SigningStage.AWAITING_CLERK:
        raise ValidationError(_("Người ký chưa ký số văn bản này; văn thư chỉ đóng dấu số và ban hành sau khi có "
                                "chữ ký hợp lệ của người ký."))
    problem = person_signature_problem(document_signing)
    if problem:
        raise ValidationError(problem)
    agency_key_check(document_signing.issuer)
    with transaction.atomic():
        taken = DocumentSigning.objects.filter(pk=document_signing.pk, stage=SigningStage.AWAITING_CLERK).update(
            stage=SigningStage.ISSUED)
        if taken != 1:
            raise ValidationError(_("Văn bản đã được vào số và ban hành."))
        target = _kind(document_signing.target).issue(actor=actor, target=document_signing.target)
    return target


@contextmanager
def agency_signer(issuer: Unit):
    """The agency's signer and its certificate's PEM: the token when one is
    configured for the unit, else the sealed PKCS#12 file."""
    from pyhanko.sign import signers  # noqa: PLC0415 — pyHanko is slow to import (~0.5 s)

    token = agency_token_settings(issuer.code)
    if token is not None:
        with token_signer(token) as signer:
            # From the open session: a second one would log in twice, which PKCS#11 refuses.
            yield signer, asn1_pem.armor("CERTIFICATE", signer.signing_cert.dump()).decode()
        return
    material = SigningMaterial.objects.filter(unit=issuer).first()
    if material is None or not material.has_certificate:
        raise ValidationError(_("%(unit)s chưa có chứng thư số cơ quan.") % {"unit": issuer.name})
    pkcs12_data = signing.unseal(material.pkcs12_sealed)
    password = signing.unseal(material.password_sealed).decode()
    yield signers.SimpleSigner.load_pkcs12_data(pkcs12_data, other_certs=[],
                                                passphrase=password.encode() or None), material.certificate_pem


def agency_signed_file(document: OfficialDocument, document_signing: DocumentSigning, *, number_text: str,
                       date_text: str, seal_png: bytes | None) -> tuple[bytes, str]:
    """The worker's part of the clerk's issue: number and date filled in and the
    agency's signature with the seal, on the person's signed file; PAdES B-LT
    (B-LTA when SIGNING_ARCHIVAL_TIMESTAMP is on)."""
    issuer = document.issuer
    try:
        with agency_signer(issuer) as (signer, certificate_pem):
            pdf = chain.agency_sign(
                signed_file(document_signing), signer, number_text=number_text, date_text=date_text,
                name=issuer.name, seal_png=seal_png,
                reason=_("Ban hành %(number)s") % {"number": document.number_symbol}, location=issuer.place_name,
                validation_context=validation_context(extra_roots_pem=[certificate_pem]),
                archival=getattr(settings, "SIGNING_ARCHIVAL_TIMESTAMP", False))
    except TokenUnavailable as error:
        raise ValidationError(error.message) from error
    return pdf, certificate_pem


@dataclass(frozen=True)
class SigningPanel:
    """What the document's page shows of its signing, for one person."""

    signing: DocumentSigning | None
    is_signer: bool = False
    may_sign_now: bool = False
    may_issue: bool = False
    pending_remote: RemoteSigning | None = None
    last_remote: RemoteSigning | None = None
    tool_token: str = ""
    tool_address_minutes: int = 0


def signing_panel(user: User, target) -> SigningPanel:
    document_signing = signing_of(target)
    if document_signing is None:
        return SigningPanel(signing=None)
    is_signer = user.is_active and user.pk == document_signing.signer_id
    may_sign_now = is_signer and document_signing.stage == SigningStage.AWAITING_PERSON
    last_remote = document_signing.remote_requests.first() if is_signer else None
    pending = last_remote if last_remote is not None and last_remote.state == RemoteSigningState.PENDING else None
    return SigningPanel(
        signing=document_signing, is_signer=is_signer, may_sign_now=may_sign_now,
        may_issue=document_signing.stage == SigningStage.AWAITING_CLERK and can(
            user, Action.ISSUE_DOCUMENT, document_signing.issuer),
        pending_remote=pending, last_remote=last_remote,
        tool_token=tool_address_token(document_signing) if may_sign_now else "",
        tool_address_minutes=settings.SIGNING_TOOL_ADDRESS_SECONDS // 60)
