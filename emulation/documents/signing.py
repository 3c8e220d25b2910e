"""Signing material and PAdES signatures (pyHanko).

A unit's PKCS#12 file and its password are kept encrypted with a key derived
from SIGNING_SECRET (never SECRET_KEY, so that rotating Django's secret leaves
them readable) and are never shown again. ``manage.py rotate_signing_secret``
re-seals them under a new SIGNING_SECRET.
"""

import asyncio
import base64
import datetime
import io
import struct
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from asn1crypto import pem as asn1_pem
from asn1crypto import x509 as asn1_x509
from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.serialization import Encoding, pkcs12
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

STAMP_FONT = Path(settings.BASE_DIR) / "static" / "fonts" / "texgyretermes-regular.otf"
SIGNATURE_FIELD = "ChuKySoCoQuan"
# Top-right of page 1, inside the top margin (A4: 595 × 842 pt).
STAMP_BOX = (345, 798, 565, 837)

MAX_IMAGE_BYTES = 1024 * 1024
MAX_PKCS12_BYTES = 64 * 1024


def _outside_event_loop(function, *args, **kwargs):
    """pyHanko's synchronous calls use asyncio.run(), which refuses to start
    inside a thread that already runs an event loop (e.g. under Playwright's
    sync API): run them in a fresh thread then."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return function(*args, **kwargs)
    with ThreadPoolExecutor(max_workers=1) as executor:
        return executor.submit(function, *args, **kwargs).result()


class SigningSecretMismatch(Exception):
    """Stored material that the current SIGNING_SECRET does not open."""


def _derive(secret: str, info: bytes) -> bytes:
    if not secret:
        raise ImproperlyConfigured("SIGNING_SECRET is not set.")
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=b"thidua-signing", info=info).derive(secret.encode())


def _fernet(secret: str | None = None):
    """The current SIGNING_SECRET's key, or ``secret``'s. The derivation is the
    one SECRET_KEY went through before SIGNING_SECRET existed, so material
    sealed then opens with the old SECRET_KEY given as ``secret``."""
    return Fernet(base64.urlsafe_b64encode(_derive(settings.SIGNING_SECRET if secret is None else secret, b"pkcs12")))


def signing_secret_fingerprint(secret: str | None = None) -> str:
    """Names a SIGNING_SECRET without revealing it (backups record it)."""
    return _derive(settings.SIGNING_SECRET if secret is None else secret, b"fingerprint").hex()[:16]


def seal(data: bytes) -> bytes:
    return _fernet().encrypt(data)


def unseal(token: bytes) -> bytes:
    try:
        return _fernet().decrypt(bytes(token))
    except InvalidToken as error:
        raise SigningSecretMismatch(
            "Stored signing material does not open with the current SIGNING_SECRET: run with the secret it was "
            "sealed with, or re-seal it with manage.py rotate_signing_secret.") from error


def reseal(token: bytes, *, old_secret: str) -> bytes:
    """``token`` sealed with the current SIGNING_SECRET; it may be sealed with
    ``old_secret`` or already with the current one (so rotating twice is safe)."""
    try:
        return MultiFernet([_fernet(), _fernet(old_secret)]).rotate(bytes(token))
    except InvalidToken as error:
        raise SigningSecretMismatch("Opens with neither the old nor the current SIGNING_SECRET.") from error


@dataclass
class CertificateFacts:
    subject: str
    not_before: datetime.datetime
    not_after: datetime.datetime
    pem: str


def _local_date(moment: datetime.datetime) -> str:
    return f"{timezone.localtime(moment):%d/%m/%Y}"


def read_pkcs12(data: bytes, password: str) -> CertificateFacts:
    """Check a PKCS#12 upload; raise a Vietnamese ValidationError when unusable."""
    if len(data) > MAX_PKCS12_BYTES:
        raise ValidationError(_("Tệp chứng thư số quá lớn (tối đa 64 KB)."))
    try:
        key, certificate, _chain = pkcs12.load_key_and_certificates(data, password.encode() or None)
    except ValueError as error:
        raise ValidationError(_("Không mở được tệp chứng thư số: sai mật khẩu hoặc không phải tệp PKCS#12 "
                                "(.p12, .pfx).")) from error
    if key is None or certificate is None:
        raise ValidationError(_("Tệp PKCS#12 phải chứa cả khóa bí mật và chứng thư số."))
    now = datetime.datetime.now(datetime.UTC)
    if certificate.not_valid_before_utc > now:
        # Registered now, it would sign documents that no validator accepts until that day.
        raise ValidationError(_("Chứng thư số chưa có hiệu lực: chỉ dùng được từ ngày %(date)s.") % {
            "date": _local_date(certificate.not_valid_before_utc)})
    if certificate.not_valid_after_utc < now:
        raise ValidationError(_("Chứng thư số đã hết hạn ngày %(date)s.") % {
            "date": _local_date(certificate.not_valid_after_utc)})
    return CertificateFacts(
        subject=certificate.subject.rfc4514_string(), not_before=certificate.not_valid_before_utc,
        not_after=certificate.not_valid_after_utc, pem=certificate.public_bytes(Encoding.PEM).decode(),
    )


PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# The specification puts IHDR first: a 13-byte chunk opening with width and height.
PNG_IHDR_START = b"\x00\x00\x00\x0dIHDR"


def check_png(data: bytes, *, label: str, min_side: int = 60, max_side: int = 2000) -> tuple[int, int]:
    """A transparent PNG of sensible size; returns (width, height).

    The size comes from the IHDR header before Pillow opens the file: a few
    bytes may announce 20000×20000 pixels, which Pillow refuses by raising
    (or, below its own limit, would decode into gigabytes at print time)."""
    if len(data) > MAX_IMAGE_BYTES:
        raise ValidationError(_("%(label)s: tệp quá lớn (tối đa 1 MB).") % {"label": label})
    if not data.startswith(PNG_SIGNATURE):
        raise ValidationError(_("%(label)s phải là ảnh PNG.") % {"label": label})
    corrupt = ValidationError(_("%(label)s: tệp PNG bị hỏng.") % {"label": label})
    if data[8:16] != PNG_IHDR_START or len(data) < 24:
        raise corrupt
    width, height = struct.unpack(">II", data[16:24])
    if not (min_side <= width <= max_side and min_side <= height <= max_side):
        raise ValidationError(_("%(label)s: kích thước phải từ %(min)s đến %(max)s điểm ảnh mỗi chiều "
                                "(ảnh đang là %(w)s×%(h)s).") % {"label": label, "min": min_side, "max": max_side,
                                                                   "w": width, "h": height})
    try:
        with Image.open(io.BytesIO(data), formats=["PNG"]) as image:
            image.verify()
        with Image.open(io.BytesIO(data), formats=["PNG"]) as image:
            # A later IHDR would change the size after the check above.
            if image.size != (width, height):
                raise corrupt
            transparent = image.mode in ("RGBA", "LA") or "transparency" in image.info
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as error:
        raise corrupt from error
    if not transparent:
        raise ValidationError(_("%(label)s phải có nền trong suốt (PNG có kênh alpha).") % {"label": label})
    return width, height


def sign_pdf(pdf: bytes, *, pkcs12_data: bytes, password: str, signer_name: str, reason: str,
             location: str) -> bytes:
    """Apply a PAdES signature covering the whole file, with a visible stamp."""
    from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory  # noqa: PLC0415 — pyHanko is slow to import (~0.5 s)
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter  # noqa: PLC0415 — pyHanko is slow to import (~0.5 s)
    from pyhanko.pdf_utils.text import TextBoxStyle  # noqa: PLC0415 — pyHanko is slow to import (~0.5 s)
    from pyhanko.sign import fields, signers  # noqa: PLC0415 — pyHanko is slow to import (~0.5 s)
    from pyhanko.stamp import TextStampStyle  # noqa: PLC0415 — pyHanko is slow to import (~0.5 s)

    signer = signers.SimpleSigner.load_pkcs12_data(pkcs12_data, other_certs=[], passphrase=password.encode() or None)
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    fields.append_signature_field(writer, sig_field_spec=fields.SigFieldSpec(
        SIGNATURE_FIELD, box=STAMP_BOX, on_page=0))
    metadata = signers.PdfSignatureMetadata(
        field_name=SIGNATURE_FIELD, subfilter=fields.SigSeedSubFilter.PADES, md_algorithm="sha256",
        reason=reason, location=location, name=signer_name,
    )
    style = TextStampStyle(
        stamp_text="Ký bởi: %(signer)s\nThời gian ký: %(ts)s",
        text_box_style=TextBoxStyle(font=GlyphAccumulatorFactory(str(STAMP_FONT), font_size=9)),
        timestamp_format="%d/%m/%Y %H:%M:%S %z", border_width=1,
    )
    output = io.BytesIO()
    _outside_event_loop(signers.PdfSigner(metadata, signer=signer, stamp_style=style).sign_pdf,
                        writer, output=output, appearance_text_params={"signer": signer_name})
    return output.getvalue()


@dataclass
class SignatureCheck:
    present: bool
    intact: bool = False
    trusted: bool = False
    covers_whole_file: bool = False
    signer: str = ""
    signed_at: datetime.datetime | None = None
    error: str = ""

    @property
    def valid(self) -> bool:
        return self.present and self.intact and self.trusted and self.covers_whole_file


class UnreadablePdf(ValueError):
    """pyHanko could not parse the file."""


def embedded_signatures(pdf: bytes) -> list:
    """The signatures pyHanko finds in ``pdf``. A hostile file makes the parser
    raise nearly anything (OverflowError for a huge startxref, RecursionError
    for deep nesting, AssertionError for a catalog that is not a dictionary),
    so every failure becomes UnreadablePdf."""
    from pyhanko.pdf_utils.reader import PdfFileReader  # noqa: PLC0415 — pyHanko is slow to import (~0.5 s)

    try:
        return PdfFileReader(io.BytesIO(pdf)).embedded_signatures
    except Exception as error:
        raise UnreadablePdf(f"{type(error).__name__}: {error}") from error


def check_signature(pdf: bytes, trust_roots_pem: list[str]) -> SignatureCheck:
    """Validate the last signature of ``pdf`` against the given roots only."""
    from pyhanko.sign.validation import validate_pdf_signature  # noqa: PLC0415 — pyHanko is slow to import (~0.5 s)
    from pyhanko.sign.validation.status import SignatureCoverageLevel  # noqa: PLC0415 — pyHanko is slow to import (~0.5 s)
    from pyhanko_certvalidator import ValidationContext  # noqa: PLC0415 — pyHanko is slow to import (~0.5 s)

    try:
        signatures = embedded_signatures(pdf)
    except UnreadablePdf as error:
        return SignatureCheck(present=False, error=str(error))
    if not signatures:
        return SignatureCheck(present=False)
    roots = []
    for text in trust_roots_pem:
        _, _, der = asn1_pem.unarmor(text.encode())
        roots.append(asn1_x509.Certificate.load(der))
    try:
        status = _outside_event_loop(validate_pdf_signature, signatures[-1],
                                     ValidationContext(trust_roots=roots, allow_fetching=False))
    except Exception as error:  # a damaged signature is an answer ("not valid"), not a crash
        return SignatureCheck(present=True, error=str(error))
    return SignatureCheck(
        present=True, intact=status.intact, trusted=status.trusted,
        covers_whole_file=status.coverage == SignatureCoverageLevel.ENTIRE_FILE,
        signer=status.signing_cert.subject.human_friendly if status.signing_cert else "",
        signed_at=status.signer_reported_dt,
    )
