"""R-PART-6: the public register (/partners/) and the Help Center's "Registered integrations"
(/knowledge/registered-integrations/) list the same integrations, live, from one query. They
say that the security quickscan is current and when the next one is due; they never say
"passed" and never show the colour, which is between the vendor, the tester and the partner.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client
from django.utils import timezone

from accounts.roles import Role
from partners import actions
from partners.models import EndReason, ScanColour
from tests.conftest import client_for
from tests.factories import make_contact
from tests.partners.factories import make_integration, make_partner, partner_manager
from tests.queries import queries_of

pytestmark = pytest.mark.django_db

PUBLIC, HELP_CENTER = "/partners/", "/knowledge/registered-integrations/"
# The colour in either language, and any word for "passed".
FORBIDDEN = re.compile(r"\b(red|orange|green|rood|oranje|groen|passed|pass|geslaagd|"
                       r"doorstaan|behaald)\b|data-colour|colou?r|kleur", re.IGNORECASE)


def _main(response) -> str:
    page = response.content.decode()
    return page[page.index('<main id="main"'):page.index("</main>")]


def _register(cast) -> None:
    today = timezone.localdate()
    for colour in ScanColour:
        make_integration(make_partner(f"Partner {colour.value}"), f"Koppeling {colour.value}",
                         description="Een koppeling.", colour=colour,
                         scanned_on=today - dt.timedelta(days=20))


def _english_visitor() -> Client:
    client = Client()
    client.post("/language/", {"language": "en"})  # the language switch of the footer
    return client


def _clients(cast) -> dict[str, tuple[Client, str]]:
    english = make_contact(cast.organisation, Role.EMPLOYEE, email="en@test.example",
                           language="en")
    return {"public nl": (Client(), PUBLIC),
            "public en": (_english_visitor(), PUBLIC),
            "help center nl": (client_for(cast.employee.user), HELP_CENTER),
            "help center en": (client_for(english.user), HELP_CENTER)}


def test_it_never_shows_the_colour_or_says_passed__R_PART_6(cast):
    _register(cast)
    for name, (client, url) in _clients(cast).items():
        main = _main(client.get(url))
        # The integrations' names carry the colour's value on purpose: strip them first.
        for colour in ScanColour:
            main = main.replace(f"Koppeling {colour.value}", "Koppeling").replace(
                f"Partner {colour.value}", "Partner")
        assert main.count('data-testid="certification"') == 3, name
        assert FORBIDDEN.search(main) is None, (name, FORBIDDEN.search(main))


def test_it_says_current_and_when_the_next_scan_is_due__R_PART_6(cast):
    today = timezone.localdate()
    red = make_integration(cast.partner_organisation, "Webshop", colour=ScanColour.RED,
                           scanned_on=today - dt.timedelta(days=20))
    english = make_contact(cast.organisation, email="en@test.example", language="en")
    for client, url in ((_english_visitor(), PUBLIC),
                        (client_for(english.user), HELP_CENTER)):
        main = _main(client.get(url))
        due = red.next_scan_due
        assert (f'Security quickscan current, next one due by <time datetime="{due:%Y-%m-%d}">'
                f"{due.day} {due:%B %Y}</time>") in main


def test_both_places_list_the_same_integrations_live__R_PART_6(cast):
    today = timezone.localdate()
    make_integration(cast.partner_organisation, "Gecertificeerd", scanned_on=today)
    make_integration(cast.partner_organisation, "Nog nooit gescand")
    ended = make_integration(cast.partner_organisation, "Beëindigd", scanned_on=today)
    actions.terminate_integration(integration=ended, reason=EndReason.CODE_OF_CONDUCT,
                                  actor=partner_manager())
    make_integration(cast.partner_organisation, "Te laat", colour=ScanColour.RED,
                     scanned_on=today - dt.timedelta(days=200))

    def names(client, url) -> list[str]:
        return [i.name for i in client.get(url).context["page"].object_list]

    helper = client_for(cast.employee.user)
    assert names(Client(), PUBLIC) == names(helper, HELP_CENTER) == ["Gecertificeerd"]
    late = make_integration(cast.partner_organisation, "Later erbij", scanned_on=today)
    assert names(Client(), PUBLIC) == names(helper, HELP_CENTER) == ["Gecertificeerd",
                                                                     "Later erbij"]
    actions.terminate_integration(integration=late, reason=EndReason.NON_PAYMENT,
                                  actor=partner_manager())
    assert names(helper, HELP_CENTER) == ["Gecertificeerd"]


def test_the_knowledge_base_links_the_help_center_list__R_PART_6(cast):
    page = client_for(cast.employee.user).get("/knowledge/").content.decode()
    assert f'href="{HELP_CENTER}"' in page


def test_the_help_center_list_cannot_be_taken_by_an_article_slug__R_PART_6():
    from django.core.exceptions import ValidationError

    from tests.knowledge.factories import make_category
    from knowledge.models import Article

    article = Article(title="Koppelingen", slug="registered-integrations", summary="Kort",
                      body="Tekst", category=make_category())
    with pytest.raises(ValidationError):
        article.full_clean()


def test_the_help_center_list_needs_a_login_and_a_contact(cast):
    response = Client().get(HELP_CENTER)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert client_for(cast.staff).get(HELP_CENTER).status_code == 403


def test_bad_page_numbers_give_a_page_not_an_error__R_X_2(cast):
    client = client_for(cast.employee.user)
    for page in ("abc", "-1", "999999", "1e9", "\x00"):
        assert client.get(HELP_CENTER, {"page": page}).status_code == 200


@pytest.mark.parametrize("url", [PUBLIC, HELP_CENTER])
def test_query_count_is_the_same_for_1_and_50_integrations__R_X_3(cast, url):
    client = Client() if url == PUBLIC else client_for(cast.employee.user)
    today = timezone.localdate()
    make_integration(cast.partner_organisation, scanned_on=today)
    one = queries_of(client, url)
    for _number in range(49):
        make_integration(make_partner(), scanned_on=today)
    assert queries_of(client, url) == one
