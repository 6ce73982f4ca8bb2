"""Incident emails move to the shared outbox (portal.OutboxItem, R-X-8): rows still unsent
are carried over, so no email waiting at the upgrade is lost."""

from django.db import migrations


def carry_over_unsent(apps, schema_editor):
    OutgoingEmail = apps.get_model("incidents", "OutgoingEmail")
    OutboxItem = apps.get_model("portal", "OutboxItem")
    items = []
    for row in OutgoingEmail.objects.filter(sent_at__isnull=True).select_related("incident"):
        to = row.incident.reporter_id
        if row.status_change_id:
            kind, payload = "incidents.emails.status_email", {"change": row.status_change_id}
            key = f"incident-status-{row.status_change_id}-{to}"
        else:
            kind, payload = "incidents.emails.reply_email", {"message": row.message_id}
            key = f"incident-reply-{row.message_id}-{to}"
        items.append(OutboxItem(key=key, kind=kind, payload={**payload, "to": to},
                                created_at=row.created_at))
    OutboxItem.objects.bulk_create(items, ignore_conflicts=True)


class Migration(migrations.Migration):

    dependencies = [
        ("incidents", "0002_supportteam_incident_message_attachment_and_more"),
        ("portal", "0001_outbox"),
    ]

    operations = [
        migrations.RunPython(carry_over_unsent, migrations.RunPython.noop),
        migrations.DeleteModel(name="OutgoingEmail"),
    ]
