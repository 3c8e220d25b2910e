"""The file a signer approves (Nghị định 30, the signing chain in
``emulation.documents.chain``): the document exactly as it will be issued,
but with the number, the date and the signature left to the PDF's form
fields.

The print template renders it with ``signing_fields``: the number line, the
date line and the signature space become empty blocks with the anchor ids
the chain looks for, and nothing that belongs to a draft or to the issued
copy prints (no "DỰ THẢO", no margin note, no signature or seal images). The
fields drawn there show the blank lines until the clerk fills them, so the
person signs the page as it will read, and the clerk's filling changes no
text the person's signature covers."""

import datetime
from dataclasses import dataclass

from django.template.loader import render_to_string

from emulation import vn
from emulation.documents.chain import FieldPlaces, approval_prepare
from emulation.documents.issue import verification_for
from emulation.documents.layout import DocumentLayout, number_line
from emulation.documents.render import render_pdf


@dataclass(frozen=True)
class ApprovalFile:
    pdf: bytes  # approval_prepare'd: ready for the person's signature
    places: FieldPlaces
    number_blank: str  # "Số:      /KH-UBND", as the number field shows it before the clerk fills it
    date_blank: str  # "An Giang, ngày      tháng 01 năm 2026", as the date field shows it


def approval_html(layout: DocumentLayout, *, verification_code: str) -> str:
    """The print template as ``issue.document_html`` fills it, with the
    verification block of the code the issued document will carry and the
    field anchors in place of the number, the date and the signature."""
    return render_to_string("documents/print.html", {
        "document": layout, "verification": verification_for(verification_code), "margin_note": [],
        "for_browser": False, "back_url": "", "signing_fields": True,
    })


def approval_render(layout: DocumentLayout, *, verification_code: str, record: dict[str, str]) -> ApprovalFile:
    """``layout`` is the draft's (number blank, no date): its own number and
    date lines are what the fields show until the clerk fills them. ``record``
    goes into the XMP (PDF/A) as ``render.RECORD_PROPERTIES`` names it; the
    number and the date are not known yet, so leave them out."""
    pdf, anchors = render_pdf(approval_html(layout, verification_code=verification_code), record=record,
                              with_anchors=True)
    places = FieldPlaces.from_anchors(anchors)
    prepared = approval_prepare(pdf, places, number_blank=layout.number_line, date_blank=layout.date_line)
    return ApprovalFile(pdf=prepared, places=places, number_blank=layout.number_line, date_blank=layout.date_line)


def issued_texts(layout_number_symbol: str, place_name: str, issued_on: datetime.date) -> tuple[str, str]:
    """What the clerk fills in: ("Số: 12/KH-UBND", "An Giang, ngày 05 tháng
    01 năm 2026"), worded as the issued document prints them.
    ``layout_number_symbol`` is the whole number and symbol ("12/KH-UBND")."""
    return number_line(layout_number_symbol, ""), vn.date_line(place_name, issued_on)
