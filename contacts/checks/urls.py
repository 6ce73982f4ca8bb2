from django.urls import path

from . import views

urlpatterns = [
    path("organisation/confirm/<token>/", views.confirm_organisation_check,
         name="confirm_organisation_check"),
]
