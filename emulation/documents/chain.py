"""The Nghị định 30 signing chain on one PDF, in incremental revisions:

1. the file handed to the signer: the document rendered with its number and
   date left blank, as read-only form fields, and two empty signature fields
   (the person's in the signature block, the agency's over its left third);
2. the person's signature, which locks every field but the number, the date
   and the agency's signature (FieldMDP), so the next step keeps it valid;
3. the clerk's revision: number and date filled in, the agency's signature
   with the seal image.

Each check of a signed file reports every signature in order with what was
changed after it (pyHanko's difference analysis)."""

import datetime
import functools
import io
import os
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from emulation.documents.signing import _outside_event_loop, embedded_signatures

FIELD_NUMBER = "SoKyHieu"
FIELD_DATE = "NgayBanHanh"
FIELD_PERSON = "ChuKyNguoiKy"
FIELD_AGENCY = "ChuKyCoQuan"
# What the person's signature leaves open for the clerk.
OPEN_AFTER_PERSON = [FIELD_NUMBER, FIELD_DATE, FIELD_AGENCY]

# Element ids in the print template where the fields go.
ANCHOR_NUMBER = "ky-so-so"
ANCHOR_DATE = "ky-so-ngay"
ANCHOR_SIGNATURE = "ky-so-chu-ky"

FONT_DIR = Path(settings.BASE_DIR) / "static" / "fonts"


@functools.cache
def field_font(name: str) -> str:
    """The body font for field appearances, scaled to 1000 units per em:
    pyHanko's glyph widths assume it, and Liberation Serif has 2048 (the text
    comes out spread apart otherwise)."""
    from fontTools.ttLib import TTFont  # noqa: PLC0415 — only signing needs it
    from fontTools.ttLib.scaleUpem import scale_upem  # noqa: PLC0415 — only signing needs it

    target = Path(settings.DERIVED_FONT_DIR) / f"{Path(name).stem}-1000.ttf"
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        font = TTFont(FONT_DIR / name)
        scale_upem(font, 1000)
        partial = target.with_suffix(f".{os.getpid()}.partial")  # two processes may make it at once
        font.save(partial)
        partial.replace(target)
    return str(target)


Box = tuple[int, float, float, float, float]  # page index, x1, y1, x2, y2 in points


@dataclass(frozen=True)
class FieldPlaces:
    number: Box
    date: Box
    signature: Box

    @classmethod
    def from_anchors(cls, anchors: dict[str, Box]) -> "FieldPlaces":
        return cls(number=anchors[ANCHOR_NUMBER], date=anchors[ANCHOR_DATE], signature=anchors[ANCHOR_SIGNATURE])

    @property
    def seal(self) -> Box:
        """A square as tall as the signature space, its right edge a third of
        the way into the signature (the seal covers about a third of it)."""
        page, x1, y1, x2, y2 = self.signature
        side = y2 - y1
        right = x1 + (x2 - x1) / 3
        return page, right - side, y1, right, y2


def _text_style(font_file: str, size: float):
    from pyhanko.pdf_utils import layout  # noqa: PLC0415 — pyHanko is slow to import (~0.5 s)
    from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory  # noqa: PLC0415 — pyHanko is slow to import (~0.5 s)
    from pyhanko.pdf_utils.text import TextBoxStyle  # noqa: PLC0415 — pyHanko is slow to import (~0.5 s)

    return TextBoxStyle(
        font=GlyphAccumulatorFactory(font_file, font_size=size), font_size=size,
        box_layout_rule=layout.SimpleBoxLayoutRule(
            x_align=layout.AxisAlignment.ALIGN_MID, y_align=layout.AxisAlignment.ALIGN_MID,
            inner_content_scaling=layout.InnerScaling.NO_SCALING))


NUMBER_STYLE = ("LiberationSerif-Regular.ttf", 13)
DATE_STYLE = ("LiberationSerif-Italic.ttf", 14)


def _number_style():
    return _text_style(field_font(NUMBER_STYLE[0]), NUMBER_STYLE[1])


def _date_style():
    return _text_style(field_font(DATE_STYLE[0]), DATE_STYLE[1])


def _add_text_field(writer, name: str, box: Box, shown: str, style) -> None:
    """A read-only text field, without a value, showing ``shown`` (the blank
    line as a draft prints it) until the clerk fills it."""
    from pyhanko.pdf_utils import generic, layout  # noqa: PLC0415 — pyHanko is slow to import (~0.5 s)
    from pyhanko.pdf_utils.form_tools import TextFieldContent  # noqa: PLC0415 — pyHanko is slow to import (~0.5 s)

    page_index, x1, y1, x2, y2 = box
    page_ref = writer.find_page_for_modification(page_index)[0]
    widget = generic.DictionaryObject({
        generic.NameObject("/Type"): generic.NameObject("/Annot"),
        generic.NameObject("/Subtype"): generic.NameObject("/Widget"),
        generic.NameObject("/FT"): generic.NameObject("/Tx"),
        generic.NameObject("/T"): generic.TextStringObject(name),
        generic.NameObject("/Rect"): generic.ArrayObject([generic.FloatObject(v) for v in (x1, y1, x2, y2)]),
        generic.NameObject("/F"): generic.NumberObject(4),  # printed
        generic.NameObject("/Ff"): generic.NumberObject(1),  # read-only in viewers
        generic.NameObject("/P"): page_ref,
    })
    TextFieldContent(writer=writer, text_content=shown, text_style=style,
                     box=layout.BoxConstraints(width=x2 - x1, height=y2 - y1)).apply_appearance(widget)
    widget_ref = writer.add_object(widget)
    page = page_ref.get_object()
    if "/Annots" in page:
        page["/Annots"].get_object().append(widget_ref)
    else:
        page["/Annots"] = generic.ArrayObject([widget_ref])
    writer.update_container(page)
    if "/AcroForm" not in writer.root:
        writer.root["/AcroForm"] = writer.add_object(generic.DictionaryObject({
            generic.NameObject("/Fields"): generic.ArrayObject()}))
        writer.update_root()
    form = writer.root["/AcroForm"]
    form["/Fields"].append(widget_ref)
    writer.update_container(form)


def approval_prepare(pdf: bytes, places: FieldPlaces, *, number_blank: str, date_blank: str) -> bytes:
    """The file the signer signs: ``pdf`` with the number and date fields and
    both signature fields, the person's locking all but the clerk's part."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter  # noqa: PLC0415 — pyHanko is slow to import (~0.5 s)
    from pyhanko.sign import fields  # noqa: PLC0415 — pyHanko is slow to import (~0.5 s)

    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    _add_text_field(writer, FIELD_NUMBER, places.number, number_blank, _number_style())
    _add_text_field(writer, FIELD_DATE, places.date, date_blank, _date_style())
    page, *signature_box = places.signature
    fields.append_signature_field(writer, fields.SigFieldSpec(
        FIELD_PERSON, box=tuple(signature_box), on_page=page,
        field_mdp_spec=fields.FieldMDPSpec(fields.FieldMDPAction.EXCLUDE, fields=OPEN_AFTER_PERSON),
        doc_mdp_update_value=fields.MDPPerm.FILL_FORMS))
    page, *seal_box = places.seal
    fields.append_signature_field(writer, fields.SigFieldSpec(FIELD_AGENCY, box=tuple(seal_box), on_page=page))
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def _image_stamp(png: bytes | None):
    from PIL import Image  # noqa: PLC0415 — Pillow only when a stamp is drawn
    from pyhanko.pdf_utils.images import PdfImage  # noqa: PLC0415 — pyHanko is slow to import (~0.5 s)
    from pyhanko.stamp import TextStampStyle  # noqa: PLC0415 — pyHanko is slow to import (~0.5 s)

    if not png:
        return TextStampStyle(stamp_text="", border_width=0)
    image = Image.open(io.BytesIO(bytes(png)))
    image.load()
    return TextStampStyle(stamp_text="", background=PdfImage(image.convert("RGBA")), background_opacity=1,
                          border_width=0)


def signature_metadata(field_name: str, *, name: str, reason: str, location: str, timestamped: bool,
                       validation_context=None, archival: bool = False):
    from pyhanko.sign import fields, signers  # noqa: PLC0415 — pyHanko is slow to import (~0.5 s)

    return signers.PdfSignatureMetadata(
        field_name=field_name, subfilter=fields.SigSeedSubFilter.PADES, md_algorithm="sha256", name=name,
        reason=reason, location=location, embed_validation_info=validation_context is not None,
        validation_context=validation_context, use_pades_lta=archival and timestamped)


def timestamper():
    """The configured RFC 3161 server, or None (then signatures carry the
    signer's own clock only, which the verification page says)."""
    from pyhanko.sign.timestamps import HTTPTimeStamper  # noqa: PLC0415 — pyHanko is slow to import (~0.5 s)

    url = getattr(settings, "SIGNING_TIMESTAMP_URL", "")
    return HTTPTimeStamper(url, timeout=10) if url else None


def person_sign(pdf: bytes, signer, *, name: str, signature_png: bytes | None, reason: str = "",
                location: str = "", validation_context=None) -> bytes:
    """The person's signature made by pyHanko with a signer object the caller
    holds (an external tool's role; the app itself never holds a person's key:
    remote signing goes through ``emulation.documents.remote``)."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter  # noqa: PLC0415 — pyHanko is slow to import (~0.5 s)
    from pyhanko.sign import signers  # noqa: PLC0415 — pyHanko is slow to import (~0.5 s)

    stamper = timestamper()
    metadata = signature_metadata(FIELD_PERSON, name=name, reason=reason, location=location,
                                  timestamped=stamper is not None, validation_context=validation_context)
    output = io.BytesIO()
    _outside_event_loop(
        signers.PdfSigner(metadata, signer=signer, timestamper=stamper, stamp_style=_image_stamp(signature_png))
        .sign_pdf, IncrementalPdfFileWriter(io.BytesIO(pdf)), output=output)
    return output.getvalue()


def agency_sign(pdf: bytes, signer, *, number_text: str, date_text: str, name: str, seal_png: bytes | None,
                reason: str, location: str, validation_context=None, archival: bool = False) -> bytes:
    """The clerk's revision: number and date filled in, then the agency's
    signature with the seal image, in one incremental update."""
    from pyhanko.pdf_utils.form_tools import populate_static_text_field  # noqa: PLC0415 — pyHanko is slow to import (~0.5 s)
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter  # noqa: PLC0415 — pyHanko is slow to import (~0.5 s)
    from pyhanko.sign import signers  # noqa: PLC0415 — pyHanko is slow to import (~0.5 s)

    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    populate_static_text_field(writer, FIELD_NUMBER, _number_style(), number_text)
    populate_static_text_field(writer, FIELD_DATE, _date_style(), date_text)
    stamper = timestamper()
    metadata = signature_metadata(FIELD_AGENCY, name=name, reason=reason, location=location,
                                  timestamped=stamper is not None, validation_context=validation_context,
                                  archival=archival)
    output = io.BytesIO()
    _outside_event_loop(
        signers.PdfSigner(metadata, signer=signer, timestamper=stamper, stamp_style=_image_stamp(seal_png)).sign_pdf,
        writer, output=output)
    return output.getvalue()


@dataclass
class SignatureReport:
    """One signature of a file, as the verification page and the upload
    checks read it."""

    field_name: str
    signer: str = ""
    issuer: str = ""
    serial: str = ""
    fingerprint: str = ""
    signed_at: datetime.datetime | None = None
    timestamped: bool = False
    intact: bool = False
    trusted: bool = False
    revocation: str = "unknown"  # "good", "revoked", "unknown" (không xác định), never assumed good
    expired: bool = False
    weak_hash: bool = False
    covers_whole_file: bool = False
    changes_after: str = "none"  # "none", "allowed" (form filling and later signatures), "disallowed"
    changed_fields: frozenset[str] = frozenset()
    error: str = ""

    @property
    def valid(self) -> bool:
        return self.intact and self.trusted and self.revocation == "good" and not self.expired \
            and not self.weak_hash and self.changes_after != "disallowed"


def _certificate_facts(report: SignatureReport, certificate) -> None:
    report.signer = certificate.subject.human_friendly
    report.issuer = certificate.issuer.human_friendly
    report.serial = format(certificate.serial_number, "x")
    report.fingerprint = certificate.sha256.hex()


def signatures_report(pdf: bytes, trust_roots, *, allow_fetching: bool = True) -> list[SignatureReport]:
    """Every signature of ``pdf`` in order, each checked against ``trust_roots``
    (asn1crypto certificates) with its revocation status (OCSP or CRL, from
    the file's own validation information first)."""
    from pyhanko.sign.validation import validate_pdf_signature  # noqa: PLC0415 — pyHanko is slow to import (~0.5 s)
    from pyhanko.sign.validation.errors import DisallowedAlgorithmError, SignatureValidationError  # noqa: PLC0415 — pyHanko is slow to import (~0.5 s)
    from pyhanko.sign.validation.status import SignatureCoverageLevel  # noqa: PLC0415 — pyHanko is slow to import (~0.5 s)
    from pyhanko_certvalidator import ValidationContext  # noqa: PLC0415 — pyHanko is slow to import (~0.5 s)

    signatures = embedded_signatures(pdf)
    reports = []
    for embedded in signatures:
        if embedded.sig_object.get("/Type") == "/DocTimeStamp":
            continue  # a PAdES-LTA archival timestamp seals the file; it is nobody's signature
        report = SignatureReport(field_name=embedded.field_name)
        reports.append(report)
        if embedded.signer_cert is not None:
            _certificate_facts(report, embedded.signer_cert)
        weak = weak_digests(embedded)
        if weak:
            report.weak_hash, report.error = True, ", ".join(weak)
            continue
        try:
            # Soft-fail says whether the chain holds; hard-fail, whether revocation could be checked.
            status = _outside_event_loop(validate_pdf_signature, embedded, ValidationContext(
                trust_roots=list(trust_roots), allow_fetching=allow_fetching, revocation_mode="soft-fail"))
            checked = status.trusted and _revocation_checked(embedded, trust_roots, allow_fetching=allow_fetching)
        except DisallowedAlgorithmError as error:
            report.weak_hash, report.error = True, str(error)
            continue
        except (SignatureValidationError, ValueError) as error:
            report.error = str(error)
            continue
        report.intact, report.trusted = status.intact and status.valid, status.trusted
        report.revocation = "revoked" if status.revoked else "good" if checked else "unknown"
        report.expired = _expired(status)
        report.signed_at = status.timestamp_validity.timestamp if status.timestamp_validity else \
            status.signer_reported_dt
        report.timestamped = status.timestamp_validity is not None and status.timestamp_validity.intact
        report.covers_whole_file = status.coverage == SignatureCoverageLevel.ENTIRE_FILE
        diff = status.diff_result
        report.changed_fields = frozenset(getattr(diff, "changed_form_fields", None) or ())
        if report.covers_whole_file:
            report.changes_after = "none"
        elif status.docmdp_ok and status.coverage == SignatureCoverageLevel.ENTIRE_REVISION:
            report.changes_after = "allowed"
        else:
            report.changes_after = "disallowed"
    return reports


WEAK_HASH_NAMES = {"sha1": "SHA-1", "md5": "MD5", "md2": "MD2"}


def weak_digests(embedded) -> list[str]:
    """The weak digest algorithms a signature uses ("SHA-1"…): pyHanko 0.38
    only logs them and calls the signature untrusted."""
    mechanism = embedded.signer_info["signature_algorithm"]
    try:
        mechanism_hash = mechanism.hash_algo
    except ValueError:  # a bare mechanism (rsassa_pkcs1v15, ecdsa): the digest algorithm says it
        mechanism_hash = None
    algorithms = {embedded.md_algorithm, embedded.external_md_algorithm, mechanism_hash}
    return sorted(WEAK_HASH_NAMES[name] for name in algorithms if name in WEAK_HASH_NAMES)


def _revocation_checked(embedded, trust_roots, *, allow_fetching: bool) -> bool:
    from pyhanko.sign.validation import validate_pdf_signature  # noqa: PLC0415 — pyHanko is slow to import (~0.5 s)
    from pyhanko_certvalidator import ValidationContext  # noqa: PLC0415 — pyHanko is slow to import (~0.5 s)

    try:
        context = ValidationContext(trust_roots=list(trust_roots), allow_fetching=allow_fetching,
                                    revocation_mode="hard-fail")
    except ValueError:  # nothing to check revocation with: neither fetching nor embedded answers
        return False
    return _outside_event_loop(validate_pdf_signature, embedded, context).trusted


def _expired(status) -> bool:
    summary = status.trust_problem_indic
    name = getattr(summary, "name", "") if summary is not None else ""
    return "EXPIRED" in name or "OUT_OF_BOUNDS" in name
