from django.urls import path, register_converter

from incidents import views
from incidents.converters import IncidentNumberConverter

register_converter(IncidentNumberConverter, "incident_number")

urlpatterns = [
    path("support/", views.support, name="support"),
    path("support/meekijken/", views.screen_sharing, name="screen_sharing"),
    path("incidents/", views.incident_list, name="incidents"),
    path("incidents/new/", views.incident_new, name="incident_new"),
    path("incidents/<incident_number:number>/", views.incident_detail, name="incident_detail"),
    path("incidents/<incident_number:number>/submitted/", views.incident_submitted,
         name="incident_submitted"),
    path("incidents/<incident_number:number>/messages/", views.incident_messages,
         name="incident_messages"),
    path("incidents/<incident_number:number>/deadline/", views.incident_deadline,
         name="incident_deadline"),
    path("incidents/<incident_number:number>/access/", views.grant_access,
         name="incident_grant_access"),
    path("incidents/<incident_number:number>/access/<int:pk>/revoke/", views.revoke_access,
         name="incident_revoke_access"),
    path("incidents/<incident_number:number>/session/", views.start_session,
         name="incident_start_session"),
    path("incidents/<incident_number:number>/session/<int:pk>/end/", views.end_session,
         name="incident_end_session"),
    path("incidents/<incident_number:number>/backup/", views.grant_backup,
         name="incident_grant_backup"),
    path("incidents/<incident_number:number>/backup/<int:pk>/revoke/", views.revoke_backup,
         name="incident_revoke_backup"),
    path("incidents/<incident_number:number>/survey/", views.answer_survey,
         name="incident_survey"),
    path("incidents/<incident_number:number>/solved/", views.mark_solved,
         name="incident_mark_solved"),
    path("incidents/<incident_number:number>/withdraw/", views.withdraw,
         name="incident_withdraw"),
    path("incidents/<incident_number:number>/hand-over/", views.hand_over,
         name="incident_hand_over"),
    path("incidents/<incident_number:number>/attachments/<int:pk>/", views.attachment,
         name="incident_attachment"),
    path("incidents/<incident_number:number>/followers/", views.add_follower,
         name="incident_add_follower"),
    path("incidents/<incident_number:number>/followers/<int:pk>/remove/", views.remove_follower,
         name="incident_remove_follower"),
    path("incidents/<incident_number:number>/follow/", views.follow, name="incident_follow"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="incident_unsubscribe"),
]
