from django import template
from django.core.exceptions import NON_FIELD_ERRORS
from django.forms import BaseForm
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


@register.inclusion_tag("_error_summary.html", takes_context=True)
def error_summary(context) -> dict[str, object]:
    """The GOV.UK error summary: every bound form on the page that has errors, listed at the
    top with a link to each field. It takes the focus when the page loads (``autofocus`` on
    a focusable box: no JavaScript), so the reader lands on what needs fixing however long
    the page is; the fields keep their own messages below."""
    entries: list[tuple[str, str, str]] = []
    seen: set[int] = set()
    for value in context.flatten().values():
        if not isinstance(value, BaseForm) or not value.is_bound or id(value) in seen:
            continue
        seen.add(id(value))
        if not value.errors:
            continue
        for name, errors in value.errors.items():
            if name == NON_FIELD_ERRORS or name not in value.fields:
                entries.extend(("", "", str(error)) for error in errors)
                continue
            field = value[name]
            anchor = "" if field.is_hidden else f"#{field.id_for_label}"
            entries.extend((anchor, str(field.label), str(error)) for error in errors)
    return {"entries": entries}
