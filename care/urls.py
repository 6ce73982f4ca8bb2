from django.urls import path

from care import views

urlpatterns = [
    path("feedback/", views.feedback, name="feedback"),
    path("feedback/<int:pk>/", views.feedback_detail, name="feedback_detail"),
    path("feedback/extra-support/", views.extra_support, name="extra_support"),
]
