import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from campaigns.document import build_plan_document, plan_signature_lines
from campaigns.models import (
    Plan,
    PlanBinding,
    PlanState,
    Section,
)
from campaigns.selectors import implementation_status, plan_with_parts
from campaigns.services import plans as services
from emulation.models import AuditEntry, Notification, RegisterEntry
from emulation.vn import long_date
from tests.builders import build_plan


def test_a_draft_goes_through_return_and_issue_with_the_next_number(tree, people):
    plan = build_plan(tree, people)
    services.plan_submit(actor=people["drafter"], plan=plan)
    with pytest.raises(ValidationError):
        services.plan_return(actor=people["signer"], plan=plan, reason="  ")
    services.plan_return(actor=people["signer"], plan=plan, reason="Bổ sung tiêu chí về tuyên truyền.")
    plan.refresh_from_db()
    assert plan.state == PlanState.DRAFT
    assert Notification.objects.filter(recipient=people["drafter"], title__startswith="Dự thảo bị trả lại").exists()
    services.plan_submit(actor=people["drafter"], plan=plan)
    RegisterEntry.objects.create(issuer=tree["province"], year=2026, number=168, doc_type="KH", symbol="KH-UBND",
                                 issued_on=datetime.date(2026, 3, 1), subject="Kế hoạch trước", signer_name="X")
    issued = people["chain"].issue(plan)
    assert (issued.state, issued.number_symbol, issued.signer_name) == (PlanState.ISSUED, "169/KH-UBND", "Hồ Văn Mừng")
    transitions = list(AuditEntry.objects.filter(object_id=plan.pk, action__in=[
        "plan.submit", "plan.return", "plan.issue"]).order_by("id").values_list("action", "reason"))
    assert transitions == [("plan.submit", ""), ("plan.return", "Bổ sung tiêu chí về tuyên truyền."),
                           ("plan.submit", ""), ("plan.issue", "")]
    bound = set(PlanBinding.objects.filter(plan=plan).values_list("unit__code", "expected_to_implement"))
    assert bound == {("huyen-a", True), ("huyen-b", True), ("xa-a1", False), ("xa-b1", False)}
    assert Notification.objects.filter(recipient=people["officer_a"], title__contains="169/KH-UBND").count() == 1
    with pytest.raises(ValidationError):
        services.plan_part_save(actor=people["drafter"], plan=issued, instance=Section(), values={"heading": "Mới"})


def test_the_printed_form_follows_the_rules(tree, people):
    plan = build_plan(tree, people)
    document = build_plan_document(plan_with_parts(plan.pk))
    assert document.number_line == "Số:\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0/KH-UBND"
    assert document.is_draft
    assert [s.label + " " + s.heading for s in document.parts] == [
        "I. MỤC ĐÍCH, YÊU CẦU", "II. NỘI DUNG THI ĐUA", "III. TỔ CHỨC THỰC HIỆN"]
    content = document.parts[1]
    assert [(p.label, p.text) for p in content.paragraphs] == [
        ("1.", "Về xây dựng lực lượng"), ("-", "Xây dựng lực lượng dân quân đạt chỉ tiêu.")]
    assert content.children[0].paragraphs[0].text == "Thời gian thi đua: Từ ngày 01/01/2026 - 31/12/2026."
    assignments = document.parts[2].paragraphs
    assert assignments[0].label == "1."
    assert assignments[0].text == ("Ủy ban nhân dân các huyện tổ chức bình xét, đề nghị khen thưởng. "
                                   "Hồ sơ gửi về Sở Nội vụ trước ngày 25 tháng 10 năm 2026./.")
    assert document.recipients == ["- Ủy ban nhân dân các huyện;", "- Lưu: VT."]
    assert document.signatures[0].lines == ["CHỦ TỊCH"]


def test_deriving_prefills_what_applies_to_the_unit(tree, people):
    plan = build_plan(tree, people)
    services.plan_submit(actor=people["drafter"], plan=plan)
    parent = people["chain"].issue(plan)
    child = services.plan_derive(actor=people["officer_a"], parent=parent, unit=tree["district_a"])
    assert (child.issuer, child.parent, child.state) == (tree["district_a"], parent, PlanState.DRAFT)
    basis = child.legal_bases.get()
    assert basis.linked_plan == parent
    document = build_plan_document(plan_with_parts(child.pk))
    assert document.legal_bases == [
        f"Căn cứ Kế hoạch số 01/KH-UBND {long_date(parent.issued_on)} của Ủy ban nhân dân tỉnh An Giang về việc "
        "phát động phong trào thi đua năm 2026."]
    assert list(child.criteria.values_list("text", flat=True)) == ["Xây dựng lực lượng dân quân đạt chỉ tiêu."]
    assert list(child.targets.values_list("measure", flat=True)) == ["Tuyển quân đạt chỉ tiêu"]
    quotas = list(child.quotas.values_list("count", "per_parent", "target_group__name"))
    assert quotas == [(1, False, "Ủy ban nhân dân các xã")]
    deadline = child.deadlines.get()
    assert (deadline.kind, deadline.to_unit, deadline.due_on) == ("nominations", tree["district_a"],
                                                                  datetime.date(2026, 10, 25))
    assert list(deadline.from_units.values_list("code", flat=True)) == ["xa-a1"]
    with pytest.raises(PermissionDenied):
        services.plan_derive(actor=people["officer_b"], parent=parent, unit=tree["district_a"])
    status = {row["unit"].code: row["plan"] for row in implementation_status(parent)}
    assert status == {"huyen-a": child, "huyen-b": None}


def test_an_amendment_supersedes_the_issued_plan_and_keeps_it_readable(tree, people, client):
    plan = build_plan(tree, people)
    services.plan_submit(actor=people["drafter"], plan=plan)
    first = people["chain"].issue(plan)
    amendment = services.plan_amend(actor=people["drafter"], plan=first)
    assert (amendment.supersedes, amendment.version, amendment.sections.count()) == (first, 2, 4)
    services.plan_update(actor=people["drafter"], plan=amendment, expected_revision=amendment.revision,
                         title="Phát động phong trào thi đua năm 2026 (sửa đổi)")
    services.plan_submit(actor=people["drafter"], plan=amendment)
    second = people["chain"].issue(amendment)
    first.refresh_from_db()
    assert (first.state, second.state, second.number) == (PlanState.SUPERSEDED, PlanState.ISSUED, 2)
    client.force_login(people["officer_a"])
    body = client.get(reverse("plan_detail", args=[first.pk])).content.decode()
    assert "Đã được thay thế bởi" in body


@pytest.mark.parametrize("authority,collective,title,deputy,lines", [
    ("head", "", "HIỆU TRƯỞNG", "", ["HIỆU TRƯỞNG"]),
    ("tm", "Ủy ban nhân dân", "Chủ tịch", "", ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]),
    ("tm_kt", "ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "PHÓ CHỦ TỊCH", ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]),
    ("kt", "", "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]),
    ("q", "", "GIÁM ĐỐC", "", ["Q. GIÁM ĐỐC"]),
])
def test_every_signature_block_variant(authority, collective, title, deputy, lines):
    plan = Plan(sign_authority=authority, sign_collective=collective, sign_title=title, sign_deputy_title=deputy)
    assert plan_signature_lines(plan) == lines
