"""Verification of issued documents: every signature of the stored file
(checked once and cached, since the public page is anonymous and a check
costs hundreds of milliseconds and perhaps an OCSP request), and whether an
uploaded file is the issued one.

A check never raises into the page: an unreadable file or an OCSP server
that does not answer becomes a report that says so. The page calls a file
valid only when every signature is, revocation included: a status not known
is "undetermined", never valid, and is asked again after ten minutes."""

import hashlib
import logging
import secrets
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from emulation.documents import chain, signing
from emulation.documents.chain import SignatureReport
from emulation.documents.trust import certificates_from_pem, configured_roots_pem
from emulation.models import OfficialDocument

logger = logging.getLogger(__name__)


def document_bytes(document: OfficialDocument) -> bytes:
    with document.pdf.open("rb") as handle:
        return handle.read()


def _stored_bytes(document: OfficialDocument) -> bytes | None:
    """The stored file, or None when it cannot be read (lost in a restore):
    the public page then says so instead of failing."""
    try:
        return document_bytes(document)
    except (OSError, ValueError):
        logger.exception("Stored PDF of official document %s cannot be read.", document.pk)
        return None


def trust_roots_for(document: OfficialDocument) -> list[str]:
    """Configured national roots, plus the certificate the unit registered here."""
    roots = configured_roots_pem()
    if document.certificate_pem:
        roots.append(document.certificate_pem)
    return roots


def _roots_digest(roots: list[str]) -> str:
    return hashlib.sha256("\n".join(roots).encode()).hexdigest()


SIGNATURE_CACHE_SECONDS = 24 * 60 * 60
# A revocation status not known yet (the OCSP server did not answer) is asked again soon.
UNSETTLED_CACHE_SECONDS = 10 * 60


def signature_cache_key(document: OfficialDocument, pdf: bytes, roots: list[str] | None = None) -> str:
    """Per document, per stored file and per set of trust roots: a re-issued
    or replaced file, or a change of roots, is checked anew."""
    roots = trust_roots_for(document) if roots is None else roots
    return f"verify:signature:{document.pk}:{hashlib.sha256(pdf).hexdigest()}:{_roots_digest(roots)}"


def signatures_cache_key(document: OfficialDocument, pdf: bytes, roots: list[str], *, allow_fetching: bool) -> str:
    """As signature_cache_key, for the report of every signature; whether
    OCSP and CRLs may be fetched changes the answer, so it is part of it."""
    return (f"verify:signatures:{document.pk}:{hashlib.sha256(pdf).hexdigest()}:{_roots_digest(roots)}:"
            f"{int(allow_fetching)}")


def allow_fetching() -> bool:
    """Whether checks may ask OCSP responders and CRL servers (off where the
    server has no way out; then only the file's own validation data count)."""
    return getattr(settings, "SIGNATURE_ALLOW_FETCHING", True)


def signatures_check(pdf: bytes, roots_pem: list[str], *, fetching: bool) -> list[SignatureReport]:
    """Every signature of ``pdf`` in order. A file that cannot be read, or a
    check that fails for any other reason, is one report with ``field_name``
    empty and the reason in ``error``."""
    try:
        return chain.signatures_report(pdf, certificates_from_pem(roots_pem), allow_fetching=fetching)
    except signing.UnreadablePdf:
        return [SignatureReport(field_name="", error=_(
            "Không đọc được tệp PDF: tệp bị hỏng hoặc không đúng cấu trúc PDF, nên không kiểm tra được chữ ký số."))]
    except Exception:  # a hostile or damaged file makes pyHanko raise nearly anything; the page stays up
        logger.exception("Checking the signatures of a PDF failed.")
        return [SignatureReport(field_name="", error=_(
            "Không kiểm tra được chữ ký số lúc này, vui lòng thử lại sau."))]


def _cache_seconds(reports: list[SignatureReport]) -> int:
    if any(report.revocation == "unknown" for report in reports):
        return UNSETTLED_CACHE_SECONDS
    return SIGNATURE_CACHE_SECONDS


def _cached_signatures(document: OfficialDocument, pdf: bytes, roots: list[str]) -> list[SignatureReport]:
    fetching = allow_fetching()
    key = signatures_cache_key(document, pdf, roots, allow_fetching=fetching)
    reports = cache.get(key)
    if reports is None:
        reports = signatures_check(pdf, roots, fetching=fetching)
        cache.set(key, reports, _cache_seconds(reports))
    return reports


def stored_signatures_report(document: OfficialDocument) -> list[SignatureReport]:
    """Every signature of the stored file, in order, as the public
    verification page lists them; from the shared cache, for a day, or ten
    minutes while a revocation status is not known."""
    if not document.signed:
        return []
    stored = _stored_bytes(document)
    if stored is None:
        return [SignatureReport(field_name="", error=_stored_file_unreadable())]
    return _cached_signatures(document, stored, trust_roots_for(document))


def _stored_file_unreadable() -> str:
    return _("Không đọc được tệp đã lưu trên hệ thống, nên không kiểm tra được chữ ký số. "
             "Vui lòng báo cho cơ quan ban hành.")


def data_after_last_revision(pdf: bytes) -> bool:
    """Bytes after the file's last end-of-file marker: part of no revision, so
    no signature covers them and no difference analysis sees them (the
    signatures' own check calls such a file "only allowed changes")."""
    return not pdf.rstrip(b"\r\n\t\f\x00 ").endswith(b"%%EOF")


def signatures_verdict(reports: list[SignatureReport], *, pdf: bytes | None = None) -> str:
    """"valid" when there are signatures and all are valid; "invalid" when one
    is not and more checking cannot change that; else "undetermined" (a
    revocation status not known). With ``pdf``, bytes added after its last
    revision make it "invalid" too."""
    if not reports or (pdf is not None and data_after_last_revision(pdf)):
        return "invalid"
    if all(report.valid for report in reports):
        return "valid"
    if all(report.valid or _only_revocation_unknown(report) for report in reports):
        return "undetermined"
    return "invalid"


def _only_revocation_unknown(report: SignatureReport) -> bool:
    return (report.revocation == "unknown" and not report.error and report.intact and report.trusted
            and not report.expired and not report.weak_hash and report.changes_after != "disallowed")


def _cached_check(document: OfficialDocument, pdf: bytes, roots: list[str]) -> signing.SignatureCheck:
    key = signature_cache_key(document, pdf, roots)
    check = cache.get(key)
    if check is None:
        check = signing.check_signature(pdf, roots)
        cache.set(key, check, SIGNATURE_CACHE_SECONDS)
    return check


def stored_signature_check(document: OfficialDocument) -> signing.SignatureCheck | None:
    """The last signature's own check (signing.check_signature), cached: the
    page names that signature's certificate and time in its summary."""
    return stored_verification(document).check


@dataclass
class StoredVerification:
    """What the public page says of the stored file: the summary's verdict
    ("none" for a document issued unsigned, "valid", "undetermined",
    "invalid"), the last signature's check and every signature's report."""

    verdict: str
    check: signing.SignatureCheck | None = None
    signatures: list[SignatureReport] = field(default_factory=list)
    data_after_signatures: bool = False


def stored_verification(document: OfficialDocument) -> StoredVerification:
    """The stored file read once, its checks from the shared cache."""
    if not document.signed:
        return StoredVerification(verdict="none")
    stored = _stored_bytes(document)
    if stored is None:
        unreadable = _stored_file_unreadable()
        return StoredVerification(verdict="invalid", check=signing.SignatureCheck(present=False, error=unreadable),
                                  signatures=[SignatureReport(field_name="", error=unreadable)])
    roots = trust_roots_for(document)
    signatures = _cached_signatures(document, stored, roots)
    return StoredVerification(
        verdict=signatures_verdict(signatures, pdf=stored), check=_cached_check(document, stored, roots),
        signatures=signatures, data_after_signatures=data_after_last_revision(stored))


@dataclass
class UploadCheck:
    matches: bool
    sha256: str
    signatures: list[SignatureReport] = field(default_factory=list)
    verdict: str = "none"  # as StoredVerification's


def document_compare(document: OfficialDocument, uploaded: bytes) -> UploadCheck:
    """Whether ``uploaded`` is the issued file, and its signatures. The issued
    file itself is answered from the stored file's cached report; any other
    file is checked without fetching, so that a stranger's certificate cannot
    send the server to addresses of its choosing."""
    digest = hashlib.sha256(uploaded).hexdigest()
    matches = secrets.compare_digest(digest, document.sha256)
    if not document.signed:
        return UploadCheck(matches=matches, sha256=digest)
    if matches:
        signatures = _cached_signatures(document, uploaded, trust_roots_for(document))
    else:
        signatures = signatures_check(uploaded, trust_roots_for(document), fetching=False)
    return UploadCheck(matches=matches, sha256=digest, signatures=signatures,
                       verdict=signatures_verdict(signatures, pdf=uploaded))


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
