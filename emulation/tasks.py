from celery import shared_task
from django.core.exceptions import ObjectDoesNotExist
from django.db import OperationalError

from emulation import idempotency, services
from emulation.documents import issue


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


@shared_task(acks_late=True, autoretry_for=(Exception,), dont_autoretry_for=(ObjectDoesNotExist,),
             retry_backoff=10, retry_backoff_max=600, max_retries=6)
def official_document_prepare_task(document_id: int) -> str:
    """Idempotent: a document already prepared is left as it is. A failed
    render is written on the document (its page shows it) and retried."""
    return issue.official_document_prepare(document_id=document_id).state


@shared_task(acks_late=True, autoretry_for=(OperationalError,), retry_backoff=30, max_retries=3)
def official_documents_resume() -> int:
    """Periodic; safe to run twice: asks again for documents whose PDF was
    never prepared (the broker was down when they were issued, or a worker died)."""
    waiting = issue.official_documents_waiting()
    for document_id in waiting:
        official_document_prepare_task.delay(document_id)
    return len(waiting)


@shared_task(acks_late=True, autoretry_for=(Exception,), dont_autoretry_for=(ObjectDoesNotExist,),
             retry_backoff=10, retry_backoff_max=600, max_retries=6)
def signing_prepare_task(signing_id: int) -> str:
    """Idempotent: renders the file handed to the signer once."""
    from emulation.documents import workflow  # noqa: PLC0415 — pyHanko and WeasyPrint load only in the worker

    return workflow.signing_prepare(signing_id=signing_id).stage


@shared_task(bind=True, acks_late=True, autoretry_for=(Exception,), dont_autoretry_for=(ObjectDoesNotExist,),
             retry_backoff=5, retry_backoff_max=60, max_retries=20)
def remote_signing_poll_task(self, remote_id: int) -> str:
    """Idempotent; asks the provider until the person decides or the request
    expires, then finishes the file once (a retry after a crash finishes the
    stored preparation again and stores it only if nobody did)."""
    from emulation.documents import workflow  # noqa: PLC0415 — pyHanko loads only in the worker
    from emulation.models import RemoteSigningState  # noqa: PLC0415 — models load after the app registry

    remote = workflow.remote_signing_poll(remote_id=remote_id)
    if remote.state == RemoteSigningState.PENDING:
        self.apply_async(args=[remote_id], countdown=workflow.REMOTE_POLL_SECONDS)
    return remote.state
