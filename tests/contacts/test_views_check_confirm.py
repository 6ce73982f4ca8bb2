"""/organisation/confirm/<token>/: the one-click "still correct" link of R-CARE-3."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import signing
from django.utils import timezone

from accounts.roles import Role
from contacts.checks import CONFIRMATION_SALT, confirmation_token
from contacts.models import Language, OrganisationCheck
from tests.conftest import client_for
from tests.factories import make_contact

pytestmark = pytest.mark.django_db


@pytest.fixture
def check(cast) -> OrganisationCheck:
    return OrganisationCheck.objects.create(organisation=cast.organisation, period="2026-07")


def url_for(check: OrganisationCheck, contact) -> str:
    return f"/organisation/confirm/{confirmation_token(check_id=check.pk, contact_id=contact.pk)}/"


def test_it_needs_no_login_and_records_the_confirmation__R_CARE_3(client, cast, check):
    before = timezone.now()
    response = client.get(url_for(check, cast.administrator))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'data-testid="check-confirmed"' in page
    assert "de gegevens van Demo BV kloppen nog" in page  # the administrator's language: Dutch
    assert 'href="/organisation/"' in page and "Stationsplein 1" in page
    check.refresh_from_db()
    assert check.confirmed_by == cast.administrator.user and check.confirmed_at >= before
    assert "no-cache" in response["Cache-Control"] and response["X-Robots-Tag"] == "noindex"


def test_the_page_is_in_the_administrators_language(client, cast, check):
    cast.administrator.language = Language.ENGLISH
    cast.administrator.save()
    page = client.get(url_for(check, cast.administrator)).content.decode()
    assert "Recorded: the details of Demo BV are still correct." in page
    assert '<html lang="en">' in page


def test_a_second_click_shows_who_confirmed_and_when__R_CARE_3(client, cast, check):
    url = url_for(check, cast.administrator)
    client.get(url)
    first = OrganisationCheck.objects.get(pk=check.pk).confirmed_at
    response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'data-testid="check-already-confirmed"' in page
    assert cast.administrator.user.email in page  # the cast's users have no name: their email
    assert timezone.localtime(first).strftime("%H:%M") in page
    assert OrganisationCheck.objects.get(pk=check.pk).confirmed_at == first


def test_another_administrator_sees_the_first_confirmation__R_CARE_3(client, cast, check):
    second = make_contact(cast.organisation, Role.ADMINISTRATOR, email="second@test.example")
    client.get(url_for(check, cast.administrator))
    page = client.get(url_for(check, second)).content.decode()
    assert 'data-testid="check-already-confirmed"' in page and "admin@test.example" in page
    assert OrganisationCheck.objects.get(pk=check.pk).confirmed_by == cast.administrator.user


def test_the_link_counts_for_its_addressee_whoever_is_logged_in(cast, check):
    client_for(cast.employee.user).get(url_for(check, cast.administrator))
    assert OrganisationCheck.objects.get(pk=check.pk).confirmed_by == cast.administrator.user


@pytest.mark.parametrize("tamper", [
    lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),  # the signature
    lambda token: signing.dumps({"check": 1, "contact": 1}, salt="another.salt"),
    lambda token: "not-a-token",
    lambda token: token.split(":")[0],
])
def test_a_tampered_link_answers_400__R_CARE_3(client, cast, check, tamper):
    token = confirmation_token(check_id=check.pk, contact_id=cast.administrator.pk)
    response = client.get(f"/organisation/confirm/{tamper(token)}/")
    assert response.status_code == 400
    assert 'data-testid="check-link-invalid"' in response.content.decode()
    assert OrganisationCheck.objects.get(pk=check.pk).confirmed_at is None


def test_a_signed_link_for_another_organisations_check_answers_400(client, cast, check):
    """Both ids exist but do not belong together: never confirm across organisations."""
    response = client.get(url_for(check, cast.other_administrator))
    assert response.status_code == 400
    assert OrganisationCheck.objects.get(pk=check.pk).confirmed_at is None


def test_a_link_to_a_deleted_check_answers_400(client, cast, check):
    url = url_for(check, cast.administrator)
    check.delete()
    assert client.get(url).status_code == 400


def test_a_signed_payload_of_the_wrong_shape_answers_400(client, cast):
    for payload in ([1, 2], {"check": "1", "contact": 1}, {"check": 1}):
        token = signing.dumps(payload, salt=CONFIRMATION_SALT)
        assert client.get(f"/organisation/confirm/{token}/").status_code == 400


def test_an_expired_link_answers_400__R_CARE_3(client, cast, check, monkeypatch):
    sixty_one_days_ago = timezone.now() - dt.timedelta(days=61)
    monkeypatch.setattr(signing.TimestampSigner, "timestamp",
                        lambda self: signing.b62_encode(int(sixty_one_days_ago.timestamp())))
    url = url_for(check, cast.administrator)
    monkeypatch.undo()
    response = client.get(url)
    assert response.status_code == 400
    assert 'data-testid="check-link-expired"' in response.content.decode()
    assert OrganisationCheck.objects.get(pk=check.pk).confirmed_at is None


def test_a_link_of_59_days_still_works(client, cast, check, monkeypatch):
    fifty_nine_days_ago = timezone.now() - dt.timedelta(days=59)
    monkeypatch.setattr(signing.TimestampSigner, "timestamp",
                        lambda self: signing.b62_encode(int(fifty_nine_days_ago.timestamp())))
    url = url_for(check, cast.administrator)
    monkeypatch.undo()
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("change", [
    {"is_administrator": False},
    {"is_active": False},
])
def test_a_former_administrator_cannot_confirm__R_CARE_3(client, cast, check, change):
    url = url_for(check, cast.administrator)
    for field, value in change.items():
        setattr(cast.administrator, field, value)
    cast.administrator.save()
    response = client.get(url)
    assert response.status_code == 403
    assert 'data-testid="check-not-allowed"' in response.content.decode()
    assert OrganisationCheck.objects.get(pk=check.pk).confirmed_at is None


def test_a_deactivated_login_cannot_confirm(client, cast, check):
    url = url_for(check, cast.administrator)
    cast.administrator.user.is_active = False
    cast.administrator.user.save()
    assert client.get(url).status_code == 403
    assert OrganisationCheck.objects.get(pk=check.pk).confirmed_at is None


def test_an_inactive_organisation_cannot_confirm(client, cast, check):
    url = url_for(check, cast.administrator)
    cast.organisation.is_active = False
    cast.organisation.save()
    assert client.get(url).status_code == 403


def test_it_hides_other_organisation(client, cast, check):
    """An administrator's link shows only that organisation, never another's."""
    other = OrganisationCheck.objects.create(organisation=cast.other_organisation, period="2026-07")
    page = client.get(url_for(other, cast.other_administrator)).content.decode()
    assert "Andere BV" in page and "Demo BV" not in page
    assert OrganisationCheck.objects.get(pk=check.pk).confirmed_at is None


def test_the_page_takes_a_fixed_number_of_queries(client, cast, check, django_assert_num_queries):
    url = url_for(check, cast.administrator)
    with django_assert_num_queries(3):  # the contact with its organisation, the check, the update
        client.get(url)
    with django_assert_num_queries(3):  # the contact, the check, the refused update
        client.get(url)
