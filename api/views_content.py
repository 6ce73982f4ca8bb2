"""Courses and the Update Center through the API (R-API-2): the catalogue and one's own
enrolments (R-ROLE-2, R-COURSE-1: enrolling and cancelling through ``courses.actions``), and
releases with their files for EMPLOYEE and ADMINISTRATOR (R-ROLE-4), downloaded through the
Update Center's own recorded, resumable response (R-UPD-3)."""
# DRF and drf-spectacular ship no type information (no stubs among the dependencies):

from __future__ import annotations

from django.http import HttpResponseBase
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response

from courses import actions as course_actions
from courses import queries as course_queries
from courses import views as course_pages
from contacts.models import Contact
from courses.forms import CatalogueFilterForm
from courses.models import Enrolment
from updates import actions as update_actions
from updates import downloads
from updates import queries as update_queries
from updates import views as update_pages
from updates.forms import ReleaseFilterForm

from .problems import ProblemError
from .serializers import (
    CourseSerializer, EnrolmentSerializer, EnrolSerializer, ReleaseDetailSerializer,
    ReleasePageSerializer, ReleaseSerializer,
)
from .views import PortalAPIView, _problems


class CourseListView(PortalAPIView):
    """The catalogue: active courses with their upcoming events (three queries)."""

    web_views = {"GET": course_pages.catalogue}

    @extend_schema(operation_id="courses_list",
                   parameters=[OpenApiParameter("level", str)],
                   responses={200: CourseSerializer(many=True), **_problems(401, 403, 429)})
    def get(self, request: Request) -> Response:
        level = CatalogueFilterForm(request.query_params or None).chosen_level()
        courses = course_queries.catalogue_for(self.contact, now=timezone.now(), level=level)
        return Response(CourseSerializer(courses, many=True).data)


def _enrolment_of(contact: Contact, pk: int) -> Enrolment | None:
    """The contact's enrolment with its waiting-list position, as the list shows it."""
    return course_queries.enrolments_of(contact, now=timezone.now()).filter(pk=pk).first()


class EnrolmentListView(PortalAPIView):
    """One's own enrolments and waiting places; POST enrols (a full event: the waiting
    list, R-COURSE-1)."""

    web_views = {"GET": course_pages.my_courses, "POST": course_pages.enrol}

    @extend_schema(operation_id="enrolments_list",
                   responses={200: EnrolmentSerializer(many=True), **_problems(401, 403, 429)})
    def get(self, request: Request) -> Response:
        rows = course_queries.enrolments_of(self.contact, now=timezone.now())
        return Response(EnrolmentSerializer(rows, many=True).data)

    @extend_schema(operation_id="enrolments_create", request=EnrolSerializer,
                   responses={201: EnrolmentSerializer,
                              **_problems(400, 401, 403, 404, 409, 429)})
    def post(self, request: Request) -> Response:
        form = EnrolSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        event = course_queries.get_event_for(self.contact, form.validated_data["event"])
        try:
            enrolment = course_actions.enrol(contact=self.contact, event=event)
        except course_actions.EventClosed:
            raise ProblemError(409, "event-closed", _(
                "You cannot enrol: the event has started or was cancelled.")) from None
        except course_actions.AlreadyEnrolled as already:
            raise ProblemError(409, "already-enrolled", _(
                "You are already enrolled or on the waiting list."),
                enrolment=already.enrolment.pk) from None
        return Response(EnrolmentSerializer(_enrolment_of(self.contact, enrolment.pk)).data,
                        status=status.HTTP_201_CREATED)


class EnrolmentCancelView(PortalAPIView):
    """Cancel one's own enrolment or leave the waiting list; the freed seat goes to the
    first in line (R-COURSE-1). Another contact's enrolment: 404."""

    web_views = {"POST": course_pages.cancel}

    @extend_schema(request=None, responses={204: None, **_problems(401, 403, 404, 409, 429)})
    def post(self, request: Request, pk: int) -> Response:
        enrolment = course_queries.get_enrolment_for(self.contact, pk)
        try:
            course_actions.cancel_enrolment(contact=self.contact, enrolment=enrolment)
        except course_actions.EventClosed:
            raise ProblemError(409, "event-closed", _(
                "You can no longer cancel: the event has started.")) from None
        return Response(status=status.HTTP_204_NO_CONTENT)


class ReleasePages(PageNumberPagination):
    """Releases keep the Update Center's order (newest first, or since a version)."""

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100


class ReleaseListView(PortalAPIView):
    """Published releases, filtered by kind and version, searched, or since a version
    (R-UPD-2, R-ROLE-4)."""

    web_views = {"GET": update_pages.release_list}

    @extend_schema(operation_id="releases_list", parameters=[
        OpenApiParameter("kind", str), OpenApiParameter("version", str),
        OpenApiParameter("q", str), OpenApiParameter("since", str),
        OpenApiParameter("page", int), OpenApiParameter("page_size", int)],
        responses={200: ReleasePageSerializer, **_problems(401, 403, 404, 429)})
    def get(self, request: Request) -> Response:
        chosen = ReleaseFilterForm(request.query_params or None).chosen()
        paginator = ReleasePages()
        page = paginator.paginate_queryset(
            update_queries.releases_for(self.contact, chosen), request, view=self)
        return paginator.get_paginated_response(ReleaseSerializer(page, many=True).data)


class ReleaseDetailView(PortalAPIView):
    """A published release with its notes and files (size, SHA-256: R-UPD-1)."""

    web_views = {"GET": update_pages.release_detail}

    @extend_schema(responses={200: ReleaseDetailSerializer, **_problems(401, 403, 404, 429)})
    def get(self, request: Request, pk: int) -> Response:
        release = update_queries.get_release_for(self.contact, pk)
        return Response(ReleaseDetailSerializer(release).data)


class ReleaseDownloadView(PortalAPIView):
    """A release file: the Update Center's own response (resumable with Range, served by
    the web server when configured) and recorded once per download (R-UPD-3)."""

    web_views = {"GET": update_pages.download}

    @extend_schema(responses={(200, "application/octet-stream"): OpenApiTypes.BINARY,
                              **_problems(401, 403, 404, 429)})
    def get(self, request: Request, pk: int) -> HttpResponseBase:
        release_file = update_queries.get_file_for(self.contact, pk)
        response = downloads.serve(request._request, release_file)
        if downloads.is_new_download(request._request, response):
            update_actions.record_download(contact=self.contact, release_file=release_file)
        return response
