"""Accept or refuse a PDF the person signed outside the app.

The signer downloads the file ``chain.approval_prepare`` made, signs it in a
tool of their own (Adobe, vSignPDF, a token's software) and uploads it. The
app never saw the signing, so the upload proves nothing until checked: that
it is the handed-out file (byte for byte, with one incremental update
appended), that the only change is one signature in the person's field,
that the signature covers the file and its bytes still match, and that the
certificate is sound and is the one registered for this person.

The checks run in a fixed order, structure first (cheap, and no network),
certificates last, and the first failure refuses the upload with a short
machine name (``UploadRefused.check``) and a Vietnamese message telling the
person what failed and what to do.

Two things pyHanko does not decide the way this check needs:

* For a signature covering the whole file pyHanko analyses no differences
  (there is nothing after it), and the revision the signature itself adds is
  never compared with the file before it. Here that revision is compared
  with the handed-out one (pyHanko's difference policy, tolerating the
  /SigFlags every signer sets), and must hold nothing but the signature,
  its appearance and validation data.
* pyHanko appends validation information (DSS) as a revision of its own
  after the signature, as Adobe's "LTV" does: such revisions are accepted
  when the difference analysis classes them as LTA updates only.

Revocation that cannot be checked (no OCSP or CRL answer reachable) does not
refuse the upload: a responder outage must not stop the person's work. The
report says "unknown" (``AcceptedSignature.report.revocation``), the
verification page shows it, and the agency's signature later checks again.
A certificate known to be revoked is refused.
"""

import io
import re
from dataclasses import dataclass

from asn1crypto import pem
from django.utils import timezone
from django.utils.translation import gettext as _

from emulation.documents.chain import FIELD_PERSON, SignatureReport, signatures_report
from emulation.documents.signing import UnreadablePdf, _outside_event_loop, embedded_signatures

# How a revision ends after its cross-reference section (a table's trailer or a stream's endobj).
REVISION_END = re.compile(rb"\s*(?:endobj)?\s*startxref\s+(\d+)\s+%%EOF\s*\Z")


class UploadRefused(ValueError):
    """The upload is refused: ``check`` names the failed check for code and
    logs, ``message`` tells the person (in Vietnamese) what to do."""

    def __init__(self, check: str, message: str):
        super().__init__(message)
        self.check = check
        self.message = message


@dataclass(frozen=True)
class AcceptedSignature:
    pdf: bytes
    report: SignatureReport  # the new signature's
    certificate_pem: str  # the signer's certificate
    fingerprint_sha256: str  # hex, lower case


def person_upload_check(handed_out: bytes, uploaded: bytes, *, trust_roots: list, registered_fingerprints: set[str],
                        signer_name: str, allow_fetching: bool = True) -> AcceptedSignature:
    """Check ``uploaded`` against the file handed out for signing; raise
    UploadRefused at the first failed check, in this order: unreadable,
    different_file, no_signature / wrong_field / several, not_whole_file,
    modified, weak_hash, broken, untrusted / expired / revoked, unregistered.

    ``trust_roots`` are asn1crypto certificates; ``registered_fingerprints``
    the SHA-256 fingerprints (hex) of the certificates registered to the
    person. Revocation that cannot be checked is accepted and reported as
    "unknown" in the returned report."""
    try:
        signatures = embedded_signatures(uploaded)
    except UnreadablePdf as error:
        raise UploadRefused("unreadable", _(
            "Không đọc được tệp tải lên: tệp không phải PDF hoặc đã bị hỏng. Hãy tải lên đúng tệp PDF đã ký "
            "(tệp đã lưu sau khi ký), không nén hay đổi sang định dạng khác.")) from error
    if not uploaded.startswith(handed_out):
        raise UploadRefused("different_file", _(
            "Tệp tải lên không phải tệp đã tải xuống để ký: phần trước chữ ký mới khác với tệp hệ thống đã giao. "
            "Hãy tải lại tệp để ký và ký trên tệp đó."))
    base = _revision_count(handed_out)
    signature = _new_signature(signatures, base)
    _check_coverage(signature, uploaded)
    _check_changes(signature, base)
    report = signatures_report(uploaded, trust_roots, allow_fetching=allow_fetching)[signatures.index(signature)]
    if report.weak_hash:
        raise _weak_hash_refusal(report.error)
    if not report.intact:
        raise UploadRefused("broken", _(
            "Chữ ký số bị hỏng: dữ liệu chữ ký không khớp với nội dung đã ký (tệp bị sửa sau khi ký hoặc lưu bị "
            "lỗi). Hãy ký lại trên tệp đã tải xuống và tải lên đúng tệp vừa ký."))
    _check_trust(signature, report, trust_roots, allow_fetching=allow_fetching)
    certificate = signature.signer_cert
    fingerprint = certificate.sha256.hex()
    if fingerprint not in {_normalised(value) for value in registered_fingerprints}:
        raise UploadRefused("unregistered", _(
            "Chứng thư số «%(name)s» (dấu vân tay SHA-256 %(fingerprint)s) chưa được đăng ký cho %(signer)s. "
            "Người ký hoặc quản trị viên cần đăng ký chứng thư số này trong hồ sơ của người ký, rồi tải tệp lên "
            "lại.") % {"name": _common_name(certificate.subject), "fingerprint": fingerprint, "signer": signer_name})
    return AcceptedSignature(pdf=uploaded, report=report, fingerprint_sha256=fingerprint,
                             certificate_pem=pem.armor("CERTIFICATE", certificate.dump()).decode())


def _revision_count(pdf: bytes) -> int:
    from pyhanko.pdf_utils.reader import PdfFileReader  # noqa: PLC0415 — pyHanko is slow to import (~0.5 s)

    return PdfFileReader(io.BytesIO(pdf)).xrefs.total_revisions


def _new_signature(signatures: list, base: int):
    """The one signature written after the handed-out file (its first
    ``base`` revisions), which must be in the person's field."""
    new = [embedded for embedded in signatures if embedded.signed_revision >= base]
    if not new:
        raise UploadRefused("no_signature", _(
            "Tệp tải lên chưa có chữ ký mới: ngoài các chữ ký đã có trong tệp hệ thống đã giao, không tìm thấy "
            "chữ ký số nào. Hãy ký vào ô chữ ký của người ký bằng công cụ ký số (Adobe, vSignPDF, USB token), "
            "lưu tệp rồi tải lên tệp đã lưu."))
    names = [embedded.field_name for embedded in new]
    if FIELD_PERSON not in names:
        raise UploadRefused("wrong_field", _(
            "Chữ ký mới nằm ở ô «%(field)s», không phải ô chữ ký của người ký «%(person)s». Hãy tải lại tệp để ký "
            "và ký vào ô chữ ký có sẵn ở khối chữ ký người ký, không tạo ô chữ ký mới.") % {
            "field": ", ".join(names), "person": FIELD_PERSON})
    if len(new) > 1:
        raise UploadRefused("several", _(
            "Tệp tải lên có %(count)s chữ ký mới (ở các ô %(fields)s), trong khi chỉ được có một chữ ký của người "
            "ký ở ô «%(person)s». Hãy tải lại tệp để ký và chỉ ký một lần, vào ô đó.") % {
            "count": len(new), "fields": ", ".join(f"«{name}»" for name in names), "person": FIELD_PERSON})
    return new[0]


def _diff_policy():
    """pyHanko's default difference policy, except that /SigFlags in the form
    may change: the handed-out file has no signature yet, and the first
    signature sets it (SignaturesExist, AppendOnly)."""
    from pyhanko.sign.diff_analysis import DEFAULT_DIFF_POLICY, FormUpdatingRule, StandardDiffPolicy  # noqa: PLC0415 — pyHanko is slow to import (~0.5 s)
    from pyhanko.sign.diff_analysis.constants import ACROFORM_EXEMPT_STRICT_COMPARISON  # noqa: PLC0415 — pyHanko is slow to import (~0.5 s)

    return StandardDiffPolicy(global_rules=DEFAULT_DIFF_POLICY.global_rules, form_rule=FormUpdatingRule(
        field_rules=DEFAULT_DIFF_POLICY.form_rule.field_rules,
        ignored_acroform_keys=ACROFORM_EXEMPT_STRICT_COMPARISON | {"/SigFlags"}))


def _modification_level(policy, old, new):
    """pyHanko's level for the change from ``old`` to ``new`` (historical
    resolvers), or None when it finds the change suspicious."""
    from pyhanko.pdf_utils.misc import PdfError  # noqa: PLC0415 — pyHanko is slow to import (~0.5 s)
    from pyhanko.sign.diff_analysis import SuspiciousModification  # noqa: PLC0415 — pyHanko is slow to import (~0.5 s)

    try:
        return policy.apply(old, new).modification_level
    except (SuspiciousModification, PdfError):
        return None


def _check_coverage(signature, uploaded: bytes) -> None:
    """The signature covers the whole file, or its whole revision followed
    only by revisions of validation data (DSS) and nothing after the last."""
    from pyhanko.sign.diff_analysis import ModificationLevel  # noqa: PLC0415 — pyHanko is slow to import (~0.5 s)
    from pyhanko.sign.validation.status import SignatureCoverageLevel  # noqa: PLC0415 — pyHanko is slow to import (~0.5 s)

    coverage = signature.evaluate_signature_coverage()
    if coverage == SignatureCoverageLevel.ENTIRE_FILE:
        return
    reader = signature.reader
    later = range(signature.signed_revision + 1, reader.xrefs.total_revisions)
    if coverage == SignatureCoverageLevel.ENTIRE_REVISION and later and _ends_with_last_revision(reader, uploaded):
        policy = _diff_policy()
        signed = reader.get_historical_resolver(signature.signed_revision)
        levels = [_modification_level(policy, signed, reader.get_historical_resolver(revision)) for revision in later]
        if all(level is not None and level <= ModificationLevel.LTA_UPDATES for level in levels):
            return
    raise UploadRefused("not_whole_file", _(
        "Chữ ký mới không bao trùm toàn bộ tệp: sau khi ký, tệp đã bị thêm nội dung (ví dụ thêm trang, sửa "
        "văn bản hoặc dữ liệu nối vào cuối tệp). Hãy ký lại trên tệp đã tải xuống và tải lên ngay tệp vừa ký, "
        "không chỉnh sửa hay lưu thêm sau khi ký."))


def _ends_with_last_revision(reader, uploaded: bytes) -> bool:
    """Nothing but whitespace follows the last revision's %%EOF."""
    last = reader.xrefs.total_revisions - 1
    end = REVISION_END.match(uploaded, reader.xrefs.get_xref_container_info(last).end_location)
    return end is not None and int(end.group(1)) == reader.xrefs.get_startxref_for_revision(last)


def _check_changes(signature, base: int) -> None:
    """The signature's revision comes right after the handed-out file and
    holds the signature, its appearance and validation data, nothing else."""
    from pyhanko.sign.diff_analysis import ModificationLevel  # noqa: PLC0415 — pyHanko is slow to import (~0.5 s)

    extra = signature.signed_revision - base
    if extra:
        raise UploadRefused("modified", _(
            "Tệp đã bị sửa trước khi ký: giữa tệp hệ thống đã giao và chữ ký mới có thêm %(count)s lần lưu thay "
            "đổi (ví dụ thêm trang hoặc sửa nội dung). Hãy tải lại tệp để ký và ký ngay trên tệp đó, không sửa "
            "hay lưu trước khi ký.") % {"count": extra})
    reader = signature.reader
    policy = _diff_policy()
    old, new = reader.get_historical_resolver(base - 1), reader.get_historical_resolver(signature.signed_revision)
    level = _modification_level(policy, old, new)
    others = _changed_fields(policy, old, new) - {FIELD_PERSON} if level is not None else set()
    if level is None or level > ModificationLevel.FORM_FILLING or others:
        what = _("các ô %(fields)s") % {"fields": ", ".join(f"«{name}»" for name in sorted(others))} if others \
            else _("trang, nội dung hoặc đối tượng khác của văn bản")
        raise UploadRefused("modified", _(
            "Tệp đã bị sửa trước khi ký: cùng lần ký, ngoài chữ ký và hình chữ ký còn có thay đổi ở %(what)s. "
            "Hãy tải lại tệp để ký và chỉ ký, không thêm trang, sửa chữ hay điền ô nào khác.") % {"what": what})


def _changed_fields(policy, old, new) -> set[str]:
    """The form fields whose objects ``new`` really rewrites in a way a
    locked field would not allow. pyHanko's own ``changed_form_fields`` also
    names fields whose appearance it merely re-approves without the revision
    touching them. Called after ``policy.apply`` passed, which runs the same
    form rule."""
    written = new.explicit_refs_in_revision()
    return {update.field_name for _level, update in policy.form_rule.apply(old, new)
            if update.field_name and not update.valid_when_locked and update.updated_ref in written}


def _weak_hash_refusal(algorithm: str) -> UploadRefused:
    return UploadRefused("weak_hash", _(
        "Chữ ký dùng thuật toán băm %(algorithm)s, đã yếu và không còn được chấp nhận. Hãy chọn thuật toán "
        "SHA-256 trong công cụ ký số (hoặc cập nhật phần mềm ký), rồi ký lại trên tệp đã tải xuống.") % {
        "algorithm": algorithm})


def _check_trust(signature, report: SignatureReport, trust_roots, *, allow_fetching: bool) -> None:
    certificate = signature.signer_cert
    name = _common_name(certificate.subject)
    if report.expired:
        raise UploadRefused("expired", _(
            "Chứng thư số «%(name)s» đã hết hạn ngày %(date)s, trước thời điểm ký. Hãy gia hạn hoặc xin cấp "
            "chứng thư số mới rồi ký lại.") % {"name": name, "date": _local_date(certificate.not_valid_after)})
    if report.revocation == "revoked":
        since = _revoked_since(signature, trust_roots, allow_fetching=allow_fetching)
        raise UploadRefused("revoked", _(
            "Chứng thư số «%(name)s» đã bị tổ chức cấp thu hồi%(since)s, nên chữ ký bằng chứng thư số này không "
            "có giá trị. Hãy liên hệ tổ chức cấp để được cấp chứng thư số mới rồi ký lại.") % {
            "name": name, "since": _(" từ ngày %(date)s") % {"date": _local_date(since)} if since else ""})
    if not report.trusted:
        raise UploadRefused("untrusted", _(
            "Chứng thư số của chữ ký không thuộc tổ chức chứng thực mà hệ thống tin cậy: chứng thư số cấp cho "
            "«%(subject)s», do «%(issuer)s» cấp. Hãy ký bằng chứng thư số do tổ chức cung cấp dịch vụ chứng thực "
            "chữ ký số được công nhận cấp (chứng thư số công vụ hoặc công cộng).") % {
            "subject": name, "issuer": _common_name(certificate.issuer)})


def _revoked_since(signature, trust_roots, *, allow_fetching: bool):
    """When the signer's certificate was revoked, if pyHanko's revocation
    details say (the report only says that it is)."""
    from pyhanko.sign.validation import validate_pdf_signature  # noqa: PLC0415 — pyHanko is slow to import (~0.5 s)
    from pyhanko.sign.validation.errors import SignatureValidationError  # noqa: PLC0415 — pyHanko is slow to import (~0.5 s)
    from pyhanko_certvalidator import ValidationContext  # noqa: PLC0415 — pyHanko is slow to import (~0.5 s)

    try:
        status = _outside_event_loop(validate_pdf_signature, signature, ValidationContext(
            trust_roots=list(trust_roots), allow_fetching=allow_fetching, revocation_mode="soft-fail"))
    except (SignatureValidationError, ValueError):
        return None
    details = status.revocation_details
    return details.revocation_date if details is not None else None


def _common_name(name) -> str:
    value = name.native.get("common_name") if isinstance(name.native, dict) else None
    if isinstance(value, list):
        value = ", ".join(value)
    return value or name.human_friendly


def _normalised(fingerprint: str) -> str:
    return fingerprint.replace(":", "").replace(" ", "").lower()


def _local_date(moment) -> str:
    return f"{timezone.localtime(moment):%d/%m/%Y}"
