from django.urls import path

from partners import views

urlpatterns = [
    path("partners/", views.public_list, name="partners"),
    path("partner/", views.portal, name="partner"),
    path("partner/details/", views.details, name="partner_details"),
    path("partner/documents/<int:pk>/", views.document, name="partner_document"),
    path("partner/integrations/<int:pk>/notice/", views.give_notice,
         name="partner_give_notice"),
]
