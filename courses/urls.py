from django.urls import path

from courses import views

urlpatterns = [
    path("courses/", views.catalogue, name="courses"),
    path("courses/mine/", views.my_courses, name="my_courses"),
    path("courses/events/<int:pk>/enrol/", views.enrol, name="course_enrol"),
    path("courses/enrolments/<int:pk>/cancel/", views.cancel, name="course_cancel"),
    path("courses/material/<int:pk>/", views.material, name="course_material"),
]
