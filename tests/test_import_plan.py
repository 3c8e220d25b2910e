"""Importing an office's plan (#15): the four seed texts as copied from their
PDFs, a Word file exported from a seed plan, and the files that must be refused."""

import datetime
import io
import json
import zipfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from campaigns.importing import ImportError_, read_docx, read_text, recognise
from demo.seed_plans import SEED_TITLES

SEEDS = Path(__file__).resolve().parent / "seeds"


def seed(prefix: str):
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    return recognise(read_text(path.read_bytes()))


def top_headings(plan) -> list[str]:
    return [f"{section.label} {section.heading}" for section in plan.sections]


def test_seed_000_header_bases_sections_and_signature():
    plan = seed("000")
    header = plan.header
    assert (header.issuer_lines, header.number, header.symbol, header.doc_name) == (
        ["ỦY BAN NHÂN DÂN", "TỈNH AN GIANG"], 169, "KH-UBND", "KẾ HOẠCH")
    assert header.subject == ("Phát động phong trào thi đua trong thực hiện nhiệm vụ xây dựng nền Quốc phòng toàn "
                              "dân năm 2025")
    cited = [(basis.opening, basis.citation.doc_type, basis.citation.number_symbol,
              basis.citation.issued_on.isoformat(), basis.citation.issuer_name)
             for basis in plan.bases if basis.citation]
    assert cited == [("Căn cứ", "law", "", "2022-06-15", "Quốc hội"),
                     ("Căn cứ", "decree", "98/2023/NĐ-CP", "2023-12-31", "Chính phủ"),
                     ("Căn cứ", "circular", "01/2024/TT-BNV", "2024-02-24", "Bộ Nội vụ"),
                     ("Căn cứ", "decision", "21/2024/QĐ-UBND", "2024-06-26", "Ủy ban nhân dân tỉnh")]
    assert len(plan.bases) == 5 and plan.bases[4].citation is None
    assert plan.preamble[0].startswith("Chủ tịch Ủy ban nhân dân tỉnh ban hành kế hoạch")
    assert top_headings(plan) == ["I. MỤC ĐÍCH, YÊU CẦU", "II. ĐỐI TƯỢNG, NỘI DUNG THI ĐUA",
                                  "III. THỜI GIAN THI ĐUA VÀ BÌNH XÉT KHEN THƯỞNG", "IV. TỔ CHỨC THỰC HIỆN"]
    content = plan.sections[1]
    assert [child.heading for child in content.children] == ["Đối tượng", "Nội dung thi đua"]
    assert [letter.label for letter in content.children[1].children] == ["a)", "b)", "c)"]
    assert content.children[0].body == ["- Nhân dân và lực lượng vũ trang cấp huyện.",
                                        "- Nhân dân và lực lượng dân quân các xã, phường, thị trấn.",
                                        "- Tập thể các sở, ban, ngành, đoàn thể cấp tỉnh."]
    signature = plan.closing.signature
    assert (signature.authority, signature.title, signature.signer_name) == ("head", "CHỦ TỊCH", "Hồ Văn Mừng")
    assert plan.closing.recipients[0] == "TT. TU, HĐND, UBND tỉnh" and plan.closing.archive_note == "VT"
    assert plan.unrecognised == []


def test_seed_001_ordinal_items_draft_date_and_run_on_text():
    plan = seed("001")
    assert (plan.header.number, plan.header.symbol, plan.header.place, plan.header.month, plan.header.year) == (
        None, "KH-UBND", "Ba Tơ", 2, 2025)
    assert plan.bases[0].citation.number_symbol == "07/KH-UBND"
    assert plan.bases[0].citation.connector == "về việc"
    content = plan.sections[1]
    assert [child.label for child in content.children] == ["Một là,", "Hai là,", "Ba là,", "Bốn là,", "Năm là,",
                                                           "Sáu là,"]
    assert plan.closing.closing[0].startswith("Trên đây là kế hoạch")
    assert (plan.closing.signature.title, plan.closing.signature.signer_name) == ("CHỦ TỊCH", "Phạm Giang Nam")
    assert plan.unrecognised == []


def test_seed_002_and_003_bases_ending_and_collective_signature():
    school = seed("002")
    assert (school.header.number, school.header.symbol, school.header.issued_on.isoformat()) == (
        484, "KH-CĐN", "2024-03-11")
    assert school.closing.signature.title == "HIỆU TRƯỞNG"
    province = seed("003")
    assert province.bases_end_with == ";"
    assert province.bases[0].citation.number_symbol == "2447/QĐ-TTg"
    signature = province.closing.signature
    assert (signature.authority, signature.collective, signature.title, signature.signer_name) == (
        "tm", "ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Phạm Thành Ngại")
    assert len(province.closing.recipients) == 12 and province.closing.archive_note == "VT, KGVX (Nôn)"
    assert top_headings(province)[-1] == "VI. TỔ CHỨC THỰC HIỆN"
    assert school.unrecognised == [] and province.unrecognised == []


def test_every_source_line_lands_in_a_part_or_in_the_unrecognised_list():
    for prefix in ("000", "001", "002", "003"):
        plan = seed(prefix)
        placed = set(plan.part_of_line()) | {line.number for line in plan.unrecognised}
        assert {line.number for line in plan.source if line.text.strip()} <= placed, prefix


def test_a_stray_line_in_the_header_is_listed_not_dropped():
    text = "ỦY BAN NHÂN DÂN\nTỈNH AN GIANG\nghi chú viết tay\nSố: 12/KH-UBND\nKẾ HOẠCH\nVề việc thử\n\nI. MỤC ĐÍCH\n"
    plan = recognise(read_text(text))
    assert [(line.number, line.text) for line in plan.unrecognised] == [(3, "ghi chú viết tay")]


@pytest.mark.django_db
def test_a_seed_plan_exported_to_word_reads_back(demo_plans):
    from campaigns.printing import plan_layout  # noqa: PLC0415 — the reference is what the plan prints
    from emulation.documents.word import layout_docx  # noqa: PLC0415 — likewise

    plan = demo_plans["an-giang"]
    layout = plan_layout(plan)
    imported = recognise(read_docx(layout_docx(layout)), from_docx=True)
    header = imported.header
    assert (header.issuer_lines, header.number, header.symbol, header.place, header.issued_on) == (
        ["ỦY BAN NHÂN DÂN", "TỈNH AN GIANG"], 169, "KH-UBND", "An Giang", plan.issued_on)
    assert header.subject == plan.title
    assert [f"{basis.opening} {basis.text}" for basis in imported.bases] == [
        basis.rstrip(";.") for basis in layout.legal_bases]
    assert top_headings(imported) == [f"{part.label} {part.heading}" for part in layout.parts]
    assert (imported.closing.signature.title, imported.closing.signature.signer_name) == (
        "CHỦ TỊCH", plan.signer_name)
    assert imported.unrecognised == []


@pytest.mark.django_db
def test_every_seed_plan_exported_to_word_and_brought_back_prints_the_same(demo_plans):
    """The round trip: each seed plan out as Word, in through the review and confirm, prints as it did."""
    from campaigns.printing import plan_layout  # noqa: PLC0415 — the reference is what the plan prints
    from campaigns.services import plan_import  # noqa: PLC0415 — likewise
    from emulation.documents.word import layout_docx  # noqa: PLC0415 — likewise
    from emulation.models import Role, User  # noqa: PLC0415 — likewise

    def parts(items) -> list:
        return [(part.label, part.heading, [(p.label, p.heading, p.text) for p in part.paragraphs], part.notes,
                 parts(part.children)) for part in items]

    def printed(layout) -> tuple:
        return (layout.subject_lines, layout.legal_bases, layout.preamble, parts(layout.parts), layout.closing,
                layout.recipients, [(block.lines, block.signer_name) for block in layout.signatures])

    for code, plan in demo_plans.items():
        if code == "quang-ngai":  # not a seed of its own: the plan seed 001 implements, holding only what it cites
            continue
        drafter = User.objects.filter(roles__unit=plan.issuer, roles__role=Role.DRAFTER).first()
        layout = plan_layout(plan)
        review = plan_import.plan_import_start(actor=drafter, source_name=f"{code}.docx",
                                               lines=read_docx(layout_docx(layout)), from_docx=True)
        assert review.unit == plan.issuer
        rebuilt = plan_import.plan_import_confirm(actor=drafter, plan_import=review)
        assert printed(plan_layout(rebuilt)) == printed(layout), code


@pytest.fixture
def demo_plans(demo_db):
    from campaigns.models import Plan  # noqa: PLC0415 — the demo is only these tests'

    return {plan.issuer.code: plan for plan in Plan.objects.filter(title__in=SEED_TITLES).select_related("issuer")}


def zipped(members: dict[str, bytes]) -> bytes:
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return output.getvalue()


def test_word_s_own_numbering_reads_as_the_typed_numbers():
    from tests.office_docx import office_docx  # noqa: PLC0415 — builds Word files with python-docx

    text = next(SEEDS.glob("000_*.txt")).read_text()
    typed = recognise(read_docx(office_docx(text)), from_docx=True)
    numbered = recognise(read_docx(office_docx(text, word_numbering=True)), from_docx=True)

    def tree(sections) -> list:
        return [(section.label, section.heading, tree(section.children)) for section in sections]

    assert tree(numbered.sections) == tree(typed.sections)
    assert top_headings(numbered) == ["I. MỤC ĐÍCH, YÊU CẦU", "II. ĐỐI TƯỢNG, NỘI DUNG THI ĐUA",
                                      "III. THỜI GIAN THI ĐUA VÀ BÌNH XÉT KHEN THƯỞNG", "IV. TỔ CHỨC THỰC HIỆN"]
    assert numbered.unrecognised == []


def test_word_numbering_formats_count_and_restart_as_word_does():
    from docx import Document  # noqa: PLC0415
    from docx.oxml import parse_xml  # noqa: PLC0415

    from campaigns.importing.word_numbering import WordNumbering  # noqa: PLC0415
    from tests.office_docx import OUTLINE, W, _auto_number  # noqa: PLC0415

    document = Document()
    document.part.numbering_part.element.insert(0, parse_xml(OUTLINE))
    document.part.numbering_part.element.append(
        parse_xml(f'<w:num {W} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    levels = [0, 1, 2, 2, 1, 0, 1, 2, 0, 0, 0]
    paragraphs = []
    for level in levels:
        paragraph = document.add_paragraph("x")
        _auto_number(document, paragraph, level)
        paragraphs.append(paragraph)
    paragraphs.append(document.add_paragraph("y", style="List Bullet"))
    paragraphs.append(document.add_paragraph("z"))
    numbering = WordNumbering(document)
    assert [numbering.label(paragraph) for paragraph in paragraphs] == [
        "I.", "1.", "a)", "b)", "2.", "II.", "1.", "a)", "III.", "IV.", "V.", "-", ""]


@pytest.mark.parametrize(("data", "message"), [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, "Đây là tệp Word cũ (.doc) hoặc tệp có mật khẩu."),
    (b"%PDF-1.7 not a word file", "Tệp không phải là tệp Word (.docx)."),
    (b"PK\x03\x04 broken", "Tệp Word bị hỏng, không mở được."),
    (zipped({"word/document.xml": b"<w/>", "word/vbaProject.bin": b"macro"}), "Tệp có macro (.docm)"),
    (zipped({"word/document.xml": b"\0" * (60 * 1024 * 1024)}), "Tệp Word giải nén ra quá lớn"),
    (zipped({"xl/workbook.xml": b"<x/>"}), "Tệp không phải là văn bản Word (.docx)."),
    (b"", "Tệp không phải là tệp Word (.docx)."),
])
def test_files_that_are_not_a_readable_word_plan_are_refused(data, message):
    with pytest.raises(ImportError_) as refused:
        read_docx(data)
    assert str(refused.value).startswith(message)


def test_a_word_file_that_is_not_a_plan_says_so():
    from docx import Document  # noqa: PLC0415 — only this test writes its own Word file

    document, output = Document(), io.BytesIO()
    document.add_paragraph("Thực đơn tuần này: thứ Hai cơm gà.")
    document.save(output)
    with pytest.raises(ImportError_) as refused:
        recognise(read_docx(output.getvalue()), from_docx=True)
    assert str(refused.value) == ("Không nhận ra văn bản này là một kế hoạch: không thấy tên loại văn bản “KẾ HOẠCH” ở "
                                  "đầu văn bản.")


def test_text_in_a_legacy_vietnamese_encoding_is_recognised_as_such():
    tcvn3 = "Uû ban nh©n d©n tØnh An Giang\nKÕ ho¹ch ph¸t ®éng phong trµo thi ®ua".encode("cp1252", errors="replace")
    with pytest.raises(ImportError_) as refused:
        read_text(tcvn3.decode("cp1252"))
    assert str(refused.value).startswith("Văn bản dùng bảng mã cũ TCVN3 (ABC), không phải Unicode.")
    with pytest.raises(ImportError_) as empty:
        read_text(b"   \n  ")
    assert str(empty.value) == "Văn bản trống."


def test_the_command_prints_json_and_refuses_a_bad_file(tmp_path, capsys):
    path = next(SEEDS.glob("003_*.txt"))
    call_command("import_plan", str(path), "--json")
    printed = json.loads(capsys.readouterr().out)
    assert printed["bases"][0]["citation"]["number_symbol"] == "2447/QĐ-TTg"
    assert printed["closing"]["signature"]["signer_name"] == "Phạm Thành Ngại"
    assert printed["unrecognised"] == []
    old = tmp_path / "ke-hoach.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    with pytest.raises(CommandError, match="tệp Word cũ"):
        call_command("import_plan", str(old))


def found(plan, kind: str) -> list[dict]:
    return [part.values for part in plan.parts if part.kind == kind]


def test_seed_000_structured_parts():
    plan = seed("000")
    assert [group["name"] for group in found(plan, "target_group")] == [
        "Nhân dân và lực lượng vũ trang cấp huyện", "Nhân dân và lực lượng dân quân các xã, phường, thị trấn",
        "Tập thể các sở, ban, ngành, đoàn thể cấp tỉnh"]
    assert [group["title"] for group in found(plan, "criterion_group")] == [
        "Về xây dựng lực lượng", "Về xây dựng tiềm lực", "Về xây dựng thế trận Quốc phòng toàn dân"]
    assert len(found(plan, "criterion")) == 13
    assert found(plan, "period") == [{"period_kind": "fixed", "starts_on": datetime.date(2025, 2, 1),
                                      "ends_on": datetime.date(2025, 12, 31)}]
    assert [(quota["count"], quota["per_parent"]) for quota in found(plan, "quota")] == [
        (6, False), (3, False), (11, True)]
    assert {quota["award"] for quota in found(plan, "quota")} == {"Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"}
    assert found(plan, "deadline") == [{"kind": "nominations", "recurrence": "once",
                                        "due_on": datetime.date(2025, 10, 25),
                                        "to_unit": "Phòng Chính trị, Bộ CHQS tỉnh"}]
    assert found(plan, "assignment")[0]["unit"] == "Bộ CHQS tỉnh"


def test_seed_003_a_continuous_period_reviewed_yearly_and_a_yearly_report():
    plan = seed("003")
    assert found(plan, "period") == [{"period_kind": "continuous", "starts_on": datetime.date(2025, 12, 1),
                                      "review_month": 11, "summary_every_years": 5}]
    (deadline,) = found(plan, "deadline")
    assert (deadline["kind"], deadline["recurrence"], deadline["day"], deadline["month"]) == (
        "progress_report", "yearly", 10, 11)
    assert deadline["to_unit"].startswith("Công an tỉnh")
    assert len(found(plan, "criterion_group")) == 5


def test_seed_001_targets_keep_their_comparison():
    targets = found(seed("001"), "target")
    assert {"measure": "đạt yêu cầu", "comparison": "eq", "value": "100", "unit_of_measure": "%"} in targets
    assert any(target["comparison"] == "gte" and target["value"] == "75" for target in targets)
    assert any(target["value"] == "95" and target["measure"] == "quân số" for target in targets)
