"""Forms of the incident pages: validation only (R-INC-1, R-INC-9, R-INC-11)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import cast

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from accounts.permissions import Capability, can
from contacts.forms import ColleagueField, colleague_label
from contacts.models import Contact
from core.forms import LimitedTextField
from core.models import HeldUpload

from .attachments import MAX_FILES, check_upload
from .models import (
    NUMBER_PATTERN, AccessLevel, Environment, Incident, IncidentType, Priority, ProductArea,
    Status, customer_status_label,
)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class CheckedFiles(list):
    """The files of an attachments field that passed their checks, with the messages that
    name the ones that did not (R-INC-9): one bad file does not make the good ones go."""

    def __init__(self, good: list[UploadedFile], errors: list[str]) -> None:
        super().__init__(good)
        self.errors = errors


class AttachmentsField(forms.FileField):
    """Up to ``MAX_FILES`` files, each checked against the allow-list and size (R-INC-9).
    Its value keeps the good files apart from the bad ones' messages; the form raises the
    messages (``AttachmentsForm.clean_files``) and the view keeps the good files."""

    widget = MultipleFileInput

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _("Attachments"))
        super().__init__(**kwargs)
        # Only a form that keeps the good files (AttachmentsForm) takes them apart from the
        # bad ones; anywhere else a bad file refuses the field, as a field should.
        self.keeps_good_files = False

    def clean(self, data, initial=None) -> CheckedFiles:
        files = [upload for upload in (data if isinstance(data, list | tuple) else [data])
                 if upload]
        if len(files) > MAX_FILES:
            raise ValidationError(_("Attach at most %(count)s files.") % {"count": MAX_FILES})
        good, errors = [], []
        for upload in files:
            try:
                check_upload(upload)
            except ValidationError as error:
                errors.extend(error.messages)
            else:
                good.append(upload)
        if errors and not self.keeps_good_files:
            raise ValidationError(errors)
        return CheckedFiles(good, errors)

    def has_changed(self, initial, data) -> bool:
        return not self.disabled and bool(data)  # no file chosen is no change


class AttachmentsForm(forms.Form):
    """A form with attachments and the files kept from an earlier try (issue 14): ``kept``
    are the sender's held files whose boxes were still ticked (``core.held_uploads``); they
    count towards ``MAX_FILES`` and go with the new files. After a failed try
    ``good_files`` are the new files that passed their checks, for the view to hold."""

    def __init__(self, *args, kept: Sequence[HeldUpload] = (), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.kept = list(kept)
        self.good_files: list[UploadedFile] = []
        cast(AttachmentsField, self.fields["files"]).keeps_good_files = True

    def clean_files(self) -> list[UploadedFile]:
        files = self.cleaned_data.get("files")
        if not isinstance(files, CheckedFiles):
            files = CheckedFiles(list(files or []), [])
        self.good_files = list(files)
        if files.errors:
            raise ValidationError(files.errors)
        if len(self.kept) + len(files) > MAX_FILES:
            raise ValidationError(_("Attach at most %(count)s files, the kept ones included.")
                                  % {"count": MAX_FILES})
        return list(files)


def help_files() -> str:
    from django.conf import settings
    from django.template.defaultfilters import filesizeformat

    from .attachments import allowed_extensions
    return _("At most %(count)s files of at most %(size)s each: %(types)s.") % {
        "count": MAX_FILES, "size": filesizeformat(settings.INCIDENT_ATTACHMENT_MAX_BYTES),
        "types": allowed_extensions()}


# A description or reply longer than this is refused with a message (never cut off): about
# ten pages of text; logs and screenshots belong in attachments.
TEXT_MAX_LENGTH = 20_000


class IncidentForm(AttachmentsForm):
    incident_type = forms.ChoiceField(label=_("Type"), choices=IncidentType.choices)
    product_area = forms.ChoiceField(label=_("Product area"), choices=ProductArea.choices)
    environment = forms.ChoiceField(label=_("Environment"), choices=Environment.choices,
                                    initial=Environment.PRODUCTION)
    subject = LimitedTextField(label=_("Subject"), max_length=200)
    description = LimitedTextField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 6}),
        max_length=TEXT_MAX_LENGTH,
        help_text=_("What did you do, what happened, what did you expect? Error messages "
                    "help us most."))
    files = AttachmentsField()  # type: ignore[assignment]  # a field, not BaseForm.files

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["files"].help_text = help_files()
        for field in self.fields.values():  # fields after the suggestions (new.html)
            field.widget.attrs["form"] = "incident-form"
        # The knowledge base suggests articles while the subject is typed (R-INC-2).
        self.fields["subject"].widget.attrs.update({
            "hx-get": "/knowledge/suggest/", "hx-trigger": "input changed delay:300ms",
            "hx-target": "#kb-suggestions", "autocomplete": "off",
            "aria-describedby": "kb-suggestions",
        })


class ReplyForm(AttachmentsForm):
    body = LimitedTextField(label=_("Your reply"), widget=forms.Textarea(attrs={"rows": 4}),
                            max_length=TEXT_MAX_LENGTH)
    files = AttachmentsField()  # type: ignore[assignment]  # a field, not BaseForm.files

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["files"].help_text = help_files()


GRANT_PERIODS = {
    "2h": dt.timedelta(hours=2),
    "8h": dt.timedelta(hours=8),
    "1d": dt.timedelta(days=1),
    "3d": dt.timedelta(days=3),
    "7d": dt.timedelta(days=7),
}


class GrantForm(forms.Form):
    """The customer chooses how far and how long support may access (R-INC-11)."""

    level = forms.ChoiceField(label=_("Access level"), choices=AccessLevel.choices,
                              widget=forms.RadioSelect, initial=AccessLevel.SCREEN)
    period = forms.ChoiceField(label=_("For"), initial="2h", choices=[
        ("2h", _("2 hours")), ("8h", _("8 hours")), ("1d", _("1 day")), ("3d", _("3 days")),
        ("7d", _("7 days"))])
    request = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def duration(self) -> dt.timedelta:
        return GRANT_PERIODS[self.cleaned_data["period"]]


class SurveyForm(forms.Form):
    score = forms.TypedChoiceField(
        label=_("How satisfied are you with how your incident was handled?"), coerce=int,
        widget=forms.RadioSelect,
        choices=[(1, _("1 – very dissatisfied")), (2, "2"), (3, "3"), (4, "4"),
                 (5, _("5 – very satisfied"))])
    comment = LimitedTextField(label=_("Comment (optional)"), required=False,
                              widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


class WithdrawForm(forms.Form):
    """Withdrawing cannot be undone: the box must be ticked, with or without JavaScript."""

    confirm = forms.BooleanField(
        label=_("I withdraw this incident; I understand this cannot be undone."), required=True)


def owner_label(contact: Contact) -> str:
    label = colleague_label(contact)
    if can(contact, Capability.SUBMIT_INCIDENTS):
        return label
    return _("%(name)s – gets the role Submit incidents") % {"name": label}


class HandOverForm(forms.Form):
    """The new owner of an incident, among ``candidates`` (``queries.hand_over_candidates``)
    (R-INC-13)."""

    owner = ColleagueField(label=_("New owner"), empty_label=_("Choose a contact"),
                           describe=owner_label)

    def __init__(self, *args, candidates: QuerySet[Contact], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(ColleagueField, self.fields["owner"]).set_candidates(candidates)


class FollowerForm(forms.Form):
    """A colleague to add as a follower, among ``candidates``
    (``queries.follower_candidates``) (R-MAIL-5)."""

    contact = ColleagueField(label=_("Colleague"), empty_label=_("Choose a colleague"))

    def __init__(self, *args, candidates: QuerySet[Contact], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(ColleagueField, self.fields["contact"]).set_candidates(candidates)


class NotificationsForm(forms.ModelForm):
    """The contact's choices of incident emails (R-MAIL-6); "new incidents in my
    organisation" only for who sees all of them (R-ROLE-7)."""

    class Meta:
        model = Contact
        fields = ["notify_status", "notify_replies", "notify_new_incidents", "daily_digest"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not can(self.instance, Capability.VIEW_ALL_INCIDENTS):
            del self.fields["notify_new_incidents"]


class IncidentFilter(django_filters.FilterSet):
    """Filters and search above the incident list; bad values are ignored, never a 500.
    The waiting status is named for the reader: "Waiting for you" in a list of one's own
    incidents, "Waiting for the reporter" in the organisation's (R-INC-14)."""

    q = django_filters.CharFilter(label=_("Search"), method="search")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Status.choices,
                                         empty_label=_("All statuses"))
    incident_type = django_filters.ChoiceFilter(label=_("Type"), choices=IncidentType.choices,
                                                empty_label=_("All types"))
    priority = django_filters.ChoiceFilter(label=_("Priority"), choices=Priority.choices,
                                           empty_label=_("All priorities"))

    class Meta:
        model = Incident
        fields = ["q", "status", "incident_type", "priority"]

    def __init__(self, *args, for_owner: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.filters["status"].extra["choices"] = [
            (status, customer_status_label(status, for_owner=for_owner))
            for status in Status.values]

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(number=value) | Q(subject__icontains=value)
                               | Q(description__icontains=value))

BACKUP_PERIODS = {
    "1d": dt.timedelta(days=1),
    "3d": dt.timedelta(days=3),
    "7d": dt.timedelta(days=7),
    "14d": dt.timedelta(days=14),
}


class BackupPermissionForm(forms.Form):
    """The customer allows backup requests for a chosen period (R-INC-11)."""

    period = forms.ChoiceField(label=_("For"), initial="3d", choices=[
        ("1d", _("1 day")), ("3d", _("3 days")), ("7d", _("7 days")), ("14d", _("14 days"))])
    request = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def duration(self) -> dt.timedelta:
        return BACKUP_PERIODS[self.cleaned_data["period"]]


class SupportCodeForm(forms.Form):
    """The one-time code the support engineer gives (R-INC-11)."""

    code = forms.RegexField(
        label=_("Support code"), regex=r"^[0-9]{6}$", max_length=12, strip=True,
        help_text=_("The 6 digits the support engineer gives you."),
        error_messages={"invalid": _("Enter the 6 digits of the code.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}))


class ScreenSharingForm(SupportCodeForm):
    """/support/meekijken/: the incident number with the code (R-INC-11)."""

    number = forms.RegexField(
        label=_("Incident number"), regex=rf"^{NUMBER_PATTERN}$", max_length=20, strip=True,
        error_messages={"invalid": _("Enter the 8 digits of the incident number.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric"}))
    field_order = ["number", "code"]
