"""Schema fuzzing: schemathesis drives every operation of the API from its own OpenAPI schema."""

import os

import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.generation.modes import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    ignored_auth,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.base import ApiTestCase
from timeline.wsgi import application

# Examples per operation and mode: bounded so that CI stays short; raise it to search longer.
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "15"))
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    ignored_auth,
    negative_data_rejection,
]


class SchemaFuzzTests(ApiTestCase):
    def setUp(self):
        # Requests go straight to the WSGI application, whose request signals would close
        # the test's database connection (and its transaction); Django's test client
        # disconnects them the same way.
        for signal in (request_started, request_finished):
            signal.disconnect(close_old_connections)
            self.addCleanup(signal.connect, close_old_connections)

    def test_every_operation_answers_by_its_schema(self):
        token = Token.objects.create(user=self.curator)
        schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", application)
        failures = []
        for result in schema.get_all_operations():
            operation = result.ok()
            for mode in GenerationMode:

                @settings(
                    max_examples=EXAMPLES,
                    deadline=None,
                    database=None,
                    # The same examples on every run, so CI never fails by chance; set
                    # FUZZ_EXAMPLES higher (and FUZZ_RANDOM=1) to search further.
                    derandomize=not os.environ.get("FUZZ_RANDOM"),
                    suppress_health_check=list(HealthCheck),
                )
                @given(case=operation.as_strategy(generation_mode=mode))
                def check(case):
                    case.call_and_validate(
                        headers={"Authorization": f"Token {token.key}"}, checks=CHECKS
                    )

                try:
                    check()
                except Unsatisfiable:
                    pass  # nothing schema-invalid to send: every string is a valid slug
                except (Exception, BaseExceptionGroup) as error:
                    name = f"{mode} {operation.method.upper()} {operation.path}"
                    failures.append(f"{name}: {str(error)[:1500]}")
        self.assertEqual(failures, [], "\n\n".join(failures))
