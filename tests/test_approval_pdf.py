"""The file a signer approves: a plan rendered with its number, date and
signature left to the PDF's form fields (``emulation.documents.approval``),
measured with pdfplumber: where the fields lie, what the page reads before
and after the clerk fills the number and the date, and that the page lays
out as the draft does.

pdfplumber reads a page's own content, not its form fields' appearances, so
``_as_printed`` draws each field's appearance into its page the way a viewer
prints the form before the text is read back."""

import datetime
import io
from xml.etree import ElementTree

import pdfplumber
import pytest
from asn1crypto import pem, x509
from django.template.loader import render_to_string
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, ContentStream, DictionaryObject, NameObject

from campaigns.models import Plan
from demo.signing import make_authority, make_pkcs12, make_png
from emulation.documents import chain
from emulation.documents.approval import approval_html, approval_render, issued_texts
from emulation.documents.issue import document_html, layout_for, verification_for
from emulation.documents.layout import SIGNATURE_HEIGHT_MM, Stamp
from emulation.documents.render import RECORD_NAMESPACE, render_pdf
from tests.builders import build_plan

MM = 72 / 25.4
LEFT_MARGIN, RIGHT_MARGIN = 30 * MM, 15 * MM
CODE = "TEST-DUYET-0001"
SIGNER = "Hồ Văn Mừng"
NUMBER_SYMBOL = "12/KH-UBND"
ISSUED_ON = datetime.date(2026, 1, 5)
ANCHOR_IDS = (chain.ANCHOR_NUMBER, chain.ANCHOR_DATE, chain.ANCHOR_SIGNATURE)
NBSP6 = "\u00a0" * 6
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"

_RENDERED: dict = {}


def _draft_plan(tree, people) -> Plan:
    """The province's plan as its drafter leaves it for signing: a signer
    named, issue planned for January 2026, no number or date yet."""
    plan = build_plan(tree, people)
    Plan.objects.filter(pk=plan.pk).update(signer_name=SIGNER, draft_date=datetime.date(2026, 1, 1))
    return plan


@pytest.fixture
def rendered(tree, people) -> dict:
    """The plan as the signer gets it, then signed by the person, filled and
    sealed by the clerk, and the draft printed as before; made once for the
    module (the rows go with the first test's transaction, the files stay)."""
    if _RENDERED:
        return _RENDERED
    plan = _draft_plan(tree, people)
    layout = layout_for(plan)
    metadata = layout.metadata
    record = {"LoaiVanBan": "Kế hoạch", "CoQuanBanHanh": metadata.issuer, "TrichYeu": metadata.subject,
              "NguoiKy": metadata.signer_name, "ChucVuNguoiKy": metadata.signer_title, "MaXacMinh": CODE}
    approval = approval_render(layout, verification_code=CODE, record=record)
    authority = make_authority("Approval Test Root")
    person, root_pem = make_pkcs12(SIGNER, "x", authority)
    agency, _root = make_pkcs12(plan.issuer.name, "x", authority)
    person_pdf = chain.person_sign(approval.pdf, _signer(person), name=SIGNER, signature_png=make_png())
    number_text, date_text = issued_texts(NUMBER_SYMBOL, plan.place_name, ISSUED_ON)
    issued = chain.agency_sign(person_pdf, _signer(agency), number_text=number_text, date_text=date_text,
                               name=plan.issuer.name, seal_png=make_png(200, 200, color=(200, 0, 0, 255)),
                               reason=f"Ban hành {NUMBER_SYMBOL}", location=plan.place_name)
    _RENDERED.update(
        layout=layout, approval=approval, issued=issued, number_text=number_text, date_text=date_text,
        root=x509.Certificate.load(pem.unarmor(root_pem.encode())[2]),
        draft=render_pdf(document_html(layout, verification=verification_for(CODE))),
    )
    return _RENDERED


def _signer(pkcs12: bytes):
    return signers.SimpleSigner.load_pkcs12_data(pkcs12, other_certs=[], passphrase=b"x")


def _as_printed(pdf: bytes) -> bytes:
    """``pdf`` with every widget's normal appearance drawn into its page, its
    box mapped onto the widget's rectangle (PDF 32000-1, 12.5.5)."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    for page in writer.pages:
        drawn = []
        for index, reference in enumerate(page.get("/Annots", [])):
            widget = reference.get_object()
            if widget.get("/Subtype") != "/Widget" or "/N" not in widget.get("/AP", {}):
                continue
            x1, y1, x2, y2 = (float(value) for value in widget["/Rect"])
            corners = [float(value) for value in widget["/AP"]["/N"].get_object()["/BBox"]]
            box_x1, box_x2 = sorted(corners[0::2])
            box_y1, box_y2 = sorted(corners[1::2])
            scale_x, scale_y = (x2 - x1) / (box_x2 - box_x1), (y2 - y1) / (box_y2 - box_y1)
            name = f"/Widget{index}"
            resources = page["/Resources"].get_object()
            if "/XObject" not in resources:
                resources[NameObject("/XObject")] = DictionaryObject()
            resources["/XObject"].get_object()[NameObject(name)] = widget["/AP"].raw_get("/N")
            drawn.append(f"q {scale_x:.5f} 0 0 {scale_y:.5f} {x1 - box_x1 * scale_x:.3f} "
                         f"{y1 - box_y1 * scale_y:.3f} cm {name} Do Q")
        if drawn:
            content = ContentStream(None, writer)
            content.set_data(b"q\n" + page.get_contents().get_data() + b"\nQ\n" + "\n".join(drawn).encode())
            page.replace_contents(content)
        page[NameObject("/Annots")] = ArrayObject()
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def _top_down(box: chain.Box, page) -> tuple[float, float, float, float]:
    """A field box (PDF points from the bottom left) as a pdfplumber bbox."""
    _page_index, x1, y1, x2, y2 = box
    return x1, page.height - y2, x2, page.height - y1


def _words(text: str) -> str:
    return " ".join(text.split())


def _line(page, text: str, bbox=None) -> dict:
    """The one line reading ``text`` (spaces folded), within ``bbox``."""
    area = page.crop(bbox) if bbox else page
    (line,) = [line for line in area.extract_text_lines(strip=True, return_chars=True)
               if _words(line["text"]) == _words(text)]
    return line


def _columns(page) -> tuple[tuple, tuple]:
    """The header's two columns, split where “CỘNG HÒA …” begins, down to the title."""
    nation = next(word for word in page.extract_words() if word["text"] == "CỘNG")
    title = next(word for word in page.extract_words() if word["text"] == "KẾ")
    return (0, 0, nation["x0"] - 1, title["top"]), (nation["x0"] - 1, 0, page.width, title["top"])


def _inside(line: dict, bbox: tuple[float, float, float, float]) -> bool:
    x1, top, x2, bottom = bbox
    return x1 <= line["x0"] and line["x1"] <= x2 and top <= line["top"] and line["bottom"] <= bottom


def _overlaps(char: dict, other: dict) -> bool:
    return char["x0"] < other["x1"] and other["x0"] < char["x1"] and char["top"] < other["bottom"] \
        and other["top"] < char["bottom"]


def _centre(line_or_box) -> float:
    if isinstance(line_or_box, dict):
        return (line_or_box["x0"] + line_or_box["x1"]) / 2
    return (line_or_box[0] + line_or_box[2]) / 2


def test_the_number_and_date_boxes_lie_on_the_draft_header_lines_in_their_columns(rendered):
    approval, layout = rendered["approval"], rendered["layout"]
    assert (approval.places.number[0], approval.places.date[0]) == (0, 0)
    with pdfplumber.open(io.BytesIO(approval.pdf)) as pdf, pdfplumber.open(io.BytesIO(rendered["draft"])) as draft:
        page = pdf.pages[0]
        left, right = _columns(page)
        number, date = _top_down(approval.places.number, page), _top_down(approval.places.date, page)
        # The whole left column, under the issuer's name; the whole right one, under the motto.
        split = LEFT_MARGIN + (page.width - LEFT_MARGIN - RIGHT_MARGIN) * layout.issuer_column_percent / 100
        assert (number[0], number[2]) == (pytest.approx(LEFT_MARGIN, abs=0.01), pytest.approx(split, abs=0.01))
        assert (date[0], date[2]) == (pytest.approx(split, abs=0.01),
                                      pytest.approx(page.width - RIGHT_MARGIN, abs=0.01))
        assert split < right[0] + 1
        assert number[1] > _line(page, layout.issuer_lines[-1], left)["bottom"]
        assert date[1] > _line(page, "Độc lập - Tự do - Hạnh phúc", right)["bottom"]
        # 8 pt taller than the field text (13 pt, 14 pt), a little below the line the draft prints there.
        assert (number[3] - number[1], date[3] - date[1]) == (pytest.approx(21.05, abs=0.01),
                                                              pytest.approx(22.05, abs=0.01))
        draft_number = _line(draft.pages[0], layout.number_line, left)
        draft_date = _line(draft.pages[0], layout.date_line, right)
        assert (number[3], date[3]) == (pytest.approx(draft_number["bottom"] + 1.2, abs=0.01),
                                        pytest.approx(draft_date["bottom"] + 1, abs=0.01))


def test_the_signature_box_is_the_signature_space_just_over_the_signer_name(rendered):
    places, block = rendered["approval"].places, rendered["layout"].signatures[-1]
    with pdfplumber.open(io.BytesIO(rendered["approval"].pdf)) as pdf:
        last = len(pdf.pages) - 1
        assert places.signature[0] == last
        page = pdf.pages[last]
        x1, top, x2, bottom = box = _top_down(places.signature, page)
        assert (x2 - x1, bottom - top) == (pytest.approx(block.signature_width_mm * MM, abs=0.01),
                                           pytest.approx(SIGNATURE_HEIGHT_MM * MM, abs=0.01))
        footer_right = (page.width / 2, 0, page.width, page.height)
        title, name = _line(page, block.lines[-1], footer_right), _line(page, SIGNER, footer_right)
        # 4 mm under the authority line; the name's first ink 4 mm and half the leading under the box.
        assert top - title["bottom"] == pytest.approx(4 * MM, abs=0.1)
        assert 4 * MM < name["top"] - bottom < 5 * MM
        assert (_centre(name), _centre(title)) == (pytest.approx(_centre(box), abs=0.5),
                                                   pytest.approx(_centre(box), abs=0.5))
        assert x2 < page.width - RIGHT_MARGIN
    seal_page, seal_x1, seal_y1, seal_x2, seal_y2 = places.seal
    assert (seal_page, seal_x2, seal_x2 - seal_x1) == (last, pytest.approx(x1 + (x2 - x1) / 3),
                                                       pytest.approx(SIGNATURE_HEIGHT_MM * MM))


def test_the_file_carries_the_read_only_number_and_date_fields_and_both_signature_fields(rendered):
    approval = rendered["approval"]
    reader = PdfFileReader(io.BytesIO(approval.pdf))
    form_fields = [reference.get_object() for reference in reader.root["/AcroForm"]["/Fields"]]
    assert [(str(field["/T"]), str(field["/FT"])) for field in form_fields] == [
        (chain.FIELD_NUMBER, "/Tx"), (chain.FIELD_DATE, "/Tx"), (chain.FIELD_PERSON, "/Sig"),
        (chain.FIELD_AGENCY, "/Sig")]
    number_field, date_field = form_fields[:2]
    assert (int(number_field["/Ff"]) & 1, int(date_field["/Ff"]) & 1) == (1, 1)  # read-only
    assert ("/V" in number_field, "/V" in date_field) == (False, False)  # the clerk's revision gives the values
    assert [float(value) for value in number_field["/Rect"]] == pytest.approx(list(approval.places.number[1:]))
    assert [float(value) for value in date_field["/Rect"]] == pytest.approx(list(approval.places.date[1:]))
    signature_fields = list(fields.enumerate_sig_fields(reader))
    assert [(name, value) for name, value, _reference in signature_fields] == [
        (chain.FIELD_PERSON, None), (chain.FIELD_AGENCY, None)]
    person_rect = signature_fields[0][2].get_object()["/Rect"]
    assert [float(value) for value in person_rect] == pytest.approx(list(approval.places.signature[1:]))


def test_the_fields_show_the_blank_lines_and_the_page_nothing_of_a_draft(rendered):
    approval, layout = rendered["approval"], rendered["layout"]
    assert (approval.number_blank, approval.date_blank) == (layout.number_line, layout.date_line)
    assert (approval.number_blank, approval.date_blank) == (
        f"Số:{NBSP6}/KH-UBND", f"An Giang, ngày{NBSP6}tháng 01 năm 2026")
    with pdfplumber.open(io.BytesIO(approval.pdf)) as pdf:
        page_text = _words(" ".join(page.extract_text() for page in pdf.pages))
        assert [page.images for page in pdf.pages] == [[] for _page in pdf.pages]  # no signature or seal image
    # The page itself prints neither line (the fields do), nor the draft's marks.
    assert "Số:" not in page_text and "ngày" not in page_text.split("KẾ HOẠCH")[0]
    assert "DỰ THẢO" not in page_text and CODE in page_text
    with pdfplumber.open(io.BytesIO(_as_printed(approval.pdf))) as pdf:
        page = pdf.pages[0]
        printed_text = _words(" ".join(page.extract_text() for page in pdf.pages))
        assert (printed_text.count(_words(approval.number_blank)), printed_text.count(_words(approval.date_blank)),
                printed_text.count("DỰ THẢO")) == (1, 1, 0)
        left, right = _columns(page)
        assert _inside(_line(page, approval.number_blank, left), _top_down(approval.places.number, page))
        assert _inside(_line(page, approval.date_blank, right), _top_down(approval.places.date, page))


def _xmp_values(pdf: bytes, namespace: str) -> dict[str, str]:
    """The XMP properties of ``namespace``, written as elements or as
    attributes (pyHanko rewrites the packet in the latter form when it saves)."""
    packet = PdfReader(io.BytesIO(pdf)).xmp_metadata.stream.get_data()
    values = {}
    for description in ElementTree.fromstring(packet).iter(f"{{{RDF}}}Description"):
        values.update({name.split("}")[1]: value for name, value in description.attrib.items()
                       if name.startswith(f"{{{namespace}}}")})
        values.update({child.tag.split("}")[1]: child.text for child in description
                       if child.tag.startswith(f"{{{namespace}}}")})
    return values


def test_the_record_goes_into_the_archival_metadata(rendered):
    pdf = rendered["approval"].pdf
    assert _xmp_values(pdf, "http://www.aiim.org/pdfa/ns/id/") == {"part": "3", "conformance": "B"}
    assert _xmp_values(pdf, RECORD_NAMESPACE) == {
        "LoaiVanBan": "Kế hoạch", "CoQuanBanHanh": "Ủy ban nhân dân tỉnh An Giang",
        "TrichYeu": "Phát động phong trào thi đua năm 2026", "NguoiKy": SIGNER, "ChucVuNguoiKy": "CHỦ TỊCH",
        "MaXacMinh": CODE}


def test_the_approval_lays_out_as_the_draft_but_for_what_the_fields_show(rendered):
    """Hiding the number, the date and the draft marks moves nothing: every
    other line prints where the draft prints it."""
    layout = rendered["layout"]
    left_out = {*layout.number_line.split(), *layout.date_line.split(), "DỰ", "THẢO"}

    def words(pdf_bytes: bytes) -> list[list[tuple]]:
        with pdfplumber.open(io.BytesIO(pdf_bytes)) as pdf:
            # Without the draft's watermark (72 pt letters, turned).
            pages = [page.filter(lambda item: item.get("size", 0) < 50) for page in pdf.pages]
            return [[(word["text"], round(word["x0"], 2), round(word["top"], 2)) for word in page.extract_words()
                     if word["text"] not in left_out] for page in pages]

    draft, approval = words(rendered["draft"]), words(rendered["approval"].pdf)
    assert len(approval) == len(draft) and approval == draft
    assert sum(len(page) for page in approval) > 100


def test_the_clerk_fills_number_and_date_once_where_the_draft_printed_them(rendered):
    approval, number_text, date_text = rendered["approval"], rendered["number_text"], rendered["date_text"]
    layout = rendered["layout"]
    assert (number_text, date_text) == ("Số: 12/KH-UBND", "An Giang, ngày 05 tháng 01 năm 2026")
    with pdfplumber.open(io.BytesIO(_as_printed(rendered["issued"]))) as pdf, \
            pdfplumber.open(io.BytesIO(rendered["draft"])) as draft:
        text = _words(" ".join(page.extract_text() for page in pdf.pages))
        assert (text.count(number_text), text.count(date_text), text.count("Số:")) == (1, 1, 1)
        page = pdf.pages[0]
        left, right = _columns(page)
        number, date = _line(page, number_text, left), _line(page, date_text, right)
        number_box, date_box = _top_down(approval.places.number, page), _top_down(approval.places.date, page)
        assert _inside(number, number_box) and _inside(date, date_box)
        # Centred in its column on the draft's line, as the issued document prints it.
        draft_number = _line(draft.pages[0], layout.number_line, left)
        draft_date = _line(draft.pages[0], layout.date_line, right)
        assert (_centre(number), number["top"]) == (pytest.approx(_centre(draft_number), abs=0.5),
                                                    pytest.approx(draft_number["top"], abs=0.3))
        assert (_centre(date), date["top"]) == (pytest.approx(_centre(draft_date), abs=0.5),
                                                pytest.approx(draft_date["top"], abs=0.3))
        ink = [char for char in number["chars"] + date["chars"] if char["text"].strip()]
        assert {round(char["size"], 1) for char in number["chars"] if char["text"].strip()} == {13.0}
        assert {round(char["size"], 1) for char in date["chars"] if char["text"].strip()} == {14.0}
        assert all("Italic" in char["fontname"] for char in date["chars"] if char["text"].strip())
        others = [char for char in page.chars if char["text"].strip() and char not in ink]
        assert [(char["text"], other["text"]) for char in ink for other in others if _overlaps(char, other)] == []


def test_both_signatures_hold_after_the_clerk_fills_the_fields(rendered):
    person, agency = chain.signatures_report(rendered["issued"], [rendered["root"]], allow_fetching=False)
    assert (person.error, person.intact, person.trusted, person.changes_after) == ("", True, True, "allowed")
    assert person.changed_fields == {chain.FIELD_NUMBER, chain.FIELD_DATE, chain.FIELD_AGENCY}
    assert (agency.error, agency.intact, agency.trusted, agency.covers_whole_file) == ("", True, True, True)


def test_issued_texts_word_the_number_and_the_date_as_printed():
    assert issued_texts("12/KH-UBND", "An Giang", datetime.date(2026, 1, 5)) == (
        "Số: 12/KH-UBND", "An Giang, ngày 05 tháng 01 năm 2026")
    assert issued_texts("169/KH-UBND", "Đồng Tháp", datetime.date(2025, 11, 25)) == (
        "Số: 169/KH-UBND", "Đồng Tháp, ngày 25 tháng 11 năm 2025")


def test_without_signing_fields_the_template_prints_the_draft_as_before(tree, people):
    layout = layout_for(_draft_plan(tree, people), stamp=Stamp(signature="data:image/png;base64,AA==",
                                                               seal="data:image/png;base64,AA=="))
    margin_note = ["12/KH-UBND", "2026-01-05T09:00:00"]
    context = {"document": layout, "verification": None, "margin_note": margin_note, "for_browser": False,
               "back_url": ""}
    plain = document_html(layout, margin_note=margin_note)
    assert plain == render_to_string("documents/print.html", {**context, "signing_fields": False})
    assert [anchor in plain for anchor in ANCHOR_IDS] == [False, False, False]
    assert ("signing-placeholder" in plain, "signing-field" in plain, "signing-space" in plain) == (
        False, False, False)
    assert plain.count("DỰ THẢO") == 2 and "(dự thảo)" in plain  # the mark, the watermark, the title
    assert ('class="draft-mark"' in plain, 'class="draft-watermark"' in plain, 'class="first-page-note"' in plain) \
        == (True, True, True)
    assert f'<div class="doc-number">{layout.number_line}</div>' in plain
    assert f'<div class="doc-date">{layout.date_line}</div>' in plain
    assert ('class="signature-image"' in plain, 'class="seal-image"' in plain) == (True, True)

    signing = render_to_string("documents/print.html", {**context, "signing_fields": True})
    assert [signing.count(f'id="{anchor}"') for anchor in ANCHOR_IDS] == [1, 1, 1]
    assert ("DỰ THẢO" in signing, "dự thảo" in signing, "first-page-note" in signing, "<img" in signing) == (
        False, False, False, False)
    assert f'<div class="signer-name">{SIGNER}</div>' in signing
    approval = approval_html(layout, verification_code=CODE)
    assert [approval.count(f'id="{anchor}"') for anchor in ANCHOR_IDS] == [1, 1, 1]
    assert f'<span class="code nowrap">{CODE}</span>' in approval

