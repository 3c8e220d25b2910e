from celery import shared_task
from django.db import OperationalError

from emulation import services


@shared_task(acks_late=True, autoretry_for=(OSError, OperationalError), retry_backoff=30, max_retries=8)
def notification_email_deliver(notification_id: int) -> bool:
    """Idempotent: a notification's email goes out at most once."""
    return services.notification_email_send(notification_id=notification_id)
