import datetime

import pytest
from django.urls import reverse

from awards.panels import plan_awards_panel
from campaigns import panels
from campaigns.models import Criterion, CriterionGroup, Plan, PlanBinding, PlanState, Section
from campaigns.services import plans as services
from emulation.models import Role
from tests.builders import build_plan, issued_plan_with_review_office
from tests.factories import UnitFactory, person_with_role


def plan_form_data(plan, **changes):
    data = {
        "title": plan.title, "place_name": plan.place_name, "draft_date": "", "bases_end_with": ".",
        "preamble": plan.preamble,
        "theme": "", "motto": "", "period_kind": "fixed", "starts_on": "01/01/2026", "ends_on": "31/12/2026",
        "review_month": "", "summary_every_years": "", "funding": "", "closing": "", "archive_note": "VT",
        "sign_authority": "head", "sign_collective": "", "sign_title": "CHỦ TỊCH", "sign_deputy_title": "",
        "signer_name": "", "revision": plan.revision,
    }
    data.update(changes)
    return data


@pytest.mark.parametrize("url_name,method", [
    ("plan_detail", "get"), ("plan_edit", "get"), ("plan_edit", "post"), ("plan_submit", "post"),
])
def test_another_district_can_neither_see_nor_change_a_draft(client, tree, district_draft, url_name, method):
    client.force_login(person_with_role(Role.DRAFTER, tree["district_b"]))
    plan = district_draft["plan"]
    url = reverse(url_name, args=[plan.pk])
    response = client.get(url) if method == "get" else client.post(url, plan_form_data(plan, title="Sửa trộm"))
    assert response.status_code == 403
    plan.refresh_from_db()
    assert (plan.title, plan.state) == ("Kế hoạch của huyện Châu Phú", PlanState.DRAFT)


def test_another_district_cannot_touch_the_parts_of_a_draft(client, tree, district_draft):
    client.force_login(person_with_role(Role.UNIT_OFFICER, tree["district_b"]))
    plan, section = district_draft["plan"], district_draft["section"]
    assert client.post(reverse("part_add", args=[plan.pk, "section"]), {"heading": "Thêm trộm"}).status_code == 403
    assert client.post(reverse("part_edit", args=[plan.pk, "section", section.pk]),
                       {"heading": "Sửa trộm", "revision": section.revision}).status_code == 403
    assert client.post(reverse("part_delete", args=[plan.pk, "section", section.pk]),
                       {"revision": section.revision}).status_code == 403
    assert list(plan.sections.values_list("heading", flat=True)) == ["Mục đích"]
    body = client.get(reverse("plan_list")).content.decode()
    assert "Kế hoạch của huyện Châu Phú" not in body


def test_the_province_signer_does_not_see_a_district_draft_but_the_district_signer_does(client, tree, district_draft):
    client.force_login(person_with_role(Role.SIGNER, tree["province"]))
    assert client.get(reverse("plan_detail", args=[district_draft["plan"].pk])).status_code == 403
    client.force_login(person_with_role(Role.SIGNER, tree["district_a"]))
    assert client.get(reverse("plan_detail", args=[district_draft["plan"].pk])).status_code == 200


def test_a_stale_copy_gets_a_conflict_and_the_first_save_survives(client, tree, district_draft):
    plan = district_draft["plan"]
    other = person_with_role(Role.DRAFTER, tree["district_a"], full_name="Người thứ hai")
    opened_revision = plan.revision
    client.force_login(district_draft["drafter"])
    first = client.post(reverse("plan_edit", args=[plan.pk]),
                        plan_form_data(plan, title="Bản của người thứ nhất", revision=opened_revision))
    assert first.status_code == 302
    client.force_login(other)
    second = client.post(reverse("plan_edit", args=[plan.pk]),
                         plan_form_data(plan, title="Bản của người thứ hai", revision=opened_revision))
    assert second.status_code == 200
    body = second.content.decode()
    assert "vừa được người khác lưu sau khi bạn mở" in body
    assert "Bản của người thứ hai" in body  # what they typed is still there
    plan.refresh_from_db()
    assert plan.title == "Bản của người thứ nhất"


def test_a_stale_copy_of_a_section_gets_a_conflict(client, tree, district_draft):
    plan, section = district_draft["plan"], district_draft["section"]
    url = reverse("part_edit", args=[plan.pk, "section", section.pk])
    client.force_login(district_draft["drafter"])
    data = {"heading": "Mục đích (bản 1)", "numbering": "auto", "body": "Nội dung.", "block": "text",
            "revision": section.revision}
    assert client.post(url, data).status_code == 302
    stale = client.post(url, {**data, "heading": "Mục đích (bản 2)"})
    assert "vừa được người khác lưu sau khi bạn mở" in stale.content.decode()
    section.refresh_from_db()
    assert section.heading == "Mục đích (bản 1)"


def test_invalid_dates_keep_the_input_and_say_why(client, tree, district_draft):
    plan = district_draft["plan"]
    client.force_login(district_draft["drafter"])
    response = client.post(reverse("plan_edit", args=[plan.pk]),
                           plan_form_data(plan, title="Tiêu đề mới gõ", starts_on="31/12/2026", ends_on="01/01/2026"))
    body = response.content.decode()
    assert "Ngày kết thúc phải sau ngày bắt đầu." in body
    assert "Tiêu đề mới gõ" in body
    bad = client.post(reverse("plan_edit", args=[plan.pk]), plan_form_data(plan, starts_on="32/13/2026"))
    assert "Nhập một ngày hợp lệ." in bad.content.decode()


def test_htmx_part_add_returns_the_refreshed_panel(client, tree, district_draft):
    plan = district_draft["plan"]
    client.force_login(district_draft["drafter"])
    response = client.post(reverse("part_add", args=[plan.pk, "recipient"]), {"text": "Thường trực Huyện ủy"},
                           HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert 'id="phan-recipient"' in response.content.decode()
    assert "Thường trực Huyện ủy" in response.content.decode()
    invalid = client.post(reverse("part_add", args=[plan.pk, "recipient"]), {"text": ""}, HTTP_HX_REQUEST="true")
    assert (invalid.status_code, invalid.headers["HX-Retarget"], invalid.headers["HX-Reswap"]) == (
        422, "#form-recipient", "innerHTML")  # into the form's slot, the panel around it kept
    assert "Trường này là bắt buộc." in invalid.content.decode()
    assert 'id="phan-recipient"' not in invalid.content.decode()


def test_sections_nest_and_reorder(client, tree, district_draft):
    plan, first = district_draft["plan"], district_draft["section"]
    drafter = district_draft["drafter"]
    second = services.plan_part_save(actor=drafter, plan=plan, instance=Section(), values={"heading": "Yêu cầu"})
    client.force_login(drafter)
    client.post(reverse("part_move", args=[plan.pk, "section", second.pk]), {"direction": "in"})
    second.refresh_from_db()
    assert second.parent == first
    client.post(reverse("part_move", args=[plan.pk, "section", second.pk]), {"direction": "out"})
    client.post(reverse("part_move", args=[plan.pk, "section", second.pk]), {"direction": "up"})
    assert list(Section.objects.filter(plan=plan, parent=None).order_by("position")
                .values_list("heading", flat=True)) == ["Yêu cầu", "Mục đích"]


def _issued_plan(tree, people, title):
    plan = build_plan(tree, people)
    Plan.objects.filter(pk=plan.pk).update(title=title)
    services.plan_submit(actor=people["drafter"], plan=plan)
    return people["chain"].issue(plan)


def test_plan_list_query_count_is_constant(client, tree, people, django_assert_max_num_queries):
    first = _issued_plan(tree, people, "Kế hoạch thứ 0")
    client.force_login(people["officer_a"])
    with django_assert_max_num_queries(30) as one:
        client.get(reverse("plan_list"))
    for number in range(1, 20):
        # More issued plans as rows (issuing each through the signing chain took 40 s): the list
        # reads the same columns however a plan was issued.
        plan = Plan.objects.create(
            issuer=first.issuer, state=PlanState.ISSUED, number=100 + number, symbol=first.symbol,
            issued_on=first.issued_on, title=f"Kế hoạch thứ {number}", place_name=first.place_name,
            sign_title=first.sign_title, frozen_header=first.frozen_header)
        PlanBinding.objects.create(plan=plan, unit=tree["district_a"])
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(reverse("plan_list"))
    assert response.content.decode().count('href="/ke-hoach/') >= 20


def test_plan_page_query_count_is_constant(client, tree, people, django_assert_max_num_queries):
    plan = _issued_plan(tree, people, "Kế hoạch đo truy vấn")
    client.force_login(people["officer_a"])
    with django_assert_max_num_queries(60) as few:
        client.get(reverse("plan_detail", args=[plan.pk]))
    group = CriterionGroup.objects.create(plan=plan, title="Nhóm thêm", position=99)
    for number in range(20):
        Section.objects.create(plan=plan, heading=f"Mục thêm {number}", position=100 + number)
        Criterion.objects.create(plan=plan, group=group, text=f"Tiêu chí {number}", position=number)
        UnitFactory(parent=tree["district_b"])
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("plan_detail", args=[plan.pk]))
    assert "MỤC THÊM 19" in response.content.decode()


def test_register_refuses_people_who_neither_draft_nor_sign(client, tree):
    client.force_login(person_with_role(Role.REVIEWER, tree["province"]))
    assert client.get(reverse("register_list")).status_code == 403


def test_awaiting_tab_lists_drafts_for_the_signer(client, tree, people):
    plan = build_plan(tree, people)
    services.plan_submit(actor=people["drafter"], plan=plan)
    client.force_login(people["signer"])
    body = client.get(reverse("plan_list"), {"tab": "awaiting"}).content.decode()
    assert "Phát động phong trào thi đua năm 2026" in body
    home = client.get(reverse("home")).content.decode()
    assert "Dự thảo kế hoạch chờ ký" in home


def test_year_and_state_filters(client, tree, people):
    plan = _issued_plan(tree, people, "Kế hoạch năm nay")
    client.force_login(people["officer_a"])
    year = plan.issued_on.year
    assert "Kế hoạch năm nay" in client.get(reverse("plan_list"), {"year": year}).content.decode()
    assert "Kế hoạch năm nay" not in client.get(reverse("plan_list"), {"year": year - 1}).content.decode()
    assert "Kế hoạch năm nay" not in client.get(reverse("plan_list"), {"state": "draft"}).content.decode()
    assert "Kế hoạch năm nay" in client.get(reverse("plan_list"), {"q": plan.number_symbol}).content.decode()
    assert datetime.date.today().year >= 2026


# Panels other apps contribute to the plan page ------------------------------------------

def test_the_plan_page_shows_each_person_the_links_their_rules_allow(client, tree, people):
    setup = issued_plan_with_review_office(tree, people)
    plan = setup["plan"]
    links = {"nominate": reverse("nomination_create", args=[plan.pk]),
             "ledger": reverse("quota_ledger", args=[plan.pk]), "rollup": reverse("plan_rollup", args=[plan.pk])}
    seen = {}
    for name in ("officer_a", "reviewer", "signer", "drafter"):
        client.force_login(setup[name])
        body = client.get(reverse("plan_detail", args=[plan.pk])).content.decode()
        seen[name] = {link for link, url in links.items() if f'href="{url}"' in body}
    assert seen == {"officer_a": {"nominate"}, "reviewer": {"ledger", "rollup"}, "signer": {"ledger"},
                    "drafter": {"ledger", "rollup"}}


def test_a_panel_builder_returning_none_adds_nothing_and_awards_registers_its_own(tree, people, monkeypatch):
    assert plan_awards_panel in panels.plan_panels
    plan = build_plan(tree, people)
    monkeypatch.setattr(panels, "plan_panels", [lambda user, plan: None,
                                                lambda user, plan: {"template": "x.html", "title": plan.title}])
    assert panels.panels_for(people["drafter"], plan) == [
        {"template": "x.html", "title": "Phát động phong trào thi đua năm 2026"}]
    assert plan_awards_panel(people["officer_a"], plan) is None  # a draft: nothing to nominate under yet
