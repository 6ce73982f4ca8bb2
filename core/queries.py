"""Query pieces every app uses."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import BooleanField, Expression, F, Func, IntegerField, QuerySet, Subquery


def count_of(rows: QuerySet) -> Subquery:
    """``(SELECT COUNT(*) FROM … WHERE …)`` as an expression: several counts of different
    tables then cost one query together (the dashboard's "what needs you", issue 14)."""
    return Subquery(rows.order_by().annotate(n=Func(F("pk"), function="COUNT"))
                    .values("n")[:1], output_field=IntegerField())


class AnyOf(Expression):
    """``field`` is one of the values ``rows`` selects (one column), as a filter condition.

    On PostgreSQL ``field = ANY(ARRAY(SELECT …))``: the subquery runs once, before the rest,
    and its array is an index condition, so an OR of it with other indexed conditions becomes
    one bitmap of index lookups (issue 15: with ``IN (SELECT …)`` or a correlated ``EXISTS``
    in an OR, PostgreSQL read every incident of the organisation). Elsewhere
    ``field IN (SELECT …)``."""

    conditional = True
    output_field = BooleanField()

    def __init__(self, field: str, rows: QuerySet) -> None:
        super().__init__()
        self.column, self.rows = F(field), Subquery(rows)

    def get_source_expressions(self) -> list[Any]:
        return [self.column, self.rows]

    def set_source_expressions(self, expressions: Sequence[Any]) -> None:
        self.column, self.rows = expressions

    def as_sql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, tuple]:
        column, column_params = compiler.compile(self.column)
        rows, rows_params = compiler.compile(self.rows)
        return f"{column} IN {rows}", (*column_params, *rows_params)

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, tuple]:
        column, column_params = compiler.compile(self.column)
        rows, rows_params = compiler.compile(self.rows)
        return f"{column} = ANY(ARRAY{rows})", (*column_params, *rows_params)


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
