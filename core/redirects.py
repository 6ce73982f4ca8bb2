from django.http import HttpRequest, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme


def redirect_back_target(request: HttpRequest, fallback: str = "dashboard") -> str:
    """The ``next`` of the form (POST) or link (GET) when it is a URL of this site, else the
    URL of ``fallback``."""
    target = (request.POST if request.method == "POST" else request.GET).get("next", "")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = reverse(fallback)
    return target


def redirect_back(request: HttpRequest, fallback: str = "dashboard") -> HttpResponseRedirect:
    """Redirect to the form's ``next`` when it is a URL of this site, else to ``fallback``."""
    return HttpResponseRedirect(redirect_back_target(request, fallback))
