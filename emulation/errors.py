"""Vietnamese error pages. They render without the navigation's queries so
that they work even when the database is the thing that failed."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse, HttpResponseForbidden, HttpResponseNotFound, HttpResponseServerError
from django.template import loader


class ExplainedError(Exception):
    """A failure told twice: ``message`` for the person (Vietnamese, shown as
    it is) and ``detail`` for the log (English, no secrets)."""

    default_message = ""

    def __init__(self, message: str | None = None, *, detail: str = ""):
        self.message = str(message or self.default_message)
        self.detail = detail
        super().__init__(self.message)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(detail={self.detail!r})"


@login_not_required
def permission_denied(request, exception=None):
    message = str(exception) if exception and str(exception) else ""
    return HttpResponseForbidden(loader.render_to_string("403.html", {"message": message}, request))


@login_not_required
def page_not_found(request, exception=None):
    return HttpResponseNotFound(loader.render_to_string("404.html", {}, request))


@login_not_required
def server_error(request):
    return HttpResponseServerError(loader.get_template("500.html").render({}))


@login_not_required
def too_many_requests(request, exception=None, reason: str = "verify"):
    """django-ratelimit's refusal (RATELIMIT_VIEW), and the login's."""
    return HttpResponse(loader.render_to_string("429.html", {"reason": reason}, request), status=429)
