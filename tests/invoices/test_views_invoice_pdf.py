"""/invoices/<number>/pdf/: the PDF through an access-checked view (R-ROLE-10, R-ROLE-14)."""

from __future__ import annotations

from urllib.parse import unquote

import pytest
from django.core.files.storage import default_storage
from django.http import Http404

from invoices.queries import get_invoice_for

from tests.conftest import client_for
from tests.invoices.factories import make_invoice

pytestmark = pytest.mark.django_db


@pytest.fixture
def invoice(cast):
    return make_invoice(cast.organisation, number="F2026-000123")


def test_it_requires_login(client, invoice):
    response = client.get("/invoices/F2026-000123/pdf/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_it_returns_the_pdf_as_attachment__R_ROLE_10(cast, invoice):
    response = client_for(cast.administrator.user).get("/invoices/F2026-000123/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="F2026-000123.pdf"'
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    body = b"".join(response.streaming_content)
    with default_storage.open(invoice.pdf.name, "rb") as stored:
        assert body == stored.read()
    assert body.startswith(b"%PDF-") and b"F2026-000123" in body


def test_it_hides_other_organisation__R_ROLE_14(cast, invoice):
    """Another organisation's administrator gets 404, not 403: the number is not revealed."""
    response = client_for(cast.other_administrator.user).get("/invoices/F2026-000123/pdf/")
    assert response.status_code == 404


def test_an_unknown_number_is_404(cast, invoice):
    client = client_for(cast.administrator.user)
    assert client.get("/invoices/F2026-999999/pdf/").status_code == 404
    assert client.get("/invoices/%3Cscript%3E/pdf/").status_code == 404


def test_an_invoice_without_pdf_is_404(cast):
    make_invoice(cast.organisation, number="F2026-000124", pdf=False)
    response = client_for(cast.administrator.user).get("/invoices/F2026-000124/pdf/")
    assert response.status_code == 404


def test_a_pdf_missing_from_storage_is_404_not_500__R_X_2(cast, invoice):
    default_storage.delete(invoice.pdf.name)
    response = client_for(cast.administrator.user).get("/invoices/F2026-000123/pdf/")
    assert response.status_code == 404


@pytest.mark.parametrize("who", ["employee", "submitter", "viewer", "no_role", "expert"])
def test_only_administrators_download__R_ROLE_10(cast, invoice, who):
    response = client_for(getattr(cast, who).user).get("/invoices/F2026-000123/pdf/")
    assert response.status_code == 403



@pytest.mark.parametrize("number", ["F2026%00", "..%2FF2026-000123", "F2026 000123"])
def test_an_impossible_number_is_404_without_a_query__R_ROLE_14(cast, invoice, number,
                                                                  django_assert_num_queries):
    """A number no invoice can have (NUL, which PostgreSQL refuses, a slash, a space) is a
    404 before the database is asked: never a 500."""
    with django_assert_num_queries(0), pytest.raises(Http404):
        get_invoice_for(cast.organisation, unquote(number))
    assert client_for(cast.administrator.user).get(f"/invoices/{number}/pdf/").status_code == 404
