"""The source as numbered lines, then as paragraphs: a .docx gives its own
paragraphs (with bold and the header table); text copied from a PDF is
hard-wrapped at ~80 columns, with blank lines even inside sentences, so lines
are joined back into paragraphs by where a new one must start."""

import io
import re
import zipfile
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from campaigns.importing.word_numbering import WordNumbering

MAX_BYTES = 10 * 1024 * 1024
MAX_UNZIPPED_BYTES = 50 * 1024 * 1024


class ImportError_(ValueError):  # noqa: N801 — ImportError is Python's own
    """The file cannot be read as a plan; the message says why, in Vietnamese."""


@dataclass(frozen=True)
class Line:
    number: int  # 1-based, as the review screen shows it
    text: str
    bold: bool = False
    in_header_table: bool = False


@dataclass
class Paragraph:
    lines: list[Line] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(" ".join(line.text.split()) for line in self.lines).strip()

    @property
    def numbers(self) -> list[int]:
        return [line.number for line in self.lines]

    @property
    def bold(self) -> bool:
        return all(line.bold for line in self.lines)


# Letters that a legacy 8-bit Vietnamese font encoding (TCVN3/ABC, VNI) leaves in
# text read as Unicode: TCVN3 puts Vietnamese letters on these Latin-1 code points,
# VNI writes tone marks as letters after the vowel ("Vieät Nam").
TCVN3_MARKS = re.compile(r"[¸µ¶·¹¨»¾¼½Æ©ÇÊÈÉË®ÌÐÎÏÑªÒÕÓÔÖ×ÝØÜÞ«ßâàáã¬äçåæè­éìêëí¦óñòôõ]")
VNI_MARKS = re.compile(r"[aeiouyAEIOUY][ùøûõïâêôåñäöüëÙØÛÕÏÂÊÔÅÑÄÖÜË]")
VIETNAMESE = re.compile(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹáàãéèíìóòõúùýĂÂĐÊÔƠƯ]")


def _legacy_encoding(text: str) -> str | None:
    """TCVN3 or VNI when their marks outnumber the Unicode Vietnamese letters (a
    legacy text has a few of those by chance: TCVN3 keeps é, ô, à as they are)."""
    letters = len(re.findall(r"\w", text)) or 1
    unicode_share = len(VIETNAMESE.findall(text)) / letters
    for name, marks in (("TCVN3 (ABC)", TCVN3_MARKS), ("VNI", VNI_MARKS)):
        share = len(marks.findall(text)) / letters
        if share > 0.02 and share > unicode_share:
            return name
    return None


def read_text(raw: bytes | str) -> list[Line]:
    if isinstance(raw, bytes):
        if len(raw) > MAX_BYTES:
            raise ImportError_(_("Văn bản quá dài (tối đa 10 MB)."))
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = raw.decode("cp1252", errors="replace")
    else:
        text = raw
    legacy = _legacy_encoding(text)
    if legacy:
        raise ImportError_(_("Văn bản dùng bảng mã cũ %(encoding)s, không phải Unicode. Hãy chuyển sang Unicode (ví "
                             "dụ bằng Unikey: Công cụ chuyển mã) rồi dán lại.") % {"encoding": legacy})
    if not text.strip():
        raise ImportError_(_("Văn bản trống."))
    return [Line(number, line.replace("\t", " ").rstrip()) for number, line in enumerate(text.splitlines(), start=1)]


def read_docx(data: bytes) -> list[Line]:
    """The paragraphs of a Word file, the header table's cells first, as lines."""
    from docx import Document  # noqa: PLC0415 — python-docx is slow to import; only importing needs it

    if len(data) > MAX_BYTES:
        raise ImportError_(_("Tệp quá lớn (tối đa 10 MB)."))
    if not data.startswith(b"PK\x03\x04"):
        if data.startswith(b"\xd0\xcf\x11\xe0"):
            raise ImportError_(_("Đây là tệp Word cũ (.doc) hoặc tệp có mật khẩu. Hãy mở bằng Word, lưu lại dạng "
                                 ".docx (không đặt mật khẩu) rồi tải lên."))
        raise ImportError_(_("Tệp không phải là tệp Word (.docx)."))
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except zipfile.BadZipFile as error:
        raise ImportError_(_("Tệp Word bị hỏng, không mở được.")) from error
    if sum(member.file_size for member in members) > MAX_UNZIPPED_BYTES:
        raise ImportError_(_("Tệp Word giải nén ra quá lớn (có thể là tệp độc hại); không mở."))
    names = {member.filename for member in members}
    if "word/vbaProject.bin" in names:
        raise ImportError_(_("Tệp có macro (.docm); vì an toàn, hãy lưu lại dạng .docx không có macro."))
    if "word/document.xml" not in names:
        raise ImportError_(_("Tệp không phải là văn bản Word (.docx)."))
    try:
        document = Document(io.BytesIO(data))
    except Exception as error:
        raise ImportError_(_("Tệp Word bị hỏng, không mở được.")) from error
    lines: list[Line] = []
    numbering = WordNumbering(document)

    def add(paragraph, *, in_table: bool = False) -> None:
        text = paragraph.text.replace("\t", " ").rstrip()
        label = numbering.label(paragraph)
        if label and text.strip():
            text = f"{label} {text.lstrip()}"
        runs = [run for run in paragraph.runs if run.text.strip()]
        bold = bool(runs) and all(run.bold or (run.bold is None and paragraph.style.font.bold) for run in runs)
        for part in text.split("\n") if text else [""]:
            lines.append(Line(len(lines) + 1, part.rstrip(), bold=bold, in_header_table=in_table))

    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            from docx.text.paragraph import Paragraph as DocxParagraph  # noqa: PLC0415 — see above

            add(DocxParagraph(child, document))
        elif tag == "tbl":
            from docx.table import Table  # noqa: PLC0415 — see above

            table = Table(child, document)
            first = not any(line.text for line in lines) or len(lines) < 3
            for row in table.rows:
                seen = set()
                for cell in row.cells:
                    if id(cell._tc) in seen:
                        continue
                    seen.add(id(cell._tc))
                    for paragraph in cell.paragraphs:
                        add(paragraph, in_table=first)
    if not any(line.text.strip() for line in lines):
        raise ImportError_(_("Tệp Word không có nội dung."))
    return lines


NUMBERED = re.compile(
    r"^(?:[IVXLC]+\.|\d+(?:\.\d+)*\.|\d+\)|[a-zđ]\)|[-–+•*]|(?:Một|Hai|Ba|Bốn|Năm|Sáu|Bảy|Tám|Chín|Mười) là,)(?:\s|$)")
OPENINGS = re.compile(r"^(?:Căn cứ|Thực hiện|Theo)\s")
UPPER = re.compile(r"^[\"“(]?[A-ZĐÀ-ỸÁẢÃẠĂẮẰẲẴẶÂẤẦẨẪẬÉÈẺẼẸÊẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌÔỐỒỔỖỘƠỚỜỞỠỢÚÙỦŨỤƯỨỪỬỮỰÝỲỶỸỴ0-9]")
ENDS = (".", ";", ":", "!", "?", "./.")
STANDALONE = re.compile(r"^(?:Số:|Nơi nhận:|KẾ HOẠCH$|CỘNG HÒA|Độc lập|_{5,}|-{5,})")


def is_caps(text: str) -> bool:
    letters = [char for char in text if char.isalpha()]
    return len(letters) >= 3 and all(char.isupper() for char in letters)


def starts_paragraph(text: str, previous: Paragraph | None) -> bool:
    if previous is None or not previous.lines:
        return True
    before = previous.text
    if NUMBERED.match(text) or STANDALONE.match(text) or STANDALONE.match(before) or OPENINGS.match(text):
        return True
    if (len(previous.lines) == 1 and NUMBERED.match(before) and len(before.split()) <= 12
            and not before.endswith((".", ";", ",")) and UPPER.match(text)):
        # “1. Đối tượng” on its own line, then its first paragraph.
        return True
    if is_caps(text) != is_caps(before):
        return True
    if is_caps(text) and is_caps(before):
        # A heading block (issuer, signature) is one line per line of the original.
        return True
    if re.search(r",\s*ngày\b.*\bnăm\s+\d{4}\s*$", before):
        return True
    return before.endswith(ENDS) and bool(UPPER.match(text))


def paragraphs(lines: list[Line], *, from_docx: bool = False) -> list[Paragraph]:
    """A .docx's own paragraphs; text lines joined back into paragraphs."""
    found: list[Paragraph] = []
    for line in lines:
        text = line.text.strip()
        if not text:
            continue
        if from_docx or starts_paragraph(text, found[-1] if found else None):
            found.append(Paragraph([line]))
        else:
            found[-1].lines.append(line)
    return found
