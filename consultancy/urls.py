from django.urls import path

from consultancy import views

urlpatterns = [
    path("consultancy/", views.overview, name="consultancy"),
    path("consultancy/projects/<int:pk>/", views.project, name="consultancy_project"),
    path("consultancy/visits/", views.visits, name="consultancy_visits"),
]
