from django.urls import path

from accounts import views

urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("language/", views.change_language, name="change_language"),
    path("invitation/<str:uidb64>/<str:token>/", views.accept_invitation,
         name="accept_invitation"),
]
