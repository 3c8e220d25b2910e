"""Award quotas beyond a total (#14): per emulation bloc or cluster, per
nominating unit, a share of the target group — enforced at recommendation like
the total, with the quota rows locked, and counted per bloc in the ledger."""


import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from awards.models import Nomination, NominationState
from awards.selectors import quota_ledger
from awards.services.nominations import nomination_create
from awards.services.review import nomination_recommend
from campaigns.document import award_line
from campaigns.models import Quota
from emulation.models import BlocKind, EmulationBloc, UnitKind
from tests.builders import issued_plan_with_review_office, recommend_at_once
from tests.factories import UnitFactory, person_with_role

AWARD = "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"


@pytest.fixture
def setup(tree, people):
    setup = issued_plan_with_review_office(tree, people)
    commune_a2 = UnitFactory(kind=UnitKind.COMMUNE, parent=tree["district_a"], name="Ủy ban nhân dân xã Mỹ Đức",
                             code="xa-my-duc")
    first = EmulationBloc.objects.create(name="Cụm thi đua số 1", kind=BlocKind.CLUSTER, organiser=tree["province"])
    first.members.set([tree["commune_a"], commune_a2])
    second = EmulationBloc.objects.create(name="Cụm thi đua số 2", kind=BlocKind.CLUSTER, organiser=tree["province"])
    second.members.set([tree["commune_b"]])
    EmulationBloc.objects.create(name="Khối các sở", kind=BlocKind.BLOC, organiser=tree["province"])
    from emulation.models import Role  # noqa: PLC0415 — keeps the module's imports to what the rules need

    return {**setup, "commune_a2": commune_a2, "first": first, "second": second,
            "reviewer2": person_with_role(Role.REVIEWER, setup["office"], full_name="Trần Văn Hai")}


def submitted(setup, nominee: str, district: str = "district_a") -> Nomination:
    officer = "officer_a" if district == "district_a" else "officer_b"
    nomination = nomination_create(actor=setup[officer], plan=setup["plan"], quota=setup["quota"],
                                   nominating_unit=setup[district], kind="collective", nominee_unit=setup[nominee])
    Nomination.objects.filter(pk=nomination.pk).update(state=NominationState.SUBMITTED, round=1)
    nomination.refresh_from_db()
    return nomination


def limit(setup, **fields) -> Quota:
    Quota.objects.filter(pk=setup["quota"].pk).update(per_parent=False, count=None, **fields)
    return Quota.objects.get(pk=setup["quota"].pk)


def test_one_place_per_cluster(setup):
    limit(setup, per_bloc=1, bloc_kind=BlocKind.CLUSTER)
    nomination_recommend(actor=setup["reviewer"], nomination=submitted(setup, "commune_a"))
    with pytest.raises(ValidationError) as refused:
        nomination_recommend(actor=setup["reviewer"], nomination=submitted(setup, "commune_a2"))
    assert refused.value.messages == [
        f"Đã hết suất: “{AWARD}” có 1 suất cho mỗi khối, cụm, và Cụm thi đua số 1 đã được đề nghị đủ."]
    nomination_recommend(actor=setup["reviewer"], nomination=submitted(setup, "commune_b", "district_b"))
    row = next(r for r in quota_ledger(setup["plan"]) if r.quota.pk == setup["quota"].pk)
    assert [(bloc.name, taken) for bloc, taken in row.by_bloc] == [("Cụm thi đua số 1", 1), ("Cụm thi đua số 2", 1)]


def test_a_unit_in_no_cluster_cannot_take_a_per_cluster_place(setup, tree):
    limit(setup, per_bloc=1, bloc_kind=BlocKind.CLUSTER)
    setup["second"].members.clear()
    with pytest.raises(ValidationError) as refused:
        nomination_recommend(actor=setup["reviewer"], nomination=submitted(setup, "commune_b", "district_b"))
    assert refused.value.messages == [
        f"“{AWARD}” chia theo khối, cụm thi đua, nhưng Ủy ban nhân dân xã Ba Chúc không thuộc khối, cụm nào của "
        "Ủy ban nhân dân tỉnh An Giang."]


def test_no_more_than_n_per_nominating_unit(setup):
    limit(setup, per_nominating_unit=1)
    nomination_recommend(actor=setup["reviewer"], nomination=submitted(setup, "commune_a"))
    with pytest.raises(ValidationError) as refused:
        nomination_recommend(actor=setup["reviewer"], nomination=submitted(setup, "commune_a2"))
    assert refused.value.messages == [
        f"Đã hết suất: mỗi đơn vị đề nghị được tối đa 1 suất “{AWARD}”, và Ủy ban nhân dân huyện Châu Phú đã có đủ."]
    assert nomination_recommend(actor=setup["reviewer"], nomination=submitted(
        setup, "commune_b", "district_b")).state == NominationState.RECOMMENDED


def test_no_more_than_a_share_of_the_group(setup):
    limit(setup, share_cap_percent=50)  # three communes compete: one place
    nomination_recommend(actor=setup["reviewer"], nomination=submitted(setup, "commune_a"))
    with pytest.raises(ValidationError) as refused:
        nomination_recommend(actor=setup["reviewer"], nomination=submitted(setup, "commune_b", "district_b"))
    assert refused.value.messages == [
        f"Đã hết suất: “{AWARD}” không quá 50% số đơn vị thuộc đối tượng (1 suất)."]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL (CI runs on it)")
@pytest.mark.django_db(transaction=True)
def test_two_reviewers_race_for_the_last_place_of_a_cluster(setup):
    limit(setup, per_bloc=1, bloc_kind=BlocKind.CLUSTER)
    nominations = [submitted(setup, "commune_a"), submitted(setup, "commune_a2")]
    results = recommend_at_once(list(zip((setup["reviewer"], setup["reviewer2"]), nominations, strict=True)))
    assert sorted(results.values()) == [
        "ok", f"Đã hết suất: “{AWARD}” có 1 suất cho mỗi khối, cụm, và Cụm thi đua số 1 đã được đề nghị đủ."]
    assert Nomination.objects.filter(quota=setup["quota"], state=NominationState.RECOMMENDED).count() == 1


def test_the_plan_prints_the_per_cluster_count_and_the_money_amount(setup):
    quota = limit(setup, per_bloc=1, bloc_kind=BlocKind.CLUSTER, amount=5_000_000,
                  printed_name="Cờ thi đua của Ủy ban nhân dân tỉnh",
                  recipient_phrase="đơn vị dẫn đầu mỗi cụm thi đua")
    assert award_line(quota) == ("Tặng Cờ thi đua của Ủy ban nhân dân tỉnh cho 01 đơn vị dẫn đầu mỗi cụm thi đua, "
                                 "mỗi suất thưởng 5.000.000 đồng.")
    assert quota.award_type.name == AWARD  # the catalogue entry it points at stays the same


def test_the_quota_form_refuses_limits_it_cannot_apply(district_draft):
    from campaigns.forms import QuotaForm  # noqa: PLC0415 — the form is only this test's subject

    plan = district_draft["plan"]
    data = {"award_type": Quota._meta.get_field("award_type").related_model.objects.get(name="Giấy khen").pk,
            "occasion": "campaign", "per_bloc": 1, "share_cap_percent": 30}
    form = QuotaForm(data, instance=Quota(plan=plan), plan=plan)
    assert not form.is_valid()
    assert form.errors["per_bloc"] == ["Ủy ban nhân dân huyện Châu Phú chưa có khối, cụm thi đua nào để chia suất."]
    assert form.errors["target_group"] == [
        "Giới hạn theo tỷ lệ thì cần chọn đối tượng (tỷ lệ tính trên số đơn vị thuộc đối tượng)."]
