"""Legal bases: the paragraphs after the subject that open with “Căn cứ”,
“Thực hiện” or “Theo”, each read for the document it cites when it cites one by
type and number (“Chỉ thị số 19/CT-TTg ngày 16/6/2021 của Thủ tướng Chính phủ về
…”; a law by its name and date), and how the last one ends (“;” or “.”). A basis
that runs on into the preamble (“… mới. Chủ tịch Ủy ban nhân dân tỉnh ban hành kế
hoạch …, như sau:”) is split there."""

import datetime
import re
from dataclasses import dataclass, field

from campaigns.importing.source import Paragraph

OPENING = re.compile(r"^(?P<opening>Căn cứ|Thực hiện|Theo)\s+(?P<rest>.+)$", re.S)
TYPES = {"Luật": "law", "Nghị quyết": "resolution", "Nghị định": "decree", "Chỉ thị": "directive",
         "Quyết định": "decision", "Thông tư": "circular", "Kế hoạch": "plan", "Kết luận": "conclusion",
         "Công văn": "official_letter", "Hướng dẫn": "guidance"}
DATE = r"ngày\s+(?P<day>\d{1,2})\s*(?:tháng\s*|/)\s*(?P<month>\d{1,2})\s*(?:năm\s*|/)\s*(?P<year>\d{4})"
LAW = re.compile(rf"^Luật\s+(?P<name>.+?)(?:\s+số\s+(?P<number>[0-9]\S*))?\s+{DATE}\s*$", re.S)
CITATION = re.compile(
    rf"^(?P<type>{'|'.join(name for name in TYPES if name != 'Luật')})\s+(?:số\s+)?"
    rf"(?P<number>[0-9][0-9A-Za-zĐđ/\-–.]*)\s+{DATE}"
    rf"(?:\s+của\s+(?P<issuer>.+?))?(?:\s+(?P<connector>về việc|về|quy định|hướng dẫn|ban hành)\s+(?P<subject>.+))?$",
    re.S | re.I)
CONNECTORS = ("về việc", "về", "quy định", "hướng dẫn", "ban hành")


@dataclass
class Citation:
    doc_type: str
    number_symbol: str
    issued_on: datetime.date
    issuer_name: str
    connector: str
    subject: str


@dataclass
class Basis:
    opening: str
    text: str  # without the opening word and the final punctuation
    citation: Citation | None = None
    lines: list[int] = field(default_factory=list)


def _date(match) -> datetime.date | None:
    try:
        return datetime.date(int(match["year"]), int(match["month"]), int(match["day"]))
    except ValueError:
        return None


def cite(text: str) -> Citation | None:
    """The document a basis cites, when it names one by type and number (a law by its name)."""
    if (law := LAW.match(text)) and (issued_on := _date(law)):
        return Citation("law", law["number"] or "", issued_on, "Quốc hội", "", law["name"].strip())
    match = CITATION.match(text)
    if match is None or (issued_on := _date(match)) is None:
        return None
    kind = next(name for name in TYPES if name.lower() == match["type"].lower())
    return Citation(TYPES[kind], match["number"].replace("–", "-").rstrip("."), issued_on,
                    (match["issuer"] or "").strip(), (match["connector"] or "").lower(),
                    (match["subject"] or "").strip())


def recognise_bases(paragraphs: list[Paragraph], start: int) -> tuple[list[Basis], str, int, str]:
    """The bases from ``start``, how the last ends, the index after them, and the preamble
    sentence a last basis ran on into, if any."""
    bases, index, runs_on = [], start, ""
    while index < len(paragraphs):
        match = OPENING.match(paragraphs[index].text)
        if match is None:
            break
        text = paragraphs[index].text
        if text.endswith(":") and ". " in text:
            # “Căn cứ tình hình … mới. Chủ tịch … ban hành kế hoạch …, như sau:”
            cut = text.index(". ") + 1
            runs_on, text = text[cut:].strip(), text[:cut]
            match = OPENING.match(text)
        body = match["rest"].strip()
        bases.append(Basis(match["opening"], body.rstrip(";.").strip(), cite(body.rstrip(";.").strip()),
                           paragraphs[index].numbers))
        index += 1
        if runs_on:
            break
    last = paragraphs[index - 1].text if bases else ""
    ending = ";" if bases and not runs_on and last.rstrip().endswith(";") else "."
    return bases, ending, index, runs_on
