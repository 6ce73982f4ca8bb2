"""The API under /api/ (R-API-1): the schema and its docs, and version 1 of the resources."""

from django.urls import path

import incidents.urls  # noqa: F401  (registers the incident_number converter)

from . import views, views_content, views_organisation

app_name = "api"


urlpatterns = [
    path("schema/", views.SchemaView.as_view(), name="schema"),
    path("docs/", views.DocsView.as_view(), name="docs"),
    path("redoc/", views.RedocView.as_view(), name="redoc"),
    path("v1/me/", views.MeView.as_view(), name="me"),
    path("v1/incidents/", views.IncidentListView.as_view(), name="incidents"),
    path("v1/incidents/<incident_number:number>/", views.IncidentDetailView.as_view(),
         name="incident-detail"),
    path("v1/incidents/<incident_number:number>/messages/", views.IncidentReplyView.as_view(),
         name="incident-reply"),
    path("v1/incidents/<incident_number:number>/solved/", views.IncidentSolvedView.as_view(),
         name="incident-solved"),
    path("v1/incidents/<incident_number:number>/attachments/<int:pk>/",
         views.IncidentAttachmentView.as_view(), name="incident-attachment"),
    path("v1/contacts/", views_organisation.ContactListView.as_view(), name="contacts"),
    path("v1/contacts/<int:pk>/", views_organisation.ContactDetailView.as_view(),
         name="contact-detail"),
    path("v1/contacts/<int:pk>/active/", views_organisation.ContactActiveView.as_view(),
         name="contact-active"),
    path("v1/organisation/", views_organisation.OrganisationView.as_view(),
         name="organisation"),
    path("v1/invoices/", views_organisation.InvoiceListView.as_view(), name="invoices"),
    path("v1/invoices/<str:number>/pdf/", views_organisation.InvoicePdfView.as_view(),
         name="invoice-pdf"),
    path("v1/courses/", views_content.CourseListView.as_view(), name="courses"),
    path("v1/enrolments/", views_content.EnrolmentListView.as_view(), name="enrolments"),
    path("v1/enrolments/<int:pk>/cancel/", views_content.EnrolmentCancelView.as_view(),
         name="enrolment-cancel"),
    path("v1/releases/", views_content.ReleaseListView.as_view(), name="releases"),
    path("v1/releases/<int:pk>/", views_content.ReleaseDetailView.as_view(),
         name="release-detail"),
    path("v1/releases/files/<int:pk>/", views_content.ReleaseDownloadView.as_view(),
         name="release-download"),
]
