"""Loads the seed plans (demo.seed_plans) through the plan services, so
demo plans obey the same rules as plans typed in the browser. Safe to run twice."""

from decimal import Decimal

from django.db import transaction

from awards.models import AwardType
from campaigns.models import (
    Assignment,
    Criterion,
    CriterionGroup,
    Deadline,
    LegalBasis,
    Plan,
    PlanState,
    Quota,
    Recipient,
    Section,
    Target,
    TargetGroup,
)
from campaigns.services import plans as plan_services
from demo.seed_plans import SEED_PLANS
from demo.seed_plans.specs import SectionSpec, SeedPlan
from emulation.models import Unit, User


def _add(plan: Plan, model, many: dict | None = None, **values):
    return plan_services.plan_part_save(actor=None, plan=plan, instance=model(), values=values, many=many or {})


def _add_sections(plan: Plan, sections: list[SectionSpec], parent: Section | None, keyed: dict) -> None:
    for spec in sections:
        section = _add(plan, Section, parent=parent, heading=spec.heading, body=spec.body, block=spec.block,
                       numbering=spec.numbering, run_in=spec.run_in)
        if spec.key:
            keyed[spec.key] = section
        _add_sections(plan, spec.children, section, keyed)


def _load(seed: SeedPlan, units: dict[str, Unit], loaded: dict[str, Plan]) -> Plan:
    issuer = units[seed.issuer]
    period_kind, starts_on, ends_on = seed.period
    authority, collective, title, deputy = seed.signature
    plan = plan_services.plan_create(
        actor=None, issuer=issuer, title=seed.title, parent=loaded.get(seed.parent), draft_date=seed.draft_date,
        preamble=seed.preamble, theme=seed.theme, motto=seed.motto, period_kind=period_kind, starts_on=starts_on,
        ends_on=ends_on, review_month=seed.review_month, summary_every_years=seed.summary_every_years,
        funding=seed.funding, closing=seed.closing, archive_note=seed.archive_note, sign_authority=authority,
        sign_collective=collective, sign_title=title, sign_deputy_title=deputy, signer_name=seed.signer_name,
        signer=User.objects.filter(username=seed.signer_username).first() if seed.signer_username else None,
    )
    for basis in seed.legal_bases:
        if isinstance(basis, tuple):
            _, key, connector = basis
            _add(plan, LegalBasis, linked_plan=loaded[key], connector=connector)
        else:
            _add(plan, LegalBasis, text=basis)
    keyed: dict[str, Section] = {}
    _add_sections(plan, seed.sections, None, keyed)
    groups = [
        _add(plan, TargetGroup, name=group.name, unit_kinds=group.unit_kinds, levels_below=group.levels_below,
             recipient_kind=group.recipient_kind, scope=units[group.scope] if group.scope else None)
        for group in seed.target_groups
    ]
    for spec in seed.criterion_groups:
        group = _add(plan, CriterionGroup, title=spec.title,
                     target_group=groups[spec.target_group] if spec.target_group is not None else None)
        for text in spec.criteria:
            _add(plan, Criterion, group=group, text=text)
    for spec in seed.targets:
        _add(plan, Target, section=keyed[spec.section], measure=spec.measure, comparison=spec.comparison,
             value=Decimal(spec.value), unit_of_measure=spec.unit_of_measure)
    awards = {award.name: award for award in AwardType.objects.all()}
    for spec in seed.quotas:
        _add(plan, Quota, award_type=awards[spec.award], printed_name=spec.printed_name, count=spec.count,
             target_group=groups[spec.target_group] if spec.target_group is not None else None,
             per_parent=spec.per_parent, recipient_phrase=spec.recipient_phrase, occasion=spec.occasion)
    assignments = [
        _add(plan, Assignment, many={"units": [units[code] for code in spec.units]}, text=spec.text,
             is_lead=spec.is_lead)
        for spec in seed.assignments
    ]
    for spec in seed.deadlines:
        _add(plan, Deadline, many={"from_units": [units[code] for code in spec.from_units]}, kind=spec.kind,
             to_unit=units[spec.to_unit], due_on=spec.due_on, recurrence=spec.recurrence, lead=spec.lead,
             assignment=assignments[spec.assignment] if spec.assignment is not None else None)
    for spec in seed.recipients:
        _add(plan, Recipient, many={"units": [units[code] for code in spec.units]}, text=spec.text)
    if seed.state == PlanState.ISSUED:
        # Recorded as issued on paper, with its real number and date.
        return plan_services.plan_issue(actor=None, plan=plan, issued_on=seed.issued_on, number=seed.number)
    plan_services.plan_submit(actor=None, plan=plan)
    return plan


@transaction.atomic
def load_seed_plans() -> list[Plan]:
    units = {unit.code: unit for unit in Unit.objects.all()}
    loaded: dict[str, Plan] = {}
    for seed in SEED_PLANS:
        existing = Plan.objects.filter(issuer__code=seed.issuer, title=seed.title).first()
        loaded[seed.key] = existing or _load(seed, units, loaded)
    return list(loaded.values())
