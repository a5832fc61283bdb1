"""Keyset ("cursor") pagination over a queryset's own ordering.

A page is the rows after (or before) the last row seen, compared on every ordering column,
so pages stay stable while rows are added and a deep page costs what the first one does.
The ordering must end in a unique column (the id); the cursor carries the ordering it was
made for and the boundary row's values.
"""

import base64
import binascii
import json
from urllib.parse import urlencode

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import connections
from django.db.models import Q, QuerySet
from rest_framework import exceptions
from rest_framework.pagination import BasePagination
from rest_framework.response import Response

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 500


class Keyset:
    """An ordering, as (field name, descending) pairs, and the comparisons it implies."""

    def __init__(self, queryset: QuerySet, unique: str = "id"):
        self.model = queryset.model
        self.order_by = [str(term) for term in queryset.query.order_by or self.model._meta.ordering]
        if self.order_by[-1:] not in ([unique], [f"-{unique}"]):
            self.order_by.append(unique)  # ties need a unique last column to page through
        self.columns = [(term.lstrip("-"), term.startswith("-")) for term in self.order_by]

    @property
    def name(self) -> str:
        return ",".join(self.order_by)

    def values(self, obj) -> list[str]:
        return [self._value(obj, name) for name, _ in self.columns]

    def _value(self, obj, name: str) -> str:
        attname = self.model._meta.get_field(name).attname
        value = obj[attname] if isinstance(obj, dict) else getattr(obj, attname)
        return value.isoformat() if hasattr(value, "isoformat") else value

    def parse(self, raw: list) -> list:
        """The cursor's values as Python values of their columns; ValueError if not."""
        if not isinstance(raw, list) or len(raw) != len(self.columns):
            raise ValueError("wrong number of values")
        if any(value is None for value in raw):
            raise ValueError("missing values")
        try:
            return [
                self.model._meta.get_field(name).to_python(value)
                for (name, _), value in zip(self.columns, raw, strict=True)
            ]
        except (ValidationError, FieldDoesNotExist, TypeError) as error:
            raise ValueError(str(error)) from error

    def beyond(self, values: list, backwards: bool) -> Q:
        """Rows after ``values`` in this ordering (before them when ``backwards``)."""
        condition, equal = Q(pk__in=[]), Q()
        for (name, descending), value in zip(self.columns, values, strict=True):
            later = "lt" if descending != backwards else "gt"
            condition |= equal & Q(**{f"{name}__{later}": value})
            equal &= Q(**{name: value})
        # Implied by the condition, but databases cannot see it through the ORs: it lets
        # them seek to the page in the index instead of scanning every row before it.
        name, descending = self.columns[0]
        seek = Q(**{f"{name}__{'lte' if descending != backwards else 'gte'}": values[0]})
        return seek & condition

    def reversed(self) -> list[str]:
        return [name if descending else f"-{name}" for name, descending in self.columns]


def first_rows(ranges: list[QuerySet], order: list[str], count: int) -> list:
    """The first ``count`` rows of the union of ``ranges`` in ``order``, reading no more of
    each range than that: the ranges are in the order of their indexes, and SQLite merges
    them as it reads (MERGE (UNION)), stopping at the limit, while PostgreSQL stops each
    range at ``count`` rows and sorts only those."""
    if len(ranges) == 1:
        return list(ranges[0].order_by(*order)[:count])
    if connections[ranges[0].db].features.supports_slicing_ordering_in_compound:
        ranges = [rows.order_by(*order)[:count] for rows in ranges]
    else:
        ranges = [rows.order_by() for rows in ranges]
    return list(ranges[0].union(*ranges[1:]).order_by(*order)[:count])


class KeysetPagination(BasePagination):
    """DRF's {next, previous, results} pages, with ``cursor`` and ``page_size`` parameters."""

    cursor_query_param = "cursor"
    page_size_query_param = "page_size"

    def paginate_queryset(self, queryset, request, view=None, unique="id"):
        """The page's rows; ``unique`` names the column that tells rows apart. ``queryset``
        may be a list of querysets of the same columns and ordering, each a range of an
        index: the page is then read from their union."""
        self.request = request
        ranges = queryset if isinstance(queryset, list) else [queryset]
        self.keyset = Keyset(ranges[0], unique)
        page_size = self.get_page_size(request)
        boundary, backwards = self.decode_cursor(request)
        if boundary is not None:
            beyond = self.keyset.beyond(boundary, backwards)
            ranges = [rows.filter(beyond) for rows in ranges]
        order = self.keyset.reversed() if backwards else self.keyset.order_by
        rows = first_rows(ranges, order, page_size + 1)
        more = len(rows) > page_size
        rows = rows[:page_size]
        if backwards:
            rows.reverse()
        has_next = more if not backwards else boundary is not None
        has_previous = more if backwards else boundary is not None
        self.next = self.link(rows[-1], False) if rows and has_next else None
        self.previous = self.link(rows[0], True) if rows and has_previous else None
        return rows

    def get_page_size(self, request) -> int:
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return DEFAULT_PAGE_SIZE
        if not (raw.isascii() and raw.isdigit()) or int(raw) < 1:
            raise exceptions.ValidationError(
                {"page_size": [f"Enter a whole number from 1 to {MAX_PAGE_SIZE}, not {raw!r}."]}
            )
        return min(int(raw), MAX_PAGE_SIZE)

    def decode_cursor(self, request) -> tuple[list | None, bool]:
        raw = request.query_params.get(self.cursor_query_param)
        if not raw:
            return None, False
        try:
            data = json.loads(base64.urlsafe_b64decode(raw.encode("ascii")))
            if data["o"] != self.keyset.name:
                raise ValueError("made for another ordering")
            return self.keyset.parse(data["v"]), bool(data["r"])
        except (ValueError, TypeError, KeyError, RecursionError, binascii.Error) as error:
            raise exceptions.ValidationError(
                {
                    "cursor": [
                        f"Not a cursor of this listing ({error}); use the next or "
                        "previous link of a page as it was given."
                    ]
                }
            ) from error

    def link(self, row, backwards: bool) -> str:
        data = {"o": self.keyset.name, "v": self.keyset.values(row), "r": backwards}
        cursor = base64.urlsafe_b64encode(json.dumps(data, default=str).encode()).decode()
        params = self.request.query_params.copy()
        params[self.cursor_query_param] = cursor
        url = self.request.build_absolute_uri(self.request.path)
        return f"{url}?{urlencode(list(params.lists()), doseq=True)}"

    def get_paginated_response(self, data):
        return Response({"next": self.next, "previous": self.previous, "results": data})

    def get_paginated_response_schema(self, schema):
        link = {"type": "string", "format": "uri", "nullable": True}
        return {
            "type": "object",
            "required": ["next", "previous", "results"],
            "properties": {
                "next": {**link, "description": "The next page, or null on the last page."},
                "previous": {**link, "description": "The previous page, or null on the first."},
                "results": {**schema, "description": "This page's items."},
            },
        }

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": self.cursor_query_param,
                "in": "query",
                "required": False,
                "description": "Where the page starts: take it from a `next` or `previous` link.",
                "schema": {"type": "string"},
            },
            {
                "name": self.page_size_query_param,
                "in": "query",
                "required": False,
                "description": (
                    f"Items per page, {DEFAULT_PAGE_SIZE} by default; larger values are "
                    f"capped at {MAX_PAGE_SIZE}."
                ),
                "schema": {"type": "integer", "minimum": 1},
            },
        ]
