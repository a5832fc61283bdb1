import shutil
import tempfile
from io import StringIO
from pathlib import Path

from django.conf import settings
from django.core.management import CommandError, call_command
from django.test import TestCase

from events.models import Passage, Source

MANIFEST = """
[documents."speech.txt"]
title = "A speech"
kind = "speech"
published = "2024-12-11"
"""


class IngestTestCase(TestCase):
    def setUp(self):
        self.folder = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, self.folder)

    def write(self, name: str, content: str | bytes) -> Path:
        path = self.folder / name
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_bytes(content)
        return path

    def ingest(self, *paths: Path | str, **options) -> str:
        out = StringIO()
        call_command("ingest", *map(str, paths), stdout=out, **options)
        return out.getvalue()


class IngestTests(IngestTestCase):
    def test_a_file_becomes_a_source_with_metadata_and_exact_passages(self):
        self.write("manifest.toml", MANIFEST)
        text = "Title line\n“Quoted”\u00a0speech.\r\n\nLast line"
        self.ingest(self.write("speech.txt", text))
        source = Source.objects.get(file_name="speech.txt")
        self.assertEqual(
            (source.title, source.kind, source.published), ("A speech", "speech", "2024-12-11")
        )
        self.assertEqual(source.text, text)
        self.assertEqual(
            [(p.number, p.text) for p in source.passages.all()],
            [(1, "Title line"), (2, "“Quoted”\u00a0speech."), (3, "Last line")],
        )

    def test_ingesting_the_same_text_again_adds_nothing(self):
        path = self.write("a.txt", "Some text.")
        self.ingest(path)
        output = self.ingest(path)
        self.assertIn("unchanged a.txt", output)
        self.assertEqual((Source.objects.count(), Passage.objects.count()), (1, 1))

    def test_the_same_text_under_another_name_is_not_stored_twice(self):
        self.ingest(self.write("a.txt", "Some text."))
        output = self.ingest(self.write("b.txt", "Some text."))
        self.assertIn("same text as a.txt", output)
        self.assertEqual(Source.objects.count(), 1)

    def test_changed_metadata_updates_the_source(self):
        path = self.write("speech.txt", "Words.")
        self.ingest(path)
        self.write("manifest.toml", MANIFEST)
        output = self.ingest(path)
        self.assertIn("updated   speech.txt (kind, published, title)", output)
        self.assertEqual(Source.objects.get().title, "A speech")

    def test_a_document_without_manifest_entry_takes_its_first_line_as_title(self):
        self.ingest(self.write("x.txt", "\n  The title \nBody."))
        self.assertEqual(Source.objects.get().title, "The title")

    def test_a_folder_ingests_its_documents_only(self):
        self.write("b.txt", "B.")
        self.write("a.txt", "A.")
        self.write("c.md", "# C")
        self.write("d.html", "<p>D</p>")
        self.write("notes.rtf", "ignored")
        self.write("manifest.toml", MANIFEST)
        self.ingest(self.folder)
        self.assertEqual(
            list(Source.objects.values_list("file_name", flat=True).order_by("file_name")),
            ["a.txt", "b.txt", "c.md", "d.html"],
        )

    def test_an_explicit_manifest_can_be_given(self):
        manifest = self.write("other.toml", MANIFEST)
        self.ingest(self.write("speech.txt", "Words."), manifest=str(manifest))
        self.assertEqual(Source.objects.get().title, "A speech")


class IngestErrorTests(IngestTestCase):
    def assert_refused(self, message: str, *paths) -> None:
        with self.assertRaisesMessage(CommandError, message):
            self.ingest(*paths)
        self.assertEqual((Source.objects.count(), Passage.objects.count()), (0, 0))

    def test_bad_files_are_refused_with_an_error_naming_the_file(self):
        cases = [
            ("missing.txt", None, "missing.txt: no such file or folder"),
            ("empty.txt", b"", "empty.txt: the file is empty"),
            ("blank.txt", b" \n\t\n", "blank.txt: the file is empty"),
            ("binary.txt", b"abc\x00def", "binary.txt: looks binary (NUL byte at offset 3)"),
            (
                "latin1.txt",
                "café".encode("latin-1"),
                "latin1.txt: not UTF-8 text (byte 0xe9 at offset 3)",
            ),
            ("notes.pdf", b"%PDF", "notes.pdf: only .htm, .html, .md, .txt files can be ingested"),
        ]
        for name, content, message in cases:
            with self.subTest(name):
                path = self.write(name, content) if content is not None else self.folder / name
                self.assert_refused(message, path)

    def test_one_bad_file_among_several_writes_nothing(self):
        good = self.write("good.txt", "Fine text.")
        bad = self.write("bad.txt", b"\xff\xfd")
        self.assert_refused("bad.txt: not UTF-8", good, bad)

    def test_a_bad_manifest_is_refused_naming_the_manifest_and_document(self):
        cases = [
            (
                '[documents."a.txt"]\npublished = "2024-13"\n',
                'manifest.toml: [documents."a.txt"]: published:',
            ),
            ('[documents."a.txt"]\nkind = "poem"\n', "kind 'poem' is not one of"),
            ('[documents."a.txt"]\ntitel = "x"\n', "unknown field(s) titel"),
            ("[documents\n", "manifest.toml: not a valid TOML manifest"),
        ]
        for manifest, message in cases:
            with self.subTest(manifest):
                self.write("manifest.toml", manifest)
                self.assert_refused(message, self.write("a.txt", "Text."))

    def test_a_different_text_under_a_stored_file_name_is_refused(self):
        path = self.write("a.txt", "First version.")
        self.ingest(path)
        self.write("a.txt", "Second version.")
        with self.assertRaisesMessage(CommandError, "a different text is already stored as a.txt"):
            self.ingest(path)
        self.assertEqual(Source.objects.get().text, "First version.")


class SeedTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("ingest", str(settings.SEEDS_DIR), stdout=StringIO())

    def test_every_seed_is_stored_byte_for_byte(self):
        for path in sorted(settings.SEEDS_DIR.glob("*.txt")):
            with self.subTest(path.name):
                source = Source.objects.get(file_name=path.name)
                self.assertEqual(source.text.encode("utf-8"), path.read_bytes())

    def test_every_passage_of_every_seed_is_the_exact_slice_of_its_source(self):
        passages = Passage.objects.select_related("source")
        self.assertGreater(passages.count(), 200)
        for passage in passages:
            self.assertEqual(passage.source.text[passage.start : passage.end], passage.text)

    def test_every_seed_has_manifest_metadata_and_a_publication_date(self):
        for source in Source.objects.all():
            with self.subTest(source.file_name):
                self.assertNotEqual(source.kind, "other")
                self.assertTrue(source.published and source.dating and source.stance)
                self.assertIsNotNone(source.dct)

    def test_the_seeds_are_the_shared_documents_unchanged(self):
        shared = settings.BASE_DIR.parent / "shared" / "seeds"
        if not shared.exists():
            self.skipTest("../shared/seeds is not beside this checkout")
        for path in sorted(shared.glob("*.txt")):
            with self.subTest(path.name):
                self.assertEqual((settings.SEEDS_DIR / path.name).read_bytes(), path.read_bytes())
