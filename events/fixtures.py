"""Load curated fixtures without overwriting what is already in the database."""

from collections import defaultdict
from pathlib import Path

from django.core import serializers
from django.db import transaction
from simple_history.exceptions import NotHistoricalModelError
from simple_history.utils import get_history_manager_for_model


def load_missing(path: Path) -> tuple[int, int]:
    """Save the objects of a natural-key fixture that the database does not have yet.

    Django's ``loaddata`` overwrites existing rows with the fixture's values, which would
    undo a curator's edits each time the project is bootstrapped; this only adds.
    Returns (added, already present).
    """
    added = present = 0
    saved = defaultdict(list)
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
            saved[type(instance)].append(instance)
            added += 1
        record_history(saved, f"loaded from {path.name}")
    return added, present


def record_history(saved: dict[type, list], reason: str) -> None:
    """Start the history of rows saved raw (which records none), so that a curator's first
    change can be compared with, and reverted to, the curated version."""
    for model, instances in saved.items():
        try:
            manager = get_history_manager_for_model(model)
        except NotHistoricalModelError:
            continue
        manager.bulk_history_create(instances, default_change_reason=reason)
