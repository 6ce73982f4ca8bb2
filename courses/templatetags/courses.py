from __future__ import annotations

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def page_query(context, parameter: str, number: int) -> str:
    """The current query string with one list's page number replaced, so that two paginated
    lists on one page (and the other list's place) are kept."""
    query = context["request"].GET.copy()
    query[parameter] = number
    return query.urlencode()
