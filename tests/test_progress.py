"""Campaign progress as pictures (issue #16): the figures of campaigns.progress, the same numbers in
the tables of the plan page and the province dashboard, and in the JSON their charts are drawn from."""

import datetime
import json
import re

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from awards.services.nominations import nomination_create
from awards.services.review import nomination_recommend
from campaigns import progress
from campaigns.models import Deadline, DeadlineKind, Plan, PlanState
from campaigns.services import plans as plan_services
from campaigns.services.obligations import obligation_waive, obligations_fulfil
from emulation.models import EmulationBloc, Role, UnitKind
from tests.builders import build_plan, dossier_complete
from tests.factories import UnitFactory, UserFactory, person_with_role

DAY = datetime.timedelta(days=1)


@pytest.fixture
def campaign(tree, people):
    """The province plan, issued today, binding both districts, both communes and the office that
    receives dossiers. The districts owe an implementing plan (due in 5 days), a progress report
    (10 days) and their nominations (30 days). District A issued its plan, filed its report and
    sent a dossier (recommended: one place of the quota taken); district B's report was waived."""
    today = timezone.localdate()
    office = UnitFactory(kind=UnitKind.OFFICE, name="Phòng Thi đua", code="ptd", parent=tree["province"])
    plan = build_plan(tree, people)
    Deadline.objects.filter(plan=plan, kind="nominations").update(to_unit=office, due_on=today + 30 * DAY)
    Deadline.objects.filter(plan=plan, kind="implementing_plan").update(due_on=today + 5 * DAY)
    report = Deadline.objects.create(plan=plan, kind="progress_report", to_unit=tree["province"],
                                     due_on=today + 10 * DAY, position=99)
    report.from_units.set([tree["district_a"], tree["district_b"]])
    bloc = EmulationBloc.objects.create(name="Cụm thi đua số 1", kind="cluster", organiser=tree["province"])
    bloc.members.set([tree["district_a"], tree["commune_a"]])
    plan_services.plan_submit(actor=people["drafter"], plan=plan)
    plan = people["chain"].issue(plan)
    # District A's implementing plan, recorded as issued (its own issuing is tested elsewhere).
    Plan.objects.create(parent=plan, issuer=tree["district_a"], state=PlanState.ISSUED, title="Triển khai", number=1,
                        symbol="KH-UBND",
                        place_name="Châu Phú", issued_on=today)
    obligations_fulfil(plan=plan, unit=tree["district_a"], kinds=[DeadlineKind.IMPLEMENTING_PLAN], what="KH")
    obligations_fulfil(plan=plan, unit=tree["district_a"], kinds=[DeadlineKind.PROGRESS_REPORT], what="Báo cáo")
    reviewer = person_with_role(Role.REVIEWER, office, full_name="Đặng Quốc Huy")
    province_reviewer = person_with_role(Role.REVIEWER, tree["province"], full_name="Trần Văn Bảy")
    owed_by_b = plan.obligations.get(unit=tree["district_b"], kind=DeadlineKind.PROGRESS_REPORT)
    obligation_waive(actor=province_reviewer, obligation=owed_by_b, reason="Sáp nhập đơn vị")
    nomination = nomination_create(actor=people["officer_a"], plan=plan, quota=plan.quotas.get(per_parent=True),
                                   nominating_unit=tree["district_a"], kind="collective",
                                   nominee_unit=tree["commune_a"])
    dossier_complete(people["officer_a"], nomination)
    nomination_recommend(actor=reviewer, nomination=nomination)
    return {**people, **tree, "plan": plan, "office": office, "bloc": bloc, "reviewer": reviewer, "today": today}


def _figures(figures: progress.Figures) -> dict:
    return {"bound": figures.bound, "implementing": (figures.implementing.done, figures.implementing.owed),
            "reports": (figures.reports.done, figures.reports.owed),
            "nominations": (figures.nominations.done, figures.nominations.owed),
            "open": figures.open, "overdue": figures.overdue}


def test_the_plan_figures_count_bound_units_and_their_obligations(campaign):
    found = progress.plan_progress(campaign["drafter"], campaign["plan"], today=campaign["today"] + 14 * DAY)

    assert _figures(found.figures) == {"bound": 5, "implementing": (1, 2), "reports": (1, 1),
                                       "nominations": (1, 2), "open": 2, "overdue": 1}
    assert [(row.kind, row.due_on, row.tally.done, row.tally.owed) for row in found.periods] == [
        ("progress_report", campaign["today"] + 10 * DAY, 1, 1),
        ("nominations", campaign["today"] + 30 * DAY, 1, 2)]
    assert [(name, _figures(f)) for name, f in found.areas] == [
        ("Ủy ban nhân dân huyện Châu Phú", {"bound": 2, "implementing": (1, 1), "reports": (1, 1),
                                            "nominations": (1, 1), "open": 0, "overdue": 0}),
        ("Ủy ban nhân dân huyện Tri Tôn", {"bound": 2, "implementing": (0, 1), "reports": (0, 0),
                                           "nominations": (0, 1), "open": 2, "overdue": 1}),
        ("Phòng Thi đua", {"bound": 1, "implementing": (0, 0), "reports": (0, 0), "nominations": (0, 0),
                           "open": 0, "overdue": 0}),
    ]
    assert [(name, _figures(f)) for name, f in found.blocs] == [
        ("Cụm thi đua số 1", {"bound": 2, "implementing": (1, 1), "reports": (1, 1), "nominations": (1, 1),
                              "open": 0, "overdue": 0})]


def test_the_burndown_closes_obligations_on_the_day_they_are_done(campaign):
    today = campaign["today"]
    points = progress.plan_progress(campaign["drafter"], campaign["plan"], today=today + 14 * DAY).burndown

    # Six obligations; district A's three and district B's waived report closed on the issue day.
    assert [(point.on, point.open, point.overdue) for point in points] == [
        (today, 2, 0), (today + 7 * DAY, 2, 1), (today + 14 * DAY, 2, 1), (today + 21 * DAY, None, None),
        (today + 28 * DAY, None, None), (today + 30 * DAY, None, None)]


def test_a_district_officer_counts_only_their_own_district(campaign):
    found = progress.plan_progress(campaign["officer_b"], campaign["plan"], today=campaign["today"] + 14 * DAY)

    assert _figures(found.figures) == {"bound": 2, "implementing": (0, 1), "reports": (0, 0),
                                       "nominations": (0, 1), "open": 2, "overdue": 1}
    assert [name for name, _f in found.areas] == ["Ủy ban nhân dân huyện Tri Tôn"]
    assert found.blocs == []


def _tables(html: str) -> dict[str, list[list[str]]]:
    """Each chart table's rows as text cells, by chart slug."""
    tables = {}
    for slug, body in re.findall(r'data-chart-table="([^"]+)">(.*?)</table>', html, flags=re.S):
        rows = re.findall(r"<tr>(.*?)</tr>", body.split("<tbody>")[1], flags=re.S)
        tables[slug] = [[re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>",
                                                                                       row, flags=re.S)]
                        for row in rows]
    return tables


def _chart_data(html: str, slug: str) -> dict:
    found = re.search(rf'<script id="bieu-do-{slug}-so-lieu" type="application/json">(.*?)</script>', html,
                      flags=re.S)
    return json.loads(found.group(1))


def _as_table(data: dict) -> list[list[str]]:
    return [[label, *("—" if d["data"][i] is None else str(d["data"][i]) for d in data["datasets"])]
            for i, label in enumerate(data["labels"])]


def test_the_plan_page_shows_the_figures_in_tables_and_the_same_in_the_charts_data(client, campaign):
    client.force_login(campaign["drafter"])
    html = client.get(reverse("plan_detail", args=[campaign["plan"].pk])).content.decode()

    tables = _tables(html)
    assert list(tables) == ["tong-hop", "theo-han", "dia-ban", "khoi-cum", "con-lai", "chi-tieu-khen-thuong"]
    assert tables["tong-hop"] == [["Ban hành kế hoạch triển khai", "1", "1"], ["Nộp báo cáo", "1", "0"],
                                  ["Gửi hồ sơ đề nghị khen thưởng", "1", "1"]]
    due = campaign["today"]
    assert tables["theo-han"] == [
        [f"Báo cáo tiến độ, sơ kết — {due + 10 * DAY:%d/%m/%Y}", "1", "0"],
        [f"Hồ sơ đề nghị khen thưởng — {due + 30 * DAY:%d/%m/%Y}", "1", "1"]]
    assert tables["dia-ban"] == [["Ủy ban nhân dân huyện Châu Phú", "2", "1", "0", "1", "0", "1", "0"],
                                 ["Ủy ban nhân dân huyện Tri Tôn", "2", "0", "1", "0", "0", "0", "1"],
                                 ["Phòng Thi đua", "1", "0", "0", "0", "0", "0", "0"]]
    assert tables["khoi-cum"] == [["Cụm thi đua số 1", "2", "1", "0", "1", "0", "1", "0"]]
    assert tables["con-lai"][0] == [f"{due:%d/%m/%Y}", "2", "0"]
    assert tables["con-lai"][1] == [f"{due + 7 * DAY:%d/%m/%Y}", "—", "—"]
    # The ledger's figures: two places for communes, one for districts, of the one award type; one taken.
    assert tables["chi-tieu-khen-thuong"] == [["Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", "3", "1"]]
    for slug, rows in tables.items():
        assert _as_table(_chart_data(html, slug)) == rows
    assert 'src="/static/vendor/chartjs/chart.umd.min.js"' in html


def test_the_plan_page_shows_no_progress_on_a_draft(client, district_draft):
    client.force_login(district_draft["drafter"])
    html = client.get(reverse("plan_detail", args=[district_draft["plan"].pk])).content.decode()

    assert _tables(html) == {}
    assert "chart.umd.min.js" not in html


def test_quota_use_is_shown_only_to_those_who_see_the_ledger(client, campaign):
    client.force_login(campaign["officer_b"])
    html = client.get(reverse("plan_detail", args=[campaign["plan"].pk])).content.decode()

    assert list(_tables(html)) == ["tong-hop", "theo-han", "dia-ban", "con-lai"]
    assert _tables(html)["dia-ban"] == [["Ủy ban nhân dân huyện Tri Tôn", "2", "0", "1", "0", "0", "0", "1"]]


def test_the_dashboard_lists_the_provinces_plans_with_the_same_figures(client, campaign):
    client.force_login(campaign["drafter"])
    html = client.get(reverse("progress_dashboard")).content.decode()

    tables = _tables(html)
    assert list(tables) == ["ke-hoach", "tong-hop", "dia-ban", "khoi-cum", "con-lai", "chi-tieu-khen-thuong"]
    number = campaign["plan"].number_symbol
    # District A's implementing plan is one of the province's plans too; it binds nobody.
    assert tables["ke-hoach"] == [["01/KH-UBND", "0", "0", "0", "0", "0", "0", "0"],
                                  [number, "5", "1", "1", "1", "0", "1", "1"]]
    assert tables["dia-ban"] == [["Ủy ban nhân dân huyện Châu Phú", "2", "1", "0", "1", "0", "1", "0"],
                                 ["Ủy ban nhân dân huyện Tri Tôn", "2", "0", "1", "0", "0", "0", "1"],
                                 ["Phòng Thi đua", "1", "0", "0", "0", "0", "0", "0"]]
    assert tables["chi-tieu-khen-thuong"] == [["Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", "3", "1"]]
    for slug, rows in tables.items():
        assert _as_table(_chart_data(html, slug)) == rows
    assert f'href="/ke-hoach/{campaign["plan"].pk}/"' in html


def test_the_dashboard_filters_by_year(client, campaign):
    client.force_login(campaign["drafter"])
    other_year = campaign["today"].year - 1

    html = client.get(reverse("progress_dashboard"), {"nam": other_year}).content.decode()
    assert f'<option value="{other_year}"' not in html  # only years with plans are offered; others show all
    assert len(_tables(html)["ke-hoach"]) == 2
    Plan.objects.filter(pk=campaign["plan"].pk).update(issued_on=datetime.date(other_year, 6, 1))
    cache.clear()  # not the figures counted a moment ago
    html = client.get(reverse("progress_dashboard"), {"nam": campaign["today"].year}).content.decode()
    assert [row[0] for row in _tables(html)["ke-hoach"]] == ["01/KH-UBND"]
    html = client.get(reverse("progress_dashboard"), {"nam": other_year}).content.decode()
    assert [row[0] for row in _tables(html)["ke-hoach"]] == [campaign["plan"].number_symbol]


def test_the_dashboard_shows_a_district_officer_only_their_district(client, campaign):
    client.force_login(campaign["officer_b"])
    tables = _tables(client.get(reverse("progress_dashboard")).content.decode())

    assert tables["ke-hoach"] == [[campaign["plan"].number_symbol, "2", "0", "1", "0", "0", "0", "1"]]
    assert tables["dia-ban"] == [["Ủy ban nhân dân huyện Tri Tôn", "2", "0", "1", "0", "0", "0", "1"]]
    assert "chi-tieu-khen-thuong" not in tables


def test_the_dashboard_refuses_people_without_a_role_and_asks_strangers_to_log_in(client, campaign):
    assert client.get(reverse("progress_dashboard")).status_code == 302
    client.force_login(UserFactory())
    assert client.get(reverse("progress_dashboard")).status_code == 403


def test_the_dashboard_of_another_province_is_refused(client, campaign):
    other = UnitFactory(kind=UnitKind.PROVINCE, name="Ủy ban nhân dân tỉnh Đồng Tháp", code="dong-thap")
    client.force_login(campaign["drafter"])

    assert client.get(reverse("progress_dashboard"), {"tinh": other.pk}).status_code == 403
    stranger = person_with_role(Role.DRAFTER, other)
    client.force_login(stranger)
    html = client.get(reverse("progress_dashboard")).content.decode()
    assert "Không có kế hoạch nào đã ban hành." in html
    assert client.get(reverse("progress_dashboard"), {"tinh": campaign["province"].pk}).status_code == 403


def _more_plans(campaign, count: int) -> None:
    """``count`` more issued plans of the province, each binding both districts with obligations."""
    for _ in range(count):
        plan = build_plan({**campaign}, campaign)
        plan_services.plan_submit(actor=campaign["drafter"], plan=plan)
        campaign["chain"].issue(plan)


def test_the_dashboard_runs_the_same_queries_for_one_plan_and_three(client, campaign, django_assert_num_queries,
                                                                   django_assert_max_num_queries):
    client.force_login(campaign["drafter"])
    client.get(reverse("progress_dashboard"))
    cache.clear()  # counted, not the figures of a moment ago
    with django_assert_max_num_queries(40) as one:
        assert client.get(reverse("progress_dashboard")).status_code == 200
    _more_plans(campaign, 2)
    cache.clear()
    with django_assert_num_queries(len(one.captured_queries)):
        html = client.get(reverse("progress_dashboard")).content.decode()
    assert len(_tables(html)["ke-hoach"]) == 4


def test_the_dashboard_counts_again_once_a_minute_and_says_when(client, campaign, time_machine,
                                                               django_assert_max_num_queries):
    time_machine.move_to(timezone.now(), tick=False)
    client.force_login(campaign["drafter"])
    html = client.get(reverse("progress_dashboard")).content.decode()
    counted_at = timezone.localtime()
    assert f"Số liệu tính lúc {counted_at:%H:%M %d/%m/%Y}, tính lại mỗi phút một lần." in html
    assert len(_tables(html)["ke-hoach"]) == 2

    _more_plans(campaign, 1)
    time_machine.shift(datetime.timedelta(seconds=59))
    with django_assert_max_num_queries(8):  # session, person, roles, provinces, unread count — no figures
        html = client.get(reverse("progress_dashboard")).content.decode()
    assert len(_tables(html)["ke-hoach"]) == 2
    # Someone with the same roles gets the same figures; someone else gets their own.
    client.force_login(person_with_role(Role.DRAFTER, campaign["province"]))
    assert len(_tables(client.get(reverse("progress_dashboard")).content.decode())["ke-hoach"]) == 2
    client.force_login(campaign["officer_b"])  # counted for them: their district's plan and the new one
    assert len(_tables(client.get(reverse("progress_dashboard")).content.decode())["ke-hoach"]) == 2

    time_machine.shift(datetime.timedelta(seconds=2))
    client.force_login(campaign["drafter"])
    html = client.get(reverse("progress_dashboard")).content.decode()
    assert len(_tables(html)["ke-hoach"]) == 3
    assert f"Số liệu tính lúc {timezone.localtime():%H:%M %d/%m/%Y}" in html


def test_the_plan_page_counts_its_progress_again_once_a_minute(client, campaign, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    client.force_login(campaign["drafter"])
    url = reverse("plan_detail", args=[campaign["plan"].pk])
    html = client.get(url).content.decode()
    assert f"Số liệu tính lúc {timezone.localtime():%H:%M %d/%m/%Y}, tính lại mỗi phút một lần." in html
    nominations = ["Gửi hồ sơ đề nghị khen thưởng", "1", "1"]
    assert _tables(html)["tong-hop"][2] == nominations

    campaign["plan"].obligations.filter(kind=DeadlineKind.NOMINATIONS, fulfilled_at__isnull=True).update(
        waived_at=timezone.now())  # no longer owed
    time_machine.shift(datetime.timedelta(seconds=59))
    assert _tables(client.get(url).content.decode())["tong-hop"][2] == nominations
    time_machine.shift(datetime.timedelta(seconds=2))
    assert _tables(client.get(url).content.decode())["tong-hop"][2] == ["Gửi hồ sơ đề nghị khen thưởng", "1", "0"]


def test_the_plan_page_progress_costs_the_same_queries_however_many_units(client, campaign,
                                                                        django_assert_num_queries):
    progress.plan_progress(campaign["drafter"], campaign["plan"])  # the person's roles, read once per request
    # Bindings and obligations per plan (2), per due date (1), per area (3), per bloc (4), burn-down (1).
    with django_assert_num_queries(11):
        progress.plan_progress(campaign["drafter"], campaign["plan"])
    for n in range(3):
        UnitFactory(kind=UnitKind.COMMUNE, name=f"Ủy ban nhân dân xã Mới {n}", parent=campaign["district_b"])
    with django_assert_num_queries(11):
        progress.plan_progress(campaign["drafter"], campaign["plan"])
