"""One result per sending of a form that creates something.

Each create form carries a one-time key (``{% submission_token %}``). The view,
wrapped in ``@submitted_once``, claims the key for the person in the same
transaction as the work it does, and keeps where it sent them. A second copy
of that sending — a double click, a resent POST after a reload — finds the
key taken and goes where the first went, without running the view again.

The claim and the work commit together, so there is no half state to clean
up after a crash: a copy that arrives while the first is still running waits
for it on the key's unique index (at most ``SUBMISSION_WAIT_SECONDS``), then
follows it, or — if the first failed and rolled back — runs itself.

Forms without the key (opened before it existed) are processed as before.
"""

import datetime
import re
import secrets
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.db import IntegrityError, OperationalError, connection, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from emulation.files import files_discarded_on_error
from emulation.models import SubmissionToken

FIELD_NAME = "submission_token"
KEY_PATTERN = re.compile(r"[A-Za-z0-9_-]{16,64}")
# Long enough to catch a resend after "back" and a reload the same working day.
KEPT_FOR = datetime.timedelta(days=1)


def submission_key_new() -> str:
    return secrets.token_urlsafe(24)


def _wait_seconds() -> float:
    return float(getattr(settings, "SUBMISSION_WAIT_SECONDS", 10))


def _claim(*, user, key: str) -> SubmissionToken | None:
    """The new claim, or None when this person already sent this key.

    Raises OperationalError when another request holds the key for longer than
    the wait allows.
    """
    with transaction.atomic():
        previous_timeout = None
        if connection.vendor == "postgresql":
            # A duplicate key waits for the transaction holding it; bound that wait
            # for this statement only, not for the view's own queries.
            with connection.cursor() as cursor:
                cursor.execute("SELECT current_setting('lock_timeout'), set_config('lock_timeout', %s, true)",
                               [f"{int(_wait_seconds() * 1000)}ms"])
                previous_timeout = cursor.fetchone()[0]
        try:
            with transaction.atomic():
                token = SubmissionToken.objects.create(user=user, key=key)
        except IntegrityError:
            token = None
        if previous_timeout is not None:
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config('lock_timeout', %s, true)", [previous_timeout])
        return token


def _is_redirect(response: HttpResponse) -> bool:
    return 300 <= response.status_code < 400 and response.has_header("Location")


def _back_url(request: HttpRequest) -> str:
    referer = request.headers.get("Referer", "")
    if url_has_allowed_host_and_scheme(referer, allowed_hosts={request.get_host()},
                                       require_https=request.is_secure()):
        return referer
    return "/"


def _still_running(request: HttpRequest) -> HttpResponse:
    return render(request, "emulation/submission_pending.html", {"back": _back_url(request)}, status=409)


def submitted_once(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Run a create view at most once per form key and person; copies follow the first's redirect."""

    @wraps(view)
    def guarded(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        key = request.POST.get(FIELD_NAME) if request.method == "POST" else None
        if key is None or not request.user.is_authenticated:
            return view(request, *args, **kwargs)
        if not KEY_PATTERN.fullmatch(key):
            return HttpResponseBadRequest(_("Biểu mẫu không hợp lệ. Hãy tải lại trang rồi gửi lại."))
        view_ran = False
        try:
            # The view's commit is now this block's: files its services stored
            # must go again if that commit fails (emulation.files).
            with files_discarded_on_error(), transaction.atomic():
                token = _claim(user=request.user, key=key)
                if token is None:
                    first = SubmissionToken.objects.get(user=request.user, key=key)
                    messages.info(request, _("Biểu mẫu này đã được gửi trước đó; hệ thống không tạo thêm bản "
                                             "thứ hai."))
                    return HttpResponseRedirect(first.result_url)
                view_ran = True
                response = view(request, *args, **kwargs)
                if _is_redirect(response):
                    token.result_url = response["Location"][:500]
                    token.save(update_fields=["result_url"])
                else:
                    # Shown again to be corrected: the person may send this key again.
                    token.delete()
        except OperationalError:
            # Before the view: the first copy still holds the key (or, on SQLite, the write lock).
            if view_ran:
                raise
            return _still_running(request)
        return response

    return guarded


def submission_tokens_purge(*, now: datetime.datetime | None = None) -> int:
    """Forget sendings older than ``KEPT_FOR``; returns how many."""
    cutoff = (now or timezone.now()) - KEPT_FOR
    return SubmissionToken.objects.filter(created_at__lt=cutoff).delete()[0]
