"""Date extraction: `manage.py extract_dates` (a file, standard input, or JSON lines) and
POST /api/extract/, both answering with the tagger's mentions as offsets into the text."""

import io
import json
import queue
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from django.conf import settings
from django.core.management import CommandError, call_command
from django.test import SimpleTestCase, override_settings

from events.models import Source
from events.timex import DAY_REPORTS
from tests.base import ApiTestCase

TALKS = "The talks began on 30 September 2015 and ended two days later."
# An astral character, curly quotes and a non-breaking space: offsets count characters.
YESTERDAY = "🙂 “Yesterday” (11\u00a0December) was the worst day of the past two years."
YESTERDAY_VALUES = ["2024-12-11", "2024-12-11", "P2Y"]
# "Today" in a sentence without a tense: the present, except in a report of the day.
TODAY = "Good news for the company today."


def run_command(*args, stdin: bytes | None = None) -> str:
    out = io.StringIO()
    options = {"stdout": out}
    if stdin is not None:
        options["stdin"] = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    try:
        call_command("extract_dates", *args, **options)
    except CommandError as error:
        error.output = out.getvalue()
        raise
    return out.getvalue()


class ExtractFileTests(SimpleTestCase):
    def setUp(self):
        self.folder = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, self.folder)

    def write(self, name: str, data: bytes) -> str:
        path = self.folder / name
        path.write_bytes(data)
        return str(path)

    def assertSlices(self, mentions: list[dict], text: str) -> None:
        self.assertTrue(mentions)
        for mention in mentions:
            self.assertEqual(set(mention), {"start", "end", "text", "type", "value", "mod"})
            self.assertEqual(text[mention["start"] : mention["end"]], mention["text"])

    def test_it_prints_the_mentions_of_a_file_as_json_one_per_line(self):
        cases = [
            (TALKS, "2015-10-05", {"2015-09-30", "2015-10-02"}),
            (YESTERDAY, "2024-12-12", set(YESTERDAY_VALUES)),
            ("Nothing happened.", "2024-12-12", set()),
        ]
        for text, dct, values in cases:
            with self.subTest(text):
                output = run_command(self.write("doc.txt", text.encode()), "--dct", dct)
                mentions = json.loads(output)
                self.assertEqual(values, {mention["value"] for mention in mentions})
                if mentions:
                    self.assertSlices(mentions, text)
                    self.assertEqual(len(output.splitlines()), len(mentions) + 2)

    def test_kind_says_how_today_is_read(self):
        path = self.write("doc.txt", TODAY.encode())
        for args, value in [((), "PRESENT_REF"), (("--kind", "news-article"), "2024-12-12")]:
            with self.subTest(args):
                output = run_command(path, "--dct", "2024-12-12", *args)
                self.assertEqual([m["value"] for m in json.loads(output)], [value])
        with self.assertRaisesMessage(CommandError, "invalid choice: 'newspaper'"):
            run_command(path, "--dct", "2024-12-12", "--kind", "newspaper")

    def test_the_reports_of_the_day_are_kinds_a_source_can_have(self):
        self.assertLessEqual(DAY_REPORTS, set(Source.Kind.values))

    def test_offsets_are_into_the_text_without_its_byte_order_mark(self):
        path = self.write("bom.txt", "\ufeff".encode() + TALKS.encode())
        self.assertSlices(json.loads(run_command(path, "--dct", "2015-10-05")), TALKS)

    def test_dash_reads_standard_input(self):
        output = run_command("-", "--dct", "2024-12-12", stdin=YESTERDAY.encode())
        mentions = json.loads(output)
        self.assertSlices(mentions, YESTERDAY)
        self.assertIn("11\u00a0December", output)  # not \u escapes

    def test_unreadable_input_is_an_error_naming_the_file(self):
        cases = [
            ("missing", None, "cannot be read"),
            ("binary.txt", b"abc\x00def", "NUL byte at offset 3"),
            ("latin1.txt", "Café on 3 May 2024".encode("latin-1"), "not UTF-8"),
            ("empty.txt", b"", "empty"),
            ("blank.txt", b" \n\n", "empty"),
        ]
        for name, data, reason in cases:
            with self.subTest(name):
                path = self.write(name, data) if data is not None else str(self.folder / name)
                with self.assertRaisesMessage(CommandError, reason) as caught:
                    run_command(path, "--dct", "2024-12-12")
                self.assertIn(path, str(caught.exception))

    def test_unreadable_standard_input_is_an_error_naming_it(self):
        for data, reason in [(b"a\x00", "NUL"), (b"\xff", "not UTF-8"), (b"", "empty")]:
            with self.subTest(data), self.assertRaisesMessage(CommandError, reason) as caught:
                run_command("-", "--dct", "2024-12-12", stdin=data)
            self.assertIn("standard input", str(caught.exception))

    def test_a_bad_dct_is_an_error(self):
        path = self.write("doc.txt", TALKS.encode())
        for dct in ["2024-13-01", "2024-02-30", "20241201", "2024-W01-1", "yesterday", ""]:
            with self.subTest(dct):
                message = f"--dct: {dct!r} is not a date (YYYY-MM-DD)"
                with self.assertRaisesMessage(CommandError, message):
                    run_command(path, "--dct", dct)

    def test_the_arguments_must_make_one_mode(self):
        path = self.write("doc.txt", TALKS.encode())
        cases = [
            ((path,), "--dct"),
            (("--dct", "2024-12-12"), "FILE"),
            ((), "--jsonl"),
            ((path, "--jsonl"), "neither FILE nor --dct"),
            (("--jsonl", "--dct", "2024-12-12"), "neither FILE nor --dct"),
            (("--jsonl", "--kind", "speech"), "nor --kind"),
        ]
        for args, message in cases:
            with self.subTest(args), self.assertRaisesMessage(CommandError, message):
                run_command(*args, stdin=b"")


def jsonl(*documents) -> bytes:
    lines = (doc if isinstance(doc, str) else json.dumps(doc) for doc in documents)
    return "".join(f"{line}\n" for line in lines).encode()


class ExtractJsonLinesTests(SimpleTestCase):
    def test_it_answers_every_line_in_order(self):
        documents = [
            {"id": "talks", "text": TALKS, "dct": "2015-10-05"},
            {"id": 2, "text": YESTERDAY, "dct": "2024-12-12"},
            {"id": None, "text": "", "dct": "2024-12-12"},
            {"text": "Nothing happened.", "dct": "2024-12-12", "title": "ignored"},
            {"id": "news", "text": TODAY, "dct": "2024-12-12", "kind": "news-article"},
            {"id": "speech", "text": TODAY, "dct": "2024-12-12", "kind": "speech"},
        ]
        output = run_command("--jsonl", stdin=jsonl(*documents))
        answers = [json.loads(line) for line in output.splitlines()]
        self.assertEqual([a["id"] for a in answers], ["talks", 2, None, None, "news", "speech"])
        self.assertEqual(
            [[m["value"] for m in a["mentions"]] for a in answers],
            [
                ["2015-09-30", "2015-10-02"],
                YESTERDAY_VALUES,
                [],
                [],
                ["2024-12-12"],
                ["PRESENT_REF"],
            ],
        )
        for document, answer in zip(documents, answers, strict=True):
            for mention in answer["mentions"]:
                self.assertEqual(
                    document["text"][mention["start"] : mention["end"]], mention["text"]
                )
        self.assertIn("11\u00a0December", output)

    def test_a_bad_line_gets_an_error_line_and_the_rest_go_on(self):
        good = {"id": "ok", "text": "It rained yesterday.", "dct": "2024-12-12"}
        lines = [
            (good, None),
            ("", None),  # blank lines are skipped, but counted in line numbers
            ("not json", (None, "not JSON")),
            ("[1, 2]", (None, "not a JSON object")),
            ({"id": "b", "dct": "2024-12-12"}, ("b", "text: missing")),
            ({"id": 6, "text": 5, "dct": "2024-12-12"}, (6, "text: not a string")),
            ({"id": 7, "text": "x", "dct": "2024-02-30"}, (7, "dct: '2024-02-30' is not a date")),
            ({"id": 8, "text": "x"}, (8, "dct: missing")),
            ({"id": 9, "text": "x", "dct": None}, (9, "dct: not a string")),
            ({**good, "id": 10, "kind": "blog"}, (10, "kind: 'blog' is not one of interview")),
            (good, None),
        ]
        data = jsonl(*(line for line, _ in lines)) + b'{"id": 12, "text": "\xff"}\n'
        with self.assertRaisesMessage(CommandError, "9 of 11 lines failed") as caught:
            run_command("--jsonl", stdin=data)
        answers = [json.loads(line) for line in caught.exception.output.splitlines()]
        expected = [(number, want) for number, (line, want) in enumerate(lines, 1) if line]
        expected.append((12, (None, "not UTF-8")))
        self.assertEqual(len(answers), len(expected))
        for answer, (number, want) in zip(answers, expected, strict=True):
            with self.subTest(line=number):
                if want is None:
                    self.assertEqual(answer["mentions"][0]["value"], "2024-12-11")
                    continue
                self.assertEqual(set(answer), {"id", "line", "error"})
                self.assertEqual((answer["id"], answer["line"]), (want[0], number))
                self.assertIn(want[1], answer["error"])

    def test_escaped_lone_surrogates_come_back_escaped(self):
        data = jsonl('{"id": "\\ud800", "text": "yesterday \\udc00", "dct": "2024-12-12"}')
        answer = json.loads(run_command("--jsonl", stdin=data))
        self.assertEqual(answer["id"], "\ud800")

    def test_it_streams_an_answer_for_each_line_as_it_is_read(self):
        process = subprocess.Popen(
            [sys.executable, "manage.py", "extract_dates", "--jsonl"],
            cwd=settings.BASE_DIR,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        self.addCleanup(process.kill)
        answers = queue.Queue()
        threading.Thread(
            target=lambda: [answers.put(line) for line in process.stdout], daemon=True
        ).start()
        for number in range(1, 4):
            # The input stays open: an answer that comes now was not held back for more.
            dct = f"2024-12-1{number}"
            process.stdin.write(jsonl({"id": number, "text": "yesterday", "dct": dct}))
            process.stdin.flush()
            answer = json.loads(answers.get(timeout=60))
            self.assertEqual(answer["id"], number)
            self.assertEqual(answer["mentions"][0]["value"], f"2024-12-1{number - 1}")
        process.stdin.write(b"oops\n")
        process.stdin.close()
        self.assertEqual(json.loads(answers.get(timeout=60))["line"], 4)
        self.assertEqual(process.wait(timeout=60), 1)
        self.assertIn("1 of 4 lines failed", process.stderr.read().decode())


class ExtractApiTests(ApiTestCase):
    def extract(self, body, **kwargs):
        return self.client.post("/api/extract/", body, format="json", **kwargs)

    def test_it_answers_with_the_mentions_and_their_offsets(self):
        cases = [
            (TALKS, "2015-10-05", ["2015-09-30", "2015-10-02"]),
            (YESTERDAY, "2024-12-12", YESTERDAY_VALUES),
            ("Nothing happened.", "2024-12-12", []),
            ("", "2024-12-12", []),
            # Dates past the ends of the calendar are vague, not server errors.
            ("It began 3000 years ago, last Monday.", "0001-01-01", ["PAST_REF"]),
            ("Profit fell in Q4 in March.", "9999-12-31", ["9999-Q4", "9999-03"]),
            ("It came the day after Dec. 31.", "9999-12-31", ["9999-12-31"]),
        ]
        for text, dct, values in cases:
            with self.subTest(text):
                response = self.extract({"text": text, "dct": dct})
                self.assertEqual(response.status_code, 200, response.content)
                mentions = response.json()["mentions"]
                self.assertEqual([mention["value"] for mention in mentions], values)
                for mention in mentions:
                    self.assertEqual(text[mention["start"] : mention["end"]], mention["text"])
                    self.assertEqual(set(mention), {"start", "end", "text", "type", "value", "mod"})

    def test_mod_says_how_the_words_qualify_the_value(self):
        text = (
            "Around 2012, in pre-2011 Syria, in early 2017, in mid-May and in late 1998, "
            "more than two years ago."
        )
        response = self.extract({"text": text, "dct": "2024-12-12"})
        self.assertEqual(response.status_code, 200, response.content)
        self.assertEqual(
            [(m["text"], m["value"], m["mod"]) for m in response.json()["mentions"]],
            [
                ("Around 2012", "2012", "APPROX"),
                ("pre-2011", "2011", "BEFORE"),
                ("early 2017", "2017", "START"),
                ("mid-May", "2024-05", "MID"),
                ("late 1998", "1998", "END"),
                ("more than two years ago", "2022", "MORE_THAN"),
            ],
        )
        schema = self.client.get("/api/schema/?format=json").json()["components"]["schemas"]
        mod = schema["Mention"]["properties"]["mod"]
        enum = next(schema[ref["$ref"].split("/")[-1]] for ref in mod["oneOf"] if "$ref" in ref)
        self.assertEqual(
            enum["enum"],
            [
                "APPROX",
                "MORE_THAN",
                "LESS_THAN",
                "EQUAL_OR_MORE",
                "EQUAL_OR_LESS",
                "BEFORE",
                "AFTER",
                "START",
                "MID",
                "END",
            ],
        )

    def test_kind_says_how_today_is_read(self):
        for kind, value in [
            (None, "PRESENT_REF"),
            ("speech", "PRESENT_REF"),
            ("statement", "2024-12-12"),
        ]:
            with self.subTest(kind):
                body = {"text": TODAY, "dct": "2024-12-12"} | ({"kind": kind} if kind else {})
                response = self.extract(body)
                self.assertEqual(response.status_code, 200, response.content)
                self.assertEqual([m["value"] for m in response.json()["mentions"]], [value])

    def test_anyone_may_ask_and_nothing_is_written(self):
        for user in (None, self.reader, self.curator):
            with self.subTest(user=user):
                self.client.force_authenticate(user)
                with self.assertNumQueries(0):
                    response = self.extract({"text": TALKS, "dct": "2015-10-05"})
                self.assertEqual(response.status_code, 200)

    def test_anonymous_clients_need_no_csrf_token(self):
        client = self.client_class(enforce_csrf_checks=True)
        response = client.post(
            "/api/extract/", {"text": "yesterday", "dct": "2024-12-12"}, format="json"
        )
        self.assertEqual(response.status_code, 200)

    def test_bad_fields_are_400s_naming_the_field(self):
        cases = [
            ({}, "text", "required"),
            ({"dct": "2024-12-12"}, "text", "required"),
            ({"text": 5, "dct": "2024-12-12"}, "text", "string"),
            ({"text": ["a"], "dct": "2024-12-12"}, "text", "string"),
            ({"text": None, "dct": "2024-12-12"}, "text", "null"),
            ({"text": "a\x00b", "dct": "2024-12-12"}, "text", "NUL"),
            ({"text": "x"}, "dct", "required"),
            ({"text": "x", "dct": None}, "dct", "null"),
            ({"text": "x", "dct": 20241212}, "dct", "string"),
            ({"text": "x", "dct": "2024-02-30"}, "dct", "'2024-02-30' is not a valid date"),
            ({"text": "x", "dct": "2024-13-01"}, "dct", "(YYYY-MM-DD)"),
            ({"text": "x", "dct": "20241212"}, "dct", "(YYYY-MM-DD)"),
            ({"text": "x", "dct": "12/12/2024"}, "dct", "(YYYY-MM-DD)"),
            ({"text": "x", "dct": ""}, "dct", "blank"),
            ({"text": "x", "dct": "2024-12-12\x00"}, "dct", "NUL"),
            ({"text": "x", "dct": "2024-12-12", "kind": "blog"}, "kind", '"blog" is not a valid'),
            ({"text": "x", "dct": "2024-12-12", "kind": None}, "kind", "null"),
        ]
        for body, field, detail in cases:
            with self.subTest(body=body):
                error = self.assertError(self.extract(body), 400, field)
                self.assertIn(detail, error["message"])
        error = self.assertError(self.extract({"text": "x", "dct": "2024-02-30"}), 400, "dct")
        self.assertEqual(error["message"], "dct: '2024-02-30' is not a valid date (YYYY-MM-DD).")

    def test_a_body_that_is_not_a_json_object_is_a_400(self):
        for body in ["not json", '{"text": "x", ', "[1, 2]", '"text"', ""]:
            with self.subTest(body):
                response = self.client.generic(
                    "POST", "/api/extract/", body, content_type="application/json"
                )
                self.assertError(response, 400)

    def test_a_body_in_another_format_is_a_415(self):
        for content_type in ["application/x-www-form-urlencoded", "text/plain"]:
            with self.subTest(content_type):
                response = self.client.generic(
                    "POST", "/api/extract/", "text=x&dct=2024-12-12", content_type=content_type
                )
                self.assertError(response, 415)

    @override_settings(EXTRACT_MAX_CHARS=50)
    def test_text_over_the_limit_is_a_400_saying_the_limit_and_the_size(self):
        self.assertEqual(self.extract({"text": "x" * 50, "dct": "2024-12-12"}).status_code, 200)
        error = self.assertError(self.extract({"text": "x" * 51, "dct": "2024-12-12"}), 400, "text")
        self.assertIn("51 characters", error["message"])
        self.assertIn("at most 50", error["message"])

    def test_the_default_limit_is_100_000_characters(self):
        text = "On 3 May 2024. " * 7000  # 105,000 characters
        error = self.assertError(self.extract({"text": text, "dct": "2024-12-12"}), 400, "text")
        self.assertIn("105,000", error["message"])
        self.assertIn("100,000", error["message"])

    def test_a_body_too_large_to_read_is_a_json_400_even_when_debugging(self):
        body = json.dumps({"text": "x" * 5000, "dct": "2024-12-12"})
        for debug in (False, True):
            with (
                self.subTest(debug=debug),
                override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1000, DEBUG=debug),
            ):
                response = self.client.generic(
                    "POST", "/api/extract/", body, content_type="application/json"
                )
                error = self.assertError(response, 400)
                self.assertIn("1,000", error["message"])

    def test_it_is_throttled_by_its_own_rate_for_everyone(self):
        for user in (None, self.reader):
            with (
                self.subTest(user=user),
                override_settings(API_EXTRACT_RATE="2/minute", API_ANONYMOUS_RATE="1/minute"),
            ):
                self.client.force_authenticate(user)
                codes = [
                    self.extract({"text": "yesterday", "dct": "2024-12-12"}).status_code
                    for _ in range(2)
                ]
                self.assertEqual(codes, [200, 200])
                response = self.extract({"text": "yesterday", "dct": "2024-12-12"})
                self.assertEqual(self.assertError(response, 429)["code"], "throttled")
                self.assertTrue(response["Retry-After"])

    def test_get_is_a_405(self):
        self.assertError(self.client.get("/api/extract/"), 405)

    def test_it_is_documented_in_the_schema(self):
        schema = self.client.get("/api/schema/?format=json").json()
        operation = schema["paths"]["/api/extract/"]["post"]
        self.assertEqual(set(schema["paths"]["/api/extract/"]), {"post"})
        request = operation["requestBody"]["content"]["application/json"]
        self.assertEqual(request["schema"], {"$ref": "#/components/schemas/ExtractRequest"})
        self.assertTrue(request["examples"])
        self.assertTrue({"200", "400", "429"} <= set(operation["responses"]))
        self.assertEqual(
            set(schema["components"]["schemas"]["Mention"]["properties"]),
            {"start", "end", "text", "type", "value", "mod"},
        )
