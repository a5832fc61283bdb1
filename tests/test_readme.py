"""The README's API examples work against the seeded data."""

import csv
import io
import re
from io import StringIO
from urllib.parse import urlsplit

from django.conf import settings
from django.core.management import call_command
from django.test import TestCase
from rest_framework.test import APIClient

EXAMPLE = re.compile(r"^curl (?:-o \S+ +)?'(http://127\.0\.0\.1:8000/api/[^']+)'$", re.MULTILINE)


class ReadmeExampleTests(TestCase):
    client_class = APIClient

    @classmethod
    def setUpTestData(cls):
        call_command("bootstrap", stdout=StringIO())

    def test_every_curl_example_answers_with_data(self):
        readme = (settings.BASE_DIR / "README.md").read_text()
        urls = EXAMPLE.findall(readme)
        self.assertGreaterEqual(len(urls), 10)
        for url in urls:
            with self.subTest(url):
                parts = urlsplit(url)
                response = self.client.get(f"{parts.path}?{parts.query}")
                self.assertEqual(response.status_code, 200)
                self.assertTrue(self.items(response), "no events in the answer")

    @staticmethod
    def items(response) -> list:
        """The records in a listing, timeline or export."""
        if response.streaming:
            text = b"".join(response.streaming_content).decode()
            if response["Content-Type"].startswith("text/calendar"):
                return re.findall("^BEGIN:VEVENT", text, re.MULTILINE)
            return list(csv.DictReader(io.StringIO(text)))
        body = response.json()
        return body.get("results") or body.get("years") or body.get("events") or []

    def test_the_documented_example_event_is_the_warning_reports(self):
        body = self.client.get("/api/events/?date_after=2024-10&date_before=2024-10").json()
        slugs = [event["slug"] for event in body["results"]]
        self.assertIn("2024-09-iranian-intelligence-warnings-to-syria", slugs)
        self.assertNotIn("2024-05-19-raisi-helicopter-crash", slugs)
