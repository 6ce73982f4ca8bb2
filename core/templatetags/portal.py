from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag(takes_context=True)
def query_with(context, **changes) -> str:
    """The current query string with some parameters replaced (keeps filters when paging)."""
    query = context["request"].GET.copy()
    for key, value in changes.items():
        query[key] = value
    return query.urlencode()


@register.filter
def audit_value(value: object) -> str:
    """An audit-trail value as a reader expects it: the log stores None, True and False as
    the strings "None", "True" and "False"."""
    text = "" if value is None else str(value)
    if text in ("", "None"):
        return "—"
    if text == "True":
        return str(_("Yes"))
    if text == "False":
        return str(_("No"))
    return text


@register.filter
def contact_name(contact) -> str:
    """A contact's name (else email); "former contact" for one the administrators removed,
    whose personal data may be gone (R-ROLE-18)."""
    if contact is None:
        return "–"
    if contact.removed_at is not None:
        return str(_("former contact"))
    return contact.user.get_full_name() or contact.user.email
