import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.core import mail
from django.urls import reverse

from emulation import services
from emulation.celery import app as celery_app
from emulation.models import Notification
from tests.factories import UserFactory


def test_notification_email_is_enqueued_only_after_commit(db, django_capture_on_commit_callbacks, monkeypatch):
    sent = []
    monkeypatch.setattr("emulation.tasks.notification_email_deliver.delay", lambda pk: sent.append(pk))
    person = UserFactory(email="canbo@example.vn")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notification = services.notification_send(recipient=person, title="Kế hoạch mới cần triển khai")
    assert sent == []
    assert len(callbacks) == 1
    callbacks[0]()
    assert sent == [notification.pk]


def test_people_who_turned_email_off_get_only_the_in_app_notice(db, django_capture_on_commit_callbacks):
    person = UserFactory(email="canbo@example.vn", email_notifications=False)
    with django_capture_on_commit_callbacks() as callbacks:
        notification = services.notification_send(recipient=person, title="Nhắc hạn báo cáo")
    assert callbacks == []
    assert notification.email_wanted is False
    assert Notification.objects.filter(recipient=person).count() == 1


def test_email_goes_out_once_even_when_the_task_runs_twice(db):
    person = UserFactory(email="canbo@example.vn", full_name="Lê Văn Tâm")
    notification = services.notification_send(recipient=person, title="Hồ sơ bị trả lại", url="/thong-bao/")
    assert services.notification_email_send(notification_id=notification.pk) is True
    assert services.notification_email_send(notification_id=notification.pk) is False
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "[Thi đua] Hồ sơ bị trả lại"
    assert "Kính gửi Lê Văn Tâm" in message.body
    assert "http://testserver/thong-bao/" in message.body
    assert message.alternatives[0].mimetype == "text/html"


@pytest.mark.worker
@pytest.mark.usefixtures("empty_broker")
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_delivers_the_notification_email():
    """Through the configured broker (Redis in CI) to a real worker thread."""
    person = UserFactory(email="canbo@example.vn")
    with start_worker(celery_app, perform_ping_check=False, loglevel="WARNING", shutdown_timeout=30):
        notification = services.notification_send(recipient=person, title="Kế hoạch số 169/KH-UBND đã ban hành")
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            notification.refresh_from_db()
            if notification.emailed_at is not None:
                break
            time.sleep(0.2)
    assert notification.emailed_at is not None
    assert [message.subject for message in mail.outbox] == ["[Thi đua] Kế hoạch số 169/KH-UBND đã ban hành"]
    assert mail.outbox[0].to == ["canbo@example.vn"]


def test_inbox_lists_only_my_notifications_and_marks_them_read(client, db):
    me, other = UserFactory(), UserFactory()
    mine = services.notification_send(recipient=me, title="Của tôi", email=False)
    services.notification_send(recipient=other, title="Của người khác", email=False)
    client.force_login(me)
    body = client.get(reverse("notification_inbox")).content.decode()
    assert "Của tôi" in body and "Của người khác" not in body
    client.post(reverse("notification_read"), {"notification": str(mine.pk)})
    mine.refresh_from_db()
    assert mine.read_at is not None
    other_notice = Notification.objects.get(recipient=other)
    client.post(reverse("notification_read"), {"notification": str(other_notice.pk)})
    other_notice.refresh_from_db()
    assert other_notice.read_at is None
