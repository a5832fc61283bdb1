"""The OpenAPI schema documents every endpoint, parameter and field; the docs need no CDN."""

import re

from django.test import TestCase

from tests.base import ApiTestCase

ENDPOINTS = [
    "/api/events/",
    "/api/events/{id}/",
    "/api/actors/",
    "/api/actors/{slug}/",
    "/api/actors/{slug}/events/",
    "/api/sources/",
    "/api/sources/{id}/",
    "/api/passages/",
    "/api/passages/{id}/",
    "/api/event-types/",
    "/api/event-types/{slug}/",
    "/api/timeline/",
    "/api/deletions/",
]
EVENT_FILTERS = [
    "date_after",
    "date_before",
    "date_match",
    "actor",
    "actor_match",
    "event_type",
    "precision",
    "status",
    "source",
    "location",
    "q",
    "updated_since",
    "ordering",
    "cursor",
    "page_size",
]


class SchemaTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.schema = cls.client_class().get("/api/schema/?format=json").json()

    def test_every_endpoint_is_in_the_schema(self):
        for path in ENDPOINTS:
            with self.subTest(path):
                self.assertIn(path, self.schema["paths"])

    def test_every_event_filter_is_a_documented_parameter(self):
        for path in ("/api/events/", "/api/timeline/", "/api/actors/{slug}/events/"):
            parameters = {p["name"]: p for p in self.schema["paths"][path]["get"]["parameters"]}
            for name in EVENT_FILTERS if path != "/api/timeline/" else EVENT_FILTERS[:-2]:
                with self.subTest(path=path, parameter=name):
                    self.assertIn(name, parameters)

    def test_every_passage_filter_is_a_documented_parameter(self):
        parameters = {
            p["name"] for p in self.schema["paths"]["/api/passages/"]["get"]["parameters"]
        }
        for name in [
            "source",
            "q",
            "mentions_actor",
            "mentions_date_after",
            "mentions_date_before",
        ]:
            with self.subTest(name):
                self.assertIn(name, parameters)

    def test_adding_a_source_documents_what_ingest_found(self):
        created = self.schema["paths"]["/api/sources/"]["post"]["responses"]["201"]
        reference = created["content"]["application/json"]["schema"]["$ref"]
        source = self.schema["components"]["schemas"][reference.rsplit("/", 1)[1]]
        self.assertIn("ingest", source["properties"])
        passage = self.schema["components"]["schemas"]["Passage"]["properties"]
        self.assertTrue({"date_mentions", "actor_mentions"} <= set(passage))

    def test_every_parameter_has_a_description(self):
        for path, operations in self.schema["paths"].items():
            for method, operation in operations.items():
                for parameter in operation.get("parameters", []):
                    with self.subTest(f"{method} {path} {parameter['name']}"):
                        self.assertTrue(parameter.get("description"))

    def test_every_field_of_every_response_has_a_description(self):
        for name, component in self.schema["components"]["schemas"].items():
            for field, spec in component.get("properties", {}).items():
                with self.subTest(f"{name}.{field}"):
                    self.assertTrue(spec.get("description"), spec)

    def test_errors_are_documented_with_the_one_shape(self):
        list_events = self.schema["paths"]["/api/events/"]["get"]["responses"]
        self.assertEqual(
            list_events["400"]["content"]["application/json"]["schema"],
            {"$ref": "#/components/schemas/Error"},
        )
        change = self.schema["paths"]["/api/events/{id}/"]["patch"]["responses"]
        self.assertTrue({"401", "403", "404", "412", "428"} <= set(change))


class DocsTests(ApiTestCase):
    def test_the_docs_pages_load_their_assets_from_this_server(self):
        for path in ("/api/docs/", "/api/redoc/"):
            with self.subTest(path):
                page = self.client.get(path).content.decode()
                assets = re.findall(r'(?:src|href)="([^"]+)"', page)
                self.assertTrue(assets)
                for asset in assets:
                    self.assertFalse(asset.startswith(("http:", "https:", "//")), asset)
                    if asset.startswith("/static/"):
                        response = self.client.get(asset)
                        self.assertEqual(response.status_code, 200, asset)
                        if hasattr(response, "streaming_content"):
                            b"".join(response.streaming_content)

    def test_swagger_ui_does_not_call_the_online_validator(self):
        page = self.client.get("/api/docs/").content.decode()
        self.assertRegex(page, r'"validatorUrl": ?null')

    def test_the_api_root_lists_the_endpoints(self):
        body = self.client.get("/api/").json()
        self.assertTrue({"events", "actors", "sources", "passages", "event-types"} <= set(body))

    def test_the_browsable_api_renders(self):
        response = self.client.get("/api/events/", headers={"Accept": "text/html"})
        self.assertContains(response, "Helicopter crash")
