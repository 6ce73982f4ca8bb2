"""The organisation's side of the API (R-API-2): contacts for administrators (list, invite,
roles, deactivate: R-ROLE-8/15, seat cap R-QUOTA-5, gate R-GATE-4, audit R-ROLE-17), the
organisation's details (R-ROLE-5/9) and invoices (R-ROLE-10). Input is validated by the web
pages' own forms, so the API accepts exactly what the pages accept, and a field the form does
not have (certified expert, R-QUOTA-7) is ignored; changes go through ``contacts.actions``."""
# DRF and drf-spectacular ship no type information (no stubs among the dependencies):

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from allauth.account.internal.flows.reauthentication import is_reauthentication_required
from django import forms
from django.forms.models import model_to_dict
from django.http import FileResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, status
from rest_framework.pagination import CursorPagination
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.permissions import Capability, can
from contacts import actions as contact_actions
from contacts import views as contact_pages
from contacts.forms import (
    PROFILE_REQUIRED, ContactRolesForm, InviteContactForm, OrganisationForm,
)
from contacts.queries import contacts_of, get_contact_for
from contacts.seats import seat_status
from invoices import views as invoice_pages
from invoices.forms import InvoiceFilterForm
from invoices.queries import get_invoice_for, invoices_for

from .models import AccessToken
from .problems import ProblemError
from .serializers import (
    ActiveSerializer, ContactChangeSerializer, ContactPageSerializer, ContactSerializer,
    InvitationSerializer, InviteSerializer, InvoicePageSerializer, InvoiceSerializer,
    OrganisationChangeSerializer, OrganisationSerializer,
)
from .views import PortalAPIView, _problems


class ByPk(CursorPagination):
    """Lists that grow (R-X-3): a stable cursor, no count query."""

    ordering: tuple[str, ...] = ("pk",)
    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 100


class NewestInvoiceFirst(ByPk):
    ordering = ("-invoice_date", "-pk")


def _invalid(form: forms.BaseForm) -> exceptions.ValidationError:
    """The form's errors as the 400 problem's ``errors`` (``__all__`` for the whole form)."""
    return exceptions.ValidationError({field: [str(message) for message in messages]
                                       for field, messages in form.errors.items()})


def _contact_refusal(error: contact_actions.ContactError) -> Exception:
    """A refusal of ``contacts.actions`` as the API answers it (the page's messages)."""
    if isinstance(error, contact_actions.SeatsFull):
        return ProblemError(409, "seats-full", contact_pages.seats_full_message(error),
                            seats_in_use=error.in_use, seats=error.maximum)
    if isinstance(error, contact_actions.LastAdministrator):
        return ProblemError(409, "last-administrator", _(
            "The organisation must keep at least one active administrator. Appoint another "
            "administrator first."))
    if isinstance(error, contact_actions.ProfileRequired):
        return exceptions.ValidationError({"submission_profile": [str(
            PROFILE_REQUIRED)]})
    if isinstance(error, contact_actions.AlreadyContact):
        return ProblemError(409, "already-contact", _(
            "%(email)s is already a contact of this organisation.")
            % {"email": error.contact.user.email})
    if isinstance(error, contact_actions.AlreadyInvited):
        return ProblemError(409, "already-invited", _(
            "%(email)s has already been invited to this organisation.")
            % {"email": error.invitation.email})
    return ProblemError(409, "not-possible", _("This change is not possible."))


def _body(request: Request) -> Mapping[str, Any]:
    """The request's fields: a JSON object or a form; anything else is a 400 problem."""
    if not isinstance(request.data, Mapping):
        raise exceptions.ValidationError({"non_field_errors": [_("Send a JSON object.")]})
    return request.data


def _require_recent_login(request: Request) -> None:
    """R-X-7 for the browser: roles and deactivation need a recent password with the session,
    as on the pages. A token is its own proof (made on a page that asked for it)."""
    if isinstance(request.auth, AccessToken):
        return
    if is_reauthentication_required(request._request, app=""):
        raise ProblemError(403, "reauthentication-required", _(
            "Confirm your password on the portal first, then try again."))


class ContactListView(PortalAPIView):
    """"My contacts" (R-ROLE-8) and inviting someone to join (R-X-6, R-QUOTA-5)."""

    web_views = {"GET": contact_pages.contact_list, "POST": contact_pages.contact_add}

    @extend_schema(operation_id="contacts_list",
                   parameters=[OpenApiParameter("page_size", int, description="At most 100")],
                   responses={200: ContactPageSerializer, **_problems(401, 403, 429)})
    def get(self, request: Request) -> Response:
        paginator = ByPk()
        page = paginator.paginate_queryset(contacts_of(self.contact.organisation), request,
                                           view=self)
        return paginator.get_paginated_response(ContactSerializer(page, many=True).data)

    @extend_schema(operation_id="contacts_invite", request=InviteSerializer,
                   responses={201: InvitationSerializer,
                              **_problems(400, 401, 403, 409, 429)})
    def post(self, request: Request) -> Response:
        contact = self.contact
        form = InviteContactForm.for_organisation(contact.organisation, _body(request))
        if not form.is_valid():
            raise _invalid(form)
        try:
            invitation = contact_actions.invite_contact(
                actor=contact, email=form.cleaned_data["email"],
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"], changes=form.changes())
        except contact_actions.ContactError as error:
            raise _contact_refusal(error) from None
        return Response(InvitationSerializer(invitation).data, status=status.HTTP_201_CREATED)


class ContactDetailView(PortalAPIView):
    """One contact of the organisation (another organisation's: 404); PATCH changes roles,
    submission profile and job title under the seat cap and the profile rule (audited)."""

    web_views = {"GET": contact_pages.contact_detail, "PATCH": contact_pages.contact_detail}

    @extend_schema(responses={200: ContactSerializer, **_problems(401, 403, 404, 429)})
    def get(self, request: Request, pk: int) -> Response:
        return Response(ContactSerializer(get_contact_for(self.contact, pk)).data)

    @extend_schema(request=ContactChangeSerializer,
                   responses={200: ContactSerializer,
                              **_problems(400, 401, 403, 404, 409, 429)})
    def patch(self, request: Request, pk: int) -> Response:
        target = get_contact_for(self.contact, pk)
        _require_recent_login(request)
        current = ContactRolesForm.for_contact(target).initial
        sent = _body(request)
        data = {**current, **{field: sent[field] for field in current if field in sent}}
        form = ContactRolesForm.for_contact(target, data)
        if not form.is_valid():
            raise _invalid(form)
        try:
            changed = contact_actions.update_contact(actor=self.contact, contact=target,
                                                     changes=form.changes())
        except contact_actions.ContactError as error:
            raise _contact_refusal(error) from None
        return Response(ContactSerializer(changed).data)


class ContactActiveView(PortalAPIView):
    """Deactivate a contact (they can no longer work in this organisation) or reactivate
    them (a submitter's seat must be free, R-QUOTA-5)."""

    web_views = {"POST": contact_pages.contact_set_active}

    @extend_schema(request=ActiveSerializer,
                   responses={200: ContactSerializer,
                              **_problems(400, 401, 403, 404, 409, 429)})
    def post(self, request: Request, pk: int) -> Response:
        target = get_contact_for(self.contact, pk)
        _require_recent_login(request)
        form = ActiveSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        try:
            changed = contact_actions.set_contact_active(
                actor=self.contact, contact=target, active=form.validated_data["active"])
        except contact_actions.ContactError as error:
            raise _contact_refusal(error) from None
        return Response(ContactSerializer(get_contact_for(self.contact, changed.pk)).data)


class OrganisationView(PortalAPIView):
    """The active organisation: its brief details for employees (R-ROLE-5); administrators
    change them and the invoice contact (R-ROLE-9, audited R-ROLE-17)."""

    web_views = {"GET": contact_pages.organisation, "PATCH": Capability.EDIT_ORGANISATION}

    @extend_schema(responses={200: OrganisationSerializer, **_problems(401, 403, 429)})
    def get(self, request: Request) -> Response:
        organisation = self.contact.organisation
        full = can(self.contact, Capability.EDIT_ORGANISATION)
        return Response(OrganisationSerializer(
            organisation, context={"seats": seat_status(organisation) if full else None}).data)

    @extend_schema(request=OrganisationChangeSerializer,
                   responses={200: OrganisationSerializer, **_problems(400, 401, 403, 429)})
    def patch(self, request: Request) -> Response:
        organisation = self.contact.organisation
        fields = OrganisationForm.Meta.fields
        sent = _body(request)
        data: dict[str, Any] = {**model_to_dict(organisation, fields=fields),
                                **{field: sent[field] for field in fields if field in sent}}
        if data.get("invoice_contact") is None:
            data["invoice_contact"] = ""
        form = OrganisationForm(data, instance=organisation)
        if not form.is_valid():
            raise _invalid(form)
        try:
            contact_actions.update_organisation(actor=self.contact, organisation=organisation,
                                                fields=form.cleaned_data)
        except contact_actions.ContactError as error:
            raise _contact_refusal(error) from None
        organisation.refresh_from_db()
        return Response(OrganisationSerializer(
            organisation, context={"seats": seat_status(organisation)}).data)


class InvoiceListView(PortalAPIView):
    """The organisation's invoices, newest first, optionally by status (R-ROLE-10)."""

    web_views = {"GET": invoice_pages.invoices}

    @extend_schema(operation_id="invoices_list", parameters=[
        OpenApiParameter("status", str, enum=["open", "paid"]),
        OpenApiParameter("page_size", int, description="At most 100")],
        responses={200: InvoicePageSerializer, **_problems(401, 403, 429)})
    def get(self, request: Request) -> Response:
        chosen = InvoiceFilterForm(request.query_params or None).chosen_status()
        paginator = NewestInvoiceFirst()
        page = paginator.paginate_queryset(
            invoices_for(self.contact.organisation, status=chosen), request, view=self)
        return paginator.get_paginated_response(InvoiceSerializer(page, many=True).data)


class InvoicePdfView(PortalAPIView):
    """An invoice's PDF, only of the organisation's own invoices (404 otherwise)."""

    web_views = {"GET": invoice_pages.invoice_pdf}

    @extend_schema(responses={(200, "application/pdf"): OpenApiTypes.BINARY,
                              **_problems(401, 403, 404, 429)})
    def get(self, request: Request, number: str) -> FileResponse:
        return invoice_pages.pdf_response(get_invoice_for(self.contact.organisation, number))
