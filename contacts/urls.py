from django.urls import path

from contacts import views

urlpatterns = [
    path("organisation/", views.organisation, name="organisation"),
    path("organisation/switch/", views.switch_organisation, name="switch_organisation"),
    path("contacts/", views.contact_list, name="contacts"),
    path("contacts/new/", views.contact_add, name="contact_add"),
    path("contacts/<int:pk>/", views.contact_detail, name="contact_detail"),
    path("contacts/<int:pk>/active/", views.contact_set_active, name="contact_set_active"),
    path("contacts/<int:pk>/delete/", views.contact_delete, name="contact_delete"),
    path("contacts/invitations/<int:pk>/", views.invitation_detail, name="invitation_detail"),
    path("contacts/invitations/<int:pk>/resend/", views.invitation_resend,
         name="invitation_resend"),
    path("contacts/invitations/<int:pk>/withdraw/", views.invitation_withdraw,
         name="invitation_withdraw"),
]
