"""The role × unit matrix: a person holding one role in district A, asked
about district A itself, its parent province, its commune and district B."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.urls import reverse

from awards.models import Nomination
from awards.services.nominations import nomination_create
from campaigns.models import Plan, PlanBinding, PlanState
from campaigns.rules import plans_visible_to
from campaigns.services import plans as plan_services
from campaigns.services.plans import plan_create
from campaigns.transitions import PLAN_TRANSITIONS
from emulation import services
from emulation.models import Notification, Role, User
from emulation.permissions import Action, can, people_holding, units_for
from tests.builders import build_plan, dossier_complete, issued_plan_with_review_office
from tests.factories import UserFactory, person_with_role

RELATIONS = ("own", "parent", "child", "neighbour")

# role -> action -> the relations on which it is allowed. Written out by hand
# on purpose: it is the specification, not a copy of the rule table.
ALLOWED = {
    Role.DRAFTER: {
        Action.VIEW_UNIT: {"own", "child"}, Action.DRAFT_PLAN: {"own"},
    },
    Role.SIGNER: {
        Action.VIEW_UNIT: {"own", "child"}, Action.SIGN_PLAN: {"own"},
    },
    Role.UNIT_OFFICER: {
        Action.VIEW_UNIT: {"own", "child"}, Action.ACT_FOR_UNIT: {"own", "child"}, Action.DRAFT_PLAN: {"own"},
    },
    Role.REVIEWER: {
        Action.VIEW_UNIT: {"own", "child"}, Action.REVIEW_FOR_UNIT: {"own"},
    },
    Role.COUNCIL_MEMBER: {
        Action.VIEW_UNIT: {"own", "child"}, Action.VOTE_IN_COUNCIL: {"own"},
    },
    Role.CLERK: {
        Action.VIEW_UNIT: {"own", "child"}, Action.ISSUE_DOCUMENT: {"own"},
    },
    Role.ADMINISTRATOR: {
        Action.VIEW_UNIT: {"own", "child"}, Action.MANAGE_UNIT: {"own", "child"},
    },
    # Wherever it is held, it reaches the top-level units (here the province) to create, rename, merge
    # and archive them, but nothing under them beyond what any role sees of its own unit.
    Role.NATIONAL_ADMINISTRATOR: {
        Action.VIEW_UNIT: {"own", "child", "parent"}, Action.MANAGE_TOP_LEVEL_UNIT: {"parent"},
    },
}


def targets(tree):
    return {
        "own": tree["district_a"], "parent": tree["province"],
        "child": tree["commune_a"], "neighbour": tree["district_b"],
    }


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("action", list(Action))
@pytest.mark.parametrize("relation", RELATIONS)
def test_role_unit_matrix(tree, role, action, relation):
    person = person_with_role(role, tree["district_a"])
    expected = relation in ALLOWED[role].get(action, set())
    assert can(person, action, targets(tree)[relation]) is expected


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("action", list(Action))
def test_units_for_lists_exactly_the_allowed_units(tree, role, action):
    person = person_with_role(role, tree["district_a"])
    allowed = {targets(tree)[relation].code for relation in ALLOWED[role].get(action, set())}
    assert set(units_for(person, action).values_list("code", flat=True)) == allowed


def test_nobody_without_a_role_may_do_anything(tree):
    stranger = UserFactory()
    for action in Action:
        for unit in tree.values():
            assert can(stranger, action, unit) is False
            assert can(AnonymousUser(), action, unit) is False


def test_a_deactivated_account_loses_every_right(tree):
    person = person_with_role(Role.ADMINISTRATOR, tree["province"])
    person.is_active = False
    person.save()
    assert can(person, Action.VIEW_UNIT, tree["province"]) is False
    assert units_for(person, Action.MANAGE_UNIT).count() == 0


# Deactivated accounts: whatever role they still hold, they may do nothing ------------------

PLAN_ACTIONS = ("plan.view", "plan.edit", "plan.sign", "plan.amend", "plan.derive", "plan.report", "plan.rollup")

# role in district A -> what it may do to a draft plan of district A (no report owed yet).
ALLOWED_ON_OWN_DRAFT = {
    Role.DRAFTER: {"plan.view", "plan.edit", "plan.rollup", "reports.review"},
    Role.SIGNER: {"plan.view"},
    Role.UNIT_OFFICER: {"plan.view", "plan.edit", "plan.rollup", "reports.review"},
    Role.REVIEWER: {"plan.rollup", "reports.review"},
    Role.COUNCIL_MEMBER: set(),
    Role.CLERK: {"plan.view"},
    Role.ADMINISTRATOR: {"plan.view", "plan.rollup", "reports.review"},
    Role.NATIONAL_ADMINISTRATOR: set(),
}
DRAFTING_ROLES = {Role.DRAFTER, Role.SIGNER, Role.UNIT_OFFICER, Role.CLERK, Role.ADMINISTRATOR}


def deactivated(person: User) -> User:
    """Deactivate and load again, as the next request would."""
    person.is_active = False
    person.save(update_fields=["is_active"])
    return User.objects.get(pk=person.pk)


def allowed_on_draft(person: User, plan) -> set[str]:
    allowed = {action for action in PLAN_ACTIONS if can(person, action, plan)}
    return allowed | ({"reports.review"} if can(person, "reports.review", plan.issuer) else set())


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("action", list(Action))
def test_a_deactivated_account_is_refused_every_action_its_role_gave(tree, role, action):
    person = deactivated(person_with_role(role, tree["district_a"]))
    assert {relation: can(person, action, unit) for relation, unit in targets(tree).items()} == dict.fromkeys(
        RELATIONS, False)
    assert units_for(person, action).count() == 0


@pytest.mark.parametrize("role", list(Role))
def test_a_deactivated_account_is_refused_every_plan_and_report_rule(tree, role):
    holder = person_with_role(role, tree["district_a"])
    plan = plan_create(actor=None, issuer=tree["district_a"], title="Kế hoạch thi đua của huyện Châu Phú")
    assert allowed_on_draft(holder, plan) == ALLOWED_ON_OWN_DRAFT[role]
    assert allowed_on_draft(deactivated(holder), plan) == set()


@pytest.mark.parametrize("role", list(Role))
def test_a_deactivated_account_sees_no_plans(tree, role):
    holder = person_with_role(role, tree["district_a"])
    draft = plan_create(actor=None, issuer=tree["district_a"], title="Dự thảo của huyện Châu Phú")
    binding = plan_create(actor=None, issuer=tree["province"], title="Kế hoạch của tỉnh giao cho huyện")
    binding.number, binding.issued_on = 7, datetime.date(2026, 1, 16)  # recorded as issued on paper
    PLAN_TRANSITIONS.move(binding, PlanState.ISSUED, actor=None, action="plan.issue",
                          update_fields=("number", "issued_on"))
    PlanBinding.objects.create(plan=binding, unit=tree["district_a"])
    expected = {binding.pk, draft.pk} if role in DRAFTING_ROLES else {binding.pk}
    assert set(plans_visible_to(holder).values_list("pk", flat=True)) == expected
    assert list(plans_visible_to(deactivated(holder))) == []


def test_a_deactivated_superuser_may_do_nothing(tree):
    root = deactivated(UserFactory(is_superuser=True))
    plan = plan_create(actor=None, issuer=tree["district_a"], title="Kế hoạch thi đua của huyện Châu Phú")
    assert [action for action in Action if can(root, action, tree["commune_b"])] == []
    assert allowed_on_draft(root, plan) == set()
    assert list(plans_visible_to(root)) == []


def test_superuser_may_do_everything(tree):
    root = UserFactory(is_superuser=True)
    assert all(can(root, action, tree["commune_b"]) for action in Action)


def test_an_archived_unit_stays_visible_but_takes_no_new_work(tree):
    admin = person_with_role(Role.ADMINISTRATOR, tree["province"])
    officer = person_with_role(Role.UNIT_OFFICER, tree["province"])
    services.unit_archive(actor=admin, unit=tree["district_a"], reason="Giải thể cấp huyện từ 01/7/2025")
    tree["commune_a"].refresh_from_db()
    assert can(admin, Action.VIEW_UNIT, tree["commune_a"]) is True
    assert can(admin, Action.MANAGE_UNIT, tree["commune_a"]) is False
    assert can(officer, Action.ACT_FOR_UNIT, tree["commune_a"]) is False
    assert tree["commune_a"].code not in set(units_for(officer, Action.ACT_FOR_UNIT).values_list("code", flat=True))


def test_roles_held_in_two_units_add_up(tree):
    person = person_with_role(Role.UNIT_OFFICER, tree["commune_a"])
    services.role_assign(actor=None, user=person, unit=tree["commune_b"], role=Role.UNIT_OFFICER)
    assert set(units_for(person, Action.ACT_FOR_UNIT).values_list("code", flat=True)) == {"xa-a1", "xa-b1"}
    assert can(person, Action.ACT_FOR_UNIT, tree["district_b"]) is False


def test_unknown_object_type_is_an_error_not_a_yes(tree):
    person = person_with_role(Role.ADMINISTRATOR, tree["province"])
    with pytest.raises(LookupError):
        can(person, "plan.edit", object())


# Who does this here: people_holding -----------------------------------------------------

def test_people_holding_names_the_active_holders_of_a_role_in_a_unit_only(tree):
    active = person_with_role(Role.REVIEWER, tree["district_a"], full_name="Đang Làm")
    gone = person_with_role(Role.REVIEWER, tree["district_a"], full_name="Đã Nghỉ")
    gone.is_active = False
    gone.save()
    person_with_role(Role.REVIEWER, tree["district_b"])
    person_with_role(Role.UNIT_OFFICER, tree["district_a"])
    assert list(people_holding(Role.REVIEWER, tree["district_a"])) == [active]
    assert list(people_holding([Role.REVIEWER], [tree["district_a"].pk])) == [active]


def test_a_deactivated_account_is_not_notified(tree, people):
    deactivated(people["signer"])
    other_signer = person_with_role(Role.SIGNER, tree["province"], full_name="Phó Chủ tịch")
    plan_services.plan_submit(actor=people["drafter"], plan=build_plan(tree, people))
    assert list(Notification.objects.values_list("recipient__full_name", flat=True)) == [other_signer.full_name]


def test_a_deactivated_signer_alone_in_the_unit_is_told_nothing_and_the_draft_stays(tree, people):
    deactivated(people["signer"])
    plan = build_plan(tree, people)
    with pytest.raises(ValidationError) as refused:
        plan_services.plan_submit(actor=people["drafter"], plan=plan)
    assert refused.value.message_dict == {"signer": [
        "Ủy ban nhân dân tỉnh An Giang chưa có người ký; quản trị đơn vị cần phân công người ký trước khi trình."]}
    assert Notification.objects.count() == 0
    assert Plan.objects.get(pk=plan.pk).state == PlanState.DRAFT


def test_a_deactivated_reviewer_is_neither_offered_nor_assigned(client, tree, people):
    setup = issued_plan_with_review_office(tree, people)
    gone = person_with_role(Role.REVIEWER, setup["office"], full_name="Đã Nghỉ Hưu")
    gone.is_active = False
    gone.save()
    nomination = dossier_complete(setup["officer_a"], nomination_create(
        actor=setup["officer_a"], plan=setup["plan"], quota=setup["quota"], nominating_unit=setup["district_a"],
        kind="collective", nominee_unit=setup["commune_a"]))
    client.force_login(setup["reviewer"])
    page = client.get(reverse("nomination_detail", args=[nomination.pk]))
    offered = list(page.context["assign_form"].fields["reviewer"].queryset)
    assert offered == [setup["reviewer"]]
    client.post(reverse("nomination_assign", args=[nomination.pk]), {"reviewer": gone.pk})
    assert Nomination.objects.get(pk=nomination.pk).reviewer_id is None
