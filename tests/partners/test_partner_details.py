"""The partner's website and public contact email (issue 14): kept on the partner
organisation by Partner management in the admin and by the partner's administrators on
/partner/details/, https only; shown with every listed integration on the public register
(/partners/ and the Help Center) in one query; and the footer that speaks to visitors."""

from __future__ import annotations

import datetime as dt
import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone
from django.utils.html import escape

from accounts.permissions import CapabilityDenied
from accounts.roles import Role
from contacts.models import Organisation
from partners import actions
from tests.conftest import client_for
from tests.factories import make_contact
from tests.partners.factories import make_integration, make_partner, partner_manager
from tests.queries import queries_of

pytestmark = pytest.mark.django_db

DETAILS = "/partner/details/"
REGISTERS = ["/partners/", "/knowledge/registered-integrations/"]


def _listed(organisation: Organisation, name: str | None = None):
    return make_integration(organisation, name, scanned_on=timezone.localdate()
                            - dt.timedelta(days=3))


def _with_details(organisation: Organisation, website: str = "https://www.koppeling.example",
                  email: str = "info@koppeling.example") -> Organisation:
    Organisation.objects.filter(pk=organisation.pk).update(website=website, public_email=email)
    organisation.refresh_from_db()
    return organisation


@pytest.mark.parametrize("url", REGISTERS)
def test_the_register_shows_each_partners_website_and_email__issue_14_R_PART_3(cast, url):
    _listed(_with_details(cast.partner_organisation), "Salarisexport")
    _listed(make_partner("Zonder Gegevens BV"), "Urenexport")
    client = Client() if url == "/partners/" else client_for(cast.employee.user)
    html = client.get(url).content.decode()
    assert ('<a href="https://www.koppeling.example" rel="noopener" '
            'data-testid="partner-website">www.koppeling.example</a>') in html
    assert 'href="mailto:info@koppeling.example"' in html
    # A partner without them shows its name only: no empty link.
    row = html.split("Urenexport")[1].split("</tr>")[0]
    assert "Zonder Gegevens BV" in row and "partner-website" not in row
    assert "mailto:" not in row


@pytest.mark.parametrize("url", REGISTERS)
def test_the_register_costs_the_same_at_1_and_50_partners__issue_14_R_X_3(cast, url):
    client = Client() if url == "/partners/" else client_for(cast.employee.user)
    _listed(_with_details(cast.partner_organisation))
    one = queries_of(client, url)
    for number in range(49):
        _listed(_with_details(make_partner(), website=f"https://p{number}.example",
                              email=f"info@p{number}.example"))
    response = client.get(url)
    shown = len(response.context["page"].object_list)
    assert shown >= 20
    assert response.content.decode().count('data-testid="partner-website"') == shown
    assert queries_of(client, url) == one


def test_the_partner_administrator_changes_website_and_email__issue_14_R_PART_5(cast):
    client = client_for(cast.partner.user)
    assert client.get(DETAILS).status_code == 200
    response = client.post(DETAILS, {"website": "www.nieuw.example",
                                     "public_email": "hallo@nieuw.example"})
    assert response.status_code == 302 and response["Location"] == "/partner/"
    cast.partner_organisation.refresh_from_db()
    # Typed without a scheme, stored as https.
    assert cast.partner_organisation.website == "https://www.nieuw.example"
    assert cast.partner_organisation.public_email == "hallo@nieuw.example"
    html = client.get("/partner/").content.decode()
    assert 'href="https://www.nieuw.example" rel="noopener"' in html
    assert 'href="mailto:hallo@nieuw.example"' in html
    # Audited, with who did it (R-ROLE-17).
    entry = LogEntry.objects.get_for_object(cast.partner_organisation).latest("timestamp")
    assert entry.actor == cast.partner.user and "website" in entry.changes_dict
    # Both may be emptied: the register then shows neither.
    client.post(DETAILS, {"website": "", "public_email": ""})
    cast.partner_organisation.refresh_from_db()
    assert (cast.partner_organisation.website, cast.partner_organisation.public_email) == ("", "")


@pytest.mark.parametrize("website", ["http://www.koppeling.example", "ftp://koppeling.example",
                                     "javascript:alert(1)", "https://", "niet een adres"])
def test_only_https_addresses_are_taken_and_the_form_keeps_what_was_typed__issue_14_R_X_2(
        cast, website):
    client = client_for(cast.partner.user)
    response = client.post(DETAILS, {"website": website, "public_email": "geen-adres"})
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["website"] and form.errors["public_email"]
    html = response.content.decode()
    assert f'value="{escape(website)}"' in html and 'value="geen-adres"' in html
    assert 'href="#id_website"' in html  # the error summary links the field
    cast.partner_organisation.refresh_from_db()
    assert cast.partner_organisation.website == ""


def test_the_https_message_says_what_is_wanted__issue_14(cast):
    cast.partner.language = "en"
    cast.partner.save(update_fields=["language"])
    response = client_for(cast.partner.user).post(
        DETAILS, {"website": "http://www.koppeling.example", "public_email": ""},
        HTTP_ACCEPT_LANGUAGE="en")
    form = response.context["form"]
    assert form.errors["website"] == [
        "Enter a full web address that starts with https://, e.g. https://www.example.nl."]


def test_the_action_refuses_another_organisation_and_other_contacts__issue_14_R_PART_5(cast):
    other_partner = make_partner("Andere Partner BV")
    other_administrator = make_contact(other_partner, Role.ADMINISTRATOR,
                                       email="beheer@anderepartner.example")
    with pytest.raises(CapabilityDenied):
        actions.update_partner_details(actor=other_administrator,
                                       organisation=cast.partner_organisation,
                                       website="https://kaping.example", public_email="")
    employee = make_contact(cast.partner_organisation, Role.EMPLOYEE,
                            email="medewerker@koppeling.example")
    with pytest.raises(CapabilityDenied):
        actions.update_partner_details(actor=employee, organisation=cast.partner_organisation,
                                       website="https://kaping.example", public_email="")
    with pytest.raises(CapabilityDenied):  # a customer's administrator
        actions.update_partner_details(actor=cast.administrator, organisation=cast.organisation,
                                       website="https://kaping.example", public_email="")
    with pytest.raises(ValidationError):
        actions.update_partner_details(actor=cast.partner, organisation=cast.partner_organisation,
                                       website="http://onveilig.example", public_email="")
    cast.partner_organisation.refresh_from_db()
    assert cast.partner_organisation.website == ""


def test_another_partners_administrator_changes_only_their_own__issue_14_R_ROLE_14(cast):
    other_partner = make_partner("Andere Partner BV")
    other_administrator = make_contact(other_partner, Role.ADMINISTRATOR,
                                       email="beheer@anderepartner.example")
    _with_details(cast.partner_organisation)
    response = client_for(other_administrator.user).post(
        DETAILS, {"website": "https://kaping.example", "public_email": "kaping@example.nl"})
    assert response.status_code == 302
    cast.partner_organisation.refresh_from_db()
    assert cast.partner_organisation.website == "https://www.koppeling.example"
    other_partner.refresh_from_db()
    assert other_partner.website == "https://kaping.example"


@pytest.mark.parametrize("who,status", [("employee", 403), ("administrator", 403),
                                        ("staff", 403), ("partner", 200)])
def test_only_partner_administrators_open_the_form__issue_14_R_PART_5(cast, who, status):
    user = cast.staff if who == "staff" else getattr(cast, who).user
    assert client_for(user).get(DETAILS).status_code == status


def test_a_partner_employee_sees_the_details_but_no_change_link__issue_14(cast):
    _with_details(cast.partner_organisation)
    employee = make_contact(cast.partner_organisation, Role.EMPLOYEE,
                            email="medewerker@koppeling.example")
    html = client_for(employee.user).get("/partner/").content.decode()
    assert 'href="mailto:info@koppeling.example"' in html
    assert DETAILS not in html
    assert client_for(employee.user).get(DETAILS).status_code == 403
    assert DETAILS in client_for(cast.partner.user).get("/partner/").content.decode()


def test_partner_management_keeps_them_in_the_admin_https_only__issue_14(cast):
    manager = partner_manager()
    client = client_for(manager)
    url = f"/admin/contacts/organisation/{cast.partner_organisation.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="website"' in page.content.decode()
    form = page.context["adminform"].form
    data = {name: form.initial.get(name) or "" for name in form.fields}
    data.update({"name": "Koppeling BV", "kind": "partner", "service_level": "standard",
                 "country": "Nederland", "employee_count": 0, "is_active": "on",
                 "website": "http://www.koppeling.example",
                 "public_email": "info@koppeling.example",
                 "contacts-TOTAL_FORMS": 0, "contacts-INITIAL_FORMS": 0,
                 "contacts-MIN_NUM_FORMS": 0, "contacts-MAX_NUM_FORMS": 1000})
    data = {key: value for key, value in data.items() if value is not None}
    response = client.post(url, data)
    assert response.status_code == 200
    assert "website" in response.context["adminform"].form.errors
    data["website"] = "https://www.koppeling.example"
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    cast.partner_organisation.refresh_from_db()
    assert cast.partner_organisation.website == "https://www.koppeling.example"
    assert cast.partner_organisation.public_email == "info@koppeling.example"
    # A customer organisation has no partner page: no such fields.
    customer = client.get(f"/admin/contacts/organisation/{cast.organisation.pk}/change/")
    assert 'name="website"' not in customer.content.decode()


def test_the_footer_speaks_to_visitors_who_are_not_logged_in__issue_14(cast):
    for url in ("/partners/", "/accounts/login/"):
        html = Client().get(url).content.decode()
        footer = html.split("<footer")[1]
        assert 'data-testid="visitor-footer"' in footer
        assert 'href="/accounts/login/"' in footer
        assert 'href="mailto:info@portal.example"' in footer
        assert "administrator" in footer or "beheerder" in footer
        assert 'href="/partners/"' in footer
    footer = client_for(cast.employee.user).get("/partners/").content.decode().split(
        "<footer")[1]
    assert "visitor-footer" not in footer and 'href="/accounts/login/"' not in footer


def test_hostile_input_is_refused_with_a_message_never_a_500__issue_14_R_X_2(cast):
    client = client_for(cast.partner.user)
    for data in ({"website": "https://" + "a" * 5000 + ".example", "public_email": "x" * 5000},
                 {"website": "https://www.koppeling.example/\x00", "public_email": "a\x00@b.nl"},
                 {"website": "https://<script>.example", "public_email": "<b>@example.nl"},
                 {}):
        response = client.post(DETAILS, data)
        assert response.status_code in (200, 302), data
        if data:
            assert response.status_code == 200 and response.context["form"].errors
    cast.partner_organisation.refresh_from_db()
    assert cast.partner_organisation.website == ""
