import functools

from django.db import migrations, models

from events import edtf

BATCH = 2000
HELP = '"19 May 2024", "Sep–Nov 2024", "c. April 1982".'


def fill(apps, schema_editor):
    """Store each event's display date, and each historical version's."""
    for name in ("Event", "HistoricalEvent"):
        model = apps.get_model("events", name)
        rows = model.objects.using(schema_editor.connection.alias)
        key = model._meta.pk.attname
        batch = []
        for pk, date in rows.values_list(key, "date").iterator(chunk_size=BATCH):
            batch.append(model(**{key: pk, "date_display": display(date)}))
            if len(batch) == BATCH:
                rows.bulk_update(batch, ["date_display"])
                batch = []
        rows.bulk_update(batch, ["date_display"])


@functools.lru_cache(maxsize=65536)
def display(date: str) -> str:
    try:
        return edtf.parse(date).display()
    except edtf.EDTFError:
        return date


class Migration(migrations.Migration):
    dependencies = [("events", "0008_curators_and_history_baseline")]

    operations = [
        migrations.AddField(
            model_name="event",
            name="date_display",
            field=models.CharField(default="", editable=False, help_text=HELP, max_length=100),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="historicalevent",
            name="date_display",
            field=models.CharField(default="", editable=False, help_text=HELP, max_length=100),
            preserve_default=False,
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
