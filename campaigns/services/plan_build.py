"""A whole plan from a ``PlanSpec``, one row at a time through the plan
services, so a plan written down as values (the demo's seed plans, a plan read
from a Word file) obeys the same rules as one typed into the drafting forms."""

from decimal import Decimal

from django.db import transaction

from campaigns.models import (
    Assignment,
    Criterion,
    CriterionGroup,
    Deadline,
    LegalBasis,
    Plan,
    Quota,
    Recipient,
    Section,
    Target,
    TargetGroup,
)
from campaigns.services import plans as plan_services
from campaigns.specs import BasisSpec, PlanSpec, SectionSpec
from emulation.models import Unit, User


def _add(actor: User | None, plan: Plan, model, many: dict | None = None, **values):
    return plan_services.plan_part_save(actor=actor, plan=plan, instance=model(), values=values, many=many or {})


def _add_sections(actor, plan: Plan, sections: list[SectionSpec], parent: Section | None, keyed: dict) -> None:
    for spec in sections:
        section = _add(actor, plan, Section, parent=parent, heading=spec.heading, body=spec.body, block=spec.block,
                       numbering=spec.numbering, run_in=spec.run_in)
        if spec.key:
            keyed[spec.key] = section
        _add_sections(actor, plan, spec.children, section, keyed)


def _add_basis(actor, plan: Plan, basis, plans_by_key: dict[str, Plan]) -> None:
    if isinstance(basis, BasisSpec):
        # The text as the document printed it, and the document it cites where one is known.
        _add(actor, plan, LegalBasis, opening=basis.opening, text=basis.text,
             outside_document_id=basis.outside_document, linked_plan_id=basis.plan, connector=basis.connector)
    elif isinstance(basis, tuple):
        _, key, connector = basis
        _add(actor, plan, LegalBasis, linked_plan=plans_by_key[key], connector=connector)
    else:
        _add(actor, plan, LegalBasis, text=basis)


@transaction.atomic
def plan_build(*, actor: User | None, spec: PlanSpec, plans_by_key: dict[str, Plan] | None = None,
               parent: Plan | None = None) -> Plan:
    """The draft plan ``spec`` describes. Units are named by code; ``plans_by_key``
    resolves the seed plans' ("plan", key, connector) bases and ``spec.parent``."""
    plans_by_key = plans_by_key or {}
    codes = {spec.issuer, *(group.scope for group in spec.target_groups if group.scope)}
    for many in (spec.assignments, spec.recipients):
        codes.update(code for item in many for code in item.units)
    for deadline in spec.deadlines:
        codes.update([deadline.to_unit, *deadline.from_units])
    units = {unit.code: unit for unit in Unit.objects.filter(code__in=codes)}
    period_kind, starts_on, ends_on = spec.period
    authority, collective, title, deputy = spec.signature
    plan = plan_services.plan_create(
        actor=actor, issuer=units[spec.issuer], title=spec.title, parent=parent or plans_by_key.get(spec.parent),
        draft_date=spec.draft_date, preamble=spec.preamble, theme=spec.theme, motto=spec.motto,
        period_kind=period_kind, starts_on=starts_on, ends_on=ends_on, review_month=spec.review_month,
        summary_every_years=spec.summary_every_years, funding=spec.funding, closing=spec.closing,
        archive_note=spec.archive_note, sign_authority=authority, sign_collective=collective, sign_title=title,
        sign_deputy_title=deputy, signer_name=spec.signer_name,
        signer=User.objects.filter(username=spec.signer_username).first() if spec.signer_username else None,
    )
    for basis in spec.legal_bases:
        _add_basis(actor, plan, basis, plans_by_key)
    keyed: dict[str, Section] = {}
    _add_sections(actor, plan, spec.sections, None, keyed)
    groups = [
        _add(actor, plan, TargetGroup, name=group.name, unit_kinds=group.unit_kinds, levels_below=group.levels_below,
             recipient_kind=group.recipient_kind, scope=units[group.scope] if group.scope else None)
        for group in spec.target_groups
    ]
    for group_spec in spec.criterion_groups:
        group = _add(actor, plan, CriterionGroup, title=group_spec.title,
                     target_group=groups[group_spec.target_group] if group_spec.target_group is not None else None)
        for text in group_spec.criteria:
            _add(actor, plan, Criterion, group=group, text=text)
    for target in spec.targets:
        _add(actor, plan, Target, section=keyed[target.section], measure=target.measure,
             comparison=target.comparison, value=Decimal(target.value), unit_of_measure=target.unit_of_measure)
    catalogue = Quota._meta.get_field("award_type").related_model  # campaigns does not import awards
    awards = {award.name: award for award in catalogue.objects.filter(name__in={q.award for q in spec.quotas})}
    for quota in spec.quotas:
        _add(actor, plan, Quota, award_type=awards[quota.award], printed_name=quota.printed_name, count=quota.count,
             target_group=groups[quota.target_group] if quota.target_group is not None else None,
             per_parent=quota.per_parent, recipient_phrase=quota.recipient_phrase, occasion=quota.occasion)
    assignments = [
        _add(actor, plan, Assignment, many={"units": [units[code] for code in item.units]}, text=item.text,
             is_lead=item.is_lead)
        for item in spec.assignments
    ]
    for deadline in spec.deadlines:
        _add(actor, plan, Deadline, many={"from_units": [units[code] for code in deadline.from_units]},
             kind=deadline.kind, to_unit=units[deadline.to_unit], due_on=deadline.due_on,
             recurrence=deadline.recurrence, lead=deadline.lead,
             assignment=assignments[deadline.assignment] if deadline.assignment is not None else None)
    for recipient in spec.recipients:
        _add(actor, plan, Recipient, many={"units": [units[code] for code in recipient.units]}, text=recipient.text)
    return plan
