"""Demo nominations under seed 000 (169/KH-UBND), one in every state, made
through the nomination services. Safe to run twice."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from awards import selectors
from awards.models import Nomination, NominationState
from awards.services import council, decisions, minutes, nominations, review
from campaigns.models import Plan
from demo.chain import clerk_of, configured_pki, issued_through_chain
from emulation.documents.render import render_pdf
from emulation.models import Unit, User

# (officer, nominating unit, nominee unit, quota group index, final state)
DEMO_NOMINATIONS = [
    ("canbo.longxuyen", "an-giang-long-xuyen", "an-giang-long-xuyen-phuong-my-binh", 1, NominationState.AWARDED),
    ("canbo.chaudoc", "an-giang-chau-doc", "an-giang-chau-doc-phuong-chau-phu-a", 1, NominationState.APPROVED),
    ("canbo.chaudoc", "an-giang-chau-doc", "an-giang-chau-doc", 0, NominationState.NOT_APPROVED),
    ("canbo.longxuyen", "an-giang-long-xuyen", "an-giang-long-xuyen", 0, NominationState.RECOMMENDED),
    ("canbo.longxuyen", "an-giang-long-xuyen", "an-giang-long-xuyen-phuong-my-long", 1, NominationState.RETURNED),
    ("canbo.chaudoc", "an-giang-chau-doc", "an-giang-chau-doc-phuong-vinh-my", 1, NominationState.REJECTED),
    ("canbo.tanchau", "an-giang-tan-chau", "an-giang-tan-chau-phuong-long-thanh", 1, NominationState.SUBMITTED),
    ("canbo.tanchau", "an-giang-tan-chau", "an-giang-tan-chau-xa-tan-an", 1, NominationState.UNDER_REVIEW),
    ("canbo.anphu", "an-giang-an-phu", "an-giang-an-phu-thi-tran-an-phu", 1, NominationState.DRAFT),
]


def dossier_files() -> dict[str, bytes]:
    titles = {"cover": "TỜ TRÌNH đề nghị khen thưởng", "minutes": "BIÊN BẢN họp xét thi đua, khen thưởng",
              "report": "BÁO CÁO thành tích"}
    return {kind: render_pdf(f'<html lang="vi"><body><h1>{title}</h1><p>Tài liệu mẫu của dữ liệu demo.</p>'
                             f"</body></html>") for kind, title in titles.items()}


@transaction.atomic
def load_demo_nominations() -> None:
    plan = Plan.objects.filter(issuer__code="an-giang", number=169).first()
    if plan is None or Nomination.objects.filter(plan=plan).exists():
        return
    units = {unit.code: unit for unit in Unit.objects.filter(path__startswith=plan.issuer.path)}
    people = {user.username: user for user in User.objects.all()}
    reviewer, council_member, drafter, signer = (
        people[name] for name in ("thamdinh", "hoidong", "soanthao", "chutich"))
    quotas = list(plan.quotas.order_by("position"))
    by_group = {quota.target_group.name: quota for quota in quotas}
    groups = [group.name for group in plan.target_groups.order_by("position")]
    until = timezone.localdate() + datetime.timedelta(days=60)
    for code in {row[1] for row in DEMO_NOMINATIONS}:  # the 2025 deadline has passed: the receiving unit reopens it
        review.submission_reopen(actor=reviewer, plan=plan, nominating_unit=units[code], until=until,
                                 reason="Dữ liệu demo: mở lại để các đơn vị nộp hồ sơ.")
    files = dossier_files()
    made = []
    for officer, nominating, nominee, group, final in DEMO_NOMINATIONS:
        actor = people[officer]
        nomination = nominations.nomination_create(
            actor=actor, plan=plan, quota=by_group[groups[group]], nominating_unit=units[nominating],
            kind="collective", nominee_unit=units[nominee])
        nominations.nomination_update(
            actor=actor, nomination=nomination, expected_revision=nomination.revision,
            achievements=f"Năm 2025, {units[nominee].name} hoàn thành xuất sắc nhiệm vụ quân sự, quốc phòng địa "
                         f"phương; tuyển quân đạt 100% chỉ tiêu.")
        nominations.assessment_save(actor=actor, nomination=nomination, entries=[
            {"criterion": criterion, "met": True, "score": None, "comment": "Đạt"}
            for criterion in selectors.applicable_criteria(nomination)])
        for kind, content in files.items():
            nominations.attachment_add(actor=actor, nomination=nomination, kind=kind,
                                       upload=SimpleUploadedFile(f"{kind}.pdf", content, "application/pdf"))
        if final != NominationState.DRAFT:
            nominations.nomination_submit(actor=actor, nomination=nomination)
        made.append((nomination, final))
    for nomination, final in made:
        if final == NominationState.UNDER_REVIEW:
            nominations.assessment_save(actor=reviewer, nomination=nomination, by_reviewer=True, entries=[
                {"criterion": criterion, "met": True, "score": None, "comment": "Đã đối chiếu hồ sơ"}
                for criterion in selectors.applicable_criteria(nomination)])
        elif final == NominationState.RETURNED:
            review.nomination_return(actor=reviewer, nomination=nomination,
                                     reason="Bổ sung biên bản họp xét có chữ ký của chủ trì.")
        elif final == NominationState.REJECTED:
            review.nomination_reject(actor=reviewer, nomination=nomination,
                                     reason="Chưa đạt tiêu chí về xây dựng lực lượng dân quân.")
        elif final in (NominationState.RECOMMENDED, NominationState.APPROVED, NominationState.NOT_APPROVED,
                       NominationState.AWARDED):
            review.nomination_recommend(actor=reviewer, nomination=nomination)
    meeting = council.council_meeting_open(actor=council_member, plan=plan, held_on=timezone.localdate(),
                                           present=[signer, council_member])
    for nomination, final in made:
        if final in (NominationState.AWARDED, NominationState.APPROVED, NominationState.NOT_APPROVED):
            approve = final != NominationState.NOT_APPROVED
            council.council_votes_record(actor=council_member, meeting=meeting, nomination=nomination,
                                         votes={signer.pk: approve, council_member.pk: approve})
    council.council_meeting_close(actor=council_member, meeting=meeting)
    # The minutes: the member kept them, the chairman chaired; both sign, which issues them.
    minutes.minutes_prepare(actor=council_member, meeting=meeting, place="Hội trường Ủy ban nhân dân tỉnh An Giang",
                            chair=signer, secretary=council_member)
    minutes.minutes_sign(actor=council_member, meeting=meeting)
    minutes.minutes_sign(actor=signer, meeting=meeting)
    pki = configured_pki()
    issued_through_chain(pki, meeting, clerk=clerk_of(meeting.unit))
    awarded = [nomination for nomination, final in made if final == NominationState.AWARDED]
    approved_only = [nomination.pk for nomination, final in made if final == NominationState.APPROVED]
    # Keep the "approved, no decision yet" one out of the decision.
    Nomination.objects.filter(pk__in=approved_only).update(state=NominationState.RECOMMENDED)
    decision = decisions.award_decision_draft(actor=drafter, plan=plan, award_type_id=awarded[0].award_type_id)
    decisions.award_decision_submit(actor=drafter, decision=decision, signer=signer)
    issued_through_chain(pki, decision, clerk=clerk_of(decision.issuer))
    Nomination.objects.filter(pk__in=approved_only).update(state=NominationState.APPROVED)
