"""/support/: seats, who may submit, the phone number and the opening hours (R-QUOTA-1,
R-QUOTA-4, R-ROLE-6, R-INC-5, R-INC-10)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from accounts.roles import Role
from incidents import views
from incidents.models import OpeningException
from tests.conftest import client_for
from tests.factories import make_contact, make_user
from tests.queries import queries_of

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
PHONE = "+31 88 123 4567"


@pytest.fixture(autouse=True)
def clock(monkeypatch):
    """The page's clock: a Monday in March 2026, 10:00, unless a test moves it."""
    def set_clock(*args: int) -> None:
        moment = dt.datetime(*args, tzinfo=AMSTERDAM)
        monkeypatch.setattr(views, "now", lambda: moment)

    set_clock(2026, 3, 2, 10, 0)
    return set_clock


@pytest.fixture
def seats(cast):
    """Demo BV has 3 seats, computed on 1 March 2026 at 02:00."""
    organisation = cast.organisation
    organisation.submitter_seats_override = 3
    organisation.submitter_seats_computed_at = dt.datetime(2026, 3, 1, 2, 0, tzinfo=AMSTERDAM)
    organisation.save()
    user = cast.submitter.user
    user.first_name, user.last_name = "Ies", "Insturen"
    user.save()
    return organisation


def page(contact, path: str = "/support/") -> str:
    response = client_for(contact.user).get(path)
    assert response.status_code == 200
    return response.content.decode()


def test_it_requires_login(client):
    response = client.get("/support/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_staff_without_a_contact_are_refused__R_ROLE_14(cast):
    response = client_for(cast.staff).get("/support/")
    assert response.status_code == 403


def test_every_contact_may_open_it_and_finds_it_in_the_navigation(cast):
    for contact in (cast.no_role, cast.employee, cast.viewer, cast.administrator):
        assert 'href="/support/"' in page(contact)


def test_submitters_see_the_phone_number__R_ROLE_6_R_INC_10(cast):
    html = page(cast.submitter)
    assert PHONE in html
    assert 'href="tel:+31881234567"' in html
    assert "Je mag incidenten insturen" in html


@pytest.mark.parametrize("who", ["no_role", "employee", "viewer", "administrator", "partner"])
def test_others_do_not_see_the_phone_number__R_ROLE_6(cast, who):
    html = page(getattr(cast, who))
    assert PHONE not in html and "tel:" not in html
    assert "er voor contactpersonen met de rol Incidenten insturen" in html


def test_the_phone_number_is_a_setting__R_ROLE_6(cast, settings):
    settings.SUPPORT_PHONE_NUMBER = "+31 30 999 0000"
    assert "+31 30 999 0000" in page(cast.submitter)


def test_it_shows_seats_in_use_and_when_the_maximum_was_computed__R_QUOTA_4(cast, seats):
    html = page(cast.employee)
    assert "1 van 3 instuurplaatsen in gebruik" in html
    assert "berekend op: 1 maart 2026 02:00" in html


def test_a_maximum_not_computed_yet_is_said_so__R_QUOTA_4(cast):
    assert "nog niet berekend" in page(cast.employee)


def test_it_lists_the_seat_holders_but_not_experts__R_QUOTA_1_R_QUOTA_4(cast, seats):
    html = page(cast.no_role)
    holders = html.split('data-testid="holders"')[1].split("</ul>")[0]
    assert "Ies Insturen" in holders
    assert "expert@test.example" not in holders
    assert "Gecertificeerde experts met de rol Incidenten insturen nemen geen plaats in" in html


def test_it_marks_your_own_seat(cast, seats):
    assert "Ies Insturen <span class=\"text-body-secondary\">(jij)</span>" in page(cast.submitter)


def test_it_shows_only_the_own_organisations_holders(cast, seats):
    make_contact(cast.other_organisation, Role.SUBMIT_INCIDENTS, email="other-sub@test.example")
    assert "other-sub@test.example" not in page(cast.employee)
    assert "other-sub@test.example" in page(cast.other_administrator)


def test_a_contact_without_the_role_is_told_whom_to_ask__R_ROLE_6(cast):
    html = page(cast.no_role)
    assert "daarvoor heb je de rol Incidenten insturen nodig" in html
    administrators = html.split('data-testid="administrators"')[1].split("</ul>")[0]
    assert "admin@test.example" in administrators


def test_an_administrator_without_the_role_can_give_it_themselves__R_ROLE_8(cast):
    html = page(cast.administrator)
    assert "Als beheerder kun je jezelf deze rol geven" in html
    assert 'data-testid="administrators"' not in html


def test_it_says_when_all_seats_are_taken__R_QUOTA_5(cast, seats):
    seats.submitter_seats_override = 1
    seats.save()
    assert "Alle instuurplaatsen zijn bezet" in page(cast.no_role)
    assert "Alle instuurplaatsen zijn bezet" not in page(cast.submitter)


def test_an_expert_is_told_they_take_no_seat__R_QUOTA_1(cast):
    html = page(cast.expert)
    assert "Je bent gecertificeerd expert" in html
    assert PHONE in html
    assert "Je bent gecertificeerd expert" not in page(cast.submitter)


def test_partners_have_no_seat_limit__R_QUOTA_1(cast):
    assert "koppelpartners hebben geen maximum" in page(cast.partner)


def test_open_now_until_five__R_INC_10(cast):
    html = page(cast.submitter)
    assert "Nu open tot 17:00" in html


def test_friday_evening_opens_on_monday__R_INC_10(cast, clock):
    clock(2026, 3, 6, 16, 30)
    html = page(cast.submitter)
    assert "Nu gesloten" in html and "Opent maandag om 08:30" in html


def test_early_morning_opens_today__R_INC_10(cast, clock):
    clock(2026, 3, 3, 7, 45)
    assert "Opent vandaag om 08:30" in page(cast.submitter)


def test_after_closing_opens_tomorrow__R_INC_10(cast, clock):
    clock(2026, 3, 3, 17, 0)
    assert "Opent morgen om 08:30" in page(cast.submitter)


def test_kings_day_is_named__R_INC_5_R_INC_10(cast, clock):
    clock(2026, 4, 27, 10, 0)
    html = page(cast.submitter)
    assert "Vandaag gesloten (Koningsdag)" in html and "Opent morgen om 08:30" in html


def test_a_long_closure_names_the_date__R_INC_5(cast, clock):
    OpeningException.objects.bulk_create(
        OpeningException(date=dt.date(2026, 3, 2) + dt.timedelta(days=n), reason="Verhuizing")
        for n in range(12))
    html = page(cast.submitter)
    assert "Vandaag gesloten (Verhuizing)" in html
    assert "Opent maandag 16 maart om 08:30" in html


def test_it_lists_closures_in_the_coming_weeks__R_INC_5(cast, clock):
    clock(2026, 4, 20, 10, 0)
    OpeningException.objects.create(date=dt.date(2026, 4, 30), reason="Studiedag")
    closures = page(cast.employee).split('data-testid="closures"')[1].split("</ul>")[0]
    assert "Maandag 27 april: Koningsdag" in closures
    assert "Donderdag 30 april: Studiedag" in closures


def test_the_weekly_schedule__R_INC_5(cast):
    schedule = page(cast.employee).split('data-testid="schedule"')[1].split("</table>")[0]
    assert "08:30 – 17:00" in schedule and "08:30 – 16:00" in schedule
    assert schedule.count("gesloten") == 2  # Saturday and Sunday
    assert 'aria-current="date"' in schedule.split("Dinsdag")[0]  # Monday is today


def test_it_is_in_english_for_an_english_contact__R_X_1(cast, seats, clock):
    cast.submitter.language = "en"
    cast.submitter.save()
    html = page(cast.submitter)
    assert '<html lang="en">' in html
    assert "1 of 3 submitter seats in use" in html
    assert "Open now until 17:00<" in html
    assert "You may submit incidents" in html
    clock(2026, 4, 27, 10, 0)
    assert "Closed today (King&#x27;s Day)" in page(cast.submitter)
    clock(2026, 3, 6, 16, 30)
    assert "Opens on Monday at 08:30\n" in page(cast.submitter)


def _queries(contact) -> int:
    client = client_for(contact.user)
    return queries_of(client, "/support/")


@pytest.mark.parametrize("who", ["no_role", "submitter", "administrator"])
def test_query_count_is_the_same_for_1_and_50_seat_holders__R_X_3(cast, seats, who):
    """For administrators with the blocked seat holders too (R-GATE-5): the 49 added ones are
    new contacts without a profile, so the gate stops them."""
    from tests.courses.factories import make_blocked_submitter

    contact = getattr(cast, who)
    make_blocked_submitter(cast.organisation)
    one = _queries(contact)
    for number in range(49):
        make_contact(cast.organisation, Role.SUBMIT_INCIDENTS,
                     user=make_user(f"holder{number}@test.example", first_name=f"H{number}"))
    seats.submitter_seats_override = 60
    seats.save()
    assert _queries(contact) == one
    assert "51 van 60 instuurplaatsen in gebruik" in page(contact)


def test_administrators_see_the_blocked_seat_holders_on_the_support_page__R_GATE_5(cast):
    from tests.courses.factories import make_blocked_submitter

    blocked, course = make_blocked_submitter(cast.organisation, email="nieuw@test.example")
    admin_page = client_for(cast.administrator.user).get("/support/").content.decode()
    section = admin_page.split('data-testid="blocked"')[1].split("</section>")[0]
    assert str(blocked.user) in section and course.title in section
    for who in (cast.submitter, cast.employee):
        page = client_for(who.user).get("/support/").content.decode()
        assert 'data-testid="blocked"' not in page


def test_a_submitter_without_a_profile_is_told_why__R_GATE_4(cast):
    from contacts.models import Contact

    Contact.objects.filter(pk=cast.submitter.pk).update(
        submission_profile="", created_at=timezone.now())
    page = client_for(cast.submitter.user).get("/support/").content.decode()
    gate = page.split('data-testid="gate"')[1].split("</div>")[0]
    assert 'data-reason="no_profile"' in page and "instuurprofiel" in gate
