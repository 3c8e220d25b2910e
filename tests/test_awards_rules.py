"""The awards rules (awards/rules.py) and the nomination's declared moves
(awards/services/transitions.py): who may do what, written out by hand, and
what a deactivated account or an undeclared move is refused."""

import pytest
from django.core.exceptions import ValidationError

from awards.models import AwardDecision, CouncilMeeting, Nomination, NominationState
from awards.rules import AwardAction
from awards.services.decisions import award_decision_submit
from awards.services.nominations import nomination_create
from awards.services.review import nomination_assign, nomination_recommend
from awards.services.transitions import DECISION_STATES, NOMINATION_STATES, nomination_transition
from emulation.models import AuditEntry, Notification, Role
from emulation.permissions import can
from emulation.selectors import history_for
from tests.builders import dossier_complete, issued_plan_with_review_office
from tests.factories import person_with_role


@pytest.fixture
def setup(tree, people):
    setup = issued_plan_with_review_office(tree, people)
    return {
        **setup,
        "council": person_with_role(Role.COUNCIL_MEMBER, setup["province"], full_name="Võ Văn Hội"),
        "stranger": person_with_role(Role.REVIEWER, setup["district_b"], full_name="Mai Văn Lạ"),
    }


def draft_dossier(setup) -> Nomination:
    return nomination_create(actor=setup["officer_a"], plan=setup["plan"], quota=setup["quota"],
                             nominating_unit=setup["district_a"], kind="collective", nominee_unit=setup["commune_a"])


def deactivated(person):
    person.is_active = False
    person.save()
    return person


def draft_decision(setup) -> AwardDecision:
    return AwardDecision.objects.create(
        plan=setup["plan"], issuer=setup["province"], award_type=setup["quota"].award_type,
        title="Về việc tặng Bằng khen", legal_bases="Luật Thi đua, khen thưởng", article_execution="Thi hành.",
        recipients="Như Điều 3")


PEOPLE = ("drafter", "signer", "council", "reviewer", "officer_a", "officer_b", "stranger")


def allowed(setup, action, obj) -> set[str]:
    return {name for name in PEOPLE if can(setup[name], action, obj)}


# Who may do what: the specification, by hand -----------------------------------------------------------------------

def test_a_plans_nominations_are_followed_by_the_receiving_unit_and_the_issuers_council_drafters_and_signers(setup):
    assert allowed(setup, AwardAction.REVIEW_PLAN_NOMINATIONS, setup["plan"]) == {
        "drafter", "signer", "council", "reviewer"}


def test_only_the_receiving_unit_reopens_submissions(setup):
    assert allowed(setup, AwardAction.REOPEN_SUBMISSIONS, setup["plan"]) == {"reviewer"}


def test_only_officers_of_a_bound_unit_nominate_under_the_plan(setup):
    assert allowed(setup, AwardAction.NOMINATE_UNDER_PLAN, setup["plan"]) == {"officer_a", "officer_b"}


def test_a_council_meeting_and_its_minutes_are_seen_by_the_council_only(setup):
    meeting = CouncilMeeting.objects.create(plan=setup["plan"], unit=setup["province"], held_on=setup["plan"].issued_on,
                                            total_members=1)
    assert allowed(setup, AwardAction.VIEW_COUNCIL_MEETING, meeting) == {"council"}


def test_a_draft_decision_is_seen_by_the_issuer_and_an_issued_one_by_the_bound_units_too(setup):
    decision = draft_decision(setup)
    assert allowed(setup, AwardAction.VIEW_DECISION, decision) == {"drafter", "signer", "council"}
    decision.number = 5
    assert allowed(setup, AwardAction.VIEW_DECISION, decision) == {
        "drafter", "signer", "council", "officer_a", "officer_b"}


def test_only_the_issuers_drafter_submits_a_draft_decision_and_nobody_an_issued_one(setup):
    decision = draft_decision(setup)
    assert allowed(setup, AwardAction.SUBMIT_DECISION, decision) == {"drafter"}
    decision.state = "issued"
    assert allowed(setup, AwardAction.SUBMIT_DECISION, decision) == set()


def test_a_decision_is_submitted_once_and_only_the_person_it_went_to_returns_it(setup):
    decision = draft_decision(setup)
    assert allowed(setup, AwardAction.RETURN_DECISION, decision) == set()
    award_decision_submit(actor=setup["drafter"], decision=decision)
    assert allowed(setup, AwardAction.SUBMIT_DECISION, decision) == set()
    assert allowed(setup, AwardAction.RETURN_DECISION, decision) == {"signer"}


def test_a_deactivated_drafter_submits_nothing_and_a_deactivated_signer_returns_nothing(setup):
    decision = draft_decision(setup)
    award_decision_submit(actor=setup["drafter"], decision=decision)
    deactivated(setup["signer"])
    assert can(setup["signer"], AwardAction.RETURN_DECISION, decision) is False
    other = draft_decision(setup)
    deactivated(setup["drafter"])
    assert can(setup["drafter"], AwardAction.SUBMIT_DECISION, other) is False


def test_the_receiving_unit_judges_a_dossier_only_while_it_waits_for_a_verdict(setup):
    nomination = dossier_complete(setup["officer_a"], draft_dossier(setup))
    assert allowed(setup, AwardAction.JUDGE_NOMINATION, nomination) == {"reviewer"}
    nomination_recommend(actor=setup["reviewer"], nomination=nomination)
    nomination.refresh_from_db()
    assert allowed(setup, AwardAction.JUDGE_NOMINATION, nomination) == set()
    assert allowed(setup, AwardAction.REVIEW_NOMINATION, nomination) == {"reviewer"}


# Deactivated accounts ------------------------------------------------------------------------------------------------

def test_a_deactivated_reviewer_cannot_be_assigned_a_nomination(setup):
    gone = deactivated(person_with_role(Role.REVIEWER, setup["office"], full_name="Đã Nghỉ Hưu"))
    nomination = dossier_complete(setup["officer_a"], draft_dossier(setup))
    with pytest.raises(ValidationError) as refused:
        nomination_assign(actor=setup["reviewer"], nomination=nomination, reviewer=gone)
    assert refused.value.messages == [
        "Đã Nghỉ Hưu không thẩm định được hồ sơ này (không thuộc đơn vị nhận hồ sơ, hoặc hồ sơ của đơn vị mình)."]
    assert Nomination.objects.get(pk=nomination.pk).reviewer_id is None
    assert AuditEntry.objects.filter(action="nomination.assign").count() == 0


def test_a_deactivated_reviewer_is_not_told_of_a_new_nomination(setup):
    deactivated(person_with_role(Role.REVIEWER, setup["office"], full_name="Đã Nghỉ Hưu"))
    dossier_complete(setup["officer_a"], draft_dossier(setup))
    told = Notification.objects.filter(title__startswith="Hồ sơ đề nghị khen thưởng mới")
    assert list(told.values_list("recipient__full_name", flat=True)) == ["Đặng Quốc Huy"]


# The declared moves ------------------------------------------------------------------------------------------------

NOMINATION_MOVES = [
    ("draft", "submitted", True), ("returned", "submitted", True),
    ("submitted", "under_review", True), ("submitted", "returned", True), ("submitted", "rejected", True),
    ("submitted", "recommended", True), ("under_review", "returned", True), ("under_review", "rejected", True),
    ("under_review", "recommended", True), ("recommended", "approved", True), ("recommended", "not_approved", True),
    ("approved", "awarded", True),
    ("draft", "awarded", False), ("draft", "recommended", False), ("under_review", "submitted", False),
    ("returned", "recommended", False), ("recommended", "awarded", False), ("rejected", "submitted", False),
    ("not_approved", "approved", False), ("awarded", "approved", False),
]


@pytest.mark.parametrize(("current", "target", "expected"), NOMINATION_MOVES)
def test_a_nomination_moves_only_as_declared(current, target, expected):
    assert NOMINATION_STATES.allows(current, target) is expected


def test_a_decision_is_issued_once_from_its_draft():
    assert (DECISION_STATES.allows("draft", "issued"), DECISION_STATES.allows("issued", "draft")) == (True, False)


def test_a_draft_sent_straight_to_awarded_is_refused_and_leaves_no_history(setup):
    nomination = draft_dossier(setup)
    with pytest.raises(ValidationError) as refused:
        nomination_transition(setup["signer"], nomination, NominationState.AWARDED, "nomination.award",
                              "Quyết định số 05/QĐ-UBND")
    assert refused.value.messages == ["Không chuyển được từ trạng thái “Đang soạn” sang “Đã được khen thưởng”."]
    stored = Nomination.objects.get(pk=nomination.pk)
    assert (stored.state, stored.decision_reason) == ("draft", "")
    assert list(history_for(nomination).values_list("action", flat=True)) == ["nomination.create"]
