from django.urls import reverse

from awards.models import AwardType
from emulation.models import AuditEntry, Role
from tests.factories import person_with_role


def test_the_catalogue_is_loaded_from_the_law(db):
    names = set(AwardType.objects.values_list("name", flat=True))
    assert {"Chiến sĩ thi đua cơ sở", "Cờ thi đua của Chính phủ", "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
            "Giấy khen", "Huân chương Lao động"} <= names
    flag = AwardType.objects.get(name="Cờ thi đua cấp bộ, ngành, tỉnh")
    assert (flag.kind, flag.for_collectives, flag.for_individuals, flag.vote_threshold_percent) == (
        "title", True, False, 80)


def test_a_province_administrator_edits_an_entry_and_it_is_recorded(client, tree):
    admin = person_with_role(Role.ADMINISTRATOR, tree["province"])
    client.force_login(admin)
    award = AwardType.objects.get(name="Giấy khen")
    data = {"name": award.name, "kind": award.kind, "for_individuals": "on", "for_collectives": "on",
            "for_households": "on", "conferring_level": award.conferring_level, "conferred_by": award.conferred_by,
            "frequency": award.frequency, "conditions": "", "vote_threshold_percent": "", "cash_multiple": "0,7",
            "is_active": "on", "position": award.position}
    response = client.post(reverse("award_type_edit", args=[award.pk]), data)
    assert response.status_code == 302
    award.refresh_from_db()
    assert str(award.cash_multiple) == "0.70"
    assert AuditEntry.objects.filter(action="awardtype.save", object_id=award.pk, actor=admin).exists()


def test_an_entry_needs_a_recipient_and_keeps_the_input(client, tree):
    client.force_login(person_with_role(Role.ADMINISTRATOR, tree["province"]))
    response = client.post(reverse("award_type_create"), {
        "name": "Danh hiệu mới", "kind": "title", "conferring_level": "unit", "conferred_by": "Thủ trưởng",
        "position": 1, "is_active": "on"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Hãy chọn ít nhất một đối tượng được khen" in body
    assert 'value="Danh hiệu mới"' in body
    assert not AwardType.objects.filter(name="Danh hiệu mới").exists()


def test_district_administrators_and_officers_cannot_edit_the_catalogue(client, tree):
    award = AwardType.objects.get(name="Giấy khen")
    for person in (person_with_role(Role.ADMINISTRATOR, tree["district_a"]),
                   person_with_role(Role.UNIT_OFFICER, tree["province"])):
        client.force_login(person)
        assert client.get(reverse("award_type_list")).status_code == 200
        assert client.get(reverse("award_type_edit", args=[award.pk])).status_code == 403
        assert client.post(reverse("award_type_create"), {"name": "X"}).status_code == 403
