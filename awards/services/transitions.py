"""The moves a nomination and an award decision may make, declared once.
Every change of state goes through these, so the stored state, the rule and
the history line (with its real from/to states) cannot disagree."""

from awards.models import DecisionState, Nomination, NominationState
from emulation.models import User
from emulation.transitions import StateMachine

NOMINATION_STATES = StateMachine(NominationState, {
    # Submitted first from a draft, then again after each return for revision.
    NominationState.DRAFT: frozenset({NominationState.SUBMITTED}),
    NominationState.RETURNED: frozenset({NominationState.SUBMITTED}),
    # A reviewer may decide without having assessed first.
    NominationState.SUBMITTED: frozenset({NominationState.UNDER_REVIEW, NominationState.RETURNED,
                                          NominationState.REJECTED, NominationState.RECOMMENDED}),
    NominationState.UNDER_REVIEW: frozenset({NominationState.RETURNED, NominationState.REJECTED,
                                             NominationState.RECOMMENDED}),
    NominationState.RECOMMENDED: frozenset({NominationState.APPROVED, NominationState.NOT_APPROVED}),
    NominationState.APPROVED: frozenset({NominationState.AWARDED}),
})

DECISION_STATES = StateMachine(DecisionState, {
    DecisionState.DRAFT: frozenset({DecisionState.ISSUED}),
})


def nomination_transition(actor: User | None, nomination: Nomination, target: str, action: str, reason: str = "",
                          *, changes: dict | None = None, update_fields: tuple[str, ...] = ()) -> str:
    """Move the nomination to ``target`` (refused unless NOMINATION_STATES
    allows it), save it and record the step. Returns the old state."""
    if reason:
        # The latest word of the reviewers or the council stays on the dossier for the nominating unit.
        nomination.decision_reason = reason
        update_fields = (*update_fields, "decision_reason")
    return NOMINATION_STATES.move(nomination, target, actor=actor, action=action, reason=reason, changes=changes,
                                  update_fields=update_fields)
