"""The REST API's views (R-API-1/2): thin, like the pages. Each names the web page whose door it
shares (``web_views``: ``api.permissions`` asks that page's capabilities), reads through the
app's scoped queries (another organisation's object: 404) and changes through its actions
(gate, seat cap and audit apply as on the pages). Errors are problem details
(``api.problems``)."""
# DRF and drf-spectacular ship no type information (no stubs among the dependencies):

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from django.http import FileResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from drf_spectacular.views import (
    SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerSplitView,
)
from csp.decorators import csp_update
from rest_framework import status
from rest_framework.pagination import CursorPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from courses.gate import GateReason
from core.private_files import private_file_response
from incidents import actions as incident_actions
from incidents import queries as incident_queries
from incidents import views as incident_pages
from incidents.forms import IncidentFilter
from incidents.models import IncidentType, Priority, Status

from .models import AccessToken
from .problems import ProblemError
from .serializers import (
    IncidentCreateSerializer, IncidentDetailSerializer, IncidentPageSerializer,
    IncidentSerializer, MeSerializer,
    ProblemSerializer, ReplySerializer,
)

PROBLEMS = {code: OpenApiResponse(ProblemSerializer, description=text) for code, text in {
    400: "Validation error", 401: "Not authenticated", 403: "Permission denied",
    404: "Not found", 409: "Conflict with the incident's state", 429: "Throttled"}.items()}


def _problems(*codes: int) -> dict[tuple[int, str], OpenApiResponse]:
    """The errors an operation may answer, as RFC 9457 problem details."""
    return {(code, "application/problem+json"): PROBLEMS[code] for code in codes}


class PortalAPIView(APIView):
    """Every API view: ``web_views`` maps HTTP methods to the page whose door they share."""

    web_views: ClassVar[dict[str, Any]] = {}

    @property
    def contact(self) -> Any:
        return self.request.portal.contact


class IncidentCursor(CursorPagination):
    """Newest first, stable under new incidents (R-X-3: no count query, constant cost)."""

    ordering = ("-created_at", "-pk")
    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 100


def _refusal(error: Exception) -> Exception:
    """An incident action's refusal as the API answers it."""
    if isinstance(error, incident_actions.IncidentClosed):
        return ProblemError(409, "incident-closed",
                            _("This incident is closed: submit a new incident instead."))
    if isinstance(error, incident_actions.IncidentError):
        return ProblemError(409, "incident-state",
                            _("This is not possible in the incident's current status."))
    return error


class MeView(PortalAPIView):
    """Who the token or session acts as; any login (staff too) may ask."""

    any_login = True

    @extend_schema(responses={200: MeSerializer, **_problems(401, 429)})
    def get(self, request: Request) -> Response:
        contact = self.contact
        token = request.auth if isinstance(request.auth, AccessToken) else None
        return Response(MeSerializer({
            "email": request.user.email, "name": request.user.get_full_name(),
            "is_staff": request.user.is_staff,
            "organisation": contact.organisation.name if contact else None,
            "roles": sorted(role.value for role in contact.roles) if contact else [],
            "token_expires_at": token.expires_at if token else None,
        }).data)


class IncidentListView(PortalAPIView):
    """Incidents: own for submitters, the organisation's for administrators and viewers
    (R-ROLE-6/7); submitting needs SUBMIT_INCIDENTS and the starter course (R-GATE-1)."""

    web_views = {"GET": incident_pages.incident_list, "POST": incident_pages.incident_new}

    @extend_schema(
        parameters=[
            OpenApiParameter("q", str, description="Number, or words in subject or description"),
            OpenApiParameter("status", str, enum=Status.values),
            OpenApiParameter("incident_type", str, enum=IncidentType.values),
            OpenApiParameter("priority", int, enum=Priority.values),
            OpenApiParameter("page_size", int, description="At most 100"),
        ],
        operation_id="incidents_list",
        responses={200: IncidentPageSerializer, **_problems(401, 403, 429)})
    def get(self, request: Request) -> Response:
        contact = self.contact
        rows = IncidentFilter(request.query_params or None,
                              queryset=incident_queries.incident_list_for(contact)).qs
        paginator = IncidentCursor()
        page = paginator.paginate_queryset(rows, request, view=self)
        data = IncidentSerializer(page, many=True, context={"contact": contact}).data
        return paginator.get_paginated_response(data)

    @extend_schema(request=IncidentCreateSerializer, operation_id="incidents_create",
                   responses={201: IncidentDetailSerializer, **_problems(400, 401, 403, 429)})
    def post(self, request: Request) -> Response:
        contact = self.contact
        form = IncidentCreateSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        try:
            incident = incident_actions.submit_incident(
                contact=contact, subject=data["subject"], description=data["description"],
                incident_type=data["incident_type"], product_area=data["product_area"],
                environment=data["environment"], files=data["files"])
        except incident_actions.GateBlocked as blocked:
            raise _gate_problem(blocked.gate) from None
        incident = incident_queries.incident_thread(
            incident_queries.get_incident_for(contact, incident.number), messages=None)
        body = IncidentDetailSerializer(incident, context={"contact": contact}).data
        return Response(body, status=status.HTTP_201_CREATED,
                        headers={"Location": reverse("api:incident-detail",
                                                     args=[incident.number])})


def _gate_problem(gate: Any) -> ProblemError:
    """R-GATE-2: why the contact may not submit yet, and which course they need."""
    course = gate.course
    if gate.reason is GateReason.COURSE_NOT_PASSED and course is not None:
        detail = _("Pass the starter course %(course)s with at least %(grade)s before "
                   "submitting incidents.") % {"course": course.title,
                                               "grade": gate.required_grade}
    else:
        detail = _("You cannot submit incidents yet: your organisation's administrator or "
                   "Support has to arrange your starter course first.")
    return ProblemError(403, "starter-course-required", detail, reason=gate.reason.value,
                        course=course.code if course is not None else None)


class IncidentDetailView(PortalAPIView):
    """One incident with its public thread (R-INC-6/8); 404 unless the contact sees it."""

    web_views = {"GET": incident_pages.incident_detail}

    @extend_schema(responses={200: IncidentDetailSerializer, **_problems(401, 403, 404, 429)})
    def get(self, request: Request, number: str) -> Response:
        contact = self.contact
        incident = incident_queries.incident_thread(
            incident_queries.get_incident_for(contact, number), messages=None)
        return Response(IncidentDetailSerializer(incident, context={"contact": contact}).data)


class IncidentReplyView(PortalAPIView):
    """A reply by the owner or a follower who may write (R-INC-13, R-ROLE-13, R-MAIL-5)."""

    web_views = {"POST": incident_pages.incident_detail}

    @extend_schema(request=ReplySerializer,
                   responses={201: IncidentDetailSerializer,
                              **_problems(400, 401, 403, 404, 409, 429)})
    def post(self, request: Request, number: str) -> Response:
        contact = self.contact
        incident = incident_queries.get_incident_for(contact, number)
        form = ReplySerializer(data=request.data)
        form.is_valid(raise_exception=True)
        try:
            incident_actions.reply(contact=contact, incident=incident,
                                   body=form.validated_data["body"],
                                   files=form.validated_data["files"], now=timezone.now())
        except incident_actions.IncidentError as error:
            raise _refusal(error) from None
        incident = incident_queries.incident_thread(
            incident_queries.get_incident_for(contact, number), messages=None)
        return Response(IncidentDetailSerializer(incident, context={"contact": contact}).data,
                        status=status.HTTP_201_CREATED)


class IncidentSolvedView(PortalAPIView):
    """The owner marks their open incident solved (R-INC-15)."""

    web_views = {"POST": incident_pages.mark_solved}

    @extend_schema(request=None,
                   responses={200: IncidentSerializer, **_problems(401, 403, 404, 409, 429)})
    def post(self, request: Request, number: str) -> Response:
        contact = self.contact
        incident = incident_queries.get_incident_for(contact, number)
        try:
            incident_actions.mark_solved(contact=contact, incident=incident, now=timezone.now())
        except incident_actions.IncidentError as error:
            raise _refusal(error) from None
        incident = incident_queries.get_incident_for(contact, number)
        return Response(IncidentSerializer(incident, context={"contact": contact}).data)


class IncidentAttachmentView(PortalAPIView):
    """A file of a visible incident, not of an internal note (R-INC-9); 404 otherwise."""

    web_views = {"GET": incident_pages.attachment}

    @extend_schema(responses={(200, "application/octet-stream"): OpenApiTypes.BINARY,
                              **_problems(401, 403, 404, 429)})
    def get(self, request: Request, number: str, pk: int) -> FileResponse:
        item = incident_queries.get_attachment_for(self.contact, number, pk)
        return private_file_response(item.file, filename=Path(item.name).name,
                                     content_type=item.content_type)


# Documentation ---------------------------------------------------------------------------
# Swagger UI and Redoc come from drf-spectacular-sidecar's static files (no CDN). The split
# view loads its start script from a URL, so no inline script is needed; both UIs set inline
# styles (and Redoc starts a worker from a blob), which only these two pages allow: the rest
# of the site keeps its strict policy.
DOCS_CSP = {"style-src": ["'unsafe-inline'"], "worker-src": ["'self'", "blob:"],
            "img-src": ["data:"]}


@method_decorator(csp_update(DOCS_CSP), name="dispatch")
class DocsView(SpectacularSwaggerSplitView):
    url_name = "api:schema"
    authentication_classes = ()
    permission_classes = ()


@method_decorator(csp_update(DOCS_CSP), name="dispatch")
class RedocView(SpectacularRedocView):
    """Redoc (its footer's "powered by" logo from Redocly's CDN is blocked by the CSP: the
    one request to another host the page tries, and it never leaves the browser)."""

    url_name = "api:schema"
    template_name = "api/redoc.html"
    authentication_classes = ()
    permission_classes = ()

    @extend_schema(exclude=True)
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        response = super().get(request, *args, **kwargs)
        response.data["favicon_href"] = SpectacularSwaggerSplitView._swagger_ui_favicon()
        return response


class SchemaView(SpectacularAPIView):
    authentication_classes = ()
    permission_classes = ()
