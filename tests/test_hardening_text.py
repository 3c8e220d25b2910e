"""What a probe of the running app broke with text: line breaks in email
subjects, NUL bytes on PostgreSQL, over-long generated titles, bidi controls."""

import datetime
import socket
import socketserver
import threading

import pytest
from django.core import mail
from django.db import DatabaseError, connection
from django.urls import reverse
from django.utils import timezone

from awards.services.nominations import nomination_create
from awards.services.review import nomination_assign
from campaigns.models import Deadline, Obligation, Plan
from campaigns.services import plans as plan_services
from campaigns.services import reminders
from emulation import services
from emulation.models import Notification, Role, Unit, UnitKind, User
from emulation.tasks import notification_email_deliver
from emulation.text import clean_text, single_line
from tests.builders import build_plan, dossier_complete
from tests.factories import UnitFactory, UserFactory, person_with_role

RLO = "\u202e"


def age(*notifications, minutes: int = 60) -> None:
    """Make notifications old enough for the sweep's email catch-up."""
    Notification.objects.filter(pk__in=[n.pk for n in notifications]).update(
        created_at=timezone.now() - datetime.timedelta(minutes=minutes))


# The text helpers ------------------------------------------------------------------------

def test_single_line_collapses_every_line_break_and_caps_the_length():
    assert single_line("Phát động phong trào\r\nthi đua\u2028năm\x0b2026\t ") == "Phát động phong trào thi đua năm 2026"
    assert single_line("Ủy ban\x00 nhân dân\x85xã " + RLO + "Bình Mỹ\u2066\u200f") == "Ủy ban nhân dân xã Bình Mỹ"
    assert single_line("Ủy ban nhân dân tỉnh An Giang", max_length=12) == "Ủy ban nhân…"
    assert len(single_line("x" * 300, max_length=255)) == 255


def test_clean_text_keeps_line_breaks_and_drops_nul_and_bidi_controls():
    assert clean_text("Dòng một\r\nDòng\x00 hai\u202a\u202b\u202c\u202d\u202e\u2067\u2068\u2069\u200e\u061c") == (
        "Dòng một\r\nDòng hai")


# Item 1: a line break stops all email, then every sweep ----------------------------------

def test_a_two_line_plan_title_submitted_for_signature_is_emailed_on_one_line(tree, people):
    """The probe's case end to end: the textarea title goes into the signer's
    notification; the email task and the next sweep both go through."""
    plan = build_plan(tree, people)
    plan = plan_services.plan_update(actor=people["drafter"], plan=plan, expected_revision=plan.revision,
                                     title="Phát động phong trào thi đua\r\nnăm 2026")
    plan_services.plan_submit(actor=people["drafter"], plan=plan)
    notification = Notification.objects.get(recipient=people["signer"])
    assert notification.title == "Dự thảo kế hoạch chờ ký: Phát động phong trào thi đua năm 2026"

    assert notification_email_deliver.apply(args=[notification.pk], throw=True).get() is True
    assert [message.subject for message in mail.outbox] == [
        "[Thi đua] Dự thảo kế hoạch chờ ký: Phát động phong trào thi đua năm 2026"]

    # The task never reached the broker for a second one: the sweep's catch-up sends it.
    plan_services.plan_return(actor=people["signer"], plan=plan, reason="Sửa lại\nphần căn cứ")
    returned = Notification.objects.get(recipient=people["drafter"])
    age(returned)
    assert reminders.reminders_sweep() == {"reminders": 0, "summaries": 0, "emails": 1}
    assert mail.outbox[-1].subject == "[Thi đua] Dự thảo bị trả lại: Phát động phong trào thi đua năm 2026"


def test_a_notification_title_is_one_line_however_it_is_saved(db):
    person = UserFactory()
    notification = Notification(recipient=person, title="Hồ sơ\nbị trả lại\r\n")
    notification.save()
    notification.refresh_from_db()
    assert notification.title == "Hồ sơ bị trả lại"


def test_a_bad_email_among_good_ones_is_marked_and_the_rest_go_out(db):
    good = [UserFactory(email=f"canbo{n}@example.vn") for n in range(2)]
    bad = UserFactory(email="cu@example.vn")
    # Imported before addresses were validated: a line break inside the address.
    User.objects.filter(pk=bad.pk).update(email="cu@example.vn\nBcc: ai@example.vn")
    bad.refresh_from_db()
    first = services.notification_send(recipient=good[0], title="Kế hoạch mới cần triển khai")
    broken = services.notification_send(recipient=bad, title="Kế hoạch mới cần triển khai")
    last = services.notification_send(recipient=good[1], title="Kế hoạch mới cần triển khai")
    age(first, broken, last)

    assert reminders.reminders_sweep() == {"reminders": 0, "summaries": 0, "emails": 2}
    assert sorted(message.to[0] for message in mail.outbox) == ["canbo0@example.vn", "canbo1@example.vn"]
    broken.refresh_from_db()
    assert broken.emailed_at is None
    assert broken.email_failed_at is not None
    assert broken.email_error == "ValueError: Header values may not contain linefeed or carriage return characters"

    # Marked: neither the next sweep nor a second run of its task tries it again.
    assert reminders.reminders_sweep() == {"reminders": 0, "summaries": 0, "emails": 0}
    assert notification_email_deliver.apply(args=[broken.pk], throw=True).get() is False
    assert len(mail.outbox) == 2


def test_the_email_task_marks_a_message_that_cannot_be_built_and_does_not_raise(db):
    person = UserFactory(email="cu@example.vn")
    User.objects.filter(pk=person.pk).update(email="cu@example.vn\r\nBcc: ai@example.vn")
    person.refresh_from_db()
    notification = services.notification_send(recipient=person, title="Nhắc hạn báo cáo")
    assert notification_email_deliver.apply(args=[notification.pk], throw=True).get() is False
    notification.refresh_from_db()
    assert (notification.emailed_at, notification.email_failed_at is not None) == (None, True)
    assert mail.outbox == []


@pytest.fixture
def two_due_plans(tree, people):
    """Two issued plans, each with a progress report due from district A on 20/12/2026."""
    plans = []
    for title in ("Phong trào thi đua Dân vận khéo", "Phong trào thi đua Vì người nghèo"):
        plan = build_plan(tree, people)
        plan = plan_services.plan_update(actor=people["drafter"], plan=plan, expected_revision=plan.revision,
                                         title=title)
        deadline = Deadline.objects.create(plan=plan, kind="progress_report", to_unit=tree["province"],
                                           due_on=datetime.date(2026, 12, 20), position=99)
        deadline.from_units.set([tree["district_a"]])
        Deadline.objects.filter(plan=plan, kind="nominations").delete()
        plan_services.plan_submit(actor=people["drafter"], plan=plan)
        plans.append(people["chain"].issue(plan))
    Notification.objects.all().delete()
    return plans


def test_one_broken_obligation_does_not_stop_the_reminders_of_the_others(two_due_plans, people):
    broken, fine = two_due_plans
    # Lead days edited by hand in the admin's JSON box: not numbers.
    Plan.objects.filter(pk=broken.pk).update(reminder_days=["một tuần"])
    result = reminders.reminders_sweep(today=datetime.date(2026, 12, 13))
    assert result == {"reminders": 1, "summaries": 0, "emails": 0}
    assert list(Notification.objects.filter(recipient=people["officer_a"]).values_list("title", flat=True)) == [
        "Nhắc hạn: Báo cáo tiến độ, sơ kết — còn 7 ngày (hạn 20/12/2026)"]
    assert set(Obligation.objects.filter(reminders__isnull=False).values_list("plan", flat=True)) == {fine.pk}


def test_one_failing_unit_does_not_stop_the_overdue_summaries_of_the_others(two_due_plans, tree, people):
    other_plan = two_due_plans[1]
    Deadline.objects.filter(plan=other_plan, kind="progress_report").update(to_unit=tree["district_b"])
    Obligation.objects.filter(plan=other_plan).update(owed_to=tree["district_b"])
    province_officer = person_with_role(Role.UNIT_OFFICER, tree["province"], full_name="Võ Thị Tỉnh")
    refused = []

    def refuse_province_notices(execute, sql, params, many, context):
        # The database refuses this one unit's notices (say, a full disk on its partition).
        if sql.lstrip().upper().startswith("INSERT") and "notification" in sql and params \
                and province_officer.pk in params:
            refused.append(sql)
            raise DatabaseError("could not extend file")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(refuse_province_notices):
        sent = reminders.overdue_summaries_send(today=datetime.date(2026, 12, 22))
    assert sent == 1
    assert refused != []
    assert list(Notification.objects.filter(title__startswith="Tổng hợp quá hạn").values_list(
        "recipient__full_name", flat=True)) == [people["officer_b"].full_name]


# Item 8: NUL bytes and over-long generated titles ----------------------------------------

LIST_PAGES = [
    "plan_list", "review_queue", "my_nominations", "unit_directory", "person_list", "register_list",
    "obligation_list", "notification_inbox", "bloc_list", "award_type_list",
]


@pytest.fixture
def everyone(tree, people):
    """One person who may open every list page, and a row on each."""
    person = person_with_role(Role.ADMINISTRATOR, tree["province"], full_name="Trần Thị Quản")
    for role in (Role.REVIEWER, Role.UNIT_OFFICER, Role.DRAFTER, Role.SIGNER):
        services.role_assign(actor=None, user=person, unit=tree["province"], role=role)
    plan = build_plan(tree, people)
    plan_services.plan_submit(actor=people["drafter"], plan=plan, signer=people["signer"])
    people["chain"].issue(plan)
    services.notification_send(recipient=person, title="Kế hoạch mới", email=False)
    return person


@pytest.mark.parametrize("name", LIST_PAGES)
def test_a_nul_byte_in_the_search_box_is_ignored_on_every_list_page(client, everyone, name):
    client.force_login(everyone)
    response = client.get(reverse(name), {"q": "\x00", "year": "\x00", "kind": "\x00", "state": "\x00"})
    assert response.status_code == 200


def test_a_nul_byte_is_removed_from_what_was_typed(client, everyone):
    client.force_login(everyone)
    response = client.get(reverse("register_list"), {"q": "KH\x00-UBND"})
    assert (response.status_code, response.context["query"]) == (200, "KH-UBND")


def test_a_nul_byte_in_a_posted_name_is_removed(client, tree):
    client.force_login(person_with_role(Role.ADMINISTRATOR, tree["district_a"]))
    response = client.post(reverse("person_create"), {
        "username": "canbo.moi", "full_name": "Ngô\x00 Văn Mới", "email": "moi@example.vn", "position": "",
        "unit": tree["commune_a"].pk, "roles": [Role.UNIT_OFFICER], "password": "MatKhauManh#2026"})
    assert response.status_code == 302
    assert User.objects.get(username="canbo.moi").full_name == "Ngô Văn Mới"


@pytest.fixture
def long_named_unit(tree, people):
    """An issued plan whose nominations go to a provincial office, and a commune
    whose full name is 250 characters long."""
    office = UnitFactory(kind=UnitKind.OFFICE, name="Phòng Chính trị", code="pct", parent=tree["province"])
    reviewer = person_with_role(Role.REVIEWER, office, full_name="Đặng Quốc Huy")
    long_name = ("Ủy ban nhân dân xã Bình Mỹ thuộc huyện Châu Phú tỉnh An Giang, đơn vị được hợp nhất từ các xã "
                 "Bình Thủy, Bình Chánh, Bình Long và một phần thị trấn Cái Dầu theo Nghị quyết của Ủy ban Thường "
                 "vụ Quốc hội về sắp xếp đơn vị hành chính cấp xã năm 2025 ")
    long_name = (long_name * 2)[:250]
    commune = UnitFactory(kind=UnitKind.COMMUNE, name=long_name, code="xa-dai", parent=tree["district_a"])
    plan = build_plan(tree, people)
    Deadline.objects.filter(plan=plan, kind="nominations").update(
        to_unit=office, due_on=timezone.localdate() + datetime.timedelta(days=30))
    plan_services.plan_submit(actor=people["drafter"], plan=plan)
    plan = people["chain"].issue(plan)
    Notification.objects.all().delete()
    return {"plan": plan, "office": office, "reviewer": reviewer, "commune": commune,
            "quota": plan.quotas.get(per_parent=True)}


def test_a_250_character_unit_name_nominates_submits_and_is_assigned(long_named_unit, tree, people):
    officer, commune = people["officer_a"], long_named_unit["commune"]
    assert len(commune.name) == 250
    nomination = nomination_create(
        actor=officer, plan=long_named_unit["plan"], quota=long_named_unit["quota"],
        nominating_unit=tree["district_a"], kind="collective", nominee_unit=commune)
    nomination = dossier_complete(officer, nomination, achievements="Hoàn thành xuất sắc nhiệm vụ năm 2026.")
    lead = person_with_role(Role.REVIEWER, long_named_unit["office"], full_name="Trần Văn Hai")
    nomination_assign(actor=lead, nomination=nomination, reviewer=long_named_unit["reviewer"])
    assert nomination.state == "submitted"

    titles = list(Notification.objects.filter(recipient=long_named_unit["reviewer"]).order_by("id")
                  .values_list("title", flat=True))
    assert [len(title) for title in titles] == [255, 255]
    assert titles[0] == single_line(f"Hồ sơ đề nghị khen thưởng mới: {commune.name}", max_length=255)
    assert titles[0].startswith("Hồ sơ đề nghị khen thưởng mới: Ủy ban nhân dân xã Bình Mỹ thuộc huyện Châu Phú")
    assert titles[0].endswith("…")


def test_a_generated_title_never_exceeds_the_column(db):
    person = UserFactory()
    notification = services.notification_send(recipient=person, title="Hồ sơ " + "rất dài " * 60, email=False)
    notification.refresh_from_db()
    assert notification.title == "Hồ sơ " + "rất dài " * 30 + "rất dài…"
    assert len(notification.title) <= Notification._meta.get_field("title").max_length


# Item 10: bidi controls ------------------------------------------------------------------

def test_a_right_to_left_override_never_reaches_a_name(client, tree):
    client.force_login(person_with_role(Role.ADMINISTRATOR, tree["district_a"]))
    response = client.post(reverse("unit_edit", args=[tree["commune_a"].pk]), {
        "code": "xa-a1", "kind": UnitKind.COMMUNE, "name": f"Ủy ban nhân dân xã {RLO}ỹM hnìB",
        "header_name": "ỦY BAN NHÂN DÂN XÃ BÌNH MỸ", "parent_header_name": "", "abbreviation": "UBND",
        "place_name": "Bình Mỹ", "numbering_mode": "shared", "dissolved_on": "",
        "parent": tree["district_a"].pk})
    assert response.status_code == 302
    assert Unit.objects.get(pk=tree["commune_a"].pk).name == "Ủy ban nhân dân xã ỹM hnìB"


def test_a_right_to_left_override_never_reaches_an_email_subject(db):
    person = UserFactory(email="canbo@example.vn")
    notification = services.notification_send(recipient=person, title=f"Hồ sơ của Nguyễn Văn {RLO}fdp.exe")
    assert services.notification_email_send(notification_id=notification.pk) is True
    assert notification.title == "Hồ sơ của Nguyễn Văn fdp.exe"
    assert mail.outbox[0].subject == "[Thi đua] Hồ sơ của Nguyễn Văn fdp.exe"



def test_an_unreachable_mail_server_is_not_marked_and_the_sweep_still_returns(db, settings):
    """Transient: nothing is marked, the next sweep (or the task's retries) sends them."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                                    "OPTIONS": {"host": "127.0.0.1", "port": closed_port, "timeout": 5}}}
    waiting = [services.notification_send(recipient=UserFactory(), title="Nhắc hạn báo cáo") for _ in range(2)]
    age(*waiting)
    assert reminders.reminders_sweep() == {"reminders": 0, "summaries": 0, "emails": 0}
    assert list(Notification.objects.filter(pk__in=[n.pk for n in waiting]).values_list(
        "emailed_at", "email_failed_at")) == [(None, None), (None, None)]


class _ChoosySMTPHandler(socketserver.StreamRequestHandler):
    """Just enough SMTP: refuses some recipients for good (550) or for now (450),
    refuses a message for good (554) when its subject asks for it, keeps the rest."""

    def reply(self, line: str) -> None:
        self.wfile.write(f"{line}\r\n".encode())

    def handle(self) -> None:
        self.reply("220 thu-nghiem ESMTP")
        while line := self.rfile.readline().decode(errors="replace").strip():
            verb = line.split(" ", 1)[0].upper()
            if verb in {"EHLO", "HELO"}:
                self.reply("250 thu-nghiem")
            elif verb == "RCPT":
                address = line.split(":", 1)[1].strip("<> ")
                self.reply({"khong-ton-tai@example.vn": "550 no such user",
                            "hop-thu-day@example.vn": "450 mailbox busy"}.get(address, "250 OK"))
            elif verb == "DATA":
                self.reply("354 go on")
                message = b"".join(iter(lambda: self.rfile.readline(), b".\r\n"))
                if b"TU-CHOI" in message:
                    self.reply("554 content refused")
                else:
                    self.server.kept.append(message)
                    self.reply("250 kept")
            elif verb == "QUIT":
                self.reply("221 bye")
                return
            else:
                self.reply("250 OK")


@pytest.fixture
def choosy_mail_server(settings):
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _ChoosySMTPHandler)
    server.daemon_threads = True
    server.kept = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.smtp.EmailBackend", "OPTIONS": {
        "host": "127.0.0.1", "port": server.server_address[1], "timeout": 5, "use_tls": False}}}
    yield server
    server.shutdown()
    server.server_close()


def test_refusals_for_good_are_marked_refusals_for_now_wait_and_the_rest_go_out(db, choosy_mail_server):
    def send(email: str, title: str = "Nhắc hạn báo cáo") -> Notification:
        return services.notification_send(recipient=UserFactory(email=email), title=title)

    # Oldest first in the list; the catch-up meets the refused ones before the good one.
    good = send("canbo@example.vn")
    refused_message = send("lanh-dao@example.vn", title="TU-CHOI")
    unknown = send("khong-ton-tai@example.vn")
    busy = send("hop-thu-day@example.vn")
    age(good, refused_message, unknown, busy)

    assert reminders.notification_emails_catch_up() == 1
    assert len(choosy_mail_server.kept) == 1
    outcome = {n.recipient.email: (n.emailed_at is not None, n.email_failed_at is not None)
               for n in Notification.objects.select_related("recipient")}
    assert outcome == {"canbo@example.vn": (True, False), "lanh-dao@example.vn": (False, True),
                       "khong-ton-tai@example.vn": (False, True), "hop-thu-day@example.vn": (False, False)}


def test_a_nul_byte_in_the_path_of_a_public_page_is_not_found(client, db):
    """No login needed for these two: the code and the feed token come from the path."""
    assert client.get("/xac-minh/%00/").status_code == 404
    assert client.get("/ke-hoach/lich/%00.ics").status_code == 404


@pytest.mark.parametrize(("name", "params"), [
    ("plan_list", {"q": "²"}), ("plan_list", {"year": "²"}), ("register_list", {"year": "²"}),
    ("register_list", {"q": "99999999999999999999/KH"}), ("plan_list", {"q": "99999999999999999999"}),
])
def test_digits_that_are_not_ascii_are_ordinary_text(client, everyone, name, params):
    client.force_login(everyone)
    assert client.get(reverse(name), params).status_code == 200


def test_marking_read_ignores_ids_that_are_not_numbers(client, everyone):
    client.force_login(everyone)
    unread = Notification.objects.filter(recipient=everyone, read_at__isnull=True)
    before = unread.count()
    response = client.post(reverse("notification_read"), {"notification": ["²", "abc", "99999999999999999999"]})
    assert (response.status_code, unread.count()) == (302, before)
