"""Tombstones for deletions.

A receiver, not a model method, because deletions take paths that skip ``Model.delete()``:
QuerySet.delete() in admin bulk actions and the cascade from a deleted source to its passages.
"""

from django.db.models.signals import post_delete

from events.models import Tombstone


def record_deletion(sender, instance, using, **kwargs) -> None:
    Tombstone.for_deleted(instance).save(using=using)


def connect() -> None:
    for model in Tombstone.RESOURCES:
        post_delete.connect(record_deletion, sender=model, dispatch_uid=f"tombstone-{model}")
