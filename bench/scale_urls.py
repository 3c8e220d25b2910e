"""The app's URLs plus the floor: a bare authenticated view through the same
middleware, which bench/scale.py measures in the same run as every page; and,
for reference, the site's layout (base.html, its navigation and nothing in it),
what every page costs before it shows anything."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import include, path

from emulation.urls import handler403, handler404, handler500  # noqa: F401 — the root URLconf must name them


def floor(request: HttpRequest) -> HttpResponse:
    return HttpResponse(f"{request.user.pk}", content_type="text/plain")


def layout(request: HttpRequest) -> HttpResponse:
    return render(request, "base.html")


urlpatterns = [
    path("bench/floor/", floor, name="bench_floor"),
    path("bench/layout/", layout, name="bench_layout"),
    path("", include("emulation.urls")),
]
