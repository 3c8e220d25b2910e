import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from awards.models import CouncilMeeting, Nomination, NominationState
from awards.printing import decision_layout
from awards.rules import may_review
from awards.selectors import missing_items, quota_ledger, vote_outcome
from awards.services.council import council_meeting_close, council_meeting_open, council_votes_record
from awards.services.decisions import award_decision_draft, award_decision_issue, award_decision_submit
from awards.services.nominations import attachment_add, nomination_create, nomination_submit
from awards.services.review import nomination_assign, nomination_recommend, nomination_return, submission_reopen
from campaigns.models import Deadline, Quota
from emulation.documents.verify import document_bytes
from emulation.models import Notification, Role
from emulation.selectors import history_for
from emulation.services import role_assign
from tests.builders import dossier_complete, issued_plan_with_review_office, recommend_at_once, worker_prepares
from tests.factories import UnitFactory, person_with_role
from tests.test_documents import pages_text


@pytest.fixture
def setup(tree, people):
    setup = issued_plan_with_review_office(tree, people)
    return {**setup, "reviewer2": person_with_role(Role.REVIEWER, setup["office"], full_name="Trần Văn Hai")}


def dossier(setup, *, officer="officer_a", nominee="commune_a", submit=True) -> Nomination:
    actor = setup[officer]
    district = setup["district_a" if officer == "officer_a" else "district_b"]
    nomination = nomination_create(actor=actor, plan=setup["plan"], quota=setup["quota"],
                                   nominating_unit=district, kind="collective", nominee_unit=setup[nominee])
    return dossier_complete(actor, nomination, submit=submit)


def test_the_checklist_names_what_is_missing_and_blocks_submission(setup):
    nomination = nomination_create(actor=setup["officer_a"], plan=setup["plan"], quota=setup["quota"],
                                   nominating_unit=setup["district_a"], kind="collective",
                                   nominee_unit=setup["commune_a"])
    assert missing_items(nomination) == [
        "Tờ trình", "Biên bản họp xét, có kết quả bỏ phiếu", "Báo cáo thành tích", "Nội dung báo cáo thành tích",
        "Tự đánh giá 1 tiêu chí còn thiếu"]
    with pytest.raises(ValidationError) as refused:
        nomination_submit(actor=setup["officer_a"], nomination=nomination)
    assert refused.value.messages[0].startswith("Hồ sơ còn thiếu: Tờ trình;")


def test_a_submitted_dossier_reaches_the_receiving_unit(setup):
    nomination = dossier(setup)
    assert (nomination.state, nomination.round, nomination.receiving_unit) == ("submitted", 1, setup["office"])
    assert Notification.objects.filter(recipient=setup["reviewer"],
                                       title__contains="Ủy ban nhân dân xã Bình Mỹ").exists()


def test_after_the_deadline_submission_is_refused_until_reopened(setup):
    nomination = dossier(setup, submit=False)
    Deadline.objects.filter(plan=setup["plan"], kind="nominations").update(
        due_on=timezone.localdate() - datetime.timedelta(days=1))
    with pytest.raises(ValidationError) as refused:
        nomination_submit(actor=setup["officer_a"], nomination=nomination)
    due = f"{timezone.localdate() - datetime.timedelta(days=1):%d/%m/%Y}"
    assert refused.value.messages == [
        f"Đã quá hạn nộp hồ sơ: hạn là ngày {due}, nộp về Phòng Chính trị. Hãy đề nghị Phòng Chính trị mở lại việc "
        "nộp cho đơn vị."]
    with pytest.raises(PermissionDenied):
        submission_reopen(actor=setup["officer_a"], plan=setup["plan"], nominating_unit=setup["district_a"],
                          until=timezone.localdate(), reason="Tự gia hạn")
    submission_reopen(actor=setup["reviewer"], plan=setup["plan"], nominating_unit=setup["district_a"],
                      until=timezone.localdate() + datetime.timedelta(days=3), reason="Bão lũ")
    assert nomination_submit(actor=setup["officer_a"], nomination=nomination).state == "submitted"


def test_return_resubmit_recommend_keeps_every_round(setup):
    nomination = dossier(setup)
    with pytest.raises(ValidationError):
        nomination_return(actor=setup["reviewer"], nomination=nomination, reason=" ")
    nomination_return(actor=setup["reviewer"], nomination=nomination, reason="Bổ sung biên bản có chữ ký.")
    nomination.refresh_from_db()
    assert (nomination.state, nomination.decision_reason) == ("returned", "Bổ sung biên bản có chữ ký.")
    attachment_add(actor=setup["officer_a"], nomination=nomination, kind="evidence",
                   upload=SimpleUploadedFile("anh.png", b"\x89PNG\r\n\x1a\n" + b"0" * 20, "image/png"))
    nomination_submit(actor=setup["officer_a"], nomination=nomination)
    nomination_recommend(actor=setup["reviewer"], nomination=nomination)
    nomination.refresh_from_db()
    assert (nomination.state, nomination.round) == ("recommended", 2)
    history = list(nomination.__class__.objects.get(pk=nomination.pk).pk for _ in range(1))
    steps = [(e.action, e.from_state, e.to_state) for e in reversed(history_for(nomination)) if e.to_state]
    assert steps == [("nomination.create", "", "draft"), ("nomination.submit", "draft", "submitted"),
                     ("nomination.return", "submitted", "returned"), ("nomination.submit", "returned", "submitted"),
                     ("nomination.recommend", "submitted", "recommended")]
    assert history


def test_quota_per_parent_and_in_total(setup):
    first = dossier(setup)
    nomination_recommend(actor=setup["reviewer"], nomination=first)
    setup["commune_a2"] = UnitFactory(parent=setup["district_a"], name="Ủy ban nhân dân xã Mỹ Đức", code="xa-a2")
    second_same_district = dossier(setup, nominee="commune_a2")
    with pytest.raises(ValidationError) as refused:
        nomination_recommend(actor=setup["reviewer"], nomination=second_same_district)
    assert "chỉ có một suất cho mỗi đơn vị thuộc Ủy ban nhân dân huyện Châu Phú" in refused.value.messages[0]
    other_district = dossier(setup, officer="officer_b", nominee="commune_b")
    nomination_recommend(actor=setup["reviewer"], nomination=other_district)
    row = next(r for r in quota_ledger(setup["plan"]) if r.quota.pk == setup["quota"].pk)
    assert (row.quota.count, row.recommended, row.left) == (2, 2, 0)
    assert [(parent.code, taken) for parent, taken in row.by_parent] == [("huyen-a", 1), ("huyen-b", 1)]


def test_conflict_of_interest_and_outsiders_are_refused(setup):
    nomination = dossier(setup)
    conflicted = person_with_role(Role.REVIEWER, setup["office"])
    role_assign(actor=None, user=conflicted, unit=setup["district_a"], role=Role.UNIT_OFFICER)
    assert may_review(conflicted, nomination) is False
    with pytest.raises(PermissionDenied):
        nomination_recommend(actor=conflicted, nomination=nomination)
    with pytest.raises(ValidationError):
        nomination_assign(actor=setup["reviewer"], nomination=nomination, reviewer=conflicted)
    with pytest.raises(PermissionDenied):
        nomination_recommend(actor=setup["officer_b"], nomination=nomination)


def test_council_threshold_is_counted_on_all_members(setup):
    members = [person_with_role(Role.COUNCIL_MEMBER, setup["province"], full_name=f"Ủy viên {i}") for i in range(5)]
    nomination = dossier(setup)
    nomination_recommend(actor=setup["reviewer"], nomination=nomination)
    meeting = council_meeting_open(actor=members[0], plan=setup["plan"], held_on=timezone.localdate(),
                                   present=members[:4])
    # Bằng khen needs 80 % of all 5 members: 4 votes pass, 3 would not.
    council_votes_record(actor=members[0], meeting=meeting, nomination=nomination,
                         votes={m.pk: True for m in members[:4]})
    assert vote_outcome(meeting, nomination)[1:] == (80, True)
    council_votes_record(actor=members[0], meeting=meeting, nomination=nomination,
                         votes={**{m.pk: True for m in members[:3]}, members[3].pk: False})
    assert vote_outcome(meeting, nomination)[1:] == (60, False)
    with pytest.raises(ValidationError):
        council_votes_record(actor=members[0], meeting=meeting, nomination=nomination,
                             votes={members[4].pk: True})  # absent member
    assert council_meeting_close(actor=members[0], meeting=meeting) == {nomination.pk: False}
    nomination.refresh_from_db()
    assert nomination.state == NominationState.NOT_APPROVED


def test_the_decision_awards_and_notifies(setup):
    members = [person_with_role(Role.COUNCIL_MEMBER, setup["province"]) for _ in range(2)]
    nomination = dossier(setup)
    nomination_recommend(actor=setup["reviewer"], nomination=nomination)
    meeting = council_meeting_open(actor=members[0], plan=setup["plan"], held_on=timezone.localdate(),
                                   present=members)
    council_votes_record(actor=members[0], meeting=meeting, nomination=nomination,
                         votes={m.pk: True for m in members})
    council_meeting_close(actor=members[0], meeting=meeting)
    decision = award_decision_draft(actor=setup["drafter"], plan=setup["plan"],
                                    award_type_id=nomination.award_type_id)
    with pytest.raises(PermissionDenied):
        award_decision_issue(actor=setup["drafter"], decision=decision)
    award_decision_submit(actor=setup["drafter"], decision=decision)
    decision = setup["chain"].issue(decision)
    nomination.refresh_from_db()
    assert nomination.state == NominationState.AWARDED
    assert decision.number_symbol == "01/QĐ-UBND"
    assert Notification.objects.filter(recipient=setup["officer_a"], title__contains="đã được tặng").exists()
    document = decision_layout(decision)
    assert document.doc_name == "QUYẾT ĐỊNH" and document.number_line == "Số: 01/QĐ-UBND"
    text = " ".join(pages_text(document_bytes(worker_prepares(decision))))
    assert "Điều 1. Tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh cho 01 tập thể" in text
    assert "Ủy ban nhân dân xã Bình Mỹ" in text and "Điều 3." in text


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL (CI runs on it)")
@pytest.mark.django_db(transaction=True)
def test_two_reviewers_race_for_the_last_place(setup):
    Quota.objects.filter(pk=setup["district_quota"].pk).update(count=1)
    quota = setup["district_quota"]
    nominations = []
    for officer, district in (("officer_a", "district_a"), ("officer_b", "district_b")):
        nomination = nomination_create(actor=setup[officer], plan=setup["plan"], quota=quota,
                                       nominating_unit=setup[district], kind="collective",
                                       nominee_unit=setup[district])
        Nomination.objects.filter(pk=nomination.pk).update(state=NominationState.SUBMITTED, round=1)
        nominations.append(nomination)
    results = recommend_at_once(list(zip((setup["reviewer"], setup["reviewer2"]), nominations, strict=True)))
    outcomes = list(results.values())
    assert len(outcomes) == 2 and outcomes.count("ok") == 1
    refusal = next(outcome for outcome in outcomes if outcome != "ok")
    assert refusal == ("Đã hết suất: “Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh” cho huyện dẫn đầu có 1 suất và "
                       "đã đề nghị đủ.")
    assert Nomination.objects.filter(quota=quota, state=NominationState.RECOMMENDED).count() == 1
    row = next(r for r in quota_ledger(setup["plan"]) if r.quota.pk == quota.pk)
    assert (row.recommended, row.left) == (1, 0)


@pytest.mark.parametrize("name,content,message", [
    ("bao-cao.exe", b"MZ\x90\x00", "không đúng loại: chỉ nhận PDF, DOCX, PNG, JPG"),
    ("to-trinh.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024), "quá lớn"),
    ("bien-ban.pdf", b"\x89PNG\r\n\x1a\nnot a pdf", "không khớp với phần mở rộng .pdf"),
    ("bao-cao.docx", b"PK\x03\x04 not really a zip", "không khớp với phần mở rộng .docx"),
])
def test_bad_uploads_are_refused_and_the_form_keeps_the_rest(client, setup, name, content, message):
    nomination = dossier(setup, submit=False)
    client.force_login(setup["officer_a"])
    response = client.post(reverse("nomination_attach", args=[nomination.pk]), {
        "kind": "evidence", "description": "Ảnh hội thao tháng 9",
        "file": SimpleUploadedFile(name, content)})
    body = response.content.decode()
    assert response.status_code == 200
    assert message in body
    assert 'value="Ảnh hội thao tháng 9"' in body
    assert nomination.attachments.count() == 3


def test_urls_refuse_what_a_person_may_not_touch(client, setup):
    nomination = dossier(setup)
    conflicted = person_with_role(Role.REVIEWER, setup["office"])
    role_assign(actor=None, user=conflicted, unit=setup["commune_a"], role=Role.UNIT_OFFICER)
    client.force_login(conflicted)
    assert client.get(reverse("nomination_detail", args=[nomination.pk])).status_code == 403
    assert client.post(reverse("nomination_assess", args=[nomination.pk]), {"as": "reviewer"}).status_code == 403
    assert client.post(reverse("nomination_recommend", args=[nomination.pk])).status_code == 403
    assert client.post(reverse("nomination_return", args=[nomination.pk]), {"reason": "x"}).status_code == 403
    assert client.post(reverse("nomination_reject", args=[nomination.pk]), {"reason": "x"}).status_code == 403
    nomination.refresh_from_db()
    assert nomination.state == "submitted"
    assert "Bình Mỹ" not in client.get(reverse("review_queue")).content.decode()
    client.force_login(setup["officer_b"])
    assert client.get(reverse("nomination_detail", args=[nomination.pk])).status_code == 403
    assert "Bình Mỹ" not in client.get(reverse("my_nominations")).content.decode()
    assert client.get(reverse("review_queue")).status_code == 403
    assert client.get(reverse("quota_ledger", args=[setup["plan"].pk])).status_code == 403
    client.force_login(setup["reviewer"])
    assert "Ủy ban nhân dân xã Bình Mỹ" in client.get(reverse("review_queue")).content.decode()


def test_queue_and_ledger_pages_run_constant_queries(client, setup, django_assert_max_num_queries):
    first = dossier(setup)
    nomination_recommend(actor=setup["reviewer"], nomination=first)
    client.force_login(setup["reviewer"])
    with django_assert_max_num_queries(40) as queue_one:
        client.get(reverse("review_queue"))
    with django_assert_max_num_queries(40) as ledger_one:
        client.get(reverse("quota_ledger", args=[setup["plan"].pk]))
    for number in range(19):
        commune = UnitFactory(parent=setup["district_a"], name=f"Ủy ban nhân dân xã Thêm {number}")
        nomination = Nomination.objects.create(
            plan=setup["plan"], quota=setup["quota"], award_type=setup["quota"].award_type,
            nominating_unit=setup["district_a"], receiving_unit=setup["office"], kind="collective",
            nominee_unit=commune, state=NominationState.SUBMITTED, round=1, submitted_at=timezone.now())
        assert nomination.pk
    with django_assert_max_num_queries(len(queue_one.captured_queries)):
        response = client.get(reverse("review_queue"))
    assert "Thêm 18" in response.content.decode()
    with django_assert_max_num_queries(len(ledger_one.captured_queries)):
        client.get(reverse("quota_ledger", args=[setup["plan"].pk]))


def test_excel_export_has_vietnamese_headers_and_the_filtered_rows(client, setup):
    dossier(setup)
    other = dossier(setup, officer="officer_b", nominee="commune_b")
    nomination_recommend(actor=setup["reviewer"], nomination=other)
    client.force_login(setup["reviewer"])
    response = client.get(reverse("nominations_export", args=[setup["plan"].pk]), {"state": "recommended"})
    assert response["Content-Disposition"] == (
        f'attachment; filename="danh-sach-de-nghi-khen-thuong-{setup["plan"].pk}.xlsx"')
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert [cell.value for cell in sheet[2]][:3] == ["STT", "Họ tên / Tập thể", "Đối tượng"]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=3)]
    assert [(row[1], row[8]) for row in rows] == [("Ủy ban nhân dân xã Ba Chúc", "Đề nghị khen thưởng")]


def test_the_queue_filters_by_group_state_unit_and_name(client, setup):
    dossier(setup)
    other = dossier(setup, officer="officer_b", nominee="commune_b")
    nomination_recommend(actor=setup["reviewer"], nomination=other)
    client.force_login(setup["reviewer"])
    url = reverse("review_queue")
    group = setup["quota"].target_group_id
    both = client.get(url, {"group": group}).content.decode()
    assert "Ủy ban nhân dân xã Bình Mỹ" in both and "Ủy ban nhân dân xã Ba Chúc" in both
    recommended = client.get(url, {"state": "recommended"}).content.decode()
    assert "Ủy ban nhân dân xã Ba Chúc" in recommended and "Ủy ban nhân dân xã Bình Mỹ" not in recommended
    by_unit = client.get(url, {"nominating_unit": setup["district_a"].pk}).content.decode()
    assert "Ủy ban nhân dân xã Bình Mỹ" in by_unit and "Ủy ban nhân dân xã Ba Chúc" not in by_unit
    by_name = client.get(url, {"q": "ba chuc"}).content.decode()
    assert "Ủy ban nhân dân xã Ba Chúc" in by_name and "Ủy ban nhân dân xã Bình Mỹ" not in by_name
    assert "Đề nghị khen thưởng <span class=\"badge text-bg-light\">1</span>" in both
    assert "Select an option" not in both and "- Chọn -" in both


def test_past_the_count_limit_the_queue_says_more_and_stops_its_pages(client, setup, monkeypatch):
    for number in range(4):
        Nomination.objects.create(
            plan=setup["plan"], quota=setup["quota"], award_type=setup["quota"].award_type,
            nominating_unit=setup["district_a"], receiving_unit=setup["office"], kind="collective",
            nominee_unit=UnitFactory(parent=setup["district_a"], name=f"Ủy ban nhân dân xã Đếm {number}"),
            state=NominationState.SUBMITTED, round=1, submitted_at=timezone.now())
    monkeypatch.setattr("emulation.selectors.COUNT_LIMIT", 3)
    monkeypatch.setattr("emulation.views.COUNT_LIMIT", 3)
    monkeypatch.setattr("awards.nomination_views.COUNT_LIMIT", 3)
    monkeypatch.setattr("awards.selectors.COUNT_LIMIT", 3)  # past it, a bounded count per state
    client.force_login(setup["reviewer"])
    page = client.get(reverse("review_queue")).content.decode()
    assert "Đã nộp <span class=\"badge text-bg-light\">3+</span>" in page
    assert "Đề nghị khen thưởng <span class=\"badge text-bg-light\">0</span>" in page
    assert "Hơn 3 mục; chỉ xem được 3 mục đầu. Hãy tìm hoặc lọc để thu hẹp danh sách." in page
    narrowed = client.get(reverse("review_queue"), {"q": "Đếm 2"}).content.decode()
    assert "Tổng cộng 1 mục" in narrowed


def test_history_speaks_each_models_own_state_names(setup):
    nomination = dossier(setup)
    submitted = history_for(nomination).get(action="nomination.submit")
    assert (submitted.from_label, submitted.to_label) == ("Đang soạn", "Đã nộp")
    issued = history_for(setup["plan"]).get(action="plan.issue")
    assert (issued.from_label, issued.to_label) == ("Chờ ký", "Đã ban hành")
    assessed = history_for(nomination).get(action="nomination.assess")
    assert assessed.changes["người đánh giá"] == "đơn vị đề nghị"


def test_the_council_meeting_page_runs_the_same_queries_for_1_and_20_nominations(
        client, setup, django_assert_num_queries, django_assert_max_num_queries):
    members = [person_with_role(Role.COUNCIL_MEMBER, setup["province"], full_name=f"Ủy viên {i}") for i in range(3)]
    first = dossier(setup)
    nomination_recommend(actor=setup["reviewer"], nomination=first)
    meeting = council_meeting_open(actor=members[0], plan=setup["plan"], held_on=timezone.localdate(),
                                   present=members)
    council_votes_record(actor=members[0], meeting=meeting, nomination=first,
                         votes={m.pk: True for m in members[:2]})
    client.force_login(members[0])
    url = reverse("council_meeting", args=[meeting.pk])
    with django_assert_max_num_queries(30) as one:
        response = client.get(url)
    assert response.context["rows"][0]["approvals"] == 2
    for number in range(19):
        commune = UnitFactory(parent=setup["district_a"], name=f"Ủy ban nhân dân xã Họp {number}")
        Nomination.objects.create(
            plan=setup["plan"], quota=setup["quota"], award_type=setup["quota"].award_type,
            nominating_unit=setup["district_a"], receiving_unit=setup["office"], kind="collective",
            nominee_unit=commune, state=NominationState.RECOMMENDED, round=1, submitted_at=timezone.now())
    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(url)
    assert len(response.context["rows"]) == 20


def test_the_council_votes_a_page_of_the_agenda_at_a_time_and_stays_on_it(client, setup, monkeypatch):
    members = [person_with_role(Role.COUNCIL_MEMBER, setup["province"], full_name=f"Ủy viên {i}") for i in range(2)]
    nominations = []
    for number in range(5):
        commune = UnitFactory(parent=setup["district_a"], name=f"Ủy ban nhân dân xã Trang {number}")
        nominations.append(Nomination.objects.create(
            plan=setup["plan"], quota=setup["quota"], award_type=setup["quota"].award_type,
            nominating_unit=setup["district_a"], receiving_unit=setup["office"], kind="collective",
            nominee_unit=commune, state=NominationState.RECOMMENDED, round=1, submitted_at=timezone.now()))
    meeting = council_meeting_open(actor=members[0], plan=setup["plan"], held_on=timezone.localdate(),
                                   present=members)
    monkeypatch.setattr("awards.nomination_views.COUNCIL_PAGE_SIZE", 2)
    client.force_login(members[0])
    url = reverse("council_meeting", args=[meeting.pk])
    second = client.get(url, {"page": 2})
    assert [row["nomination"].nominee_name for row in second.context["rows"]] == [
        "Ủy ban nhân dân xã Trang 2", "Ủy ban nhân dân xã Trang 3"]
    assert "Trang 2/3" in second.content.decode() and "Tổng cộng 5 mục" in second.content.decode()
    response = client.post(url, {"nomination": nominations[3].pk, "page": "2",
                                 f"vote_{members[0].pk}": "yes", f"vote_{members[1].pk}": "no"})
    assert response["Location"] == f"{url}?page=2"
    assert client.get(url, {"page": 2}).context["rows"][1]["approvals"] == 1


@pytest.mark.django_db
def test_the_review_queue_has_its_counting_and_name_search_indexes():
    with connection.cursor() as cursor:
        indexes = connection.introspection.get_constraints(cursor, Nomination._meta.db_table)
    assert indexes["nomination_received_state"]["columns"][:2] == ["receiving_unit_id", "state"]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE indexname IN "
                           "('nomination_received_state', 'nomination_person_name_trgm') ORDER BY indexname")
            definitions = dict(cursor.fetchall())
        assert definitions["nomination_received_state"].endswith(
            "(receiving_unit_id, state) INCLUDE (nominating_unit_id, nominee_unit_id, person_unit_id)")
        assert definitions["nomination_person_name_trgm"].endswith(
            "USING gin (upper((person_name)::text) gin_trgm_ops)")
    else:
        assert "nomination_person_name_trgm" not in indexes


def test_a_council_member_opens_the_meeting_on_the_page_and_it_belongs_to_the_council_unit(client, setup):
    council = UnitFactory(kind="council", parent=setup["province"], code="hdtdkt-tinh",
                          name="Hội đồng Thi đua - Khen thưởng tỉnh An Giang", abbreviation="HĐTĐKT",
                          header_name="HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG")
    chair = person_with_role(Role.COUNCIL_MEMBER, council, full_name="Hồ Văn Mừng")
    member = person_with_role(Role.COUNCIL_MEMBER, council, full_name="Võ Thị Hạnh")
    on_the_committee = person_with_role(Role.COUNCIL_MEMBER, setup["province"], full_name="Vai trò cũ")
    url = reverse("council_meeting_open", args=[setup["plan"].pk])
    client.force_login(on_the_committee)
    assert client.get(url).status_code == 403
    client.force_login(chair)
    page = client.get(url).content.decode()
    assert "Võ Thị Hạnh" in page and "Vai trò cũ" not in page
    response = client.post(url, {"held_on": timezone.localdate().strftime("%d/%m/%Y"),
                                 "present": [chair.pk, member.pk]})
    meeting = CouncilMeeting.objects.get(plan=setup["plan"])
    assert response.status_code == 302
    assert (meeting.unit, meeting.total_members, sorted(meeting.present.values_list("pk", flat=True))) == (
        council, 2, sorted([chair.pk, member.pk]))
