from celery import shared_task
from django.db import OperationalError

from emulation import idempotency, services


@shared_task(acks_late=True, autoretry_for=(OSError, OperationalError), retry_backoff=30, max_retries=8)
def notification_email_deliver(notification_id: int) -> bool:
    """Idempotent: a notification's email goes out at most once. An email that
    can never go out is marked by the service and not raised; an unreachable mail
    server or database is raised and retried here, then caught up by the sweep."""
    return services.notification_email_send(notification_id=notification_id)


@shared_task(acks_late=True, autoretry_for=(OperationalError,), retry_backoff=30, max_retries=3)
def submission_tokens_purge() -> int:
    """Periodic; safe to run twice: forgets form sendings older than a day."""
    return idempotency.submission_tokens_purge()
