"""Writes for plans: drafting part by part, the signature round, issuing,
deriving implementing plans and amendments. A plan's state changes through
``PLAN_TRANSITIONS``, which checks the move and records its real from/to."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.models import (
    Criterion,
    DeadlineKind,
    LegalBasis,
    Obligation,
    Plan,
    PlanBinding,
    PlanState,
    Quota,
    Section,
    SignAuthority,
)
from campaigns.rules import derivable_units
from campaigns.selectors import plan_problems, target_group_members
from campaigns.services.obligations import obligations_create, obligations_fulfil
from campaigns.transitions import PLAN_TRANSITIONS
from emulation.documents.issue import official_document_record, official_document_register
from emulation.documents.register import document_symbol, register_document
from emulation.documents.workflow import signer_check, signing_open, signing_taken_by_clerk, signing_withdraw
from emulation.files import files_discarded_on_error
from emulation.models import DocumentType, Role, Unit, UnitKind, User
from emulation.permissions import Action, can, people_holding, require
from emulation.services import audit_record, notification_send, notifications_send
from emulation.uploads import check_upload
from emulation.vn import lower_first


class EditConflict(Exception):
    """Someone saved the same thing after this copy was opened."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


PLAN_FIELDS = (
    "title", "place_name", "draft_date", "bases_end_with", "preamble", "theme", "motto", "period_kind", "starts_on",
    "ends_on", "ends_at_event",
    "review_month", "summary_every_years", "funding", "closing", "archive_note", "sign_authority",
    "sign_collective", "sign_title", "sign_deputy_title", "signer_name", "reminder_days",
)

def today() -> datetime.date:
    return timezone.localdate()



def _require_editable(actor: User | None, plan: Plan) -> None:
    """``actor=None`` is the system (demo data, imports): state rules still apply."""
    if plan.state != PlanState.DRAFT:
        raise ValidationError(_("Kế hoạch không còn ở trạng thái dự thảo nên không sửa được."))
    if actor is not None:
        require(actor, Action.DRAFT_PLAN, plan.issuer, _("Bạn không được soạn thảo kế hoạch của đơn vị này."))


def _conflict_message(instance) -> str:
    return _("Nội dung này vừa được người khác lưu sau khi bạn mở. Bản của bạn chưa được lưu; "
             "hãy tải lại trang để xem bản mới nhất, rồi nhập lại thay đổi của bạn.")


def _save_versioned(instance, expected_revision: int | None, update_fields: list[str]) -> None:
    """UPDATE … WHERE revision = expected: the first save wins, a stale one raises."""
    model = type(instance)
    if expected_revision is None:
        raise EditConflict(_conflict_message(instance))
    values = {name: getattr(instance, model._meta.get_field(name).attname) for name in update_fields}
    if any(f.name == "updated_at" for f in model._meta.concrete_fields):
        values["updated_at"] = timezone.now()
    updated = model.objects.filter(pk=instance.pk, revision=expected_revision).update(
        revision=F("revision") + 1, **values
    )
    if updated != 1:
        raise EditConflict(_conflict_message(instance))
    instance.revision = expected_revision + 1


def default_signature(issuer: Unit) -> dict:
    if issuer.kind == UnitKind.COUNCIL:
        # A council signs as a collective: “TM. HỘI ĐỒNG / CHỦ TỊCH”.
        return {"sign_authority": SignAuthority.ON_BEHALF, "sign_title": "CHỦ TỊCH", "sign_collective": "HỘI ĐỒNG"}
    titles = {
        UnitKind.SCHOOL: "HIỆU TRƯỞNG", UnitKind.DEPARTMENT: "GIÁM ĐỐC", UnitKind.POLICE: "GIÁM ĐỐC",
        UnitKind.MILITARY: "CHỈ HUY TRƯỞNG", UnitKind.EMULATION_BOARD: "TRƯỞNG BAN",
    }
    return {"sign_authority": SignAuthority.HEAD, "sign_title": titles.get(issuer.kind, "CHỦ TỊCH"),
            "sign_collective": "ỦY BAN NHÂN DÂN" if issuer.abbreviation == "UBND" else ""}


@transaction.atomic
def plan_create(*, actor: User | None, issuer: Unit, title: str, **fields) -> Plan:
    if actor is not None:
        require(actor, Action.DRAFT_PLAN, issuer, _("Bạn không được soạn thảo kế hoạch của đơn vị này."))
    values = {"place_name": issuer.place_name, **default_signature(issuer), **fields}
    plan = Plan(issuer=issuer, title=title.strip(), created_by=actor, **values)
    plan.full_clean()
    plan.save()
    audit_record(actor=actor, target=plan, action="plan.create", to_state=PlanState.DRAFT)
    return plan


@transaction.atomic
def plan_update(*, actor: User, plan: Plan, expected_revision: int, **fields) -> Plan:
    _require_editable(actor, plan)
    unknown = set(fields) - set(PLAN_FIELDS)
    if unknown:
        raise TypeError(f"plan_update does not change {sorted(unknown)}")
    changed = {}
    for name, value in fields.items():
        if getattr(plan, name) != value:
            changed[name] = value
            setattr(plan, name, value)
    plan.full_clean()
    _save_versioned(plan, expected_revision, list(fields))
    if changed:
        audit_record(actor=actor, target=plan, action="plan.update",
                     changes={str(Plan._meta.get_field(name).verbose_name): str(value)[:200]
                              for name, value in changed.items()})
    return plan


def _next_position(model, plan: Plan, **siblings) -> int:
    highest = model.objects.filter(plan=plan, **siblings).aggregate(highest=Max("position"))["highest"]
    return (highest or 0) + 10


def _check_part_belongs(plan: Plan, instance) -> None:
    """Foreign keys of a part must point inside the same plan."""
    for field_name in ("parent", "group", "target_group", "section", "movement", "assignment"):
        related = getattr(instance, field_name, None) if hasattr(instance, f"{field_name}_id") else None
        if related is not None and getattr(related, "plan_id", plan.pk) != plan.pk:
            raise ValidationError({field_name: _("Mục được chọn không thuộc kế hoạch này.")})
    if isinstance(instance, Section) and instance.parent_id and instance.pk:
        ancestor = instance.parent
        while ancestor is not None:
            if ancestor.pk == instance.pk:
                raise ValidationError({"parent": _("Không thể đặt một mục vào trong chính nó.")})
            ancestor = ancestor.parent


@transaction.atomic
def plan_part_save(
    *, actor: User | None, plan: Plan, instance, values: dict, many: dict | None = None,
    expected_revision: int | None = None,
):
    """Create (``instance.pk`` is None) or update one row of a plan."""
    _require_editable(actor, plan)
    created = instance.pk is None
    for name, value in values.items():
        setattr(instance, name, value)
    instance.plan = plan
    _check_part_belongs(plan, instance)
    if created:
        siblings = {"parent": instance.parent} if isinstance(instance, Section) else {}
        if isinstance(instance, Criterion):
            siblings = {"group": instance.group}
        instance.position = _next_position(type(instance), plan, **siblings)
        instance.full_clean()
        instance.save()
    else:
        instance.full_clean()
        _save_versioned(instance, expected_revision, list(values))
    for name, related in (many or {}).items():
        getattr(instance, name).set(related)
    audit_record(actor=actor, target=plan, action="plan.part_add" if created else "plan.part_edit",
                 changes={str(type(instance)._meta.verbose_name): str(instance)[:200]})
    return instance


@transaction.atomic
def plan_part_delete(*, actor: User, plan: Plan, instance, expected_revision: int | None) -> None:
    _require_editable(actor, plan)
    if instance.plan_id != plan.pk:
        raise PermissionDenied(_("Mục này không thuộc kế hoạch."))
    deleted = type(instance).objects.filter(pk=instance.pk, revision=expected_revision).delete()[0]
    if not deleted:
        raise EditConflict(_conflict_message(instance))
    audit_record(actor=actor, target=plan, action="plan.part_delete",
                 changes={str(type(instance)._meta.verbose_name): str(instance)[:200]})


def _siblings(instance):
    model = type(instance)
    rows = model.objects.filter(plan_id=instance.plan_id)
    if isinstance(instance, Section):
        rows = rows.filter(parent_id=instance.parent_id)
    if isinstance(instance, Criterion):
        rows = rows.filter(group_id=instance.group_id)
    return list(rows.order_by("position", "id"))


def _renumber(rows) -> None:
    for index, row in enumerate(rows, start=1):
        if row.position != index * 10:
            row.position = index * 10
            type(row).objects.filter(pk=row.pk).update(position=row.position, revision=F("revision") + 1)


@transaction.atomic
def plan_part_move(*, actor: User, plan: Plan, instance, direction: str) -> None:
    """``up``/``down`` among siblings; for sections also ``in`` (under the
    previous sibling) and ``out`` (after the parent)."""
    _require_editable(actor, plan)
    rows = _siblings(instance)
    index = next(i for i, row in enumerate(rows) if row.pk == instance.pk)
    if direction in ("up", "down"):
        other = index - 1 if direction == "up" else index + 1
        if 0 <= other < len(rows):
            rows[index], rows[other] = rows[other], rows[index]
        _renumber(rows)
    elif direction == "in" and isinstance(instance, Section):
        if index == 0:
            raise ValidationError(_("Mục đầu tiên không có mục nào phía trên để lùi vào."))
        new_parent = rows[index - 1]
        instance.parent = new_parent
        instance.position = _next_position(Section, plan, parent=new_parent)
        Section.objects.filter(pk=instance.pk).update(parent=new_parent, position=instance.position,
                                                     revision=F("revision") + 1)
    elif direction == "out" and isinstance(instance, Section):
        if instance.parent_id is None:
            raise ValidationError(_("Mục này đã ở cấp cao nhất."))
        old_parent = instance.parent
        outer = _siblings(old_parent)
        Section.objects.filter(pk=instance.pk).update(parent=old_parent.parent, revision=F("revision") + 1)
        instance.parent = old_parent.parent
        at = next(i for i, row in enumerate(outer) if row.pk == old_parent.pk)
        outer.insert(at + 1, instance)
        _renumber(outer)
    else:
        raise ValidationError(_("Thao tác di chuyển không hợp lệ."))
    audit_record(actor=actor, target=plan, action="plan.part_move",
                 changes={str(type(instance)._meta.verbose_name): str(instance)[:120], _("hướng"): direction})


def sole_signer(issuer: Unit) -> User | None:
    """The unit's signer when it has exactly one, the default choice."""
    signers = list(people_holding(Role.SIGNER, issuer)[:2])
    return signers[0] if len(signers) == 1 else None


@transaction.atomic
def plan_submit(*, actor: User | None, plan: Plan, signer: User | None = None) -> Plan:
    """To the person who will sign it with their own certificate (the unit's
    only signer when none is chosen); their name is the one printed."""
    plan = Plan.objects.select_for_update().select_related("issuer").get(pk=plan.pk)
    _require_editable(actor, plan)
    problems = plan_problems(plan)
    if problems:
        raise ValidationError(problems)
    signer = signer or sole_signer(plan.issuer)
    if signer is None and not people_holding(Role.SIGNER, plan.issuer).exists():
        raise ValidationError({"signer": _("%(unit)s chưa có người ký; quản trị đơn vị cần phân công người ký trước "
                                           "khi trình.") % {"unit": plan.issuer.name}})
    signer_check(signer, plan.issuer)
    plan.signer, plan.signer_name = signer, signer.get_full_name()
    PLAN_TRANSITIONS.move(plan, PlanState.AWAITING_SIGNATURE, actor=actor, action="plan.submit",
                          changes={_("người ký"): plan.signer_name}, update_fields=("signer", "signer_name"))
    signing_open(actor=actor, target=plan, issuer=plan.issuer, doc_type=DocumentType.PLAN, signer=signer,
                 subject=plan.title)
    who = actor.get_full_name() if actor else plan.issuer.name
    notification_send(recipient=signer, title=_("Dự thảo kế hoạch chờ ký: %(title)s") % {"title": plan.title[:120]},
                      body=_("%(who)s đã trình dự thảo để bạn ký số.") % {"who": who},
                      url=reverse("plan_detail", args=[plan.pk]))
    return plan


@transaction.atomic
def plan_return(*, actor: User, plan: Plan, reason: str) -> Plan:
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if plan.state != PlanState.AWAITING_SIGNATURE:
        raise ValidationError(_("Chỉ trả lại được dự thảo đang chờ ký."))
    require(actor, Action.SIGN_PLAN, plan.issuer, _("Bạn không phải người ký của đơn vị ban hành."))
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Vui lòng ghi lý do trả lại để người soạn biết cần sửa gì.")})
    signing_withdraw(actor=actor, target=plan)
    PLAN_TRANSITIONS.move(plan, PlanState.DRAFT, actor=actor, action="plan.return", reason=reason)
    drafters = list(people_holding([Role.DRAFTER, Role.UNIT_OFFICER], plan.issuer))
    if plan.created_by and plan.created_by.is_active and plan.created_by not in drafters:
        drafters.append(plan.created_by)
    for drafter in drafters:
        notification_send(recipient=drafter, title=_("Dự thảo bị trả lại: %(title)s") % {"title": plan.title[:120]},
                          body=_("Lý do: %(reason)s") % {"reason": reason}, url=reverse("plan_edit", args=[plan.pk]))
    return plan


def _binding_units(plan: Plan) -> dict[int, bool]:
    """unit id -> expected to issue its own implementing plan."""
    bound: dict[int, bool] = {}
    for group in plan.target_groups.all():
        for unit_id in target_group_members(group, plan.issuer).values_list("pk", flat=True):
            bound.setdefault(unit_id, False)
    for deadline in plan.deadlines.prefetch_related("from_units"):
        for unit in deadline.from_units.all():
            expected = deadline.kind == DeadlineKind.IMPLEMENTING_PLAN
            bound[unit.pk] = bound.get(unit.pk, False) or expected
        bound.setdefault(deadline.to_unit_id, False)
    for assignment in plan.assignments.prefetch_related("units"):
        for unit in assignment.units.all():
            bound.setdefault(unit.pk, False)
    for recipient in plan.recipients.prefetch_related("units"):
        for unit in recipient.units.all():
            bound.setdefault(unit.pk, False)
    bound.pop(plan.issuer_id, None)
    return bound


def _freeze(plan: Plan) -> None:
    issuer = plan.issuer
    plan.frozen_header = {
        "issuer_name": issuer.name, "header": issuer.header_name, "parent_header": issuer.parent_header_name,
        "symbol": plan.symbol,
    }
    for quota in plan.quotas.select_related("award_type").filter(printed_name=""):
        Quota.objects.filter(pk=quota.pk).update(printed_name=quota.award_type.name)


def _record_bindings(plan: Plan) -> list[int]:
    bound = _binding_units(plan)
    PlanBinding.objects.filter(plan=plan).delete()
    PlanBinding.objects.bulk_create(
        [PlanBinding(plan=plan, unit_id=unit_id, expected_to_implement=expected) for unit_id, expected in bound.items()]
    )
    return list(bound)


@transaction.atomic
def plan_issue(*, actor: User | None, plan: Plan, issued_on: datetime.date | None = None,
               number: int | None = None) -> Plan:
    """The clerk's issue, once the signer has signed (``workflow.document_issue``
    calls it): number from the register, date, freeze, bind, notify; all
    quick, so the register's number lock is held briefly. The worker fills the
    number and date into the signed file and applies the agency's signature
    after commit. ``actor=None`` with a ``number`` records a plan issued
    outside the system."""
    plan = Plan.objects.select_for_update().select_related("issuer").get(pk=plan.pk)
    if actor is not None:
        if plan.state != PlanState.AWAITING_SIGNATURE:
            raise ValidationError(_("Chỉ ban hành được dự thảo đang chờ ký."))
        require(actor, Action.ISSUE_DOCUMENT, plan.issuer,
                _("Chỉ văn thư của đơn vị ban hành được vào số và ban hành."))
        if not signing_taken_by_clerk(plan):
            raise ValidationError(_("Người ký chưa ký số kế hoạch này."))
        problems = plan_problems(plan)
        if problems:
            raise ValidationError(problems)
    return _issued(plan, actor=actor, issued_on=issued_on or today(), number=number, notify=actor is not None)


@transaction.atomic
def plan_record_issued(*, actor: User, plan: Plan, number: int, symbol: str, issued_on: datetime.date,
                       signer_name: str, pdf) -> Plan:
    """The records clerk records a plan issued on paper or in another system, whose structure was
    drafted here: under its real number, symbol and date (a number already in the register is
    refused), with its own PDF as the official file. From then on it is an issued plan like any
    other: it binds its units, creates their obligations and can be derived from."""
    plan = Plan.objects.select_for_update().select_related("issuer").get(pk=plan.pk)
    if plan.state != PlanState.DRAFT:
        raise ValidationError(_("Chỉ ghi nhận được một dự thảo: kế hoạch này đã ở trạng thái khác."))
    require(actor, Action.ISSUE_DOCUMENT, plan.issuer,
            _("Chỉ văn thư của đơn vị ban hành được ghi nhận văn bản đã ban hành."))
    errors = {}
    if issued_on > today():
        errors["issued_on"] = _("Ngày ban hành không thể sau hôm nay.")
    symbol = symbol.strip()
    if not symbol.startswith(f"{DocumentType.PLAN}-"):
        errors["symbol"] = _("Ký hiệu của kế hoạch bắt đầu bằng “KH-”, ví dụ KH-UBND.")
    if not signer_name.strip():
        errors["signer_name"] = _("Hãy ghi họ tên người đã ký văn bản.")
    if errors:
        raise ValidationError(errors)
    check_upload(pdf)
    if not pdf.name.lower().endswith(".pdf"):
        raise ValidationError({"pdf": _("Văn bản đã ban hành phải là tệp PDF (bản quét hoặc bản đã ký số).")})
    plan.signer_name = signer_name.strip()
    content = pdf.read()
    with files_discarded_on_error():
        return _issued(plan, actor=actor, issued_on=issued_on, number=number, symbol=symbol, recorded_pdf=content,
                       notify=True)


def _issued(plan: Plan, *, actor: User | None, issued_on: datetime.date, number: int | None, notify: bool,
            symbol: str | None = None, recorded_pdf: bytes | None = None) -> Plan:
    # Everything that does not need the number comes first: on PostgreSQL the
    # register's counter row stays locked from the number to the commit.
    plan.issued_on = issued_on
    bound = _record_bindings(plan)
    obligations_create(plan=plan)
    officers = list(people_holding([Role.UNIT_OFFICER, Role.DRAFTER, Role.SIGNER, Role.REVIEWER], bound)
                    ) if notify else []
    plan.symbol = symbol or document_symbol(doc_type=DocumentType.PLAN, issuer=plan.issuer)
    _freeze(plan)
    entry = register_document(
        issuer=plan.issuer, doc_type=DocumentType.PLAN, issued_on=issued_on, subject=plan.title,
        signer_name=plan.signer_name, recipients="; ".join(plan.recipients.values_list("text", flat=True)),
        file_copy_unit=plan.archive_note, document=plan, registered_by=actor, number=number, symbol=symbol,
    )
    plan.number, plan.register_entry = entry.number, entry
    PLAN_TRANSITIONS.move(plan, PlanState.ISSUED, actor=actor,
                          action="plan.record_issued" if recorded_pdf is not None else "plan.issue",
                          changes={_("số"): plan.number_symbol}, update_fields=(
                              "number", "symbol", "issued_on", "register_entry", "frozen_header", "signer_name",
                              "signer"))
    if plan.supersedes_id:
        PLAN_TRANSITIONS.move(Plan.objects.select_for_update().get(pk=plan.supersedes_id), PlanState.SUPERSEDED,
                              actor=actor, action="plan.supersede",
                              reason=_("Thay thế bởi %(number)s") % {"number": plan.number_symbol})
    document_fields = {"target": plan, "issuer": plan.issuer, "doc_type": DocumentType.PLAN,
                       "number_symbol": plan.number_symbol, "issued_on": plan.issued_on, "subject": plan.title,
                       "signer_name": plan.signer_name}
    if recorded_pdf is not None:
        official_document_record(**document_fields, pdf=recorded_pdf)
    else:
        official_document_register(**document_fields)
    if plan.parent_id:
        obligations_fulfil(plan=plan.parent, unit=plan.issuer, kinds=[DeadlineKind.IMPLEMENTING_PLAN],
                           what=_("Kế hoạch số %(number)s") % {"number": plan.number_symbol})
    if officers:
        notifications_send(recipients=officers, title=_("Kế hoạch số %(number)s của %(issuer)s đã ban hành") % {
            "number": plan.number_symbol, "issuer": plan.issuer.name}, body=plan.title[:300],
            url=reverse("plan_detail", args=[plan.pk]))
    return plan


def _copy_row(row, target: Plan, **overrides):
    many = {}
    for m2m in type(row)._meta.many_to_many:
        many[m2m.name] = list(getattr(row, m2m.name).all())
    row.pk = None
    row.id = None
    row._state.adding = True
    row.plan = target
    row.revision = 1
    for name, value in overrides.items():
        setattr(row, name, value)
    row.save()
    for name, related in many.items():
        getattr(row, name).set(related)
    return row


def _copy_parts(source: Plan, target: Plan, *, for_unit: Unit | None = None) -> None:
    """Copy the rows of ``source`` into ``target``. With ``for_unit`` (deriving),
    keep only what applies to that unit."""
    sections = {}
    for section in source.sections.order_by("parent_id", "position"):
        old_pk = section.pk
        parent = sections.get(section.parent_id)
        sections[old_pk] = _copy_row(section, target, parent=parent)
    groups = {}
    for group in source.target_groups.all():
        old_pk = group.pk
        if for_unit is not None:
            # Only groups competing below the unit: its own plan organises them.
            members = target_group_members(group, source.issuer)
            if not members.filter(path__startswith=for_unit.path).exclude(pk=for_unit.pk).exists():
                continue
            overrides = {"scope": for_unit}
        else:
            overrides = {}
        groups[old_pk] = _copy_row(group, target, movement=sections.get(group.movement_id), **overrides)
    criterion_groups = {}
    for group in source.criterion_groups.all():
        if for_unit is not None and group.target_group_id and group.target_group_id not in groups:
            continue
        old_pk = group.pk
        criterion_groups[old_pk] = _copy_row(group, target, target_group=groups.get(group.target_group_id),
                                             movement=sections.get(group.movement_id))
    for criterion in source.criteria.all():
        if criterion.group_id in criterion_groups:
            _copy_row(criterion, target, group=criterion_groups[criterion.group_id])
    for target_row in source.targets.all():
        _copy_row(target_row, target, section=sections.get(target_row.section_id),
                  movement=sections.get(target_row.movement_id))
    for quota in source.quotas.all():
        if for_unit is not None:
            if quota.target_group_id and quota.target_group_id not in groups:
                continue
            count = 1 if quota.per_parent else quota.count
            _copy_row(quota, target, target_group=groups.get(quota.target_group_id), per_parent=False, count=count,
                      movement=sections.get(quota.movement_id))
        else:
            _copy_row(quota, target, target_group=groups.get(quota.target_group_id),
                      movement=sections.get(quota.movement_id))
    assignments = {}
    if for_unit is None:
        for assignment in source.assignments.all():
            old_pk = assignment.pk
            assignments[old_pk] = _copy_row(assignment, target)
        for recipient in source.recipients.all():
            _copy_row(recipient, target)
        for basis in source.legal_bases.all():
            _copy_row(basis, target)
    for deadline in source.deadlines.prefetch_related("from_units"):
        if for_unit is not None:
            if deadline.kind == DeadlineKind.IMPLEMENTING_PLAN or not deadline.from_units.filter(
                    pk=for_unit.pk).exists():
                continue
            # The unit's own deadline: collect from its units, to itself, before the parent's date.
            copied = _copy_row(deadline, target, assignment=None, to_unit=for_unit, lead="")
            copied.from_units.set(Unit.objects.filter(parent=for_unit, archived_at__isnull=True)
                                  .exclude(kind=UnitKind.OFFICE))
        else:
            _copy_row(deadline, target, assignment=assignments.get(deadline.assignment_id))


@transaction.atomic
def plan_derive(*, actor: User, parent: Plan, unit: Unit) -> Plan:
    """The unit's implementing plan, prefilled from the parent plan."""
    if parent.state != PlanState.ISSUED:
        raise ValidationError(_("Chỉ xây dựng kế hoạch triển khai từ kế hoạch đang có hiệu lực."))
    require(actor, Action.DRAFT_PLAN, unit, _("Bạn không được soạn thảo kế hoạch của đơn vị này."))
    if not can(actor, "plan.view", parent) or not derivable_units(actor, parent).filter(pk=unit.pk).exists():
        raise PermissionDenied(_("Kế hoạch này không giao nhiệm vụ cho đơn vị của bạn."))
    plan = plan_create(
        actor=actor, issuer=unit, title=f"Triển khai thực hiện {lower_first(parent.title)}", parent=parent,
        theme=parent.theme, motto=parent.motto, period_kind=parent.period_kind, starts_on=parent.starts_on,
        ends_on=parent.ends_on, ends_at_event=parent.ends_at_event, review_month=parent.review_month,
        summary_every_years=parent.summary_every_years,
        funding=parent.funding, draft_date=today(),
    )
    LegalBasis.objects.create(plan=plan, position=10, linked_plan=parent, connector="về việc")
    _copy_parts(parent, plan, for_unit=unit)
    audit_record(actor=actor, target=plan, action="plan.derive", to_state=PlanState.DRAFT,
                 changes={_("từ kế hoạch"): parent.number_symbol})
    return plan


@transaction.atomic
def plan_period_close(*, actor: User, plan: Plan, ends_on: datetime.date) -> Plan:
    """The event a period ended at took place: its date becomes the period's end. Yearly
    deadlines stop there; obligations already made for later dates are waived, saying why."""
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if not can(actor, "plan.close_period", plan):
        raise PermissionDenied(_("Bạn không ghi được ngày kết thúc đợt thi đua của kế hoạch này."))
    if plan.starts_on and ends_on < plan.starts_on:
        raise ValidationError({"ends_on": _("Ngày kết thúc phải sau ngày bắt đầu (%(start)s).") % {
            "start": plan.starts_on.strftime("%d/%m/%Y")}})
    plan.ends_on = ends_on
    plan.save(update_fields=["ends_on", "updated_at"])
    reason = _("Đợt thi đua kết thúc ngày %(date)s (%(event)s).") % {
        "date": ends_on.strftime("%d/%m/%Y"), "event": plan.ends_at_event}
    waived = Obligation.objects.filter(plan=plan, due_on__gt=ends_on, fulfilled_at__isnull=True,
                                       waived_at__isnull=True).update(waived_at=timezone.now(),
                                                                      waived_reason=reason[:255])
    audit_record(actor=actor, target=plan, action="plan.period_close",
                 changes={_("đến ngày"): ends_on.strftime("%d/%m/%Y"), _("nghĩa vụ được miễn"): str(waived)})
    return plan


@transaction.atomic
def plan_amend(*, actor: User, plan: Plan) -> Plan:
    """A new draft version that will supersede ``plan`` when issued."""
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if plan.state != PlanState.ISSUED:
        raise ValidationError(_("Chỉ sửa đổi được kế hoạch đang có hiệu lực."))
    if Plan.objects.filter(supersedes=plan).exists():
        raise ValidationError(_("Kế hoạch này đã có một bản sửa đổi đang soạn."))
    require(actor, Action.DRAFT_PLAN, plan.issuer, _("Bạn không được soạn thảo kế hoạch của đơn vị này."))
    fields = {name: getattr(plan, name) for name in PLAN_FIELDS if name != "title"}
    fields["draft_date"] = today()
    amendment = plan_create(actor=actor, issuer=plan.issuer, title=plan.title, parent=plan.parent,
                            supersedes=plan, version=plan.version + 1, **fields)
    _copy_parts(plan, amendment)
    audit_record(actor=actor, target=plan, action="plan.amend",
                 changes={_("bản sửa đổi"): str(amendment.pk)})
    return amendment
