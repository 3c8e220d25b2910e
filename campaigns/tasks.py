from celery import shared_task

from campaigns import obligations


@shared_task(acks_late=True)
def reminders_sweep() -> dict:
    """Safe to run twice or on two workers at once: every reminder is claimed
    by a unique row before it is sent."""
    return obligations.reminders_sweep()
