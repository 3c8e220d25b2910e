"""The home page per role: what the person must do now, each item linking to
where it is done; only their units' work; a cost that stays flat as rows grow."""

import datetime
import itertools

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from awards.models import CouncilMeeting, Nomination, NominationState
from awards.selectors import queue_counts
from campaigns.models import Obligation, Plan, PlanState
from demo.live import LIVE_TITLE, OFFICE_DRAFTS, RETURN_REASON
from emulation.models import AuditEntry, DocumentSigning, Role, Unit, User
from emulation.selectors import role_desks
from tests.factories import person_with_role

DESK_LOGINS = ["soanthao", "chutich", "vanthu", "canbo.longxuyen", "canbo.anphu", "thamdinh", "hoidong"]


def desk(username: str, role: str):
    return next(d for d in role_desks(User.objects.get(username=username)) if d.role == role)


def titles(username: str, role: str) -> list[tuple[str, int | None]]:
    return [(task.title, task.count) for task in desk(username, role).tasks]


def test_every_demo_role_has_work_waiting_that_links_to_where_it_is_done(demo_db):
    today = timezone.localdate()
    live = Plan.objects.get(title=LIVE_TITLE)
    assert (live.state, live.issued_on) == (PlanState.ISSUED, today - datetime.timedelta(days=21))
    drafts = {plan.title: plan for plan in Plan.objects.filter(title__in=[title for title, _ in OFFICE_DRAFTS])}
    next_week = f"{today + datetime.timedelta(days=7):%d/%m/%Y}"

    # The drafter: drafts in progress, the one sent back with its reason, nothing of a higher body to implement.
    drafter = desk("soanthao", Role.DRAFTER).tasks
    assert [(task.title, task.count) for task in drafter] == [("Dự thảo kế hoạch đang soạn", 2),
                                                              ("Dự thảo bị trả lại", 1)]
    returned = drafts["Khen thưởng đột xuất các tập thể có thành tích trong phòng, chống thiên tai"]
    assert [(item.url, item.detail) for item in drafter[1].items] == [
        (reverse("plan_edit", args=[returned.pk]), f"Lý do: {RETURN_REASON}")]

    # The signer: the document awaiting their signature, with where its signing stands, linking to its page.
    signer = desk("chutich", Role.SIGNER).tasks
    awaiting = drafts["Tuyên truyền phong trào thi đua “Dân vận khéo” trên địa bàn tỉnh"]
    assert [(task.title, task.count) for task in signer] == [("Văn bản chờ bạn ký số", 1)]
    assert [(item.text, item.url, item.detail) for item in signer[0].items] == [
        (f"Kế hoạch: {awaiting.title}", reverse("plan_detail", args=[awaiting.pk]),
         "Ủy ban nhân dân tỉnh An Giang · Đang chuẩn bị tệp để ký · tệp trình ký đang được chuẩn bị")]

    # The clerk: the signed plan waiting for its number, linking to the issuing step.
    clerk = desk("vanthu", Role.CLERK).tasks
    signed = DocumentSigning.objects.get(stage="awaiting_clerk")
    assert [(task.title, task.count) for task in clerk] == [("Văn bản đã ký, chờ vào số và ban hành", 1)]
    assert [(item.text, item.url) for item in clerk[0].items] == [
        ("Kế hoạch: Phát động thi đua chào mừng Đại hội Đảng bộ tỉnh", reverse("signing_issue", args=[signed.pk]))]

    # A district officer: the live plan's obligations soonest first, the plans to implement, the dossier sent back.
    officer = desk("canbo.longxuyen", Role.UNIT_OFFICER).tasks
    long_xuyen = Unit.objects.get(code="an-giang-long-xuyen")
    assert [(task.title, task.url, task.overdue) for task in officer[:2]] == [
        (f"Kế hoạch triển khai của đơn vị — hạn {next_week}", reverse("plan_derive", args=[live.pk]), False),
        (f"Báo cáo tiến độ, sơ kết — hạn {next_week}",
         reverse("report_edit", args=[live.pk, today.year + (next_week[-4:] != str(today.year))]) +
         f"?unit={long_xuyen.pk}", False)]
    assert [(task.title, task.count) for task in officer[2:]] == [
        ("Kế hoạch cấp trên chờ đơn vị xây dựng kế hoạch triển khai", 2), ("Hồ sơ đề nghị khen thưởng bị trả lại", 1)]
    assert [item.detail for item in officer[3].items] == ["Lý do: Bổ sung biên bản họp xét có chữ ký của chủ trì."]

    # The overdue district: its late report first, marked overdue.
    late = desk("canbo.anphu", Role.UNIT_OFFICER).tasks
    overdue = [(task.title, task.overdue) for task in late if task.overdue]
    assert overdue == [
        ("Hồ sơ đề nghị khen thưởng — hạn 25/10/2025", True),
        (f"Báo cáo tiến độ, sơ kết — hạn {today - datetime.timedelta(days=3):%d/%m/%Y}", True)]

    # The reviewer: the queue by state with the queue page's own counts, and the deadline coming up.
    reviewer = User.objects.get(username="thamdinh")
    queue = desk("thamdinh", Role.REVIEWER).tasks
    counts = queue_counts(user=reviewer)
    assert [(item.text, item.detail) for item in queue[0].items] == [
        (label, str(counts[state])) for state, label in NominationState.choices if counts.get(state)]
    assert (queue[0].title, queue[0].count) == ("Hàng đợi thẩm định", 9)
    assert queue[1].title == "Sắp hết hạn nhận hồ sơ"
    assert [item.text for item in queue[1].items] == [LIVE_TITLE]

    # Council members: the live campaign's meeting, open for their vote.
    meeting = CouncilMeeting.objects.get(plan=live, closed_at__isnull=True)
    for username in ("hoidong", "chutich"):
        council = desk(username, Role.COUNCIL_MEMBER).tasks
        assert [(task.title, task.count) for task in council] == [("Phiên họp Hội đồng đang mở, chờ biểu quyết", 1)]
        assert [(item.url, item.detail) for item in council[0].items] == [
            (reverse("council_meeting", args=[meeting.pk]), f"Họp ngày {today:%d/%m/%Y} · 1 hồ sơ chờ biểu quyết")]


def test_a_person_sees_only_their_own_units_work(demo_db):
    # A neighbouring district's officer sees neither Long Xuyên's returned dossier nor An Phú's late report.
    chau_doc = [task.title for task in desk("canbo.chaudoc", Role.UNIT_OFFICER).tasks]
    assert "Hồ sơ đề nghị khen thưởng bị trả lại" not in chau_doc
    assert not [task for task in desk("canbo.chaudoc", Role.UNIT_OFFICER).tasks if task.overdue]
    # Another province's people: none of An Giang's drafts, signatures, signed documents, dossiers or meetings.
    assert titles("soanthao.dongthap", Role.DRAFTER) == []
    assert titles("chutich.dongthap", Role.SIGNER) == []
    assert titles("vanthu.dongthap", Role.CLERK) == []
    assert titles("thamdinh.congan", Role.REVIEWER) == []
    # A council member of a district sees no province meeting.
    member = person_with_role(Role.COUNCIL_MEMBER, Unit.objects.get(code="an-giang-long-xuyen"))
    assert [(d.role, d.tasks) for d in role_desks(member)] == [(Role.COUNCIL_MEMBER, [])]


def _home_queries(client, username: str) -> int:
    client.force_login(User.objects.get(username=username))
    client.get(reverse("home"))  # the session's first request
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("home")).status_code == 200
    return len(queries)


def _clone(rows, times: int = 3, change=None) -> None:
    for row in list(rows):
        for _ in range(times):
            row.pk = None
            row.id = None
            if change:
                change(row)
            row.save()


DAYS = itertools.count(1)  # each copy of an obligation falls due on a day of its own


def _grow() -> None:
    """Three more of every kind of waiting row: drafts (the returned ones with their return),
    obligations, dossiers in the queue and sent back, open meetings."""
    province = Unit.objects.get(code="an-giang")
    returns = list(AuditEntry.objects.filter(action="plan.return"))
    _clone(Plan.objects.filter(issuer=province, state=PlanState.DRAFT))
    for entry in returns:
        for plan in Plan.objects.filter(issuer=province, state=PlanState.DRAFT).exclude(pk=entry.object_id):
            AuditEntry.objects.create(content_type=entry.content_type, object_id=plan.pk, action="plan.return",
                                      reason=entry.reason, from_state="awaiting_signature", to_state="draft")
    _clone(Obligation.objects.filter(fulfilled_at__isnull=True, waived_at__isnull=True),
           change=lambda row: setattr(row, "due_on", datetime.date(2030, 1, 1) + datetime.timedelta(days=next(DAYS))))
    names = iter(range(1, 10_000))

    def as_person(row):  # one collective is nominated once per award: the copies are people of the unit
        row.kind, row.person_name, row.person_unit_id = "individual", f"Nguyễn Văn {next(names)}", row.nominee_unit_id
        row.nominee_unit = None

    _clone(Nomination.objects.filter(state__in=[NominationState.RETURNED, NominationState.SUBMITTED,
                                                NominationState.RECOMMENDED]), change=as_person)
    _clone(CouncilMeeting.objects.filter(closed_at__isnull=True))


def test_the_home_page_of_each_role_costs_the_same_as_its_rows_grow(demo_db, client):
    _grow()  # past the few each task lists by name
    grown = {username: _home_queries(client, username) for username in DESK_LOGINS}
    _grow()
    assert Obligation.objects.filter(unit__code="an-giang-an-phu", fulfilled_at__isnull=True).count() == 64
    assert {username: _home_queries(client, username) for username in DESK_LOGINS} == grown
    assert grown == {"soanthao": 12, "chutich": 12, "vanthu": 9, "canbo.longxuyen": 14, "canbo.anphu": 13,
                     "thamdinh": 13, "hoidong": 10}
