"""Issuing official documents: apps register a layout builder per model
(``builder_register``); issuing writes the document's row in the caller's
short transaction, and the worker renders it with the one print template,
signs it and stores it (``official_document_prepare``)."""

import datetime
import hashlib
import io
import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass, replace

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from emulation.documents import signing
from emulation.documents.layout import DocumentLayout, Stamp, Verification
from emulation.documents.material import SEALED_UNDER_ANOTHER_SECRET, signing_material_check, stamp_for
from emulation.documents.render import render_pdf
from emulation.files import file_store, files_discarded_on_error
from emulation.models import (
    DocumentSigning,
    DocumentState,
    OfficialDocument,
    SigningMaterial,
    SigningStage,
    Unit,
    User,
)
from emulation.permissions import Action, can
from emulation.services import audit_record, enqueue_safely

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I

logger = logging.getLogger(__name__)


LayoutBuilder = Callable[..., DocumentLayout]


@dataclass(frozen=True)
class DocumentKind:
    build: LayoutBuilder
    view_action: str  # the permission to see the document's page


KINDS: dict[str, DocumentKind] = {}


def builder_register(model_label: str, build: LayoutBuilder, *, view_action: str) -> None:
    """``build(target, *, stamp)`` gives the layout of ``target`` (an instance
    of ``model_label``, e.g. "campaigns.plan"); ``view_action`` is the rule that
    lets a person see it. Apps call this in ready()."""
    KINDS[model_label.lower()] = DocumentKind(build=build, view_action=view_action)


def layout_for(target, *, stamp: Stamp | None = None) -> DocumentLayout:
    return KINDS[target._meta.label_lower].build(target, stamp=stamp or Stamp())


def view_action_of(target) -> str:
    return KINDS[target._meta.label_lower].view_action


def official_document_view_action(document: OfficialDocument) -> str:
    return KINDS[f"{document.content_type.app_label}.{document.content_type.model}"].view_action


def official_status_context(user, document: OfficialDocument | None) -> dict:
    return {"official": document, "can_retry": document is not None and document.state == DocumentState.FAILED
            and may_retry(user, document)}


def may_retry(user, document: OfficialDocument) -> bool:
    """The issuer's signers and records clerks ask again for a failed file."""
    return can(user, Action.SIGN_PLAN, document.issuer) or can(user, Action.ISSUE_DOCUMENT, document.issuer)


def document_html(layout: DocumentLayout, *, verification: Verification | None = None,
                  margin_note: list[str] | None = None, for_browser: bool = False, back_url: str = "") -> str:
    """The one print template, for the PDF and the browser's print view."""
    return render_to_string("documents/print.html", {
        "document": layout, "verification": verification, "margin_note": margin_note or [],
        "for_browser": for_browser, "back_url": back_url,
    })


def draft_pdf(target) -> bytes:
    return render_pdf(document_html(layout_for(target)))


def new_verification_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def verification_for(code: str) -> Verification:
    url = settings.SITE_URL + reverse("document_verify", args=[code])
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=1)
    svg = image.to_string(encoding="unicode")
    return Verification(code=code, url=url, qr_svg=svg[svg.index("<svg"):])


def _page_count(pdf: bytes) -> int:
    from pypdf import PdfReader  # noqa: PLC0415 — pypdf is slow to import; only issuing needs it

    return len(PdfReader(io.BytesIO(pdf)).pages)


def official_document_register(
    *, target, issuer: Unit, doc_type: str, number_symbol: str, issued_on: datetime.date, subject: str,
    signer_name: str,
) -> OfficialDocument:
    """Inside the issuing transaction, and quick: the document's row with its
    verification code. Rendering, signing and storing the PDF take a second or
    more, so they run in the worker once the issue is committed."""
    from emulation.tasks import official_document_prepare_task  # noqa: PLC0415 — tasks import this module

    signing_material_check(issuer)
    chained = issued_signing(target)
    # A document signed through the chain prints the code reserved when it was rendered for its signer.
    code = chained.verification_code if chained is not None else new_verification_code()
    while chained is None and OfficialDocument.objects.filter(verification_code=code).exists():
        code = new_verification_code()
    document = OfficialDocument.objects.create(
        content_type=ContentType.objects.get_for_model(target), object_id=target.pk, issuer=issuer,
        doc_type=doc_type, number_symbol=number_symbol, issued_on=issued_on, subject=subject,
        verification_code=code, signer_name=signer_name,
    )
    transaction.on_commit(lambda: enqueue_safely(official_document_prepare_task, document.pk))
    return document


def official_document_record(
    *, target, issuer: Unit, doc_type: str, number_symbol: str, issued_on: datetime.date, subject: str,
    signer_name: str, pdf: bytes,
) -> OfficialDocument:
    """A document issued outside the system: its own PDF (scanned or signed elsewhere) is the
    official file, stored as it came, inside the recording transaction."""
    try:
        pages = _page_count(pdf)
    except Exception as error:
        raise ValidationError(_("Không đọc được tệp PDF của văn bản (tệp hỏng hoặc có mật khẩu).")) from error
    code = new_verification_code()
    while OfficialDocument.objects.filter(verification_code=code).exists():
        code = new_verification_code()
    document = OfficialDocument(
        content_type=ContentType.objects.get_for_model(target), object_id=target.pk, issuer=issuer,
        doc_type=doc_type, number_symbol=number_symbol, issued_on=issued_on, subject=subject,
        verification_code=code, signer_name=signer_name, sha256=hashlib.sha256(pdf).hexdigest(), page_count=pages,
        state=DocumentState.READY)
    file_store(document.pdf, f"{number_symbol.replace('/', '-')}-{code}.pdf", ContentFile(pdf))
    document.save()
    return document


def issued_signing(target) -> DocumentSigning | None:
    return DocumentSigning.objects.filter(content_type=ContentType.objects.get_for_model(target), object_id=target.pk,
                                          stage=SigningStage.ISSUED).first()


def _chain_signed(document: OfficialDocument, document_signing: DocumentSigning) -> tuple[bytes, str]:
    """The person's signed file with the number, the date and the agency's
    signature: the texts are the issued layout's own lines."""
    from emulation.documents.workflow import agency_signed_file  # noqa: PLC0415 — the workflow imports this module

    layout = layout_for(document.target)
    material = SigningMaterial.objects.filter(unit=document.issuer).first()
    return agency_signed_file(document, document_signing, number_text=layout.number_line,
                              date_text=layout.date_line, seal_png=material.seal_image if material else None)


def _signed(pdf: bytes, document: OfficialDocument) -> tuple[bytes, SigningMaterial | None]:
    material = SigningMaterial.objects.filter(unit=document.issuer).first()
    if material is None or not material.has_certificate:
        return pdf, None
    issuer = document.issuer
    try:
        pkcs12_data = signing.unseal(material.pkcs12_sealed)
        password = signing.unseal(material.password_sealed).decode()
    except signing.SigningSecretMismatch as error:
        logger.error("Signing material of unit %s: %s", issuer.code, error)
        raise ValidationError(SEALED_UNDER_ANOTHER_SECRET % {"unit": issuer.name}) from error
    signed = signing.sign_pdf(
        pdf, pkcs12_data=pkcs12_data, password=password, signer_name=issuer.name,
        reason=_("Ban hành %(number)s") % {"number": document.number_symbol}, location=issuer.place_name,
    )
    return signed, material


def archival_record(layout: DocumentLayout, document: OfficialDocument) -> dict[str, str]:
    metadata = layout.metadata
    return {
        "LoaiVanBan": str(document.get_doc_type_display()), "SoKyHieu": document.number_symbol,
        "CoQuanBanHanh": metadata.issuer if metadata else document.issuer.name,
        "NgayBanHanh": document.issued_on.isoformat(), "TrichYeu": document.subject,
        "NguoiKy": document.signer_name, "ChucVuNguoiKy": metadata.signer_title if metadata else "",
        "MaXacMinh": document.verification_code,
    }


def official_document_render(document: OfficialDocument, *, signed_at: datetime.datetime) -> bytes:
    """The issued PDF as archived: PDF/A with the record in its XMP, the
    verification block beside Nơi nhận, number and signing time top right."""
    layout = layout_for(document.target, stamp=stamp_for(document.issuer))
    layout = replace(layout, metadata=replace(layout.metadata, code=document.verification_code)) \
        if layout.metadata else layout
    html = document_html(layout, verification=verification_for(document.verification_code),
                         margin_note=[document.number_symbol, signed_at.isoformat(timespec="seconds")])
    return render_pdf(html, record=archival_record(layout, document))


def official_document_prepare(*, document_id: int) -> OfficialDocument:
    """Render, sign and store the PDF of an issued document. Idempotent: a
    document already prepared is left as it is. The render runs outside any
    transaction (on SQLite a transaction would stop every writer meanwhile);
    a failure is written on the document, for its page, and raised again so
    the task is retried."""
    document = OfficialDocument.objects.select_related("issuer").get(pk=document_id)
    if document.state == DocumentState.READY:
        return document
    try:
        with files_discarded_on_error():
            signed_at = timezone.localtime()
            chained = issued_signing(document.target)
            if chained is not None:
                pdf, certificate_pem = _chain_signed(document, chained)
            else:
                pdf, material = _signed(official_document_render(document, signed_at=signed_at), document)
                certificate_pem = material.certificate_pem if material is not None else None
            with transaction.atomic():
                document = OfficialDocument.objects.select_for_update().get(pk=document_id)
                if document.state == DocumentState.READY:
                    raise _AlreadyPrepared
                file_store(document.pdf, f"{document.number_symbol.replace('/', '-')}-{document.verification_code}"
                           ".pdf", ContentFile(pdf))
                document.sha256, document.page_count = hashlib.sha256(pdf).hexdigest(), _page_count(pdf)
                document.signed, document.signed_at = certificate_pem is not None, signed_at
                document.certificate_pem = certificate_pem or ""
                document.state, document.render_error = DocumentState.READY, ""
                document.save()
    except _AlreadyPrepared:
        return OfficialDocument.objects.get(pk=document_id)
    except Exception as error:
        message = error.messages[0] if isinstance(error, ValidationError) else _(
            "Không tạo được tệp PDF (%(error)s).") % {"error": type(error).__name__}
        OfficialDocument.objects.filter(pk=document_id).exclude(state=DocumentState.READY).update(
            state=DocumentState.FAILED, render_error=message[:500], render_attempts=F("render_attempts") + 1)
        raise
    return document


RESUME_AFTER = datetime.timedelta(minutes=5)
RESUME_GIVE_UP_AFTER = 20  # attempts; then only "Thử lại ngay" on the page asks again


def official_documents_waiting() -> list[int]:
    """Documents still without their PDF a while after issue, and not given up on."""
    return list(OfficialDocument.objects.filter(
        state__in=[DocumentState.PENDING, DocumentState.FAILED], created_at__lt=timezone.now() - RESUME_AFTER,
        render_attempts__lt=RESUME_GIVE_UP_AFTER).values_list("pk", flat=True)[:500])



class _AlreadyPrepared(Exception):
    """Another worker stored the PDF first; the copy made here is discarded."""


@transaction.atomic
def official_document_retry(*, actor: User, document: OfficialDocument) -> OfficialDocument:
    """Ask the worker again for a document whose PDF failed."""
    from emulation.tasks import official_document_prepare_task  # noqa: PLC0415 — tasks import this module

    if not may_retry(actor, document):
        raise PermissionDenied(_("Chỉ người ký hoặc văn thư của đơn vị ban hành được tạo lại tệp."))
    if document.state == DocumentState.READY:
        return document
    OfficialDocument.objects.filter(pk=document.pk).update(state=DocumentState.PENDING, render_attempts=0)
    audit_record(actor=actor, target=document, action="document.retry", reason=document.render_error)
    transaction.on_commit(lambda: enqueue_safely(official_document_prepare_task, document.pk))
    document.refresh_from_db()
    return document


def official_document_of(target) -> OfficialDocument | None:
    return OfficialDocument.objects.filter(content_type=ContentType.objects.get_for_model(target),
                                           object_id=target.pk).first()
