"""/invoices/: the organisation's invoices and subscriptions, for administrators (R-ROLE-10)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from tests.conftest import client_for
from tests.invoices.factories import make_invoice, make_subscription
from tests.queries import queries_of

pytestmark = pytest.mark.django_db

URL = "/invoices/"


@pytest.fixture
def three_invoices(cast):
    today = timezone.localdate()
    return {
        "paid": make_invoice(cast.organisation, number="F2026-000010",
                             invoice_date=today - dt.timedelta(days=60),
                             paid_at=timezone.now() - dt.timedelta(days=40)),
        "open": make_invoice(cast.organisation, number="F2026-000011",
                             invoice_date=today, due_date=today + dt.timedelta(days=14)),
        "overdue": make_invoice(cast.organisation, number="F2026-000012",
                                invoice_date=today - dt.timedelta(days=30),
                                due_date=today - dt.timedelta(days=1)),
    }


def _numbers(response) -> set[str]:
    return {invoice.number for invoice in response.context["page"].object_list}


def test_it_requires_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_an_employee_gets_the_403_page__R_ROLE_10_R_ROLE_14(cast):
    response = client_for(cast.employee.user).get(URL)
    assert response.status_code == 403
    page = response.content.decode()
    assert "Beheerder" in page  # the role that is needed
    assert cast.administrator.user.email in page  # and who has it


def test_it_lists_invoices_with_status_amount_and_download__R_ROLE_10(cast, three_invoices):
    response = client_for(cast.administrator.user).get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    for invoice in three_invoices.values():
        assert invoice.number in page
        assert f'href="/invoices/{invoice.number}/pdf/"' in page
    assert "€\xa01.234,56" in page  # Dutch euro format
    assert 'data-status="paid"' in page and "Betaald" in page
    assert 'data-status="open"' in page and "Openstaand" in page
    assert 'data-status="overdue"' in page and "Vervallen" in page


def test_it_formats_amounts_in_english_for_an_english_contact__R_X_1(cast, three_invoices):
    cast.administrator.language = "en"
    cast.administrator.save()
    page = client_for(cast.administrator.user).get(URL).content.decode()
    assert "€1,234.56" in page
    assert "Overdue" in page


def test_it_hides_other_organisations_invoices__R_ROLE_14(cast, three_invoices):
    make_invoice(cast.other_organisation, number="F2026-999999")
    make_subscription(cast.other_organisation, product="Ander product")
    page = client_for(cast.administrator.user).get(URL).content.decode()
    assert "F2026-999999" not in page
    assert "Ander product" not in page
    other = client_for(cast.other_administrator.user).get(URL)
    assert _numbers(other) == {"F2026-999999"}


def test_an_invoice_without_pdf_has_no_download_link(cast):
    make_invoice(cast.organisation, number="F2026-000020", pdf=False)
    page = client_for(cast.administrator.user).get(URL).content.decode()
    assert "F2026-000020" in page
    assert "/invoices/F2026-000020/pdf/" not in page


@pytest.mark.parametrize(("status", "expected"), [
    ("open", {"F2026-000011", "F2026-000012"}),  # overdue invoices are still open
    ("paid", {"F2026-000010"}),
    ("", {"F2026-000010", "F2026-000011", "F2026-000012"}),
])
def test_it_filters_by_status__R_ROLE_10(cast, three_invoices, status, expected):
    response = client_for(cast.administrator.user).get(URL, {"status": status})
    assert response.status_code == 200
    assert _numbers(response) == expected


ALL = {"F2026-000010", "F2026-000011", "F2026-000012"}


@pytest.mark.parametrize(("query", "expected"), [
    ({"status": "bogus"}, ALL),
    ({"status": "<script>"}, ALL),
    ({"status": "OPEN"}, ALL),
    ({"page": "abc"}, ALL),
    ({"page": "-1"}, ALL),
    ({"page": "999999"}, ALL),
    ({"status": "paid", "page": "0"}, {"F2026-000010"}),
])
def test_bad_filter_values_give_200_not_500__R_X_2(cast, three_invoices, query, expected):
    response = client_for(cast.administrator.user).get(URL, query)
    assert response.status_code == 200
    assert _numbers(response) == expected


def test_a_bad_status_is_explained(cast, three_invoices):
    page = client_for(cast.administrator.user).get(URL, {"status": "bogus"}).content.decode()
    assert "alle facturen" in page


def test_it_paginates_by_25_and_keeps_the_filter(cast):
    for number in range(30):
        make_invoice(cast.organisation, number=f"F2026-{number + 100:06d}", pdf=False,
                     invoice_date=dt.date(2026, 1, 1) + dt.timedelta(days=number))
    client = client_for(cast.administrator.user)
    first = client.get(URL, {"status": "open"})
    assert len(first.context["page"].object_list) == 25
    assert "?status=open&amp;page=2" in first.content.decode()
    second = client.get(URL, {"status": "open", "page": 2})
    assert len(second.context["page"].object_list) == 5
    assert "F2026-000100" in second.content.decode()  # the oldest comes last


def test_it_shows_the_subscriptions__R_ROLE_10(cast):
    today = timezone.localdate()
    make_subscription(cast.organisation, product="AFAS Profit Financieel", quantity=85,
                      price_per_period=Decimal("1006.25"), description="Licenties")
    make_subscription(cast.organisation, product="Oude testomgeving",
                      start_date=today - dt.timedelta(days=400),
                      end_date=today - dt.timedelta(days=30))
    page = client_for(cast.administrator.user).get(URL).content.decode()
    assert "AFAS Profit Financieel" in page and "Licenties" in page
    assert "€\xa01.006,25" in page
    assert "Maandelijks" in page
    assert "Actief" in page and "Niet actief" in page


def test_it_says_so_when_there_is_nothing(cast):
    page = client_for(cast.administrator.user).get(URL).content.decode()
    assert 'data-testid="no-invoices"' in page
    assert 'data-testid="no-subscriptions"' in page


def _queries(client) -> int:
    return queries_of(client, URL)


def test_query_count_is_the_same_for_1_and_50_invoices__R_X_3(cast):
    client = client_for(cast.administrator.user)
    make_invoice(cast.organisation, number="F2026-000200")
    make_subscription(cast.organisation)
    one = _queries(client)
    for number in range(49):
        make_invoice(cast.organisation, number=f"F2026-{number + 201:06d}")
        make_subscription(cast.organisation, product=f"Product {number}")
    assert _queries(client) == one
