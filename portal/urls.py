from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from accounts import mfa_views
from portal import views
from portal.admin_site import require_second_factor

admin.site.site_header = _("Klantportal administration")
admin.site.site_title = _("Klantportal administration")
admin.site.index_title = _("Support staff")
require_second_factor(admin.site)  # R-X-7

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("healthz", views.healthz, name="healthz"),
    path("accounts/", include("allauth.urls")),
    path("second-factor/continue/", mfa_views.continue_after_enrolment,
         name="second_factor_continue"),
    path("admin/", admin.site.urls),
    path("", include("accounts.urls")),
    path("", include("contacts.checks.urls")),
    path("", include("contacts.urls")),
    path("", include("invoices.urls")),
    path("", include("courses.urls")),
    path("", include("incidents.urls")),
    path("", include("knowledge.urls")),
    path("", include("care.urls")),
    path("", include("partners.urls")),
    path("", include("updates.urls")),
    path("", include("consultancy.urls")),
    path("", include("webhooks.urls")),
    path("", include("api.web_urls")),
    path("api/", include("api.urls")),
    path("", include("sso.urls")),
]

handler403 = "portal.views.permission_denied"
handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"
