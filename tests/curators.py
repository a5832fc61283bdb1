"""One curator process for tests/test_concurrency.py.

    python -m tests.curators api|admin EVENT_IDS TAGS START_AT

Signs in as the curator "curator" and, from START_AT (a Unix time, so that every process
starts together), appends each tag to the summary of each event in turn: read the event,
write it back with the tag added, through the API with If-Match or through the admin's
change form with its version, and on a refusal for a stale version read it again and retry.
Prints one JSON line per write: {"event", "tag", "status", "attempts"}, where status is
"accepted", or what failed ("500: ...", "database is locked", ...).
"""

import json
import os
import sys
import time
from html.parser import HTMLParser

import django

STALE_ADMIN = "Someone saved this event after you opened it"
ATTEMPTS = 200


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "timeline.settings")
    django.setup()
    from django.contrib.auth import get_user_model
    from django.test import Client
    from rest_framework.test import APIClient

    way, event_ids, tags, start_at = sys.argv[1:5]
    client = (APIClient if way == "api" else Client)(HTTP_HOST="localhost")
    client.force_login(get_user_model().objects.get(username="curator"))
    append = api_append if way == "api" else admin_append
    time.sleep(max(0.0, float(start_at) - time.time()))
    for tag in tags.split(","):
        for event_id in event_ids.split(","):
            status, attempts = append(client, int(event_id), tag)
            line = {"event": int(event_id), "tag": tag, "status": status, "attempts": attempts}
            print(json.dumps(line), flush=True)


def api_append(client, event_id: int, tag: str) -> tuple[str, int]:
    path = f"/api/events/{event_id}/"
    for attempt in range(1, ATTEMPTS + 1):
        read = client.get(path)
        if read.status_code != 200:
            return failure(read), attempt
        summary = f"{read.json()['summary']} {tag}".strip()
        written = client.patch(
            path, {"summary": summary}, format="json", headers={"If-Match": read["ETag"]}
        )
        if written.status_code == 200:
            return "accepted", attempt
        if written.status_code != 412:
            return failure(written), attempt
    return "gave up", ATTEMPTS


def admin_append(client, event_id: int, tag: str) -> tuple[str, int]:
    path = f"/admin/events/event/{event_id}/change/"
    for attempt in range(1, ATTEMPTS + 1):
        read = client.get(path)
        if read.status_code != 200:
            return failure(read), attempt
        fields = FormFields.of(read.content.decode(), form_id="event_form")
        fields["summary"] = [f"{fields['summary'][0]} {tag}".strip()]
        written = client.post(path, {**fields, "_save": ["Save"]})
        if written.status_code == 302:
            return "accepted", attempt
        if written.status_code != 200 or STALE_ADMIN not in written.content.decode():
            return failure(written), attempt
    return "gave up", ATTEMPTS


def failure(response) -> str:
    text = response.content.decode(errors="replace")
    if "locked" in text:
        return "database is locked"
    errors = text[text.find("errorlist") :][:300] if "errorlist" in text else text[:300]
    return f"{response.status_code}: {errors}"


class FormFields(HTMLParser):
    """What a browser would submit from a form: its inputs, checked boxes, chosen options
    and text areas, by name."""

    def __init__(self, form_id: str):
        super().__init__()
        self.form_id, self.inside, self.fields = form_id, False, {}
        self.select = self.textarea = None

    @classmethod
    def of(cls, html: str, form_id: str) -> dict[str, list[str]]:
        parser = cls(form_id)
        parser.feed(html)
        return parser.fields

    def add(self, name: str | None, value: str) -> None:
        if name:
            self.fields.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        if not self.inside:
            return
        if tag == "input" and attrs.get("type") not in ("submit", "button", "file"):
            if attrs.get("type") not in ("checkbox", "radio") or "checked" in attrs:
                self.add(attrs.get("name"), attrs.get("value") or "")
        elif tag == "select":
            self.select = attrs.get("name")
        elif tag == "option" and self.select and "selected" in attrs:
            self.add(self.select, attrs.get("value") or "")
        elif tag == "textarea":
            self.textarea = attrs.get("name")
            self.add(self.textarea, "")

    def handle_data(self, data):
        if self.inside and self.textarea:
            self.fields[self.textarea][-1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            if self.textarea and self.fields[self.textarea][-1].startswith("\n"):
                # HTML drops a newline right after <textarea>; so does a browser.
                self.fields[self.textarea][-1] = self.fields[self.textarea][-1][1:]
            self.textarea = None


if __name__ == "__main__":
    main()
