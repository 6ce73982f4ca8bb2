from django.urls import path

from sso import views

urlpatterns = [
    path("sso/login/", views.sso_login, name="sso_login"),
]
