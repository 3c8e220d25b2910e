import datetime
import threading

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connections
from django.utils import timezone

from awards.models import AwardType
from awards.selectors import applicable_criteria
from awards.services.catalogue import award_catalogue_load
from awards.services.council import council_meeting_close, council_meeting_open, council_votes_record
from awards.services.nominations import (
    assessment_save,
    attachment_add,
    nomination_create,
    nomination_submit,
    nomination_update,
)
from awards.services.review import nomination_recommend
from campaigns.models import (
    Assignment,
    Criterion,
    CriterionGroup,
    Deadline,
    Plan,
    Quota,
    Recipient,
    Section,
    Target,
    TargetGroup,
)
from campaigns.services import plans as services
from emulation.documents.issue import official_document_of, official_document_prepare
from emulation.models import OfficialDocument, Role, UnitKind
from tests.factories import UnitFactory, person_with_role

BANG_KHEN = "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"


def worker_prepares(target) -> OfficialDocument:
    """What the worker does once an issue is committed: render, sign and store its PDF."""
    return official_document_prepare(document_id=official_document_of(target).pk)


def make_people(tree):
    return {
        "drafter": person_with_role(Role.DRAFTER, tree["province"], full_name="Nguyễn Thị Lan"),
        "signer": person_with_role(Role.SIGNER, tree["province"], full_name="Hồ Văn Mừng"),
        "officer_a": person_with_role(Role.UNIT_OFFICER, tree["district_a"], full_name="Lê Văn Tâm"),
        "officer_b": person_with_role(Role.UNIT_OFFICER, tree["district_b"], full_name="Phan Thị Thu"),
    }


def build_plan(tree, people) -> Plan:
    drafter = people["drafter"]
    plan = services.plan_create(actor=drafter, issuer=tree["province"], title="Phát động phong trào thi đua năm 2026",
                                starts_on=datetime.date(2026, 1, 1), ends_on=datetime.date(2026, 12, 31))

    def add(model, **values):
        many = {key: values.pop(key) for key in list(values) if key in ("from_units", "units")}
        return services.plan_part_save(actor=drafter, plan=plan, instance=model(), values=values, many=many)

    purpose = add(Section, heading="Mục đích, yêu cầu", body="Động viên các cấp.\nThi đua thiết thực.")
    content = add(Section, heading="Nội dung thi đua", block="criteria")
    add(Section, heading="Thời gian thi đua", block="period", parent=content)
    add(Section, heading="Tổ chức thực hiện", block="assignments")
    districts = add(TargetGroup, name="Ủy ban nhân dân các huyện", unit_kinds=["district"])
    communes = add(TargetGroup, name="Ủy ban nhân dân các xã", unit_kinds=["commune"])
    group = add(CriterionGroup, title="Về xây dựng lực lượng")
    add(Criterion, group=group, text="Xây dựng lực lượng dân quân đạt chỉ tiêu.")
    add(Target, measure="Tuyển quân đạt chỉ tiêu", comparison="eq", value=100, section=purpose)
    award_catalogue_load()  # transactional tests flush the rows the migration loaded
    award = AwardType.objects.get(name=BANG_KHEN)
    add(Quota, award_type=award, count=2, target_group=communes, per_parent=True,
        recipient_phrase="xã dẫn đầu mỗi huyện")
    add(Quota, award_type=award, count=1, target_group=districts, recipient_phrase="huyện dẫn đầu")
    assignment = add(Assignment, text="Ủy ban nhân dân các huyện tổ chức bình xét, đề nghị khen thưởng.",
                     units=[tree["district_a"], tree["district_b"]])
    add(Deadline, kind="nominations", from_units=[tree["district_a"], tree["district_b"]], to_unit=tree["province"],
        due_on=datetime.date(2026, 10, 25), assignment=assignment, lead="Hồ sơ gửi về Sở Nội vụ")
    add(Deadline, kind="implementing_plan", from_units=[tree["district_a"], tree["district_b"]],
        to_unit=tree["province"])
    add(Recipient, text="Ủy ban nhân dân các huyện", units=[tree["district_a"], tree["district_b"]])
    return plan




def issued_plan_with_review_office(tree, people) -> dict:
    """The province plan, issued, with dossiers received by Phòng Chính trị of the military command."""
    command = UnitFactory(kind=UnitKind.MILITARY, name="Bộ Chỉ huy Quân sự tỉnh", code="bchqs",
                          parent=tree["province"])
    office = UnitFactory(kind=UnitKind.OFFICE, name="Phòng Chính trị", code="pct", parent=command)
    plan = build_plan(tree, people)
    Deadline.objects.filter(plan=plan, kind="nominations").update(
        to_unit=office, due_on=timezone.localdate() + datetime.timedelta(days=30))
    services.plan_submit(actor=people["drafter"], plan=plan)
    plan = people["chain"].issue(plan)
    return {
        **people, **tree, "plan": plan, "office": office, "quota": plan.quotas.get(per_parent=True),
        "district_quota": plan.quotas.get(per_parent=False),
        "reviewer": person_with_role(Role.REVIEWER, office, full_name="Đặng Quốc Huy"),
    }


def issued_plan_with_progress_report(tree, people) -> Plan:
    """An issued plan whose progress report is due from district A on 20/12/2026 (issue it on 01/11/2026)."""
    plan = build_plan(tree, people)
    deadline = Deadline.objects.create(plan=plan, kind="progress_report", to_unit=tree["province"],
                                       due_on=datetime.date(2026, 12, 20), position=99)
    deadline.from_units.set([tree["district_a"]])
    Deadline.objects.filter(plan=plan, kind="nominations").delete()
    services.plan_submit(actor=people["drafter"], plan=plan)
    return people["chain"].issue(plan)


TINY_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def dossier_complete(actor, nomination, *, submit: bool = True,
                     achievements: str = "Hoàn thành xuất sắc nhiệm vụ quân sự, quốc phòng năm 2026."):
    """Fill a dossier (achievements, self-assessment met on every criterion, the three files); submit it."""
    nomination_update(actor=actor, nomination=nomination, expected_revision=nomination.revision,
                      achievements=achievements)
    assessment_save(actor=actor, nomination=nomination, entries=[
        {"criterion": criterion, "met": True, "score": None, "comment": "Đạt"}
        for criterion in applicable_criteria(nomination)])
    for kind in ("cover", "minutes", "report"):
        attachment_add(actor=actor, nomination=nomination, kind=kind,
                       upload=SimpleUploadedFile(f"{kind}.pdf", TINY_PDF, "application/pdf"))
    if submit:
        nomination_submit(actor=actor, nomination=nomination)
    nomination.refresh_from_db()
    return nomination


def closed_council_meeting(tree, people, *, members: tuple[str, str, str], approvals: tuple[bool, bool, bool]
                           ) -> dict:
    """The issued plan with one dossier recommended by the reviewer, voted on by a council of three
    (chair, secretary, member, named by ``members``) that then closed; the chair holds no other role."""
    setup = issued_plan_with_review_office(tree, people)
    nomination = nomination_create(actor=setup["officer_a"], plan=setup["plan"], quota=setup["quota"],
                                   nominating_unit=setup["district_a"], kind="collective",
                                   nominee_unit=setup["commune_a"])
    dossier_complete(setup["officer_a"], nomination)
    nomination_recommend(actor=setup["reviewer"], nomination=nomination)
    chair, secretary, member = (person_with_role(Role.COUNCIL_MEMBER, setup["province"], full_name=name)
                                for name in members)
    meeting = council_meeting_open(actor=secretary, plan=setup["plan"], held_on=timezone.localdate(),
                                   present=[chair, secretary, member])
    council_votes_record(actor=secretary, meeting=meeting, nomination=nomination,
                         votes=dict(zip((chair.pk, secretary.pk, member.pk), approvals, strict=True)))
    council_meeting_close(actor=secretary, meeting=meeting)
    return {**setup, "meeting": meeting, "nomination": nomination, "chair": chair, "secretary": secretary,
            "member": member}


def recommend_at_once(pairs) -> dict[int, str]:
    """Each (reviewer, nomination) recommends in its own thread, all released at once:
    nomination id -> "ok" or the refusal (any other error as its repr)."""
    barrier, results = threading.Barrier(len(pairs)), {}

    def recommend(reviewer, nomination):
        try:
            barrier.wait(timeout=10)
            nomination_recommend(actor=reviewer, nomination=nomination)
            results[nomination.pk] = "ok"
        except ValidationError as error:
            results[nomination.pk] = error.messages[0]
        except Exception as error:  # noqa: BLE001 — reported by the caller's assertion
            results[nomination.pk] = repr(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=recommend, args=pair) for pair in pairs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results
