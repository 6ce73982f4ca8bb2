"""CSV import of course results by staff (R-COURSE-2), with django-import-export.

Columns: ``email``, ``organisation`` (the organisation's name, needed only when the email
address belongs to contacts of several organisations), ``course`` (the course code),
``grade`` (1.0–10.0, "7,5" or "7.5") and ``date`` (YYYY-MM-DD or DD-MM-YYYY). Every bad row
is reported with its line in the file, and nothing is imported while any row is bad: the
admin runs the whole file in one transaction, first as a dry run and again on confirmation,
and rolls it back on any error (see ``ResultAdmin``). Importing the same contact, course and
date again corrects the grade."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import tablib
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _
from import_export import fields, resources
from import_export.formats import base_formats
from import_export.widgets import DateWidget

from accounts.models import User
from accounts.permissions import StaffDenied
from contacts.models import Contact

from .actions import record_result
from .models import Course, Result

COLUMNS = ("email", "organisation", "course", "grade", "date")
REQUIRED_COLUMNS = ("email", "course", "grade", "date")
# Hidden columns the CSV reader adds: the row's line in the file and its number of cells.
LINE, CELLS = "__line__", "__cells__"
DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y")
MIN_GRADE, MAX_GRADE, STEP = Decimal("1.0"), Decimal("10.0"), Decimal("0.1")


class ImportFileError(Exception):
    """The file as a whole cannot be imported (e.g. a column is missing)."""


def _decode(data: bytes | str) -> str:
    if isinstance(data, str):
        return data.removeprefix("\ufeff")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:  # a spreadsheet saved as "CSV" on Windows
        return data.decode("cp1252", errors="replace")


class ResultCSV(base_formats.CSV):
    """CSV separated by commas or by semicolons (as Dutch spreadsheets save it), in UTF-8 or
    Windows-1252. Header names are trimmed and lower-cased, blank lines are skipped, and
    every row keeps its line number in the file for the error report."""

    def is_binary(self) -> bool:
        return True  # read bytes, so that create_dataset can fall back to Windows-1252

    def get_read_mode(self) -> str:
        return "rb"

    def create_dataset(self, in_stream: bytes | str, **kwargs) -> tablib.Dataset:
        text = _decode(in_stream)
        first = next((line for line in text.splitlines() if line.strip()), "")
        delimiter = ";" if first.count(";") > first.count(",") else ","
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        dataset = tablib.Dataset()
        width = None
        for cells in reader:
            if not any(cell.strip() for cell in cells):
                continue
            if width is None:
                width = len(cells)
                dataset.headers = [cell.strip().lower() for cell in cells] + [LINE, CELLS]
                continue
            filled = (cells + [""] * width)[:width]
            dataset.append([*filled, reader.line_num, len(cells)])
        return dataset


@dataclass(frozen=True)
class ParsedRow:
    contact: Contact
    course: Course
    grade: Decimal
    taken_on: dt.date


@dataclass(frozen=True)
class LineError:
    """One problem for the report: its line in the file (None: the whole file), the column
    it is about (empty: the row as a whole) and the message."""

    line: int | None
    column: str
    message: str


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


def parse_grade(value: object) -> Decimal:
    """A grade from 1.0 to 10.0 with at most one decimal; "7,5" and "7.5" both work."""
    text = _text(value)
    if not text:
        raise ValidationError(_("Fill in the grade."))
    try:
        grade = Decimal(text.replace(",", "."))
    except InvalidOperation:
        grade = None
    if grade is None or not grade.is_finite():
        raise ValidationError(
            _("“%(value)s” is not a grade: give a number from 1.0 to 10.0, such as 7.5 or 7,5.")
            % {"value": text})
    if not MIN_GRADE <= grade <= MAX_GRADE:
        raise ValidationError(_("The grade %(value)s is not between 1.0 and 10.0.")
                              % {"value": text})
    if grade != grade.quantize(STEP):
        raise ValidationError(_("Give the grade with at most one decimal, such as 7.5."))
    return grade.quantize(STEP)


def parse_date(value: object, *, today: dt.date) -> dt.date:
    """A date as YYYY-MM-DD or DD-MM-YYYY, not in the future."""
    day: dt.date | None
    if isinstance(value, dt.datetime):
        day = value.date()
    elif isinstance(value, dt.date):
        day = value
    else:
        text = _text(value)
        if not text:
            raise ValidationError(_("Fill in the date."))
        day = None
        for date_format in DATE_FORMATS:
            try:
                day = dt.datetime.strptime(text, date_format).date()
                break
            except ValueError:
                continue
        if day is None:
            raise ValidationError(
                _("“%(value)s” is not a date: use YYYY-MM-DD (2026-03-14) or DD-MM-YYYY "
                  "(14-03-2026).") % {"value": text})
    if day > today:
        raise ValidationError(_("The date %(date)s lies in the future.")
                              % {"date": day.isoformat()})
    return day


class ResultResource(resources.ModelResource):
    """One result per row; the contact is found by email (and organisation when needed),
    the course by its code. Rows are saved through ``record_result``: the result belongs to
    the person, whichever organisation the row names (R-GATE-5)."""

    email = fields.Field(attribute="contact__user__email", column_name="email", readonly=True)
    organisation = fields.Field(attribute="contact__organisation__name",
                                column_name="organisation", readonly=True)
    course = fields.Field(attribute="course__code", column_name="course", readonly=True)
    grade = fields.Field(attribute="grade", column_name="grade", readonly=True)
    date = fields.Field(attribute="taken_on", column_name="date", readonly=True,
                        widget=DateWidget("%Y-%m-%d"))

    class Meta:
        model = Result
        fields = COLUMNS
        import_order = COLUMNS
        use_transactions = True
        skip_unchanged = False
        clean_model_instances = False  # record_result validates the instance itself
        name = "results"

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._reset()

    def _reset(self) -> None:
        self._contacts: dict[str, list[Contact]] = {}
        self._courses: dict[str, Course] = {}
        self._lines: dict[int, int] = {}
        self._seen: dict[tuple[int, int, dt.date], int] = {}
        self._width = len(COLUMNS)
        self._file_errors: list[str] = []
        self._current: ParsedRow | None = None
        self._today = timezone.localdate()
        self._actor: User | None = None

    # The whole file -------------------------------------------------------------------

    def before_import(self, dataset: tablib.Dataset, **kwargs) -> None:
        """Check the columns, and load every contact and course the file names in two
        queries (rows are looked up in memory). The staff member importing (``user``, as the
        admin passes it) records the results."""
        self._reset()
        self._actor = kwargs.get("user")
        headers = [header for header in (dataset.headers or []) if header not in (LINE, CELLS)]
        self._width = len(headers)
        missing = [column for column in REQUIRED_COLUMNS if column not in headers]
        doubled = sorted({header for header in headers if headers.count(header) > 1})
        if missing:
            self._file_errors.append(
                _("The file has no column %(missing)s. The first line must name the columns: "
                  "%(columns)s.") % {"missing": ", ".join(missing), "columns": ", ".join(COLUMNS)})
        if doubled:
            self._file_errors.append(_("The column %(columns)s appears more than once.")
                                     % {"columns": ", ".join(doubled)})
        if self._file_errors:
            raise ImportFileError(" ".join(self._file_errors))
        emails = {_text(email).lower() for email in dataset["email"]} - {""}
        contacts = (Contact.objects.select_related("user", "organisation")
                    .filter(removed_at__isnull=True)
                    .annotate(email_lower=Lower("user__email"))
                    .filter(email_lower__in=emails).order_by("organisation__name", "pk"))
        for contact in contacts:
            self._contacts.setdefault(contact.email_lower, []).append(contact)
        codes = {_text(code).casefold() for code in dataset["course"]} - {""}
        for course in Course.objects.all():
            if course.code.casefold() in codes:
                self._courses.setdefault(course.code.casefold(), course)

    def after_import(self, dataset: tablib.Dataset, result, **kwargs) -> None:
        """Give the result a report in file order: ``result.line_errors``."""
        super().after_import(dataset, result, **kwargs)
        report = [LineError(None, "", message) for message in self._file_errors]
        for row in result.invalid_rows:
            line = self._lines.get(row.number, row.number + 1)
            for column, messages in row.error_dict.items():
                for message in messages:
                    report.append(LineError(line, "" if column == NON_FIELD_ERRORS else column,
                                            message))
        for row in result.error_rows:
            line = self._lines.get(row.number, row.number + 1)
            report.extend(LineError(line, "", str(error.error)) for error in row.errors)
        for error in result.base_errors:
            if not isinstance(error.error, ImportFileError):
                report.append(LineError(None, "", str(error.error)))
        result.line_errors = sorted(report, key=lambda error: (error.line or 0))

    # One row ---------------------------------------------------------------------------

    def before_import_row(self, row: dict, **kwargs) -> None:
        number = kwargs["row_number"]
        line = int(row.get(LINE) or number + 1)
        self._lines[number] = line
        self._current = None if self._file_errors else self._parse(row, line)

    def _parse(self, row: dict, line: int) -> ParsedRow:
        errors: dict[str, list[str]] = {}

        def check(column: str, parse):
            try:
                return parse()
            except ValidationError as error:
                if hasattr(error, "error_dict"):
                    for key, messages in error.message_dict.items():
                        errors.setdefault(key, []).extend(messages)
                else:
                    errors.setdefault(column, []).extend(error.messages)
                return None

        cells = int(row.get(CELLS) or self._width)
        if cells > self._width:
            errors[NON_FIELD_ERRORS] = [
                _("This line has %(cells)s values but the first line names %(columns)s "
                  "columns. Is there a comma in a grade? Put it between quotes (\"7,5\") or "
                  "separate the columns with semicolons.") % {"cells": cells,
                                                             "columns": self._width}]
        contact = check("email", lambda: self._contact(row))
        course = check("course", lambda: self._course(row))
        grade = check("grade", lambda: parse_grade(row.get("grade")))
        taken_on = check("date", lambda: parse_date(row.get("date"), today=self._today))
        if not errors:
            key = (contact.user_id, course.pk, taken_on)
            if key in self._seen:
                errors[NON_FIELD_ERRORS] = [
                    _("The same person, course and date as line %(line)s: give each result "
                      "once.") % {"line": self._seen[key]}]
            else:
                self._seen[key] = line
        if errors:
            raise ValidationError(errors)
        return ParsedRow(contact=contact, course=course, grade=grade, taken_on=taken_on)

    def _contact(self, row: dict) -> Contact:
        email = _text(row.get("email")).lower()
        if not email:
            raise ValidationError(_("Fill in the email address."))
        candidates = self._contacts.get(email, [])
        if not candidates:
            raise ValidationError(_("No contact has the email address %(email)s.")
                                  % {"email": email})
        organisation = _text(row.get("organisation"))
        names = ", ".join(contact.organisation.name for contact in candidates)
        if organisation:
            matching = [contact for contact in candidates
                        if contact.organisation.name.casefold() == organisation.casefold()]
            if not matching:
                raise ValidationError({"organisation": [
                    _("%(email)s is not a contact of %(organisation)s (but of %(names)s).")
                    % {"email": email, "organisation": organisation, "names": names}]})
            candidates = matching
        if len(candidates) > 1:
            raise ValidationError({"organisation": [
                _("%(email)s is a contact of several organisations (%(names)s): fill in the "
                  "organisation column.") % {"email": email, "names": names}]})
        return candidates[0]

    def _course(self, row: dict) -> Course:
        code = _text(row.get("course"))
        if not code:
            raise ValidationError(_("Fill in the course code."))
        course = self._courses.get(code.casefold())
        if course is None:
            raise ValidationError(_("There is no course with the code %(code)s.")
                                  % {"code": code})
        return course

    # The instance ----------------------------------------------------------------------

    def get_instance(self, instance_loader, row: dict) -> Result | None:
        """The result for the same person, course and date, so a re-import corrects it."""
        current = self._current
        if current is None:
            return None
        return (Result.objects.select_related("contact__user", "contact__organisation", "course")
                .filter(user_id=current.contact.user_id, course=current.course,
                        taken_on=current.taken_on).first())

    def init_instance(self, row: dict | None = None) -> Result:
        current = self._current
        if current is None:
            return Result()
        return Result(user_id=current.contact.user_id, contact=current.contact,
                      course=current.course, taken_on=current.taken_on)

    def import_instance(self, instance: Result, row: dict, **kwargs) -> None:
        if self._current is not None:
            instance.grade = self._current.grade

    def skip_row(self, instance, original, row, import_validation_errors=None) -> bool:
        return self._current is None  # the file's columns are wrong: only that is reported

    def do_instance_save(self, instance: Result, is_create: bool) -> None:
        current = self._current
        if current is None:  # skip_row left it out
            return
        # The membership the line names: a result found again may have lost its contact
        # (deleted: SET_NULL) or have been recorded through another organisation.
        if self._actor is None:  # an import always has the admin's user; never act without
            raise StaffDenied("courses.add_result")
        saved = record_result(contact=current.contact, course=instance.course,
                              grade=instance.grade, taken_on=instance.taken_on,
                              actor=self._actor)
        instance.pk, instance.recorded_at = saved.pk, saved.recorded_at
