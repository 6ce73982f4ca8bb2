"""Webhooks in the admin (R-HOOK-1): Support sees endpoints (never their secrets), events and
deliveries with their attempts; disabling an endpoint goes through ``require_staff``."""

from __future__ import annotations

import pytest

from accounts.permissions import StaffDenied
from webhooks.actions import disable_endpoint_as_staff
from webhooks.events import emit
from webhooks.models import DisabledReason, EventType
from tests.conftest import client_for
from tests.factories import staff_member
from tests.webhooks.factories import make_endpoint

pytestmark = pytest.mark.django_db


def test_support_sees_endpoints_and_deliveries_but_no_secret__R_HOOK_1(cast):
    endpoint = make_endpoint(cast.organisation)
    event = emit(cast.organisation, EventType.CONTACT_CHANGED, {"change": "updated"})
    client = client_for(staff_member("Support"))
    for url in ("/admin/webhooks/endpoint/", f"/admin/webhooks/endpoint/{endpoint.pk}/change/",
                "/admin/webhooks/delivery/", "/admin/webhooks/event/",
                f"/admin/webhooks/event/{event.pk}/change/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert endpoint.secret not in response.content.decode()
    assert client.get("/admin/webhooks/endpoint/add/").status_code == 403


def test_support_disables_an_endpoint_from_the_admin__R_HOOK_1(cast):
    endpoint = make_endpoint(cast.organisation)
    client = client_for(staff_member("Support"))
    client.post("/admin/webhooks/endpoint/", {"action": "disable",
                                              "_selected_action": [endpoint.pk]})
    endpoint.refresh_from_db()
    assert not endpoint.enabled and endpoint.disabled_reason == DisabledReason.SUPPORT


def test_staff_without_the_permission_cannot_disable__R_HOOK_1(cast):
    endpoint = make_endpoint(cast.organisation)
    with pytest.raises(StaffDenied):
        disable_endpoint_as_staff(actor=staff_member("Customer Care"), endpoint=endpoint)
    endpoint.refresh_from_db()
    assert endpoint.enabled
