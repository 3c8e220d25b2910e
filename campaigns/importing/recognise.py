"""The parts in the order a plan gives them: header, legal bases, preamble,
the section tree, closing, recipients and signature. Every non-blank source line
is accounted for: in the lines of a recognised part, or in ``unrecognised``."""

import dataclasses
import datetime
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from campaigns.importing.bases import Basis, recognise_bases
from campaigns.importing.closing import Closing, body_end, recognise_closing
from campaigns.importing.header import Header, recognise_header
from campaigns.importing.parts import Found, structured_parts
from campaigns.importing.sections import ROMAN, Section, recognise_sections
from campaigns.importing.source import ImportError_, Line, paragraphs


@dataclass
class ImportedPlan:
    header: Header
    bases: list[Basis]
    bases_end_with: str
    preamble: list[str]
    preamble_lines: list[int]
    sections: list[Section]
    closing: Closing
    parts: list[Found] = field(default_factory=list)  # target groups, criteria, targets, period, quotas, …
    unrecognised: list[Line] = field(default_factory=list)
    source: list[Line] = field(default_factory=list)

    def part_of_line(self) -> dict[int, str]:
        """Source line number → the part it landed in (the review screen links them)."""
        found: dict[int, str] = {number: "header" for number in self.header.lines}
        for index, basis in enumerate(self.bases):
            found.update(dict.fromkeys(basis.lines, f"basis-{index}"))
        found.update(dict.fromkeys(self.preamble_lines, "preamble"))

        def walk(sections: list[Section], prefix: str) -> None:
            for index, section in enumerate(sections):
                found.update(dict.fromkeys(section.lines, f"{prefix}{index}"))
                walk(section.children, f"{prefix}{index}-")

        walk(self.sections, "section-")
        found.update(dict.fromkeys(self.closing.closing_lines, "closing"))
        found.update(dict.fromkeys(self.closing.recipient_lines, "recipients"))
        found.update(dict.fromkeys(self.closing.signature.lines, "signature"))
        return found

    def as_json(self) -> dict:
        def plain(value):
            if isinstance(value, datetime.date):
                return value.isoformat()
            if dataclasses.is_dataclass(value):
                return {key: plain(item) for key, item in dataclasses.asdict(value).items()}
            if isinstance(value, list):
                return [plain(item) for item in value]
            if isinstance(value, dict):
                return {key: plain(item) for key, item in value.items()}
            return value

        return {
            "header": plain(self.header), "bases": plain(self.bases), "bases_end_with": self.bases_end_with,
            "preamble": self.preamble, "sections": plain(self.sections), "closing": plain(self.closing),
            "parts": plain(self.parts),
            "unrecognised": [{"line": line.number, "text": line.text} for line in self.unrecognised],
        }


def recognise(lines: list[Line], *, from_docx: bool = False) -> ImportedPlan:
    found = paragraphs(lines, from_docx=from_docx)
    header, index, unknown = recognise_header(found)
    if not header.doc_name:
        raise ImportError_(_("Không nhận ra văn bản này là một kế hoạch: không thấy tên loại văn bản “KẾ HOẠCH” "
                             "ở đầu văn bản."))
    bases, ending, index, runs_on = recognise_bases(found, index)
    preamble, preamble_lines = ([runs_on], list(found[index - 1].numbers)) if runs_on else ([], [])
    while index < len(found) and not ROMAN.match(found[index].text):
        if found[index].text[:2].strip().rstrip(".").isdigit():
            break
        preamble.append(found[index].text)
        preamble_lines.extend(found[index].numbers)
        index += 1
    end = body_end(found, index)
    sections = recognise_sections(found[index:end])
    closing, unknown_end = recognise_closing(found[end:])
    plan = ImportedPlan(header=header, bases=bases, bases_end_with=ending, preamble=preamble,
                        preamble_lines=preamble_lines, sections=sections, closing=closing,
                        parts=structured_parts(sections), source=lines)
    placed = plan.part_of_line()
    unplaced = {number for paragraph in [*unknown, *unknown_end] for number in paragraph.numbers}
    unplaced |= {line.number for line in lines if line.text.strip() and line.number not in placed}
    plan.unrecognised = [line for line in lines if line.number in unplaced]
    return plan
