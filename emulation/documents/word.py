"""An official document as a Word file (.docx), in the Nghị định 30 layout: the
same ``DocumentLayout`` the PDF prints, laid out as offices lay it out in Word —
A4, margins 20/15/20/30 mm, Times New Roman, the header table (issuer left,
Quốc hiệu right, a short rule under each), the legal bases in italics, the body
justified with a first-line indent, and the recipients beside the signature.
The ministry's e-dossier system asks for Word and PDF; offices that finish a
document in Word start from this file."""

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from emulation.documents.layout import DocumentLayout, Part, SignatureBlock

FONT = "Times New Roman"
BODY_SIZE = 14
INDENT = Cm(1.27)


def _run(paragraph, text: str, *, size: float, bold: bool = False, italic: bool = False):
    run = paragraph.add_run(text)
    run.font.name, run.font.size, run.bold, run.italic = FONT, Pt(size), bold, italic
    # Word picks the font of Vietnamese letters from the East Asian slot unless it is set too.
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    return run


def _paragraph(container, text: str = "", *, size: float = BODY_SIZE, bold: bool = False, italic: bool = False,
               align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent: bool = False, after: float = 6, before: float = 0):
    paragraph = container.add_paragraph()
    paragraph.alignment = align
    form = paragraph.paragraph_format
    form.space_before, form.space_after, form.line_spacing = Pt(before), Pt(after), 1.15
    if indent:
        form.first_line_indent = INDENT
    if text:
        _run(paragraph, text, size=size, bold=bold, italic=italic)
    return paragraph


def _short_rule(paragraph, *, share: float) -> None:
    """The short line under the issuer's name and under the Tiêu ngữ: a bottom border
    on an empty paragraph indented to leave ``share`` of the column's width."""
    form = paragraph.paragraph_format
    form.left_indent = form.right_indent = Cm(7.5 * (1 - share) / 2)
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)


def _cell(table, row: int, column: int):
    cell = table.cell(row, column)
    cell.paragraphs[0]._element.getparent().remove(cell.paragraphs[0]._element)
    return cell


def _header(document, layout: DocumentLayout) -> None:
    small = 12 if layout.header_size_set == "12" else 13
    table = document.add_table(rows=1, cols=2)
    table.autofit = False
    usable = Mm(165)
    widths = (int(usable * layout.issuer_column_percent / 100), int(usable * layout.nation_column_percent / 100))
    for column, width in enumerate(widths):
        table.columns[column].width = width
        table.cell(0, column).width = width
    issuer = _cell(table, 0, 0)
    centre = WD_ALIGN_PARAGRAPH.CENTER
    for line in layout.parent_header_lines:
        _paragraph(issuer, line, size=small, align=centre, after=0)
    for line in layout.issuer_lines:
        _paragraph(issuer, line, size=small, bold=True, align=centre, after=0)
    _short_rule(_paragraph(issuer, align=centre, after=4), share=0.4)
    _paragraph(issuer, layout.number_line, size=small, align=centre, after=0)
    nation = _cell(table, 0, 1)
    _paragraph(nation, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=small, bold=True, align=centre, after=0)
    _paragraph(nation, "Độc lập - Tự do - Hạnh phúc", size=small + 1, bold=True, align=centre, after=0)
    _short_rule(_paragraph(nation, align=centre, after=4), share=0.55)
    _paragraph(nation, layout.date_line, size=small + 1, italic=True, align=centre, after=0)


def _part(document, part: Part) -> None:
    if part.heading:
        heading = f"{part.label} {part.heading}".strip()
        _paragraph(document, heading, bold=True, indent=True, before=6)
    for paragraph in part.paragraphs:
        written = _paragraph(document, indent=True)
        if paragraph.label:
            _run(written, f"{paragraph.label} ", size=BODY_SIZE, bold=paragraph.style == "item")
        if paragraph.heading:
            _run(written, f"{paragraph.heading} ", size=BODY_SIZE, bold=True)
        _run(written, paragraph.text, size=BODY_SIZE, bold=paragraph.style == "item" and not paragraph.label)
    for child in part.children:
        _part(document, child)


def _signature(cell, block: SignatureBlock) -> None:
    centre = WD_ALIGN_PARAGRAPH.CENTER
    for line in block.lines:
        _paragraph(cell, line, bold=True, align=centre, after=0)
    for _ in range(4):  # room for the signature and the seal
        _paragraph(cell, align=centre, after=0)
    _paragraph(cell, block.signer_name, bold=True, align=centre, after=0)


def _footer(document, layout: DocumentLayout) -> None:
    table = document.add_table(rows=1, cols=2)
    left, right = _cell(table, 0, 0), _cell(table, 0, 1)
    if layout.recipients:
        paragraph = _paragraph(left, align=WD_ALIGN_PARAGRAPH.LEFT, after=0)
        _run(paragraph, "Nơi nhận:", size=12, bold=True, italic=True)
        for line in layout.recipients:
            _paragraph(left, line, size=11, align=WD_ALIGN_PARAGRAPH.LEFT, after=0)
    elif len(layout.signatures) > 1:
        _signature(left, layout.signatures[0])
    else:
        _paragraph(left)
    _signature(right, layout.signatures[-1])


def _appendix(document, layout: DocumentLayout) -> None:
    appendix = layout.appendix
    _paragraph(document, align=WD_ALIGN_PARAGRAPH.CENTER).add_run().add_break(WD_BREAK.PAGE)
    _paragraph(document, appendix.title, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, after=0)
    if appendix.subtitle:
        _paragraph(document, appendix.subtitle, italic=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    table = document.add_table(rows=1, cols=len(appendix.columns) + 1)
    table.style = "Table Grid"
    for column, caption in enumerate(["STT", *appendix.columns]):
        _paragraph(_cell(table, 0, column), caption, size=13, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, after=0)
    for number, row in enumerate(appendix.rows, start=1):
        cells = table.add_row().cells
        for column, value in enumerate([str(number), *row]):
            cells[column].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.LEFT
            _run(cells[column].paragraphs[0], value, size=13)


def layout_docx(layout: DocumentLayout) -> bytes:
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(BODY_SIZE)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    document.core_properties.title = layout.title
    document.core_properties.subject = f"{layout.doc_type_name} {layout.number_line}"
    document.core_properties.author = " ".join(layout.issuer_lines)
    if layout.is_draft:
        _paragraph(document, "DỰ THẢO", size=13, bold=True, align=WD_ALIGN_PARAGRAPH.LEFT)
    _header(document, layout)
    centre = WD_ALIGN_PARAGRAPH.CENTER
    _paragraph(document, layout.doc_name, bold=True, align=centre, before=18, after=0)
    subject = _paragraph(document, align=centre, after=0)
    for index, line in enumerate(layout.subject_lines):
        run = _run(subject, line, size=BODY_SIZE, bold=True)
        if index < len(layout.subject_lines) - 1:
            run.add_break()
    _short_rule(_paragraph(document, align=centre, after=12), share=0.3)
    if layout.authority:
        _paragraph(document, layout.authority, bold=True, align=centre)
    for basis in layout.legal_bases:
        _paragraph(document, basis, italic=True, indent=True)
    for line in layout.preamble:
        _paragraph(document, line, indent=True)
    if layout.decree_word:
        _paragraph(document, layout.decree_word, bold=True, align=centre)
    for part in layout.parts:
        _part(document, part)
    for line in layout.closing:
        _paragraph(document, line, indent=True)
    _footer(document, layout)
    if layout.appendix:
        _appendix(document, layout)
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()
