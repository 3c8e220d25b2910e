"""Keeping the country's unit tree in the browser: national administrators
create, rename, merge and archive provinces; province administrators add
their departments, schools, military command and police. Every refusal too."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from emulation import services
from emulation.models import AuditEntry, DocumentType, RegisterEntry, Role, RoleAssignment, Unit, UnitKind
from tests.factories import UnitFactory, UserFactory, national_administrator, person_with_role

NEW_PROVINCE = {
    "code": "tinh-moi", "official_code": "99", "kind": UnitKind.PROVINCE, "name": "Ủy ban nhân dân tỉnh Mới",
    "header_name": "ủy ban nhân dân tỉnh mới", "parent_header_name": "", "abbreviation": "UBND",
    "place_name": "Mới", "numbering_mode": "per_type", "dissolved_on": "",
}


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


@pytest.fixture
def neighbour(tree):
    """A second province with a district and its commune: province A is ``tree``'s."""
    province = UnitFactory(kind=UnitKind.PROVINCE, name="Ủy ban nhân dân tỉnh Kiên Giang", code="tinh-b",
                           header_name="ỦY BAN NHÂN DÂN TỈNH KIÊN GIANG")
    district = UnitFactory(kind=UnitKind.DISTRICT, name="Ủy ban nhân dân huyện Hòn Đất", code="huyen-c",
                           parent=province)
    commune = UnitFactory(kind=UnitKind.COMMUNE, name="Ủy ban nhân dân xã Sơn Kiên", code="xa-c1", parent=district)
    return {"province": province, "district": district, "commune": commune}


def unit_data(unit: Unit, **changes) -> dict:
    data = {"code": unit.code, "official_code": unit.official_code or "", "kind": unit.kind, "name": unit.name,
            "header_name": unit.header_name, "parent_header_name": unit.parent_header_name,
            "abbreviation": unit.abbreviation, "place_name": unit.place_name, "numbering_mode": unit.numbering_mode,
            "dissolved_on": ""}
    return {**data, **changes}


# Creating provinces -------------------------------------------------------------------------

def test_a_national_administrator_creates_a_province(client, db):
    admin = national_administrator()
    client.force_login(admin)
    assert "Thêm tỉnh, thành phố" in client.get(reverse("unit_directory")).content.decode()
    assert client.get(reverse("unit_create_top_level")).status_code == 200
    response = client.post(reverse("unit_create_top_level"), NEW_PROVINCE, follow=True)
    unit = Unit.objects.get(code="tinh-moi")
    assert response.redirect_chain == [(reverse("unit_detail", args=[unit.pk]), 302)]
    assert messages_of(response) == ["Đã tạo đơn vị Ủy ban nhân dân tỉnh Mới."]
    assert (unit.parent, unit.path, unit.depth, unit.official_code, unit.header_name) == (
        None, f"{unit.pk:08d}/", 0, "99", "ỦY BAN NHÂN DÂN\nTỈNH MỚI")
    entry = AuditEntry.objects.get(action="unit.create", object_id=unit.pk)
    assert (entry.actor, entry.changes) == (admin, {"tên đầy đủ": "Ủy ban nhân dân tỉnh Mới"})


@pytest.mark.parametrize("role", [Role.ADMINISTRATOR, Role.UNIT_OFFICER])
def test_no_one_else_creates_a_province(client, tree, role):
    person = person_with_role(role, tree["province"])
    client.force_login(person)
    assert "Thêm tỉnh, thành phố" not in client.get(reverse("unit_directory")).content.decode()
    for response in (client.get(reverse("unit_create_top_level")),
                     client.post(reverse("unit_create_top_level"), NEW_PROVINCE)):
        assert response.status_code == 403
        assert "Chỉ quản trị hệ thống toàn quốc được tạo đơn vị cấp cao nhất." in response.content.decode()
    with pytest.raises(PermissionDenied):
        services.unit_create(actor=person, parent=None, **{**NEW_PROVINCE, "dissolved_on": None})
    assert not Unit.objects.filter(code="tinh-moi").exists()


def test_a_province_sits_only_at_the_top(tree):
    with pytest.raises(ValidationError) as refused:
        services.unit_create(actor=None, parent=tree["province"], **{**NEW_PROVINCE, "dissolved_on": None})
    assert refused.value.message_dict == {"kind": ["Tỉnh, thành phố trực thuộc trung ương chỉ ở cấp cao nhất."]}


# Renaming, and what a national administrator may not do ------------------------------------

def test_a_national_administrator_renames_a_province(client, tree):
    admin = national_administrator()
    client.force_login(admin)
    province = tree["province"]
    page = client.get(reverse("unit_detail", args=[province.pk])).content.decode()
    assert "Sửa thông tin" in page and "Sáp nhập" in page
    assert "Thêm đơn vị trực thuộc" not in page  # what is inside a province is its administrators'
    response = client.post(reverse("unit_edit", args=[province.pk]), unit_data(
        province, name="Ủy ban nhân dân tỉnh An Giang mới", header_name="ỦY BAN NHÂN DÂN\nTỈNH AN GIANG MỚI"))
    assert response.status_code == 302
    province.refresh_from_db()
    assert (province.name, province.header_name) == ("Ủy ban nhân dân tỉnh An Giang mới",
                                                     "ỦY BAN NHÂN DÂN\nTỈNH AN GIANG MỚI")
    entry = AuditEntry.objects.get(action="unit.update", object_id=province.pk)
    assert (entry.actor, entry.changes) == (admin, {
        "tên đầy đủ": ["Ủy ban nhân dân tỉnh An Giang", "Ủy ban nhân dân tỉnh An Giang mới"],
        "tên in ở tiêu đề văn bản": ["ỦY BAN NHÂN DÂN\nTỈNH AN GIANG", "ỦY BAN NHÂN DÂN\nTỈNH AN GIANG MỚI"],
    })


def test_a_national_administrator_does_not_manage_inside_a_province(client, tree):
    client.force_login(national_administrator())
    province, district = tree["province"], tree["district_a"]
    assert client.get(reverse("unit_create", args=[province.pk])).status_code == 403
    assert client.get(reverse("unit_detail", args=[district.pk])).status_code == 403
    assert client.get(reverse("unit_edit", args=[district.pk])).status_code == 403
    assert client.get(reverse("unit_archive", args=[district.pk])).status_code == 403
    assert client.get(reverse("unit_merge", args=[district.pk])).status_code == 403


# Province administrators add their units ----------------------------------------------------

@pytest.mark.parametrize(("kind", "name", "abbreviation"), [
    (UnitKind.DEPARTMENT, "Sở Y tế tỉnh An Giang", "SYT"),
    (UnitKind.SCHOOL, "Trường Trung học phổ thông Long Xuyên", "THPT"),
    (UnitKind.MILITARY, "Bộ Chỉ huy Quân sự tỉnh An Giang", "BCH"),
    (UnitKind.POLICE, "Công an tỉnh An Giang", "CAT"),
])
def test_a_province_administrator_adds_departments_schools_military_and_police(client, tree, kind, name,
                                                                              abbreviation):
    admin = person_with_role(Role.ADMINISTRATOR, tree["province"])
    client.force_login(admin)
    response = client.post(reverse("unit_create", args=[tree["province"].pk]), {
        "code": "moi", "kind": kind, "name": name, "header_name": name.upper(),
        "parent_header_name": "ỦY BAN NHÂN DÂN TỈNH AN GIANG", "abbreviation": abbreviation,
        "place_name": "An Giang", "numbering_mode": "per_type"}, follow=True)
    unit = Unit.objects.get(code="moi")
    assert messages_of(response) == [f"Đã tạo đơn vị {name}."]
    assert (unit.kind, unit.parent, unit.path, unit.depth, unit.official_code) == (
        kind, tree["province"], f"{tree['province'].path}{unit.pk:08d}/", 1, None)
    assert AuditEntry.objects.get(action="unit.create", object_id=unit.pk).actor == admin


def test_a_province_administrator_cannot_add_a_province_under_theirs(client, tree):
    client.force_login(person_with_role(Role.ADMINISTRATOR, tree["province"]))
    response = client.post(reverse("unit_create", args=[tree["province"].pk]), {
        **NEW_PROVINCE, "code": "tinh-con", "official_code": ""})
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "kind": ["Hãy chọn một lựa chọn hợp lệ. province không phải là một trong các lựa chọn khả thi."]}
    assert not Unit.objects.filter(code="tinh-con").exists()


def test_a_province_administrator_cannot_act_in_another_province(client, tree, neighbour):
    client.force_login(person_with_role(Role.ADMINISTRATOR, tree["province"]))
    other = neighbour["province"]
    created = client.post(reverse("unit_create", args=[other.pk]), {
        "code": "so-ngoai", "kind": UnitKind.DEPARTMENT, "name": "Sở Ngoài", "header_name": "SỞ NGOÀI",
        "abbreviation": "SN", "place_name": "Kiên Giang", "numbering_mode": "per_type"})
    assert created.status_code == 403
    assert "Bạn không quản trị đơn vị này." in created.content.decode()
    assert client.post(reverse("unit_edit", args=[other.pk]), unit_data(other, name="Đổi")).status_code == 403
    assert client.post(reverse("unit_merge", args=[other.pk]), {"into": tree["province"].pk}).status_code == 403
    assert not Unit.objects.filter(code="so-ngoai").exists()
    assert Unit.objects.get(pk=other.pk).name == "Ủy ban nhân dân tỉnh Kiên Giang"


def test_an_officer_without_the_role_adds_nothing(client, tree):
    client.force_login(person_with_role(Role.UNIT_OFFICER, tree["province"]))
    assert client.get(reverse("unit_create", args=[tree["province"].pk])).status_code == 403
    assert client.get(reverse("unit_merge", args=[tree["district_a"].pk])).status_code == 403
    assert client.get(reverse("unit_archive", args=[tree["province"].pk])).status_code == 403


# Archiving a province -------------------------------------------------------------------------

def test_a_province_is_archived_by_a_national_administrator_not_by_its_own(client, tree, neighbour):
    client.force_login(person_with_role(Role.ADMINISTRATOR, tree["province"]))
    refused = client.post(reverse("unit_archive", args=[tree["province"].pk]), {"reason": "Sáp nhập"})
    assert refused.status_code == 403
    assert Unit.objects.get(pk=tree["province"].pk).archived_at is None
    admin = national_administrator()
    client.force_login(admin)
    response = client.post(reverse("unit_archive", args=[tree["province"].pk]),
                           {"reason": "Giải thể theo Nghị quyết", "dissolved_on": "30/06/2025"}, follow=True)
    assert messages_of(response) == [
        "Đã lưu trữ đơn vị Ủy ban nhân dân tỉnh An Giang và các đơn vị trực thuộc."]
    assert Unit.objects.filter(archived_at__isnull=False).count() == 5
    client.force_login(person_with_role(Role.ADMINISTRATOR, neighbour["province"]))
    assert client.post(reverse("unit_restore", args=[tree["province"].pk])).status_code == 403
    client.force_login(admin)
    restored = client.post(reverse("unit_restore", args=[tree["province"].pk]), follow=True)
    assert messages_of(restored) == ["Đã khôi phục đơn vị Ủy ban nhân dân tỉnh An Giang."]
    assert list(AuditEntry.objects.filter(object_id=tree["province"].pk, action__startswith="unit.")
                .values_list("action", "actor")) == [("unit.restore", admin.pk), ("unit.archive", admin.pk),
                                                     ("unit.create", None)]


# Merging ----------------------------------------------------------------------------------------

def test_merging_a_province_asks_first_then_moves_its_subtree_and_keeps_its_history(client, tree, neighbour):
    admin = national_administrator()
    client.force_login(admin)
    source, into = neighbour["province"], tree["province"]
    entry = RegisterEntry.objects.create(
        issuer=source, year=2025, number=12, doc_type=DocumentType.PLAN, symbol="KH-UBND",
        issued_on=datetime.date(2025, 2, 10), subject="Kế hoạch thi đua năm 2025", signer_name="Lâm Minh Thành")
    form = client.get(reverse("unit_merge", args=[source.pk]))
    assert [unit.name for unit in form.context["form"].fields["into"].queryset] == [
        "Ủy ban nhân dân tỉnh An Giang"]  # the national body is no province to merge into
    data = {"into": into.pk, "reason": "Theo Nghị quyết số 202/2025/QH15.", "dissolved_on": "30/06/2025"}
    confirm = client.post(reverse("unit_merge", args=[source.pk]), data)
    body = confirm.content.decode()
    assert confirm.status_code == 200
    assert "Sáp nhập Ủy ban nhân dân tỉnh Kiên Giang vào Ủy ban nhân dân tỉnh An Giang?" in body
    assert "1 đơn vị trực thuộc sẽ chuyển sang Ủy ban nhân dân tỉnh An Giang." in body
    assert "Tổng cộng 2 đơn vị đổi vị trí trong cây đơn vị." in body
    assert "Xác nhận sáp nhập" in body
    assert Unit.objects.get(pk=source.pk).archived_at is None  # nothing happens before the confirmation

    response = client.post(reverse("unit_merge", args=[source.pk]), {**data, "confirm": "1"}, follow=True)
    assert response.redirect_chain == [(reverse("unit_detail", args=[into.pk]), 302)]
    assert messages_of(response) == [
        "Đã sáp nhập Ủy ban nhân dân tỉnh Kiên Giang vào Ủy ban nhân dân tỉnh An Giang."]
    source.refresh_from_db()
    assert (source.archive_reason, source.dissolved_on) == (
        "Sáp nhập vào Ủy ban nhân dân tỉnh An Giang. Theo Nghị quyết số 202/2025/QH15.", datetime.date(2025, 6, 30))
    assert source.archived_at is not None
    district = Unit.objects.get(pk=neighbour["district"].pk)
    commune = Unit.objects.get(pk=neighbour["commune"].pk)
    assert (district.parent_id, district.path, district.depth, district.archived_at) == (
        into.pk, f"{into.path}{district.pk:08d}/", 1, None)
    assert (commune.path, commune.depth) == (f"{district.path}{commune.pk:08d}/", 2)
    assert RegisterEntry.objects.get(pk=entry.pk).issuer_id == source.pk
    merge = AuditEntry.objects.get(action="unit.merge", object_id=source.pk)
    assert (merge.actor, merge.from_state, merge.to_state, merge.reason, merge.changes) == (
        admin, "active", "archived", source.archive_reason,
        {"Sáp nhập vào": "Ủy ban nhân dân tỉnh An Giang", "Đơn vị trực thuộc chuyển sang": [
            "Ủy ban nhân dân huyện Hòn Đất"]})
    assert AuditEntry.objects.get(action="unit.merge_in", object_id=into.pk).changes == {
        "Đơn vị sáp nhập": "Ủy ban nhân dân tỉnh Kiên Giang",
        "Đơn vị trực thuộc chuyển sang": ["Ủy ban nhân dân huyện Hòn Đất"]}
    assert AuditEntry.objects.get(action="unit.update", object_id=district.pk).changes == {
        "đơn vị cấp trên": ["Ủy ban nhân dân tỉnh Kiên Giang", "Ủy ban nhân dân tỉnh An Giang"]}
    page = client.get(reverse("unit_detail", args=[source.pk])).content.decode()
    assert "Sáp nhập vào Ủy ban nhân dân tỉnh An Giang." in page
    assert "Sáp nhập vào đơn vị khác" in page  # its history says so


def test_a_province_administrator_cannot_merge_their_province(client, tree, neighbour):
    client.force_login(person_with_role(Role.ADMINISTRATOR, tree["province"]))
    assert client.get(reverse("unit_merge", args=[tree["province"].pk])).status_code == 403
    response = client.post(reverse("unit_merge", args=[tree["province"].pk]),
                           {"into": neighbour["province"].pk, "confirm": "1"})
    assert response.status_code == 403
    assert Unit.objects.get(pk=tree["province"].pk).archived_at is None


def test_a_province_administrator_merges_two_communes_of_their_province(client, tree):
    admin = person_with_role(Role.ADMINISTRATOR, tree["province"])
    client.force_login(admin)
    into = UnitFactory(kind=UnitKind.WARD, name="Ủy ban nhân dân phường Tri Tôn", parent=tree["district_b"])
    school = UnitFactory(kind=UnitKind.SCHOOL, name="Trường Tiểu học Ba Chúc", parent=tree["commune_b"])
    response = client.post(reverse("unit_merge", args=[tree["commune_b"].pk]), {"into": into.pk, "confirm": "1"})
    assert response.status_code == 302
    school.refresh_from_db()
    assert (school.parent_id, school.path, school.depth) == (into.pk, f"{into.path}{school.pk:08d}/", 3)
    assert Unit.objects.get(pk=tree["commune_b"].pk).archive_reason == (
        "Sáp nhập vào Ủy ban nhân dân phường Tri Tôn.")


def test_a_merge_stays_within_one_level_and_one_kind(tree, neighbour):
    admin = national_administrator()
    with pytest.raises(ValidationError) as across:
        services.unit_merge(actor=None, unit=tree["commune_a"], into=neighbour["commune"])
    assert across.value.message_dict == {"into": ["Chỉ sáp nhập vào đơn vị cùng cấp, cùng đơn vị cấp trên."]}
    body = Unit.objects.get(kind=UnitKind.DEPARTMENT, parent=None)
    with pytest.raises(ValidationError) as kinds:
        services.unit_merge(actor=admin, unit=tree["province"], into=body)
    assert kinds.value.message_dict == {"into": ["Chỉ sáp nhập vào đơn vị cùng loại."]}
    with pytest.raises(PermissionDenied):
        services.unit_merge(actor=admin, unit=tree["district_a"], into=tree["district_b"])
    assert Unit.objects.filter(archived_at__isnull=False).count() == 0


def test_a_merged_province_is_not_offered_again(client, tree, neighbour):
    admin = national_administrator()
    services.unit_merge(actor=admin, unit=neighbour["province"], into=tree["province"])
    client.force_login(admin)
    response = client.post(reverse("unit_merge", args=[tree["province"].pk]),
                           {"into": neighbour["province"].pk, "confirm": "1"})
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "into": ["Hãy chọn một lựa chọn hợp lệ. Lựa chọn đó không phải là một trong các lựa chọn khả thi."]}
    assert Unit.objects.get(pk=tree["province"].pk).archived_at is None


# The national role is given only by those who hold it ---------------------------------------------

def test_a_province_administrator_cannot_grant_the_national_role(client, tree):
    admin = person_with_role(Role.ADMINISTRATOR, tree["province"])
    colleague = person_with_role(Role.DRAFTER, tree["province"])
    client.force_login(admin)
    page = client.get(reverse("unit_detail", args=[tree["province"].pk]))
    assert Role.NATIONAL_ADMINISTRATOR not in dict(page.context["role_form"].fields["role"].choices)
    response = client.post(reverse("role_add", args=[tree["province"].pk]),
                           {"user": colleague.pk, "role": Role.NATIONAL_ADMINISTRATOR}, follow=True)
    assert messages_of(response) == ["Chưa phân công được: hãy chọn người dùng và vai trò."]
    with pytest.raises(PermissionDenied) as refused:
        services.role_assign(actor=admin, user=colleague, unit=tree["province"], role=Role.NATIONAL_ADMINISTRATOR)
    assert str(refused.value) == "Chỉ quản trị hệ thống toàn quốc được giao vai trò này."
    assert not RoleAssignment.objects.filter(role=Role.NATIONAL_ADMINISTRATOR).exists()


def test_a_superuser_grants_the_national_role(tree):
    person = UserFactory()
    services.role_assign(actor=UserFactory(is_superuser=True), user=person, unit=tree["province"],
                         role=Role.NATIONAL_ADMINISTRATOR)
    assert list(RoleAssignment.objects.filter(user=person).values_list("role", flat=True)) == [
        Role.NATIONAL_ADMINISTRATOR]


def test_a_national_administrator_appoints_a_province_administrator_and_nothing_else(client, tree):
    admin = national_administrator()
    newcomer = UserFactory(full_name="Trần Văn Mới")  # works nowhere yet, as in a new province
    client.force_login(admin)
    page = client.get(reverse("unit_detail", args=[tree["province"].pk]))
    assert list(page.context["role_form"].fields["role"].choices) == [
        (Role.ADMINISTRATOR, "Quản trị"), (Role.NATIONAL_ADMINISTRATOR, "Quản trị hệ thống toàn quốc")]
    refused = client.post(reverse("role_add", args=[tree["province"].pk]),
                          {"user": newcomer.pk, "role": Role.DRAFTER}, follow=True)
    assert messages_of(refused) == ["Chưa phân công được: hãy chọn người dùng và vai trò."]
    with pytest.raises(PermissionDenied):
        services.role_assign(actor=admin, user=newcomer, unit=tree["district_a"], role=Role.ADMINISTRATOR)
    response = client.post(reverse("role_add", args=[tree["province"].pk]),
                           {"user": newcomer.pk, "role": Role.ADMINISTRATOR}, follow=True)
    assert messages_of(response) == ["Đã phân công vai trò."]
    assignment = RoleAssignment.objects.get(user=newcomer)
    assert (assignment.unit, assignment.role) == (tree["province"], Role.ADMINISTRATOR)
    entry = AuditEntry.objects.get(action="role.assign", object_id=tree["province"].pk)
    assert (entry.actor, entry.changes) == (admin, {"người dùng": newcomer.username, "vai trò": "Quản trị"})


def test_a_national_administrator_sees_the_provinces_on_the_home_page(client, tree, neighbour):
    client.force_login(national_administrator())
    desks = client.get(reverse("home")).context["desks"]
    assert [(desk.role_label, [(task.title, task.count) for task in desk.tasks]) for desk in desks] == [
        ("Quản trị hệ thống toàn quốc", [("Tỉnh, thành phố trực thuộc trung ương", 2)])]


def test_an_official_code_is_two_or_five_digits(client, db):
    client.force_login(national_administrator())
    response = client.post(reverse("unit_create_top_level"), {**NEW_PROVINCE, "official_code": "9A"})
    assert response.status_code == 200
    assert response.context["form"].errors == {"official_code": [
        "Mã đơn vị hành chính gồm 2 chữ số (tỉnh, thành phố) hoặc 5 chữ số (xã, phường, đặc khu)."]}
    assert not Unit.objects.filter(code="tinh-moi").exists()
