"""Reads for nomination pages: the reviewers' queue, the quota ledger, lists,
the dossier checklist, the submission deadline and the council's outcomes."""

import datetime
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection
from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from awards.models import (
    QUOTA_STATES,
    REQUIRED_ATTACHMENTS,
    REVIEWABLE_STATES,
    AttachmentKind,
    CouncilMeeting,
    CouncilVote,
    Nomination,
    NominationState,
    NomineeKind,
    SubmissionExtension,
)
from campaigns.models import Criterion, Deadline, DeadlineKind, Plan, PlanBinding, Quota
from campaigns.selectors import target_group_members
from emulation.models import EmulationBloc, Role, Unit, UnitKind, User
from emulation.permissions import Action, held_roles, people_holding, remembered, units_for
from emulation.selectors import COUNT_LIMIT, DESK_ITEMS, DESK_TASKS, Task, TaskItem, bounded_count, bounded_counts
from emulation.text import fold

NOMINATION_JOINS = ("plan", "quota", "award_type", "nominating_unit", "receiving_unit", "nominee_unit", "person_unit",
                    "reviewer", "quota__target_group")


def _filtered(nominations: QuerySet, *, state="", nominating_unit_id=None, award_type_id=None, target_group_id=None,
              query="") -> QuerySet:
    if state:
        nominations = nominations.filter(state=state)
    if nominating_unit_id:
        nominations = nominations.filter(nominating_unit_id=nominating_unit_id)
    if award_type_id:
        nominations = nominations.filter(award_type_id=award_type_id)
    if target_group_id:
        nominations = nominations.filter(quota__target_group_id=target_group_id)
    if query:
        # The matching units' ids, not joins nor a subquery: each of the three tests then has its
        # own index (the name's trigram index on PostgreSQL), where a join made PostgreSQL read every
        # dossier of the receiving unit with both its units before it could test the names.
        units = list(Unit.objects.filter(search_key__contains=fold(query)).values_list("pk", flat=True))
        nominations = nominations.filter(Q(person_name__icontains=query) | Q(nominee_unit_id__in=units)
                                         | Q(nominating_unit_id__in=units))
    return nominations


# What a list of dossiers shows (awards/_nomination_rows.html): its joins and columns, no long texts.
NOMINATION_ROW_JOINS = ("quota__award_type", "nominating_unit", "nominee_unit", "reviewer")
NOMINATION_ROW_FIELDS = ("kind", "person_name", "state", "submitted_at", "updated_at", "quota__printed_name",
                         "quota__award_type__name", "nominating_unit__name", "nominee_unit__name",
                         "reviewer__full_name", "reviewer__username")


def _as_rows(nominations: QuerySet) -> QuerySet:
    return nominations.select_related(*NOMINATION_ROW_JOINS).only(*NOMINATION_ROW_FIELDS)


def _review_scope(user) -> tuple[list[int], list[int]]:
    """The units where the person reviews, and their own units with those under them."""
    def found() -> tuple[list[int], list[int]]:
        receiving = list(units_for(user, Action.REVIEW_FOR_UNIT).values_list("pk", flat=True))
        own_paths = Q()
        for held in held_roles(user):
            own_paths |= Q(path__startswith=held.unit_path)
        own = list(Unit.objects.filter(own_paths).values_list("pk", flat=True)) if own_paths else []
        return receiving, own

    return remembered(user, "review_scope", found)


def _received(user) -> QuerySet[Nomination]:
    """Non-draft dossiers of the units where this person reviews, less those
    from their own units or units under them (conflict of interest)."""
    receiving, own = _review_scope(user)
    nominations = Nomination.objects.filter(receiving_unit__in=receiving).exclude(state=NominationState.DRAFT)
    # The person's own units as ids, so that the exclusion needs no join to the units table.
    if not own:
        return nominations
    return nominations.exclude(nominating_unit_id__in=own).exclude(nominee_unit_id__in=own).exclude(
        person_unit_id__in=own)


def received_distinct(user, field: str) -> list[int]:
    """The distinct values of ``field`` (a foreign key) among the dossiers the
    person's units received, one index probe per value: an index on
    (receiving_unit, field) read as a loose index scan, which PostgreSQL does
    not do by itself (a DISTINCT would read every dossier of a province)."""
    quote = connection.ops.quote_name
    table, column = quote(Nomination._meta.db_table), quote(Nomination._meta.get_field(field).column)
    receiving, state = quote(Nomination._meta.get_field("receiving_unit").column), quote("state")
    sql = (f"WITH RECURSIVE found(value) AS ("
           f"SELECT MIN({column}) FROM {table} WHERE {receiving} = %s AND {state} <> %s "
           f"UNION ALL SELECT (SELECT MIN({column}) FROM {table} WHERE {receiving} = %s AND {state} <> %s "
           f"AND {column} > found.value) FROM found WHERE found.value IS NOT NULL) "
           f"SELECT value FROM found WHERE value IS NOT NULL")
    values = set()
    with connection.cursor() as cursor:
        for receiving_id in units_for(user, Action.REVIEW_FOR_UNIT).values_list("pk", flat=True):
            cursor.execute(sql, [receiving_id, NominationState.DRAFT, receiving_id, NominationState.DRAFT])
            values.update(value for (value,) in cursor.fetchall())
    return sorted(values)


def review_queue(*, user, **filters) -> QuerySet[Nomination]:
    return _as_rows(_filtered(_received(user), **filters)).order_by("-submitted_at", "-id")


def queue_counts(*, user, **filters) -> dict[str, int]:
    """Dossiers per state tab, each exact up to ``COUNT_LIMIT`` and ``COUNT_LIMIT`` + 1
    past it (a reviewing body of a province receives over a hundred thousand).
    Unfiltered, one bounded count per state, all in one query, each an index-only scan
    of the (receiving unit, state) index, which carries the columns of the
    conflict-of-interest test for it. A search or a filter usually leaves few, and
    each count would test it again: their states are read in one pass of at most
    ``COUNT_LIMIT`` + 1 rows, counted per state only when there are more."""
    filters = {key: value for key, value in filters.items() if key != "state" and value}
    received = _filtered(_received(user), **filters)
    states = [state for state in NominationState.values if state != NominationState.DRAFT]
    if filters:
        first = list(received.order_by().values_list("state", flat=True)[:COUNT_LIMIT + 1])
        if len(first) <= COUNT_LIMIT:
            found = Counter(first)
            return {state: found[state] for state in states}
    return bounded_counts({state: received.filter(state=state) for state in states})


def my_nominations(*, user, **filters) -> QuerySet[Nomination]:
    # The ids themselves, not a subquery: with the nine joins of the list, a subquery takes the
    # query past PostgreSQL's join_collapse_limit and it joins every nomination before filtering.
    units = list(units_for(user, Action.ACT_FOR_UNIT).values_list("pk", flat=True))
    return _as_rows(_filtered(Nomination.objects.filter(nominating_unit__in=units), **filters)).order_by(
        "-updated_at", "-id")


def plan_nominations(*, plan: Plan, **filters) -> QuerySet[Nomination]:
    return _filtered(Nomination.objects.filter(plan=plan).exclude(state=NominationState.DRAFT), **filters
                     ).select_related(*NOMINATION_JOINS).order_by("award_type__position", "nominating_unit__path", "id")


EXPORT_FIELDS = ("kind", "person_name", "nominee_unit__name", "person_gender", "person_position", "person_unit__name",
                 "nominating_unit__name", "quota__printed_name", "quota__award_type__name", "state", "submitted_at",
                 "round")


def plan_nomination_rows(*, plan: Plan, **filters):
    """The export's rows: only the columns it prints, read in chunks (a province's plan has
    tens of thousands of dossiers; as model instances with their nine joins they took seconds)."""
    return plan_nominations(plan=plan, **filters).select_related(None).values_list(
        *EXPORT_FIELDS, named=True).iterator(chunk_size=2000)


@dataclass
class LedgerRow:
    quota: Quota
    recommended: int = 0
    approved: int = 0
    awarded: int = 0
    by_parent: list = field(default_factory=list)  # (unit, taken)
    by_bloc: list = field(default_factory=list)  # (bloc, taken), for a quota shared out per bloc

    @property
    def taken(self) -> int:
        return self.recommended + self.approved + self.awarded

    @property
    def left(self) -> int | None:
        return None if self.quota.count is None else max(self.quota.count - self.taken, 0)


def plan_versions(plan: Plan) -> list[int]:
    """The plan and every version it amends or that amends it (``supersedes``,
    both ways): one set of award places is shared by all of them. One query per
    version, and a plan has few."""
    versions = [plan.pk]
    older = plan.supersedes_id
    while older is not None and older not in versions:
        versions.append(older)
        older = Plan.objects.filter(pk=older).values_list("supersedes_id", flat=True).first()
    newer = Plan.objects.filter(supersedes_id=plan.pk).values_list("pk", flat=True).first()
    while newer is not None and newer not in versions:
        versions.append(newer)
        newer = Plan.objects.filter(supersedes_id=newer).values_list("pk", flat=True).first()
    return versions


def _place(quota: Quota) -> tuple:
    # An amendment copies its quotas and target groups as new rows: the award
    # and the group's name are what stays the same from one version to the next.
    return quota.award_type_id, quota.target_group.name if quota.target_group_id else None


def shared_quota_ids(quota: Quota) -> list[int]:
    """This quota and the same award for the same group in the other versions of its plan."""
    versions = plan_versions(quota.plan)
    if len(versions) == 1:
        return [quota.pk]
    candidates = Quota.objects.filter(plan_id__in=versions, award_type_id=quota.award_type_id).select_related(
        "target_group")
    return [other.pk for other in candidates if _place(other) == _place(quota)]


def quota_ledger(plan: Plan) -> list[LedgerRow]:
    """For each quota: recommended, approved, awarded and left; per parent unit where the quota says so.
    Places taken under the versions this plan amends (or that amend it) count too.
    A handful of queries whatever the number of nominations."""
    quotas = list(plan.quotas.select_related("award_type", "target_group").order_by("position", "id"))
    rows = {quota.pk: LedgerRow(quota=quota) for quota in quotas}
    row_of = {quota.pk: quota.pk for quota in quotas}  # any version's quota id -> this plan's quota id
    versions = plan_versions(plan)
    if len(versions) > 1:
        mine = {}
        for quota in quotas:
            mine.setdefault(_place(quota), quota.pk)
        others = Quota.objects.filter(plan_id__in=versions).exclude(plan=plan).select_related("target_group")
        row_of.update({other.pk: mine[_place(other)] for other in others if _place(other) in mine})
    counts = Nomination.objects.filter(quota_id__in=list(row_of), state__in=QUOTA_STATES).values(
        "quota_id", "state").annotate(total=Count("id"))
    for count in counts:
        row = rows[row_of[count["quota_id"]]]
        attribute = {"recommended": "recommended", "approved": "approved", "awarded": "awarded"}[count["state"]]
        setattr(row, attribute, getattr(row, attribute) + count["total"])
    per_parent = [pk for pk, own in row_of.items() if rows[own].quota.per_parent]
    if per_parent:
        taken = Nomination.objects.filter(quota_id__in=per_parent, state__in=QUOTA_STATES).values(
            "quota_id", "nominee_unit__parent_id", "person_unit__parent_id").annotate(total=Count("id"))
        parent_ids = {t["nominee_unit__parent_id"] or t["person_unit__parent_id"] for t in taken}
        parents = Unit.objects.in_bulk([pid for pid in parent_ids if pid])
        totals: dict[tuple[int, int], int] = {}
        for entry in taken:
            parent_id = entry["nominee_unit__parent_id"] or entry["person_unit__parent_id"]
            if parent_id in parents:
                key = (row_of[entry["quota_id"]], parent_id)
                totals[key] = totals.get(key, 0) + entry["total"]
        for (row_id, parent_id), total in totals.items():
            rows[row_id].by_parent.append((parents[parent_id], total))
        for row in rows.values():
            row.by_parent.sort(key=lambda pair: pair[0].path)
    _count_by_bloc(rows, row_of)
    return list(rows.values())


def _count_by_bloc(rows: dict[int, LedgerRow], row_of: dict[int, int]) -> None:
    """Places taken in each bloc, for the quotas shared out per bloc: a query for the blocs'
    members and one for the places, whatever the number of blocs."""
    per_bloc = [row for row in rows.values() if row.quota.per_bloc]
    if not per_bloc:
        return
    blocs_of_row = {row.quota.pk: list(quota_blocs(row.quota).order_by("name")) for row in per_bloc}
    bloc_ids = {bloc.pk for blocs in blocs_of_row.values() for bloc in blocs}
    members: dict[int, set[int]] = {}
    for bloc_id, unit_id in EmulationBloc.members.through.objects.filter(
            emulationbloc_id__in=bloc_ids).values_list("emulationbloc_id", "unit_id"):
        members.setdefault(unit_id, set()).add(bloc_id)
    quota_ids = [pk for pk, own in row_of.items() if rows[own].quota.per_bloc]
    taken: Counter = Counter()
    for quota_id, kind, nominee_unit_id, person_unit_id, total in Nomination.objects.filter(
            quota_id__in=quota_ids, state__in=QUOTA_STATES).values_list(
            "quota_id", "kind", "nominee_unit_id", "person_unit_id").annotate(total=Count("id")):
        unit_id = nominee_unit_id if kind == NomineeKind.COLLECTIVE else person_unit_id
        for bloc_id in members.get(unit_id, ()):
            taken[(row_of[quota_id], bloc_id)] += total
    for row in per_bloc:
        row.by_bloc = [(bloc, taken[(row.quota.pk, bloc.pk)]) for bloc in blocs_of_row[row.quota.pk]]


def vote_result(*, approvals: int, total_members: int, threshold: Decimal | None) -> tuple[int, Decimal, bool]:
    """(approvals, percent of all members, passed): the threshold is the award
    type's, counted on every member of the council, present or not."""
    percent = Decimal(approvals * 100) / Decimal(total_members)
    passed = percent >= threshold if threshold is not None else percent > 50
    return approvals, percent.quantize(Decimal("0.1")), passed


def council_agenda(meeting: CouncilMeeting) -> QuerySet[Nomination]:
    """The dossiers the council votes on, in the order of the award types."""
    return meeting.plan.nominations.filter(state__in=[
        NominationState.RECOMMENDED, NominationState.APPROVED, NominationState.NOT_APPROVED]).select_related(
        "award_type", "nominee_unit", "nominating_unit").order_by("award_type__position", "id")


def council_meeting_rows(meeting: CouncilMeeting, present: list, nominations=None) -> list[dict]:
    """Each nomination on the agenda (or those given: a page of it) with its
    votes and computed outcome, in three queries however long the agenda."""
    nominations = list(council_agenda(meeting) if nominations is None else nominations)
    votes = {(nomination_id, member_id): approve for nomination_id, member_id, approve
             in meeting.votes.filter(nomination__in=[nomination.pk for nomination in nominations]).values_list(
                 "nomination_id", "member_id", "approve")}
    approvals = Counter(nomination_id for (nomination_id, _member), approve in votes.items() if approve)
    rows = []
    for nomination in nominations:
        count, percent, passed = vote_result(approvals=approvals[nomination.pk], total_members=meeting.total_members,
                                             threshold=nomination.award_type.vote_threshold_percent)
        rows.append({"nomination": nomination, "approvals": count, "percent": percent, "passed": passed,
                     "votes": [(person, votes.get((nomination.pk, person.pk))) for person in present]})
    return rows


def council_of(issuer: Unit) -> Unit:
    """The council that votes on the awards of ``issuer``'s plans: the issuer itself when it is a
    council, else its council (a live unit of that kind directly under it), else the issuer, whose
    council members then hold their role on it."""
    if issuer.kind == UnitKind.COUNCIL:
        return issuer
    council = Unit.objects.filter(parent=issuer, kind=UnitKind.COUNCIL, archived_at__isnull=True).order_by("pk").first()
    return council or issuer


def council_members(unit: Unit) -> QuerySet[User]:
    return people_holding(Role.COUNCIL_MEMBER, unit)


def vote_outcome(meeting: CouncilMeeting, nomination: Nomination) -> tuple[int, Decimal, bool]:
    """(approvals, percent of all members, passed): the threshold is the award
    type's, counted on every member of the council, present or not."""
    approvals = CouncilVote.objects.filter(meeting=meeting, nomination=nomination, approve=True).count()
    return vote_result(approvals=approvals, total_members=meeting.total_members,
                       threshold=nomination.award_type.vote_threshold_percent)


# Submission: the deadline, who may nominate what, the dossier checklist ---------------------------

def nominations_deadline(plan: Plan) -> Deadline | None:
    return plan.deadlines.filter(kind=DeadlineKind.NOMINATIONS).select_related("to_unit").order_by("position").first()


def submission_open_until(nomination: Nomination) -> datetime.date | None:
    deadline = nominations_deadline(nomination.plan)
    if deadline is None or deadline.due_on is None:
        return None
    extension = SubmissionExtension.objects.filter(deadline=deadline,
                                                   nominating_unit=nomination.nominating_unit).first()
    return max(deadline.due_on, extension.until) if extension else deadline.due_on


def nominable_units(user: User, quota: Quota) -> QuerySet[Unit]:
    """Units this officer may nominate as a collective for ``quota``."""
    units = units_for(user, Action.ACT_FOR_UNIT)
    if quota.target_group_id:
        units = units.filter(pk__in=target_group_members(quota.target_group, quota.plan.issuer).values("pk"))
    return units.order_by("path")


def offered_quotas(plan: Plan, user: User) -> list[Quota]:
    """The plan's award forms this officer can nominate for (a member of the group in their tree)."""
    quotas = []
    for quota in plan.quotas.select_related("award_type", "target_group"):
        if quota.target_group_id is None or nominable_units(user, quota).exists():
            quotas.append(quota)
    return quotas


def nominating_units(user: User, plan: Plan) -> QuerySet[Unit]:
    """The units this officer may nominate in the name of: nominations are made
    in the name of the unit where the officer works (not the units under it),
    and only by a unit the plan binds."""
    own_units = [held.unit_id for held in held_roles(user) if held.role == Role.UNIT_OFFICER]
    return Unit.objects.filter(pk__in=own_units).filter(
        pk__in=PlanBinding.objects.filter(plan=plan).values("unit_id")).order_by("path")


def applicable_criteria(nomination: Nomination) -> QuerySet[Criterion]:
    criteria = Criterion.objects.filter(plan=nomination.plan).select_related("group")
    group = nomination.quota.target_group_id
    return criteria.filter(Q(group__target_group__isnull=True) | Q(group__target_group_id=group)).order_by(
        "group__position", "position")


def missing_items(nomination: Nomination) -> list[str]:
    """The dossier checklist: what is still missing before it can be submitted."""
    missing = []
    kinds = set(nomination.attachments.values_list("kind", flat=True))
    for kind in REQUIRED_ATTACHMENTS:
        if kind not in kinds:
            missing.append(str(AttachmentKind(kind).label))
    if not nomination.achievements.strip():
        missing.append(str(_("Nội dung báo cáo thành tích")))
    assessed = set(nomination.assessments.filter(by_reviewer=False).filter(
        Q(met__isnull=False) | Q(score__isnull=False)).values_list("criterion_id", flat=True))
    unassessed = [criterion for criterion in applicable_criteria(nomination) if criterion.pk not in assessed]
    if unassessed:
        missing.append(_("Tự đánh giá %(count)s tiêu chí còn thiếu") % {"count": len(unassessed)})
    return missing


def reviewer_choices(nomination: Nomination) -> QuerySet[User]:
    """Who may be offered as the dossier's reviewer: the active reviewers of the
    receiving unit (assigning one with a conflict of interest is refused)."""
    return people_holding(Role.REVIEWER, nomination.receiving_unit)


def quota_taken(quota_ids: list[int], parent_id: int | None = None, *, bloc: EmulationBloc | None = None,
                nominating_unit_id: int | None = None) -> int:
    """Places held under these quotas (one award for one group, in every version of a plan):
    all of them, or those under one parent unit, in one bloc, or from one nominating unit."""
    taken = Nomination.objects.filter(quota_id__in=quota_ids, state__in=QUOTA_STATES)
    if parent_id is not None:
        taken = taken.filter(Q(nominee_unit__parent_id=parent_id) | Q(person_unit__parent_id=parent_id))
    if bloc is not None:
        members = bloc.members.values("pk")
        taken = taken.filter(Q(kind=NomineeKind.COLLECTIVE, nominee_unit__in=members)
                             | Q(kind=NomineeKind.INDIVIDUAL, person_unit__in=members))
    if nominating_unit_id is not None:
        taken = taken.filter(nominating_unit_id=nominating_unit_id)
    return taken.count()


def quota_blocs(quota: Quota) -> QuerySet[EmulationBloc]:
    """The blocs a per-bloc quota is shared out over: those of the plan's issuer (of one kind, if it says)."""
    blocs = EmulationBloc.objects.filter(organiser_id=quota.plan.issuer_id)
    return blocs.filter(kind=quota.bloc_kind) if quota.bloc_kind else blocs


def candidate_bloc(quota: Quota, unit: Unit | None) -> EmulationBloc | None:
    return quota_blocs(quota).filter(members=unit).order_by("name").first() if unit is not None else None


def quota_share_cap(quota: Quota) -> int | None:
    """At most this many places: the quota's share of the units competing in its target group."""
    if quota.share_cap_percent is None or quota.target_group_id is None:
        return None
    competing = target_group_members(quota.target_group, quota.plan.issuer).count()
    return competing * quota.share_cap_percent // 100


# The home page: what each role has to do now ----------------------------------------------------

# A reviewing body is warned this many days before its dossiers' submission deadline.
REVIEW_DEADLINE_WARNING_DAYS = 14


def _nomination_label(nomination: Nomination) -> str:
    who = nomination.nominee_unit.name if nomination.nominee_unit_id else nomination.person_name
    return f"{who} — {nomination.quota.printed_name or nomination.quota.award_type.name}"


def reviewer_tasks(user: User, units: list[Unit]) -> list[Task]:
    """The queue by state with the counts the queue page shows (the same ``queue_counts``), the
    dossiers assigned to the person, and the submission deadlines coming up at their bodies."""
    tasks = []
    counts = queue_counts(user=user)
    by_state = [(state, label, counts[state]) for state, label in NominationState.choices if counts.get(state)]
    if by_state:
        # Shown as the queue page shows them: past COUNT_LIMIT, the limit (and the page says "more than").
        tasks.append(Task(title=_("Hàng đợi thẩm định"), detail=_("Hồ sơ các đơn vị nộp về, theo trạng thái."),
                          url=reverse("review_queue"), count=min(sum(n for *_, n in by_state), COUNT_LIMIT),
                          items=[TaskItem(text=label, url=reverse("review_queue") + f"?state={state}",
                                          detail=str(min(n, COUNT_LIMIT)))
                                 for state, label, n in by_state]))
    mine = _received(user).filter(reviewer=user, state__in=REVIEWABLE_STATES)
    count = bounded_count(mine)
    if count:
        rows = _as_rows(mine).order_by("-submitted_at", "-id")[:DESK_ITEMS]
        tasks.append(Task(title=_("Hồ sơ được giao cho bạn thẩm định"),
                          detail=_("Chấm, nhận xét, trả lại hoặc đề nghị."),
                          count=count, url=reverse("review_queue") + f"?state={NominationState.UNDER_REVIEW}",
                          items=[TaskItem(text=_nomination_label(row), url=reverse("nomination_detail", args=[row.pk]),
                                          detail=f"{row.nominating_unit.name} · {row.get_state_display()}")
                                 for row in rows]))
    today = timezone.localdate()
    receiving = list(units_for(user, Action.REVIEW_FOR_UNIT).values_list("pk", flat=True))
    deadlines = list(Deadline.objects.filter(
        kind=DeadlineKind.NOMINATIONS, to_unit__in=receiving, plan__state="issued",
        due_on__gte=today, due_on__lte=today + datetime.timedelta(days=REVIEW_DEADLINE_WARNING_DAYS),
    ).select_related("plan").only("id", "due_on", "plan__id", "plan__title", "plan__number", "plan__symbol")
        .order_by("due_on", "id")[:DESK_ITEMS])
    if deadlines:
        waiting = dict(_received(user).filter(plan_id__in={d.plan_id for d in deadlines}, state__in=REVIEWABLE_STATES)
                       .order_by().values_list("plan_id").annotate(n=Count("id")).values_list("plan_id", "n"))
        tasks.append(Task(
            title=_("Sắp hết hạn nhận hồ sơ"), detail=_("Hồ sơ nộp đến hạn này cần thẩm định kịp trình Hội đồng."),
            url=reverse("review_queue") + f"?state={NominationState.SUBMITTED}",
            items=[TaskItem(text=deadline.plan.title, url=reverse("review_queue"),
                            detail=_("Kế hoạch số %(number)s · hạn %(due)s · %(count)s hồ sơ chờ thẩm định") % {
                                "number": deadline.plan.number_symbol, "due": f"{deadline.due_on:%d/%m/%Y}",
                                "count": waiting.get(deadline.plan_id, 0)})
                   for deadline in deadlines]))
    return tasks


def returned_nomination_tasks(user: User, units: list[Unit]) -> list[Task]:
    """The units' dossiers sent back for revision, with the reviewer's reason."""
    returned = Nomination.objects.filter(nominating_unit__in=units, state=NominationState.RETURNED)
    count = bounded_count(returned)
    if not count:
        return []
    rows = returned.select_related("quota__award_type", "nominee_unit").only(
        "id", "kind", "person_name", "decision_reason", "updated_at", "nominee_unit__name", "quota__printed_name",
        "quota__award_type__name").order_by("-updated_at", "-id")[:DESK_ITEMS]
    return [Task(title=_("Hồ sơ đề nghị khen thưởng bị trả lại"), detail=_("Bổ sung theo yêu cầu rồi nộp lại."),
                 url=reverse("my_nominations"), count=count,
                 items=[TaskItem(text=_nomination_label(row), url=reverse("nomination_detail", args=[row.pk]),
                                 detail=_("Lý do: %(reason)s") % {"reason": row.decision_reason})
                        for row in rows])]


def council_tasks(user: User, units: list[Unit]) -> list[Task]:
    """The council's meetings still open, where the person votes, with how many dossiers await a vote."""
    meetings = CouncilMeeting.objects.filter(unit__in=units, closed_at__isnull=True)
    count = bounded_count(meetings)
    if not count:
        return []
    rows = list(meetings.select_related("plan").only(
        "id", "held_on", "plan__id", "plan__title", "plan__number", "plan__symbol").order_by("held_on", "id")[
        :DESK_ITEMS])
    agenda = dict(Nomination.objects.filter(plan_id__in={meeting.plan_id for meeting in rows},
                                            state=NominationState.RECOMMENDED)
                  .order_by().values_list("plan_id").annotate(n=Count("id")).values_list("plan_id", "n"))
    return [Task(title=_("Phiên họp Hội đồng đang mở, chờ biểu quyết"), detail=_("Ghi phiếu của thành viên có mặt."),
                 count=count, url=reverse("council_meeting", args=[rows[0].pk]),
                 items=[TaskItem(text=meeting.plan.title, url=reverse("council_meeting", args=[meeting.pk]),
                                 detail=_("Họp ngày %(day)s · %(count)s hồ sơ chờ biểu quyết") % {
                                     "day": f"{meeting.held_on:%d/%m/%Y}", "count": agenda.get(meeting.plan_id, 0)})
                        for meeting in rows])]


def register_desk_tasks() -> None:
    for role, provider in ((Role.REVIEWER, reviewer_tasks), (Role.UNIT_OFFICER, returned_nomination_tasks),
                           (Role.COUNCIL_MEMBER, council_tasks)):
        if provider not in DESK_TASKS[role]:
            DESK_TASKS[role].append(provider)


# awards.rules imports this module when the app is ready.
register_desk_tasks()
