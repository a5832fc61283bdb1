"""Reads to PostgreSQL read replicas, writes to the primary.

Settings list the replicas' aliases in DATABASE_REPLICAS (from DATABASE_REPLICA_URLS). A
replica lags its primary by a little, so a read goes to the primary instead whenever it
could be reading a write it must see: inside a transaction on the primary (ingest, saving
an event and its citations) and for the whole of a request that writes (POST, PUT, PATCH,
DELETE: the answer shows the record as written) or that comes to the admin (a curator sees
their change on the page the save leads to).
"""

import random
from contextvars import ContextVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

_primary_only: ContextVar[bool] = ContextVar("primary_only", default=False)
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


class ReplicaRouter:
    def db_for_read(self, model, **hints) -> str | None:
        replicas = settings.DATABASE_REPLICAS
        if not replicas or _primary_only.get() or connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return DEFAULT_DB_ALIAS
        return random.choice(replicas)

    def db_for_write(self, model, **hints) -> str:
        return DEFAULT_DB_ALIAS

    def allow_relation(self, first, second, **hints) -> bool:
        return True  # the replicas hold the primary's rows

    def allow_migrate(self, db, app_label, **hints) -> bool:
        return db == DEFAULT_DB_ALIAS  # replicas follow the primary's schema by replication


class PrimaryForWritesMiddleware:
    """Sends every read of a writing or admin request to the primary."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        primary = request.method not in SAFE_METHODS or request.path.startswith("/admin/")
        token = _primary_only.set(primary)
        try:
            return self.get_response(request)
        finally:
            _primary_only.reset(token)
