from django.urls import path

from accounts import views

urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("language/", views.change_language, name="change_language"),
    path("invitation/<str:uidb64>/<str:token>/", views.accept_invitation,
         name="accept_invitation"),
    path("invitations/", views.my_invitations, name="my_invitations"),
    path("invitations/<int:pk>/accept/", views.invitation_accept, name="invitation_accept"),
    path("invitations/<int:pk>/decline/", views.invitation_decline, name="invitation_decline"),
    path("organisation/choose/", views.choose_organisation, name="choose_organisation"),
]
