"""/partner/: the partner portal (R-PART-5, R-ROLE-14, R-X-1/2/3)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from accounts.roles import Role
from partners import actions
from partners.models import Question, ScanColour
from tests.conftest import client_for
from tests.factories import make_contact
from tests.partners.factories import (
    make_document, make_integration, make_partner, make_question, partner_manager,
)
from tests.queries import queries_of

pytestmark = pytest.mark.django_db

URL = "/partner/"


def test_it_requires_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("roles", [(), (Role.EMPLOYEE,), (Role.ADMINISTRATOR,)])
def test_every_active_partner_contact_may_use_it_whatever_the_roles__R_PART_5(cast, roles):
    contact = make_contact(cast.partner_organisation, *roles)
    assert client_for(contact.user).get(URL).status_code == 200


def test_an_inactive_partner_contact_may_not(cast):
    contact = make_contact(cast.partner_organisation, Role.ADMINISTRATOR, is_active=False)
    assert client_for(contact.user).get(URL).status_code == 403


@pytest.mark.parametrize("who", ["administrator", "no_role", "other_administrator"])
def test_customers_get_a_403_that_says_only_partner_contacts__R_PART_5_R_ROLE_14(cast, who):
    response = client_for(getattr(cast, who).user).get(URL)
    assert response.status_code == 403
    page = response.content.decode()
    assert "alleen voor contactpersonen van een partnerorganisatie" in page
    assert "kunnen je een rol geven" not in page  # no role would help
    assert 'href="/partners/"' in page


def test_the_403_is_in_english_for_an_english_contact__R_X_1(cast):
    cast.administrator.language = "en"
    cast.administrator.save()
    page = client_for(cast.administrator.user).get(URL).content.decode()
    assert "only for contacts of a partner organisation" in page


def test_a_partner_menu_item_only_for_partner_contacts(cast):
    assert 'href="/partner/"' in client_for(cast.partner.user).get("/").content.decode()
    assert 'href="/partner/"' not in client_for(cast.administrator.user).get("/").content.decode()


def test_it_shows_integrations_scans_next_due_and_what_if_missed__R_PART_5(cast):
    today = timezone.localdate()
    integration = make_integration(cast.partner_organisation, "Salarisexport",
                                   scanned_on=today - dt.timedelta(days=10),
                                   colour=ScanColour.ORANGE)
    actions.record_scan(integration=integration, scanned_on=today - dt.timedelta(days=400),
                        colour=ScanColour.RED, actor=partner_manager())
    make_integration(make_partner(), "Van een ander")
    response = client_for(cast.partner.user).get(URL)
    page = response.content.decode()
    assert "Salarisexport" in page and "Van een ander" not in page
    assert 'data-colour="orange"' in page and 'data-colour="red"' in page
    integration.refresh_from_db()
    assert f'datetime="{integration.next_scan_due:%Y-%m-%d}"' in page
    assert "verdwijnt de koppeling van de partnerpagina" in page
    assert "12 maanden later" in page
    assert 'data-standing="listed"' in page


def test_it_shows_the_benefits_of_the_programme__R_PART_5(cast):
    page = client_for(cast.partner.user).get(URL).content.decode()
    assert "System Integrators" in page and "20% korting" in page and "ERP1" in page


def test_it_shows_only_own_documents_and_questions_with_answers__R_PART_5(cast):
    make_document(cast.partner_organisation, "Onze overeenkomst")
    other = make_partner()
    make_document(other, "Hun overeenkomst")
    make_question(cast.partner_organisation, subject="Beantwoord", asked_by=cast.partner,
                  answer="Zo werkt het.", answered_at=timezone.now())
    make_question(cast.partner_organisation, subject="Nog open", asked_by=cast.partner)
    make_question(other, subject="Van de ander")
    page = client_for(cast.partner.user).get(URL).content.decode()
    assert "Onze overeenkomst" in page and "Hun overeenkomst" not in page
    assert "Beantwoord" in page and "Zo werkt het." in page and "Nog open" in page
    assert "Wacht op antwoord" in page
    assert "Van de ander" not in page


def test_asking_a_question_redirects_and_shows_it__R_PART_5(cast):
    client = client_for(cast.partner.user)
    response = client.post(URL, {"subject": "Korting traineeship", "text": "Hoe vraag ik die aan?"})
    assert response.status_code == 302 and response["Location"] == URL
    question = Question.objects.get()
    assert (question.organisation, question.asked_by) == (cast.partner_organisation, cast.partner)
    page = client.get(URL).content.decode()
    assert "Korting traineeship" in page and "naar de partnermanagers gestuurd" in page


def test_a_bad_question_keeps_the_input_and_says_what_is_wrong__R_X_2(cast):
    client = client_for(cast.partner.user)
    response = client.post(URL, {"subject": "", "text": "Mijn lange vraag"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Dit veld is verplicht" in page and "Mijn lange vraag" in page
    response = client.post(URL, {"subject": "x" * 300, "text": "y"})
    assert "niet meer dan 200 tekens" in response.content.decode()
    assert not Question.objects.exists()


def test_customers_cannot_post_questions(cast):
    response = client_for(cast.administrator.user).post(URL, {"subject": "a", "text": "b"})
    assert response.status_code == 403
    assert not Question.objects.exists()


def test_query_count_is_the_same_for_1_and_50_rows__R_X_3(cast):
    client = client_for(cast.partner.user)
    today = timezone.localdate()

    def add_rows(number: int) -> None:
        for _index in range(number):
            integration = make_integration(cast.partner_organisation,
                                           scanned_on=today - dt.timedelta(days=30))
            actions.record_scan(integration=integration, scanned_on=today,
                                colour=ScanColour.RED, actor=partner_manager())
            make_document(cast.partner_organisation, integration=integration)
            make_question(cast.partner_organisation, asked_by=make_contact(
                cast.partner_organisation), answer="Ja", answered_at=timezone.now())

    def count() -> int:
        return queries_of(client, URL)

    add_rows(1)
    one = count()
    add_rows(49)
    assert count() == one
