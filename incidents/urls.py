from django.urls import path

from incidents import views

urlpatterns = [
    path("support/", views.support, name="support"),
    path("incidents/", views.incident_list, name="incidents"),
    path("incidents/new/", views.incident_new, name="incident_new"),
    path("incidents/<str:number>/", views.incident_detail, name="incident_detail"),
    path("incidents/<str:number>/submitted/", views.incident_submitted,
         name="incident_submitted"),
    path("incidents/<str:number>/deadline/", views.incident_deadline,
         name="incident_deadline"),
    path("incidents/<str:number>/access/", views.grant_access, name="incident_grant_access"),
    path("incidents/<str:number>/access/<int:pk>/revoke/", views.revoke_access,
         name="incident_revoke_access"),
    path("incidents/<str:number>/survey/", views.answer_survey, name="incident_survey"),
    path("incidents/<str:number>/solved/", views.mark_solved, name="incident_mark_solved"),
    path("incidents/<str:number>/withdraw/", views.withdraw, name="incident_withdraw"),
    path("incidents/<str:number>/hand-over/", views.hand_over, name="incident_hand_over"),
    path("incidents/<str:number>/attachments/<int:pk>/", views.attachment,
         name="incident_attachment"),
]
