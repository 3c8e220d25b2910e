"""An imported plan as the seeds' plain values (``plan_spec``): the four seed
texts as copied from their PDFs, read into the PlanSpec the review screen and
the unit matcher build on. Units are the names the document prints."""

import datetime
from pathlib import Path

from campaigns.importing import read_text, recognise
from campaigns.importing.to_spec import award_name, plan_spec
from campaigns.specs import (
    PROVINCIAL_CHAIRMAN_COMMENDATION,
    BasisSpec,
    DeadlineSpec,
    QuotaSpec,
    RecipientSpec,
    TargetGroupSpec,
    TargetSpec,
)

SEEDS = Path(__file__).resolve().parent / "seeds"


def spec(prefix: str):
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    return plan_spec(recognise(read_text(path.read_bytes())))


def test_seed_000_header_bases_and_signature():
    plan = spec("000")
    assert (plan.key, plan.issuer, plan.number, plan.state, plan.issued_on) == (
        "", "ỦY BAN NHÂN DÂN TỈNH AN GIANG", 169, "issued", None)
    assert plan.title == ("Phát động phong trào thi đua trong thực hiện nhiệm vụ xây dựng nền Quốc phòng toàn dân "
                          "năm 2025")
    assert plan.legal_bases[0] == BasisSpec(
        text="Luật Thi đua, khen thưởng ngày 15 tháng 06 năm 2022", opening="Căn cứ", connector="về",
        citation={"doc_type": "law", "number_symbol": "", "issued_on": datetime.date(2022, 6, 15),
                  "issuer_name": "Quốc hội", "connector": "", "subject": "Thi đua, khen thưởng"})
    assert plan.legal_bases[4].citation is None
    assert (plan.signature, plan.signer_name, plan.archive_note) == (("head", "", "CHỦ TỊCH", ""), "Hồ Văn Mừng", "VT")
    assert plan.funding == "Kinh phí khen thưởng từ nguồn kinh phí thi đua, khen thưởng tỉnh."
    assert plan.period == ("fixed", datetime.date(2025, 2, 1), datetime.date(2025, 12, 31))


def test_seed_000_target_groups_and_quotas():
    plan = spec("000")
    assert plan.target_groups == [
        TargetGroupSpec("Nhân dân và lực lượng vũ trang cấp huyện", []),
        TargetGroupSpec("Nhân dân và lực lượng dân quân các xã, phường, thị trấn", []),
        TargetGroupSpec("Tập thể các sở, ban, ngành, đoàn thể cấp tỉnh", []),
    ]
    printed = PROVINCIAL_CHAIRMAN_COMMENDATION
    assert plan.quotas == [
        QuotaSpec(printed, printed_name=printed, count=6, target_group=2,
                  recipient_phrase="cơ quan, sở, ban, ngành, đoàn thể cấp tỉnh"),
        QuotaSpec(printed, printed_name=printed, count=3, target_group=0, recipient_phrase="đơn vị dẫn đầu cấp huyện"),
        QuotaSpec(printed, printed_name=printed, count=11, target_group=1, per_parent=True,
                  recipient_phrase="xã, phường, thị trấn dẫn đầu mỗi huyện"),
    ]


def test_seed_000_deadlines_leave_the_assignment_they_sit_in():
    plan = spec("000")
    districts = "Ủy ban nhân dân các huyện, thị xã, thành phố"
    assert plan.deadlines == [
        DeadlineSpec("implementing_plan", [districts], "ỦY BAN NHÂN DÂN TỈNH AN GIANG"),
        DeadlineSpec("nominations", [districts], "Phòng Chính trị, Bộ CHQS tỉnh", datetime.date(2025, 10, 25),
                     assignment=1, lead="Thời gian báo cáo hồ sơ đề nghị khen thưởng về Phòng Chính trị, Bộ CHQS "
                                        "tỉnh (qua Ban Tuyên huấn)"),
    ]
    assert [assignment.units for assignment in plan.assignments] == [["Bộ CHQS tỉnh"], [districts]]
    assert plan.assignments[1].text.endswith("bình xét khen thưởng theo thẩm quyền và đề nghị cấp trên khen thưởng "
                                             "theo quy định.")
    assert plan.assignments[0].text.count("\n") == 1  # its two paragraphs


def test_seed_000_sections_become_blocks_of_their_parts():
    plan = spec("000")
    tree = [(section.key, section.heading, section.block,
             [(child.key, child.heading, child.block, child.numbering) for child in section.children])
            for section in plan.sections]
    assert tree == [
        ("1", "MỤC ĐÍCH, YÊU CẦU", "text", []),
        ("2", "ĐỐI TƯỢNG, NỘI DUNG THI ĐUA", "text", [("2-1", "Đối tượng", "target_groups", "auto"),
                                                      ("2-2", "Nội dung thi đua", "criteria", "auto")]),
        ("3", "THỜI GIAN THI ĐUA VÀ BÌNH XÉT KHEN THƯỞNG", "text", [
            ("3-1", "Thời gian thi đua", "period", "auto"), ("3-2", "Khen thưởng", "awards", "auto"),
            ("3-3", "Kinh phí khen thưởng", "funding", "auto")]),
        ("4", "TỔ CHỨC THỰC HIỆN", "assignments", []),
    ]
    (note,) = plan.sections[1].children[1].children
    assert (note.numbering, note.body) == (
        "none", "* Lưu ý: Thực hiện phong trào thi đua xây dựng nền Quốc phòng toàn dân phải gắn với phong trào thi "
                "đua Quyết thắng của LLVT tỉnh.")
    assert [len(group.criteria) for group in plan.criterion_groups] == [5, 6, 2]


def test_seed_000_recipients_name_the_one_unit_they_are():
    assert spec("000").recipients == [
        RecipientSpec("TT. TU, HĐND, UBND tỉnh"), RecipientSpec("Sở, ban, ngành, đoàn thể tỉnh"),
        RecipientSpec("Bộ Chỉ huy quân sự tỉnh", ["Bộ Chỉ huy quân sự tỉnh"]),
        RecipientSpec("VP.UBND tỉnh: LĐVP, P.TH", ["VP.UBND tỉnh"]), RecipientSpec("UBND huyện, thị xã, thành phố"),
    ]


def test_seed_001_a_draft_its_theme_motto_and_targets():
    plan = spec("001")
    assert (plan.issuer, plan.number, plan.state, plan.draft_date) == (
        "UBND huyện Ba Tơ", None, "awaiting_signature", datetime.date(2025, 2, 1))
    assert (plan.theme, plan.motto) == (
        "Dân chủ, đoàn kết, kỷ cương, sáng tạo, quyết thắng",
        "Phát huy dân chủ, tăng cường đoàn kết, giữ vững kỷ cương, đổi mới sáng tạo, hoàn thành xuất sắc nhiệm vụ")
    assert plan.legal_bases[0].citation["doc_type"] == "plan"
    assert plan.targets[:2] == [
        TargetSpec("2-2", "Kiểm tra nhận thức chính trị đạt yêu cầu", "eq", "100"),
        TargetSpec("2-2", "Kiểm tra nhận thức chính trị khá, giỏi", "gte", "75"),
    ]
    assert TargetSpec("2-4", "Tuyển quân đạt chỉ tiêu", "eq", "100") in plan.targets
    assert TargetSpec("2-3", "Cán bộ, đảng viên hoàn thành xuất sắc nhiệm vụ", "gte", "20") in plan.targets


def test_seed_003_listed_awards_by_occasion_and_a_yearly_report():
    plan = spec("003")
    assert [(quota.award, quota.occasion) for quota in plan.quotas] == [
        (PROVINCIAL_CHAIRMAN_COMMENDATION, "annual"), ("Giấy khen", "annual"),
        ("Cờ Thi đua của Chính phủ", "summary"), ("Cờ thi đua cấp bộ, ngành, tỉnh", "summary"),
        ("Huân chương Lao động", "summary"), ("Bằng khen của Thủ tướng Chính phủ", "summary"),
        (PROVINCIAL_CHAIRMAN_COMMENDATION, "summary"), ("Giấy khen", "summary")]
    assert [(deadline.kind, deadline.due_on, deadline.recurrence, deadline.to_unit) for deadline in plan.deadlines] == [
        ("implementing_plan", datetime.date(2025, 12, 31), "once", "Ủy ban nhân dân tỉnh"),
        ("progress_report", datetime.date(2026, 11, 10), "yearly", "Công an tỉnh")]
    assert [group.name for group in plan.target_groups][-1] == "Cá nhân"
    assert [group.target_group for group in plan.criterion_groups] == [0, 1, 2, 3, 4]
    assert (plan.period, plan.review_month, plan.summary_every_years) == (
        ("continuous", datetime.date(2025, 12, 1), None), 11, 5)
    assert plan.closing.endswith("kịp thời báo cáo Ủy ban nhân dân tỉnh xem xét, quyết định.")


def test_award_names_are_the_catalogues_where_it_has_the_wording():
    assert [award_name(printed) for printed in (
        "Bằng khen của Chủ tịch UBND tỉnh", "Giấy khen của Hiệu trưởng", "Cờ Thi đua của Chính phủ",
        "Cờ Thi đua của Ủy ban nhân dân tỉnh", "Kỷ niệm chương")] == [
        PROVINCIAL_CHAIRMAN_COMMENDATION, "Giấy khen", "Cờ Thi đua của Chính phủ", "Cờ thi đua cấp bộ, ngành, tỉnh",
        "Kỷ niệm chương"]
