from django.urls import path

from contacts import check_views

urlpatterns = [
    path("organisation/confirm/<token>/", check_views.confirm_organisation_check,
         name="confirm_organisation_check"),
]
