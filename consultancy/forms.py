from __future__ import annotations

import datetime as dt
from typing import cast

from django import forms
from django.db.models import QuerySet
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.forms import LimitedTextField

from .actions import selectable_weeks
from .models import Project, VisitKind

DETAILS_MAX_LENGTH = 2000


def week_label(monday: dt.date) -> str:
    """"Week 14: 30 March – 5 April", in the active language."""
    return _("Week %(number)s: %(monday)s – %(sunday)s") % {
        "number": monday.isocalendar().week,
        "monday": formats.date_format(monday, "j F"),
        "sunday": formats.date_format(monday + dt.timedelta(days=6), "j F Y")}


class ProjectChoiceField(forms.ModelChoiceField):
    """A project by its name only (the organisation is the administrator's own)."""

    def label_from_instance(self, obj: Project) -> str:
        return obj.name


class VisitRequestForm(forms.Form):
    """What an administrator can set on a visit request, nothing more: the organisation, the
    requester and the state come from the request and the action (R-CONS-3). The weeks
    offered are the action's ``selectable_weeks``."""

    kind = forms.ChoiceField(label=gettext_lazy("What kind of visit?"),
                             choices=VisitKind.choices, widget=forms.RadioSelect,
                             initial=VisitKind.CONSULTANT)
    project = ProjectChoiceField(
        label=gettext_lazy("Project"), queryset=Project.objects.none(), required=False,
        empty_label=gettext_lazy("Not for one project"))
    subject = LimitedTextField(label=gettext_lazy("Subject"), max_length=200)
    weeks = forms.MultipleChoiceField(
        label=gettext_lazy("Preferred weeks"), widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("Tick every week that suits you; we plan the visit in one of "
                               "them."),
        error_messages={"required": gettext_lazy("Choose at least one week.")})
    details = LimitedTextField(
        label=gettext_lazy("What should the visit be about?"), required=False,
        max_length=DETAILS_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, projects: QuerySet[Project], today: dt.date | None = None,
                 **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(ProjectChoiceField, self.fields["project"]).queryset = projects
        weeks_field = cast(forms.MultipleChoiceField, self.fields["weeks"])
        weeks_field.choices = [(monday.isoformat(), week_label(monday))
                               for monday in selectable_weeks(today)]

    def clean_weeks(self) -> list[dt.date]:
        return [dt.date.fromisoformat(value) for value in self.cleaned_data["weeks"]]
