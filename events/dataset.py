"""The whole dataset as one file, for backups and for moving between databases.

The file is JSON Lines. The first line names the format and its version; then comes one
line per row, ``{"model": "events.event", "fields": {...}}``, with every column under its
name (``event_type_id``) and primary keys kept; the last line gives the number of rows and
their digest, so that a file cut short is never taken for a whole one. Groups are matched
by name and permissions by natural key, since every migrated database has its own.

The digest is a SHA-256 over the row lines in that canonical form and order: the same rows
give the same digest in any database, SQLite or PostgreSQL.
"""

import hashlib
import json
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, time
from decimal import Decimal
from typing import TextIO

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.core.management.color import no_style
from django.db import (
    DEFAULT_DB_ALIAS,
    DatabaseError,
    IntegrityError,
    connection,
    connections,
    models,
    transaction,
)
from django.utils import timezone

from events.models import (
    Actor,
    ActorAlias,
    ActorMention,
    Citation,
    DateMention,
    Event,
    EventActor,
    EventType,
    HistoricalActor,
    HistoricalActorAlias,
    HistoricalCitation,
    HistoricalEvent,
    HistoricalEventActor,
    HistoricalSource,
    Passage,
    Source,
    Tombstone,
)

FORMAT = "timeline-dataset"
VERSION = 1
BATCH_SIZE = 1000

# Copied row for row, primary keys and all, each after the tables its rows refer to.
TABLES = [
    EventType,
    Source,
    Passage,
    Actor,
    ActorAlias,
    Event,
    EventActor,
    Citation,
    DateMention,
    ActorMention,
    Tombstone,
    HistoricalSource,
    HistoricalActor,
    HistoricalActorAlias,
    HistoricalEvent,
    HistoricalEventActor,
    HistoricalCitation,
]
GROUP = "auth.group"
USER = "auth.user"
USER_LINKS = ("groups", "user_permissions")


class DatasetError(Exception):
    """A dataset that cannot be restored, or a database it cannot be restored into; the
    message says where and why."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(f"line {line}: {message}" if line else message)


class Tally:
    """The number and running digest of the row lines written or read so far."""

    def __init__(self) -> None:
        self.rows = 0
        self.sha256 = hashlib.sha256()

    def add(self, text: str) -> None:
        self.rows += 1
        self.sha256.update(text.encode("utf-8"))

    @property
    def digest(self) -> str:
        return self.sha256.hexdigest()

    def __str__(self) -> str:
        return f"{self.rows} rows, SHA-256 {self.digest}"


# Reading


def jsonable(value):
    """A column's value as JSON: dates and times in ISO 8601, to the microsecond."""
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def line(row: dict) -> str:
    """The canonical line of a row: compact JSON, fields in the model's order."""
    return json.dumps(row, ensure_ascii=False, separators=(",", ":")) + "\n"


def column_names(model: type[models.Model]) -> list[str]:
    return [field.attname for field in model._meta.concrete_fields]


def table_rows(model: type[models.Model]) -> Iterator[dict]:
    label, names = model._meta.label_lower, column_names(model)
    values = model._base_manager.order_by("pk").values_list(*names)
    for row in values.iterator(chunk_size=BATCH_SIZE):
        yield {"model": label, "fields": dict(zip(names, map(jsonable, row), strict=True))}


def permission_keys(permissions: Iterable[Permission]) -> list[list[str]]:
    """Permissions by natural key (codename, app label, model), which every database shares."""
    return sorted(list(permission.natural_key()) for permission in permissions)


def group_rows() -> Iterator[dict]:
    groups = Group.objects.order_by("name").prefetch_related("permissions__content_type")
    for group in groups:
        fields = {"name": group.name, "permissions": permission_keys(group.permissions.all())}
        yield {"model": GROUP, "fields": fields}


def user_rows() -> Iterator[dict]:
    User = get_user_model()
    names = column_names(User)
    users = User._base_manager.order_by("pk").prefetch_related(
        "groups", "user_permissions__content_type"
    )
    for user in users.iterator(chunk_size=BATCH_SIZE):
        fields = {name: jsonable(getattr(user, name)) for name in names}
        fields["groups"] = sorted(group.name for group in user.groups.all())
        fields["user_permissions"] = permission_keys(user.user_permissions.all())
        yield {"model": USER, "fields": fields}


def rows() -> Iterator[dict]:
    """Every row of the dataset, in file order: accounts first, then the timeline and its
    history, each table ordered by primary key."""
    yield from group_rows()
    yield from user_rows()
    for model in TABLES:
        yield from table_rows(model)


@contextmanager
def snapshot() -> Iterator[None]:
    """A transaction that sees the database as it was when it began, however long the
    reading takes, without holding up writers meanwhile."""
    if connection.in_atomic_block:  # inside an import, checking what it wrote
        yield
        return
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        # In WAL mode a deferred transaction reads one snapshot and takes no lock; the
        # IMMEDIATE mode of the settings would keep every writer waiting until the end.
        mode, connection.transaction_mode = connection.transaction_mode, "DEFERRED"
        try:
            with transaction.atomic():
                yield
        finally:
            connection.transaction_mode = mode
        return
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield


def digest() -> str:
    """SHA-256 of every row of the dataset in canonical form and file order: the digest an
    export of the database records, whichever database holds the rows."""
    tally = Tally()
    with snapshot():
        for row in rows():
            tally.add(line(row))
    return tally.digest


def export(stream: TextIO) -> Tally:
    """Write the whole dataset to ``stream`` a row at a time, as one snapshot of it."""
    header = {"format": FORMAT, "version": VERSION, "exported": timezone.now().isoformat()}
    stream.write(line(header))
    tally = Tally()
    with snapshot():
        for row in rows():
            text = line(row)
            stream.write(text)
            tally.add(text)
    stream.write(line({"end": True, "rows": tally.rows, "digest": tally.digest}))
    return tally


# Restoring


class Table:
    """Rows of one model waiting to be inserted as they are, primary keys and all."""

    def __init__(self, model: type[models.Model]):
        self.model = model
        self.label = model._meta.label_lower
        self.fields = model._meta.concrete_fields
        self.names = column_names(model)
        # The connection itself: `connection` is a proxy, costly at millions of values.
        self.database = connections[DEFAULT_DB_ALIAS]
        quote = self.database.ops.quote_name
        table = quote(model._meta.db_table)
        columns = ", ".join(quote(field.column) for field in self.fields)
        # Plain INSERTs rather than bulk_create(), which would stamp auto_now fields
        # (created, updated) with the time of the import.
        marks = ", ".join(["%s"] * len(self.fields))
        self.insert = f"INSERT INTO {table} ({columns}) VALUES ({marks})"
        self.copy = f"COPY {table} ({columns}) FROM STDIN"
        self.pending: list[tuple[int, list]] = []

    def add(self, number: int, fields: dict) -> None:
        self.pending.append((number, self.parameters(number, fields)))
        if len(self.pending) >= BATCH_SIZE:
            self.flush()

    def parameters(self, number: int, fields: dict) -> list:
        """The row's values as the database takes them, each checked by its field."""
        check_names(number, self.model, fields, self.names)
        values = []
        for field in self.fields:
            try:
                value = field.to_python(fields[field.attname])
                values.append(field.get_db_prep_save(value, self.database))
            except (ValidationError, TypeError, ValueError) as error:
                problem = "; ".join(getattr(error, "messages", [str(error)]))
                raise DatasetError(f"{self.label}: {field.attname}: {problem}", number) from error
        return values

    def flush(self) -> None:
        """Insert the pending rows together; when the database refuses them, find the row
        it refuses and name its line."""
        if not self.pending:
            return
        with self.database.cursor() as cursor:
            try:
                with transaction.atomic():
                    self.insert_together(cursor)
            except (DatabaseError, OverflowError):
                self.insert_one_by_one(cursor)
        self.pending = []

    def insert_together(self, cursor) -> None:
        if self.database.vendor != "postgresql":
            cursor.executemany(self.insert, [row for _, row in self.pending])
            return
        # COPY: psycopg sends INSERTs one by one, several times slower.
        with self.database.wrap_database_errors, cursor.copy(self.copy) as copy:
            for _, row in self.pending:
                copy.write_row(row)

    def insert_one_by_one(self, cursor) -> None:
        for number, row in self.pending:
            try:
                with transaction.atomic():
                    cursor.execute(self.insert, row)
            except (DatabaseError, OverflowError) as error:
                problem = f"{self.label}: refused by the database: {error}"
                raise DatasetError(problem, number) from error


def check_names(number: int, model: type[models.Model], fields: dict, names: list[str]) -> None:
    missing, unknown = set(names) - set(fields), set(fields) - set(names)
    if missing or unknown:
        problems = [f"lacks {', '.join(sorted(missing))}" if missing else ""]
        problems.append(f"has no {', '.join(sorted(unknown))}" if unknown else "")
        label = model._meta.label_lower
        raise DatasetError(f"{label}: {' and '.join(filter(None, problems))}", number)


class Restore:
    """One import in progress: the rows read, by table, and the accounts' links."""

    def __init__(self) -> None:
        User = get_user_model()
        self.tables = {model._meta.label_lower: Table(model) for model in [User, *TABLES]}
        self.tally = Tally()
        self.permissions = {
            tuple(permission.natural_key()): permission.pk
            for permission in Permission.objects.select_related("content_type")
        }
        self.groups: dict[str, int] = {}
        self.memberships: list[tuple[int, dict]] = []  # (line, user's fields)

    def add(self, number: int, text: str, record: dict) -> None:
        label, fields = record.get("model"), record.get("fields")
        if not isinstance(label, str) or not isinstance(fields, dict):
            raise DatasetError('a row needs a "model" and its "fields"', number)
        self.tally.add(text)
        if label == GROUP:
            self.add_group(number, fields)
        elif label == USER:
            check_names(number, get_user_model(), fields, [*self.tables[USER].names, *USER_LINKS])
            links = {name: fields.pop(name) for name in USER_LINKS}
            self.tables[USER].add(number, fields)
            self.memberships.append((number, {"id": fields["id"], **links}))
        elif label in self.tables:
            self.tables[label].add(number, fields)
        else:
            raise DatasetError(f"unknown model {label!r}", number)

    def add_group(self, number: int, fields: dict) -> None:
        check_names(number, Group, fields, ["name", "permissions"])
        group, _ = Group.objects.get_or_create(name=fields["name"])
        group.permissions.set(self.permission_ids(number, fields["permissions"]))
        self.groups[group.name] = group.pk

    def permission_ids(self, number: int, keys: list) -> list[int]:
        try:
            return [self.permissions[tuple(key)] for key in keys]
        except (KeyError, TypeError) as error:
            raise DatasetError(f"no such permission: {error}", number) from error

    def finish(self, number: int, record: dict) -> None:
        """Write what is still pending, once the closing line shows the file is whole."""
        if (record.get("rows"), record.get("digest")) != (self.tally.rows, self.tally.digest):
            raise DatasetError(
                "the rows do not match the count and digest of this closing line: "
                "the file was changed or damaged after export",
                number,
            )
        for table in self.tables.values():
            table.flush()
        self.link_users()
        check_references()
        # Groups that only migrations made and the dataset does not have go.
        Group.objects.exclude(name__in=self.groups).delete()

    def link_users(self) -> None:
        User = get_user_model()
        groups, permissions = User.groups.through, User.user_permissions.through
        in_groups, allowed = [], []
        for number, links in self.memberships:
            for name in links["groups"]:
                if name not in self.groups:
                    raise DatasetError(f"auth.user: no such group {name!r}", number)
                in_groups.append(groups(user_id=links["id"], group_id=self.groups[name]))
            for pk in self.permission_ids(number, links["user_permissions"]):
                allowed.append(permissions(user_id=links["id"], permission_id=pk))
        groups.objects.bulk_create(in_groups, batch_size=BATCH_SIZE)
        permissions.objects.bulk_create(allowed, batch_size=BATCH_SIZE)


def check_references() -> None:
    """Fail unless every row's references lead to rows, now rather than at the commit
    (where foreign keys are checked) so that the error is told and everything undone."""
    tables = [model._meta.db_table for model in [get_user_model(), *TABLES]]
    try:
        connection.check_constraints(table_names=tables)
    except IntegrityError as error:
        raise DatasetError(f"a row refers to a row the file does not hold: {error}") from error


def refuse_unless_empty() -> None:
    """Only a migrated database with no accounts and no timeline rows takes a dataset (the
    event types and groups that migrations make are replaced)."""
    filled = [
        model._meta.label_lower
        for model in [get_user_model(), *TABLES]
        if model is not EventType and model._base_manager.exists()
    ]
    if filled:
        raise DatasetError(
            f"the database is not empty: it has rows of {', '.join(filled)}; "
            "a dataset is restored into a newly migrated database"
        )


def clear_event_types() -> None:
    # The dataset brings its own vocabulary, ids and all. Plain SQL, because
    # QuerySet.delete() would record a tombstone for each type.
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {connection.ops.quote_name(EventType._meta.db_table)}")


def reset_sequences() -> None:
    """Make new rows' ids follow the restored ones. PostgreSQL's sequences do not move when
    ids are given; SQLite takes the next id past the largest, and gets no statements."""
    statements = connection.ops.sequence_reset_sql(no_style(), [get_user_model(), *TABLES])
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def parse(number: int, text: str) -> dict:
    try:
        record = json.loads(text)
    except json.JSONDecodeError as error:
        raise DatasetError(f"not JSON: {error.msg} at column {error.colno}", number) from error
    if not isinstance(record, dict):
        raise DatasetError("not a JSON object", number)
    return record


def check_header(record: dict) -> None:
    if record.get("format") != FORMAT:
        raise DatasetError(f"not a {FORMAT} file: its first line names no such format", 1)
    if record.get("version") != VERSION:
        raise DatasetError(
            f"{FORMAT} version {record.get('version')!r}; this version reads {VERSION}", 1
        )


def numbered(lines: Iterable[str]) -> Iterator[tuple[int, str]]:
    """The lines with their numbers from 1; a file that cannot be read (a gzip cut short,
    bytes that are not UTF-8) fails at the line it could not give."""
    iterator, number = iter(lines), 0
    while True:
        number += 1
        try:
            text = next(iterator)
        except StopIteration:
            return
        except (OSError, EOFError, zlib.error, ValueError) as error:
            raise DatasetError(f"cannot be read: {error}", number) from error
        yield number, text


def load(lines: Iterable[str]) -> Tally:
    """Restore a dataset into an empty, migrated database, all or nothing, and check that
    the database then holds exactly the rows of the file (by their digest)."""
    with transaction.atomic():
        refuse_unless_empty()
        clear_event_types()
        restore = Restore()
        closed, last = False, 0
        for number, text in numbered(lines):
            last = number
            if closed:
                raise DatasetError("text after the closing line", number)
            record = parse(number, text)
            if number == 1:
                check_header(record)
            elif "end" in record:
                restore.finish(number, record)
                closed = True
            else:
                restore.add(number, text, record)
        if not closed:
            raise DatasetError("the file ends before its closing line: it is incomplete", last + 1)
        if digest() != restore.tally.digest:
            raise DatasetError("the database does not read back the rows of the file")
        reset_sequences()
    return restore.tally
