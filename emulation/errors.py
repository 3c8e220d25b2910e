"""Vietnamese error pages. They render without the navigation's queries so
that they work even when the database is the thing that failed."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse, HttpResponseForbidden, HttpResponseNotFound, HttpResponseServerError
from django.template import loader


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
