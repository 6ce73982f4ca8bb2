"""CSV import of results in the admin (R-COURSE-2): every bad row is reported with its line
in the file, and nothing is imported while any row is bad."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation

from accounts.roles import Role
from courses import resources
from courses.models import Result
from courses.resources import ResultCSV, ResultResource
from tests.courses import factories_admin as make
from tests.factories import make_contact, make_organisation, make_user, staff_member

pytestmark = pytest.mark.django_db

IMPORT = "/admin/courses/result/import/"
CONFIRM = "/admin/courses/result/process_import/"
HEADER = "email,organisation,course,grade,date\n"


@pytest.fixture
def courses(cast):
    return {"FIN": make.course("FIN-BAS"), "STA": make.course("STA-FIN", is_starter=True)}


@pytest.fixture
def staff(cast):
    return make.staff_client(cast.staff)


def upload(client, text: str, *, encoding: str = "utf-8", name: str = "cijfers.csv"):
    return client.post(IMPORT, {"format": "0", "resource": "0", "import_file":
                                SimpleUploadedFile(name, text.encode(encoding),
                                                   content_type="text/csv")})


def confirm(client, preview):
    form = preview.context["confirm_form"]
    return client.post(CONFIRM, {name: form.initial[name] for name in form.fields})


def grades() -> set[tuple[str, str, Decimal, dt.date]]:
    return {(r.contact.user.email, r.course.code, r.grade, r.taken_on)
            for r in Result.objects.select_related("contact__user", "course")}


def report(response) -> list[str]:
    """The problems the import page lists, as text."""
    return [f"{e.line}|{e.column}|{e.message}" for e in response.context["result"].line_errors]


def test_a_csv_file_is_previewed_then_imported__R_COURSE_2(cast, courses, staff):
    text = HEADER + ("employee@test.example,,FIN-BAS,8.0,2026-03-02\n"
                     "viewer@test.example,Demo BV,STA-FIN,6.5,14-03-2026\n")
    preview = upload(staff, text)
    assert preview.status_code == 200
    assert preview.context["confirm_form"] is not None
    assert not Result.objects.exists()  # the preview is a dry run
    done = confirm(staff, preview)
    assert done.status_code == 302 and done["Location"] == "/admin/courses/result/"
    listing = staff.get(done["Location"]).content.decode()
    assert "Import klaar: 2 resultaten toegevoegd, 0 verbeterd." in listing
    assert grades() == {
        ("employee@test.example", "FIN-BAS", Decimal("8.0"), dt.date(2026, 3, 2)),
        ("viewer@test.example", "STA-FIN", Decimal("6.5"), dt.date(2026, 3, 14)),
    }
    assert "employee@test.example" in listing and "viewer@test.example" in listing


BAD_ROWS = [
    ("unknown email", "nobody@test.example,,FIN-BAS,7.0,2026-03-02", "email",
     "Geen contactpersoon heeft het e-mailadres nobody@test.example."),
    ("unknown course", "viewer@test.example,,NOPE-1,7.0,2026-03-02", "course",
     "Er is geen cursus met de code NOPE-1."),
    ("grade too low", "viewer@test.example,,FIN-BAS,0.5,2026-03-02", "grade",
     "Het cijfer 0.5 ligt niet tussen 1,0 en 10,0."),
    ("grade too high", "viewer@test.example,,FIN-BAS,10.5,2026-03-02", "grade",
     "Het cijfer 10.5 ligt niet tussen 1,0 en 10,0."),
    ("grade not a number", "viewer@test.example,,FIN-BAS,goed,2026-03-02", "grade",
     "“goed” is geen cijfer"),
    ("grade with two decimals", "viewer@test.example,,FIN-BAS,7.25,2026-03-02", "grade",
     "Geef het cijfer met hoogstens één decimaal"),
    ("no grade", "viewer@test.example,,FIN-BAS,,2026-03-02", "grade", "Vul het cijfer in."),
    ("bad date", "viewer@test.example,,FIN-BAS,7.0,2026-02-30", "date",
     "“2026-02-30” is geen datum"),
    ("date in words", "viewer@test.example,,FIN-BAS,7.0,maart 2026", "date",
     "“maart 2026” is geen datum"),
    ("future date", "viewer@test.example,,FIN-BAS,7.0,2099-01-01", "date",
     "De datum 2099-01-01 ligt in de toekomst."),
    ("wrong organisation", "viewer@test.example,Andere BV,FIN-BAS,7.0,2026-03-02",
     "organisation", "viewer@test.example is geen contactpersoon van Andere BV"),
    ("duplicate row", "employee@test.example,,FIN-BAS,6.0,02-03-2026", "",
     "Dezelfde persoon, cursus en datum als regel 2"),
    ("unquoted decimal comma", "viewer@test.example,,FIN-BAS,7,5,2026-03-02", "",
     "Deze regel heeft 6 waarden"),
]


@pytest.mark.parametrize(("kind", "row", "column", "message"), BAD_ROWS,
                         ids=[kind for kind, *_rest in BAD_ROWS])
def test_a_bad_row_is_reported_with_its_line_and_nothing_is_imported__R_COURSE_2(
    cast, courses, staff, kind, row, column, message
):
    text = HEADER + "employee@test.example,,FIN-BAS,8.0,2026-03-02\n" + row + "\n"
    response = upload(staff, text)
    assert response.status_code == 200
    assert response.context.get("confirm_form") is None  # no way to confirm a bad file
    problems = report(response)
    assert any(p.startswith(f"3|{column}|") and message in p for p in problems), problems
    page = response.content.decode()
    assert "Er is niets geïmporteerd" in page
    assert "Regel 3" in page
    assert not Result.objects.exists()


def test_every_bad_row_is_listed_at_once_with_its_line_in_the_file(cast, courses, staff):
    text = (HEADER + "employee@test.example,,FIN-BAS,8.0,2026-03-02\n"
            "\n"  # a blank line is skipped but still counts as a line of the file
            "nobody@test.example,,FIN-BAS,8.0,2026-03-02\n"
            "viewer@test.example,,FIN-BAS,11,2026-03-02\n")
    problems = report(upload(staff, text))
    assert [p.split("|")[:2] for p in problems] == [["4", "email"], ["5", "grade"]]
    assert not Result.objects.exists()


def test_a_missing_column_is_reported_for_the_file(cast, courses, staff):
    response = upload(staff, "email,course,grade\nviewer@test.example,FIN-BAS,7.0\n")
    problems = report(response)
    assert len(problems) == 1 and problems[0].startswith("None||")
    assert "Het bestand heeft geen kolom date." in problems[0]
    assert "Het bestand heeft geen kolom date." in response.content.decode()
    assert not Result.objects.exists()


@pytest.mark.parametrize("text", [
    'email,organisation,course,grade,date\nviewer@test.example,,FIN-BAS,"7,5",2026-03-02\n',
    "email;organisation;course;grade;date\nviewer@test.example;;FIN-BAS;7,5;02-03-2026\n",
    "Email ; Organisation ; Course ; Grade ; Date\nviewer@test.example;;fin-bas; 7.5 ;2026-03-02\n",
], ids=["quoted comma", "semicolons", "loose headers and case"])
def test_a_grade_with_a_decimal_comma_is_accepted__R_COURSE_2(cast, courses, staff, text):
    confirm(staff, upload(staff, text))
    assert grades() == {("viewer@test.example", "FIN-BAS", Decimal("7.5"), dt.date(2026, 3, 2))}


def test_a_spreadsheet_saved_as_windows_csv_is_read(cast, courses, staff):
    organisation = make_organisation("Bakkerij Één")
    make_contact(organisation, Role.EMPLOYEE, email="bakker@test.example")
    text = ("email;organisation;course;grade;date\r\n"
            "bakker@test.example;Bakkerij Één;FIN-BAS;9;02-03-2026\r\n")
    confirm(staff, upload(staff, text, encoding="cp1252"))
    assert grades() == {("bakker@test.example", "FIN-BAS", Decimal("9.0"), dt.date(2026, 3, 2))}


def test_importing_the_same_rows_again_corrects_the_grade__R_COURSE_2(cast, courses, staff):
    row = "employee@test.example,,FIN-BAS,{grade},2026-03-02\n"
    confirm(staff, upload(staff, HEADER + row.format(grade="5.0")))
    first = Result.objects.get()
    again = upload(staff, HEADER + row.format(grade="6.5"))
    assert [r.import_type for r in again.context["result"].rows] == ["update"]
    confirm(staff, again)
    assert Result.objects.get().pk == first.pk
    assert Result.objects.get().grade == Decimal("6.5")
    confirm(staff, upload(staff, HEADER + row.format(grade="6.5")))
    assert Result.objects.count() == 1


def test_an_email_of_several_organisations_needs_the_organisation_column__R_COURSE_2(
    cast, courses, staff
):
    consultant = make_contact(cast.organisation, Role.EMPLOYEE, email="consultant@test.example")
    elsewhere = make_contact(cast.other_organisation, Role.EMPLOYEE, user=consultant.user)
    ambiguous = upload(staff, HEADER + "consultant@test.example,,FIN-BAS,7.0,2026-03-02\n")
    problems = report(ambiguous)
    assert len(problems) == 1 and problems[0].startswith("2|organisation|")
    assert "contactpersoon van meerdere organisaties (Andere BV, Demo BV)" in problems[0]
    assert not Result.objects.exists()
    confirm(staff, upload(staff, HEADER + "consultant@test.example,andere bv,FIN-BAS,7.0,"
                                          "2026-03-02\n"))
    assert Result.objects.get().contact == elsewhere


def test_a_result_whose_contact_was_deleted_is_corrected_for_the_contact_of_the_row__R_COURSE_2(
    cast, courses, staff
):
    """A result keeps the person when the membership it was recorded for is deleted
    (SET_NULL); importing it again records it for the membership the line names."""
    consultant = make_contact(cast.organisation, Role.EMPLOYEE, email="consultant@test.example")
    elsewhere = make_contact(cast.other_organisation, Role.EMPLOYEE, user=consultant.user)
    row = "consultant@test.example,{organisation},FIN-BAS,{grade},2026-03-02\n"
    confirm(staff, upload(staff, HEADER + row.format(organisation="Demo BV", grade="5.0")))
    consultant.delete()
    assert Result.objects.get().contact is None
    again = upload(staff, HEADER + row.format(organisation="Andere BV", grade="6.5"))
    assert [r.import_type for r in again.context["result"].rows] == ["update"]
    confirm(staff, again)
    result = Result.objects.get()
    assert (result.contact, result.grade) == (elsewhere, Decimal("6.5"))


def test_a_row_that_went_bad_after_the_preview_undoes_the_whole_import__R_COURSE_2(
    cast, courses, staff
):
    preview = upload(staff, HEADER + "employee@test.example,,FIN-BAS,8.0,2026-03-02\n"
                                     "viewer@test.example,,FIN-BAS,7.0,2026-03-02\n")
    cast.viewer.delete()  # between the preview and the confirmation
    response = confirm(staff, preview)
    assert response.status_code == 200
    assert not Result.objects.exists()
    assert report(response) == [
        "3|email|Geen contactpersoon heeft het e-mailadres viewer@test.example."]
    assert "Er is niets geïmporteerd" in response.content.decode()


def test_an_unexpected_error_in_a_later_row_rolls_back_the_earlier_rows(
    cast, courses, staff, monkeypatch
):
    preview = upload(staff, HEADER + "employee@test.example,,FIN-BAS,8.0,2026-03-02\n"
                                     "viewer@test.example,,FIN-BAS,7.0,2026-03-02\n")
    real = resources.record_result

    def fail_on_viewer(*, contact, **kwargs):
        if contact == cast.viewer:
            raise RuntimeError("database went away")
        return real(contact=contact, **kwargs)

    monkeypatch.setattr(resources, "record_result", fail_on_viewer)
    response = confirm(staff, preview)
    assert response.status_code == 200
    assert report(response) == ["3||database went away"]
    assert not Result.objects.exists()


def test_the_resource_alone_is_atomic_and_reports_lines(cast, courses):
    """Also outside the admin (import_data with use_transactions)."""
    dataset = ResultCSV().create_dataset(
        (HEADER + "employee@test.example,,FIN-BAS,8.0,2026-03-02\n"
                  "viewer@test.example,,FIN-BAS,0,2026-03-02\n").encode())
    with translation.override("en"):
        result = ResultResource().import_data(dataset, rollback_on_validation_errors=True,
                                              user=staff_member("Customer Care"))
    assert [(e.line, e.column, e.message) for e in result.line_errors] == [
        (3, "grade", "The grade 0 is not between 1.0 and 10.0.")]
    assert not Result.objects.exists()


def test_the_date_may_be_today_but_not_tomorrow(cast, courses):
    today = timezone.localdate()
    assert resources.parse_date(today.isoformat(), today=today) == today
    with pytest.raises(resources.ValidationError):
        resources.parse_date((today + dt.timedelta(days=1)).strftime("%d-%m-%Y"), today=today)


def test_import_needs_permission_to_add_and_change_results(cast, courses):
    support = make.staff_client(cast.staff, "Support")
    assert support.get(IMPORT).status_code == 403
    assert support.post(CONFIRM, {}).status_code == 403
    care = make.staff_client(make_user("care@test.example", is_staff=True))
    page = care.get("/admin/courses/result/").content.decode()
    assert f"href='{IMPORT}'" in page
    assert care.get(IMPORT).status_code == 200


@pytest.mark.parametrize(("body", "message"), [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00", "Het bestand heeft geen kolom email"),
    (b"just some words\n", "Er staan geen gegevens in het bestand."),
    (HEADER.encode(), "Er staan geen gegevens in het bestand."),
], ids=["binary", "no header", "header only"])
def test_a_file_that_is_no_results_csv_gets_a_message_not_an_error(
    cast, courses, staff, body, message
):
    response = staff.post(IMPORT, {"format": "0", "resource": "0", "import_file":
                                   SimpleUploadedFile("cijfers.csv", body)})
    assert response.status_code == 200
    assert response.context.get("confirm_form") is None
    assert message in response.content.decode()
    assert not Result.objects.exists()
