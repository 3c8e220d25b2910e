"""The header: the issuing body's lines (and the body above it), the number and
symbol ("Số: 169/KH-UBND", "Số: /KH-UBND" for a draft), the place and date
("An Giang, ngày 05 tháng 01 năm 2025"), the document's name ("KẾ HOẠCH") and
its subject, the lines under the name up to the first legal basis."""

import datetime
import re
from dataclasses import dataclass, field

from campaigns.importing.source import Paragraph, is_caps

NATIONAL = re.compile(r"^(?:CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM|Độc lập\s*[-–]\s*Tự do\s*[-–]\s*Hạnh phúc)", re.I)
NUMBER = re.compile(r"^Số\s*:\s*(?P<number>\d*)\s*/\s*(?P<symbol>[A-ZĐ0-9][A-ZĐ0-9\-–.&]*)")
DATE = re.compile(r"^(?P<place>[^,]{2,60}),\s*ngày\s*(?P<day>\d{1,2})?\s*(?:tháng|/)\s*(?P<month>\d{1,2})\s*"
                  r"(?:năm|/)\s*(?P<year>\d{4})\s*$")
DOC_NAMES = {"KẾ HOẠCH": "plan", "QUYẾT ĐỊNH": "decision", "BIÊN BẢN": "minutes", "BÁO CÁO": "report",
             "HƯỚNG DẪN": "guidance", "CHƯƠNG TRÌNH": "programme"}
RULE = re.compile(r"^[_\-–—=]{5,}$")
# What a governing body's line begins with: the first of them in the issuer block that is not the
# first line starts the issuing body itself ("ỦY BAN NHÂN DÂN TỈNH AN GIANG" over "TRƯỜNG CAO ĐẲNG NGHỀ").
BODY_WORDS = ("ỦY BAN", "UỶ BAN", "UBND", "HỘI ĐỒNG", "BAN ", "SỞ ", "PHÒNG ", "TRƯỜNG ", "BỘ ", "CÔNG AN",
              "TRUNG TÂM", "CỤC ", "CHI CỤC", "VĂN PHÒNG", "ĐẢNG ỦY", "BAN CHỈ HUY", "BỘ CHỈ HUY")


@dataclass
class Header:
    parent_lines: list[str] = field(default_factory=list)
    issuer_lines: list[str] = field(default_factory=list)
    number: int | None = None
    symbol: str = ""
    place: str = ""
    issued_on: datetime.date | None = None
    month: int | None = None  # a draft's "ngày … tháng 02 năm 2025"
    year: int | None = None
    doc_type: str = ""
    doc_name: str = ""
    subject: str = ""
    lines: list[int] = field(default_factory=list)


def _split_issuer(block: list[str]) -> tuple[list[str], list[str]]:
    starts = [index for index, line in enumerate(block) if index and line.upper().startswith(BODY_WORDS)]
    return (block[:starts[-1]], block[starts[-1]:]) if starts else ([], block)


def recognise_header(paragraphs: list[Paragraph]) -> tuple[Header, int, list[Paragraph]]:
    """The header, the index of the first paragraph after the subject, and the
    paragraphs before the name that are none of the header's parts."""
    header, unknown = Header(), []
    name_at = next((index for index, paragraph in enumerate(paragraphs)
                    if paragraph.text.upper().strip() in DOC_NAMES and is_caps(paragraph.text)), None)
    if name_at is None:
        return header, 0, unknown
    caps_block = []
    for paragraph in paragraphs[:name_at]:
        text = paragraph.text
        header.lines.extend(paragraph.numbers)
        if NATIONAL.match(text) or RULE.match(text):
            continue
        if number := NUMBER.match(text):
            header.number = int(number["number"]) if number["number"] else None
            header.symbol = number["symbol"].replace("–", "-")
            continue
        if date := DATE.match(text):
            header.place = date["place"].strip()
            header.month, header.year = int(date["month"]), int(date["year"])
            if date["day"]:
                header.issued_on = datetime.date(header.year, header.month, int(date["day"]))
            continue
        if is_caps(text):
            caps_block.append(text)
        else:
            header.lines = [number for number in header.lines if number not in paragraph.numbers]
            unknown.append(paragraph)
    header.parent_lines, header.issuer_lines = _split_issuer(caps_block)
    header.doc_name = paragraphs[name_at].text.strip().upper()
    header.doc_type = DOC_NAMES[header.doc_name]
    header.lines.extend(paragraphs[name_at].numbers)
    subject, index = [], name_at + 1
    while index < len(paragraphs):
        text = paragraphs[index].text
        if RULE.match(text):
            header.lines.extend(paragraphs[index].numbers)
            index += 1
            break
        if re.match(r"^(?:Căn cứ|Thực hiện|Theo)\s", text) or re.match(r"^[IVX]+\.\s", text) or subject and (
                text.endswith((":", ";")) or len(subject) >= 3):
            break
        subject.append(text)
        header.lines.extend(paragraphs[index].numbers)
        index += 1
    header.subject = " ".join(subject)
    return header, index, unknown
