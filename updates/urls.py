from django.urls import path

from updates import views

urlpatterns = [
    path("updates/", views.release_list, name="updates"),
    path("updates/<int:pk>/", views.release_detail, name="release"),
    path("updates/files/<int:pk>/", views.download, name="release_download"),
    path("updates/unsubscribe/<str:token>/", views.unsubscribe, name="updates_unsubscribe"),
]
