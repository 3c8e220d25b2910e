"""The drafting page's preview: the plan as it prints, as a fragment, each printed piece
naming the row it comes from; the drafting writes tell the page to reload it."""

import re

import pytest
from django.urls import reverse

from campaigns.models import Assignment, Criterion, CriterionGroup, LegalBasis, Quota, Recipient, Target
from campaigns.printing import plan_layout
from campaigns.services import plans as services
from emulation.documents.issue import document_html
from emulation.models import Role
from tests.builders import build_plan
from tests.factories import person_with_role
from tests.test_plans_views import plan_form_data

PLAN_CHANGED = '{"plan-changed": {}}'


def sources(body: str) -> list[str]:
    return re.findall(r'data-source="([^"]+)"', body)


def test_the_drafter_sees_the_plan_as_it_prints_each_piece_naming_its_row(client, tree, people):
    plan = build_plan(tree, people)
    services.plan_part_save(actor=people["drafter"], plan=plan, instance=LegalBasis(),
                            values={"text": "Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022"})
    client.force_login(people["drafter"])
    response = client.get(reverse("plan_preview", args=[plan.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    purpose, content, period, assignments = plan.sections.order_by("pk")
    basis = LegalBasis.objects.get(plan=plan)
    group, criterion = CriterionGroup.objects.get(plan=plan), Criterion.objects.get(plan=plan)
    assignment, recipient = Assignment.objects.get(plan=plan), Recipient.objects.get(plan=plan)
    assert sources(body) == [
        "plan", "plan", f"legal_basis-{basis.pk}",
        f"section-{purpose.pk}", f"section-{purpose.pk}", f"section-{purpose.pk}",
        f"section-{content.pk}", f"criterion_group-{group.pk}", f"criterion-{criterion.pk}",
        f"section-{period.pk}", "plan",
        f"section-{assignments.pk}", f"assignment-{assignment.pk}",
        f"recipient-{recipient.pk}", "plan", "plan",
    ]
    assert f'<p class="body" data-source="section-{purpose.pk}">Động viên các cấp.</p>' in body
    assert "<html" not in body
    # Quotas and the target are rows of this plan but no section of it prints them.
    assert (Quota.objects.filter(plan=plan).count(), Target.objects.filter(plan=plan).count()) == (2, 1)


def test_the_print_view_and_the_pdf_carry_no_row_names(client, tree, people):
    plan = build_plan(tree, people)
    client.force_login(people["drafter"])
    printed = client.get(reverse("plan_print", args=[plan.pk])).content.decode()
    assert "data-source" not in printed
    assert "data-source" not in document_html(plan_layout(plan))
    assert "Động viên các cấp." in printed


@pytest.mark.parametrize("role", [Role.DRAFTER, Role.UNIT_OFFICER, Role.SIGNER])
def test_another_district_does_not_see_the_preview(client, tree, district_draft, role):
    client.force_login(person_with_role(role, tree["district_b"]))
    response = client.get(reverse("plan_preview", args=[district_draft["plan"].pk]))
    assert response.status_code == 403
    assert "Nội dung." not in response.content.decode()


def test_the_preview_of_a_plan_already_issued_still_renders(client, tree, people):
    plan = build_plan(tree, people)
    services.plan_submit(actor=people["drafter"], plan=plan)
    plan = people["chain"].issue(plan)
    client.force_login(people["officer_a"])  # bound by it, never its drafter
    response = client.get(reverse("plan_preview", args=[plan.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert f'<div class="doc-number">Số: {plan.number_symbol}</div>' in body
    assert 'class="draft-mark"' not in body
    assert "Động viên các cấp." in body


def test_part_writes_tell_the_page_its_plan_changed(client, tree, district_draft):
    plan, section = district_draft["plan"], district_draft["section"]
    client.force_login(district_draft["drafter"])
    saved = client.post(reverse("part_edit", args=[plan.pk, "section", section.pk]),
                        {"heading": "Mục đích", "body": "Nội dung mới.", "block": "text", "numbering": "auto",
                         "revision": section.revision}, HTTP_HX_REQUEST="true")
    assert (saved.status_code, saved.headers.get("HX-Trigger")) == (200, PLAN_CHANGED)
    section.refresh_from_db()
    assert section.body == "Nội dung mới."
    invalid = client.post(reverse("part_add", args=[plan.pk, "recipient"]), {"text": ""}, HTTP_HX_REQUEST="true")
    assert (invalid.status_code, invalid.headers.get("HX-Trigger")) == (422, None)
    moved = client.post(reverse("part_move", args=[plan.pk, "section", section.pk]), {"direction": "down"},
                        HTTP_HX_REQUEST="true")
    assert moved.headers.get("HX-Trigger") == PLAN_CHANGED
    deleted = client.post(reverse("part_delete", args=[plan.pk, "section", section.pk]),
                          {"revision": section.revision}, HTTP_HX_REQUEST="true")
    assert (deleted.status_code, deleted.headers.get("HX-Trigger")) == (200, PLAN_CHANGED)
    assert plan.sections.count() == 0
    not_htmx = client.post(reverse("part_add", args=[plan.pk, "recipient"]), {"text": "Sở Nội vụ"})
    assert (not_htmx.status_code, not_htmx.headers.get("HX-Trigger")) == (302, None)


def test_a_stale_delete_does_not_reload_the_preview(client, tree, district_draft):
    plan, section = district_draft["plan"], district_draft["section"]
    client.force_login(district_draft["drafter"])
    response = client.post(reverse("part_delete", args=[plan.pk, "section", section.pk]),
                           {"revision": section.revision + 1}, HTTP_HX_REQUEST="true")
    assert (response.status_code, response.headers.get("HX-Trigger")) == (200, None)
    assert list(plan.sections.values_list("heading", flat=True)) == ["Mục đích"]


def test_the_general_info_saves_in_place_and_reloads_the_preview(client, tree, district_draft):
    plan = district_draft["plan"]
    client.force_login(district_draft["drafter"])
    url = reverse("plan_edit", args=[plan.pk])
    saved = client.post(url, plan_form_data(plan, title="Kế hoạch thi đua năm 2026 của huyện"), HTTP_HX_REQUEST="true")
    body = saved.content.decode()
    assert (saved.status_code, saved.headers.get("HX-Trigger")) == (200, PLAN_CHANGED)
    assert body.lstrip().startswith('<section class="card mb-4" id="thong-tin-chung"')
    assert "Đã lưu thông tin chung của kế hoạch." in body
    plan.refresh_from_db()
    assert plan.title == "Kế hoạch thi đua năm 2026 của huyện"
    assert f'name="revision" value="{plan.revision}"' in body
    invalid = client.post(url, plan_form_data(plan, starts_on="32/13/2026"), HTTP_HX_REQUEST="true")
    assert (invalid.status_code, invalid.headers.get("HX-Trigger")) == (200, None)
    assert "Nhập một ngày hợp lệ." in invalid.content.decode()
    assert "Đã lưu thông tin chung" not in invalid.content.decode()
    stale = client.post(url, plan_form_data(plan, title="Bản cũ", revision=plan.revision - 1), HTTP_HX_REQUEST="true")
    assert (stale.status_code, stale.headers.get("HX-Trigger")) == (200, None)
    plan.refresh_from_db()
    assert plan.title == "Kế hoạch thi đua năm 2026 của huyện"


def test_the_edit_page_loads_the_preview_beside_the_parts(client, tree, district_draft):
    plan = district_draft["plan"]
    client.force_login(district_draft["drafter"])
    body = client.get(reverse("plan_edit", args=[plan.pk])).content.decode()
    assert (f'<div id="ban-xem-truoc" hx-get="{reverse("plan_preview", args=[plan.pk])}" '
            'hx-trigger="load, plan-changed from:body"') in body
    assert "Đang cập nhật bản xem trước…" in body


def test_the_preview_brings_the_list_of_what_stops_signing_up_to_date(client, tree, district_draft):
    plan = district_draft["plan"]
    client.force_login(district_draft["drafter"])
    missing = client.get(reverse("plan_preview", args=[plan.pk])).content.decode()
    assert ('<div id="can-hoan-thien" aria-live="polite" hx-swap-oob="true"><div class="alert alert-warning">'
            in missing)
    assert "<li>Chưa có nơi nhận.</li>" in missing

    services.plan_part_save(actor=district_draft["drafter"], plan=plan, instance=Recipient(),
                            values={"text": "Thường trực Huyện ủy"})

    complete = client.get(reverse("plan_preview", args=[plan.pk])).content.decode()
    assert '<div id="can-hoan-thien" aria-live="polite" hx-swap-oob="true"></div>' in complete
    edit_page = client.get(reverse("plan_edit", args=[plan.pk])).content.decode()
    assert '<div id="can-hoan-thien" aria-live="polite"></div>' in edit_page


def test_on_screen_the_computed_widths_are_data_and_only_the_pdf_has_style_attributes(client, tree, people):
    """The CSP refuses style attributes in a browser; static/js/document-geometry.js applies data-geometry."""
    plan = build_plan(tree, people)
    layout = plan_layout(plan)
    client.force_login(people["drafter"])
    issuer, nation = layout.issuer_column_percent, layout.nation_column_percent
    for url in (reverse("plan_preview", args=[plan.pk]), reverse("plan_print", args=[plan.pk]),
                reverse("plan_detail", args=[plan.pk])):
        body = client.get(url).content.decode()
        assert ' style="' not in body
        assert f'<td class="doc-issuer" data-geometry="width: {issuer}%">' in body
        assert f'<td class="doc-nation" data-geometry="width: {nation}%">' in body
    assert issuer + nation == 100
    pdf_html = document_html(layout)
    assert f'<td class="doc-issuer" style="width: {issuer}%">' in pdf_html
    assert "data-geometry" not in pdf_html
