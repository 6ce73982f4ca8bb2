"""The portal's URLs plus ``/bench/hello/``: a Django view that answers "Hello" with no
template, query or session (the ceiling every page is compared with). Bench only."""

from django.http import HttpRequest, HttpResponse
from django.urls import include, path

from portal.urls import handler403, handler404, handler500  # noqa: F401

HELLO = "/bench/hello/"


def hello(request: HttpRequest) -> HttpResponse:
    return HttpResponse(b"Hello", content_type="text/plain")


urlpatterns = [
    path(HELLO.strip("/") + "/", hello),
    path("", include("portal.urls")),
]
