"""R-INC-13: every incident gets an owner (who replies and gets the emails), filled from the
reporter, and owner changes are kept; R-INC-14: the reminder of a wait is remembered and
status changes record why when it was not support's call; the portal writes messages of its
own; staff read "Waiting for the customer"."""

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models

STATUSES = [("submitted", "Submitted"), ("in_progress", "In progress"),
            ("waiting", "Waiting for the customer"), ("resolved", "Resolved"),
            ("closed", "Closed")]


def owner_from_reporter(apps, schema_editor):
    Incident = apps.get_model("incidents", "Incident")
    Incident.objects.filter(owner__isnull=True).update(owner=models.F("reporter"))


class Migration(migrations.Migration):

    dependencies = [
        ("contacts", "0003_seat_holder_index"),
        ("incidents", "0003_outbox_replaces_outgoing_email"),
    ]

    operations = [
        # Nullable first, filled from the reporter, then required.
        migrations.AddField(
            model_name="incident",
            name="owner",
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT,
                                    related_name="owned_incidents", to="contacts.contact",
                                    verbose_name="owner"),
        ),
        migrations.RunPython(owner_from_reporter, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="incident",
            name="owner",
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT,
                                    related_name="owned_incidents", to="contacts.contact",
                                    verbose_name="owner"),
        ),
        migrations.AddIndex(
            model_name="incident",
            index=models.Index(fields=["owner", "-created_at"],
                               name="incidents_i_owner_i_c9919c_idx"),
        ),
        migrations.AddField(
            model_name="incident",
            name="waiting_reminded_at",
            field=models.DateTimeField(blank=True, null=True,
                                       verbose_name="reminded of the wait at"),
        ),
        migrations.AddField(
            model_name="statuschange",
            name="reason",
            field=models.CharField(blank=True, choices=[
                ("solved_by_customer", "Marked solved by the customer"),
                ("withdrawn", "Withdrawn by the customer"),
                ("no_answer", "Resolved automatically: no answer from the customer"),
                ("reopen_period_over",
                 "Closed automatically: the period to reopen it has ended")],
                max_length=30, verbose_name="reason"),
        ),
        migrations.AlterField(
            model_name="incident",
            name="status",
            field=models.CharField(choices=STATUSES, default="submitted", max_length=20,
                                   verbose_name="status"),
        ),
        migrations.AlterField(
            model_name="statuschange",
            name="from_status",
            field=models.CharField(blank=True, choices=STATUSES, max_length=20,
                                   verbose_name="from"),
        ),
        migrations.AlterField(
            model_name="statuschange",
            name="to_status",
            field=models.CharField(choices=STATUSES, max_length=20, verbose_name="to"),
        ),
        migrations.AlterField(
            model_name="message",
            name="kind",
            field=models.CharField(choices=[("customer", "Reply from the customer"),
                                            ("public", "Reply from support"),
                                            ("internal", "Internal note"),
                                            ("portal", "Message from the portal")],
                                   max_length=20, verbose_name="kind"),
        ),
        migrations.CreateModel(
            name="OwnerChange",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True,
                                           serialize=False, verbose_name="ID")),
                ("at", models.DateTimeField(default=django.utils.timezone.now,
                                            verbose_name="at")),
                ("by_contact", models.ForeignKey(
                    blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL,
                    related_name="+", to="contacts.contact", verbose_name="by")),
                ("from_owner", models.ForeignKey(
                    on_delete=django.db.models.deletion.PROTECT, related_name="+",
                    to="contacts.contact", verbose_name="from")),
                ("incident", models.ForeignKey(
                    on_delete=django.db.models.deletion.CASCADE, related_name="owner_changes",
                    to="incidents.incident", verbose_name="incident")),
                ("to_owner", models.ForeignKey(
                    on_delete=django.db.models.deletion.PROTECT, related_name="+",
                    to="contacts.contact", verbose_name="to")),
            ],
            options={
                "verbose_name": "owner change",
                "verbose_name_plural": "owner changes",
                "ordering": ["at", "pk"],
            },
        ),
    ]
