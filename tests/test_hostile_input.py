"""Hostile input, for every filter and every writable field, read from the API's own schema.

Each value is sent alone in an otherwise valid request. What breaks the parameter's or the
field's schema must be a 400 whose errors name it; what fits may be taken or refused (a
400 naming it, as for 30 February); nothing may fail with a 5xx; and a refused write
leaves the database as it was.
"""

import json
import tempfile
from pathlib import Path

import jsonschema
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings
from rest_framework.test import APIClient

from events import dataset
from events.models import Citation, Event, Source
from tests.base import ApiTestCase

MEGABYTE = "x" * 1_000_000
SQL = "'; DROP TABLE events_event; --"

# Strings for query parameters (which are all text on the wire).
QUERY_VALUES = [
    "a\x00b",
    MEGABYTE,
    "9" * 30,
    "-1",
    "1e308",
    "[1, 2]",
    "true",
    "2024-13",
    "2024-02-30",
    "May 2024",
    SQL,
    '"unbalanced',
    "' OR 1=1 --",
    "%00%27",
]
# JSON values for body fields.
BODY_VALUES = [
    "a\x00b",
    MEGABYTE,
    10**30,
    -1,
    1e308,
    True,
    None,
    [],
    {},
    "2024-13",
    "2024-02-30",
    "1990/1980",
    SQL,
    '"unbalanced',
]
LIST_PATHS = [
    "/api/events/",
    "/api/timeline/",
    "/api/actors/",
    "/api/actors/{slug}/events/",
    "/api/sources/",
    "/api/passages/",
    "/api/event-types/",
    "/api/deletions/",
]


def as_json_schema(schema):
    """OpenAPI 3.0's ``nullable: true`` said in JSON Schema, which jsonschema checks."""
    if isinstance(schema, list):
        return [as_json_schema(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    schema = {key: as_json_schema(value) for key, value in schema.items()}
    if schema.pop("nullable", False):
        return {"anyOf": [schema, {"type": "null"}]}
    return schema


def label(value) -> str:
    text = repr(value)
    return text if len(text) < 40 else f"{text[:20]}... ({len(text):,} characters)"


# Hundreds of requests from one client: not what the throttles are tested on here.
@override_settings(API_ANONYMOUS_RATE="100000/minute", API_USER_RATE="100000/minute")
class HostileInputTestCase(ApiTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.schema = as_json_schema(APIClient().get("/api/schema/?format=json").json())

    def resolve(self, schema: dict) -> dict:
        while "$ref" in schema:
            schema = self.schema["components"]["schemas"][schema["$ref"].split("/")[-1]]
        return schema

    def fits(self, value, schema: dict) -> bool:
        resolver = {"components": self.schema["components"], **schema}
        try:
            jsonschema.validate(value, resolver)
        except jsonschema.ValidationError:
            return False
        return "\x00" not in json.dumps(value, ensure_ascii=False)

    def assertAnswer(self, response, name: str, value, fits: bool):
        """A 400 naming ``name`` when the value does not fit its schema; never a 5xx."""
        self.assertLess(response.status_code, 500, response.content[:300])
        if fits and response.status_code < 400:
            return
        self.assertError(response, 400, name)


class HostileFilterTests(HostileInputTestCase):
    def query_parameters(self):
        for path in LIST_PATHS:
            for parameter in self.schema["paths"][path]["get"].get("parameters", []):
                if parameter["in"] == "query" and parameter["name"] != "format":
                    yield path.replace("{slug}", "iran"), parameter

    def test_every_filter_refuses_what_does_not_fit_it_by_name(self):
        for path, parameter in self.query_parameters():
            name, schema = parameter["name"], parameter["schema"]
            for value in QUERY_VALUES:
                sent = value
                if schema.get("type") == "array":
                    sent, schema_value = value, [value]
                else:
                    schema_value = self.typed(value, schema)
                with self.subTest(path=path, parameter=name, value=label(value)):
                    response = self.client.get(path, {name: sent})
                    fits = "\x00" not in value and self.fits(schema_value, schema)
                    self.assertAnswer(response, name, value, fits)

    def typed(self, value: str, schema: dict):
        """The query string's text as the JSON value its schema would read it as."""
        if schema.get("type") == "integer":
            try:
                return int(value)
            except ValueError:
                return value
        return value

    def test_no_filter_takes_a_megabyte(self):
        for path, parameter in self.query_parameters():
            with self.subTest(path=path, parameter=parameter["name"]):
                response = self.client.get(path, {parameter["name"]: MEGABYTE})
                self.assertError(response, 400, parameter["name"])


class HostileFieldTests(HostileInputTestCase):
    def setUp(self):
        super().setUp()
        self.client.force_authenticate(self.curator)

    def valid_bodies(self) -> dict[str, dict]:
        return {
            "/api/events/": {
                "title": "A new event",
                "event_type": "statement",
                "date": "2024-05-21",
                "actors": [{"slug": "iran", "role": "actor"}],
                "citations": [{"passage": self.crash_passage.pk, "quote": "The news"}],
            },
            "/api/actors/": {"name": "A new actor", "kind": "state", "aliases": ["Another"]},
            "/api/event-types/": {"name": "Protest", "slug": "protest"},
            "/api/sources/": {
                "title": "A new source",
                "file_name": "new.txt",
                "text": "A paragraph of its own.\n",
            },
        }

    def fields(self, schema: dict, prefix: str = ""):
        """(dotted name, path of keys, field schema) for every writable field, nested too."""
        for name, field in self.resolve(schema).get("properties", {}).items():
            if field.get("readOnly"):
                continue
            field = self.resolve(field) if "$ref" in field else field
            yield f"{prefix}{name}", [name], field
            items = field.get("items", {})
            if field.get("type") == "array" and "$ref" in items:
                for inner, keys, inner_field in self.fields(items, f"{prefix}{name}.0."):
                    yield inner, [name, 0, *keys], inner_field

    def request_schema(self, path: str) -> dict:
        content = self.schema["paths"][path]["post"]["requestBody"]["content"]
        return content["application/json"]["schema"]

    def test_every_writable_field_refuses_what_does_not_fit_it_by_name(self):
        for path, valid in self.valid_bodies().items():
            schema = self.request_schema(path)
            self.remove(self.client.post(path, valid), 201)  # the control
            for name, keys, _ in self.fields(schema):
                for value in BODY_VALUES:
                    body = json.loads(json.dumps(valid))
                    if not self.place(body, keys, value):
                        continue
                    with self.subTest(path=path, field=name, value=label(value)):
                        before = dataset.digest()
                        response = self.client.post(path, body)
                        fits = self.fits(body, schema)
                        self.assertAnswer(response, name, value, fits)
                        if response.status_code >= 400:
                            self.assertEqual(dataset.digest(), before)
                        else:
                            self.assertStoredVerbatim(response, keys, value)
                            self.remove(response)

    def remove(self, response, status: int | None = None):
        """Delete what a POST made, so that the next one does not clash with it."""
        if status is not None:
            self.assertEqual(response.status_code, status, response.content[:300])
        deleted = self.client.delete(response["Location"], headers={"If-Match": response["ETag"]})
        self.assertEqual(deleted.status_code, 204, deleted.content[:300])

    def place(self, body: dict, keys: list, value) -> bool:
        """Put ``value`` at ``keys`` in ``body``, if the valid body has the list it needs."""
        target = body
        for key in keys[:-1]:
            if isinstance(target, dict) and key not in target:
                return False
            if isinstance(target, list) and len(target) <= key:
                return False
            target = target[key]
        target[keys[-1]] = value
        return True

    def assertStoredVerbatim(self, response, keys: list, value):
        if not isinstance(value, str) or len(keys) != 1:
            return
        stored = response.json().get(keys[0])
        if isinstance(stored, str) and keys[0] not in ("slug", "event_type"):
            self.assertEqual(stored, value)

    def test_a_change_that_does_not_fit_leaves_the_event_as_it_was(self):
        path = f"/api/events/{self.meeting.pk}/"
        schema = self.schema["paths"]["/api/events/{id}/"]["patch"]["requestBody"]
        schema = schema["content"]["application/json"]["schema"]
        for name, keys, _ in self.fields(schema):
            if len(keys) != 1:
                continue
            for value in BODY_VALUES:
                body = {name: value}
                if self.fits(body, schema):
                    continue
                with self.subTest(field=name, value=label(value)):
                    before = dataset.digest()
                    etag = self.client.get(path)["ETag"]
                    response = self.client.patch(path, body, headers={"If-Match": etag})
                    self.assertError(response, 400, name)
                    self.assertEqual(dataset.digest(), before)

    def test_a_body_that_is_not_utf_8_is_a_400_saying_so(self):
        before = dataset.digest()
        body = b'{"title": "caf\xe9", "event_type": "statement", "date": "2024"}'
        response = self.client.generic(
            "POST", "/api/events/", body, content_type="application/json"
        )
        error = self.assertError(response, 400)
        self.assertIn("utf-8", error["message"].lower())
        self.assertEqual(dataset.digest(), before)


class HostileFileTests(HostileInputTestCase):
    def test_commands_name_the_file_they_cannot_read_and_write_nothing(self):
        folder = Path(self.enterContext(tempfile.TemporaryDirectory()))
        cases = {
            "latin1.txt": b"Caf\xe9 in Damascus, 3 May 2024.\n",
            "nul.txt": b"A text with a \x00 inside.\n",
            "empty.txt": b"",
        }
        for name, content in cases.items():
            (folder / name).write_bytes(content)
            counts = (Source.objects.count(), Event.objects.count(), Citation.objects.count())
            with self.subTest(name), self.assertRaises(CommandError) as caught:
                call_command("ingest", str(folder / name), "--published", "2024-05-31")
            self.assertIn(name, str(caught.exception))
            self.assertEqual(
                (Source.objects.count(), Event.objects.count(), Citation.objects.count()), counts
            )
        garbage = folder / "backup.jsonl"
        garbage.write_bytes(b"\xff\xfe not json\n")
        with self.assertRaises(CommandError) as caught:
            call_command("import_dataset", str(garbage))
        self.assertIn("backup.jsonl", str(caught.exception))
