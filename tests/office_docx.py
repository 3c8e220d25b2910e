"""A plan's Word file as an office types it, made from a seed's text: the header
in a two-column table (issuing body and number left, the national motto and
date right), one Word paragraph per paragraph of the text, headings in bold."""

import io
import re

from docx import Document

from campaigns.importing.source import paragraphs, read_text

NATIONAL = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
HEADING = re.compile(r"^(?:[IVX]+\.|\d+\.|[a-zđ]\))\s")


def office_docx(text: str) -> bytes:
    found = [paragraph.text for paragraph in paragraphs(read_text(text))]
    name_at = next(index for index, paragraph in enumerate(found) if paragraph.strip() == "KẾ HOẠCH")
    header, body = found[:name_at], found[name_at:]
    dated = [line for line in header if ", ngày " in line]
    issuer = [line for line in header if line not in dated and not line.startswith(("CỘNG HÒA", "Độc lập"))]
    document = Document()
    table = document.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    for cell, lines in ((left, issuer), (right, [*NATIONAL, *dated])):
        cell.paragraphs[0].text = lines[0]
        for line in lines[1:]:
            cell.add_paragraph(line)
    for paragraph in body:
        run = document.add_paragraph().add_run(paragraph)
        run.bold = bool(HEADING.match(paragraph) and len(paragraph) < 120) or paragraph == "KẾ HOẠCH"
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()
