"""Hardening: double clicks create one object; a part deleted in another session says so."""

import datetime
import re
import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, connections, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from awards.models import Attachment, Nomination
from awards.services.nominations import nomination_create
from campaigns.models import Deadline, Plan, ReportAttachment, Section
from campaigns.services import plans as plan_services
from emulation.models import Role, SubmissionToken, UnitKind
from emulation.tasks import submission_tokens_purge
from tests.builders import build_plan
from tests.factories import UnitFactory, person_with_role

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
KEY = "Zx8kq1u0m3n5b7v9c2x4z6l8"
OTHER_KEY = "Qa1ws2ed3rf4tg5yh6uj7ik8"
ALREADY_SENT = "Biểu mẫu này đã được gửi trước đó; hệ thống không tạo thêm bản thứ hai."


def token_in(response) -> str:
    match = re.search(r'<input type="hidden" name="submission_token" value="([A-Za-z0-9_-]+)">',
                      response.content.decode())
    assert match is not None, "the form carries no one-time token"
    return match.group(1)


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


@pytest.fixture
def issued(tree, people):
    """An issued province plan binding both districts, taking nominations at a review office."""
    office = UnitFactory(kind=UnitKind.OFFICE, name="Phòng Chính trị", code="pct", parent=tree["province"])
    plan = build_plan(tree, people)
    Deadline.objects.filter(plan=plan, kind="nominations").update(
        to_unit=office, due_on=timezone.localdate() + datetime.timedelta(days=30))
    deadline = Deadline.objects.create(plan=plan, kind="progress_report", to_unit=tree["province"],
                                       due_on=timezone.localdate() + datetime.timedelta(days=60), position=99)
    deadline.from_units.set([tree["district_a"]])
    plan_services.plan_submit(actor=people["drafter"], plan=plan)
    plan = people["chain"].issue(plan)
    return {**tree, **people, "plan": plan, "quota": plan.quotas.get(per_parent=True),
            "district_quota": plan.quotas.get(per_parent=False)}


def nomination_data(issued, key=None) -> dict:
    data = {"quota": issued["quota"].pk, "kind": "collective", "nominee_unit": issued["commune_a"].pk,
            "nominating_unit": issued["district_a"].pk}
    return data if key is None else {**data, "submission_token": key}


def new_nomination(issued) -> Nomination:
    return nomination_create(actor=issued["officer_a"], plan=issued["plan"], quota=issued["quota"],
                             nominating_unit=issued["district_a"], kind="collective",
                             nominee_unit=issued["commune_a"])


# The same form sent twice ------------------------------------------------------------------------------------------


def test_plan_create_sent_twice_with_one_token_creates_one_plan_and_the_second_goes_to_it(client, tree, people):
    client.force_login(people["drafter"])
    data = {"issuer": tree["province"].pk, "title": "Phát động thi đua năm 2027", "submission_token": KEY}
    first = client.post(reverse("plan_create"), data)
    second = client.post(reverse("plan_create"), data)
    plan = Plan.objects.get(title="Phát động thi đua năm 2027")
    assert (first.status_code, first.url) == (302, reverse("plan_edit", args=[plan.pk]))
    assert (second.status_code, second.url) == (302, reverse("plan_edit", args=[plan.pk]))
    assert Plan.objects.filter(title="Phát động thi đua năm 2027").count() == 1
    assert ALREADY_SENT in messages_of(client.get(second.url))


def test_plan_create_with_two_tokens_creates_two_plans(client, tree, people):
    client.force_login(people["drafter"])
    data = {"issuer": tree["province"].pk, "title": "Phát động thi đua năm 2027"}
    first = client.post(reverse("plan_create"), {**data, "submission_token": KEY})
    second = client.post(reverse("plan_create"), {**data, "submission_token": OTHER_KEY})
    plans = list(Plan.objects.filter(title="Phát động thi đua năm 2027").order_by("pk"))
    assert len(plans) == 2
    assert [first.url, second.url] == [reverse("plan_edit", args=[plan.pk]) for plan in plans]


def test_a_form_without_a_token_is_handled_as_before(client, tree, people):
    """Decision: a form opened before the token existed is processed (no guard); it must not lose what was typed."""
    client.force_login(people["drafter"])
    response = client.post(reverse("plan_create"), {"issuer": tree["province"].pk, "title": "Biểu mẫu cũ"})
    plan = Plan.objects.get(title="Biểu mẫu cũ")
    assert (response.status_code, response.url) == (302, reverse("plan_edit", args=[plan.pk]))
    assert SubmissionToken.objects.count() == 0


def test_a_malformed_token_is_refused(client, tree, people):
    client.force_login(people["drafter"])
    response = client.post(reverse("plan_create"), {"issuer": tree["province"].pk, "title": "Giả mạo",
                                                    "submission_token": "x" * 65})
    assert response.status_code == 400
    assert Plan.objects.filter(title="Giả mạo").count() == 0


def test_a_refused_form_frees_its_token_so_the_corrected_form_goes_through(client, tree, people):
    client.force_login(people["drafter"])
    invalid = client.post(reverse("plan_create"), {"issuer": tree["province"].pk, "title": "",
                                                   "submission_token": KEY})
    assert invalid.status_code == 200
    assert SubmissionToken.objects.count() == 0
    fixed = client.post(reverse("plan_create"), {"issuer": tree["province"].pk, "title": "Đã sửa",
                                                 "submission_token": KEY})
    assert fixed.url == reverse("plan_edit", args=[Plan.objects.get(title="Đã sửa").pk])


def test_another_persons_token_of_the_same_value_is_not_their_result(client, tree, people):
    other = person_with_role(Role.DRAFTER, tree["district_a"], full_name="Người khác")
    client.force_login(people["drafter"])
    mine = client.post(reverse("plan_create"), {"issuer": tree["province"].pk, "title": "Của tỉnh",
                                                "submission_token": KEY})
    client.force_login(other)
    theirs = client.post(reverse("plan_create"), {"issuer": tree["district_a"].pk, "title": "Của huyện",
                                                  "submission_token": KEY})
    assert mine.url == reverse("plan_edit", args=[Plan.objects.get(title="Của tỉnh").pk])
    assert theirs.url == reverse("plan_edit", args=[Plan.objects.get(title="Của huyện").pk])


def test_plan_derive_sent_twice_creates_one_implementing_plan(client, issued):
    client.force_login(issued["officer_a"])
    url = reverse("plan_derive", args=[issued["plan"].pk])
    data = {"unit": issued["district_a"].pk, "submission_token": KEY}
    first = client.post(url, data)
    second = client.post(url, data)
    child = Plan.objects.get(parent=issued["plan"])
    assert [first.url, second.url] == [reverse("plan_edit", args=[child.pk])] * 2


def test_plan_amend_sent_twice_creates_one_amendment_and_the_second_goes_to_it(client, issued):
    client.force_login(issued["drafter"])
    url = reverse("plan_amend", args=[issued["plan"].pk])
    first = client.post(url, {"submission_token": KEY})
    second = client.post(url, {"submission_token": KEY})
    amendment = Plan.objects.get(supersedes=issued["plan"])
    assert [first.url, second.url] == [reverse("plan_edit", args=[amendment.pk])] * 2
    assert messages_of(client.get(second.url))[-1] == ALREADY_SENT


def test_nomination_create_sent_twice_creates_one_nomination(client, issued):
    client.force_login(issued["officer_a"])
    url = reverse("nomination_create", args=[issued["plan"].pk])
    first = client.post(url, nomination_data(issued, KEY))
    second = client.post(url, nomination_data(issued, KEY))
    nomination = Nomination.objects.get()
    assert [first.url, second.url] == [reverse("nomination_detail", args=[nomination.pk])] * 2
    # Another sending (another key) is another dossier: here for the district itself.
    other = client.post(url, {**nomination_data(issued, OTHER_KEY), "quota": issued["district_quota"].pk,
                              "nominee_unit": issued["district_a"].pk})
    assert other.url == reverse("nomination_detail", args=[Nomination.objects.latest("pk").pk])
    assert Nomination.objects.count() == 2


def test_an_attachment_sent_twice_is_attached_once(client, issued):
    nomination = new_nomination(issued)
    client.force_login(issued["officer_a"])
    url = reverse("nomination_attach", args=[nomination.pk])
    responses = [client.post(url, {"kind": "cover", "description": "Tờ trình số 12", "submission_token": KEY,
                                   "file": SimpleUploadedFile("to-trinh.pdf", PDF, "application/pdf")})
                 for _ in range(2)]
    assert [r.url for r in responses] == [reverse("nomination_detail", args=[nomination.pk])] * 2
    assert list(Attachment.objects.values_list("description", flat=True)) == ["Tờ trình số 12"]


def test_a_report_with_attachments_sent_twice_keeps_one_copy_of_each_file(client, issued):
    client.force_login(issued["officer_a"])
    url = reverse("report_edit", args=[issued["plan"].pk, timezone.localdate().year])
    for _ in range(2):
        response = client.post(url, {"unit": issued["district_a"].pk, "narrative": "Báo cáo quý", "save": "1",
                                     "submission_token": KEY,
                                     "attachments": SimpleUploadedFile("bao-cao.pdf", PDF, "application/pdf")})
        assert response.url == f"{url}?unit={issued['district_a'].pk}"
    assert list(ReportAttachment.objects.values_list("original_name", flat=True)) == ["bao-cao.pdf"]


@pytest.mark.parametrize("url_name,person,kind", [
    ("plan_create", "drafter", None), ("plan_derive", "officer_a", "plan"), ("plan_amend", "drafter", "plan"),
    ("nomination_create", "officer_a", "plan"), ("nomination_attach", "officer_a", "nomination"),
    ("nomination_detail", "officer_a", "nomination"), ("report_edit", "officer_a", "report"),
])
def test_every_create_form_carries_a_fresh_one_time_token(client, issued, url_name, person, kind):
    args = {None: [], "plan": [issued["plan"].pk], "report": [issued["plan"].pk, timezone.localdate().year]}
    if kind == "nomination":
        args["nomination"] = [new_nomination(issued).pk]
    client.force_login(issued[person])
    url = reverse(url_name, args=args[kind])
    first, second = token_in(client.get(url)), token_in(client.get(url))
    assert len(first) == 32 and first != second


def test_old_tokens_are_purged_and_recent_ones_kept(people):
    now = timezone.now()
    old = SubmissionToken.objects.create(user=people["drafter"], key=KEY, result_url="/ke-hoach/1/")
    recent = SubmissionToken.objects.create(user=people["drafter"], key=OTHER_KEY, result_url="/ke-hoach/2/")
    SubmissionToken.objects.filter(pk=old.pk).update(created_at=now - datetime.timedelta(days=2))
    assert submission_tokens_purge() == 1
    assert list(SubmissionToken.objects.values_list("pk", flat=True)) == [recent.pk]


# Two requests at the same moment (PostgreSQL) ----------------------------------------------------------------------

needs_postgresql = pytest.mark.skipif(connection.vendor != "postgresql",
                                      reason="concurrent requests need a server database (CI runs PostgreSQL)")


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_clicks_create_one_plan(tree, people):
    barrier = threading.Barrier(2)
    responses = []

    def click():
        client = Client()
        client.force_login(people["drafter"])
        try:
            barrier.wait(timeout=10)
            responses.append(client.post(reverse("plan_create"), {
                "issuer": tree["province"].pk, "title": "Bấm đúp", "submission_token": KEY}))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=click) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    plan = Plan.objects.get(title="Bấm đúp")
    assert sorted((r.status_code, r.url) for r in responses) == [(302, reverse("plan_edit", args=[plan.pk]))] * 2


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_a_second_click_while_the_first_is_still_running_says_so(client, tree, people, settings):
    settings.SUBMISSION_WAIT_SECONDS = 0.5
    claimed, release = threading.Event(), threading.Event()

    def first_request_in_flight():
        # What the first request holds while its view runs: the claimed token, not yet committed.
        try:
            with transaction.atomic():
                SubmissionToken.objects.create(user=people["drafter"], key=KEY, result_url="/ke-hoach/")
                claimed.set()
                release.wait(timeout=20)
        finally:
            connections.close_all()

    thread = threading.Thread(target=first_request_in_flight)
    thread.start()
    try:
        assert claimed.wait(timeout=10)
        client.force_login(people["drafter"])
        data = {"issuer": tree["province"].pk, "title": "Bấm đúp", "submission_token": KEY}
        waiting = client.post(reverse("plan_create"), data)
        assert waiting.status_code == 409
        assert "Biểu mẫu này đang được xử lý" in waiting.content.decode()
        assert Plan.objects.filter(title="Bấm đúp").count() == 0
    finally:
        release.set()
        thread.join(timeout=30)
    after = client.post(reverse("plan_create"), data)
    assert (after.status_code, after.url) == (302, "/ke-hoach/")
    assert Plan.objects.filter(title="Bấm đúp").count() == 0


# A part deleted in another session ---------------------------------------------------------------------------------

GONE = "Mục này vừa bị xóa ở phiên khác"


@pytest.fixture
def gone(district_draft):
    plan, drafter, section = district_draft["plan"], district_draft["drafter"], district_draft["section"]
    url = reverse("part_edit", args=[plan.pk, "section", section.pk])
    revision = section.revision
    plan_services.plan_part_delete(actor=drafter, plan=plan, instance=section, expected_revision=revision)
    return {"plan": plan, "drafter": drafter, "url": url, "revision": revision, "part_id": section.pk,
            "editor": reverse("plan_edit", args=[plan.pk]) + "#phan-section",
            "typed": {"heading": "Mục đích, yêu cầu (đã sửa)", "numbering": "auto", "block": "text",
                      "body": "Đoạn văn bản tôi vừa gõ.", "revision": revision}}


def test_opening_a_deleted_part_says_it_was_deleted_and_links_back(client, gone):
    client.force_login(gone["drafter"])
    response = client.get(gone["url"])
    body = response.content.decode()
    assert response.status_code == 410
    assert GONE in body
    assert f'href="{gone["editor"]}"' in body


def test_saving_a_deleted_part_keeps_what_was_typed_and_offers_to_add_it_again(client, gone):
    client.force_login(gone["drafter"])
    response = client.post(gone["url"], gone["typed"])
    body = response.content.decode()
    assert response.status_code == 410
    assert GONE in body
    assert "Mục đích, yêu cầu (đã sửa)" in body and "Đoạn văn bản tôi vừa gõ." in body
    assert f'action="{reverse("part_add", args=[gone["plan"].pk, "section"])}"' in body
    assert f'href="{gone["editor"]}"' in body
    assert gone["plan"].sections.count() == 0


def test_the_offered_form_adds_what_was_typed_as_a_new_part(client, gone):
    client.force_login(gone["drafter"])
    typed = {key: value for key, value in gone["typed"].items() if key != "revision"}
    response = client.post(reverse("part_add", args=[gone["plan"].pk, "section"]), typed)
    assert response.status_code == 302
    assert list(gone["plan"].sections.values_list("heading", "body")) == [
        ("Mục đích, yêu cầu (đã sửa)", "Đoạn văn bản tôi vừa gõ.")]


def test_htmx_opening_a_deleted_part_refreshes_its_panel_with_the_notice(client, gone):
    client.force_login(gone["drafter"])
    response = client.get(gone["url"], HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200
    assert (response["HX-Retarget"], response["HX-Reswap"]) == ("#phan-section", "outerHTML")
    assert body.lstrip().startswith('<section class="card mb-4 part-panel" id="phan-section"')
    assert GONE in body
    assert "Chưa có mục nào." in body


def test_htmx_saving_a_deleted_part_refreshes_its_panel_and_keeps_what_was_typed(client, gone):
    client.force_login(gone["drafter"])
    response = client.post(gone["url"], gone["typed"], HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200
    assert (response["HX-Retarget"], response["HX-Reswap"]) == ("#phan-section", "outerHTML")
    assert GONE in body
    assert "Mục đích, yêu cầu (đã sửa)" in body and "Đoạn văn bản tôi vừa gõ." in body
    assert f'hx-post="{reverse("part_add", args=[gone["plan"].pk, "section"])}"' in body
    assert gone["plan"].sections.count() == 0


def test_deleting_a_part_already_deleted_elsewhere_says_so(client, gone):
    client.force_login(gone["drafter"])
    delete_url = reverse("part_delete", args=[gone["plan"].pk, "section", gone["part_id"]])
    response = client.post(delete_url, {"revision": gone["revision"]}, follow=True)
    assert response.redirect_chain == [(gone["editor"], 302)]
    assert messages_of(response) == ["Mục này đã bị xóa ở phiên khác."]


def test_a_part_of_another_plan_is_still_not_found(client, gone, tree):
    other = plan_services.plan_create(actor=gone["drafter"], issuer=tree["district_a"], title="Kế hoạch khác")
    section = plan_services.plan_part_save(actor=gone["drafter"], plan=other, instance=Section(),
                                           values={"heading": "Của kế hoạch khác"})
    client.force_login(gone["drafter"])
    assert client.get(reverse("part_edit", args=[gone["plan"].pk, "section", section.pk])).status_code == 404


def test_moving_a_part_already_deleted_elsewhere_says_so_in_its_panel(client, gone):
    client.force_login(gone["drafter"])
    response = client.post(reverse("part_move", args=[gone["plan"].pk, "section", gone["part_id"]]),
                           {"direction": "up"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200
    assert 'id="phan-section"' in body and "Mục này đã bị xóa ở phiên khác." in body
