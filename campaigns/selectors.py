"""Reads for plan, obligation and report pages, with their joins done so that
the number of queries does not grow with the number of rows; and the reads the
services share (what a draft still lacks, who a target group is, the roll-up)."""

from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.models import (
    OBLIGATION_STATUS_LABELS,
    REPORT_KINDS,
    Assignment,
    Comparison,
    Criterion,
    CriterionGroup,
    Deadline,
    DeadlineKind,
    LegalBasis,
    Obligation,
    OutsideDocument,
    OutsideDocumentType,
    PeriodKind,
    Plan,
    PlanBinding,
    PlanImport,
    PlanImportState,
    PlanState,
    Quota,
    ReportState,
    ReportValue,
    Section,
    SectionBlock,
    SignAuthority,
    Target,
    TargetGroup,
)
from campaigns.rules import plans_visible_to
from emulation.models import AuditEntry, Role, Unit, User
from emulation.permissions import Action, held_roles, units_for
from emulation.selectors import DESK_ITEMS, DESK_TASKS, Task, TaskItem, bounded_count
from emulation.text import fold


def plan_with_parts(plan_id: int, *, for_editing: bool = False) -> Plan:
    """The plan with every part its document prints. The units that parts name
    (who must file, who is told) are not printed — a province plan's run to
    hundreds — and are loaded only ``for_editing``, where the part panels show them."""
    unit_lists = ["assignments__units", "deadlines__from_units", "recipients__units"] if for_editing else []
    return (
        Plan.objects.select_related("issuer", "parent__issuer", "supersedes", "signer", "register_entry")
        .prefetch_related(
            Prefetch("legal_bases",
                     queryset=LegalBasis.objects.select_related("linked_plan__issuer", "outside_document")),
            Prefetch("sections", queryset=Section.objects.order_by("position", "id")),
            Prefetch("target_groups", queryset=TargetGroup.objects.select_related("scope", "movement")),
            Prefetch("criterion_groups", queryset=CriterionGroup.objects.select_related("target_group", "movement")),
            Prefetch("criteria", queryset=Criterion.objects.all()),
            Prefetch("criterion_groups__criteria", queryset=Criterion.objects.all()),
            Prefetch("targets", queryset=Target.objects.select_related("section", "movement")),
            Prefetch("quotas", queryset=Quota.objects.select_related("award_type", "target_group", "movement")),
            Prefetch("assignments", queryset=Assignment.objects.prefetch_related("deadlines")),
            Prefetch("deadlines", queryset=Deadline.objects.select_related("to_unit", "assignment")),
            "recipients", *unit_lists,
        )
        .get(pk=plan_id)
    )


def implementation_status(plan: Plan) -> list[dict]:
    """For each unit expected to issue its own plan: its implementing plan, if any."""
    expected = (
        PlanBinding.objects.filter(plan=plan, expected_to_implement=True)
        .select_related("unit").order_by("unit__path")
    )
    derived = {}
    children = Plan.objects.filter(parent=plan).exclude(state=PlanState.SUPERSEDED).select_related("issuer")
    for child in children.defer(*PLAN_LONG_TEXTS):
        current = derived.get(child.issuer_id)
        if current is None or (child.is_issued and not current.is_issued):
            derived[child.issuer_id] = child
    rows = [{"unit": binding.unit, "plan": derived.pop(binding.unit_id, None)} for binding in expected]
    rows.extend({"unit": child.issuer, "plan": child} for child in derived.values())
    return rows


PLAN_TABS = {
    "all": "Tất cả",
    "mine": "Của đơn vị tôi",
    "binding": "Giao cho đơn vị tôi",
    "awaiting": "Chờ tôi ký",
}


# The long texts of a plan, which no list shows; the plan list does not show its parent's either.
PLAN_LONG_TEXTS = ["preamble", "theme", "motto", "funding", "closing", "frozen_header", "archive_note"]
PLAN_LIST_UNSHOWN = [f"{prefix}{name}" for prefix in ("", "parent__") for name in PLAN_LONG_TEXTS]


def plan_list(*, user, tab: str = "all", query: str = "", year: int | None = None, issuer_id: int | None = None,
              state: str = "") -> QuerySet[Plan]:
    plans = plans_visible_to(user)
    my_units = [held.unit_id for held in held_roles(user)]
    if tab == "mine":
        plans = plans.filter(issuer_id__in=my_units)
    elif tab == "binding":
        plans = plans.filter(state=PlanState.ISSUED).filter(
            Exists(PlanBinding.objects.filter(plan=OuterRef("pk"), unit_id__in=my_units)))
    elif tab == "awaiting":
        plans = plans.filter(state=PlanState.AWAITING_SIGNATURE,
                             issuer__in=units_for(user, Action.SIGN_PLAN).values("pk"))
    if query:
        matches = Q(title__icontains=query) | Q(issuer__search_key__contains=fold(query)) | Q(symbol__icontains=query)
        number = query.split("/")[0].strip()
        if number.isascii() and number.isdecimal():
            matches |= Q(number=int(number))
        plans = plans.filter(matches)
    if year:
        plans = plans.filter(Q(issued_on__year=year) | Q(issued_on__isnull=True, created_at__year=year))
    if issuer_id:
        plans = plans.filter(issuer_id=issuer_id)
    if state:
        plans = plans.filter(state=state)
    # Every condition above is a subquery or a foreign key: no row comes twice, so no DISTINCT
    # (which would compare every column of the plan, long texts included).
    return plans.select_related("issuer", "parent").defer(*PLAN_LIST_UNSHOWN).order_by(
        "-issued_on", "-created_at", "-id")


def issuer_choices(user) -> QuerySet[Unit]:
    return Unit.objects.filter(pk__in=plans_visible_to(user).values("issuer_id")).order_by("path")


def plan_tab_counts(user) -> dict[str, int]:
    return {"awaiting": plan_list(user=user, tab="awaiting").count()}


def drafting_tasks(user, units) -> list:
    """Drafts in progress, drafts the signer sent back (with the latest reason), and the
    higher bodies' plans the units must implement and have not: each a bounded count and
    the first few by name, in a fixed number of queries however many rows there are."""
    tasks = []
    drafts = Plan.objects.filter(issuer__in=units, state=PlanState.DRAFT)
    count = bounded_count(drafts)
    if count:
        rows = drafts.select_related("issuer").only("id", "title", "updated_at", "issuer__name").order_by(
            "-updated_at", "-id")[:DESK_ITEMS]
        tasks.append(Task(title=_("Dự thảo kế hoạch đang soạn"), detail=_("Hoàn thiện và trình ký."),
                          url=reverse("plan_list") + "?tab=mine&state=draft", count=count,
                          items=[TaskItem(text=plan.title, url=reverse("plan_edit", args=[plan.pk]),
                                          detail=plan.issuer.name) for plan in rows]))
    returns = AuditEntry.objects.filter(content_type=ContentType.objects.get_for_model(Plan), action="plan.return")
    returned = drafts.filter(Exists(returns.filter(object_id=OuterRef("pk"))))
    count = bounded_count(returned)
    if count:
        rows = list(returned.only("id", "title", "updated_at").order_by("-updated_at", "-id")[:DESK_ITEMS])
        reasons = {}
        for object_id, reason in returns.filter(object_id__in=[plan.pk for plan in rows]).order_by(
                "created_at", "id").values_list("object_id", "reason"):
            reasons[object_id] = reason  # the latest return wins
        tasks.append(Task(title=_("Dự thảo bị trả lại"), detail=_("Sửa theo lý do người ký ghi rồi trình ký lại."),
                          url=reverse("plan_list") + "?tab=mine&state=draft", count=count,
                          items=[TaskItem(text=plan.title, url=reverse("plan_edit", args=[plan.pk]),
                                          detail=_("Lý do: %(reason)s") % {"reason": reasons.get(plan.pk, "")})
                                 for plan in rows]))
    pending = PlanBinding.objects.filter(unit__in=units, expected_to_implement=True, plan__state=PlanState.ISSUED)
    pending = pending.exclude(Exists(Plan.objects.filter(parent=OuterRef("plan"), issuer=OuterRef("unit"))
                                     .exclude(state=PlanState.SUPERSEDED)))
    missing = bounded_count(pending)
    if missing:
        rows = pending.select_related("plan", "unit").only(
            "id", "plan__id", "plan__title", "plan__number", "plan__symbol", "unit__name").order_by(
            "-plan__issued_on", "-id")[:DESK_ITEMS]
        tasks.append(Task(title=_("Kế hoạch cấp trên chờ đơn vị xây dựng kế hoạch triển khai"),
                          detail=_("Mở kế hoạch cấp trên và chọn “Xây dựng kế hoạch triển khai”."),
                          url=reverse("plan_list") + "?tab=binding", count=missing,
                          items=[TaskItem(text=binding.plan.title, url=reverse("plan_detail", args=[binding.plan_id]),
                                          detail=_("Kế hoạch số %(number)s · %(unit)s") % {
                                              "number": binding.plan.number_symbol, "unit": binding.unit.name})
                                 for binding in rows]))
    return tasks


# How many obligations the home page lists one by one, soonest first.
DESK_OBLIGATIONS = 10


def obligation_url(obligation: Obligation) -> str:
    """Where the unit does what it owes: the report, the dossier, its own plan."""
    if obligation.kind in REPORT_KINDS:
        return reverse("report_edit", args=[obligation.plan_id, obligation.due_on.year]) + f"?unit={obligation.unit_id}"
    if obligation.kind == DeadlineKind.NOMINATIONS:
        return reverse("nomination_create", args=[obligation.plan_id])
    if obligation.kind == DeadlineKind.IMPLEMENTING_PLAN:
        return reverse("plan_derive", args=[obligation.plan_id])
    return reverse("obligation_list")


def obligation_tasks(user, units) -> list:
    """What the units owe, soonest first; past its date an obligation is marked overdue."""
    today = timezone.localdate()
    tasks = []
    owed = Obligation.objects.filter(open_obligation_filter(), unit__in=units)
    rows = owed.select_related("plan", "owed_to").only(
        "id", "kind", "due_on", "unit_id", "plan_id", "fulfilled_at", "waived_at", "plan__number", "plan__symbol",
        "owed_to__name").order_by("due_on", "id")[:DESK_OBLIGATIONS]
    rows = list(rows)
    for obligation in rows:
        status = obligation.status(today)
        tasks.append(Task(
            title=_("%(what)s — hạn %(due)s") % {"what": obligation.get_kind_display(),
                                                 "due": f"{obligation.due_on:%d/%m/%Y}"},
            detail=_("%(status)s · nộp về %(to)s · Kế hoạch số %(number)s") % {
                "status": OBLIGATION_STATUS_LABELS[status], "to": obligation.owed_to.name,
                "number": obligation.plan.number_symbol},
            url=obligation_url(obligation), overdue=status == "overdue",
        ))
    # Counted whenever there is one, so the page costs the same whether or not it lists them all.
    count = bounded_count(owed) if rows else 0
    if count > DESK_OBLIGATIONS:
        tasks.append(Task(title=_("Tất cả việc phải nộp"), detail=_("Danh sách đầy đủ, theo hạn nộp."),
                          url=reverse("obligation_list"), count=count))
    return tasks


def register_desk_tasks() -> None:
    for role, provider in ((Role.DRAFTER, drafting_tasks), (Role.UNIT_OFFICER, obligation_tasks),
                           (Role.UNIT_OFFICER, drafting_tasks)):
        if provider not in DESK_TASKS[role]:
            DESK_TASKS[role].append(provider)


# Drafts -----------------------------------------------------------------------------------

def plan_problems(plan: Plan) -> list[str]:
    """What must be fixed before a draft can go to the signer."""
    problems = []
    if not plan.title.strip():
        problems.append(_("Chưa có trích yếu."))
    if not plan.sections.exists():
        problems.append(_("Kế hoạch chưa có mục nội dung nào."))
    if not plan.sign_title.strip():
        problems.append(_("Chưa ghi chức vụ người ký."))
    if plan.sign_authority in (SignAuthority.ON_BEHALF, SignAuthority.ON_BEHALF_DEPUTY) and not plan.sign_collective:
        problems.append(_("Ký thay mặt tập thể (TM.) cần ghi tên tập thể."))
    if plan.sign_authority in (SignAuthority.DEPUTY, SignAuthority.ON_BEHALF_DEPUTY) and not plan.sign_deputy_title:
        problems.append(_("Ký thay (KT.) cần ghi chức vụ cấp phó."))
    if not plan.recipients.exists():
        problems.append(_("Chưa có nơi nhận."))
    if plan.sections.filter(block=SectionBlock.PERIOD).exists() and plan.period_kind == PeriodKind.FIXED and not (
            plan.starts_on and plan.ends_on):
        problems.append(_("Chưa ghi thời gian thi đua (từ ngày, đến ngày)."))
    if plan.period_kind == PeriodKind.UNTIL_EVENT and not (plan.starts_on and plan.ends_at_event.strip()):
        problems.append(_("Đợt thi đua kéo dài đến một sự kiện cần ghi ngày bắt đầu và sự kiện kết thúc."))
    if plan.starts_on:
        last_year = plan.ends_on.year if plan.ends_on else None
        for target in plan.targets.filter(year__isnull=False):
            if target.year < plan.starts_on.year or (last_year is not None and target.year > last_year):
                problems.append(_("Chỉ tiêu “%(measure)s” đặt cho năm %(year)s, ngoài thời gian thi đua.") % {
                    "measure": target.measure, "year": target.year})
    for quota in plan.quotas.filter(per_parent=True, target_group__isnull=True):
        problems.append(_("Suất khen “%(name)s” chia theo đơn vị cấp trên nhưng chưa chọn đối tượng.") % {
            "name": quota.name})
    return problems


def target_group_members(group: TargetGroup, issuer: Unit) -> QuerySet[Unit]:
    """The live units competing in ``group``: the given levels below its scope, of its unit kinds."""
    scope = group.scope or issuer
    members = Unit.objects.filter(path__startswith=scope.path, archived_at__isnull=True).exclude(pk=scope.pk)
    if group.levels_below:
        members = members.filter(depth=scope.depth + group.levels_below)
    if group.unit_kinds:
        return members.filter(kind__in=group.unit_kinds)
    return members.none()


# Obligations and reports ------------------------------------------------------------------

def open_obligation_filter() -> Q:
    return Q(fulfilled_at__isnull=True, waived_at__isnull=True)


def report_targets(plan: Plan, year: int) -> list[Target]:
    """The targets a report for ``year`` answers: those for every year and those set for that one."""
    return list(plan.targets.filter(Q(year__isnull=True) | Q(year=year)).order_by("position", "id"))


def _meets(target: Target, result: Decimal) -> bool:
    return {Comparison.AT_LEAST: result >= target.value, Comparison.EXACTLY: result >= target.value,
            Comparison.AT_MOST: result <= target.value}[target.comparison]


def rollup(plan: Plan, period_year: int) -> list[dict]:
    """Per target: units reported, the result weighted by denominators (shares)
    or summed (counts), how many units met it, and each unit's figure."""
    values = list(ReportValue.objects.filter(report__plan=plan, report__period_year=period_year,
                                             report__state=ReportState.SUBMITTED)
                  .select_related("report__unit").order_by("report__unit__path"))
    rows = []
    for target in report_targets(plan, period_year):
        mine = [value for value in values if value.target_id == target.pk]
        units = []
        met = 0
        for value in mine:
            share = (value.value * 100 / value.denominator) if target.is_share and value.denominator else value.value
            ok = _meets(target, share)
            met += ok
            units.append({"unit": value.report.unit, "value": value.value, "denominator": value.denominator,
                          "result": share.quantize(Decimal("0.1")), "met": ok})
        if target.is_share:
            total = sum((value.denominator or 0) for value in mine)
            result = (sum(value.value for value in mine) * 100 / total).quantize(Decimal("0.1")) if total else None
        else:
            result = sum((value.value for value in mine), Decimal(0)) if mine else None
        rows.append({"target": target, "reported": len(mine), "result": result, "met": met, "units": units,
                     "overall_met": _meets(target, result) if result is not None else None})
    return rows


def outside_documents(*, query: str = "", doc_type: str = "", year: int | None = None) -> QuerySet[OutsideDocument]:
    """The shared register, newest first; ``query`` matches number and symbol, issuer or subject, without accents."""
    documents = OutsideDocument.objects.all()
    if query:
        documents = documents.filter(search_key__contains=fold(query))
    if doc_type:
        documents = documents.filter(doc_type=doc_type)
    if year:
        documents = documents.filter(issued_on__year=year)
    return documents.order_by("-issued_on", "-id")


def outside_document_by_reference(reference: str, year: int | None = None) -> list[OutsideDocument]:
    """The entries a drafter means by “19/CT-TTg” (a law: “Luật Thi đua, khen thưởng”), in that year if given."""
    wanted = fold(reference).replace(" ", "")
    by_number = OutsideDocument.objects.filter(identity__startswith=f"{wanted}|")
    by_law_name = OutsideDocument.objects.filter(doc_type=OutsideDocumentType.LAW, number_symbol="",
                                                 search_key__contains=fold(reference.removeprefix("Luật ").strip()))
    found = by_number if by_number.exists() else by_law_name
    if year:
        found = found.filter(issued_on__year=year)
    return list(found.order_by("-issued_on", "-id")[:10])


def outside_document_implementers(document: OutsideDocument, user) -> list[Plan]:
    """The plans that implement ``document`` and that the person may see, by issuing unit."""
    implementing = LegalBasis.objects.filter(outside_document=document, implements=True).values("plan_id")
    return list(plans_visible_to(user).filter(pk__in=implementing).exclude(state=PlanState.SUPERSEDED)
                .select_related("issuer").defer(*PLAN_LONG_TEXTS).order_by("issuer__path", "-issued_on", "-id"))


def open_plan_imports(user: User) -> QuerySet[PlanImport]:
    """The person's plans read from files and still under review, latest first."""
    return (PlanImport.objects.filter(created_by=user, state=PlanImportState.REVIEWING)
            .select_related("unit").only("id", "source_name", "updated_at", "unit__name").order_by("-updated_at"))


def import_unit_choices(unit: Unit) -> list[tuple[int, str]]:
    """Units offered for any unmatched name: those directly under the issuing unit and beside it."""
    near = Q(parent=unit) | (Q(parent_id=unit.parent_id) if unit.parent_id else Q(pk=unit.pk))
    return list(Unit.objects.filter(near, archived_at__isnull=True).order_by("path").values_list("id", "name"))


def unit_names(ids) -> dict[int, str]:
    return dict(Unit.objects.filter(pk__in=set(ids)).values_list("pk", "name"))


def recording_tasks(user, units) -> list:
    """Documents issued outside the system (on paper, in another system) that the clerk is
    bringing in from a file and has not yet recorded into the register."""
    imports = open_plan_imports(user)
    count = bounded_count(imports)
    if not count:
        return []
    return [Task(title=_("Văn bản ngoài hệ thống đang nhập, chờ ghi nhận vào sổ"),
                 detail=_("Đối chiếu với bản gốc rồi xác nhận để vào sổ với số, ngày thật của văn bản."),
                 url=reverse("plan_import_start"), count=count,
                 items=[TaskItem(text=row.source_name, url=reverse("plan_import_review", args=[row.pk]),
                                 detail=row.unit.name if row.unit_id else "") for row in imports[:DESK_ITEMS]])]


if recording_tasks not in DESK_TASKS[Role.CLERK]:
    DESK_TASKS[Role.CLERK].append(recording_tasks)
