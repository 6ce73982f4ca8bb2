"""Request hygiene that every page needs before any view reads the request."""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse


class RejectNulMiddleware:
    """R-X-2: a NUL character in the address (path or query string, after decoding) answers
    400. No name, number or search term holds one, and PostgreSQL refuses it in any text
    column, so a view that passes it to a query (ours or a library's: allauth's provider
    pages take the provider id from the path) would otherwise answer 500. Form fields refuse
    it on their own (Django's ProhibitNullCharactersValidator)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path_info or any(
                "\x00" in key or any("\x00" in value for value in values)
                for key, values in request.GET.lists()):
            raise BadRequest("NUL character in the address")
        return self.get_response(request)
