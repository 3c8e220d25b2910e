"""Bringing in a plan from the office's Word file or pasted text: the review kept
while the officer checks it, the choices they make for names the rules could
not match, and the confirmation that makes the plan (a draft, or for a records
clerk a plan recorded as issued)."""

import dataclasses
import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from campaigns.importing.matching import (
    NOT_LINKED,
    AwardMatch,
    CitationMatch,
    UnitMatch,
    award_matches,
    award_names,
    citation_match,
    unit_matches,
)
from campaigns.importing.recognise import ImportedPlan, recognise
from campaigns.importing.source import ImportError_, Line
from campaigns.importing.to_spec import plan_spec
from campaigns.models import OutsideDocumentType, Plan, PlanImport, PlanImportState
from campaigns.rules import may_import_as_draft, may_import_as_issued, may_review_import, plan_import_units
from campaigns.services import plans as plan_services
from campaigns.services.outside_documents import outside_document_create
from campaigns.services.plan_build import plan_build
from campaigns.specs import BasisSpec, PlanSpec
from emulation.models import Unit, User
from emulation.services import audit_record


@dataclass
class Review:
    """What the review screen shows: the recognised plan, its parts as values, and
    every name with what it matched (the officer's choice where they made one)."""

    imported: ImportedPlan
    spec: PlanSpec
    units: dict[str, UnitMatch]
    awards: dict[str, AwardMatch]
    citations: list[CitationMatch | None]
    chosen_units: set[str]
    chosen_awards: set[str]

    @property
    def unmatched_units(self) -> list[UnitMatch]:
        return [match for match in self.units.values() if not match.sure]

    @property
    def unmatched_awards(self) -> list[AwardMatch]:
        return [match for match in self.awards.values() if not match.sure]


def _lines(plan_import: PlanImport) -> list[Line]:
    return [Line(**line) for line in plan_import.lines]


def _unit_names(spec: PlanSpec) -> list[str]:
    names = [name for item in [*spec.assignments, *spec.recipients] for name in item.units]
    for deadline in spec.deadlines:
        names.extend([*deadline.from_units, deadline.to_unit])
    names.extend(group.scope for group in spec.target_groups if group.scope)
    return [name for name in names if name]


def plan_import_review(plan_import: PlanImport) -> Review:
    imported = recognise(_lines(plan_import), from_docx=plan_import.from_docx)
    spec = plan_spec(imported)
    units = unit_matches(_unit_names(spec), plan_import.unit)
    for name, chosen in plan_import.choices.get("units", {}).items():
        if name in units:
            units[name] = dataclasses.replace(units[name], units=[] if chosen == NOT_LINKED else list(chosen),
                                              sure=True)
    awards = award_matches([quota.award for quota in spec.quotas])
    for name, chosen in plan_import.choices.get("awards", {}).items():
        if name in awards:
            awards[name] = dataclasses.replace(awards[name], award=None if chosen == NOT_LINKED else chosen,
                                               sure=True)
    citations = [citation_match(basis.citation) if isinstance(basis, BasisSpec) else None
                 for basis in spec.legal_bases]
    return Review(imported=imported, spec=spec, units=units, awards=awards, citations=citations,
                  chosen_units=set(plan_import.choices.get("units", {})) & set(units),
                  chosen_awards=set(plan_import.choices.get("awards", {})) & set(awards))


def _issuer_for(actor: User, header_issuer: str, chosen: Unit | None) -> Unit:
    allowed = plan_import_units(actor)
    if chosen is not None:
        if not allowed.filter(pk=chosen.pk).exists():
            raise PermissionDenied(_("Bạn không được soạn thảo hay vào sổ văn bản của đơn vị này."))
        return chosen
    allowed = list(allowed)
    if len(allowed) == 1:
        return allowed[0]
    matched = unit_matches([header_issuer], allowed[0]).get(header_issuer) if header_issuer and allowed else None
    if matched and matched.sure and matched.units[0] in {unit.pk for unit in allowed}:
        return next(unit for unit in allowed if unit.pk == matched.units[0])
    raise ValidationError({"unit": _("Không nhận ra đơn vị ban hành trong văn bản: hãy chọn đơn vị.")})


def plan_import_start(*, actor: User, source_name: str, lines: list[Line], from_docx: bool,
                      unit: Unit | None = None) -> PlanImport:
    """Keep the source for review; refused at once when it is not a plan the rules can read."""
    if not plan_import_units(actor).exists():
        raise PermissionDenied(_("Chỉ người soạn kế hoạch và văn thư được nhập kế hoạch từ tệp."))
    try:
        imported = recognise(lines, from_docx=from_docx)
    except ImportError_ as error:
        raise ValidationError(str(error)) from None
    issuer = _issuer_for(actor, plan_spec(imported).issuer, unit)
    plan_import = PlanImport.objects.create(
        created_by=actor, unit=issuer, source_name=source_name[:255], from_docx=from_docx,
        lines=[dataclasses.asdict(line) for line in lines])
    audit_record(actor=actor, target=plan_import, action="plan_import.start", changes={"tệp": source_name[:200]})
    return plan_import


def _require_reviewer(actor: User, plan_import: PlanImport) -> None:
    if not may_review_import(actor, plan_import):
        raise PermissionDenied(_("Bản nhập này không phải của bạn, hoặc đã được xác nhận hay bỏ."))


def plan_import_choose(*, actor: User, plan_import: PlanImport, units: dict[str, list[int] | str],
                       awards: dict[str, int | str]) -> PlanImport:
    """Keep the officer's choices for names the rules left open (kept across leaving the page)."""
    _require_reviewer(actor, plan_import)
    review = plan_import_review(plan_import)
    allowed_units = set(Unit.objects.filter(pk__in=[pk for chosen in units.values() if chosen != NOT_LINKED
                                                    for pk in chosen]).values_list("pk", flat=True))
    choices = {"units": dict(plan_import.choices.get("units", {})),
               "awards": dict(plan_import.choices.get("awards", {}))}
    for name, chosen in units.items():
        if name in review.units and (chosen == NOT_LINKED or set(chosen) <= allowed_units):
            choices["units"][name] = chosen
    for name, chosen in awards.items():
        if name in review.awards:
            choices["awards"][name] = chosen
    plan_import.choices = choices
    plan_import.save(update_fields=["choices", "updated_at"])
    return plan_import


def _codes(names: list[str], review: Review, codes: dict[int, str]) -> list[str]:
    return [codes[pk] for name in names if name in review.units for pk in review.units[name].units]


def _resolved(review: Review, actor: User) -> PlanSpec:
    """The spec with names replaced by unit codes and award names by catalogue names;
    what has no unit or award is kept as text (an assignment, a recipient) or left out
    (a deadline with no receiving unit, an award outside the catalogue)."""
    spec = review.spec
    ids = {pk for match in review.units.values() for pk in match.units}
    codes = dict(Unit.objects.filter(pk__in=ids).values_list("pk", "code"))
    catalogue = award_names([match.award for match in review.awards.values()])
    bases = []
    for basis, cited in zip(spec.legal_bases, review.citations, strict=True):
        if isinstance(basis, BasisSpec) and cited is not None:
            basis = dataclasses.replace(basis, outside_document=cited.outside_document, plan=cited.plan)
            if cited.outside_document is None and cited.plan is None and basis.citation:
                basis = dataclasses.replace(basis, outside_document=_new_outside_document(actor, basis.citation))
        bases.append(basis)
    deadlines = []
    for deadline in spec.deadlines:
        receiving = _codes([deadline.to_unit], review, codes)
        if len(receiving) == 1:
            deadlines.append(dataclasses.replace(
                deadline, to_unit=receiving[0], from_units=_codes(deadline.from_units, review, codes)))
    return dataclasses.replace(
        spec, legal_bases=bases, deadlines=deadlines,
        assignments=[dataclasses.replace(item, units=_codes(item.units, review, codes)) for item in spec.assignments],
        recipients=[dataclasses.replace(item, units=_codes(item.units, review, codes)) for item in spec.recipients],
        target_groups=[dataclasses.replace(group, scope=(_codes([group.scope], review, codes) or [""])[0])
                       for group in spec.target_groups],
        quotas=[dataclasses.replace(quota, award=catalogue[review.awards[quota.award].award])
                for quota in spec.quotas if review.awards[quota.award].award in catalogue],
    )


def _new_outside_document(actor: User, citation: dict) -> int | None:
    """A document the plan cites that the register does not hold yet: entered on confirming
    (the register refuses a duplicate, which is then linked instead)."""
    doc_type = citation.get("doc_type") or OutsideDocumentType.OTHER
    issued_on = citation.get("issued_on")
    if isinstance(issued_on, str):
        issued_on = datetime.date.fromisoformat(issued_on)
    if not issued_on or not citation.get("subject"):
        return None
    try:
        return outside_document_create(actor=actor, doc_type=doc_type, number_symbol=citation.get("number_symbol", ""),
                                       issued_on=issued_on, issuer_name=citation.get("issuer_name", ""),
                                       subject=citation["subject"], connector=citation.get("connector") or "về").pk
    except ValidationError:
        cited = citation_match(citation)
        return cited.outside_document if cited else None


@transaction.atomic
def plan_import_confirm(*, actor: User, plan_import: PlanImport, as_issued: bool = False, number: int | None = None,
                        symbol: str = "", issued_on: datetime.date | None = None, signer_name: str = "",
                        pdf=None) -> Plan:
    """The plan the review shows: a draft of the officer's unit; or, ``as_issued``, recorded
    by the records clerk as issued on paper under its real number and date, with its PDF."""
    plan_import = PlanImport.objects.select_for_update().get(pk=plan_import.pk)
    _require_reviewer(actor, plan_import)
    unit = plan_import.unit
    if as_issued and not may_import_as_issued(actor, unit):
        raise PermissionDenied(_("Chỉ văn thư của đơn vị ban hành được ghi nhận văn bản đã ban hành."))
    if not as_issued and not may_import_as_draft(actor, unit):
        raise PermissionDenied(_("Bạn không được soạn thảo kế hoạch của đơn vị này."))
    review = plan_import_review(plan_import)
    spec = dataclasses.replace(_resolved(review, actor), issuer=unit.code)
    plan = plan_build(actor=None if as_issued else actor, spec=spec)
    audit_record(actor=actor, target=plan, action="plan.import", changes={"tệp": plan_import.source_name[:200]})
    if as_issued:
        plan = plan_services.plan_record_issued(actor=actor, plan=plan, number=number, symbol=symbol,
                                                issued_on=issued_on, signer_name=signer_name, pdf=pdf)
    plan_import.state, plan_import.plan = PlanImportState.CONFIRMED, plan
    plan_import.save(update_fields=["state", "plan", "updated_at"])
    return plan


def plan_import_discard(*, actor: User, plan_import: PlanImport) -> None:
    _require_reviewer(actor, plan_import)
    plan_import.state = PlanImportState.DISCARDED
    plan_import.lines = []
    plan_import.save(update_fields=["state", "lines", "updated_at"])
    audit_record(actor=actor, target=plan_import, action="plan_import.discard")
