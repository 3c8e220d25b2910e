"""The demo campaign that is alive today: an An Giang plan issued three weeks
before the day load_demo runs, with its districts' implementing plans and
reports due next week, one district (An Phú) already overdue, nominations open
until ten days from now with one dossier recommended and a council meeting
open for its vote; and the province office's own drafting desk (a draft, a
draft sent back, one waiting for the chairman's signature, one signed and
waiting for the clerk). So every demo role's home page has work waiting.

The seed plans keep their real dates as read-only history. Made through the
services, as the seeds are. Safe to run twice: the campaign is found by its
title, the office's drafts by theirs."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from awards import selectors
from awards.models import Nomination, NominationState
from awards.services import council, nominations, review
from campaigns.models import Plan, PlanState, Recipient, Section
from campaigns.services import plans as plan_services
from campaigns.services.plan_build import plan_build
from campaigns.specs import (
    PROVINCIAL_CHAIRMAN_COMMENDATION,
    AssignmentSpec,
    CriterionGroupSpec,
    DeadlineSpec,
    PlanSpec,
    QuotaSpec,
    RecipientSpec,
    SectionSpec,
    TargetGroupSpec,
    TargetSpec,
)
from demo.chain import configured_pki, person_signs
from demo.nominations import dossier_files
from demo.seed_plans.seed_000_an_giang import AN_GIANG_DISTRICTS
from emulation.models import Unit, User

LIVE_TITLE = "Phát động đợt thi đua cao điểm “An Giang chung sức xây dựng nông thôn mới”"
OVERDUE_DISTRICT = "an-giang-an-phu"
# (title, what becomes of it): the province office's drafts, each waiting on a different desk.
OFFICE_DRAFTS = [
    ("Tổ chức Hội nghị sơ kết đợt thi đua cao điểm xây dựng nông thôn mới", "draft"),
    ("Khen thưởng đột xuất các tập thể có thành tích trong phòng, chống thiên tai", "returned"),
    ("Tuyên truyền phong trào thi đua “Dân vận khéo” trên địa bàn tỉnh", "awaiting_signature"),
    ("Phát động thi đua chào mừng Đại hội Đảng bộ tỉnh", "awaiting_clerk"),
]
RETURN_REASON = "Bổ sung đối tượng khen thưởng là hộ gia đình và ghi rõ kinh phí."
ISSUED_DAYS_AGO, REPORTS_DUE_IN_DAYS = 21, 7


def live_campaign_spec(today: datetime.date) -> PlanSpec:
    next_week = today + datetime.timedelta(days=REPORTS_DUE_IN_DAYS)
    others = [code for code in AN_GIANG_DISTRICTS if code != OVERDUE_DISTRICT]
    return PlanSpec(
        key="an-giang-live", issuer="an-giang", state=PlanState.ISSUED,
        issued_on=today - datetime.timedelta(days=ISSUED_DAYS_AGO),
        title=LIVE_TITLE,
        legal_bases=["Luật Thi đua, khen thưởng ngày 15 tháng 06 năm 2022",
                     "Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ Quy định chi tiết thi hành "
                     "một số điều của Luật Thi đua, khen thưởng"],
        preamble="Chủ tịch Ủy ban nhân dân tỉnh ban hành kế hoạch phát động đợt thi đua cao điểm như sau:",
        period=("fixed", today - datetime.timedelta(days=14), today + datetime.timedelta(days=90)),
        funding="Kinh phí khen thưởng từ nguồn kinh phí thi đua, khen thưởng tỉnh.",
        sections=[
            SectionSpec("Mục đích, yêu cầu", body="- Động viên các cấp, các ngành và Nhân dân chung sức xây dựng "
                                                  "nông thôn mới.\n- Thi đua có trọng tâm, trọng điểm, thiết thực."),
            SectionSpec("Đối tượng, nội dung thi đua", children=[
                SectionSpec("Đối tượng", block="target_groups"),
                SectionSpec("Nội dung thi đua", block="criteria"),
                SectionSpec("Chỉ tiêu", block="targets", key="chi-tieu"),
            ]),
            SectionSpec("Thời gian thi đua và khen thưởng", children=[
                SectionSpec("Thời gian thi đua", block="period"),
                SectionSpec("Khen thưởng", block="awards"),
                SectionSpec("Kinh phí khen thưởng", block="funding"),
            ]),
            SectionSpec("Tổ chức thực hiện", block="assignments"),
        ],
        target_groups=[
            TargetGroupSpec("Ủy ban nhân dân cấp huyện", ["district"], levels_below=1),
            TargetGroupSpec("Ủy ban nhân dân các xã, phường, thị trấn", ["commune", "ward", "township"],
                            levels_below=2),
        ],
        criterion_groups=[CriterionGroupSpec("Tiêu chí thi đua", [
            "Hoàn thành các tiêu chí nông thôn mới nâng cao theo kế hoạch năm.",
            "Huy động Nhân dân tham gia làm đường giao thông nông thôn, thắp sáng đường quê.",
        ])],
        targets=[TargetSpec("chi-tieu", "Xã đạt chuẩn nông thôn mới nâng cao", "gte", "50")],
        quotas=[
            QuotaSpec(PROVINCIAL_CHAIRMAN_COMMENDATION, count=3, target_group=0,
                      recipient_phrase="đơn vị dẫn đầu cấp huyện"),
            QuotaSpec(PROVINCIAL_CHAIRMAN_COMMENDATION, count=11, target_group=1, per_parent=True,
                      recipient_phrase="xã, phường, thị trấn dẫn đầu mỗi huyện"),
        ],
        assignments=[AssignmentSpec("Ủy ban nhân dân các huyện, thị xã, thành phố xây dựng kế hoạch triển khai, báo "
                                    "cáo kết quả và đề nghị khen thưởng đúng hạn.", AN_GIANG_DISTRICTS)],
        deadlines=[
            DeadlineSpec("implementing_plan", AN_GIANG_DISTRICTS, "an-giang", next_week),
            DeadlineSpec("progress_report", others, "an-giang", next_week, assignment=0,
                         lead="Báo cáo kết quả đợt thi đua cao điểm"),
            # An Phú was asked for a quick report first, and has not sent it.
            DeadlineSpec("progress_report", [OVERDUE_DISTRICT], "an-giang", today - datetime.timedelta(days=3),
                         assignment=0, lead="Báo cáo nhanh việc quán triệt kế hoạch"),
            DeadlineSpec("nominations", AN_GIANG_DISTRICTS, "an-giang-bchqs-pct", today + datetime.timedelta(days=10),
                         assignment=0, lead="Hồ sơ đề nghị khen thưởng gửi về Phòng Chính trị, Bộ CHQS tỉnh"),
        ],
        recipients=[RecipientSpec("UBND huyện, thị xã, thành phố", AN_GIANG_DISTRICTS),
                    RecipientSpec("Bộ Chỉ huy quân sự tỉnh", ["an-giang-bchqs"])],
        signature=("head", "", "CHỦ TỊCH", ""), signer_name="Hồ Văn Mừng", signer_username="chutich",
    )


def _office_draft(title: str, drafter: User, province: Unit) -> Plan:
    plan = plan_services.plan_create(actor=drafter, issuer=province, title=title)
    plan_services.plan_part_save(actor=drafter, plan=plan, instance=Section(),
                                 values={"heading": "Mục đích, yêu cầu", "body": "Nội dung kế hoạch."})
    plan_services.plan_part_save(actor=drafter, plan=plan, instance=Recipient(),
                                 values={"text": "UBND huyện, thị xã, thành phố"})
    return plan


def _load_office_drafts(people: dict[str, User], province: Unit) -> None:
    drafter, signer = people["soanthao"], people["chutich"]
    for title, fate in OFFICE_DRAFTS:
        if Plan.objects.filter(issuer=province, title=title).exists():
            continue
        plan = _office_draft(title, drafter, province)
        if fate == "draft":
            continue
        plan_services.plan_submit(actor=drafter, plan=plan, signer=signer)
        if fate == "returned":
            plan_services.plan_return(actor=signer, plan=plan, reason=RETURN_REASON)
        elif fate == "awaiting_clerk":
            person_signs(configured_pki(), plan)


def _load_live_nominations(plan: Plan, people: dict[str, User]) -> None:
    """A ward of Long Xuyên nominated and recommended; the council has opened its meeting."""
    if Nomination.objects.filter(plan=plan).exists():
        return
    files = dossier_files()
    officer, reviewer = people["canbo.longxuyen"], people["thamdinh"]
    quota = plan.quotas.order_by("position")[1]  # one ward or commune leading each district
    nominee = Unit.objects.get(code="an-giang-long-xuyen-phuong-my-binh")
    nomination = nominations.nomination_create(actor=officer, plan=plan, quota=quota,
                                               nominating_unit=Unit.objects.get(code="an-giang-long-xuyen"),
                                               kind="collective", nominee_unit=nominee)
    nominations.nomination_update(actor=officer, nomination=nomination, expected_revision=nomination.revision,
                                  achievements="Phường Mỹ Bình hoàn thành 100% tiêu chí đô thị văn minh năm nay.")
    nominations.assessment_save(actor=officer, nomination=nomination, entries=[
        {"criterion": criterion, "met": True, "score": None, "comment": "Đạt"}
        for criterion in selectors.applicable_criteria(nomination)])
    for kind, content in files.items():
        nominations.attachment_add(actor=officer, nomination=nomination, kind=kind,
                                   upload=SimpleUploadedFile(f"{kind}.pdf", content, "application/pdf"))
    nominations.nomination_submit(actor=officer, nomination=nomination)
    review.nomination_recommend(actor=reviewer, nomination=nomination)
    assert Nomination.objects.get(pk=nomination.pk).state == NominationState.RECOMMENDED
    council.council_meeting_open(actor=people["hoidong"], plan=plan, held_on=timezone.localdate(),
                                 present=[people["chutich"], people["hoidong"]])


def live_campaign_is_stale(plan: Plan, today: datetime.date | None = None) -> bool:
    """Loaded long enough ago that the reports it asked for next week are already due."""
    today = today or timezone.localdate()
    return today > plan.issued_on + datetime.timedelta(days=ISSUED_DAYS_AGO + REPORTS_DUE_IN_DAYS)


@transaction.atomic
def load_live_campaign() -> Plan:
    today = timezone.localdate()
    province = Unit.objects.get(code="an-giang")
    people = {user.username: user for user in User.objects.filter(
        username__in=["soanthao", "chutich", "canbo.longxuyen", "thamdinh", "hoidong"])}
    plan = Plan.objects.filter(issuer=province, title=LIVE_TITLE).first()
    if plan is None:
        spec = live_campaign_spec(today)
        plan = plan_build(actor=None, spec=spec, plans_by_key={})
        # Recorded as issued three weeks ago, the way the seeds are; the register gives its number.
        plan = plan_services.plan_issue(actor=None, plan=plan, issued_on=spec.issued_on)
    _load_live_nominations(plan, people)
    _load_office_drafts(people, province)
    return plan
