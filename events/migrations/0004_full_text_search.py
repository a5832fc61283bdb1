"""Full-text search indexes: GIN on PostgreSQL, FTS5 tables with triggers on SQLite."""

from django.db import migrations


def install(apps, schema_editor):
    from events import search

    search.install(schema_editor.connection)


def uninstall(apps, schema_editor):
    from events import search

    search.uninstall(schema_editor.connection)


class Migration(migrations.Migration):
    # CREATE INDEX and virtual tables; nothing here needs a transaction of its own.
    atomic = False

    dependencies = [("events", "0003_tombstones_and_event_type_times")]

    operations = [migrations.RunPython(install, uninstall, elidable=False)]
