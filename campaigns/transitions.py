"""The moves each stateful campaigns model may make, declared once. Every
state change of a plan or a report goes through ``PLAN_TRANSITIONS.move`` or
``REPORT_TRANSITIONS.move``, which refuse any other move, save, and write the
history line with the real from/to states."""

from campaigns.models import PlanState, ReportState
from emulation.transitions import StateMachine

PLAN_TRANSITIONS = StateMachine(labels=PlanState, moves={
    # Submitted for signature; a plan issued on paper is recorded straight from its draft.
    PlanState.DRAFT: frozenset({PlanState.AWAITING_SIGNATURE, PlanState.ISSUED}),
    # Sent back to the drafter, or signed and issued.
    PlanState.AWAITING_SIGNATURE: frozenset({PlanState.DRAFT, PlanState.ISSUED}),
    # Replaced when its amendment is issued.
    PlanState.ISSUED: frozenset({PlanState.SUPERSEDED}),
})

REPORT_TRANSITIONS = StateMachine(labels=ReportState, moves={
    ReportState.DRAFT: frozenset({ReportState.SUBMITTED}),
    # Only a submitted report can be sent back; a returned one is submitted again.
    ReportState.SUBMITTED: frozenset({ReportState.RETURNED}),
    ReportState.RETURNED: frozenset({ReportState.SUBMITTED}),
})
