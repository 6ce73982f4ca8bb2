"""Reads of webhooks for the active organisation, scoped in SQL (R-HOOK-1, R-ROLE-14):
another organisation's endpoint or delivery answers 404, as one that does not exist. The
delivery log costs the same number of queries at 1 and at 50 rows (R-X-3)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from contacts.models import Organisation

from .models import Delivery, Endpoint


def endpoints_of(organisation: Organisation) -> QuerySet[Endpoint]:
    """The organisation's endpoints, enabled ones first, newest first."""
    return Endpoint.objects.filter(organisation=organisation).order_by("-enabled",
                                                                       "-created_at", "-pk")


def get_endpoint_for(organisation: Organisation, pk: object) -> Endpoint:
    """One of ``endpoints_of``; 404 for anything else, also another organisation's."""
    try:
        return endpoints_of(organisation).get(pk=int(pk))  # type: ignore[call-overload]
    except (TypeError, ValueError, OverflowError, Endpoint.DoesNotExist):
        raise Http404 from None


def deliveries_of(endpoint: Endpoint) -> QuerySet[Delivery]:
    """The endpoint's delivery log with each delivery's event, newest first."""
    return (Delivery.objects.filter(endpoint=endpoint).select_related("event")
            .order_by("-created_at", "-pk"))


def get_delivery_for(endpoint: Endpoint, pk: object) -> Delivery:
    """A delivery of ``endpoint`` (itself already the organisation's); 404 for any other."""
    try:
        return deliveries_of(endpoint).select_related("endpoint").get(
            pk=int(pk))  # type: ignore[call-overload]
    except (TypeError, ValueError, OverflowError, Delivery.DoesNotExist):
        raise Http404 from None
