"""What the API shows and accepts. Input serializers name only the fields a customer may set
(the web forms' fields): anything else in a request is ignored, never applied (R-API-2).
Output is read from the scoped queries' rows; internal notes never appear (R-INC-8)."""
# DRF and drf-spectacular ship no type information (no stubs among the dependencies):

from __future__ import annotations

import html
from typing import Any

from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from contacts.models import Contact
from incidents.attachments import MAX_FILES
from incidents.forms import TEXT_MAX_LENGTH
from incidents.models import (
    CLOCK_RUNNING, Attachment, Environment, Incident, IncidentType, Message, MessageKind,
    ProductArea, Status, customer_status_label,
)
from incidents.templatetags.incident_tags import staff_name


def _person(contact: Contact | None) -> str | None:
    if contact is None:
        return None
    return contact.user.get_full_name() or contact.user.email


class AttachmentSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)
    size = serializers.IntegerField(read_only=True)
    content_type = serializers.CharField(read_only=True)
    created_at = serializers.DateTimeField(read_only=True)
    url = serializers.SerializerMethodField()

    def get_url(self, attachment: Attachment) -> str:
        return reverse("api:incident-attachment",
                       args=[self.context["number"], attachment.pk])


class MessageSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    kind = serializers.ChoiceField(choices=[MessageKind.CUSTOMER, MessageKind.PUBLIC,
                                            MessageKind.PORTAL], read_only=True)
    author = serializers.SerializerMethodField()
    body = serializers.CharField(read_only=True)
    created_at = serializers.DateTimeField(read_only=True)
    attachments = serializers.SerializerMethodField()

    def get_author(self, message: Message) -> str:
        if message.kind == MessageKind.CUSTOMER:
            return _person(message.author_contact) or str(_("Former contact"))
        if message.kind == MessageKind.PUBLIC and message.author_user is not None:
            # As the pages name staff: first name and "(Support)", no address.
            return html.unescape(strip_tags(staff_name(message.author_user))).strip()
        return "Klantportal"

    @extend_schema_field(AttachmentSerializer(many=True))
    def get_attachments(self, message: Message) -> list[dict]:
        return AttachmentSerializer(getattr(message, "files", []), many=True,
                                    context=self.context).data


class IncidentSerializer(serializers.Serializer):
    """An incident as the list shows it."""

    number = serializers.CharField(read_only=True)
    subject = serializers.CharField(read_only=True)
    incident_type = serializers.ChoiceField(choices=IncidentType.choices, read_only=True)
    product_area = serializers.ChoiceField(choices=ProductArea.choices, read_only=True)
    environment = serializers.ChoiceField(choices=Environment.choices, read_only=True)
    status = serializers.ChoiceField(choices=Status.choices, read_only=True)
    status_label = serializers.SerializerMethodField()
    priority = serializers.IntegerField(read_only=True, allow_null=True)
    reporter = serializers.SerializerMethodField()
    owner = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField(read_only=True)
    updated_at = serializers.DateTimeField(read_only=True)
    resolved_at = serializers.DateTimeField(read_only=True, allow_null=True)
    target_at = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    def get_status_label(self, incident: Incident) -> str:
        contact = self.context.get("contact")
        for_owner = contact is not None and contact.pk == incident.owner_id
        return customer_status_label(incident.status, for_owner=for_owner)

    def get_reporter(self, incident: Incident) -> str | None:
        return _person(incident.reporter)

    def get_owner(self, incident: Incident) -> str | None:
        return _person(incident.owner)

    @extend_schema_field(serializers.DateTimeField(allow_null=True))
    def get_target_at(self, incident: Incident) -> object:
        """The SLA target while the clock runs (R-INC-4); none while waiting or after."""
        target = incident.target_at if incident.status in CLOCK_RUNNING else None
        return serializers.DateTimeField().to_representation(target) if target else None

    def get_url(self, incident: Incident) -> str:
        return reverse("api:incident-detail", args=[incident.number])


class IncidentPageSerializer(serializers.Serializer):
    """A page of the cursor-paginated list: follow ``next`` until it is null."""

    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = IncidentSerializer(many=True)


class IncidentDetailSerializer(IncidentSerializer):
    """One incident with its description, files and public messages (never internal notes)."""

    description = serializers.CharField(read_only=True)
    attachments = serializers.SerializerMethodField()
    messages = serializers.SerializerMethodField()

    @extend_schema_field(AttachmentSerializer(many=True))
    def get_attachments(self, incident: Incident) -> list[dict]:
        return AttachmentSerializer(getattr(incident, "form_files", []), many=True,
                                    context={**self.context, "number": incident.number}).data

    @extend_schema_field(MessageSerializer(many=True))
    def get_messages(self, incident: Incident) -> list[dict]:
        return MessageSerializer(incident.thread.messages, many=True,
                                 context={**self.context, "number": incident.number}).data


class _Files(serializers.ListField):
    child = serializers.FileField()
    max_length = MAX_FILES


class IncidentCreateSerializer(serializers.Serializer):
    """The fields of the web form (R-INC-1); priority, status, team and the like are set by
    support and are not fields here (R-INC-4)."""

    subject = serializers.CharField(max_length=200)
    description = serializers.CharField(max_length=TEXT_MAX_LENGTH)
    incident_type = serializers.ChoiceField(choices=IncidentType.choices)
    product_area = serializers.ChoiceField(choices=ProductArea.choices)
    environment = serializers.ChoiceField(choices=Environment.choices,
                                          default=Environment.PRODUCTION)
    files = _Files(required=False, default=list, help_text=_("Attachments (multipart)."))


class ReplySerializer(serializers.Serializer):
    body = serializers.CharField(max_length=TEXT_MAX_LENGTH)
    files = _Files(required=False, default=list, help_text=_("Attachments (multipart)."))


class MeSerializer(serializers.Serializer):
    email = serializers.EmailField(read_only=True)
    name = serializers.CharField(read_only=True)
    is_staff = serializers.BooleanField(read_only=True)
    organisation = serializers.CharField(read_only=True, allow_null=True)
    roles = serializers.ListField(child=serializers.CharField(), read_only=True)
    token_expires_at = serializers.DateTimeField(read_only=True, allow_null=True)


class ProblemSerializer(serializers.Serializer):
    """RFC 9457 problem details (every error of this API)."""

    type = serializers.URLField()
    title = serializers.CharField()
    status = serializers.IntegerField()
    detail = serializers.CharField()
    errors = serializers.DictField(child=serializers.ListField(child=serializers.CharField()),
                                   required=False)


# The organisation's side ----------------------------------------------------------------


class ContactSerializer(serializers.Serializer):
    """A contact as "My contacts" shows it (R-ROLE-8); certified-expert status is shown and
    is never input (R-QUOTA-7)."""

    id = serializers.IntegerField(read_only=True)
    email = serializers.EmailField(source="user.email", read_only=True)
    first_name = serializers.CharField(source="user.first_name", read_only=True)
    last_name = serializers.CharField(source="user.last_name", read_only=True)
    job_title = serializers.CharField(read_only=True)
    roles = serializers.SerializerMethodField()
    submission_profile = serializers.CharField(read_only=True)
    certified_expert = serializers.BooleanField(read_only=True)
    is_active = serializers.BooleanField(read_only=True)
    created_at = serializers.DateTimeField(read_only=True)

    def get_roles(self, contact: Contact) -> list[str]:
        return sorted(role.value for role in contact.roles)


class ContactPageSerializer(serializers.Serializer):
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = ContactSerializer(many=True)


def _role_choices() -> list[tuple[str, Any]]:
    from accounts.roles import Role

    return list(Role.choices)


def _profile_choices() -> list[tuple[str, Any]]:
    from contacts.models import SubmissionProfile

    return [("", "—"), *SubmissionProfile.choices]


class ContactChangeSerializer(serializers.Serializer):
    """What an administrator changes (the page's form); fields left out stay as they are."""

    roles = serializers.ListField(child=serializers.ChoiceField(choices=_role_choices()),
                                  required=False)
    submission_profile = serializers.ChoiceField(choices=_profile_choices(), required=False)
    job_title = serializers.CharField(max_length=100, required=False, allow_blank=True)


class InviteSerializer(ContactChangeSerializer):
    email = serializers.EmailField()
    first_name = serializers.CharField(max_length=150)
    last_name = serializers.CharField(max_length=150)


class InvitationSerializer(serializers.Serializer):
    """An invitation: the address typed and its state, nothing about the person (R-X-6)."""

    id = serializers.IntegerField(read_only=True)
    email = serializers.EmailField(read_only=True)
    roles = serializers.SerializerMethodField()
    submission_profile = serializers.CharField(read_only=True)
    invited_at = serializers.DateTimeField(read_only=True)
    pending = serializers.BooleanField(source="is_pending", read_only=True)

    def get_roles(self, invitation: Any) -> list[str]:
        return sorted(role.value for role in invitation.roles)


class ActiveSerializer(serializers.Serializer):
    active = serializers.BooleanField()


class OrganisationSerializer(serializers.Serializer):
    """The organisation's details: all of them, with the seats, for administrators; the
    brief ones (``BRIEF``) for employees."""

    name = serializers.CharField(read_only=True)
    street = serializers.CharField(read_only=True)
    postal_code = serializers.CharField(read_only=True)
    city = serializers.CharField(read_only=True)
    country = serializers.CharField(read_only=True)
    phone = serializers.CharField(read_only=True)
    email = serializers.CharField(read_only=True)
    service_level = serializers.CharField(read_only=True)
    invoice_contact = serializers.IntegerField(source="invoice_contact_id", read_only=True,
                                               allow_null=True)
    require_mfa = serializers.BooleanField(read_only=True)
    seats_in_use = serializers.SerializerMethodField()
    seats = serializers.SerializerMethodField()

    # R-ROLE-5: contacts who may not edit the organisation read its brief details only.
    BRIEF = ("name", "street", "postal_code", "city", "country", "service_level")

    def to_representation(self, instance: Any) -> dict:
        data = super().to_representation(instance)
        if self.context.get("seats") is None:
            return {field: data[field] for field in self.BRIEF}
        return data

    @extend_schema_field(serializers.IntegerField(required=False))
    def get_seats_in_use(self, organisation: Any) -> int | None:
        seats = self.context.get("seats")
        return seats.in_use if seats is not None else None

    @extend_schema_field(serializers.IntegerField(allow_null=True, required=False))
    def get_seats(self, organisation: Any) -> int | None:
        seats = self.context.get("seats")
        return seats.maximum if seats is not None else None


class OrganisationChangeSerializer(serializers.Serializer):
    """The fields of the organisation page's form; fields left out stay as they are."""

    name = serializers.CharField(max_length=200, required=False)
    street = serializers.CharField(max_length=200, required=False, allow_blank=True)
    postal_code = serializers.CharField(max_length=20, required=False, allow_blank=True)
    city = serializers.CharField(max_length=100, required=False, allow_blank=True)
    country = serializers.CharField(max_length=100, required=False, allow_blank=True)
    phone = serializers.CharField(max_length=30, required=False, allow_blank=True)
    email = serializers.EmailField(required=False, allow_blank=True)
    invoice_contact = serializers.IntegerField(required=False, allow_null=True)
    require_mfa = serializers.BooleanField(required=False)


class InvoiceSerializer(serializers.Serializer):
    number = serializers.CharField(read_only=True)
    invoice_date = serializers.DateField(read_only=True)
    due_date = serializers.DateField(read_only=True)
    amount = serializers.DecimalField(max_digits=12, decimal_places=2, read_only=True)
    description = serializers.CharField(read_only=True)
    status = serializers.CharField(read_only=True)
    paid_at = serializers.DateTimeField(read_only=True, allow_null=True)
    pdf_url = serializers.SerializerMethodField()

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_pdf_url(self, invoice: Any) -> str | None:
        if not invoice.pdf:
            return None
        return reverse("api:invoice-pdf", args=[invoice.number])


class InvoicePageSerializer(serializers.Serializer):
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = InvoiceSerializer(many=True)


# Courses and the Update Center -------------------------------------------------------------


class EventSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    starts_at = serializers.DateTimeField(read_only=True)
    ends_at = serializers.DateTimeField(read_only=True)
    online = serializers.BooleanField(read_only=True)
    location = serializers.CharField(read_only=True)
    capacity = serializers.IntegerField(read_only=True)
    seats_left = serializers.IntegerField(read_only=True)
    my_enrolment = serializers.SerializerMethodField()

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_my_enrolment(self, event: Any) -> int | None:
        return event.mine[0].pk if event.mine else None


class CourseSerializer(serializers.Serializer):
    code = serializers.CharField(read_only=True)
    title = serializers.CharField(read_only=True)
    level = serializers.CharField(read_only=True)
    description = serializers.CharField(read_only=True)
    is_starter = serializers.BooleanField(read_only=True)
    events = EventSerializer(source="upcoming", many=True, read_only=True)


class EnrolmentSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    event = serializers.IntegerField(source="event_id", read_only=True)
    course = serializers.CharField(source="event.course.code", read_only=True)
    starts_at = serializers.DateTimeField(source="event.starts_at", read_only=True)
    status = serializers.CharField(read_only=True)
    waiting_position = serializers.IntegerField(read_only=True, allow_null=True)


class EnrolSerializer(serializers.Serializer):
    event = serializers.IntegerField(min_value=1)


class ReleaseFileSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)
    size = serializers.IntegerField(read_only=True)
    sha256 = serializers.CharField(read_only=True)
    url = serializers.SerializerMethodField()

    def get_url(self, release_file: Any) -> str:
        return reverse("api:release-download", args=[release_file.pk])


class ReleaseSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    version = serializers.CharField(read_only=True)
    kind = serializers.CharField(read_only=True)
    released_on = serializers.DateField(read_only=True)
    is_important = serializers.BooleanField(read_only=True)
    url = serializers.SerializerMethodField()

    def get_url(self, release: Any) -> str:
        return reverse("api:release-detail", args=[release.pk])


class ReleasePageSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = ReleaseSerializer(many=True)


class ReleaseDetailSerializer(ReleaseSerializer):
    """The notes as written (Markdown), in Dutch and, when there, English."""

    notes = serializers.CharField(read_only=True)
    notes_en = serializers.CharField(read_only=True)
    files = ReleaseFileSerializer(many=True, read_only=True, source="files.all")
