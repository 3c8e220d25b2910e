"""A plan's Word file as an office types it, made from a seed's text: the header
in a two-column table (issuing body and number left, the national motto and
date right), one Word paragraph per paragraph of the text, headings in bold;
with ``word_numbering`` the I./1./a) numbers are Word's automatic numbering
instead of typed text."""

import io
import re

from docx import Document

from campaigns.importing.source import paragraphs, read_text

NATIONAL = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
HEADING = re.compile(r"^(?:[IVX]+\.|\d+\.|[a-zđ]\))\s")


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
# An office's multilevel list: I. / 1. / a), each level starting again under the one above.
OUTLINE = (f'<w:abstractNum {W} w:abstractNumId="90"><w:multiLevelType w:val="multilevel"/>'
           + "".join(f'<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="{number_format}"/>'
                     f'<w:lvlText w:val="{text}"/></w:lvl>'
                     for level, number_format, text in ((0, "upperRoman", "%1."), (1, "decimal", "%2."),
                                                        (2, "lowerLetter", "%3)")))
           + "</w:abstractNum>")
OUTLINE_LABEL = re.compile(r"^(?:(?P<roman>[IVX]+\.)|(?P<decimal>\d+\.)|(?P<letter>[a-z]\)))\s+")


def _auto_number(document, paragraph, level: int) -> None:
    numbering_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    numbering_pr.get_or_add_ilvl().val = level
    numbering_pr.get_or_add_numId().val = 90


def office_docx(text: str, *, word_numbering: bool = False) -> bytes:
    found = [paragraph.text for paragraph in paragraphs(read_text(text))]
    name_at = next(index for index, paragraph in enumerate(found) if paragraph.strip() == "KẾ HOẠCH")
    header, body = found[:name_at], found[name_at:]
    dated = [line for line in header if ", ngày " in line]
    issuer = [line for line in header if line not in dated and not line.startswith(("CỘNG HÒA", "Độc lập"))]
    document = Document()
    if word_numbering:
        from docx.oxml import parse_xml  # noqa: PLC0415

        numbering = document.part.numbering_part.element
        numbering.insert(0, parse_xml(OUTLINE))
        numbering.append(parse_xml(f'<w:num {W} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    table = document.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    for cell, lines in ((left, issuer), (right, [*NATIONAL, *dated])):
        cell.paragraphs[0].text = lines[0]
        for line in lines[1:]:
            cell.add_paragraph(line)
    for paragraph in body:
        label = OUTLINE_LABEL.match(paragraph) if word_numbering else None
        added = document.add_paragraph()
        if label:
            # Word draws the number: the text holds none.
            _auto_number(document, added, ["roman", "decimal", "letter"].index(label.lastgroup))
        run = added.add_run(paragraph[label.end():] if label else paragraph)
        run.bold = bool(HEADING.match(paragraph) and len(paragraph) < 120) or paragraph == "KẾ HOẠCH"
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()
