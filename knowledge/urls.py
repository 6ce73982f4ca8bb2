from django.urls import path

from knowledge import views

urlpatterns = [
    path("knowledge/", views.article_list, name="knowledge"),
    path("knowledge/suggest/", views.suggest, name="knowledge_suggest"),
    path("knowledge/registered-integrations/", views.registered_integrations,
         name="knowledge_registered_integrations"),
    path("knowledge/<slug:slug>/", views.article_detail, name="knowledge_article"),
    path("knowledge/<slug:slug>/answered/", views.answered, name="knowledge_answered"),
]
