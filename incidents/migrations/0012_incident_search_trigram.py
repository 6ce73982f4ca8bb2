"""Issue 15: the incident list's search (``IncidentFilter.search``: the text anywhere in the
subject or description, ``icontains``) is served by trigram indexes on PostgreSQL instead of
reading every incident of the organisation. Django writes ``icontains`` as
``UPPER(column) LIKE UPPER(%s)``, so the indexes are on ``UPPER(column)``. SQLite (``make run``)
has no trigram indexes and keeps scanning, which is fine at its size."""

from django.db import migrations

INDEXES = {
    "incident_subject_trgm": "UPPER(subject::text) gin_trgm_ops",
    "incident_description_trgm": "UPPER(description) gin_trgm_ops",
}


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    # pg_trgm is a trusted extension (PostgreSQL 13+): the database's owner may create it.
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, expression in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON incidents_incident USING gin ({expression})")


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):

    dependencies = [
        ("incidents", "0011_message_thread_index"),
    ]

    operations = [
        migrations.RunPython(create_indexes, drop_indexes),
    ]
