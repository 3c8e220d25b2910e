"""Verification of issued documents: the stored file's signature check
(cached), and whether an uploaded file is the issued one."""

import hashlib
import logging
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from emulation.documents import signing
from emulation.models import OfficialDocument

logger = logging.getLogger(__name__)


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
