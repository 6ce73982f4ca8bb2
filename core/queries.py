"""Query pieces every app uses."""

from __future__ import annotations

from django.db.models import F, Func, IntegerField, QuerySet, Subquery


def count_of(rows: QuerySet) -> Subquery:
    """``(SELECT COUNT(*) FROM … WHERE …)`` as an expression: several counts of different
    tables then cost one query together (the dashboard's "what needs you", issue 14)."""
    return Subquery(rows.order_by().annotate(n=Func(F("pk"), function="COUNT"))
                    .values("n")[:1], output_field=IntegerField())
