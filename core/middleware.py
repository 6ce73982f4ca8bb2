"""Request hygiene that every page needs before any view reads the request."""

from __future__ import annotations

from collections.abc import Callable

from django.http import Http404, HttpRequest, HttpResponse


class NulPathMiddleware:
    """R-X-2: an address whose path holds a NUL character names nothing: 404, as the portal
    answers any other malformed number or name in a path. PostgreSQL refuses NUL in a text
    column, so a view that passes a path part to a query (allauth's provider pages take the
    provider id from the path) would otherwise answer 500. The query string is left to the
    views, which answer a NUL in a search with their usual message."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path_info:
            raise Http404("NUL character in the path")
        return self.get_response(request)
