from django import template

from sso.forms import FindProviderForm

register = template.Library()


@register.simple_tag
def sso_find_provider_form() -> FindProviderForm:
    """An empty form for the login page's "Log in with your organisation's account"
    (R-SSO-1); its id prefix keeps its field apart from the password form's email field."""
    return FindProviderForm(auto_id="id_sso_%s")
