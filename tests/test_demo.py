import datetime

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from awards.models import Nomination, NominationState
from campaigns.models import Plan
from demo.live import LIVE_TITLE, live_campaign_is_stale
from emulation.models import AuditEntry, EmulationBloc, Role, RoleAssignment, Unit, User
from emulation.permissions import Action, can

SEED_UNITS = {
    # seed 000: the province, its military command and Phòng Chính trị, Sở Nội vụ
    "an-giang": "Ủy ban nhân dân tỉnh An Giang",
    "an-giang-bchqs": "Bộ Chỉ huy Quân sự tỉnh An Giang",
    "an-giang-bchqs-pct": "Phòng Chính trị, Bộ Chỉ huy Quân sự tỉnh An Giang",
    "an-giang-snv": "Sở Nội vụ tỉnh An Giang",
    # seed 001: Quảng Ngãi, Ba Tơ, its military command, Phòng Nội vụ, the media centre
    "quang-ngai": "Ủy ban nhân dân tỉnh Quảng Ngãi",
    "ba-to": "Ủy ban nhân dân huyện Ba Tơ",
    "ba-to-bchqs": "Ban Chỉ huy Quân sự huyện Ba Tơ",
    "ba-to-pnv": "Phòng Nội vụ huyện Ba Tơ",
    "ba-to-ttvh": "Trung tâm Truyền thông - Văn hóa - Thể thao huyện Ba Tơ",
    # seed 002: the college and its offices
    "an-giang-cdn": "Trường Cao đẳng nghề An Giang",
    "an-giang-cdn-tchc": "Phòng Tổ chức - Hành chính",
    "an-giang-cdn-bchqs": "Ban Chỉ huy quân sự cơ quan Trường Cao đẳng nghề An Giang",
    # seed 003: Đồng Tháp after the reform
    "dong-thap": "Ủy ban nhân dân tỉnh Đồng Tháp",
    "dong-thap-ca": "Công an tỉnh Đồng Tháp",
    "dong-thap-snv": "Sở Nội vụ tỉnh Đồng Tháp",
    "dong-thap-svhttdl": "Sở Văn hóa, Thể thao và Du lịch tỉnh Đồng Tháp",
}


def test_load_demo_creates_the_seed_units_and_is_safe_to_run_twice(transactional_db, settings, chain, capsys):
    """Loaded, then loaded again once the live campaign's reports are due: nothing is made
    twice, the issued campaign is not re-dated in place, the command says how to date it
    again; and --reset (on a database of its own, hence transactional_db) does."""
    settings.DEBUG = True
    call_command("load_demo")
    first = Plan.objects.get(title=LIVE_TITLE)
    counts = (Unit.objects.count(), EmulationBloc.objects.count(), User.objects.count(),
              RoleAssignment.objects.count(), AuditEntry.objects.count())
    later = timezone.localtime() + datetime.timedelta(days=29)
    with time_machine.travel(later, tick=False):
        call_command("load_demo")
        assert (Unit.objects.count(), EmulationBloc.objects.count(), User.objects.count(),
                RoleAssignment.objects.count(), AuditEntry.objects.count()) == counts
        assert Plan.objects.get(title=LIVE_TITLE).pk == first.pk
        output = capsys.readouterr().out
        assert "quantri" in output and "ThiDua@2026" in output
        assert (f"The live demo campaign was issued on {first.issued_on:%d/%m/%Y}: its deadlines have passed."
                in output)

        call_command("load_demo", reset=True, interactive=False)

        assert Plan.objects.get(title=LIVE_TITLE).issued_on == later.date() - datetime.timedelta(days=21)
        assert "its deadlines have passed" not in capsys.readouterr().out
    assert (Unit.objects.count(), EmulationBloc.objects.count(), User.objects.count(),
            RoleAssignment.objects.count()) == counts[:4]

    for code, name in SEED_UNITS.items():
        assert Unit.objects.get(code=code).name == name
    an_giang = Unit.objects.get(code="an-giang")
    districts = Unit.objects.filter(parent=an_giang, kind="district")
    assert districts.count() == 11
    for district in districts:
        assert Unit.objects.filter(parent=district, kind__in=["commune", "ward", "township"]).count() == 2
    dong_thap = Unit.objects.get(code="dong-thap")
    assert not Unit.objects.filter(path__startswith=dong_thap.path, kind="district").exists()
    assert Unit.objects.filter(parent=dong_thap, kind__in=["commune", "ward"]).count() == 5
    college = Unit.objects.get(code="an-giang-cdn")
    assert (college.header_name, college.parent_header_name, college.abbreviation) == (
        "TRƯỜNG CAO ĐẲNG NGHỀ\nAN GIANG", "ỦY BAN NHÂN DÂN TỈNH AN GIANG", "CĐN")

    held = set(RoleAssignment.objects.values_list("role", flat=True))
    assert held == set(Role.values)


def test_demo_people_act_where_the_seeds_say(db, settings, chain):
    settings.DEBUG = True
    call_command("load_demo")
    units = {unit.code: unit for unit in Unit.objects.all()}
    reviewer = User.objects.get(username="thamdinh")
    assert can(reviewer, Action.REVIEW_FOR_UNIT, units["an-giang-bchqs-pct"])
    officer = User.objects.get(username="canbo.longxuyen")
    assert can(officer, Action.ACT_FOR_UNIT, units["an-giang-long-xuyen-phuong-my-binh"])
    assert not can(officer, Action.VIEW_UNIT, units["an-giang-chau-doc"])
    assert User.objects.get(username="chutich").check_password("ThiDua@2026")


def test_load_demo_refuses_production(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("load_demo")
    assert Unit.objects.count() == 0


def test_demo_holds_nominations_in_every_state_for_seed_000(db, settings, chain):
    settings.DEBUG = True
    call_command("load_demo", verbosity=0)
    call_command("load_demo", verbosity=0)
    states = set(Nomination.objects.filter(plan__number=169, plan__issuer__code="an-giang")
                 .values_list("state", flat=True))
    assert states == set(NominationState.values)
    # Seed 000's nine, and the live campaign's one recommended dossier: none made twice.
    assert Nomination.objects.count() == 10
    assert Nomination.objects.filter(plan__title=LIVE_TITLE).get().state == NominationState.RECOMMENDED


def test_the_live_campaign_goes_stale_once_its_reports_are_due():
    plan = Plan(issued_on=datetime.date(2026, 11, 13))  # loaded on 4 December: reports due on 11 December
    assert not live_campaign_is_stale(plan, today=datetime.date(2026, 12, 11))
    assert live_campaign_is_stale(plan, today=datetime.date(2026, 12, 12))
