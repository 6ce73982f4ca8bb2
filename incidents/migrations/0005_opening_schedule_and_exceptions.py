"""Opening hours kept by Support (R-INC-16): the closure days become opening exceptions (a
closed day keeps its row, date and reason; a day can now also have other hours), and the
weekly hours the code used to hard-code become the first opening schedule, valid from long
ago, so nothing changes for an existing installation."""

import datetime as dt

from django.db import migrations, models

# The hours the code held until now (Monday–Thursday 08:30–17:00, Friday 08:30–16:00).
FORMER_HOURS = {
    day: (dt.time(8, 30), dt.time(16, 0) if day == "friday" else dt.time(17, 0))
    for day in ("monday", "tuesday", "wednesday", "thursday", "friday")
}
FORMER_VALID_FROM = dt.date(2000, 1, 1)


def create_former_schedule(apps, schema_editor):
    OpeningSchedule = apps.get_model("incidents", "OpeningSchedule")
    if OpeningSchedule.objects.exists():
        return
    fields = {}
    for day, (opens, closes) in FORMER_HOURS.items():
        fields[f"{day}_opens"], fields[f"{day}_closes"] = opens, closes
    OpeningSchedule.objects.create(valid_from=FORMER_VALID_FROM, **fields)


def rename_closure_day_permissions(apps, schema_editor):
    """The staff groups keep their rights: the closure-day permissions become the exception
    ones (a new installation has none yet; they are made after migrating)."""
    Permission = apps.get_model("auth", "Permission")
    for verb in ("add", "change", "delete", "view"):
        old = Permission.objects.filter(content_type__app_label="incidents",
                                        codename=f"{verb}_closureday")
        if not Permission.objects.filter(content_type__app_label="incidents",
                                         codename=f"{verb}_openingexception").exists():
            old.update(codename=f"{verb}_openingexception",
                       name=f"Can {verb} opening exception")


def _time(name):
    return models.TimeField(name, null=True, blank=True)


class Migration(migrations.Migration):

    dependencies = [
        ("incidents", "0004_owner_handover_and_waiting"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RenameModel("ClosureDay", "OpeningException"),
        migrations.AlterModelOptions(
            name="openingexception",
            options={"ordering": ["date"], "verbose_name": "opening exception",
                     "verbose_name_plural": "opening exceptions"},
        ),
        migrations.AlterField(
            model_name="openingexception",
            name="date",
            field=models.DateField(error_messages={
                "unique": "There is already an exception for this date; change that one instead."},
                unique=True, verbose_name="date"),
        ),
        migrations.AddField(
            model_name="openingexception",
            name="opens",
            field=models.TimeField(blank=True, help_text="Leave both times empty when the desk "
                                   "is closed all day.", null=True, verbose_name="opens"),
        ),
        migrations.AddField(
            model_name="openingexception",
            name="closes",
            field=_time("closes"),
        ),
        migrations.CreateModel(
            name="OpeningSchedule",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True,
                                           serialize=False, verbose_name="ID")),
                ("valid_from", models.DateField(error_messages={
                    "unique": "A schedule already starts on this date; change that one."},
                    unique=True, verbose_name="valid from")),
                *[(f"{day}_{edge}", _time(f"{day.capitalize()} {edge}"))
                  for day in ("monday", "tuesday", "wednesday", "thursday", "friday",
                              "saturday", "sunday")
                  for edge in ("opens", "closes")],
            ],
            options={"verbose_name": "opening schedule",
                     "verbose_name_plural": "opening schedules", "ordering": ["-valid_from"]},
        ),
        migrations.RunPython(create_former_schedule, migrations.RunPython.noop),
        migrations.RunPython(rename_closure_day_permissions, migrations.RunPython.noop),
    ]
