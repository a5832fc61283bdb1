"""Actor links carry their event's span class too, so that the links of an actor meeting a
date window are read from a bounded range of the index, one range per class.

The triggers that keep the copies are installed here (0011 added the first copied columns;
its triggers are replaced). Migrating back before this one leaves no triggers: the copies
are no longer kept."""

from django.db import migrations, models


def install(apps, schema_editor):
    from events import link_dates

    link_dates.install(schema_editor.connection.alias)


def uninstall(apps, schema_editor):
    from events import link_dates

    link_dates.uninstall(schema_editor.connection.alias)


class Migration(migrations.Migration):

    dependencies = [
        ('events', '0012_free_text_limits'),
    ]

    operations = [
        migrations.AddField(
            model_name='eventactor',
            name='span_class',
            field=models.PositiveSmallIntegerField(editable=False, null=True),
        ),
        migrations.RemoveIndex(
            model_name='eventactor',
            name='event_actor_order',
        ),
        migrations.AddIndex(
            model_name='eventactor',
            index=models.Index(fields=['actor', 'span_class', 'start_date', 'end_date', 'event', 'status'], name='event_actor_span_order'),
        ),
        migrations.RunPython(install, uninstall, elidable=False),
    ]
