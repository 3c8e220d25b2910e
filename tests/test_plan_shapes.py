"""Plans as offices write them (#14): each shape is built through the services,
printed, and read back from the PDF in the office's order and wording."""

import datetime
import hashlib
import io

import pdfplumber
import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from awards.models import AwardType
from awards.services.catalogue import award_catalogue_load
from campaigns.document import build_plan_document, legal_basis_lines
from campaigns.models import Criterion, CriterionGroup, Deadline, LegalBasis, Quota, Section, Target, TargetGroup
from campaigns.selectors import outside_document_implementers, plan_with_parts
from campaigns.services import plans as plan_services
from emulation.documents.issue import draft_pdf, official_document_of
from emulation.models import BlocKind, EmulationBloc, OfficialDocument, Role, UnitKind
from emulation.selectors import history_for
from tests.builders import build_plan
from tests.factories import UnitFactory, person_with_role

MOVEMENTS = [
    ("Phong trào thi đua “Dân vận khéo”", "Vận động Nhân dân tham gia xây dựng nông thôn mới.", "Giấy khen"),
    ("Phong trào thi đua “Chuyển đổi số”", "Hoàn thành số hóa hồ sơ thủ tục hành chính.",
     "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"),
    ("Phong trào thi đua “Vì an ninh Tổ quốc”", "Xây dựng xã đạt chuẩn an toàn về an ninh, trật tự.",
     "Cờ thi đua cấp bộ, ngành, tỉnh"),
]


def awarded(award: str) -> str:
    return "01 xã dẫn đầu mỗi cụm thi đua" if award.startswith("Cờ thi đua") else "03 xã dẫn đầu"


def pdf_text(plan) -> str:
    with pdfplumber.open(io.BytesIO(draft_pdf(plan_with_parts(plan.pk)))) as pdf:
        return " ".join(" ".join((page.extract_text() or "").split()) for page in pdf.pages)


@pytest.fixture
def yearly_work_plan(tree):
    """A province's yearly work plan with three named movements, each with its own target group,
    criteria, target and award, under one plan-wide criteria block."""
    award_catalogue_load()
    for number, commune in enumerate(("commune_a", "commune_b"), start=1):
        bloc = EmulationBloc.objects.create(name=f"Cụm thi đua số {number}", kind=BlocKind.CLUSTER,
                                            organiser=tree["province"])
        bloc.members.set([tree[commune]])
    drafter = person_with_role(Role.DRAFTER, tree["province"], full_name="Nguyễn Thị Lan")
    plan = plan_services.plan_create(actor=drafter, issuer=tree["province"],
                                     title="Kế hoạch công tác thi đua, khen thưởng năm 2026")

    def add(model, **values):
        return plan_services.plan_part_save(actor=drafter, plan=plan, instance=model(), values=values)

    common = add(Section, heading="Tiêu chí chung", block="criteria")
    shared = add(CriterionGroup, title="Tiêu chí chung cho mọi phong trào")
    add(Criterion, group=shared, text="Hoàn thành nhiệm vụ được giao.")
    movements = []
    for heading, criterion, award in MOVEMENTS:
        movement = add(Section, heading=heading, is_movement=True)
        add(Section, parent=movement, heading="Đối tượng", block="target_groups")
        add(Section, parent=movement, heading="Tiêu chí", block="criteria")
        add(Section, parent=movement, heading="Chỉ tiêu", block="targets")
        add(Section, parent=movement, heading="Khen thưởng", block="awards")
        group = add(TargetGroup, name=f"Các xã tham gia {heading.split('“')[1].rstrip('”')}",
                    unit_kinds=["commune"], movement=movement)
        criteria = add(CriterionGroup, title=f"Tiêu chí {heading.split('“')[1].rstrip('”')}", movement=movement)
        add(Criterion, group=criteria, text=criterion)
        add(Target, measure=f"Xã đạt chuẩn {heading.split('“')[1].rstrip('”')}", comparison="gte", value=80,
            unit_of_measure="%", movement=movement)
        if award.startswith("Cờ thi đua"):
            # One flag for the leading commune of each cluster of the province.
            add(Quota, award_type=AwardType.objects.get(name=award), per_bloc=1, bloc_kind=BlocKind.CLUSTER,
                target_group=group, recipient_phrase="xã dẫn đầu mỗi cụm thi đua", movement=movement)
        else:
            add(Quota, award_type=AwardType.objects.get(name=award), count=3, target_group=group,
                recipient_phrase="xã dẫn đầu", movement=movement)
        movements.append(movement)
    return {"plan": plan, "common": common, "movements": movements, "drafter": drafter}


def test_each_movement_prints_its_own_criteria_targets_and_awards_once(yearly_work_plan):
    plan = yearly_work_plan["plan"]
    document = build_plan_document(plan_with_parts(plan.pk))
    common, *movements = document.parts
    assert [p.text for p in common.paragraphs] == ["Tiêu chí chung cho mọi phong trào",
                                                   "Hoàn thành nhiệm vụ được giao."]
    for number, (part, (heading, criterion, award)) in enumerate(zip(movements, MOVEMENTS, strict=True), start=1):
        assert part.heading == heading.upper()
        blocks = {child.heading: [p.text for p in child.paragraphs] for child in part.children}
        name = heading.split("“")[1].rstrip("”")
        assert blocks == {
            "Đối tượng": [f"Các xã tham gia {name}."],
            "Tiêu chí": [f"Tiêu chí {name}", criterion],
            "Chỉ tiêu": [f"Xã đạt chuẩn {name}: ≥ 80 %."],
            # The body's last paragraph closes the document: “./.”
            "Khen thưởng": [f"Tặng {award} cho {awarded(award)}.{'/.' if number == len(MOVEMENTS) else ''}"],
        }
    text = pdf_text(plan)
    for _heading, criterion, award in MOVEMENTS:
        assert text.count(criterion) == 1
        assert text.count(f"Tặng {award} cho {awarded(award)}.") == 1
    starts = [text.index(heading.upper()) for heading, _, _ in MOVEMENTS]
    assert starts == sorted(starts)
    # Each movement's criterion lies between its heading and the next one's.
    for index, (_, criterion, _) in enumerate(MOVEMENTS):
        end = starts[index + 1] if index + 1 < len(starts) else len(text)
        assert starts[index] < text.index(criterion) < end


def movement_award(heading: str) -> str:
    return next(award for movement, _criterion, award in MOVEMENTS if movement == heading)


def test_an_amendment_keeps_each_row_in_its_movement(yearly_work_plan):
    plan = yearly_work_plan["plan"]
    target = plan_services.plan_create(actor=yearly_work_plan["drafter"], issuer=plan.issuer, title="Bản sửa đổi")
    plan_services._copy_parts(plan, target)  # the one copy that amending and deriving share
    copied_movements = list(target.sections.filter(is_movement=True).order_by("position"))
    assert [s.heading for s in copied_movements] == [heading for heading, _, _ in MOVEMENTS]
    for movement, (_, criterion, _) in zip(copied_movements, MOVEMENTS, strict=True):
        assert list(target.criterion_groups.filter(movement=movement).values_list("criteria__text", flat=True)) == [
            criterion]
        assert target.quotas.get(movement=movement).name == movement_award(movement.heading)


def test_a_row_cannot_belong_to_another_plans_movement(yearly_work_plan, district_draft):
    other_section = district_draft["section"]
    other_section.is_movement = True
    other_section.save()
    plan = yearly_work_plan["plan"]
    with pytest.raises(Exception) as refused:
        plan_services.plan_part_save(actor=yearly_work_plan["drafter"], plan=plan, instance=Target(),
                                     values={"measure": "Chỉ tiêu lạc", "comparison": "gte", "value": 1,
                                             "movement": other_section})
    assert refused.value.message_dict == {"movement": ["Mục được chọn không thuộc kế hoạch này."]}


# Periods ----------------------------------------------------------------------------------------

def period_lines(plan) -> list[str]:
    from campaigns.document import period_paragraphs  # noqa: PLC0415 — only these tests read the block alone

    return [paragraph.text for paragraph in period_paragraphs(plan)]


def test_a_multi_year_period_is_reviewed_each_year_and_summed_up_at_its_end(district_draft):
    plan = district_draft["plan"]
    plan_services.plan_update(actor=district_draft["drafter"], plan=plan, expected_revision=plan.revision,
                              period_kind="fixed", starts_on=datetime.date(2021, 1, 1),
                              ends_on=datetime.date(2025, 12, 31), review_month=11)
    assert period_lines(plan) == [
        "Thời gian thi đua: Từ ngày 01/01/2021 - 31/12/2025.",
        "Định kỳ hằng năm tiến hành sơ kết vào tháng 11 của năm; tổng kết khi kết thúc giai đoạn 2021 - 2025."]


def test_a_period_that_ends_at_an_event_prints_so_and_needs_the_event(client, district_draft):
    plan = district_draft["plan"]
    client.force_login(district_draft["drafter"])
    data = {"title": plan.title, "place_name": plan.place_name, "bases_end_with": ".", "period_kind": "until_event",
            "starts_on": "01/03/2024", "ends_at_event": "", "archive_note": "VT", "sign_authority": "head",
            "sign_title": "CHỦ TỊCH", "revision": plan.revision}
    refused = client.post(reverse("plan_edit", args=[plan.pk]), data)
    assert "Hãy ghi sự kiện kết thúc đợt thi đua, ví dụ: tổ chức Đại hội Thi đua yêu nước tỉnh lần thứ VI." in (
        refused.content.decode())
    saved = client.post(reverse("plan_edit", args=[plan.pk]),
                        {**data, "ends_at_event": "Tổ chức Đại hội Thi đua yêu nước huyện lần thứ V"})
    assert saved.status_code == 302
    plan.refresh_from_db()
    assert period_lines(plan) == [
        "Thời gian thi đua: Từ ngày 01/03/2024 đến khi tổ chức Đại hội Thi đua yêu nước huyện lần thứ V."]


@pytest.fixture
def event_plan(tree, people):
    """An issued plan whose period ends at the province's congress, with a yearly report from district A."""
    with time_machine.travel(datetime.datetime(2026, 11, 1, 9, tzinfo=datetime.UTC), tick=False):
        plan = build_plan(tree, people)
        plan_services.plan_update(actor=people["drafter"], plan=plan, expected_revision=plan.revision,
                                  period_kind="until_event", ends_on=None,
                                  ends_at_event="tổ chức Đại hội Thi đua yêu nước tỉnh lần thứ VI")
        deadline = Deadline.objects.create(plan=plan, kind="progress_report", to_unit=tree["province"],
                                           due_on=datetime.date(2026, 12, 20), position=99, recurrence="yearly")
        deadline.from_units.set([tree["district_a"]])
        Deadline.objects.filter(plan=plan, kind="nominations").delete()
        plan_services.plan_submit(actor=people["drafter"], plan=plan)
        return people["chain"].issue(plan)


def test_the_end_date_is_set_once_the_event_is_held_and_later_deadlines_are_waived(client, event_plan, people, tree):
    plan = event_plan
    assert sorted(plan.obligations.values_list("due_on", flat=True)) == [
        datetime.date(2026, 12, 20), datetime.date(2027, 12, 20)]
    client.force_login(people["officer_a"])
    assert client.post(reverse("plan_period_close", args=[plan.pk]), {"ends_on": "30/06/2027"}).status_code == 403
    client.force_login(people["drafter"])
    page = client.get(reverse("plan_detail", args=[plan.pk])).content.decode()
    assert "Đợt thi đua kéo dài đến khi tổ chức Đại hội Thi đua yêu nước tỉnh lần thứ VI." in page
    too_early = client.post(reverse("plan_period_close", args=[plan.pk]), {"ends_on": "31/12/2025"}, follow=True)
    assert "Ngày kết thúc phải sau ngày bắt đầu (01/01/2026)." in too_early.content.decode()
    done = client.post(reverse("plan_period_close", args=[plan.pk]), {"ends_on": "30/06/2027"}, follow=True)
    assert "Đã ghi ngày kết thúc đợt thi đua: 30/06/2027." in done.content.decode()
    plan.refresh_from_db()
    assert plan.ends_on == datetime.date(2027, 6, 30)
    later = plan.obligations.get(due_on=datetime.date(2027, 12, 20))
    assert later.waived_reason == ("Đợt thi đua kết thúc ngày 30/06/2027 (tổ chức Đại hội Thi đua yêu nước tỉnh "
                                   "lần thứ VI).")
    assert plan.obligations.get(due_on=datetime.date(2026, 12, 20)).waived_at is None
    assert history_for(plan).filter(action="plan.period_close").count() == 1
    # Once set, it is not set again.
    again = client.post(reverse("plan_period_close", args=[plan.pk]), {"ends_on": "31/07/2027"})
    assert again.status_code == 403


# Recorded from paper -------------------------------------------------------------------------------

def scanned_pdf() -> bytes:
    from pypdf import PdfWriter  # noqa: PLC0415 — only these tests make a PDF of their own

    writer, output = PdfWriter(), io.BytesIO()
    writer.add_blank_page(width=595, height=842)
    writer.write(output)
    return output.getvalue()


def record_data(**changes):
    return {"number": 45, "symbol": "KH-UBND", "issued_on": "10/03/2025", "signer_name": "Hồ Văn Mừng",
            "pdf": SimpleUploadedFile("ke-hoach-45.pdf", scanned_pdf(), content_type="application/pdf"), **changes}


@pytest.fixture
def paper_plan(tree, people):
    """A province plan issued on paper, its structure drafted here, and the province's records clerk."""
    return {"plan": build_plan(tree, people),
            "clerk": person_with_role(Role.CLERK, tree["province"], full_name="Văn Thị Thư")}


def test_a_plan_issued_on_paper_is_recorded_with_its_real_number_date_and_file(client, paper_plan, people, tree):
    plan, clerk = paper_plan["plan"], paper_plan["clerk"]
    url = reverse("plan_record_issued", args=[plan.pk])
    client.force_login(people["drafter"])
    assert client.get(url).status_code == 403
    client.force_login(clerk)
    assert "Ghi nhận đã ban hành ngoài hệ thống" in client.get(reverse("plan_detail", args=[plan.pk])).content.decode()
    future = client.post(url, record_data(issued_on="01/01/2099"))
    assert "Ngày ban hành không thể sau hôm nay." in future.content.decode()
    not_pdf = client.post(url, record_data(pdf=SimpleUploadedFile("ke-hoach.docx", b"PK\x03\x04 not a docx")))
    assert "Nội dung tệp “ke-hoach.docx” không khớp với phần mở rộng .docx" in not_pdf.content.decode()
    plan.refresh_from_db()
    assert (plan.state, plan.number) == ("draft", None)
    uploaded = scanned_pdf()
    done = client.post(url, record_data(pdf=SimpleUploadedFile("ke-hoach-45.pdf", uploaded)), follow=True)
    assert "Đã ghi nhận Kế hoạch số 45/KH-UBND vào sổ văn bản đi." in done.content.decode()
    plan.refresh_from_db()
    assert (plan.state, plan.number_symbol, plan.issued_on, plan.signer_name) == (
        "issued", "45/KH-UBND", datetime.date(2025, 3, 10), "Hồ Văn Mừng")
    entry = plan.register_entry
    assert (entry.year, entry.number, entry.symbol, entry.issued_on, entry.registered_by) == (
        2025, 45, "KH-UBND", datetime.date(2025, 3, 10), clerk)
    official = official_document_of(plan)
    assert (official.state, official.sha256, official.page_count) == (
        "ready", hashlib.sha256(uploaded).hexdigest(), 1)
    with official.pdf.open("rb") as stored:
        assert stored.read() == uploaded
    assert sorted(plan.obligations.values_list("unit__code", "kind")) == [
        ("huyen-a", "nominations"), ("huyen-b", "nominations")]
    assert history_for(plan).filter(action="plan.record_issued").count() == 1


def test_a_number_already_in_the_register_is_refused_and_nothing_is_kept(client, paper_plan, tree, people):
    client.force_login(paper_plan["clerk"])
    client.post(reverse("plan_record_issued", args=[paper_plan["plan"].pk]), record_data())
    second = plan_services.plan_create(actor=people["drafter"], issuer=tree["province"], title="Kế hoạch thứ hai")
    stored_before = sorted(OfficialDocument.objects.values_list("pdf", flat=True))
    refused = client.post(reverse("plan_record_issued", args=[second.pk]), record_data(issued_on="20/05/2025"))
    assert "Số 45/KH-UBND năm 2025 đã được dùng." in refused.content.decode()
    second.refresh_from_db()
    assert (second.state, second.number) == ("draft", None)
    assert sorted(OfficialDocument.objects.values_list("pdf", flat=True)) == stored_before
    # The same number under another symbol, or another year, is another document.
    other_year = client.post(reverse("plan_record_issued", args=[second.pk]), record_data(issued_on="02/01/2026"))
    assert other_year.status_code == 302


def test_a_commune_derives_its_plan_from_the_recorded_one(client, paper_plan, tree):
    plan = paper_plan["plan"]
    client.force_login(paper_plan["clerk"])
    assert client.post(reverse("plan_record_issued", args=[plan.pk]), record_data()).status_code == 302
    plan.refresh_from_db()
    commune_drafter = person_with_role(Role.DRAFTER, tree["commune_a"], full_name="Trần Văn Xã")
    derived = plan_services.plan_derive(actor=commune_drafter, parent=plan, unit=tree["commune_a"])
    assert derived.parent == plan
    assert legal_basis_lines(plan_with_parts(derived.pk))[0] == (
        "Căn cứ Kế hoạch số 45/KH-UBND ngày 10 tháng 3 năm 2025 của Ủy ban nhân dân tỉnh An Giang về việc phát động "
        "phong trào thi đua năm 2026.")


# Targets per year --------------------------------------------------------------------------------------

def test_a_target_set_for_one_year_prints_so_and_is_reported_only_that_year(district_draft):
    from campaigns.document import block_paragraphs  # noqa: PLC0415 — the block alone is the subject here
    from campaigns.selectors import report_targets  # noqa: PLC0415 — likewise

    plan, drafter = district_draft["plan"], district_draft["drafter"]

    def add(**values):
        return plan_services.plan_part_save(actor=drafter, plan=plan, instance=Target(), values=values)

    every_year = add(measure="Tuyển quân đạt chỉ tiêu", comparison="eq", value=100)
    first = add(measure="Xã đạt chuẩn nông thôn mới", comparison="gte", value=60, year=2026)
    second = add(measure="Xã đạt chuẩn nông thôn mới", comparison="gte", value=80, year=2027)
    block = plan_services.plan_part_save(actor=drafter, plan=plan, instance=Section(),
                                         values={"heading": "Chỉ tiêu", "block": "targets"})
    printed = [p.text for p in block_paragraphs(plan_with_parts(plan.pk), block, 2, None)]
    assert printed == ["Tuyển quân đạt chỉ tiêu: = 100 %.", "Xã đạt chuẩn nông thôn mới năm 2026: ≥ 60 %.",
                       "Xã đạt chuẩn nông thôn mới năm 2027: ≥ 80 %."]
    assert report_targets(plan, 2026) == [every_year, first]
    assert report_targets(plan, 2027) == [every_year, second]


def test_the_checklist_names_an_unfinished_event_period_and_a_target_outside_the_period(district_draft):
    from campaigns.selectors import plan_problems  # noqa: PLC0415 — the checklist alone is the subject here

    plan, drafter = district_draft["plan"], district_draft["drafter"]
    plan_services.plan_update(actor=drafter, plan=plan, expected_revision=plan.revision, period_kind="until_event",
                              starts_on=datetime.date(2026, 1, 1), ends_on=None)
    plan_services.plan_part_save(actor=drafter, plan=plan, instance=Target(),
                                 values={"measure": "Xã đạt chuẩn", "comparison": "gte", "value": 80, "year": 2025})
    problems = plan_problems(plan)
    assert "Đợt thi đua kéo dài đến một sự kiện cần ghi ngày bắt đầu và sự kiện kết thúc." in problems
    assert "Chỉ tiêu “Xã đạt chuẩn” đặt cho năm 2025, ngoài thời gian thi đua." in problems


# A council's plan -------------------------------------------------------------------------------------

@pytest.fixture
def district_council(tree):
    """Quận Ninh Kiều's people's committee and its Hội đồng Thi đua - Khen thưởng."""
    district = UnitFactory(kind=UnitKind.DISTRICT, parent=tree["province"], name="Ủy ban nhân dân quận Ninh Kiều",
                           header_name="ỦY BAN NHÂN DÂN\nQUẬN NINH KIỀU", code="ninh-kieu", place_name="Ninh Kiều")
    council = UnitFactory(kind=UnitKind.COUNCIL, parent=district, code="ninh-kieu-hdtdkt",
                          name="Hội đồng Thi đua - Khen thưởng quận Ninh Kiều",
                          header_name="HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG",
                          parent_header_name="ỦY BAN NHÂN DÂN\nQUẬN NINH KIỀU",
                          abbreviation="HĐTĐKT", place_name="Ninh Kiều")
    return {"district": district, "council": council}


def test_a_council_issues_a_five_year_plan_implementing_a_directive_and_a_central_council_plan(district_council):
    from campaigns.services.outside_documents import outside_document_create  # noqa: PLC0415 — only here

    council = district_council["council"]
    drafter = person_with_role(Role.DRAFTER, council, full_name="Lê Thị Hồng")
    plan = plan_services.plan_create(actor=drafter, issuer=council,
                                     title="Tổ chức phong trào thi đua giai đoạn 2021 - 2025")
    assert (plan.sign_authority, plan.sign_collective, plan.sign_title) == ("tm", "HỘI ĐỒNG", "CHỦ TỊCH")
    directive = outside_document_create(
        actor=drafter, doc_type="directive", number_symbol="19/CT-TTg", issued_on=datetime.date(2021, 6, 16),
        issuer_name="Thủ tướng Chính phủ", subject="Tiếp tục đổi mới công tác thi đua, khen thưởng")
    central = outside_document_create(
        actor=drafter, doc_type="plan", number_symbol="05/KH-HĐTĐKT", issued_on=datetime.date(2021, 3, 2),
        issuer_name="Hội đồng Thi đua - Khen thưởng Trung ương",
        subject="Tổ chức phong trào thi đua giai đoạn 2021 - 2025")

    def add(model, **values):
        return plan_services.plan_part_save(actor=drafter, plan=plan, instance=model(), values=values)

    add(LegalBasis, opening="Thực hiện", outside_document=directive, implements=True)
    add(LegalBasis, opening="Thực hiện", outside_document=central, implements=True)
    add(Section, heading="Thời gian thi đua", block="period")
    plan_services.plan_update(actor=drafter, plan=plan, expected_revision=plan.revision, period_kind="fixed",
                              starts_on=datetime.date(2021, 1, 1), ends_on=datetime.date(2025, 12, 31),
                              review_month=11)
    text = pdf_text(plan)
    in_order = ["ỦY BAN NHÂN DÂN", "QUẬN NINH KIỀU", "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG", "/KH-HĐTĐKT", "KẾ HOẠCH",
                "Thực hiện Chỉ thị số 19/CT-TTg ngày 16 tháng 6 năm 2021 của Thủ tướng Chính phủ về tiếp tục đổi mới "
                "công tác thi đua, khen thưởng;",
                "Thực hiện Kế hoạch số 05/KH-HĐTĐKT ngày 02 tháng 3 năm 2021 của Hội đồng Thi đua - Khen thưởng Trung "
                "ương về tổ chức phong trào thi đua giai đoạn 2021 - 2025.",
                "Thời gian thi đua: Từ ngày 01/01/2021 - 31/12/2025.",
                # (the draft's watermark letters fall between the words of the page's last lines)
                "Định kỳ hằng năm tiến hành sơ kết vào tháng 11 của năm; tổng kết khi kết",
                "TM. HỘI ĐỒNG", "CHỦ TỊCH"]
    missing = [part for part in in_order if part not in text]
    assert not missing, text
    positions = [text.index(part) for part in in_order]
    assert positions == sorted(positions)
    assert [p.pk for p in outside_document_implementers(directive, drafter)] == [plan.pk]


def test_the_council_unit_holds_the_votes_on_its_committees_awards(district_council):
    from awards.selectors import council_of  # noqa: PLC0415 — only these tests ask
    from emulation.permissions import Action, can  # noqa: PLC0415 — likewise

    district, council = district_council["district"], district_council["council"]
    assert council_of(district) == council and council_of(council) == council
    member = person_with_role(Role.COUNCIL_MEMBER, council, full_name="Ủy viên Hội đồng")
    on_the_committee = person_with_role(Role.COUNCIL_MEMBER, district, full_name="Vai trò cũ trên Ủy ban")
    assert can(member, Action.VOTE_IN_COUNCIL, council_of(district)) is True
    assert can(on_the_committee, Action.VOTE_IN_COUNCIL, council_of(district)) is False
    # A committee without a council unit keeps its council members on itself.
    lone = UnitFactory(kind=UnitKind.DISTRICT, name="Ủy ban nhân dân huyện Phong Điền", code="phong-dien")
    assert council_of(lone) == lone
