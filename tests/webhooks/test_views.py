"""The webhook pages of administrators (R-HOOK-1, R-ROLE-14, R-X-2, R-X-3): the endpoints,
registering one (its secret shown once), changing, rotating, disabling, the delivery log and
sending a delivery again; another organisation's endpoint or delivery is 404."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone

from webhooks.events import emit
from webhooks.models import Delivery, DeliveryStatus, Endpoint, EventType
from tests.conftest import client_for
from tests.queries import queries_of
from tests.webhooks.factories import make_endpoint

pytestmark = pytest.mark.django_db

PUBLIC_URL = "https://93.184.215.14/hooks/portal"


def _delivery(cast, endpoint, status=DeliveryStatus.DELIVERED, **fields) -> Delivery:
    event = emit(cast.organisation, EventType.CONTACT_CHANGED, {"change": "updated"})
    delivery = Delivery.objects.get(event=event, endpoint=endpoint)
    Delivery.objects.filter(pk=delivery.pk).update(status=status, attempts=1,
                                                   response_code=200, **fields)
    return delivery


@pytest.mark.parametrize("url", ["/webhooks/", "/webhooks/new/"])
def test_it_requires_login(client, cast, url):
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize(("who", "status"), [
    ("administrator", 200), ("employee", 403), ("submitter", 403), ("viewer", 403),
    ("no_role", 403), ("expert", 403), ("other_administrator", 404), ("partner", 404),
])
def test_only_the_organisations_administrators_see_an_endpoint__R_HOOK_1_R_ROLE_14(
        cast, who, status):
    endpoint = make_endpoint(cast.organisation)
    assert client_for(getattr(cast, who).user).get(
        f"/webhooks/{endpoint.pk}/").status_code == status


def test_it_hides_other_organisation__R_HOOK_1_R_ROLE_14(cast):
    theirs = make_endpoint(cast.other_organisation, "https://theirs.example.net/hook")
    their_delivery = Delivery.objects.get(
        event=emit(cast.other_organisation, EventType.CONTACT_CHANGED, {"change": "x"}))
    Delivery.objects.filter(pk=their_delivery.pk).update(status=DeliveryStatus.DELIVERED)
    ours = make_endpoint(cast.organisation)
    client = client_for(cast.administrator.user)
    for url in (f"/webhooks/{theirs.pk}/", f"/webhooks/{theirs.pk}/edit/",
                f"/webhooks/{theirs.pk}/rotate/", "/webhooks/99999999/",
                "/webhooks/99999999999999999999/"):
        assert client.get(url).status_code == 404, url
    for url in (f"/webhooks/{theirs.pk}/enabled/", f"/webhooks/{theirs.pk}/rotate/",
                f"/webhooks/{theirs.pk}/edit/",
                f"/webhooks/{theirs.pk}/deliveries/{their_delivery.pk}/resend/",
                # Their delivery through our endpoint's address: still not found.
                f"/webhooks/{ours.pk}/deliveries/{their_delivery.pk}/resend/"):
        assert client.post(url, {"enabled": "0", "url": PUBLIC_URL,
                                 "events": ["contact.changed"]}).status_code == 404, url
    theirs.refresh_from_db()
    assert theirs.enabled and theirs.url == "https://theirs.example.net/hook"
    assert Delivery.objects.filter(endpoint=theirs).count() == 1
    assert "theirs.example.net" not in client.get("/webhooks/").content.decode()


def test_registering_shows_the_secret_once__R_HOOK_1(cast):
    client = client_for(cast.administrator.user)
    response = client.post("/webhooks/new/", {
        "url": PUBLIC_URL, "description": "Ons ticketsysteem",
        "events": ["incident.created", "contact.changed"],
        # A field the form does not show is ignored.
        "organisation": cast.other_organisation.pk, "secret": "whsec_mine"})
    endpoint = Endpoint.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/webhooks/{endpoint.pk}/"
    assert endpoint.organisation == cast.organisation and endpoint.created_by == cast.administrator
    assert endpoint.events == ["incident.created", "contact.changed"]
    assert endpoint.secret.startswith("whsec_") and endpoint.secret != "whsec_mine"
    first = client.get(response["Location"]).content.decode()
    assert endpoint.secret in first and 'data-testid="secret-value"' in first
    again = client.get(response["Location"]).content.decode()
    assert endpoint.secret not in again and 'data-testid="secret"' not in again


@pytest.mark.parametrize(("url", "message"), [
    ("https://10.0.0.1/hook", "public internet"),
    ("https://127.0.0.1/hook", "public internet"),
    ("https://169.254.169.254/latest/", "public internet"),
    ("http://93.184.215.14/hook", "https"),
    ("geen adres", "URL"),
])
def test_a_refused_address_keeps_what_was_typed__R_HOOK_1_R_X_2(cast, english, url, message):
    client = client_for(cast.administrator.user)
    response = client.post("/webhooks/new/", {"url": url, "description": "Mijn systeem",
                                              "events": ["contact.changed"]})
    html = response.content.decode()
    assert response.status_code == 200 and message in html
    assert "Mijn systeem" in html
    assert re.search(r'value="contact\.changed"[^>]*checked', html)
    assert not Endpoint.objects.exists()


def test_no_event_chosen_is_a_clear_error__R_X_2(cast, english):
    response = client_for(cast.administrator.user).post("/webhooks/new/", {"url": PUBLIC_URL})
    assert response.status_code == 200 and "Choose at least one event" in response.content.decode()


def test_changing_an_endpoint__R_HOOK_1(cast):
    endpoint = make_endpoint(cast.organisation)
    client = client_for(cast.administrator.user)
    assert client.get(f"/webhooks/{endpoint.pk}/edit/").status_code == 200
    response = client.post(f"/webhooks/{endpoint.pk}/edit/", {
        "url": PUBLIC_URL, "events": ["incident.staff_replied"], "secret": "whsec_x",
        "enabled": "0"})
    assert response.status_code == 302
    endpoint.refresh_from_db()
    assert endpoint.url == PUBLIC_URL and endpoint.events == ["incident.staff_replied"]
    assert endpoint.secret != "whsec_x" and endpoint.enabled


def test_rotating_shows_the_new_secret_once_and_keeps_the_old_one_signing__R_HOOK_1(cast):
    endpoint = make_endpoint(cast.organisation)
    old = endpoint.secret
    client = client_for(cast.administrator.user)
    assert 'data-testid="confirm-rotate"' in client.get(
        f"/webhooks/{endpoint.pk}/rotate/").content.decode()
    response = client.post(f"/webhooks/{endpoint.pk}/rotate/")
    endpoint.refresh_from_db()
    assert endpoint.previous_secret == old and endpoint.secret != old
    assert endpoint.signing_secrets(timezone.now()) == [endpoint.secret, old]
    page = client.get(response["Location"]).content.decode()
    assert endpoint.secret in page and old not in page


def test_disabling_cancels_what_waits_and_enabling_again__R_HOOK_1(cast):
    endpoint = make_endpoint(cast.organisation)
    waiting = _delivery(cast, endpoint, status=DeliveryStatus.PENDING)
    client = client_for(cast.administrator.user)
    assert client.get(f"/webhooks/{endpoint.pk}/enabled/").status_code == 405
    client.post(f"/webhooks/{endpoint.pk}/enabled/", {"enabled": "0"})
    endpoint.refresh_from_db()
    waiting.refresh_from_db()
    assert not endpoint.enabled and waiting.status == DeliveryStatus.CANCELLED
    client.post(f"/webhooks/{endpoint.pk}/enabled/", {"enabled": "1"})
    endpoint.refresh_from_db()
    assert endpoint.enabled and endpoint.disabled_at is None


def test_resending_makes_a_new_delivery_of_the_same_event__R_HOOK_1(cast):
    endpoint = make_endpoint(cast.organisation)
    delivered = _delivery(cast, endpoint)
    client = client_for(cast.administrator.user)
    response = client.post(f"/webhooks/{endpoint.pk}/deliveries/{delivered.pk}/resend/")
    assert response.status_code == 302
    again = Delivery.objects.exclude(pk=delivered.pk).get()
    assert again.event_id == delivered.event_id and again.status == DeliveryStatus.PENDING
    assert again.resent_from == delivered
    # Twice while the first resend waits: refused, nothing new.
    client.post(f"/webhooks/{endpoint.pk}/deliveries/{delivered.pk}/resend/")
    assert Delivery.objects.count() == 2
    # Not to a disabled endpoint.
    Endpoint.objects.filter(pk=endpoint.pk).update(enabled=False)
    Delivery.objects.filter(pk=again.pk).update(status=DeliveryStatus.CANCELLED)
    client.post(f"/webhooks/{endpoint.pk}/deliveries/{delivered.pk}/resend/")
    assert Delivery.objects.count() == 2


def test_the_log_shows_status_code_attempts_and_next_attempt__R_HOOK_1(cast):
    endpoint = make_endpoint(cast.organisation)
    _delivery(cast, endpoint, status=DeliveryStatus.PENDING, last_error="HTTP 500")
    html = client_for(cast.administrator.user).get(f"/webhooks/{endpoint.pk}/").content.decode()
    assert 'data-testid="delivery" data-status="pending"' in html
    assert "HTTP 500" in html and 'data-testid="response-code">200<' in html


def test_the_delivery_log_costs_the_same_queries_at_1_and_50_rows__R_HOOK_1_R_X_3(cast):
    endpoint = make_endpoint(cast.organisation)
    client = client_for(cast.administrator.user)
    url = f"/webhooks/{endpoint.pk}/"
    _delivery(cast, endpoint)
    client.get(url)
    one = queries_of(client, url)
    for _ in range(49):
        _delivery(cast, endpoint)
    assert len(re.findall('data-testid="delivery"', client.get(url).content.decode())) == 25
    assert queries_of(client, url) == one
    assert queries_of(client, url, {"page": "2"}) == one


def test_the_endpoint_list_costs_the_same_queries_at_1_and_50_rows__R_X_3(cast):
    client = client_for(cast.administrator.user)
    make_endpoint(cast.organisation)
    client.get("/webhooks/")
    one = queries_of(client, "/webhooks/")
    for number in range(49):
        make_endpoint(cast.organisation, f"https://hooks.example.com/{number}")
    assert queries_of(client, "/webhooks/") == one


def test_administrators_find_the_page_in_the_navigation__R_HOOK_1(cast):
    html = client_for(cast.administrator.user).get("/").content.decode()
    assert 'href="/webhooks/"' in html
    assert 'href="/webhooks/"' not in client_for(cast.employee.user).get("/").content.decode()
