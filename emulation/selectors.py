"""Reads that pages share, with their joins done."""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.urls import reverse
from django.utils.translation import gettext as _

from emulation.models import (
    AuditEntry,
    DocumentSigning,
    EmulationBloc,
    Notification,
    RemoteSigning,
    RemoteSigningState,
    Role,
    RoleAssignment,
    SigningStage,
    Unit,
    UnitKind,
    User,
    mergeable_kinds,
)
from emulation.permissions import Action, held_roles, may_create_top_level_unit, structure_action, units_for
from emulation.text import fold


def unit_directory(
    *, user: User, query: str = "", include_archived: bool = False, missing_role: str = ""
) -> QuerySet[Unit]:
    """Visible units in tree order; a search keeps matches and their visible ancestors."""
    units = units_for(user, Action.VIEW_UNIT)
    if not include_archived:
        units = units.filter(archived_at__isnull=True)
    if missing_role:
        units = units_missing_role(units, missing_role)
    key = fold(query)
    if key:
        matches = list(units.filter(search_key__contains=key).values_list("path", flat=True))
        ancestor_ids = {int(segment) for path in matches for segment in path.strip("/").split("/")}
        units = units.filter(Q(search_key__contains=key) | Q(pk__in=ancestor_ids))
    return units.select_related("parent").annotate(child_count=Count("children")).order_by("path")


def merge_targets(*, user: User, unit: Unit) -> QuerySet[Unit]:
    """The active units at the same level that ``unit`` may be merged into."""
    return (units_for(user, structure_action(unit)).filter(parent=unit.parent_id, kind__in=mergeable_kinds(unit.kind))
            .exclude(pk=unit.pk).order_by("name"))


MERGE_PREVIEW_CHILDREN = 20


def merge_preview(*, unit: Unit) -> dict:
    """What merging ``unit`` moves, for the confirmation page: its children and
    how many units lie under them."""
    children = Unit.objects.filter(parent=unit).order_by("name")
    return {"children": list(children[:MERGE_PREVIEW_CHILDREN]), "child_count": children.count(),
            "moved_count": Unit.objects.filter(path__startswith=unit.path).exclude(pk=unit.pk).count()}


def unit_ancestors(unit: Unit) -> QuerySet[Unit]:
    ids = [int(segment) for segment in unit.path.strip("/").split("/")[:-1]]
    return Unit.objects.filter(pk__in=ids).order_by("depth")


def unit_detail(*, unit_id: int) -> Unit:
    return (
        Unit.objects.select_related("parent")
        .prefetch_related(
            Prefetch("children", queryset=Unit.objects.order_by("archived_at", "name")),
            Prefetch("roles", queryset=RoleAssignment.objects.select_related("user").order_by(
                "role", "user__full_name")),
            Prefetch("blocs", queryset=EmulationBloc.objects.select_related("organiser")),
        )
        .get(pk=unit_id)
    )


def history_for(target) -> QuerySet[AuditEntry]:
    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(target), object_id=target.pk
    ).select_related("actor")


def people_for(*, user: User, query: str = "") -> QuerySet[User]:
    """People holding a role in a unit this person administers."""
    managed = units_for(user, Action.MANAGE_UNIT)
    people = User.objects.filter(roles__unit__in=managed).distinct()
    if query:
        people = people.filter(Q(full_name__icontains=query) | Q(username__icontains=query) | Q(email__icontains=query))
    return people.prefetch_related(
        Prefetch("roles", queryset=RoleAssignment.objects.select_related("unit").order_by("unit__path"))
    ).order_by("full_name", "username")


def people_assignable_by(actor: User) -> QuerySet[User]:
    """Whom ``actor`` may give a role: any active person for a superuser,
    otherwise the active people holding a role in a unit the actor administers
    (never someone of another province just because the account exists)."""
    people = User.objects.filter(is_active=True)
    # A national administrator appoints a new province's first administrators, who work nowhere yet.
    if not may_create_top_level_unit(actor):
        managed = units_for(actor, Action.MANAGE_UNIT)
        people = people.filter(pk__in=RoleAssignment.objects.filter(unit__in=managed).values("user"))
    return people.order_by("full_name", "username")


def blocs_for(*, user: User, query: str = "") -> QuerySet[EmulationBloc]:
    visible = units_for(user, Action.VIEW_UNIT)
    blocs = EmulationBloc.objects.filter(organiser__in=visible)
    if query:
        blocs = blocs.filter(name__icontains=query)
    return blocs.select_related("organiser").annotate(member_count=Count("members")).order_by("organiser__path", "name")


def notifications_for(*, user: User, unread_only: bool = False) -> QuerySet[Notification]:
    notifications = Notification.objects.filter(recipient=user)
    if unread_only:
        notifications = notifications.filter(read_at__isnull=True)
    return notifications


def unread_notification_count(user: User) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


@dataclass
class TaskItem:
    """One waiting thing inside a task, with the link to where it is done."""

    text: str
    url: str = ""
    detail: str = ""
    overdue: bool = False


@dataclass
class Task:
    title: str
    detail: str = ""
    url: str = ""
    count: int | None = None
    # Past its due date: the page marks it in red and says so in words.
    overdue: bool = False
    items: list[TaskItem] = field(default_factory=list)


# How many waiting things a task lists by name; its count and link cover the rest.
DESK_ITEMS = 5


@dataclass
class RoleDesk:
    role: str
    role_label: str
    units: list[Unit]
    tasks: list[Task] = field(default_factory=list)


# Counting every row of a national list on every request costs more than the page itself:
# past this many a count stops, and the page says "more than" and asks to narrow it.
COUNT_LIMIT = 10_000


def bounded_count(rows: QuerySet) -> int:
    """How many rows, counted up to ``COUNT_LIMIT`` + 1 (one COUNT over a LIMIT; the
    order of the rows does not change how many there are, so no sort)."""
    return rows.order_by()[:COUNT_LIMIT + 1].count()


def bounded_counts(named_rows: dict[str, QuerySet]) -> dict[str, int]:
    """``bounded_count`` of each, all in one query (a scalar subquery each): one round
    trip to the database instead of one per count."""
    counts = dict.fromkeys(named_rows, 0)
    selects, params, names = [], [], []
    for name, rows in named_rows.items():
        try:
            sql, row_params = rows.order_by().values("pk")[:COUNT_LIMIT + 1].query.sql_with_params()
        except EmptyResultSet:  # e.g. ``pk__in=[]``: none, without asking
            continue
        selects.append(f"(SELECT COUNT(*) FROM ({sql}) AS bounded)")
        params.extend(row_params)
        names.append(name)
    if selects:
        with connection.cursor() as cursor:
            cursor.execute("SELECT " + ", ".join(selects), params)
            counts.update(zip(names, cursor.fetchone(), strict=True))
    return counts


# Apps add what each role has to do: role -> callables(user, units) -> list[Task].
DESK_TASKS: dict[str, list] = {role: [] for role in Role.values}
# Providers whose tasks are the person's own whatever the unit (their signature): listed on the
# first of the person's desks that registers them, not once per desk.
PERSONAL_TASKS: set = set()


def role_desks(user: User) -> list[RoleDesk]:
    """The landing page: for each role the person holds, the units and the work waiting."""
    unit_ids_by_role: dict[str, list[int]] = {}
    for held in held_roles(user):
        unit_ids_by_role.setdefault(held.role, []).append(held.unit_id)
    units = Unit.objects.in_bulk([uid for ids in unit_ids_by_role.values() for uid in ids])
    desks = []
    asked_personal = set()
    for role in Role:
        if role.value not in unit_ids_by_role:
            continue
        role_units = sorted((units[uid] for uid in unit_ids_by_role[role.value]), key=lambda unit: unit.path)
        desk = RoleDesk(role=role.value, role_label=role.label, units=role_units)
        for provider in DESK_TASKS[role.value]:
            if provider in PERSONAL_TASKS:
                if provider in asked_personal:
                    continue
                asked_personal.add(provider)
            desk.tasks.extend(provider(user, role_units))
        desks.append(desk)
    return desks


def administrator_tasks(user: User, units: list[Unit]) -> list[Task]:
    subtree = Q()
    for unit in units:
        subtree |= Q(path__startswith=unit.path)
    active = Unit.objects.filter(subtree, archived_at__isnull=True)
    tasks = []
    unstaffed = units_missing_role(active, Role.UNIT_OFFICER).count()
    if unstaffed:
        tasks.append(Task(
            title=_("Đơn vị chưa có cán bộ thi đua"),
            detail=_("Phân công cán bộ thi đua để đơn vị nhận kế hoạch và nộp hồ sơ."),
            url=reverse("unit_directory") + "?missing=officer", count=unstaffed,
        ))
    unsigned = units_missing_role(active, Role.SIGNER).count()
    if unsigned:
        tasks.append(Task(
            title=_("Đơn vị chưa có người ký"),
            detail=_("Văn bản của đơn vị chỉ ban hành được khi có người ký."),
            url=reverse("unit_directory") + "?missing=signer", count=unsigned,
        ))
    return tasks


DESK_TASKS[Role.ADMINISTRATOR].append(administrator_tasks)


def national_administrator_tasks(user: User, units: list[Unit]) -> list[Task]:
    provinces = Unit.objects.filter(parent__isnull=True, kind=UnitKind.PROVINCE, archived_at__isnull=True).count()
    return [Task(title=_("Tỉnh, thành phố trực thuộc trung ương"),
                 detail=_("Thêm, đổi tên, sáp nhập hoặc lưu trữ tỉnh, thành phố."),
                 url=reverse("unit_directory"), count=provinces)]


DESK_TASKS[Role.NATIONAL_ADMINISTRATOR].append(national_administrator_tasks)


MISSING_ROLE_FILTERS = {"officer": Role.UNIT_OFFICER, "signer": Role.SIGNER}


def units_missing_role(units: QuerySet[Unit], role: str) -> QuerySet[Unit]:
    """Units (not their internal offices) where nobody holds ``role``."""
    return units.exclude(kind="office").exclude(roles__role=role)


# The signing chain's queues ------------------------------------------------------------------

SIGNING_QUEUE_TABS = {"cho-ky": "awaiting_person", "cho-vao-so": "awaiting_clerk"}


def signings_awaiting_signature(user: User) -> QuerySet[DocumentSigning]:
    """Documents waiting for this person's own signature (their file may still be in the making)."""
    return DocumentSigning.objects.filter(signer=user, stage__in=[SigningStage.PREPARING, SigningStage.AWAITING_PERSON])


def signings_awaiting_clerk(user: User) -> QuerySet[DocumentSigning]:
    """Signed documents of the units where the person is the records clerk."""
    return DocumentSigning.objects.filter(issuer__in=units_for(user, Action.ISSUE_DOCUMENT).values("pk"),
                                          stage=SigningStage.AWAITING_CLERK)


def signing_queue(user: User, *, tab: str, query: str = "") -> QuerySet[DocumentSigning]:
    rows = signings_awaiting_clerk(user) if tab == "cho-vao-so" else signings_awaiting_signature(user)
    if query:
        rows = rows.filter(search_key__contains=fold(query))
    return rows.select_related("issuer", "signer", "content_type").prefetch_related("target").order_by(
        "-updated_at", "-id")


REMOTE_STATE_NONE = "none"


def signer_tasks(user: User, units: list[Unit]) -> list[Task]:
    """Documents waiting for the person's signature, the first few by name with where their
    remote signing stands (one query for them: the latest request's state is a subquery)."""
    waiting = signings_awaiting_signature(user)
    count = bounded_count(waiting)
    if not count:
        return []
    # The chain's registry knows each document's page; it imports the services, which import this module.
    from emulation.documents.workflow import page_url_of  # noqa: PLC0415 — import cycle: workflow → services → selectors

    latest = RemoteSigning.objects.filter(signing=OuterRef("pk")).order_by("-created_at", "-id").values("state")[:1]
    rows = (waiting.annotate(remote_state=Subquery(latest)).select_related("issuer", "content_type")
            .prefetch_related("target")
            .only("id", "subject", "doc_type", "stage", "object_id", "content_type", "issuer__name")
            .order_by("-updated_at", "-id")[:DESK_ITEMS])
    items = [TaskItem(text=f"{row.get_doc_type_display()}: {row.subject}", url=page_url_of(row.target),
                      detail=" · ".join([row.issuer.name, row.get_stage_display(), remote_state_label(row)]))
             for row in rows]
    return [Task(title=_("Văn bản chờ bạn ký số"), detail=_("Ký số từ xa trên điện thoại, hoặc tải tệp về ký rồi "
                                                            "tải lên; có thể trả lại kèm lý do."),
                 url=reverse("signing_queue") + "?tab=cho-ky", count=count, items=items)]


def remote_state_label(signing: DocumentSigning) -> str:
    if signing.stage == SigningStage.PREPARING:
        return _("tệp trình ký đang được chuẩn bị")
    if not signing.remote_state:
        return _("chưa gửi yêu cầu ký số từ xa")
    return _("ký số từ xa: %(state)s") % {"state": RemoteSigningState(signing.remote_state).label.lower()}


def clerk_tasks(user: User, units: list[Unit]) -> list[Task]:
    waiting = signings_awaiting_clerk(user)
    count = bounded_count(waiting)
    if not count:
        return []
    rows = waiting.select_related("issuer", "signer").only(
        "id", "subject", "doc_type", "signed_at", "issuer__name", "signer__full_name", "signer__username").order_by(
        "signed_at", "id")[:DESK_ITEMS]
    items = [TaskItem(text=f"{row.get_doc_type_display()}: {row.subject}", url=reverse("signing_issue", args=[row.pk]),
                      detail=_("%(unit)s · %(signer)s đã ký") % {"unit": row.issuer.name,
                                                                "signer": row.signer.get_full_name()})
             for row in rows]
    return [Task(title=_("Văn bản đã ký, chờ vào số và ban hành"),
                 detail=_("Vào số, ghi ngày, ký số của cơ quan và ban hành."),
                 url=reverse("signing_queue") + "?tab=cho-vao-so", count=count, items=items)]


# A council's chair signs the minutes of the meetings they chaired without being a signer of the unit.
DESK_TASKS[Role.SIGNER].append(signer_tasks)
DESK_TASKS[Role.COUNCIL_MEMBER].append(signer_tasks)
PERSONAL_TASKS.add(signer_tasks)
DESK_TASKS[Role.CLERK].append(clerk_tasks)
