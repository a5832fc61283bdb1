"""Deployment settings, sign-in throttling, cross-origin requests and request size limits."""

import json
import os
import subprocess
import sys

from django.conf import settings
from django.test import SimpleTestCase, override_settings
from rest_framework.test import APIClient

from events import dataset
from events.models import Source
from tests.base import ApiTestCase

PRODUCTION = {"SECRET_KEY": "a-production-secret-" + "k" * 40, "ALLOWED_HOSTS": "timeline.org"}


def without(*names: str) -> dict:
    """This process's environment minus the named variables (the tests' own DEBUG=1)."""
    return {key: value for key, value in os.environ.items() if key not in names}


def run(command: list[str], **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        command,
        env={**without("DEBUG", "SECRET_KEY", "DJANGO_SETTINGS_MODULE"), **env},
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
    )


def production_settings(**env: str) -> dict:
    names = [
        "DEBUG",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_PROXY_SSL_HEADER",
        "DATA_UPLOAD_MAX_MEMORY_SIZE",
    ]
    code = (
        "import json, timeline.settings as s;"
        f"print(json.dumps({{n: getattr(s, n, None) for n in {names!r}}}))"
    )
    result = run([sys.executable, "-c", code], **{**PRODUCTION, **env})
    if result.returncode:
        raise AssertionError(result.stderr)
    return json.loads(result.stdout)


class ProductionSettingsTests(SimpleTestCase):
    def test_debug_is_off_unless_asked_and_https_is_required(self):
        self.assertEqual(
            production_settings(),
            {
                "DEBUG": False,
                "SESSION_COOKIE_SECURE": True,
                "CSRF_COOKIE_SECURE": True,
                "SECURE_SSL_REDIRECT": True,
                "SECURE_HSTS_SECONDS": 31536000,
                "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
                "SECURE_PROXY_SSL_HEADER": None,
                "DATA_UPLOAD_MAX_MEMORY_SIZE": 10 * 1024 * 1024,
            },
        )

    def test_the_proxy_header_and_the_limits_come_from_the_environment(self):
        found = production_settings(
            PROXY_SSL_HEADER="X-Forwarded-Proto", HSTS_SECONDS="300", MAX_REQUEST_BYTES="5000"
        )
        self.assertEqual(found["SECURE_PROXY_SSL_HEADER"], ["HTTP_X_FORWARDED_PROTO", "https"])
        self.assertEqual(found["SECURE_HSTS_SECONDS"], 300)
        self.assertEqual(found["DATA_UPLOAD_MAX_MEMORY_SIZE"], 5000)

    def test_development_asks_for_debug_and_gets_relaxed_cookies(self):
        found = production_settings(DEBUG="1", SECRET_KEY="")
        self.assertEqual(found["DEBUG"], True)
        self.assertEqual(found["SESSION_COOKIE_SECURE"], False)
        self.assertEqual(found["SECURE_SSL_REDIRECT"], False)

    def test_the_server_refuses_to_start_without_a_secret_key(self):
        result = run([sys.executable, "-c", "import timeline.wsgi"])
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("SECRET_KEY must be set", result.stderr)

    def test_a_command_without_a_secret_key_stops_with_one_line_saying_so(self):
        result = run([sys.executable, "manage.py", "check"])
        self.assertEqual(result.returncode, 1)
        self.assertEqual(
            result.stderr.strip(),
            "Error: SECRET_KEY must be set in the environment when DEBUG is off "
            "(for development, set DEBUG=1 instead).",
        )

    def test_the_deployment_checklist_passes_with_production_settings(self):
        command = [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"]
        result = run(command, **PRODUCTION)
        self.assertEqual(result.returncode, 0, result.stderr)
        # ... and would fail if a production setting were turned down.
        result = run(command, **PRODUCTION, SECURE_COOKIES="0")
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("SESSION_COOKIE_SECURE", result.stderr)


class HttpsTests(ApiTestCase):
    @override_settings(SECURE_SSL_REDIRECT=True, SECURE_HSTS_SECONDS=31536000)
    def test_plain_http_is_redirected_and_https_answers_carry_hsts(self):
        response = self.client.get("/api/events/")
        self.assertEqual(response.status_code, 301)
        self.assertEqual(response["Location"], "https://testserver/api/events/")
        response = self.client.get("/api/events/", secure=True)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            response["Strict-Transport-Security"], "max-age=31536000; includeSubDomains; preload"
        )
        self.assertEqual(response["X-Content-Type-Options"], "nosniff")
        self.assertEqual(response["X-Frame-Options"], "DENY")


class AdminSignInTests(ApiTestCase):
    def sign_in(self, password: str):
        return self.client.post(
            "/admin/login/?next=/admin/",
            {"username": "curator", "password": password},
            format="multipart",
        )

    def test_sign_in_attempts_are_throttled_per_address(self):
        self.curator.is_staff = True
        self.curator.save()
        with self.settings(API_LOGIN_RATE="2/minute"):
            codes = [self.sign_in("wrong").status_code for _ in range(2)]
            refused = self.sign_in("curator-password-1")
        self.assertEqual(codes, [200, 200])  # the form again, saying the password is wrong
        self.assertEqual(refused.status_code, 429)
        self.assertContains(refused, "Too many sign-in attempts", status_code=429)
        self.assertGreater(int(refused["Retry-After"]), 0)
        self.assertNotIn("_auth_user_id", self.client.session)

    def test_the_api_token_and_the_admin_share_one_count(self):
        with self.settings(API_LOGIN_RATE="1/minute"):
            self.client.post("/api/token/", {"username": "curator", "password": "wrong"})
            self.assertEqual(self.sign_in("curator-password-1").status_code, 429)

    def test_within_the_limit_a_curator_signs_in(self):
        self.curator.is_staff = True
        self.curator.save()
        response = self.sign_in("curator-password-1")
        self.assertRedirects(response, "/admin/", fetch_redirect_response=False)


class CrossOriginTests(ApiTestCase):
    ORIGIN = {"Origin": "https://elsewhere.example"}

    def test_no_other_origin_is_allowed_to_read_or_write(self):
        read = self.client.get("/api/events/", headers=self.ORIGIN)
        preflight = self.client.options(
            "/api/events/",
            headers={**self.ORIGIN, "Access-Control-Request-Method": "POST"},
        )
        for response in (read, preflight):
            with self.subTest(response.request["REQUEST_METHOD"]):
                cors = [name for name in response.headers if name.startswith("Access-Control-")]
                self.assertEqual(cors, [])

    def test_a_signed_in_browser_write_without_the_csrf_token_is_refused(self):
        client = APIClient(enforce_csrf_checks=True)
        client.force_login(self.curator)
        before = dataset.digest()
        for method, path in [("post", "/api/events/"), ("delete", "/api/nowhere/")]:
            with self.subTest(path):
                response = getattr(client, method)(
                    path, {"title": "x", "event_type": "death", "date": "2024"}, format="json"
                )
                self.assertError(response, 403)
        self.assertEqual(dataset.digest(), before)


class RequestSizeTests(ApiTestCase):
    def test_a_body_over_the_limit_is_a_400_saying_so_and_nothing_is_written(self):
        self.client.force_authenticate(self.curator)
        text = "A source. " * 200
        body = {"title": "Too long", "kind": "report", "text": text, "file_name": "long.txt"}
        with self.settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1000):
            response = self.client.post("/api/sources/", body)
        error = self.assertError(response, 400)
        self.assertIn("more than the 1,000 this server reads", error["message"])
        self.assertFalse(Source.objects.filter(title="Too long").exists())

    def test_writes_take_json_only(self):
        self.client.force_authenticate(self.curator)
        for content_type in ("multipart", "application/x-www-form-urlencoded"):
            with self.subTest(content_type):
                if content_type == "multipart":
                    response = self.client.post(
                        "/api/actors/", {"name": "X", "kind": "state"}, format="multipart"
                    )
                else:
                    response = self.client.generic(
                        "POST", "/api/actors/", "name=X&kind=state", content_type=content_type
                    )
                self.assertError(response, 415)
