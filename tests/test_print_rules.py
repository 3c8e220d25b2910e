"""The print rules of Nghị định 30 (reference/nd30-layout.md), measured on the
PDFs as issued — every seed plan and the demo decision — by the positions,
sizes and fonts pdfplumber reads back; and golden images of page 1 and the
last page, which fail when the layout moves.

Golden images are refreshed with ``UPDATE_GOLDEN=1 pytest tests/test_print_rules.py``
after a deliberate change of layout; look at them before committing."""

import datetime
import io
import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pytest
import time_machine
from django.core.management import call_command
from PIL import Image, ImageChops, ImageDraw

from awards.models import AwardDecision, Nomination, NominationState, NomineeKind
from campaigns.models import Plan
from demo.seed_plans import SEED_TITLES
from emulation.documents.issue import draft_pdf, official_document_of, official_document_render
from emulation.documents.typeset import UNBREAKABLE_PAIRS, balanced_lines
from emulation.models import SigningMaterial

GOLDEN = Path(__file__).parent / "golden"
MM = 72 / 25.4
PAGE_WIDTH = 210 * MM
LEFT_MARGIN, RIGHT_MARGIN, TOP_MARGIN = 30 * MM, 15 * MM, 20 * MM
SIGNED_AT = datetime.datetime(2025, 3, 11, 9, 30, tzinfo=datetime.timezone(datetime.timedelta(hours=7)))
DEMO_DAY = datetime.datetime(2025, 11, 20, 9, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=7)))
SEED_ISSUERS = {"000": "an-giang", "001": "ba-to", "002": "an-giang-cdn", "003": "dong-thap"}
PRINTED = [*SEED_ISSUERS, "decision"]
# Seed 001 is a draft (no number, date or signature yet): the rules of the signed document skip it.
ISSUED = [code for code in PRINTED if code != "001"]
# Differing pixels (of page 1 or the last page, at 40 dpi) that still count as the same layout.
GOLDEN_TOLERANCE = 0.004


def _png(width: int, height: int, colour: tuple[int, int, int, int]) -> bytes:
    image = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    ImageDraw.Draw(image).ellipse((4, 4, width - 5, height - 5), outline=colour, width=10)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


@dataclass
class Printed:
    pdf: bytes
    number_symbol: str
    issuer_lines: list[str]
    parent_lines: list[str]
    signer_name: str
    subject: str


def _printed(target, document, code: str) -> Printed:
    # A fixed verification code, so the QR code and the golden images do not change between runs.
    document.verification_code = f"TEST-{code.upper()}-0001"
    issuer = document.issuer
    return Printed(
        pdf=official_document_render(document, signed_at=SIGNED_AT), number_symbol=document.number_symbol,
        issuer_lines=issuer.header_name.splitlines(), parent_lines=issuer.parent_header_name.splitlines(),
        signer_name=document.signer_name, subject=document.subject,
    )


_RENDERED: dict[str, Printed] = {}


@pytest.fixture
def printed(db, chain) -> dict[str, Printed]:
    """The demo loaded and each document rendered as issued, once for the
    module: the data goes with the first test's transaction, the PDFs stay."""
    if _RENDERED:
        return _RENDERED
    # On a fixed day, so the demo decision's date (and the golden images) do not move with the calendar.
    with time_machine.travel(DEMO_DAY, tick=False):
        call_command("load_demo", verbosity=0, force=True)
    signature, seal = _png(300, 120, (20, 40, 200, 255)), _png(240, 240, (220, 0, 0, 230))
    for code, issuer_code in SEED_ISSUERS.items():
        plan = Plan.objects.get(issuer__code=issuer_code, title__in=SEED_TITLES)
        SigningMaterial.objects.update_or_create(unit=plan.issuer, defaults={
            "signature_image": signature, "seal_image": seal, "signature_owner": plan.signer_name})
        document = official_document_of(plan)
        _RENDERED[code] = _printed(plan, document, code) if document else Printed(
            pdf=draft_pdf(plan), number_symbol="", issuer_lines=plan.issuer.header_name.splitlines(),
            parent_lines=plan.issuer.parent_header_name.splitlines(), signer_name=plan.signer_name,
            subject=plan.title)
    decision = AwardDecision.objects.exclude(number=None).select_related("issuer").get()
    SigningMaterial.objects.update_or_create(unit=decision.issuer, defaults={
        "signature_image": signature, "seal_image": seal, "signature_owner": decision.signer_name})
    _RENDERED["decision"] = _printed(decision, official_document_of(decision), "decision")
    return _RENDERED


def _pdf(printed_document: Printed):
    return pdfplumber.open(io.BytesIO(printed_document.pdf))


def _lines(page, bbox=None) -> list[dict]:
    area = page.crop(bbox) if bbox else page
    return area.extract_text_lines(return_chars=True, strip=True)


def _line_starting(lines: list[dict], text: str) -> dict:
    return next(line for line in lines if line["text"].startswith(text))


def _sizes(line: dict) -> set[float]:
    return {round(char["size"], 1) for char in line["chars"] if char["text"].strip()}


def _bold(line: dict) -> bool:
    return all("Bold" in char["fontname"] for char in line["chars"] if char["text"].strip())


def _header_columns(page) -> tuple[tuple, tuple]:
    """The header's two columns, split where “CỘNG HÒA …” begins; down to “Số:”."""
    nation = next(word for word in page.extract_words() if word["text"] == "CỘNG")
    number = next(word for word in page.extract_words() if word["text"] == "Số:")
    left = (0, TOP_MARGIN - 2, nation["x0"] - 1, number["top"] - 1)
    return left, (nation["x0"] - 1, 0, page.width, number["bottom"] + 8)


# Rule 1 -----------------------------------------------------------------------------------

@pytest.mark.parametrize("code", ISSUED)
def test_the_signature_never_stands_alone_and_the_verification_sits_beside_the_recipients(printed, code):
    with _pdf(printed[code]) as pdf:
        signed_page = next(page for page in pdf.pages if "Nơi nhận:" in (page.extract_text() or ""))
        lines = _lines(signed_page)
        recipients = _line_starting(lines, "Nơi nhận:")
        body_above = [line for line in lines if line["bottom"] < recipients["top"] and line["top"] > TOP_MARGIN
                      and _sizes(line) == {14.0} and not _bold(line)]
        assert len(body_above) >= 2, f"{len(body_above)} body lines above Nơi nhận, page {signed_page.page_number}"
        beside = _lines(signed_page, (0, recipients["top"], PAGE_WIDTH / 2, signed_page.height))
        code_line = _line_starting(beside, "Mã xác minh:")
        following = "".join(line["text"] for line in beside[beside.index(code_line):beside.index(code_line) + 3])
        assert f"TEST-{code.upper()}-0001" in following.replace(" ", "")
        assert code_line["bottom"] < signed_page.height - 10 * MM


# Rule 2 -----------------------------------------------------------------------------------

@pytest.mark.parametrize("code", ISSUED)
def test_the_seal_covers_a_third_of_the_signature_on_its_left_over_the_ink_and_clear_of_the_name(printed, code):
    with _pdf(printed[code]) as pdf:
        page = next(page for page in pdf.pages if page.images)
        signature, seal = page.images  # in drawing order: the seal is drawn last, over the signature
        assert round(signature["width"] / signature["height"], 1) == 2.5
        overlap = max(0, min(signature["x1"], seal["x1"]) - max(signature["x0"], seal["x0"]))
        assert 0.30 <= overlap / signature["width"] <= 0.36
        assert seal["x0"] < signature["x0"]
        name = _line_starting(_lines(page, (PAGE_WIDTH / 2, 0, PAGE_WIDTH, page.height)), printed[code].signer_name)
        assert seal["bottom"] < name["top"] and signature["bottom"] < name["top"]
        assert _bold(name)


# Rule 3 -----------------------------------------------------------------------------------

@pytest.mark.parametrize("code", PRINTED)
def test_the_header_breaks_where_the_unit_says_and_the_rule_is_a_third_to_a_half_of_the_name(printed, code):
    facts = printed[code]
    with _pdf(facts) as pdf:
        page = pdf.pages[0]
        left, _right = _header_columns(page)
        header = [line for line in _lines(page, left) if line["text"] != "DỰ THẢO"]
        assert [line["text"] for line in header] == facts.parent_lines + facts.issuer_lines
        issuer = header[len(facts.parent_lines):]
        assert all(_bold(line) for line in issuer) and not any(_bold(line) for line in header[:len(facts.parent_lines)])
        text_width = max(line["x1"] - line["x0"] for line in issuer)
        below = issuer[-1]["bottom"]
        number = next(word for word in page.extract_words() if word["text"] == "Số:")
        rules = [edge for edge in page.edges if edge["orientation"] == "h" and below - 1 <= edge["top"] < number["top"]
                 and edge["x1"] <= left[2]]
        assert len(rules) >= 1
        ratio = (rules[0]["x1"] - rules[0]["x0"]) / text_width
        assert 1 / 3 <= ratio <= 1 / 2


# Rule 4 -----------------------------------------------------------------------------------

def _subject_lines(page) -> list[dict]:
    """The lines between the document's name and the short rule under the subject."""
    lines = _lines(page)
    name = next(line for line in lines if line["text"] in ("KẾ HOẠCH", "QUYẾT ĐỊNH"))
    rule = min((edge for edge in page.edges if edge["orientation"] == "h" and edge["top"] > name["bottom"]),
               key=lambda edge: edge["top"])
    return [line for line in lines if name["bottom"] < line["top"] and line["bottom"] <= rule["top"] + 1]


@pytest.mark.parametrize("code", PRINTED)
def test_the_subject_is_set_in_balanced_lines_broken_between_phrases(printed, code):
    with _pdf(printed[code]) as pdf:
        lines = _subject_lines(pdf.pages[0])
    assert " ".join(line["text"] for line in lines) == " ".join(printed[code].subject.split())
    widths = [line["x1"] - line["x0"] for line in lines]
    assert max(widths) <= PAGE_WIDTH - LEFT_MARGIN - RIGHT_MARGIN
    if len(lines) > 1:
        assert min(widths) / max(widths) >= 0.4
    for upper, lower in zip(lines, lines[1:], strict=False):
        last, first = upper["text"].split()[-1], lower["text"].split()[0]
        assert f"{last} {first}".lower().strip("“”") not in UNBREAKABLE_PAIRS
        assert not first[:1].isdigit() and not last.endswith(("/", "-")), (last, first)


def test_a_subject_never_breaks_inside_a_compound_or_a_number_and_symbol():
    lines = balanced_lines("Khen thưởng thành tích xuất sắc trong thực hiện Kế hoạch số 169/KH-UBND ngày 05 tháng "
                           "01 năm 2025 của Ủy ban nhân dân tỉnh An Giang về xây dựng nền Quốc phòng toàn dân")
    assert lines == ["Khen thưởng thành tích xuất sắc trong thực hiện Kế hoạch",
                     "số 169/KH-UBND ngày 05 tháng 01 năm 2025 của Ủy ban nhân dân",
                     "tỉnh An Giang về xây dựng nền Quốc phòng toàn dân"]
    assert balanced_lines("Dòng thứ nhất\nDòng thứ hai do người soạn ngắt") == [
        "Dòng thứ nhất", "Dòng thứ hai do người soạn ngắt"]


# Rule 5 -----------------------------------------------------------------------------------

def test_the_decision_follows_the_sample_decision(printed):
    with _pdf(printed["decision"]) as pdf:
        text = "\n".join(page.extract_text() for page in pdf.pages)
    assert "KẾ HOẠCH" not in text
    paragraphs = re.split(r"\n(?=Căn cứ|Theo đề nghị|QUYẾT ĐỊNH:|Điều \d)", text)
    bases = [paragraph for paragraph in paragraphs if paragraph.startswith("Căn cứ")]
    assert bases and all(basis.rstrip().endswith(";") for basis in bases)
    proposal = next(paragraph for paragraph in paragraphs if paragraph.startswith("Theo đề nghị của"))
    assert proposal.split("\n")[0].rstrip().endswith(".")
    assert text.index("QUYẾT ĐỊNH:") < text.index("Điều 1.") < text.index("Điều 2.")


@pytest.fixture
def long_decision(db, chain):
    """The demo decision with seven people on it: too many to list in Điều 1."""
    call_command("load_demo", verbosity=0, force=True)
    decision = AwardDecision.objects.exclude(number=None).get()
    template = decision.nominations.first()
    people = []
    for index, name in enumerate(("An", "Bình", "Châu", "Dung", "Giang", "Hà", "Khánh"), start=1):
        person = Nomination.objects.get(pk=template.pk)
        person.pk, person.kind, person.nominee_unit = None, NomineeKind.INDIVIDUAL, None
        person.person_name, person.person_gender = f"Nguyễn Thị {name}", "female"
        person.person_position = "Xã đội trưởng"
        person.person_unit, person.state = template.nominating_unit, NominationState.AWARDED
        person.save()
        people.append(person)
        assert index == len(people)
    decision.nominations.set(people)
    return decision


def test_a_long_decision_list_is_attached_under_the_decision_number(long_decision):
    decision = long_decision
    document = official_document_of(decision)
    with pdfplumber.open(io.BytesIO(official_document_render(document, signed_at=SIGNED_AT))) as pdf:
        last = pdf.pages[-1].extract_text()
        first = pdf.pages[0].extract_text()
    assert "(có danh sách kèm theo)" in first
    assert f"(Kèm theo Quyết định số {decision.number_symbol}" in last
    assert [name in last for name in ("Bà Nguyễn Thị An", "Bà Nguyễn Thị Khánh")] == [True, True]
    assert "Bà Nguyễn Thị An" not in first


# Rule 6 -----------------------------------------------------------------------------------

@pytest.mark.parametrize("code", PRINTED)
def test_sizes_come_from_one_of_the_decree_sets(printed, code):
    with _pdf(printed[code]) as pdf:
        right = _lines(pdf.pages[0], _header_columns(pdf.pages[0])[1])
        body = [line for page in pdf.pages for line in _lines(page)]
    nation = _line_starting(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    motto = _line_starting(right, "Độc lập - Tự do - Hạnh phúc")
    date = next(line for line in right if ", ngày " in line["text"])
    assert (_sizes(nation), _sizes(motto), _sizes(date)) in (({13.0}, {14.0}, {14.0}), ({12.0}, {13.0}, {13.0}))
    assert _bold(nation) and _bold(motto) and all("Italic" in char["fontname"] for char in date["chars"])
    items = [line for line in body if re.match(r"^[a-zđ]\) ", line["text"])]
    assert all(not _bold(line) for line in items)


# Rule 7 -----------------------------------------------------------------------------------

@pytest.mark.parametrize("code", ISSUED)
def test_page_one_top_right_shows_number_and_signing_time_inside_the_margins(printed, code):
    with _pdf(printed[code]) as pdf:
        page = pdf.pages[0]
        note = [line for line in _lines(page, (PAGE_WIDTH / 2, 0, PAGE_WIDTH, TOP_MARGIN)) if _sizes(line) == {10.0}]
    assert [line["text"] for line in note] == [printed[code].number_symbol, "2025-03-11T09:30:00+07:00"]
    assert all(LEFT_MARGIN <= line["x0"] and line["x1"] <= PAGE_WIDTH - RIGHT_MARGIN + 0.5 for line in note)
    assert all(line["top"] >= 0 and line["bottom"] <= TOP_MARGIN for line in note)


# PDF/A and the fonts ----------------------------------------------------------------------

def test_issued_pdfs_are_pdf_a_with_the_record_and_name_their_fonts(printed, tmp_path):
    path = tmp_path / "decision.pdf"
    path.write_bytes(printed["decision"].pdf)
    meta = subprocess.run(["pdfinfo", "-meta", str(path)], capture_output=True, text=True, check=True).stdout
    assert 'pdfaid:part="3"' in meta and 'pdfaid:conformance="B"' in meta
    for value in ("<vanban:LoaiVanBan>Quyết định</vanban:LoaiVanBan>",
                  f"<vanban:SoKyHieu>{printed['decision'].number_symbol}</vanban:SoKyHieu>",
                  f"<vanban:NguoiKy>{printed['decision'].signer_name}</vanban:NguoiKy>",
                  "<vanban:MaXacMinh>TEST-DECISION-0001</vanban:MaXacMinh>", "<pdfaSchema:prefix>vanban"):
        assert value in meta
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    families = {line.split()[0].split("+")[1] for line in fonts.splitlines()[2:]}
    assert families <= {"Liberation-Serif", "Liberation-Serif-Bold", "Liberation-Serif-Italic",
                        "Liberation-Serif-Bold-Italic"}


# Golden images ----------------------------------------------------------------------------

def _page_image(pdf: bytes, page: int, tmp_path: Path) -> Image.Image:
    source = tmp_path / "page.pdf"
    source.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "40", "-gray", "-png", "-f", str(page), "-l", str(page), "-singlefile",
                    str(source), str(tmp_path / "page")], check=True)
    return Image.open(tmp_path / "page.png").convert("L")


@pytest.mark.parametrize("code", PRINTED)
def test_page_one_and_the_last_page_print_as_the_golden_images(printed, code, tmp_path):
    with _pdf(printed[code]) as pdf:
        pages = len(pdf.pages)
    for label, page in (("first", 1), ("last", pages)):
        image = _page_image(printed[code].pdf, page, tmp_path)
        golden = GOLDEN / f"{code}-{label}.png"
        if os.environ.get("UPDATE_GOLDEN") == "1":
            GOLDEN.mkdir(exist_ok=True)
            image.save(golden)
            continue
        expected = Image.open(golden).convert("L")
        assert image.size == expected.size
        changed = sum(ImageChops.difference(image, expected).histogram()[97:]) / (image.width * image.height)
        assert changed <= GOLDEN_TOLERANCE, f"{golden.name}: {changed:.2%} of the page moved"
