"""The end of the document: the closing paragraph (“Trên đây là Kế hoạch …”),
the recipients (“Nơi nhận:” then “- …;” items, the last “- Lưu: VT, …”) and the
signature block: authority lines in capitals (“TM. ỦY BAN NHÂN DÂN”, “KT. CHỦ
TỊCH”, “Q. HIỆU TRƯỞNG”), the title, and the signer's name under them."""

import re
from dataclasses import dataclass, field

from campaigns.importing.source import Paragraph, is_caps

RECIPIENTS = re.compile(r"^Nơi nhận\s*:\s*(?P<rest>.*)$", re.S)
# “Trên đây là Kế hoạch …”, or the last paragraph's “Quá trình thực hiện, nếu có khó khăn, vướng mắc …”.
CLOSING = re.compile(r"^(?:Trên đây là\s|(?:Trong\s+)?[Qq]uá trình (?:tổ chức\s+)?(?:triển khai\s+)?thực hiện,?\s+"
                     r"nếu có\s)")
AUTHORITY = re.compile(r"^(?P<kind>TM|KT|Q|TL|TUQ)\.\s*(?P<rest>.+)$")
NAME = re.compile(r"^(?:[A-ZĐÀ-Ỹ][a-zđà-ỹ]+\s+){1,5}[A-ZĐÀ-Ỹ][a-zđà-ỹ]+$")


@dataclass
class Signature:
    authority: str = "head"  # head | tm | kt | tm_kt | q
    collective: str = ""
    title: str = ""
    deputy_title: str = ""
    signer_name: str = ""
    lines: list[int] = field(default_factory=list)


@dataclass
class Closing:
    closing: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    archive_note: str = ""
    signature: Signature = field(default_factory=Signature)
    closing_lines: list[int] = field(default_factory=list)
    recipient_lines: list[int] = field(default_factory=list)
    # Per recipient, the unit it names as printed (“Bộ Chỉ huy quân sự tỉnh”, “VP.UBND tỉnh” of
    # “VP.UBND tỉnh: LĐVP, P.TH”); none for a group (“Sở, ban, ngành, đoàn thể tỉnh”, “Các …”).
    recipient_units: list[list[str]] = field(default_factory=list)


# What a recipient that is one unit begins with; a comma or “các” after it makes it a group.
ONE_UNIT = re.compile(r"^(?:Bộ|Ban|Sở|Ủy ban|UBND|Công an|Phòng|Trung tâm|Văn phòng|VP\.?\s?UBND|Trường|Cổng)\s"
                      r"(?!các\b)[^,;]*$")


def recipient_unit(item: str) -> list[str]:
    name = re.split(r"\s*[:(]", item, maxsplit=1)[0].strip()
    return [name] if ONE_UNIT.match(name) else []


def body_end(paragraphs: list[Paragraph], start: int) -> int:
    """Where the body stops: the closing paragraph, the recipients or the signature."""
    for index in range(start, len(paragraphs)):
        text = paragraphs[index].text
        if CLOSING.match(text) or RECIPIENTS.match(text) or AUTHORITY.match(text):
            return index
        if is_caps(text) and index >= len(paragraphs) - 3 and any(
                NAME.match(later.text) for later in paragraphs[index + 1:]):
            return index
    return len(paragraphs)


def _signature(paragraphs: list[Paragraph]) -> tuple[Signature, list[Paragraph]]:
    signature, rest = Signature(), []
    caps = []
    for paragraph in paragraphs:
        text = paragraph.text.strip()
        if is_caps(text) and not signature.signer_name:
            caps.append(text)
            signature.lines.extend(paragraph.numbers)
        elif caps and NAME.match(text) and not signature.signer_name:
            signature.signer_name = text
            signature.lines.extend(paragraph.numbers)
        else:
            rest.append(paragraph)
    kinds = []
    for line in caps:
        if match := AUTHORITY.match(line):
            kinds.append(match["kind"])
            if match["kind"] == "TM":
                signature.collective = match["rest"].strip()
            elif not signature.title:
                signature.title = match["rest"].strip()
        elif signature.title and kinds and kinds[-1] in ("KT", "TL", "TUQ"):
            signature.deputy_title = line
        elif not signature.title:
            signature.title = line
        else:
            signature.deputy_title = line
    signature.authority = {("TM",): "tm", ("KT",): "kt", ("Q",): "q", ("TM", "KT"): "tm_kt"}.get(tuple(kinds), "head")
    return signature, rest


def recognise_closing(paragraphs: list[Paragraph]) -> tuple[Closing, list[Paragraph]]:
    """The closing parts from the body's end; the paragraphs that are none of them."""
    closing, index = Closing(), 0
    while index < len(paragraphs) and not RECIPIENTS.match(paragraphs[index].text) and not is_caps(
            paragraphs[index].text):
        closing.closing.append(paragraphs[index].text)
        closing.closing_lines.extend(paragraphs[index].numbers)
        index += 1
    tail = paragraphs[index:]
    remaining = []
    in_recipients = False
    for paragraph in tail:
        text = paragraph.text
        if match := RECIPIENTS.match(text):
            in_recipients = True
            closing.recipient_lines.extend(paragraph.numbers)
            if match["rest"].strip():
                text = match["rest"].strip()
            else:
                continue
        if in_recipients and text.startswith(("-", "–", "+")):
            item = text.lstrip("-–+ ").rstrip(";.").strip()
            if re.match(r"^Lưu\b", item):
                closing.archive_note = re.sub(r"^Lưu\s*:?\s*", "", item).strip()
            else:
                closing.recipients.append(item)
                closing.recipient_units.append(recipient_unit(item))
            closing.recipient_lines.extend(paragraph.numbers)
            continue
        in_recipients = False
        remaining.append(paragraph)
    closing.signature, unknown = _signature(remaining)
    return closing, unknown
