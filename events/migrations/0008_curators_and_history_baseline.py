"""The curators group, with exactly what curating needs, and a first history row for every
record that existed before history was kept."""

from django.contrib.auth.management import create_permissions
from django.db import migrations
from django.utils import timezone

CURATORS = "curators"

# Curators review and edit the chronology, add sources (ingest) and fix their metadata.
# Deleting a source, which would take its passages with it, stays with administrators.
CURATOR_PERMISSIONS = {
    "event": ("view", "add", "change", "delete"),
    "citation": ("view", "add", "change", "delete"),
    "eventactor": ("view", "add", "change", "delete"),
    "actor": ("view", "add", "change", "delete"),
    "actoralias": ("view", "add", "change", "delete"),
    "source": ("view", "add", "change"),
    "passage": ("view",),
    "datemention": ("view",),
    "actormention": ("view",),
    "eventtype": ("view",),
}

HISTORY_BEGINS = "recorded when history began"


def create_curators(apps, schema_editor):
    # Permissions are otherwise made after all migrations have run: make them now.
    app_config = apps.get_app_config("events")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    codenames = [
        f"{action}_{model}" for model, actions in CURATOR_PERMISSIONS.items() for action in actions
    ]
    permissions = Permission.objects.filter(
        content_type__app_label="events", codename__in=codenames
    )
    group, _ = Group.objects.get_or_create(name=CURATORS)
    group.permissions.set(permissions)


def remove_curators(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=CURATORS).delete()


def start_history(apps, schema_editor):
    now = timezone.now()
    for name in ("Source", "Actor", "ActorAlias", "Event", "EventActor", "Citation"):
        model = apps.get_model("events", name)
        historical = apps.get_model("events", f"Historical{name}")
        fields = [field.attname for field in model._meta.concrete_fields]
        historical.objects.bulk_create(
            (
                historical(
                    **{field: getattr(row, field) for field in fields},
                    history_date=now,
                    history_type="+",
                    history_change_reason=HISTORY_BEGINS,
                )
                for row in model.objects.iterator()
            ),
            batch_size=500,
        )


def forget_history_start(apps, schema_editor):
    for name in ("Source", "Actor", "ActorAlias", "Event", "EventActor", "Citation"):
        historical = apps.get_model("events", f"Historical{name}")
        historical.objects.filter(history_change_reason=HISTORY_BEGINS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("events", "0007_history"),
    ]

    operations = [
        migrations.RunPython(create_curators, remove_curators),
        migrations.RunPython(start_history, forget_history_start),
    ]
