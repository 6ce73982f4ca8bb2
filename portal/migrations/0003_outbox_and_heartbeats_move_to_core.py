"""The outbox and the heartbeats now belong to core/ (``core`` 0001 took them over with their
tables). Their content types go along, so the staff groups' permissions to view them, the
admin's history and the audit trail stay attached (on a new database there is nothing to
move: the content types are made after the migrations, under ``core``)."""

from django.db import migrations

MODELS = ("outboxitem", "heartbeat")


def _move(apps, schema_editor, *, source: str, target: str) -> None:
    content_types = apps.get_model("contenttypes", "ContentType").objects.using(
        schema_editor.connection.alias)
    for model in MODELS:
        if not content_types.filter(app_label=target, model=model).exists():
            content_types.filter(app_label=source, model=model).update(app_label=target)


def to_core(apps, schema_editor) -> None:
    _move(apps, schema_editor, source="portal", target="core")


def back_to_portal(apps, schema_editor) -> None:
    _move(apps, schema_editor, source="core", target="portal")


class Migration(migrations.Migration):

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("portal", "0002_heartbeats"),
        ("core", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="OutboxItem"),
                migrations.DeleteModel(name="Heartbeat"),
            ],
            database_operations=[],
        ),
        migrations.RunPython(to_core, back_to_portal),
    ]
