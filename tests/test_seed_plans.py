"""The four seed plans, loaded as structured plans, hold what the seeds say
and print back in the seeds' order and wording."""

import datetime

import pytest
from django.contrib.auth import get_user_model

from campaigns.document import build_plan_document
from campaigns.models import Plan, PlanBinding, PlanState
from campaigns.selectors import plan_with_parts
from demo.seed_plans import SEED_PLANS


@pytest.fixture
def seeds(demo_db):
    # The seeds only: the demo's live campaign and its drafts are issued by An Giang too.
    plans = {plan.issuer.code: plan for plan in Plan.objects.filter(
        title__in=[seed.title for seed in SEED_PLANS]).select_related("issuer")}
    return {"000": plans["an-giang"], "001": plans["ba-to"], "002": plans["an-giang-cdn"],
            "003": plans["dong-thap"], "07": plans["quang-ngai"]}


def document(plan):
    return build_plan_document(plan_with_parts(plan.pk))


def all_paragraphs(sections):
    for section in sections:
        if section.heading:
            yield f"{section.label} {section.heading}".strip()
        for paragraph in section.paragraphs:
            yield " ".join(part for part in (paragraph.label, paragraph.heading, paragraph.text) if part)
        yield from all_paragraphs(section.children)


def test_seed_000_structure(seeds):
    plan = plan_with_parts(seeds["000"].pk)
    assert (plan.state, plan.number_symbol, plan.issued_on) == (PlanState.ISSUED, "169/KH-UBND",
                                                                datetime.date(2025, 1, 5))
    assert [group.name for group in plan.target_groups.all()] == [
        "Nhân dân và lực lượng vũ trang cấp huyện", "Nhân dân và lực lượng dân quân các xã, phường, thị trấn",
        "Tập thể các sở, ban, ngành, đoàn thể cấp tỉnh"]
    assert [group.title for group in plan.criterion_groups.all()] == [
        "Về xây dựng lực lượng", "Về xây dựng tiềm lực", "Về xây dựng thế trận Quốc phòng toàn dân"]
    assert [group.criteria.count() for group in plan.criterion_groups.all()] == [5, 6, 2]
    assert (plan.period_kind, plan.starts_on, plan.ends_on) == ("fixed", datetime.date(2025, 2, 1),
                                                                datetime.date(2025, 12, 31))
    quotas = [(q.award_type.name, q.count, q.target_group.name, q.per_parent) for q in plan.quotas.all()]
    assert quotas == [
        ("Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", 6, "Tập thể các sở, ban, ngành, đoàn thể cấp tỉnh", False),
        ("Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", 3, "Nhân dân và lực lượng vũ trang cấp huyện", False),
        ("Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", 11, "Nhân dân và lực lượng dân quân các xã, phường, thị trấn",
         True),
    ]
    nominations = plan.deadlines.get(kind="nominations")
    assert (nominations.due_on, nominations.to_unit.name) == (
        datetime.date(2025, 10, 25), "Phòng Chính trị, Bộ Chỉ huy Quân sự tỉnh An Giang")
    assert nominations.from_units.count() == 11
    assert (plan.sign_authority, plan.sign_title, plan.signer_name) == ("head", "CHỦ TỊCH", "Hồ Văn Mừng")
    expected = PlanBinding.objects.filter(plan=plan, expected_to_implement=True).count()
    assert expected == 11


def test_seed_000_prints_in_order(seeds):
    doc = document(seeds["000"])
    assert (doc.issuer_lines, doc.number_line, doc.date_line) == (
        ["ỦY BAN NHÂN DÂN", "TỈNH AN GIANG"], "Số: 169/KH-UBND", "An Giang, ngày 05 tháng 01 năm 2025")
    assert doc.legal_bases[0] == "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 06 năm 2022;"
    assert doc.legal_bases[-1].endswith("bảo vệ Tổ quốc trong tình hình mới.")
    lines = list(all_paragraphs(doc.parts))
    expected_in_order = [
        "I. MỤC ĐÍCH, YÊU CẦU",
        "II. ĐỐI TƯỢNG, NỘI DUNG THI ĐUA",
        "1. Đối tượng",
        "- Nhân dân và lực lượng vũ trang cấp huyện.",
        "2. Nội dung thi đua",
        "a) Về xây dựng lực lượng",
        "b) Về xây dựng tiềm lực",
        "c) Về xây dựng thế trận Quốc phòng toàn dân",
        "* Lưu ý: Thực hiện phong trào thi đua xây dựng nền Quốc phòng toàn dân phải gắn với phong trào thi đua "
        "Quyết thắng của LLVT tỉnh.",
        "III. THỜI GIAN THI ĐUA VÀ BÌNH XÉT KHEN THƯỞNG",
        "Thời gian thi đua: Từ ngày 01/02/2025 - 31/12/2025.",
        "- Tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh cho 06 cơ quan, sở, ban, ngành, đoàn thể cấp tỉnh.",
        "- Tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh cho 03 đơn vị dẫn đầu cấp huyện.",
        "- Tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh cho 11 xã, phường, thị trấn dẫn đầu mỗi huyện.",
        "Kinh phí khen thưởng từ nguồn kinh phí thi đua, khen thưởng tỉnh.",
        "IV. TỔ CHỨC THỰC HIỆN",
    ]
    positions = [lines.index(line) for line in expected_in_order]
    assert positions == sorted(positions)
    assert lines[-1].endswith("Thời gian báo cáo hồ sơ đề nghị khen thưởng về Phòng Chính trị, Bộ CHQS tỉnh "
                              "(qua Ban Tuyên huấn) trước ngày 25 tháng 10 năm 2025./.")
    assert doc.recipients[0] == "- TT. TU, HĐND, UBND tỉnh;"
    assert doc.recipients[-1] == "- Lưu: VT."
    assert (doc.signatures[0].lines, doc.signatures[0].signer_name) == (["CHỦ TỊCH"], "Hồ Văn Mừng")


def test_seed_001_is_a_draft_awaiting_signature_derived_from_quang_ngai_07(seeds):
    plan = plan_with_parts(seeds["001"].pk)
    assert (plan.state, plan.number, plan.parent) == (PlanState.AWAITING_SIGNATURE, None, seeds["07"])
    assert seeds["07"].number_symbol == "07/KH-UBND"
    assert (plan.theme, plan.motto) == (
        "Dân chủ, đoàn kết, kỷ cương, sáng tạo, quyết thắng",
        "Phát huy dân chủ, tăng cường đoàn kết, giữ vững kỷ cương, đổi mới sáng tạo, hoàn thành xuất sắc nhiệm vụ")
    targets = {(t.measure, t.display_value) for t in plan.targets.all()}
    assert ("Kiểm tra nhận thức chính trị khá, giỏi", "≥ 75 %") in targets
    assert ("Tuyển quân đạt chỉ tiêu", "= 100 %") in targets
    assert ("Huy động quân nhân dự bị tham gia huấn luyện, diễn tập, kiểm tra sẵn sàng động viên đạt quân số",
            "≥ 95 %") in targets
    assert ("Xã, thị trấn đạt vững mạnh toàn diện", "≥ 70 %") in targets
    assert ("Cán bộ, đảng viên hoàn thành xuất sắc nhiệm vụ", "≥ 20 %") in targets
    doc = document(plan)
    assert (doc.number_line, doc.date_line) == ("Số:\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0/KH-UBND",
                                                "Ba Tơ, ngày\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0tháng 02 năm 2025")
    assert doc.legal_bases == [
        "Căn cứ Kế hoạch số 07/KH-UBND ngày 16 tháng 01 năm 2025 của Ủy ban nhân dân tỉnh Quảng Ngãi về việc phát "
        "động phong trào thi đua thực hiện nhiệm vụ quốc phòng, quân sự địa phương, góp phần xây dựng lực lượng vũ "
        "trang tỉnh vững mạnh toàn diện, hoàn thành xuất sắc nhiệm vụ năm 2025."]
    content = doc.parts[1]
    assert [child.paragraphs[0].label for child in content.children] == [
        "Một là,", "Hai là,", "Ba là,", "Bốn là,", "Năm là,", "Sáu là,"]
    assert doc.closing[-1].endswith("đạt kết quả cao./.")
    assert doc.recipients[-1] == "- Lưu: VT, QS (Sáu)."
    assert (doc.signatures[0].lines, doc.signatures[0].signer_name) == (["CHỦ TỊCH"], "Phạm Giang Nam")


def test_seed_002_prints_its_run_in_target_group_and_awards(seeds):
    doc = document(seeds["002"])
    assert (doc.parent_header_lines, doc.issuer_lines, doc.number_line, doc.date_line) == (
        ["ỦY BAN NHÂN DÂN TỈNH AN GIANG"], ["TRƯỜNG CAO ĐẲNG NGHỀ", "AN GIANG"], "Số: 484/KH-CĐN",
        "An Giang, ngày 11 tháng 3 năm 2024")
    lines = list(all_paragraphs(doc.parts))
    assert "1. Đối tượng: Tập thể cán bộ, viên chức, người lao động của Trường Cao đẳng nghề An Giang." in lines
    assert "- Giấy khen của Hiệu trưởng." in lines
    assert "- Bằng khen của Chủ tịch UBND tỉnh." in lines
    assert "Thời gian thi đua: Từ ngày 01/01/2024 - 31/12/2024." in lines
    assert lines[-1].endswith("đề nghị xét khen thưởng theo đúng tuyến trình./.")
    assert (doc.signatures[0].lines, doc.signatures[0].signer_name) == (["HIỆU TRƯỞNG"], "Nguyễn Thanh Hải")


def test_seed_003_structure(seeds):
    plan = plan_with_parts(seeds["003"].pk)
    per_group = [(group.title, group.target_group.name if group.target_group else None)
                 for group in plan.criterion_groups.all()]
    assert len(per_group) == 5
    assert all(target_group for _, target_group in per_group)
    assert per_group[4] == ("Đối với cá nhân", "Cá nhân")
    occasions = [(q.occasion, q.name) for q in plan.quotas.all()]
    assert [name for occasion, name in occasions if occasion == "annual"] == [
        "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
        "Giấy khen của Thủ trưởng sở, ban, ngành, Chủ tịch Ủy ban nhân dân xã, phường"]
    assert len([1 for occasion, _ in occasions if occasion == "summary"]) == 6
    assert (plan.period_kind, plan.starts_on, plan.review_month, plan.summary_every_years) == (
        "continuous", datetime.date(2025, 12, 1), 11, 5)
    report = plan.deadlines.get(kind="progress_report")
    assert (report.recurrence, report.due_on, report.to_unit.code) == ("yearly", datetime.date(2026, 11, 10),
                                                                       "dong-thap-ca")
    doc = document(plan)
    lines = list(all_paragraphs(doc.parts))
    assert ("- Khen thưởng hằng năm: Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh; Giấy khen của Thủ trưởng sở, ban, "
            "ngành, Chủ tịch Ủy ban nhân dân xã, phường.") in lines
    assert "- Khen thưởng tổng kết:" in lines
    assert "+ Danh hiệu thi đua gồm: Cờ Thi đua của Chính phủ; Cờ Thi đua của Ủy ban nhân dân tỉnh." in lines
    assert any(line.startswith("7. Định kỳ hằng năm") and line.endswith(
        "báo cáo Ủy ban nhân dân tỉnh trước ngày 10 tháng 11 hằng năm.") for line in lines)
    assert [s.heading for s in doc.parts] == [
        "MỤC ĐÍCH, YÊU CẦU", "NỘI DUNG PHONG TRÀO THI ĐUA", "TIÊU CHÍ THI ĐUA VÀ HÌNH THỨC KHEN THƯỞNG",
        "THỜI GIAN THỰC HIỆN", "GIẢI PHÁP THỰC HIỆN", "TỔ CHỨC THỰC HIỆN"]
    criteria = doc.parts[2].children[0].paragraphs
    assert [p.label + " " + p.text for p in criteria if p.style == "item"] == [
        "a) Đối với các sở, ban, ngành tỉnh",
        "b) Đối với Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh, tổ chức chính trị - xã hội tỉnh, tổ chức chính trị xã "
        "hội - nghề nghiệp tỉnh",
        "c) Đối với các xã, phường trên địa bàn tỉnh",
        "d) Đối với các cơ quan, tổ chức, doanh nghiệp trên địa bàn tỉnh",
        "đ) Đối với cá nhân"]
    assert doc.signatures[0].lines == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]
    assert doc.recipients[-1] == "- Lưu: VT, KGVX (Nôn)."


def test_seed_plans_render_on_their_pages(seeds, client):
    client.force_login(get_user_model().objects.get(username="canbo.longxuyen"))
    page = client.get(f"/ke-hoach/{seeds['000'].pk}/")
    body = page.content.decode()
    assert page.status_code == 200
    assert "Số: 169/KH-UBND" in body and "Hồ Văn Mừng" in body
    assert "Xây dựng kế hoạch triển khai" in body
    assert client.get(f"/ke-hoach/{seeds['003'].pk}/").status_code == 403  # another province
