import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from emulation import services
from emulation.models import AuditEntry, EmulationBloc, Role, RoleAssignment, Unit, UnitKind
from tests.factories import UnitFactory, UserFactory, person_with_role


def test_directory_shows_only_the_subtree_the_person_may_see(client, tree):
    client.force_login(person_with_role(Role.UNIT_OFFICER, tree["district_a"]))
    body = client.get(reverse("unit_directory")).content.decode()
    assert "Ủy ban nhân dân huyện Châu Phú" in body
    assert "Ủy ban nhân dân xã Bình Mỹ" in body
    assert "Tri Tôn" not in body
    assert "Ba Chúc" not in body
    assert "tỉnh An Giang" not in body


def test_directory_search_ignores_diacritics_and_keeps_the_path(client, tree):
    client.force_login(person_with_role(Role.ADMINISTRATOR, tree["province"]))
    body = client.get(reverse("unit_directory"), {"q": "binh my"}).content.decode()
    assert "Ủy ban nhân dân xã Bình Mỹ" in body
    assert "Ủy ban nhân dân huyện Châu Phú" in body  # its ancestor, for context
    assert "Ba Chúc" not in body
    empty = client.get(reverse("unit_directory"), {"q": "không có"}).content.decode()
    assert "Không tìm thấy đơn vị nào khớp với “không có”." in empty


def test_directory_query_count_does_not_grow_with_units(client, tree, django_assert_max_num_queries):
    client.force_login(person_with_role(Role.ADMINISTRATOR, tree["province"]))
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("unit_directory"))
    for number in range(20):
        UnitFactory(parent=tree["district_b"], name=f"Ủy ban nhân dân xã Thêm {number}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("unit_directory"))
    assert "Thêm 19" in response.content.decode()


@pytest.mark.parametrize("target", ["district_b", "commune_b", "province"])
def test_a_district_officer_cannot_open_a_unit_outside_their_district(client, tree, target):
    client.force_login(person_with_role(Role.UNIT_OFFICER, tree["district_a"]))
    response = client.get(reverse("unit_detail", args=[tree[target].pk]))
    assert response.status_code == 403
    assert "nằm ngoài phạm vi bạn được xem" in response.content.decode()


def test_unit_page_shows_print_facts_children_people_and_history(client, tree):
    admin = person_with_role(Role.ADMINISTRATOR, tree["province"], full_name="Trần Quản Trị")
    person_with_role(Role.SIGNER, tree["district_a"], full_name="Lê Người Ký")
    client.force_login(admin)
    body = client.get(reverse("unit_detail", args=[tree["district_a"].pk])).content.decode()
    assert "ỦY BAN NHÂN DÂN<br>HUYỆN CHÂU PHÚ" in body  # the header as the lines it prints
    assert "Ủy ban nhân dân xã Bình Mỹ" in body
    assert "Lê Người Ký — Người ký" in body
    assert "Tạo đơn vị" in body  # history


def test_administrator_creates_a_unit_under_their_tree(client, tree):
    admin = person_with_role(Role.ADMINISTRATOR, tree["district_a"])
    client.force_login(admin)
    response = client.post(reverse("unit_create", args=[tree["district_a"].pk]), {
        "code": "xa-moi", "kind": UnitKind.COMMUNE, "name": "Ủy ban nhân dân xã Mới",
        "header_name": "ủy ban nhân dân xã mới", "abbreviation": "UBND", "place_name": "Châu Phú",
        "numbering_mode": "per_type",
    })
    unit = Unit.objects.get(code="xa-moi")
    assert response.status_code == 302 and response["Location"] == reverse("unit_detail", args=[unit.pk])
    assert unit.parent == tree["district_a"]
    assert unit.header_name == "ỦY BAN NHÂN DÂN\nXÃ MỚI"  # typed on one line, stored as the two it prints
    assert unit.path == tree["district_a"].path + f"{unit.pk:08d}/"
    entry = AuditEntry.objects.get(action="unit.create", object_id=unit.pk)
    assert entry.actor == admin


def test_invalid_unit_form_keeps_what_was_typed(client, tree):
    client.force_login(person_with_role(Role.ADMINISTRATOR, tree["district_a"]))
    response = client.post(reverse("unit_create", args=[tree["district_a"].pk]), {
        "code": "xa-a1", "kind": UnitKind.COMMUNE, "name": "Ủy ban nhân dân xã Trùng Mã",
        "header_name": "", "abbreviation": "UBND", "place_name": "Châu Phú", "numbering_mode": "per_type",
    })
    assert response.status_code == 200
    body = response.content.decode()
    assert "Ủy ban nhân dân xã Trùng Mã" in body
    assert "Đơn vị có Mã đơn vị đã tồn tại." in body
    assert "Trường này là bắt buộc." in body


def test_neighbour_administrator_cannot_create_edit_or_archive(client, tree):
    client.force_login(person_with_role(Role.ADMINISTRATOR, tree["district_b"]))
    target = tree["district_a"].pk
    assert client.get(reverse("unit_create", args=[target])).status_code == 403
    assert client.post(reverse("unit_edit", args=[target]), {"name": "Đổi tên"}).status_code == 403
    assert client.post(reverse("unit_archive", args=[target]), {"reason": "x"}).status_code == 403
    assert Unit.objects.get(pk=target).archived_at is None


def test_officer_without_admin_role_cannot_manage_even_their_own_unit(client, tree):
    client.force_login(person_with_role(Role.UNIT_OFFICER, tree["district_a"]))
    assert client.get(reverse("unit_edit", args=[tree["district_a"].pk])).status_code == 403
    assert client.get(reverse("person_list")).status_code == 403
    assert client.get(reverse("bloc_create")).status_code == 403


def test_archiving_needs_a_reason_and_takes_the_subtree(client, tree):
    admin = person_with_role(Role.ADMINISTRATOR, tree["province"])
    client.force_login(admin)
    url = reverse("unit_archive", args=[tree["district_a"].pk])
    missing = client.post(url, {"reason": "  "})
    assert missing.status_code == 200
    assert Unit.objects.get(pk=tree["district_a"].pk).archived_at is None
    response = client.post(url, {"reason": "Giải thể theo Nghị quyết sắp xếp", "dissolved_on": "01/07/2025"})
    assert response.status_code == 302
    archived = Unit.objects.filter(archived_at__isnull=False).values_list("code", flat=True)
    assert set(archived) == {"huyen-a", "xa-a1"}
    district = Unit.objects.get(pk=tree["district_a"].pk)
    assert district.dissolved_on.isoformat() == "2025-07-01"
    # History stays readable; the default directory hides it, the archive filter shows it.
    assert client.get(reverse("unit_detail", args=[district.pk])).status_code == 200
    assert "Châu Phú" not in client.get(reverse("unit_directory")).content.decode()
    assert "Châu Phú" in client.get(reverse("unit_directory"), {"archived": "1"}).content.decode()
    restore = client.post(reverse("unit_restore", args=[district.pk]))
    assert restore.status_code == 302
    assert Unit.objects.get(pk=district.pk).archived_at is None


def test_moving_a_unit_moves_its_subtree(tree):
    services.unit_update(actor=None, unit=tree["district_a"], parent=tree["district_b"])
    commune = Unit.objects.get(pk=tree["commune_a"].pk)
    district = Unit.objects.get(pk=tree["district_a"].pk)
    assert district.path.startswith(tree["district_b"].path)
    assert commune.path == district.path + f"{commune.pk:08d}/"
    assert (district.depth, commune.depth) == (2, 3)


def test_a_unit_cannot_move_under_itself(tree):
    with pytest.raises(ValidationError):
        services.unit_update(actor=None, unit=tree["district_a"], parent=tree["commune_a"])


def test_role_assign_and_revoke_through_the_unit_page(client, tree):
    admin = person_with_role(Role.ADMINISTRATOR, tree["province"])
    # Roles go only to people already working in a unit the administrator manages.
    someone = person_with_role(Role.DRAFTER, tree["district_a"], full_name="Phạm Thị Mới")
    client.force_login(admin)
    client.post(reverse("role_add", args=[tree["commune_a"].pk]), {"user": someone.pk, "role": Role.UNIT_OFFICER})
    assignment = RoleAssignment.objects.get(user=someone, unit=tree["commune_a"])
    assert (assignment.unit, assignment.role) == (tree["commune_a"], Role.UNIT_OFFICER)
    confirm = client.get(reverse("role_remove", args=[assignment.pk]))
    assert "Xác nhận thu hồi" in confirm.content.decode()
    assert RoleAssignment.objects.filter(pk=assignment.pk).exists()
    client.post(reverse("role_remove", args=[assignment.pk]))
    assert not RoleAssignment.objects.filter(pk=assignment.pk).exists()
    assert list(AuditEntry.objects.filter(object_id=tree["commune_a"].pk, action__startswith="role.")
                .values_list("action", flat=True)) == ["role.revoke", "role.assign"]


def test_a_neighbour_cannot_assign_roles(client, tree):
    client.force_login(person_with_role(Role.ADMINISTRATOR, tree["district_b"]))
    someone = UserFactory()
    response = client.post(reverse("role_add", args=[tree["commune_a"].pk]),
                           {"user": someone.pk, "role": Role.ADMINISTRATOR})
    assert response.status_code == 403
    assert not RoleAssignment.objects.filter(user=someone).exists()


def test_person_create_checks_password_and_keeps_input(client, tree):
    client.force_login(person_with_role(Role.ADMINISTRATOR, tree["district_a"]))
    data = {"username": "canbo.moi", "full_name": "Ngô Văn Mới", "email": "moi@example.vn", "position": "",
            "unit": tree["commune_a"].pk, "roles": [Role.UNIT_OFFICER], "password": "123"}
    weak = client.post(reverse("person_create"), data)
    assert weak.status_code == 200
    assert "Ngô Văn Mới" in weak.content.decode()
    data["password"] = "MatKhauManh#2026"
    response = client.post(reverse("person_create"), data)
    assert response.status_code == 302
    person = RoleAssignment.objects.get(user__username="canbo.moi")
    assert (person.unit, person.role) == (tree["commune_a"], Role.UNIT_OFFICER)


def test_person_create_refuses_a_unit_outside_the_administrators_tree(client, tree):
    client.force_login(person_with_role(Role.ADMINISTRATOR, tree["district_a"]))
    response = client.post(reverse("person_create"), {
        "username": "ngoai", "full_name": "Người Ngoài", "unit": tree["commune_b"].pk,
        "roles": [Role.ADMINISTRATOR], "password": "MatKhauManh#2026"})
    assert response.status_code == 200
    assert "Hãy chọn một lựa chọn hợp lệ." in response.content.decode()
    assert not RoleAssignment.objects.filter(user__username="ngoai").exists()


def test_bloc_members_must_belong_to_the_organiser(tree):
    admin = person_with_role(Role.ADMINISTRATOR, tree["district_a"])
    with pytest.raises(ValidationError):
        services.bloc_save(actor=admin, organiser=tree["district_a"], name="Cụm xã", kind="cluster",
                           members=[tree["commune_a"], tree["commune_b"]])
    bloc = services.bloc_save(actor=admin, organiser=tree["district_a"], name="Cụm xã", kind="cluster",
                              members=[tree["commune_a"]])
    assert list(bloc.members.values_list("code", flat=True)) == ["xa-a1"]


def test_bloc_pages_follow_the_tree(client, tree):
    bloc = services.bloc_save(actor=None, organiser=tree["district_a"], name="Cụm các xã Châu Phú",
                              kind="cluster", members=[tree["commune_a"]])
    client.force_login(person_with_role(Role.UNIT_OFFICER, tree["district_b"]))
    assert client.get(reverse("bloc_detail", args=[bloc.pk])).status_code == 403
    assert "Cụm các xã Châu Phú" not in client.get(reverse("bloc_list")).content.decode()
    client.force_login(person_with_role(Role.UNIT_OFFICER, tree["district_a"]))
    assert "Cụm các xã Châu Phú" in client.get(reverse("bloc_list")).content.decode()
    assert EmulationBloc.objects.count() == 1


def test_landing_page_lists_units_needing_staff_for_administrators(client, tree):
    client.force_login(person_with_role(Role.ADMINISTRATOR, tree["province"]))
    body = client.get(reverse("home")).content.decode()
    assert "Quản trị" in body
    assert "Đơn vị chưa có cán bộ thi đua" in body
    listed = client.get(reverse("unit_directory"), {"missing": "officer"}).content.decode()
    assert "Ủy ban nhân dân xã Bình Mỹ" in listed


def test_administrator_edits_a_unit_and_the_change_is_recorded(client, tree):
    admin = person_with_role(Role.ADMINISTRATOR, tree["province"])
    client.force_login(admin)
    unit = tree["district_a"]
    response = client.post(reverse("unit_edit", args=[unit.pk]), {
        "code": unit.code, "kind": unit.kind, "name": unit.name, "header_name": unit.header_name,
        "parent_header_name": "", "abbreviation": "UBND", "place_name": "Cái Dầu", "dissolved_on": "",
        "numbering_mode": "per_type",
        "parent": tree["province"].pk,
    })
    assert response.status_code == 302
    unit.refresh_from_db()
    assert unit.place_name == "Cái Dầu"
    entry = AuditEntry.objects.get(action="unit.update", object_id=unit.pk)
    assert entry.changes == {"địa danh ghi ngày tháng": ["An Giang", "Cái Dầu"]}
    assert entry.actor == admin
    page = client.get(reverse("unit_detail", args=[unit.pk])).content.decode()
    assert "Sửa thông tin đơn vị" in page


def test_preferences_turn_email_off(client, db):
    person = UserFactory(email_notifications=True)
    client.force_login(person)
    response = client.post(reverse("preferences"), {"email": "moi@example.vn"})
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.email, person.email_notifications) == ("moi@example.vn", False)
