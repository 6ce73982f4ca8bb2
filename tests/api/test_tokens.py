"""Personal access tokens (R-API-1): made on /profile/ (name, expiry at most a year ahead),
shown once, stored hashed, revocable, last use shown; forged, expired, revoked tokens and
tokens of people who left answer 401; creation and revocation are audited."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from api.actions import (
    LAST_USED_RESOLUTION, TokenError, create_staff_token, create_token, revoke_token,
)
from api.models import AccessToken
from contacts.actions import remove_contact, set_contact_active
from contacts.models import Contact
from tests.api.factories import api_client, make_token
from tests.conftest import client_for
from tests.factories import staff_member

pytestmark = pytest.mark.django_db

ME = "/api/v1/me/"


@pytest.fixture(autouse=True)
def english(cast):
    Contact.objects.update(language="en")


def _in_days(days: int) -> str:
    return (timezone.localdate() + dt.timedelta(days=days)).isoformat()


def test_a_token_made_on_the_profile_is_shown_once__R_API_1(cast):
    client = client_for(cast.employee.user)
    response = client.post("/profile/tokens/", {"name": "Monitoring", "expires_on": _in_days(30)})
    assert response.status_code == 302 and response["Location"] == "/profile/#api-tokens"
    page = client.get("/profile/")
    shown = page.context["new_token"]["value"]
    assert shown.startswith("kp_") and shown in page.content.decode()
    assert "Copy it now" in page.content.decode()
    again = client.get("/profile/")
    assert again.context["new_token"] is None and shown not in again.content.decode()
    assert api_client(shown).get(ME).json()["email"] == cast.employee.user.email


def test_the_token_is_stored_hashed__R_API_1(cast):
    new = make_token(cast.employee)
    _kp, prefix, secret = new.plaintext.split("_", 2)
    row = AccessToken.objects.get(pk=new.token.pk)
    assert row.prefix == prefix
    assert row.secret_hash == hashlib.sha256(secret.encode()).hexdigest()
    stored = " ".join(str(value) for value in AccessToken.objects.values().get().values())
    assert secret not in stored
    log = " ".join(str(entry.changes) for entry in LogEntry.objects.all())
    assert secret not in log and row.secret_hash not in log


def test_the_profile_lists_tokens_with_last_use_and_expiry__R_API_1(cast):
    new = make_token(cast.employee, name="Rapportage")
    api_client(new.plaintext).get(ME)
    page = client_for(cast.employee.user).get("/profile/")
    body = page.content.decode()
    assert "Rapportage" in body and f"kp_{new.token.prefix}_" in body
    assert page.context["tokens"][0].last_used_at is not None
    assert "Never" not in body


@pytest.mark.parametrize("days,message", [
    (366, "at most one year"), (0, "after today"), (-3, "after today")])
def test_expiry_is_required_and_at_most_a_year__R_API_1(cast, days, message):
    client = client_for(cast.employee.user)
    response = client.post("/profile/tokens/", {"name": "Lang", "expires_on": _in_days(days)})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert 'value="Lang"' in response.content.decode()  # what was typed is kept
    assert not AccessToken.objects.exists()


def test_no_expiry_is_refused__R_API_1(cast):
    response = client_for(cast.employee.user).post("/profile/tokens/", {"name": "Zonder"})
    assert response.status_code == 400 and not AccessToken.objects.exists()


def test_the_action_refuses_more_than_a_year_too__R_API_1(cast):
    with pytest.raises(TokenError):
        create_token(contact=cast.employee, name="x",
                     expires_on=timezone.localdate() + dt.timedelta(days=366))
    token = create_token(contact=cast.employee, name="x",
                         expires_on=timezone.localdate() + dt.timedelta(days=365)).token
    assert token.expires_at - token.created_at <= dt.timedelta(days=366)


def test_a_revoked_token_answers_401__R_API_1(cast):
    new = make_token(cast.employee)
    client = client_for(cast.employee.user)
    assert client.post(f"/profile/tokens/{new.token.pk}/revoke/").status_code == 302
    response = api_client(new.plaintext).get(ME)
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert AccessToken.objects.get().revoked_at is not None


def test_nobody_revokes_another_persons_token__R_API_1(cast):
    new = make_token(cast.employee)
    response = client_for(cast.administrator.user).post(f"/profile/tokens/{new.token.pk}/revoke/")
    assert response.status_code == 404
    assert api_client(new.plaintext).get(ME).status_code == 200


def test_an_expired_token_answers_401__R_API_1(cast):
    new = make_token(cast.employee, now=timezone.now() - dt.timedelta(days=40), days=30)
    assert api_client(new.plaintext).get(ME).status_code == 401


@pytest.mark.parametrize("presented", [
    "kp_000000000000_" + "a" * 43,  # a prefix nobody has
    "not-a-token",
    "kp_short",
    "",
])
def test_forged_tokens_answer_401__R_API_1(cast, presented):
    make_token(cast.employee)
    response = api_client(presented).get(ME) if presented else api_client().get(
        ME, HTTP_AUTHORIZATION="Bearer")
    assert response.status_code == 401
    assert response.json()["status"] == 401


def test_the_right_prefix_with_a_wrong_secret_answers_401__R_API_1(cast):
    new = make_token(cast.employee)
    forged = new.plaintext[:-4] + ("AAAA" if not new.plaintext.endswith("AAAA") else "BBBB")
    assert api_client(forged).get(ME).status_code == 401


def test_a_deactivated_contact_or_login_answers_401__R_API_1(cast):
    new = make_token(cast.employee)
    set_contact_active(actor=cast.administrator, contact=cast.employee, active=False)
    assert api_client(new.plaintext).get(ME).status_code == 401
    set_contact_active(actor=cast.administrator, contact=cast.employee, active=True)
    assert api_client(new.plaintext).get(ME).status_code == 200
    cast.employee.user.is_active = False
    cast.employee.user.save()
    assert api_client(new.plaintext).get(ME).status_code == 401


def test_an_ex_contact_answers_401__R_API_1(cast):
    new = make_token(cast.employee)
    remove_contact(actor=cast.administrator, contact=cast.employee)
    assert api_client(new.plaintext).get(ME).status_code == 401


def test_the_token_acts_in_the_organisation_chosen_at_creation__R_API_1(cast):
    """A person with two organisations: the token works in the one it was made for."""
    from tests.factories import make_contact

    second = make_contact(cast.other_organisation, user=cast.employee.user)
    new = make_token(second)
    assert api_client(new.plaintext).get(ME).json()["organisation"] == "Andere BV"


def test_last_used_is_written_at_most_once_a_minute__R_API_1(cast, django_assert_num_queries):
    new = make_token(cast.employee)
    client = api_client(new.plaintext)
    client.get(ME)
    first = AccessToken.objects.get().last_used_at
    assert first is not None
    client.get(ME)
    assert AccessToken.objects.get().last_used_at == first  # no second write
    AccessToken.objects.update(last_used_at=first - LAST_USED_RESOLUTION)
    client.get(ME)
    assert AccessToken.objects.get().last_used_at > first


def test_creation_and_revocation_are_audited__R_API_1(cast):
    new = create_token(contact=cast.employee, name="Audit",
                       expires_on=timezone.localdate() + dt.timedelta(days=10))
    revoke_token(user=cast.employee.user, token=new.token)
    entries = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(AccessToken),
        object_pk=str(new.token.pk)).order_by("pk")
    assert [entry.action for entry in entries] == [LogEntry.Action.CREATE, LogEntry.Action.UPDATE]
    assert all(entry.actor_id == cast.employee.user.pk for entry in entries)
    assert "revoked_at" in entries[1].changes_dict


# Staff tokens ------------------------------------------------------------------------------


def test_staff_have_no_profile_but_a_token_page__R_API_1(cast):
    support = staff_member("Support")
    client = client_for(support)
    assert client.get("/profile/").status_code == 403
    assert client.get("/staff/tokens/").status_code == 200
    response = client.post("/staff/tokens/", {"name": "Queue", "expires_on": _in_days(30)})
    assert response.status_code == 302
    shown = client.get("/staff/tokens/").context["new_token"]["value"]
    token = AccessToken.objects.get()
    assert token.user == support and token.contact is None
    me = api_client(shown).get(ME).json()
    assert me["is_staff"] and me["organisation"] is None


def test_a_staff_token_reaches_nothing_customer_scoped__R_API_2(cast):
    new = make_token(staff_member("Support"))
    client = api_client(new.plaintext)
    assert client.get("/api/v1/incidents/").status_code == 403


def test_a_staff_token_of_someone_no_longer_staff_answers_401__R_API_1(cast):
    support = staff_member("Support")
    new = create_staff_token(actor=support, name="x",
                             expires_on=timezone.localdate() + dt.timedelta(days=5))
    support.is_staff = False
    support.save()
    assert api_client(new.plaintext).get(ME).status_code == 401
