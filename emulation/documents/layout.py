"""The layout of an official document (Nghị định 30/2020/NĐ-CP, Phụ lục I):
what every document type fills in, and the wording rules they share.

An app builds a ``DocumentLayout`` from its rows and hands it to the engine;
the one print template lays it out for the screen, the browser's print view
and the PDF alike."""

import datetime
import functools
from dataclasses import dataclass, field, replace

from emulation.documents.typeset import header_geometry
from emulation.vn import BLANK, end_with


@dataclass
class Paragraph:
    text: str
    label: str = ""  # "1.", "a)", "-", "Một là," …
    heading: str = ""  # bold run-in heading, e.g. "Đối tượng:" or "Điều 1."
    style: str = "body"  # body | item | note
    # The row that produced it ("section-12", "criterion-5", "plan" for the general info), for the
    # drafting preview to open its form; never printed, and not part of what the paragraph says.
    source: str = field(default="", compare=False)


@dataclass
class Part:
    """A numbered part of the body ("I. MỤC ĐÍCH, YÊU CẦU") with its paragraphs
    and sub-parts. ``notes`` are shown on screen beside the prose, never printed."""

    level: int
    label: str = ""
    heading: str = ""
    paragraphs: list[Paragraph] = field(default_factory=list)
    children: list["Part"] = field(default_factory=list)
    anchor: str = ""
    notes: list[str] = field(default_factory=list)
    notes_caption: str = ""
    source: str = field(default="", compare=False)  # as Paragraph.source


@dataclass
class Stamp:
    """Images printed in a signature block (data: URIs, nothing fetched).
    ``signature_aspect`` is width / height of the signature image, so the
    seal can be placed over a third of it."""

    signature: str = ""
    seal: str = ""
    signature_aspect: float = 2.0


SIGNATURE_HEIGHT_MM = 24
SIGNATURE_MAX_WIDTH_MM = 60
SEAL_DIAMETER_MM = 30  # fits the signing space, so the seal never reaches the name


@dataclass
class SignatureBlock:
    """The authority lines, the space for signature and seal, the name. The
    seal covers the left third of the signature image, drawn over it."""

    lines: list[str]
    signer_name: str
    stamp: Stamp = field(default_factory=Stamp)

    @property
    def signature_width_mm(self) -> float:
        return round(min(SIGNATURE_HEIGHT_MM * self.stamp.signature_aspect, SIGNATURE_MAX_WIDTH_MM), 2)

    @property
    def stamp_width_mm(self) -> float:
        """The centred box the images sit in: the signature's width."""
        return self.signature_width_mm if self.stamp.signature else SEAL_DIAMETER_MM

    @property
    def seal_left_mm(self) -> float:
        """From the box's left edge: the seal's right edge lies a third of the
        way into the signature."""
        return round(self.signature_width_mm / 3 - SEAL_DIAMETER_MM, 2) if self.stamp.signature else 0


@dataclass
class Appendix:
    """A list attached after the signature, headed with the document's number."""

    title: str
    subtitle: str
    columns: list[str]
    rows: list[tuple[str, ...]]


@dataclass
class Verification:
    code: str
    url: str
    qr_svg: str


@dataclass
class Metadata:
    """What an electronic document carries (Nghị định 30, Phụ lục VI), written
    into the PDF's XMP."""

    doc_type_name: str
    number_symbol: str
    issuer: str
    issued_on: datetime.date | None
    subject: str
    signer_name: str
    signer_title: str = ""
    code: str = ""


@dataclass
class DocumentLayout:
    doc_type_name: str  # "Kế hoạch", "Quyết định", "Biên bản"
    parent_header_lines: list[str]
    issuer_lines: list[str]
    number_line: str
    date_line: str
    doc_name: str  # "KẾ HOẠCH"
    subject_lines: list[str]
    signatures: list[SignatureBlock]
    authority: str = ""  # decisions: "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …" over the legal bases
    legal_bases: list[str] = field(default_factory=list)
    preamble: list[str] = field(default_factory=list)
    decree_word: str = ""  # "QUYẾT ĐỊNH:" before the articles
    parts: list[Part] = field(default_factory=list)
    closing: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    appendix: Appendix | None = None
    is_draft: bool = True
    metadata: Metadata | None = None
    # Which row produced what (as Paragraph.source), for the drafting preview only: one source per
    # legal basis and per recipient line, and the one for the header, title, preamble and signature.
    legal_basis_sources: list[str] = field(default_factory=list, compare=False)
    recipient_sources: list[str] = field(default_factory=list, compare=False)
    general_source: str = field(default="", compare=False)

    @property
    def title(self) -> str:
        return " ".join(self.subject_lines)

    @property
    def legal_basis_rows(self) -> list[tuple[str, str]]:
        """Each legal basis with the row it comes from ("" when the layout does not say)."""
        return _with_sources(self.legal_bases, self.legal_basis_sources)

    @property
    def recipient_rows(self) -> list[tuple[str, str]]:
        return _with_sources(self.recipients, self.recipient_sources)

    @functools.cached_property
    def header_geometry(self) -> tuple[int, int]:
        return header_geometry(self.parent_header_lines, self.issuer_lines)

    @property
    def header_size_set(self) -> str:
        """"13" (Quốc hiệu 13, Tiêu ngữ 14, date 14) or "12" (12/13/13)."""
        return str(self.header_geometry[0])

    @property
    def issuer_column_percent(self) -> int:
        return self.header_geometry[1]

    @property
    def nation_column_percent(self) -> int:
        return 100 - self.header_geometry[1]


def _with_sources(lines: list[str], sources: list[str]) -> list[tuple[str, str]]:
    return [(line, sources[index] if index < len(sources) else "") for index, line in enumerate(lines)]


def header_lines(text: str) -> list[str]:
    """A unit's header as the explicit lines stored on it."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def text_lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def number_line(number_symbol: str, symbol: str) -> str:
    """“Số: 169/KH-UBND”; a draft leaves the number blank to fill at issue."""
    return f"Số: {number_symbol}" if number_symbol else f"Số:{BLANK}/{symbol}"


BASIS_OPENINGS = ("Căn cứ", "Thực hiện", "Theo")


def basis_opening(text: str) -> str | None:
    """The usual word that ``text`` opens with (“Căn cứ”, “Thực hiện”, “Theo”), if any."""
    return next((word for word in BASIS_OPENINGS if text.lower().startswith(f"{word.lower()} ")), None)


def basis_lines(texts: list[str], *, last_ending: str = ".", add_opening: bool = True) -> list[str]:
    """One legal basis per line, each ending “;”, the last with ``last_ending``
    (“.” when the preamble starts a new sentence, “;” when it completes this one).
    A basis that opens with none of the usual words gets “Căn cứ”, unless the
    lines come with the opening their drafter chose (``add_opening`` false)."""
    lines = []
    for text in texts:
        text = text.strip()
        if not text:
            continue
        opening = basis_opening(text)
        if opening:
            lines.append(f"{opening}{text[len(opening):]}")
        else:
            lines.append(f"Căn cứ {text}" if add_opening else text)
    return [end_with(line, last_ending if index == len(lines) - 1 else ";") for index, line in enumerate(lines)]


def recipient_lines(recipients: list[str], archive_note: str) -> list[str]:
    """“- Sở Nội vụ;” one per line, the last “- Lưu: VT, …”."""
    lines = [end_with(f"- {text.strip().lstrip('-').strip()}", ";") for text in recipients if text.strip()]
    lines.append(f"- Lưu: {end_with(archive_note or 'VT', '')}.")
    return lines


def signature_lines(*, title: str, collective: str = "", deputy_title: str = "", deputy: bool = False,
                    acting: bool = False) -> list[str]:
    """The authority lines over the signature, in capitals: “TM. ỦY BAN NHÂN
    DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH”, “KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC”,
    “Q. HIỆU TRƯỞNG”, or the plain title."""
    lines = [f"TM. {collective}"] if collective else []
    if deputy:
        lines += [f"KT. {title}", deputy_title]
    elif acting:
        lines.append(f"Q. {title}")
    else:
        lines.append(title)
    return [line.upper() for line in lines if line.strip()]


def close_body(parts: list[Part], closing: list[str]) -> None:
    """The body ends with “./.”: on the closing paragraph, or else on the last
    paragraph of the last part."""
    if closing:
        closing[-1] = end_with(closing[-1], "./.")
        return
    part = parts[-1] if parts else None
    while part is not None and part.children:
        part = part.children[-1]
    if part is not None and part.paragraphs:
        last = part.paragraphs[-1]
        part.paragraphs[-1] = replace(last, text=end_with(last.text, "./."))
