"""Load curated fixtures without overwriting what is already in the database."""

from pathlib import Path

from django.core import serializers
from django.db import transaction


def load_missing(path: Path) -> tuple[int, int]:
    """Save the objects of a natural-key fixture that the database does not have yet.

    Django's ``loaddata`` overwrites existing rows with the fixture's values, which would
    undo a curator's edits each time the project is bootstrapped; this only adds.
    Returns (added, already present).
    """
    added = present = 0
    with path.open(encoding="utf-8") as handle, transaction.atomic():
        for deserialized in serializers.deserialize("json", handle):
            instance = deserialized.object
            # The deserializer fills in the primary key of a row that has the same natural key.
            if (
                instance.pk is not None
                and type(instance)._default_manager.filter(pk=instance.pk).exists()
            ):
                present += 1
                continue
            deserialized.save()
            added += 1
    return added, present
