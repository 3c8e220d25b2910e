"""The navigation's table: every page it names exists, every entry it points to is in the bar."""

from django.urls import get_resolver

from emulation.context_processors import ENTRIES, SECTION_BY_NAME, SECTION_BY_PREFIX, section_candidates


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
