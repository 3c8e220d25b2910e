"""The person's signature made remotely ("ký số từ xa"): the PDF half.

The person's key never leaves the provider (emulation.documents.providers), so
pyHanko's one-call signing cannot be used: pyHanko's interrupted signing splits
it in two. ``remote_prepare`` writes the file with the signature placeholder
and computes the CMS signed attributes, whose SHA-256 is what the provider
shows on the person's phone; ``remote_finish`` takes the signature value the
provider returns, builds the CMS with a signature timestamp and writes it into
the placeholder, then adds the validation information (DSS) in a following
revision so that the file stays verifiable after the certificates expire
(PAdES B-LT).

The halves run in different processes (a web request starts the signing, a
Celery task finishes it once the person has approved), with the state kept in
the database between them: ``RemotePreparation`` is plain bytes and numbers,
and ``preparation_to_json`` / ``preparation_from_json`` say how it is stored.

Nothing is embedded unchecked: the stored state must still be what was
prepared (the file hashes to the digest that was signed for), and the
signature value must verify against the leaf certificate's key over the
signed attributes, since a provider answering garbage or signing with another
key would otherwise produce a file that every validator rejects.
"""

import asyncio
import base64
import binascii
import hashlib
import hmac
import io
from dataclasses import dataclass

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from django.utils.translation import gettext_lazy as _

from emulation.documents.chain import FIELD_PERSON, _image_stamp, signature_metadata, timestamper
from emulation.documents.signing import _outside_event_loop
from emulation.errors import ExplainedError

MD_ALGORITHM = "sha256"
JSON_VERSION = 1
_BYTES_FIELDS = ("prepared_pdf", "document_digest", "signed_attributes", "hash_to_sign")


class RemoteSignatureInvalid(ExplainedError, ValueError):
    """What the provider returned cannot be made into the person's signature;
    ``message`` can be shown to the person as it is, ``detail`` (English, no
    secrets) is for the logs. Nothing was written to the document."""

    default_message = _("Chữ ký do nhà cung cấp ký số từ xa trả về không khớp với chứng thư số của người ký, nên "
                        "tài liệu chưa được ký. Vui lòng gửi lại yêu cầu ký; nếu vẫn lỗi, báo cho quản trị hệ thống.")



class RemotePreparationInvalid(RemoteSignatureInvalid):
    """The stored preparation is not what ``remote_prepare`` made (changed or
    damaged in storage), or the finished signature does not fit its space."""

    default_message = _("Dữ liệu chuẩn bị ký của tài liệu đã bị thay đổi hoặc hư hỏng, nên tài liệu chưa được ký. "
                        "Vui lòng gửi lại yêu cầu ký; nếu vẫn lỗi, báo cho quản trị hệ thống.")


class RemoteCertificateInvalid(RemoteSignatureInvalid):
    """The signature is right, but the signer's certificate does not validate
    (revoked, expired, or not from a trusted authority): the DSS could not be
    built and the signed file is not returned."""

    default_message = _("Chứng thư số của người ký không hợp lệ (đã bị thu hồi, đã hết hạn hoặc không do tổ chức "
                        "được tin cậy cấp), nên tài liệu không được ký. Vui lòng chọn chứng thư số khác hoặc liên hệ "
                        "nhà cung cấp ký số.")


@dataclass(frozen=True)
class RemotePreparation:
    prepared_pdf: bytes  # the file with the signature placeholder (the output of digest_doc_for_signing)
    document_digest: bytes  # SHA-256 over the /ByteRange
    reserved_region_start: int  # the placeholder "<00…00>", excluded from the /ByteRange
    reserved_region_end: int
    signed_attributes: bytes  # DER of the CMS signed attributes (a SET OF, tag 0x31)
    hash_to_sign: bytes  # SHA-256 of signed_attributes: what goes to the provider
    certificates: tuple[bytes, ...]  # DER, leaf first, as the provider gave them


def _run(coroutine_function, *args):
    """One of pyHanko's async steps run to completion, in a fresh thread when
    this one already runs an event loop (see ``_outside_event_loop``)."""
    return _outside_event_loop(lambda: asyncio.run(coroutine_function(*args)))


def _rsa_public_key(leaf_der: bytes) -> rsa.RSAPublicKey:
    public_key = x509.load_der_x509_certificate(leaf_der).public_key()
    if not isinstance(public_key, rsa.RSAPublicKey):
        # The CSC adapter asks the provider for rsaEncryption signatures only.
        raise ValueError(f"Remote signing supports RSA keys only, not {type(public_key).__name__}.")
    return public_key


def _pyhanko_certificates(certificates) -> tuple:
    """The leaf as asn1crypto sees it, and a registry with the rest of the chain."""
    from asn1crypto import x509 as asn1_x509  # noqa: PLC0415 — only signing needs it
    from pyhanko_certvalidator.registry import SimpleCertificateStore  # noqa: PLC0415 — pyHanko is slow to import (~0.5 s)

    leaf, *chain = (asn1_x509.Certificate.load(bytes(der)) for der in certificates)
    return leaf, SimpleCertificateStore.from_certs(chain)


def remote_prepare(pdf: bytes, *, certificates: list[bytes], name: str, signature_png: bytes | None,
                   reason: str = "", location: str = "") -> RemotePreparation:
    """The file ready for the person's signature in field FIELD_PERSON (made by
    ``chain.approval_prepare``, whose locking rules the signature applies), and
    the hash the provider must sign. ``certificates``: the credential's, DER,
    leaf first. Asks the configured timestamp server once for a sample token,
    to leave room for the real one."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter  # noqa: PLC0415 — pyHanko is slow to import (~0.5 s)
    from pyhanko.sign import signers  # noqa: PLC0415 — pyHanko is slow to import (~0.5 s)

    if not certificates:
        raise ValueError("The credential has no certificate.")
    certificates = tuple(bytes(der) for der in certificates)
    public_key = _rsa_public_key(certificates[0])
    leaf, registry = _pyhanko_certificates(certificates)
    stamper = timestamper()
    metadata = signature_metadata(FIELD_PERSON, name=name, reason=reason, location=location,
                                  timestamped=stamper is not None)
    # Signs nothing: it puts the certificates into the CMS and, with a zero
    # signature of the key's length, lets pyHanko size the placeholder.
    external = signers.ExternalSigner(signing_cert=leaf, cert_registry=registry,
                                      signature_value=bytes((public_key.key_size + 7) // 8))
    # With the timestamper given, pyHanko's size estimate includes a sample
    # token from the server (plus 50 %); nothing else goes into the CMS later.
    pdf_signer = signers.PdfSigner(metadata, signer=external, timestamper=stamper,
                                   stamp_style=_image_stamp(signature_png))

    async def prepare():
        prepared_digest, _document, output = await pdf_signer.async_digest_doc_for_signing(
            IncrementalPdfFileWriter(io.BytesIO(pdf)), existing_fields_only=True)
        signed_attrs = await external.signed_attrs(prepared_digest.document_digest, MD_ALGORITHM, use_pades=True)
        return prepared_digest, output.getvalue(), signed_attrs.dump()

    prepared_digest, prepared_pdf, signed_attributes = _run(prepare)
    return RemotePreparation(
        prepared_pdf=prepared_pdf, document_digest=prepared_digest.document_digest,
        reserved_region_start=prepared_digest.reserved_region_start,
        reserved_region_end=prepared_digest.reserved_region_end, signed_attributes=signed_attributes,
        hash_to_sign=hashlib.sha256(signed_attributes).digest(), certificates=certificates)


def _checked_signed_attributes(preparation: RemotePreparation):
    """The signed attributes, once the preparation is shown to be consistent:
    the file still hashes to the digest, the placeholder is empty, and the
    attributes name that digest and the leaf certificate."""
    from asn1crypto import cms  # noqa: PLC0415 — only signing needs it
    from pyhanko.sign.general import NonexistentAttributeError, find_unique_cms_attribute  # noqa: PLC0415 — pyHanko is slow to import (~0.5 s)

    pdf, start, end = preparation.prepared_pdf, preparation.reserved_region_start, preparation.reserved_region_end

    def refuse(detail: str) -> RemotePreparationInvalid:
        return RemotePreparationInvalid(detail=f"remote preparation: {detail}")

    if not preparation.certificates:
        raise refuse("no certificate")
    if not 0 < start < end <= len(pdf) or pdf[start:end] != b"<" + b"0" * (end - start - 2) + b">":
        raise refuse("the reserved region is not an empty signature placeholder")
    digest = hashlib.sha256(pdf[:start])
    digest.update(pdf[end:])
    if not hmac.compare_digest(digest.digest(), preparation.document_digest):
        raise refuse("the prepared file does not hash to the document digest")
    if not hmac.compare_digest(hashlib.sha256(preparation.signed_attributes).digest(), preparation.hash_to_sign):
        raise refuse("hash_to_sign is not the SHA-256 of the signed attributes")
    try:
        signed_attrs = cms.CMSAttributes.load(preparation.signed_attributes, strict=True)
        message_digest = find_unique_cms_attribute(signed_attrs, "message_digest").native
        (certificate_id,) = find_unique_cms_attribute(signed_attrs, "signing_certificate_v2")["certs"]
        certificate_hash = hashlib.new(certificate_id["hash_algorithm"]["algorithm"].native,
                                       preparation.certificates[0]).digest()
    except (ValueError, TypeError, NonexistentAttributeError) as error:  # asn1crypto: ValueError or TypeError
        raise refuse(f"unreadable signed attributes ({type(error).__name__}: {error})") from error
    if not hmac.compare_digest(message_digest, preparation.document_digest):
        raise refuse("the signed attributes name another document digest")
    if not hmac.compare_digest(certificate_id["cert_hash"].native, certificate_hash):
        raise refuse("the signed attributes name another signing certificate")
    return signed_attrs


def _verify_signature_value(preparation: RemotePreparation, signature_value: bytes) -> None:
    """RSA PKCS#1 v1.5 over SHA-256 of the signed attributes, as the CSC
    adapter asks for (signAlgo rsaEncryption, hashAlgo SHA-256)."""
    if not isinstance(signature_value, bytes | bytearray) or not signature_value:
        raise RemoteSignatureInvalid(detail=f"the signature value is {type(signature_value).__name__}, not bytes")
    public_key = _rsa_public_key(preparation.certificates[0])
    try:
        public_key.verify(bytes(signature_value), preparation.signed_attributes, padding.PKCS1v15(),
                          hashes.SHA256())
    except InvalidSignature as error:
        raise RemoteSignatureInvalid(
            detail=f"a {len(signature_value)}-byte signature value does not verify against the leaf "
                   f"certificate's {public_key.key_size}-bit RSA key over the signed attributes") from error


def remote_finish(preparation: RemotePreparation, signature_value: bytes, *, validation_context=None) -> bytes:
    """The signed file: ``signature_value`` (the provider's, over
    ``preparation.hash_to_sign``) in a PAdES CMS with a signature timestamp
    from the configured server (none when there is none), and, given a
    ``validation_context`` (pyhanko_certvalidator, fetching allowed), the DSS
    with the certificates, OCSP answers and CRLs in a following revision.

    Raises RemoteSignatureInvalid (a value that does not verify),
    RemotePreparationInvalid (state changed since ``remote_prepare``) or
    RemoteCertificateInvalid (the certificate does not validate for the DSS)."""
    from pyhanko.sign import signers  # noqa: PLC0415 — pyHanko is slow to import (~0.5 s)
    from pyhanko.sign.signers.pdf_byterange import PreparedByteRangeDigest  # noqa: PLC0415 — pyHanko is slow to import (~0.5 s)
    from pyhanko.sign.signers.pdf_signer import PdfTBSDocument  # noqa: PLC0415 — pyHanko is slow to import (~0.5 s)

    signed_attrs = _checked_signed_attributes(preparation)
    _verify_signature_value(preparation, signature_value)
    leaf, registry = _pyhanko_certificates(preparation.certificates)
    external = signers.ExternalSigner(signing_cert=leaf, cert_registry=registry,
                                      signature_value=bytes(signature_value))
    prepared_digest = PreparedByteRangeDigest(document_digest=preparation.document_digest,
                                              reserved_region_start=preparation.reserved_region_start,
                                              reserved_region_end=preparation.reserved_region_end)
    room = preparation.reserved_region_end - preparation.reserved_region_start - 2  # hex digits between < and >
    stamper = timestamper()

    async def finish() -> bytes:
        signature_cms = await external.async_sign_prescribed_attributes(
            MD_ALGORITHM, signed_attrs=signed_attrs, timestamper=stamper)
        needed = 2 * len(signature_cms.dump())
        if needed > room:
            raise RemotePreparationInvalid(
                _("Chữ ký số không vừa chỗ đã dành sẵn trong tài liệu (có thể máy chủ cấp dấu thời gian đã thay "
                  "đổi từ lúc chuẩn bị ký). Vui lòng gửi lại yêu cầu ký; nếu vẫn lỗi, báo cho quản trị hệ thống."),
                detail=f"the signature container needs {needed} hex digits, {room} were reserved")
        output = io.BytesIO(preparation.prepared_pdf)
        await PdfTBSDocument.async_finish_signing(output, prepared_digest, signature_cms)
        return output.getvalue()

    signed = _run(finish)
    if validation_context is None:
        return signed
    return _with_validation_info(signed, validation_context)


def _with_validation_info(pdf: bytes, validation_context) -> bytes:
    """``pdf`` with a revision adding the DSS for the person's signature and
    its timestamp (pyHanko validates both chains, fetching what it needs)."""
    from pyhanko.pdf_utils.reader import PdfFileReader  # noqa: PLC0415 — pyHanko is slow to import (~0.5 s)
    from pyhanko.sign.validation.dss import async_add_validation_info  # noqa: PLC0415 — pyHanko is slow to import (~0.5 s)
    from pyhanko_certvalidator.errors import PathError, ValidationError  # noqa: PLC0415 — pyHanko is slow to import (~0.5 s)

    reader = PdfFileReader(io.BytesIO(pdf))
    (embedded,) = (signature for signature in reader.embedded_signatures if signature.field_name == FIELD_PERSON)

    async def add() -> bytes:
        try:
            return (await async_add_validation_info(embedded, validation_context)).getvalue()
        finally:
            # As pyHanko's own sync wrappers do: its HTTP sessions belong to this event loop.
            await validation_context.aclose()

    try:
        return _run(add)
    except (PathError, ValidationError) as error:
        raise RemoteCertificateInvalid(detail=f"validation info: {type(error).__name__}: {error}") from error


def _encode(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _decode(value, name: str) -> bytes:
    if not isinstance(value, str):
        raise RemotePreparationInvalid(detail=f"stored preparation: {name} is a {type(value).__name__}, not base64")
    try:
        return base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError) as error:  # ValueError: non-ASCII text
        raise RemotePreparationInvalid(detail=f"stored preparation: {name} is not base64") from error


def preparation_to_json(preparation: RemotePreparation) -> dict:
    """A JSON-serialisable dict (bytes as base64) for the database."""
    return {
        "version": JSON_VERSION,
        **{name: _encode(getattr(preparation, name)) for name in _BYTES_FIELDS},
        "reserved_region_start": preparation.reserved_region_start,
        "reserved_region_end": preparation.reserved_region_end,
        "certificates": [_encode(der) for der in preparation.certificates],
    }


def preparation_from_json(data: dict) -> RemotePreparation:
    """The preparation ``preparation_to_json`` stored. Checks the shape only
    (RemotePreparationInvalid); ``remote_finish`` checks the content."""

    def refuse(detail: str) -> RemotePreparationInvalid:
        return RemotePreparationInvalid(detail=f"stored preparation: {detail}")

    if not isinstance(data, dict):
        raise refuse(f"a {type(data).__name__}, not a dict")
    if data.get("version") != JSON_VERSION:
        raise refuse(f"version {data.get('version')!r}, expected {JSON_VERSION}")
    missing = [name for name in (*_BYTES_FIELDS, "reserved_region_start", "reserved_region_end", "certificates")
               if name not in data]
    if missing:
        raise refuse(f"missing {', '.join(missing)}")
    regions = {}
    for name in ("reserved_region_start", "reserved_region_end"):
        value = data[name]
        if isinstance(value, bool) or not isinstance(value, int):
            raise refuse(f"{name} is a {type(value).__name__}, not an int")
        regions[name] = value
    if not isinstance(data["certificates"], list) or not data["certificates"]:
        raise refuse("certificates must be a non-empty list")
    return RemotePreparation(
        **{name: _decode(data[name], name) for name in _BYTES_FIELDS}, **regions,
        certificates=tuple(_decode(value, "certificates[]") for value in data["certificates"]))
