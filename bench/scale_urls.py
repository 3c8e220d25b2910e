"""The app's URLs plus the floor: a bare authenticated view through the same
middleware, which bench/scale.py measures in the same run as every page."""

from django.http import HttpRequest, HttpResponse
from django.urls import include, path

from emulation.urls import handler403, handler404, handler500  # noqa: F401 — the root URLconf must name them


def floor(request: HttpRequest) -> HttpResponse:
    return HttpResponse(f"{request.user.pk}", content_type="text/plain")


urlpatterns = [
    path("bench/floor/", floor, name="bench_floor"),
    path("", include("emulation.urls")),
]
