"""Every list page runs the same queries for 1 row as for 20: its cost stays
flat as a province's data grows."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from awards.models import AwardKind, AwardType, ConferringLevel, Nomination, NominationState
from campaigns.models import Deadline, Obligation, OutsideDocumentType
from campaigns.services.outside_documents import outside_document_create
from emulation import selectors, services
from emulation.models import DocumentType, EmulationBloc, Notification, RegisterEntry, Role, Unit, UnitKind
from tests.builders import issued_plan_with_review_office
from tests.factories import UnitFactory, person_with_role


@pytest.fixture
def everyone(tree, people):
    """A province person who may open every list page, and the plan rows hang from."""
    person = person_with_role(Role.ADMINISTRATOR, tree["province"], full_name="Trần Thị Quản")
    # The plan goes to the province's one signer first; this person signs for it only afterwards.
    setup = issued_plan_with_review_office(tree, people)
    for role in (Role.REVIEWER, Role.UNIT_OFFICER, Role.DRAFTER, Role.SIGNER):
        services.role_assign(actor=None, user=person, unit=tree["province"], role=role)
    return {"person": person, **setup}


def add_notifications(setup, start, count):
    Notification.objects.bulk_create([Notification(recipient=setup["person"], title=f"Thông báo số {start + n}")
                                      for n in range(count)])


def add_register_entries(setup, start, count):
    RegisterEntry.objects.bulk_create([RegisterEntry(
        issuer=setup["province"], year=2026, number=1000 + start + n, doc_type=DocumentType.REPORT, symbol="BC-UBND",
        issued_on=datetime.date(2026, 11, 2), subject=f"Báo cáo số {start + n}", signer_name="Hồ Văn Mừng")
        for n in range(count)])


def add_units(setup, start, count):
    for n in range(count):
        UnitFactory(kind=UnitKind.COMMUNE, parent=setup["district_a"], name=f"Ủy ban nhân dân xã Mới {start + n}")


def add_people(setup, start, count):
    for n in range(count):
        person_with_role(Role.UNIT_OFFICER, setup["district_a"], full_name=f"Cán bộ {start + n}")


def add_blocs(setup, start, count):
    for n in range(count):
        bloc = EmulationBloc.objects.create(name=f"Cụm thi đua số {start + n}", organiser=setup["province"])
        bloc.members.set([setup["district_a"], setup["district_b"]])


def add_obligations(setup, start, count):
    deadline = Deadline.objects.filter(plan=setup["plan"]).first()
    for n in range(count):
        unit = UnitFactory(kind=UnitKind.COMMUNE, parent=setup["district_a"], name=f"Ủy ban nhân dân xã Nợ {start + n}")
        Obligation.objects.create(deadline=deadline, plan=setup["plan"], unit=unit, owed_to=setup["province"],
                                  kind=deadline.kind, due_on=timezone.localdate() + datetime.timedelta(days=n))


def add_nominations(setup, start, count):
    for n in range(count):
        unit = UnitFactory(kind=UnitKind.COMMUNE, parent=setup["district_a"], name=f"Ủy ban nhân dân xã Đề {start + n}")
        Nomination.objects.create(
            plan=setup["plan"], quota=setup["quota"], award_type=setup["quota"].award_type,
            nominating_unit=setup["province"], receiving_unit=setup["office"], kind="collective", nominee_unit=unit,
            state=NominationState.SUBMITTED, round=1, submitted_at=timezone.now())


def add_award_types(setup, start, count):
    AwardType.objects.bulk_create([AwardType(
        name=f"Giấy khen thử số {start + n}", kind=AwardKind.FORM, for_collectives=True,
        conferring_level=ConferringLevel.PROVINCE, conferred_by="Chủ tịch UBND tỉnh", position=900 + start + n)
        for n in range(count)])


def add_outside_documents(setup, start, count):
    for n in range(count):
        outside_document_create(actor=setup["person"], doc_type=OutsideDocumentType.DIRECTIVE,
                                number_symbol=f"{start + n + 1}/CT-TTg", issued_on=datetime.date(2021, 6, 16),
                                issuer_name="Thủ tướng Chính phủ", subject=f"Chỉ thị thử số {start + n}")


PAGES = {
    "notification_inbox": add_notifications,
    "register_list": add_register_entries,
    "unit_directory": add_units,
    "person_list": add_people,
    "bloc_list": add_blocs,
    "obligation_list": add_obligations,
    "my_nominations": add_nominations,
    "award_type_list": add_award_types,
    "outside_document_list": add_outside_documents,
}


@pytest.mark.parametrize("name", PAGES)
def test_a_list_page_runs_the_same_queries_for_1_and_20_rows(client, everyone, name, django_assert_num_queries,
                                                             django_assert_max_num_queries):
    client.force_login(everyone["person"])
    PAGES[name](everyone, 0, 1)
    client.get(reverse(name))  # per-process caches (content types, the session) filled once
    with django_assert_max_num_queries(40) as one:
        assert client.get(reverse(name)).status_code == 200
    PAGES[name](everyone, 1, 19)
    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(reverse(name))
    assert response.status_code == 200


def test_bounded_counts_are_one_query_and_stop_at_the_limit(tree, monkeypatch, django_assert_num_queries):
    monkeypatch.setattr("emulation.selectors.COUNT_LIMIT", 2)
    with django_assert_num_queries(1):
        counts = selectors.bounded_counts({
            "all": Unit.objects.all(),  # five, counted to the limit and one past it
            "districts": Unit.objects.filter(kind=UnitKind.DISTRICT),
            "province": Unit.objects.filter(pk=tree["province"].pk),
            "none asked": Unit.objects.filter(pk__in=[]),  # answered without the database
        })
    assert counts == {"all": 3, "districts": 2, "province": 1, "none asked": 0}
