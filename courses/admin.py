"""Staff maintain courses, events and material, follow enrolments, record results one by one
or by CSV import (R-COURSE-1/2), and choose the starter course of each submission profile
(R-GATE-3). Changes with rules attached go through courses.actions, as the staff member: a
changed capacity promotes the waiting list, a staff cancellation (``cancel_enrolment_by_staff``)
gives the seat to the first in line, and every result is saved by ``record_result``."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypedDict

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.db import models
from django.db.models import Count, Q, QuerySet
from django.http import FileResponse, HttpRequest
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop
from import_export.admin import ImportMixin
from import_export.results import RowResult

from accounts.permissions import require_staff, staff_may
from accounts.staff import staff_member
from contacts.models import SubmissionProfile
from core.private_files import PrivateFileWidget, private_file_response

from .actions import (
    EventClosed, cancel_enrolment_by_staff, record_result, set_event_capacity,
)
from .gate import profiles_without_course
from .models import (
    Course, CourseMaterial, Enrolment, EnrolmentStatus, Event, Result, StarterCourseRequirement,
)
from .resources import COLUMNS, ResultCSV, ResultResource, parse_date

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

# Texts django-import-export shows on the import page without a Dutch translation of its own:
# named here so that our catalogue has them.
LIBRARY_TEXTS = (
    gettext_noop("No valid data to import. Ensure your file has the correct headers or data "
                 "for import."),
    gettext_noop("%(exc_name)s encountered while trying to read file. Ensure you have chosen "
                 "the correct format for the file."),
)

# Material ------------------------------------------------------------------------------


class CourseMaterialForm(forms.ModelForm):
    url = forms.URLField(label=_("link"), required=False, assume_scheme="https")

    class Meta:
        model = CourseMaterial
        fields = ["title", "file", "url"]

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        has_file, has_link = bool(cleaned.get("file")), bool(cleaned.get("url"))
        if has_file == has_link and not self.errors:
            raise forms.ValidationError(_("Give either a file or a link, not both."))
        return cleaned


class CourseMaterialInline(admin.TabularInline):
    model = CourseMaterial
    form = CourseMaterialForm
    extra = 0
    formfield_overrides = {models.FileField: {
        "widget": PrivateFileWidget(url_name="admin:courses_coursematerial_file")}}


# Events --------------------------------------------------------------------------------


class EventForm(forms.ModelForm):
    """An event ends after it starts, has a place or is online, and keeps a seat for
    everyone enrolled (lower the capacity only after cancelling enrolments)."""

    class Meta:
        model = Event
        fields = ["course", "starts_at", "ends_at", "online", "location", "capacity",
                  "is_cancelled"]

    def clean_capacity(self):
        capacity = self.cleaned_data["capacity"]
        if self.instance.pk and "capacity" in self.changed_data:
            enrolled = self.instance.enrolments.filter(status=EnrolmentStatus.ENROLLED).count()
            if capacity < enrolled:
                raise forms.ValidationError(
                    _("Enrolled now: %(count)s. The capacity cannot be lower; cancel "
                      "enrolments first.") % {"count": enrolled})
        return capacity

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts and ends and ends < starts:
            self.add_error("ends_at", _("The event cannot end before it starts."))
        if not cleaned.get("online") and not (cleaned.get("location") or "").strip():
            self.add_error("location", _("Give the place, or tick online."))
        return cleaned


def save_with_capacity(request: HttpRequest, forms_and_events, save) -> None:
    """Save events with ``save()``, but let a changed capacity go through
    ``set_event_capacity``, which fills the new seats from the waiting list (R-COURSE-1)."""
    changed = []
    for form, event in forms_and_events:
        if event.pk and "capacity" in form.changed_data:
            changed.append((event, event.capacity))
            event.capacity = form.initial["capacity"]
    save()
    for event, capacity in changed:
        waiting = Enrolment.objects.filter(event=event, status=EnrolmentStatus.WAITING)
        before = waiting.count()
        set_event_capacity(event=event, capacity=capacity, actor=staff_member(request))
        event.capacity = capacity
        moved = before - waiting.count()
        if moved:
            messages.info(request, _("Moved up from the waiting list of %(event)s: %(count)s "
                                     "(they get an email).") % {"count": moved, "event": event})


class EventInline(admin.TabularInline):
    model = Event
    form = EventForm
    extra = 0
    fields = ["starts_at", "ends_at", "online", "location", "capacity", "is_cancelled"]
    show_change_link = True


@admin.register(Course)
class CourseAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "level", "is_starter", "is_active"]
    list_filter = ["level", "is_starter", "is_active"]
    search_fields = ["code", "title"]
    fields = ["code", "title", "level", "description", "is_starter", "is_active"]
    inlines = [EventInline, CourseMaterialInline]

    def save_formset(self, request, form, formset, change) -> None:
        if formset.model is not Event:
            return super().save_formset(request, form, formset, change)
        kept = [(inline_form, inline_form.instance) for inline_form in formset.forms
                if inline_form.has_changed() and not inline_form.cleaned_data.get("DELETE")]
        save_with_capacity(request, kept, formset.save)

    def get_urls(self):
        download = path("material/<int:pk>/", self.admin_site.admin_view(self.material_view),
                        name="courses_coursematerial_file")
        return [download, *super().get_urls()]

    def material_view(self, request: HttpRequest, pk: int) -> FileResponse:
        """A material file for staff who may view course material."""
        require_staff(request.user, "courses.view_coursematerial")
        return private_file_response(get_object_or_404(CourseMaterial, pk=pk).file)


class EnrolmentInline(admin.TabularInline):
    """The event's enrolments, enrolled first and the waiting list in order; they change
    only through the actions (enrolment in the portal, cancellation from the list)."""

    model = Enrolment
    extra = 0
    fields = ("contact", "status", "created_at", "promoted_at", "cancelled_at")
    readonly_fields = fields
    can_delete = False

    def get_queryset(self, request: HttpRequest) -> QuerySet[Enrolment]:
        order = models.Case(
            models.When(status=EnrolmentStatus.ENROLLED, then=0),
            models.When(status=EnrolmentStatus.WAITING, then=1), default=2)
        return (super().get_queryset(request)
                .select_related("contact__user", "contact__organisation", "event__course")
                .order_by(order, "created_at", "pk"))

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


class UpcomingFilter(admin.SimpleListFilter):
    title = _("when")
    parameter_name = "when"

    def lookups(self, request, model_admin):
        return [("upcoming", _("Upcoming")), ("past", _("Past"))]

    def queryset(self, request, queryset):
        now = timezone.now()
        if self.value() == "upcoming":
            return queryset.filter(starts_at__gt=now)
        if self.value() == "past":
            return queryset.filter(starts_at__lte=now)
        return queryset


class EventCounts(TypedDict):
    enrolled_count: int
    waiting_count: int


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    form = EventForm
    list_display = ["course_code", "starts_at", "place", "capacity", "enrolled_count",
                    "waiting_count", "is_cancelled"]
    list_filter = [UpcomingFilter, "online", "is_cancelled", "course"]
    search_fields = ["course__code", "course__title", "location"]
    list_select_related = ["course"]
    date_hierarchy = "starts_at"
    inlines = [EnrolmentInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Event]:
        return super().get_queryset(request).annotate(
            enrolled_count=Count("enrolments",
                                 filter=Q(enrolments__status=EnrolmentStatus.ENROLLED)),
            waiting_count=Count("enrolments",
                                filter=Q(enrolments__status=EnrolmentStatus.WAITING)),
        )

    @admin.display(description=_("course"), ordering="course__code")
    def course_code(self, event: Event) -> str:
        return event.course.code

    @admin.display(description=_("place"), ordering="location")
    def place(self, event: Event) -> str | Promise:
        return _("Online") if event.online else event.location

    @admin.display(description=_("enrolled"), ordering="enrolled_count")
    def enrolled_count(self, event: WithAnnotations[Event, EventCounts]) -> int:
        return event.enrolled_count

    @admin.display(description=_("waiting list"), ordering="waiting_count")
    def waiting_count(self, event: WithAnnotations[Event, EventCounts]) -> int:
        return event.waiting_count

    def save_model(self, request, obj, form, change) -> None:
        save_with_capacity(request, [(form, obj)],
                           lambda: super(EventAdmin, self).save_model(request, obj, form, change))


# Enrolments ----------------------------------------------------------------------------


class EventFilter(admin.SimpleListFilter):
    """Events with their course in one query (the default filter reads each course)."""

    title = _("event")
    parameter_name = "event"

    def lookups(self, request, model_admin):
        return [(str(event.pk), str(event))
                for event in Event.objects.select_related("course").order_by("-starts_at")]

    def queryset(self, request, queryset):
        value = self.value()
        if value and value.isdigit():
            return queryset.filter(event_id=int(value))
        return queryset


@admin.register(Enrolment)
class EnrolmentAdmin(admin.ModelAdmin):
    """Enrolments are made in the portal; staff look, and may cancel on a contact's behalf,
    recorded as theirs (the seat goes to the first on the waiting list, who is emailed)."""

    list_display = ["contact_email", "organisation", "event", "status", "created_at",
                    "promoted_at"]
    list_filter = ["status", EventFilter, "event__course"]
    search_fields = ["contact__user__email", "contact__organisation__name", "event__course__code"]
    list_select_related = ["contact__user", "contact__organisation", "event__course"]
    fields = ("event", "contact", "status", "created_at", "promoted_at", "cancelled_at",
              "cancelled_by", "cancelled_by_staff")
    readonly_fields = fields
    actions = ["cancel_enrolments"]

    @admin.display(description=_("email address"), ordering="contact__user__email")
    def contact_email(self, enrolment: Enrolment) -> str:
        return enrolment.contact.user.email

    @admin.display(description=_("organisation"), ordering="contact__organisation__name")
    def organisation(self, enrolment: Enrolment) -> str:
        return enrolment.contact.organisation.name

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        # The page of one enrolment is read-only; "change" allows the cancel action.
        return obj is None and super().has_change_permission(request)

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False  # deleting would not promote the waiting list: cancel instead

    @admin.action(description=_("Cancel the selected enrolments (the waiting list moves up)"),
                  permissions=["change"])
    def cancel_enrolments(self, request: HttpRequest, queryset: QuerySet[Enrolment]) -> None:
        cancelled = refused = 0
        for enrolment in queryset.exclude(status=EnrolmentStatus.CANCELLED).select_related(
                "event"):
            try:
                cancel_enrolment_by_staff(actor=staff_member(request), enrolment=enrolment)
            except EventClosed:
                refused += 1
            else:
                cancelled += 1
        if cancelled:
            messages.success(request, _("Enrolments cancelled: %(count)s.")
                             % {"count": cancelled})
        if refused:
            messages.warning(request, _("Not cancelled because the event has started: "
                                        "%(count)s.") % {"count": refused})


# Results -------------------------------------------------------------------------------


class PassedFilter(admin.SimpleListFilter):
    title = _("passed")
    parameter_name = "passed"

    def lookups(self, request, model_admin):
        return [("yes", _("Passed")), ("no", _("Not passed"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(grade__gte=settings.COURSE_PASSING_GRADE)
        if self.value() == "no":
            return queryset.filter(grade__lt=settings.COURSE_PASSING_GRADE)
        return queryset


class ResultForm(forms.ModelForm):
    class Meta:
        model = Result
        fields = ["contact", "course", "grade", "taken_on"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["contact"].required = True
        self.fields["contact"].help_text = _(
            "The person's membership the result is recorded for; it counts in every "
            "organisation they are a contact of.")

    def clean_taken_on(self):
        return parse_date(self.cleaned_data["taken_on"], today=timezone.localdate())

    def clean(self) -> dict:
        super().clean()
        data = self.cleaned_data
        contact, course, taken_on = (data.get("contact"), data.get("course"),
                                     data.get("taken_on"))
        if contact and course and taken_on and Result.objects.filter(
                user_id=contact.user_id, course=course, taken_on=taken_on).exclude(
                pk=self.instance.pk).exists():
            raise forms.ValidationError(_("This person already has a result for this course "
                                          "on this date: correct that one instead."))
        return data


@admin.register(Result)
class ResultAdmin(ImportMixin, admin.ModelAdmin):
    """One by one in the form, or many at once from a CSV file (R-COURSE-2)."""

    form = ResultForm
    resource_classes = [ResultResource]
    import_formats = [ResultCSV]
    import_template_name = "admin/courses/result/import.html"
    list_display = ["person_email", "organisation", "course_code", "grade", "taken_on",
                    "passed"]
    list_filter = [PassedFilter, "course", "course__is_starter", "course__level"]
    search_fields = ["user__email", "course__code", "contact__organisation__name"]
    list_select_related = ["user", "contact__organisation", "course"]
    autocomplete_fields = ["contact", "course"]
    readonly_fields = ["recorded_at"]
    fields = ["contact", "course", "grade", "taken_on", "recorded_at"]
    date_hierarchy = "taken_on"

    @admin.display(description=_("email address"), ordering="user__email")
    def person_email(self, result: Result) -> str:
        return result.user.email

    @admin.display(description=_("recorded for"), ordering="contact__organisation__name")
    def organisation(self, result: Result) -> str:
        return result.contact.organisation.name if result.contact else "—"

    @admin.display(description=_("course"), ordering="course__code")
    def course_code(self, result: Result) -> str:
        return result.course.code

    @admin.display(description=_("passed"), boolean=True)
    def passed(self, result: Result) -> bool:
        return result.passed

    def save_model(self, request, obj: Result, form, change) -> None:
        # The form requires the contact (the model allows none: SET_NULL when one is deleted).
        saved = record_result(contact=form.cleaned_data["contact"], course=obj.course,
                              grade=obj.grade, taken_on=obj.taken_on, actor=staff_member(request),
                              result=obj if change else None)
        obj.pk, obj.user, obj.recorded_at = saved.pk, saved.user, saved.recorded_at

    # The import: staff who may add and change results; the whole file or nothing.

    def has_import_permission(self, request: HttpRequest) -> bool:
        return all(staff_may(request.user, permission)
                   for permission in ("courses.add_result", "courses.change_result"))

    def get_import_data_kwargs(self, **kwargs):
        kwargs = super().get_import_data_kwargs(**kwargs)
        # Also on confirmation: a row that went bad since the dry run undoes the whole file.
        kwargs["rollback_on_validation_errors"] = True
        kwargs["use_transactions"] = True
        return kwargs

    def add_success_message(self, result, request) -> None:
        messages.success(request, _("Import finished: %(new)s results added, %(updated)s "
                                    "corrected.") % {
            "new": result.totals[RowResult.IMPORT_TYPE_NEW],
            "updated": result.totals[RowResult.IMPORT_TYPE_UPDATE]})

    def process_result(self, result, request):
        if not (result.has_errors() or result.has_validation_errors()):
            return super().process_result(result, request)
        # The confirmed import found bad rows (the data changed since the dry run): it was
        # rolled back, so show the report on the import page instead of "finished".
        messages.error(request, _("Nothing was imported: correct the lines below and try "
                                  "again."))
        form_class = self.get_import_form_class(request)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Import"),
            "form": form_class(self.get_import_formats(),
                               self.get_import_resource_classes(request)),
            "opts": self.model._meta,
            "result": result,
            "fields_list": [(ResultResource.get_display_name(), list(COLUMNS))],
            "import_error_display": self.import_error_display,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, [self.import_template_name], context)


# The starter-course gate ---------------------------------------------------------------


@admin.register(StarterCourseRequirement)
class StarterCourseRequirementAdmin(admin.ModelAdmin):
    """R-GATE-3: one row per submission profile, naming the starter course it requires; a
    profile without a row blocks its new submitters (R-GATE-4), so the list warns of it."""

    list_display = ["submission_profile", "course"]
    list_select_related = ["course"]
    fields = ["submission_profile", "course"]

    def changelist_view(self, request: HttpRequest, extra_context=None):
        missing = profiles_without_course()
        if missing:
            names = ", ".join(str(SubmissionProfile(profile).label) for profile in missing)
            messages.warning(request, _(
                "No starter course is set for the submission profile(s) %(profiles)s: new "
                "contacts with such a profile cannot submit incidents until one is set.")
                % {"profiles": names})
        return super().changelist_view(request, extra_context)
