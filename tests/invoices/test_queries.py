"""Organisation-scoped reads of invoices and subscriptions (R-ROLE-10, R-ROLE-14)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.http import Http404
from django.utils import timezone

from invoices.models import InvoiceStatus
from invoices.queries import get_invoice_for, invoices_for, subscriptions_for
from tests.invoices.factories import make_invoice, make_subscription

pytestmark = pytest.mark.django_db


def test_invoices_for_is_scoped_and_newest_first__R_ROLE_10(cast):
    older = make_invoice(cast.organisation, invoice_date=dt.date(2026, 1, 1))
    newer = make_invoice(cast.organisation, invoice_date=dt.date(2026, 2, 1))
    make_invoice(cast.other_organisation)
    assert list(invoices_for(cast.organisation)) == [newer, older]


def test_invoices_for_filters_on_status(cast):
    today = timezone.localdate()
    paid = make_invoice(cast.organisation, paid_at=timezone.now())
    open_ = make_invoice(cast.organisation, invoice_date=today, due_date=today)
    overdue = make_invoice(cast.organisation, invoice_date=today - dt.timedelta(days=20),
                           due_date=today - dt.timedelta(days=1))
    assert set(invoices_for(cast.organisation, status=InvoiceStatus.PAID)) == {paid}
    assert set(invoices_for(cast.organisation, status=InvoiceStatus.OPEN)) == {open_, overdue}
    assert set(invoices_for(cast.organisation, status=InvoiceStatus.OVERDUE)) == {overdue}


def test_get_invoice_for_raises_404_for_another_organisation__R_ROLE_14(cast):
    invoice = make_invoice(cast.organisation, number="F2026-000500")
    assert get_invoice_for(cast.organisation, "F2026-000500") == invoice
    with pytest.raises(Http404):
        get_invoice_for(cast.other_organisation, "F2026-000500")
    with pytest.raises(Http404):
        get_invoice_for(cast.organisation, "F2026-000501")


def test_subscriptions_for_is_scoped_open_ended_first(cast):
    ended = make_subscription(cast.organisation, product="A", end_date=dt.date(2025, 12, 31))
    running = make_subscription(cast.organisation, product="B")
    make_subscription(cast.other_organisation, product="C")
    assert list(subscriptions_for(cast.organisation)) == [running, ended]
