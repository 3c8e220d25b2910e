"""Plans and reports change state only by the moves their state machines
declare; each move writes one history line with the real from/to states."""

import pytest
from django.core.exceptions import ValidationError

from campaigns.models import Plan, PlanState, Report, ReportState
from campaigns.services.plans import plan_create, plan_return, plan_submit
from campaigns.services.reports import report_return, report_submit
from campaigns.transitions import PLAN_TRANSITIONS, REPORT_TRANSITIONS
from emulation.selectors import history_for
from tests.builders import build_plan


def steps(target) -> list[tuple[str, str, str]]:
    return [(entry.action, entry.from_state, entry.to_state)
            for entry in history_for(target).order_by("id") if entry.to_state]


def test_the_plan_moves_are_the_ones_the_services_make():
    assert PLAN_TRANSITIONS.moves == {
        "draft": {"awaiting_signature", "issued"},
        "awaiting_signature": {"draft", "issued"},
        "issued": {"superseded"},
    }


def test_the_report_moves_are_the_ones_the_services_make():
    assert REPORT_TRANSITIONS.moves == {
        "draft": {"submitted"},
        "submitted": {"returned"},
        "returned": {"submitted"},
    }


def test_an_illegal_plan_move_is_refused_and_writes_no_history_line(tree, people):
    plan = plan_create(actor=people["drafter"], issuer=tree["province"], title="Phát động phong trào thi đua")
    lines_before = history_for(plan).count()
    with pytest.raises(ValidationError) as refused:
        PLAN_TRANSITIONS.move(plan, PlanState.SUPERSEDED, actor=people["signer"], action="plan.supersede")
    assert refused.value.messages == ["Không chuyển được từ trạng thái “Dự thảo” sang “Đã được thay thế”."]
    assert history_for(plan).count() == lines_before == 1
    assert plan.state == PlanState.DRAFT
    assert Plan.objects.get(pk=plan.pk).state == PlanState.DRAFT


def test_an_illegal_report_move_is_refused_and_writes_no_history_line(tree, people):
    plan = plan_create(actor=people["drafter"], issuer=tree["province"], title="Phát động phong trào thi đua")
    report = Report.objects.create(plan=plan, unit=tree["district_a"], period_year=2026, narrative="Đã làm.")
    with pytest.raises(ValidationError) as refused:
        REPORT_TRANSITIONS.move(report, ReportState.RETURNED, actor=people["drafter"], action="report.return")
    assert refused.value.messages == ["Không chuyển được từ trạng thái “Đang soạn” sang “Bị trả lại”."]
    assert history_for(report).count() == 0
    assert Report.objects.get(pk=report.pk).state == ReportState.DRAFT


def test_the_signature_round_records_each_move_from_the_state_it_really_left(tree, people):
    plan = build_plan(tree, people)
    plan_submit(actor=people["drafter"], plan=plan)
    plan_return(actor=people["signer"], plan=plan, reason="Bổ sung tiêu chí.")
    plan_submit(actor=people["drafter"], plan=plan)
    assert steps(plan) == [
        ("plan.create", "", "draft"),
        ("plan.submit", "draft", "awaiting_signature"),
        ("plan.return", "awaiting_signature", "draft"),
        ("plan.submit", "draft", "awaiting_signature"),
    ]


def test_a_report_returned_and_submitted_again_keeps_its_history_on_the_report(tree, people):
    plan = plan_create(actor=people["drafter"], issuer=tree["province"], title="Phát động phong trào thi đua")
    report = Report.objects.create(plan=plan, unit=tree["district_a"], period_year=2026, narrative="Đã làm.")
    report_submit(actor=people["officer_a"], report=report)
    report_return(actor=people["drafter"], report=report, reason="Bổ sung số liệu.")
    report_submit(actor=people["officer_a"], report=report)
    assert steps(report) == [
        ("report.submit", "draft", "submitted"),
        ("report.return", "submitted", "returned"),
        ("report.submit", "returned", "submitted"),
    ]
    returned = history_for(report).get(action="report.return")
    assert (returned.from_label, returned.to_label, returned.reason, returned.changes) == (
        "Đã nộp", "Bị trả lại", "Bổ sung số liệu.", {"đơn vị": "Ủy ban nhân dân huyện Châu Phú", "năm": "2026"})
    assert Report.objects.get(pk=report.pk).state == ReportState.SUBMITTED


def test_returning_a_report_that_was_never_submitted_is_refused_and_changes_nothing(tree, people):
    plan = plan_create(actor=people["drafter"], issuer=tree["province"], title="Phát động phong trào thi đua")
    report = Report.objects.create(plan=plan, unit=tree["district_a"], period_year=2026, narrative="Đã làm.")
    with pytest.raises(ValidationError):
        report_return(actor=people["drafter"], report=report, reason="Bổ sung số liệu.")
    assert history_for(report).count() == 0
    assert Report.objects.get(pk=report.pk).state == ReportState.DRAFT
