from django.test import SimpleTestCase

from events.passages import Span, split_passages


class SplitPassagesTests(SimpleTestCase):
    def test_each_non_blank_line_is_a_passage_trimmed_of_surrounding_space(self):
        cases = [
            ("One.\nTwo.", [(0, 4), (5, 9)]),
            ("One.\n\n\nTwo.\n", [(0, 4), (7, 11)]),
            ("  indented  \n", [(2, 10)]),
            ("Windows\r\nline\r\n", [(0, 7), (9, 13)]),
            ("\u00a0Q: a\u00a0b\u00a0\n", [(1, 7)]),
            ("", []),
            ("\n \n\t\n", []),
        ]
        for text, expected in cases:
            with self.subTest(text=text):
                self.assertEqual(split_passages(text), [Span(*pair) for pair in expected])

    def test_spans_slice_back_to_the_lines_exactly(self):
        text = "Title\n“Quoted” text\u00a0here.\n\nLast—line"
        self.assertEqual(
            [text[s.start : s.end] for s in split_passages(text)],
            ["Title", "“Quoted” text\u00a0here.", "Last—line"],
        )
