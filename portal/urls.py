from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from portal import views

admin.site.site_header = _("Klantportal administration")
admin.site.site_title = _("Klantportal administration")
admin.site.index_title = _("Support staff")

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("healthz", views.healthz, name="healthz"),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("", include("accounts.urls")),
    path("", include("contacts.check_urls")),
    path("", include("contacts.urls")),
    path("", include("invoices.urls")),
    path("", include("courses.urls")),
    path("", include("incidents.urls")),
    path("", include("knowledge.urls")),
    path("", include("care.urls")),
    path("", include("partners.urls")),
    path("", include("updates.urls")),
]

handler403 = "portal.views.permission_denied"
handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"
