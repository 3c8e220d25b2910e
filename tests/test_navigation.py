"""The navigation's table: every page it names exists, every entry it points to is in the bar."""

import pytest
from django.urls import get_resolver, reverse

from emulation.context_processors import ENTRIES, SECTION_BY_NAME, SECTION_BY_PREFIX, section_candidates
from tests.factories import Role, UnitFactory, UnitKind, UserFactory, person_with_role


def test_every_section_points_to_an_entry_of_the_bar():
    keys = {key for keys in (*SECTION_BY_NAME.values(), *(keys for _, keys in SECTION_BY_PREFIX)) for key in keys}
    assert keys - set(ENTRIES) == set()


def test_every_page_named_in_the_table_exists():
    url_names = {name for name in get_resolver().reverse_dict if isinstance(name, str)}
    assert set(SECTION_BY_NAME) - url_names == set()
    assert {entry.url_name for entry in ENTRIES.values()} - url_names == set()


def test_a_page_belongs_to_the_entry_that_leads_to_it():
    assert section_candidates("plan_detail") == ("plans",)
    assert section_candidates("plan_import_start") == ("plans",)
    assert section_candidates("report_edit") == ("obligations",)
    assert section_candidates("nomination_detail") == ("nominations", "review")
    assert section_candidates("unit_detail") == ("units",)
    assert section_candidates("bloc_detail") == ("blocs",)
    assert section_candidates("document_verify") == ()
    assert section_candidates(None) == ()


@pytest.mark.django_db
def test_the_progress_dashboard_is_in_the_bar_for_people_with_a_role_and_marked_on_its_page(client):
    province = UnitFactory(kind=UnitKind.PROVINCE, name="Ủy ban nhân dân tỉnh An Giang")
    client.force_login(person_with_role(Role.DRAFTER, province))

    html = client.get(reverse("progress_dashboard")).content.decode()

    dashboard = reverse("progress_dashboard")
    assert f'<a class="nav-link active" href="{dashboard}" aria-current="page">Tiến độ</a>' in html
    assert f'href="{dashboard}"' in client.get(reverse("plan_list")).content.decode()


@pytest.mark.django_db
def test_a_person_without_a_role_has_no_progress_link(client):
    client.force_login(UserFactory())

    html = client.get(reverse("home")).content.decode()

    assert reverse("progress_dashboard") not in html
