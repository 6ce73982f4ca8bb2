from django.urls import path

from webhooks import views

urlpatterns = [
    path("webhooks/", views.endpoint_list, name="webhooks"),
    path("webhooks/new/", views.endpoint_new, name="webhook_new"),
    path("webhooks/<int:pk>/", views.endpoint_detail, name="webhook_detail"),
    path("webhooks/<int:pk>/edit/", views.endpoint_edit, name="webhook_edit"),
    path("webhooks/<int:pk>/rotate/", views.endpoint_rotate, name="webhook_rotate"),
    path("webhooks/<int:pk>/enabled/", views.endpoint_set_enabled, name="webhook_enabled"),
    path("webhooks/<int:pk>/deliveries/<int:delivery>/resend/", views.delivery_resend,
         name="webhook_resend"),
]
