"""The support desk in the admin: the incident queue with SLA badges and filters, changes
through the actions (priority, status, team, assignee, public reply, internal note, remote
access), routing rules and teams, survey results, opening hours (schedules and exceptions,
R-INC-16) and the Customer Care report (R-INC-3 … R-INC-12), and who owns the incident with
its hand-overs (R-INC-13), and whether the reporter and owner may still submit."""

from __future__ import annotations

import datetime as dt
import re
import threading

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.dates import WEEKDAYS, WEEKDAYS_ABBR
from django.utils.formats import localize
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.permissions import require_staff, staff_may
from accounts.staff import staff_member
from contacts.models import Contact
from courses.gate import GateReason, GateStatus, submission_gate
from core.private_files import private_file_response

from . import actions, remote, sla
from .forms import AttachmentsField, help_files
from .models import (
    CLOCK_RUNNING, NUMBER_PATTERN, WEEKDAY_FIELDS, Attachment, BackupPermission, BusyNotice,
    Follower, InboundEmail, Incident, Message, MessageKind, OpeningException, OpeningSchedule,
    OwnerChange,
    RemoteAccessGrant, RemoteSession, RoutingRule, SatisfactionSurvey, Status, StatusChange,
    SupportCode, SupportTeam,
)
from .mailbox import is_configured as mailbox_configured
from .queries import is_active_contact, question_signals
from .calendar import SupportCalendar

# The Customer Care report looks back this far (R-INC-12).
SIGNAL_DAYS = 90
_request_local = threading.local()


class _OpeningHoursAdmin(admin.ModelAdmin):
    """Changes of opening hours go through their actions, which move running SLA targets
    along (R-INC-16)."""

    save_action: staticmethod
    delete_action: staticmethod
    keyword: str

    def save_model(self, request, obj, form, change) -> None:
        self.save_action(actor=staff_member(request), **{self.keyword: obj})

    def delete_model(self, request, obj) -> None:
        self.delete_action(actor=staff_member(request), **{self.keyword: obj})

    def delete_queryset(self, request, queryset) -> None:
        for obj in queryset:
            self.delete_action(actor=staff_member(request), **{self.keyword: obj})


@admin.register(BusyNotice)
class BusyNoticeAdmin(admin.ModelAdmin):
    """Support switches "exceptionally busy" on (R-INC-17): saving goes through the action,
    which tells the open P4 incidents in scope; ending one early is the list's action. Not
    deleted: the messages on the incidents name it."""

    list_display = ["__str__", "product_area", "expected_end", "ended_at", "active"]
    list_filter = ["product_area"]
    fields = ["product_area", "expected_end", "message", "starts_at", "ended_at"]
    readonly_fields = ["starts_at", "ended_at"]
    actions = ["end_now"]

    @admin.display(description=_("active"), boolean=True)
    def active(self, notice: BusyNotice) -> bool:
        return notice.is_active(timezone.now())

    def get_readonly_fields(self, request, obj=None):
        # The scope is fixed once switched on: the incidents told were told for it.
        return [*self.readonly_fields, "product_area"] if obj else self.readonly_fields

    def save_model(self, request, obj, form, change) -> None:
        actions.save_busy_notice(actor=staff_member(request), notice=obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.action(description=_("End now"), permissions=["change"])
    def end_now(self, request, queryset) -> None:
        for notice in queryset:
            actions.end_busy_notice(actor=staff_member(request), notice=notice)
        self.message_user(request, gettext("The notice has ended."))


@admin.register(OpeningException)
class OpeningExceptionAdmin(_OpeningHoursAdmin):
    list_display = ["date", "reason", "opens", "closes"]
    search_fields = ["reason"]
    date_hierarchy = "date"
    fields = ["date", "reason", "opens", "closes"]
    save_action = staticmethod(actions.save_opening_exception)
    delete_action = staticmethod(actions.delete_opening_exception)
    keyword = "exception"


@admin.register(OpeningSchedule)
class OpeningScheduleAdmin(_OpeningHoursAdmin):
    list_display = ["valid_from", "week"]
    fieldsets = [
        (None, {"fields": ["valid_from"],
                "description": _("The schedule holds from this date until the next schedule "
                                 "starts. Leave a day's times empty when the desk is closed "
                                 "that day.")}),
        # One line per weekday; django-stubs types fieldsets as literals, not comprehensions.
        *[(WEEKDAYS[weekday], {"fields": ((f"{day}_opens", f"{day}_closes"),)})  # type: ignore[list-item]
          for weekday, day in enumerate(WEEKDAY_FIELDS)],
    ]
    save_action = staticmethod(actions.save_opening_schedule)
    delete_action = staticmethod(actions.delete_opening_schedule)
    keyword = "schedule"

    @admin.display(description=_("hours"))
    def week(self, schedule: OpeningSchedule) -> str:
        hours = schedule.hours()
        return ", ".join(f"{WEEKDAYS_ABBR[weekday]} {opens:%H:%M}–{closes:%H:%M}"
                         for weekday, (opens, closes) in sorted(hours.items())) or "–"


@admin.register(SupportTeam)
class SupportTeamAdmin(admin.ModelAdmin):
    list_display = ["name"]
    search_fields = ["name"]


@admin.register(RoutingRule)
class RoutingRuleAdmin(admin.ModelAdmin):
    list_display = ["product_area", "incident_type", "team"]
    list_filter = ["product_area", "team"]


class SlaFilter(admin.SimpleListFilter):
    title = _("target")
    parameter_name = "sla"

    def lookups(self, request, model_admin):
        return [("breached", _("past the target")), ("at_risk", _("at risk")),
                ("paused", _("waiting for the customer"))]

    def queryset(self, request, queryset):
        now = timezone.now()
        running = queryset.filter(status__in=CLOCK_RUNNING)
        if self.value() == "breached":
            return running.filter(target_at__lte=now)
        if self.value() == "at_risk":
            return running.filter(at_risk_at__lte=now, target_at__gt=now)
        if self.value() == "paused":
            return queryset.filter(status=Status.WAITING)
        return queryset


class HistoryInline(admin.TabularInline):
    """A part of the incident's history for staff, read only: the actions write these rows,
    nobody adds or deletes them here. ``related`` is loaded with the rows (no query per
    row)."""

    extra = 0
    can_delete = False
    related: tuple[str, ...] = ()

    def get_queryset(self, request):
        return super().get_queryset(request).select_related(*self.related)

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class CustomerSideInline(HistoryInline):
    """History that has no model permissions of its own in the staff groups: whoever may
    view the incident sees it, and nobody changes it."""

    def has_view_permission(self, request, obj=None) -> bool:
        return staff_may(request.user, "incidents.view_incident")

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class MessageInline(HistoryInline):
    """The whole thread for staff, internal notes included; new ones go through the form's
    reply and note fields (the actions), never through this inline."""

    model = Message
    fields = ("created_at", "kind", "author", "body")
    readonly_fields = fields
    related = ("incident", "author_user", "author_contact__user")

    @admin.display(description=_("from"))
    def author(self, message: Message) -> str:
        if message.kind == MessageKind.PORTAL:
            return gettext("The customer portal")
        person = message.author_user or (message.author_contact and message.author_contact.user)
        return str(person or "–")


class AttachmentInline(HistoryInline):
    """The files of the incident and its messages, downloaded through a staff view (the
    private folder has no URL of its own, R-INC-9)."""

    model = Attachment
    fields = ("download", "size", "content_type", "message", "created_at")
    readonly_fields = fields
    related = ("message__incident",)

    @admin.display(description=_("file"))
    def download(self, attachment: Attachment) -> str:
        return format_html('<a href="{}">{}</a>', reverse(
            "admin:incidents_attachment_file", args=[attachment.pk]), attachment.name)


def _original_link(record: InboundEmail) -> str:
    if not record.raw:
        return "–"
    return format_html('<a href="{}">{}</a>', reverse("admin:incidents_inbound_original",
                                                      args=[record.pk]), gettext("original"))


class InboundEmailInline(HistoryInline):
    """The emails that came in for the incident (R-MAIL-1): what each did, and the original
    as it arrived (private storage, through a staff view)."""

    model = InboundEmail
    fields = ("received_at", "sender", "subject", "outcome", "reason", "original", "message")
    readonly_fields = fields
    related = ("message__incident",)
    verbose_name_plural = _("emails received")

    @admin.display(description=_("original email"))
    def original(self, record: InboundEmail) -> str:
        return _original_link(record)

def _mailbox_notice(request: HttpRequest) -> None:
    """Staff see when the support mailbox is not fetched (R-MAIL-1: ``make run``)."""
    if not mailbox_configured():
        messages.warning(request, gettext(
            "The support mailbox is not configured (INCIDENT_MAILBOX_URL): replies and new "
            "incidents by email are not fetched."))


@admin.register(InboundEmail)
class InboundEmailAdmin(admin.ModelAdmin):
    """Every email the support mailbox received, also the refused and the dropped ones
    (R-MAIL-1 … 4), with the original."""

    list_display = ["received_at", "sender", "subject", "outcome", "reason", "incident",
                    "answered"]
    list_filter = ["outcome", "reason", "answered"]
    list_select_related = ["incident"]
    search_fields = ["sender", "subject", "=incident__number", "=message_id_header"]
    fields = ("received_at", "sender", "subject", "message_id_header", "outcome", "reason",
              "answered", "incident", "message", "size", "original")
    readonly_fields = fields
    ordering = ["-received_at", "-pk"]

    @admin.display(description=_("original email"))
    def original(self, record: InboundEmail) -> str:
        return _original_link(record)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def changelist_view(self, request: HttpRequest, extra_context=None):
        _mailbox_notice(request)
        return super().changelist_view(request, extra_context)

    def get_urls(self):
        return [path("<int:pk>/original/", self.admin_site.admin_view(self.original_view),
                     name="incidents_inbound_original"),
                *super().get_urls()]

    def original_view(self, request: HttpRequest, pk: int) -> FileResponse:
        """The email as it arrived (.eml), for staff who may see received emails."""
        require_staff(request.user, "incidents.view_inboundemail")
        record = get_object_or_404(InboundEmail, pk=pk)
        return private_file_response(record.raw, filename=f"email-{record.pk}.eml",
                                     content_type="message/rfc822")


class StatusChangeInline(HistoryInline):
    model = StatusChange
    fields = ("at", "from_status", "to_status", "reason", "by_user", "by_contact")
    readonly_fields = fields
    related = ("incident", "by_user", "by_contact__user", "by_contact__organisation")


class OwnerChangeInline(CustomerSideInline):
    """Hand-overs by the customer's administrators (R-INC-13), read only; staff who may see
    the incident see them."""

    model = OwnerChange
    fields = ("at", "from_owner", "to_owner", "by_contact")
    readonly_fields = fields
    related = ("incident", "from_owner__user", "from_owner__organisation", "to_owner__user",
               "to_owner__organisation", "by_contact__user", "by_contact__organisation")


class FollowerInline(CustomerSideInline):
    """Who follows the incident and gets its emails (R-MAIL-5), read only: the customer
    decides."""

    model = Follower
    fields = ("contact", "added_at", "added_by", "removed_at", "removed_by")
    readonly_fields = fields
    related = ("incident", "contact__user", "contact__organisation", "added_by__user",
               "added_by__organisation", "removed_by__user", "removed_by__organisation")


class GrantInline(HistoryInline):
    model = RemoteAccessGrant
    fields = ("requested_at", "requested_by", "reason", "level", "granted_at", "expires_at",
              "revoked_at")
    readonly_fields = fields
    related = ("incident", "requested_by")


class SupportCodeInline(HistoryInline):
    """One-time support codes (R-INC-11): only their state, never the code (it is hashed;
    the engineer saw it once when it was created)."""

    model = SupportCode
    fields = ("created_at", "created_by", "expires_at", "failed_tries", "locked_at", "used_at",
              "state")
    readonly_fields = fields
    related = ("incident", "created_by")

    @admin.display(description=_("state"))
    def state(self, code: SupportCode) -> str:
        return code.state(timezone.now())


class RemoteSessionInline(HistoryInline):
    """Screen-sharing sessions started with a code: who confirmed, which engineer, from when
    to when (R-INC-11); "End the running screen-sharing session" above ends one."""

    model = RemoteSession
    fields = ("started_at", "engineer", "confirmed_by", "ended_at", "ended_by")
    readonly_fields = fields
    related = ("incident", "engineer", "confirmed_by__user", "confirmed_by__organisation",
               "ended_by_user", "ended_by_contact__user")

    @admin.display(description=_("ended by"))
    def ended_by(self, session: RemoteSession) -> str:
        person = session.ended_by_user or (session.ended_by_contact
                                           and session.ended_by_contact.user)
        return str(person or "–")


class BackupPermissionInline(HistoryInline):
    """The customer's permissions to request a backup (R-INC-11): active, expired, revoked
    or only requested."""

    model = BackupPermission
    fields = ("requested_at", "requested_by", "reason", "granted_by", "granted_at",
              "expires_at", "revoked_at", "state")
    readonly_fields = fields
    related = ("incident", "requested_by", "granted_by__user", "granted_by__organisation")

    @admin.display(description=_("state"))
    def state(self, permission: BackupPermission) -> str:
        return permission.state(timezone.now())


class IncidentForm(forms.ModelForm):
    """Priority, status, team and assignee, plus a public reply, an internal note and a
    remote-access request: ``IncidentAdmin.save_model`` hands each change to its action, and
    ``clean`` asks the actions' refusal functions first, so the form says in words what the
    action would refuse."""

    public_reply = forms.CharField(label=_("Public reply (emailed to the reporter)"),
                                   required=False, widget=forms.Textarea(attrs={"rows": 3}))
    # The customer downloads these through the access-checked view (R-INC-9); internal
    # notes take no files, so no staff-only file can reach a customer (R-INC-8).
    reply_files = AttachmentsField(label=_("Files with the public reply"))
    internal_note = forms.CharField(label=_("Internal note (never shown to the customer)"),
                                    required=False, widget=forms.Textarea(attrs={"rows": 3}))
    request_access = forms.CharField(
        label=_("Ask the customer for remote access (reason)"), required=False, max_length=300)
    # R-INC-11 ways b and c.
    create_support_code = forms.BooleanField(
        label=_("Create a one-time support code"), required=False,
        help_text=_("Shown once after saving: read it out to the customer, who enters it on "
                    "the incident page or on /support/meekijken/ to start screen sharing."))
    end_sessions = forms.BooleanField(label=_("End the running screen-sharing session"),
                                      required=False)
    request_backup = forms.CharField(
        label=_("Ask the customer for permission to request a backup (reason)"),
        required=False, max_length=300)

    class Meta:
        model = Incident
        fields = ["status", "priority", "team", "assignee"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reply_files"].help_text = help_files()

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        incident = self.instance
        target = cleaned.get("status")
        if "status" in self.changed_data and target is not None and (
                refused := actions.transition_refusal(incident, target)):
            message = gettext("From “%(from)s” the status cannot go to “%(to)s”.")
            self.add_error("status", message % {"from": Status(refused.from_status).label,
                                                "to": Status(refused.to_status).label})
        if "priority" in self.changed_data and actions.priority_refusal(
                incident, cleaned.get("priority")):
            self.add_error("priority", gettext("Priority 1 is only for First Class organisations."))
        if actions.closed_refusal(incident) and (
                cleaned.get("public_reply") or cleaned.get("request_access")
                or cleaned.get("create_support_code") or cleaned.get("request_backup")
                or {"priority", "team", "assignee"} & set(self.changed_data)):
            raise ValidationError(gettext("This incident is closed: it takes no more changes."))
        if "priority" in self.changed_data and cleaned.get("priority") is None:
            self.add_error("priority",
                           gettext("A priority, once set, can be changed but not removed."))
        if cleaned.get("reply_files") and not cleaned.get("public_reply"):
            self.add_error("public_reply", gettext("Write the public reply these files go with."))
        return cleaned


def _badge(deadline: sla.Deadline) -> str:
    if deadline.paused:
        return format_html('<span class="kp-badge kp-paused">{}</span>', gettext("paused"))
    if not deadline.running:
        return "–"
    css = "kp-breached" if deadline.breached else "kp-ok"
    text = (gettext("%(time)s over") if deadline.breached else gettext("%(time)s left")) % {
        "time": deadline.hours_left}
    return format_html('<span class="kp-badge {}" title="{}">{}</span>', css,
                       timezone.localtime(deadline.target_at).strftime("%Y-%m-%d %H:%M"), text)


def _inactive_reason(contact: Contact) -> str:
    """Which part of ``is_active_contact`` fails, in words for Support."""
    if contact.removed_at is not None:
        return gettext("removed from the organisation")
    if not contact.is_active:
        return gettext("contact deactivated")
    if not contact.user.is_active:
        return gettext("login inactive")
    if not contact.organisation.is_active:
        return gettext("organisation inactive")
    return gettext("not active any more")


def _gate_reason(contact: Contact, gate: GateStatus) -> str:
    reason, course, required = gate.reason, gate.course, localize(gate.required_grade)
    if reason is GateReason.NO_ROLE:
        return gettext("no role Submit incidents")
    if reason is GateReason.NO_PROFILE:
        return gettext("starter-course gate: no submission profile")
    if reason is GateReason.NO_COURSE_CONFIGURED:
        return gettext("starter-course gate: no starter course configured for the profile "
                       "“%(profile)s”") % {"profile": contact.get_submission_profile_display()}
    if gate.best_grade is None:
        return gettext("starter-course gate: “%(course)s” not passed (no grade yet, "
                       "%(required)s needed)") % {"course": course, "required": required}
    return gettext("starter-course gate: “%(course)s” not passed (best grade %(grade)s, "
                   "%(required)s needed)") % {"course": course, "grade": localize(gate.best_grade),
                                              "required": required}


def submit_status(contact: Contact) -> str:
    """May this contact submit incidents now, and if not why: an active contact (R-INC-13,
    R-ROLE-18) with the role (R-ROLE-6, R-ROLE-13) past the starter-course gate (R-GATE-1/4).
    The rules are the portal's own (``is_active_contact``, ``submission_gate``); the seat cap
    never takes the role from a holder (R-QUOTA-6), so it is no reason here."""
    if not is_active_contact(contact):
        return format_html('<span class="kp-badge kp-breached">{}</span> {}',
                           gettext("may not submit"), _inactive_reason(contact))
    gate = submission_gate(contact)
    if gate.may_submit:
        detail = (gettext("joined before the starter-course gate")
                  if gate.reason is GateReason.EXEMPT
                  else gettext("passed “%(course)s”") % {"course": gate.course})
        return format_html('<span class="kp-badge kp-ok">{}</span> {}',
                           gettext("may submit"), detail)
    return format_html('<span class="kp-badge kp-breached">{}</span> {}',
                       gettext("may not submit"),
                       _gate_reason(contact, gate))


@admin.register(Incident)
class IncidentAdmin(admin.ModelAdmin):
    form = IncidentForm
    list_display = ["number", "subject", "organisation", "status", "short_priority",
                    "time_left", "team", "assignee", "created_at"]
    list_display_links = ["number", "subject"]
    list_filter = [SlaFilter, "status", "priority", "team", "assignee", "incident_type",
                   "product_area", "channel"]
    list_select_related = ["organisation", "reporter__user", "team", "assignee"]
    # A number given on the phone is found exactly; names and emails by part.
    search_fields = ["=number", "organisation__name", "reporter__user__email",
                     "reporter__user__first_name", "reporter__user__last_name",
                     "owner__user__email", "subject"]
    search_help_text = _("Number, organisation, reporter or subject.")
    readonly_fields = ["number", "organisation", "reporter", "owner", "subject", "description",
                       "incident_type", "product_area", "environment", "created_at",
                       "target_at", "time_left", "waited_for_customer",
                       "reporter_may_submit", "owner_may_submit", "channel"]
    fieldsets = [
        (None, {"fields": ["number", "organisation", ("reporter", "reporter_may_submit"),
                           "owner", "subject",
                           "description",
                           ("incident_type", "product_area", "environment"),
                           ("created_at", "channel")]}),
        (_("Handling"), {"fields": [("status", "priority"), ("team", "assignee"),
                                    ("target_at", "time_left", "waited_for_customer")]}),
        (_("Reply"), {"fields": ["public_reply", "reply_files", "internal_note"]}),
        (_("Remote assistance"), {"fields": ["request_access", "create_support_code",
                                             "end_sessions", "request_backup"]}),
    ]
    inlines = [MessageInline, AttachmentInline, InboundEmailInline, StatusChangeInline,
               OwnerChangeInline, FollowerInline, GrantInline, SupportCodeInline,
               RemoteSessionInline, BackupPermissionInline]
    actions = ["take", "mark_in_progress", "mark_resolved", "priority_2", "priority_3",
               "priority_4", "priority_5"]
    ordering = ["-created_at"]

    class Media:
        css = {"all": ["incidents/admin.css"]}

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # customers submit incidents; staff log phone calls as the customer

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def get_fieldsets(self, request: HttpRequest, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or obj.owner_id == obj.reporter_id:
            return fieldsets
        # Handed over (R-INC-13): the owner replies now, so Support sees their standing too.
        (name, options), *rest = fieldsets
        fields = [("owner", "owner_may_submit") if field == "owner" else field
                  for field in options["fields"]]
        return [(name, {**options, "fields": fields}), *rest]

    @admin.display(description=_("may submit"))
    def reporter_may_submit(self, incident: Incident) -> str:
        return submit_status(incident.reporter)

    @admin.display(description=_("may submit"))
    def owner_may_submit(self, incident: Incident) -> str:
        return submit_status(incident.owner)


    @admin.display(description=_("working time waiting for the customer"))
    def waited_for_customer(self, incident: Incident) -> str:
        return sla.format_working_time(incident.paused_working_time)

    @admin.display(description=_("priority"), ordering="priority")
    def short_priority(self, incident: Incident) -> str:
        return f"P{incident.priority}" if incident.priority else "–"

    @admin.display(description=_("time left"))
    def time_left(self, incident: Incident) -> str:
        # One calendar per request (set in changelist_view): a page of 100 rows reads each
        # month of opening exceptions once.
        calendar = getattr(_request_local, "calendar", None) or SupportCalendar()
        return _badge(sla.deadline(incident, timezone.now(), calendar))

    def changelist_view(self, request: HttpRequest, extra_context=None):
        _request_local.calendar = SupportCalendar()
        _mailbox_notice(request)
        try:
            query = request.GET.get("q", "").strip()
            if re.fullmatch(NUMBER_PATTERN, query):
                match = Incident.objects.filter(number=query).values_list("pk", flat=True).first()
                if match is not None:  # the number given on the phone: straight to it (R-INC-10)
                    return HttpResponseRedirect(
                        reverse("admin:incidents_incident_change", args=[match]))
            # Rendered here: the calendar's opening hours are forgotten with this request.
            response = super().changelist_view(request, extra_context)
            if isinstance(response, TemplateResponse):
                response.render()
            return response
        finally:
            _request_local.calendar = None

    def save_model(self, request, obj: Incident, form, change) -> None:
        """Each change through its action, so rules, history and emails hold (R-INC-4/6/7)."""
        incident = Incident.objects.get(pk=obj.pk)
        data, changed, actor = form.cleaned_data, form.changed_data, request.user
        if "priority" in changed and data["priority"] is not None:
            actions.set_priority(incident=incident, priority=data["priority"], actor=actor)
        if "team" in changed:
            actions.set_team(incident=incident, team=data["team"], actor=actor)
        if "assignee" in changed:
            actions.assign(incident=incident, assignee=data["assignee"], actor=actor)
        # A reply and a status change in one save are one step with one email (issue 14).
        status = data["status"] if "status" in changed else None
        if data.get("public_reply"):
            actions.reply_as_staff(incident=incident, body=data["public_reply"], actor=actor,
                                   files=data.get("reply_files") or [], status=status)
        elif status is not None:
            actions.change_status(incident=incident, status=status, actor=actor)
        if data.get("internal_note"):
            actions.add_internal_note(incident=incident, body=data["internal_note"],
                                      actor=actor)
        if data.get("request_access"):
            actions.request_remote_access(incident=incident, actor=actor,
                                          reason=data["request_access"])
        if data.get("request_backup"):
            remote.request_backup_permission(incident=incident, actor=actor,
                                             reason=data["request_backup"])
        if data.get("end_sessions"):
            for session in RemoteSession.objects.filter(incident=incident, ended_at__isnull=True):
                remote.end_remote_session_by_staff(session=session, actor=actor)
        if data.get("create_support_code"):
            new = remote.create_support_code(incident=incident, actor=actor)
            # The only time the code is shown: the database keeps its hash (R-INC-11).
            self.message_user(request, gettext(
                "Support code for %(number)s: %(code)s — valid until %(until)s, once. Read it "
                "out to the customer; it is not shown again.") % {
                    "number": incident.number, "code": new.digits,
                    "until": timezone.localtime(new.code.expires_at).strftime("%H:%M")},
                messages.WARNING)

    def _each(self, request: HttpRequest, queryset: QuerySet[Incident], change) -> None:
        done, refused = 0, []
        for incident in queryset:
            try:
                change(incident)
                done += 1
            except (actions.IncidentError, ValidationError, PermissionDenied):
                refused.append(incident.number)
        if done:
            self.message_user(request, gettext("%(count)s incident(s) changed.") % {"count": done})
        if refused:
            self.message_user(request, gettext("Not possible for: %(numbers)s.")
                              % {"numbers": ", ".join(refused)}, messages.WARNING)

    @admin.action(description=_("Assign to me"), permissions=["change"])
    def take(self, request, queryset):
        self._each(request, queryset,
                   lambda incident: actions.assign(incident=incident, assignee=request.user,
                                                   actor=staff_member(request)))

    @admin.action(description=_("Status: in progress"), permissions=["change"])
    def mark_in_progress(self, request, queryset):
        self._each(request, queryset, lambda incident: actions.change_status(
            incident=incident, status=Status.IN_PROGRESS, actor=staff_member(request)))

    @admin.action(description=_("Status: resolved"), permissions=["change"])
    def mark_resolved(self, request, queryset):
        self._each(request, queryset, lambda incident: actions.change_status(
            incident=incident, status=Status.RESOLVED, actor=staff_member(request)))

    def _priority(self, request, queryset, priority: int) -> None:
        self._each(request, queryset, lambda incident: actions.set_priority(
            incident=incident, priority=priority, actor=staff_member(request)))

    @admin.action(description=_("Priority 2"), permissions=["change"])
    def priority_2(self, request, queryset):
        self._priority(request, queryset, 2)

    @admin.action(description=_("Priority 3"), permissions=["change"])
    def priority_3(self, request, queryset):
        self._priority(request, queryset, 3)

    @admin.action(description=_("Priority 4"), permissions=["change"])
    def priority_4(self, request, queryset):
        self._priority(request, queryset, 4)

    @admin.action(description=_("Priority 5"), permissions=["change"])
    def priority_5(self, request, queryset):
        self._priority(request, queryset, 5)

    def get_urls(self):
        return [path("question-signals/",
                     self.admin_site.admin_view(self.question_signals_view),
                     name="incidents_question_signals"),
                path("attachments/<int:pk>/", self.admin_site.admin_view(self.attachment_view),
                     name="incidents_attachment_file"),
                *super().get_urls()]

    def attachment_view(self, request: HttpRequest, pk: int) -> FileResponse:
        """An incident's file for staff who may view attachments."""
        require_staff(request.user, "incidents.view_attachment")
        attachment = get_object_or_404(Attachment, pk=pk)
        return private_file_response(attachment.file, filename=attachment.name,
                                     content_type=attachment.content_type)

    def question_signals_view(self, request: HttpRequest) -> HttpResponse:
        """R-INC-12: who asks Support the most questions (last 90 days)."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        since = timezone.now() - dt.timedelta(days=SIGNAL_DAYS)
        organisations, contacts = question_signals(since=since)
        return TemplateResponse(request, "admin/incidents/question_signals.html", {
            **self.admin_site.each_context(request),
            "title": gettext("Questions to Support in the last %(days)s days")
            % {"days": SIGNAL_DAYS},
            "organisations": organisations, "contacts": contacts, "opts": self.model._meta,
        })


@admin.register(SatisfactionSurvey)
class SatisfactionSurveyAdmin(admin.ModelAdmin):
    list_display = ["incident", "score", "comment", "contact", "answered_at"]
    list_filter = ["score"]
    list_select_related = ["incident", "contact__user"]
    search_fields = ["=incident__number", "comment"]
    readonly_fields = ["incident", "contact", "score", "comment", "answered_at"]

    def has_add_permission(self, request) -> bool:
        return False
