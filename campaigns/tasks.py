from celery import shared_task

from campaigns.services import reminders


@shared_task(acks_late=True)
def reminders_sweep() -> dict:
    """Safe to run twice or on two workers at once: every reminder is claimed
    by a unique row before it is sent."""
    return reminders.reminders_sweep()
