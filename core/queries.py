"""Query pieces every app uses."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import F, Func, IntegerField, QuerySet, Subquery


def count_of(rows: QuerySet) -> Subquery:
    """``(SELECT COUNT(*) FROM … WHERE …)`` as an expression: several counts of different
    tables then cost one query together (the dashboard's "what needs you", issue 14)."""
    return Subquery(rows.order_by().annotate(n=Func(F("pk"), function="COUNT"))
                    .values("n")[:1], output_field=IntegerField())


class NarrowPaginator(Paginator):
    """Pages of a queryset whose rows carry costly annotations (subqueries per row). With a
    plain ``OFFSET``, PostgreSQL computes every skipped row's annotations: page 401 of a
    10,000-incident list took 10 s. Here a narrow subquery picks the page's ids by the same
    filters and order, and only those rows are annotated and joined; still one query per
    page (issue 15)."""

    def __init__(self, object_list: QuerySet, per_page: int, **kwargs: Any) -> None:
        super().__init__(object_list, per_page, **kwargs)
        self.rows = object_list

    def page(self, number: int | str) -> Page:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        ids = self.rows.values("pk")[bottom:top]
        return Page(self.rows.filter(pk__in=Subquery(ids)), number, self)
