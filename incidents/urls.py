from django.urls import path

from incidents import views

urlpatterns = [
    path("support/", views.support, name="support"),
]
