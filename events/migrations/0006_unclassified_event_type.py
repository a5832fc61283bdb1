from django.db import migrations

# The type of the draft events ingestion proposes, until a curator chooses theirs.
UNCLASSIFIED = (
    "unclassified",
    "Unclassified",
    "Not yet classified: proposed from a document, for a curator to type.",
)


def add_unclassified(apps, schema_editor):
    slug, name, description = UNCLASSIFIED
    apps.get_model("events", "EventType").objects.get_or_create(
        slug=slug, defaults={"name": name, "description": description}
    )


def remove_unclassified(apps, schema_editor):
    # Refused (PROTECT) while events still have the type, as deleting it in the admin would be.
    apps.get_model("events", "EventType").objects.filter(slug=UNCLASSIFIED[0]).delete()


class Migration(migrations.Migration):
    dependencies = [("events", "0005_mentions_and_suggested_citations")]
    operations = [migrations.RunPython(add_unclassified, remove_unclassified)]
