"""The body's section tree, by the numbering offices use: “I.” (level 1),
“1.” (2), “1.1.” / “a)” (3), “Một là,” (ordinal words, at the level they
appear); a short numbered line is a heading, one whose heading ends at a colon
is run in (“1. Đối tượng: …”), a long one is a numbered paragraph of its
parent. “-” and “+” items, and unnumbered paragraphs, are the body of the
section they fall in."""

import re
from dataclasses import dataclass, field

from campaigns.importing.source import Paragraph

ROMAN = re.compile(r"^(?P<label>[IVXLC]+\.)\s*(?P<rest>.*)$", re.S)
ARABIC = re.compile(r"^(?P<label>\d+\.)\s*(?P<rest>.*)$", re.S)
DOTTED = re.compile(r"^(?P<label>\d+\.\d+\.?)\s*(?P<rest>.*)$", re.S)
LETTER = re.compile(r"^(?P<label>[a-zđ]\))\s*(?P<rest>.*)$", re.S)
ORDINAL = re.compile(r"^(?P<label>(?:Một|Hai|Ba|Bốn|Năm|Sáu|Bảy|Tám|Chín|Mười) là,)\s*(?P<rest>.*)$", re.S)
PATTERNS = [("roman", ROMAN, 1), ("dotted", DOTTED, 3), ("arabic", ARABIC, 2), ("letter", LETTER, 3),
            ("ordinal_words", ORDINAL, None)]
HEADING_WORDS = 14


@dataclass
class Section:
    level: int
    numbering: str  # roman | arabic | dotted | letter | ordinal_words | none
    label: str
    heading: str
    run_in: bool = False
    body: list[str] = field(default_factory=list)
    children: list["Section"] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)


def _numbered(text: str) -> tuple[str, str, str, int | None] | None:
    for numbering, pattern, level in PATTERNS:
        if match := pattern.match(text):
            return numbering, match["label"], match["rest"].strip(), level
    return None


def _is_heading(rest: str) -> bool:
    return bool(rest) and len(rest.split()) <= HEADING_WORDS and not rest.endswith((".", ";", ","))


def recognise_sections(paragraphs: list[Paragraph]) -> list[Section]:
    roots: list[Section] = []
    stack: list[Section] = []

    def attach(section: Section) -> None:
        while stack and stack[-1].level >= section.level:
            stack.pop()
        (stack[-1].children if stack else roots).append(section)
        stack.append(section)

    def body(text: str, numbers: list[int]) -> None:
        if not stack:
            attach(Section(level=1, numbering="none", label="", heading=""))
        stack[-1].body.append(text)
        stack[-1].lines.extend(numbers)

    for paragraph in paragraphs:
        text, numbers = paragraph.text, paragraph.numbers
        found = _numbered(text)
        if found is None:
            body(text, numbers)
            continue
        numbering, label, rest, level = found
        if level is None:  # ordinal words sit one level under the section they are in, side by side
            enclosing = [section for section in stack if section.numbering != "ordinal_words"]
            level = (enclosing[-1].level + 1) if enclosing else 2
        heading, run_in, rest_body = rest, False, ""
        colon = rest.find(":")
        if 0 < colon <= 80 and rest[colon + 1:].strip() and len(rest[:colon].split()) <= HEADING_WORDS:
            heading, run_in, rest_body = rest[:colon].strip(), True, rest[colon + 1:].strip()
        elif not _is_heading(rest):
            if numbering in ("letter", "ordinal_words", "dotted") or (numbering == "arabic" and stack):
                # A numbered paragraph: an item of the section it is in, as the document numbers it.
                section = Section(level=level, numbering=numbering, label=label, heading="", body=[rest],
                                  lines=list(numbers))
                attach(section)
                continue
        section = Section(level=level, numbering=numbering, label=label, heading=heading.rstrip(":"),
                          run_in=run_in, lines=list(numbers))
        if rest_body:
            section.body.append(rest_body)
        attach(section)
    return roots
