from django.test import SimpleTestCase

from events.passages import Span, split_passages, split_sentences, topic_words


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


class SplitSentencesTests(SimpleTestCase):
    def sentences(self, text: str) -> list[str]:
        return [text[span.start : span.end] for span in split_sentences(text)]

    def test_sentences_end_at_full_stops_question_and_exclamation_marks(self):
        cases = [
            (
                "On 30 September 2015, Russia began air strikes in Syria. Iran sent advisers.",
                ["On 30 September 2015, Russia began air strikes in Syria.", "Iran sent advisers."],
            ),
            (
                "Who decided? Tehran did! It was 2015.",
                ["Who decided?", "Tehran did!", "It was 2015."],
            ),
            ("Really?! Yes.", ["Really?!", "Yes."]),
            ("No final stop", ["No final stop"]),
            ("It was 2015. 2016 was worse.", ["It was 2015.", "2016 was worse."]),
            ("", []),
            ("  \u00a0 ", []),
        ]
        for text, expected in cases:
            with self.subTest(text):
                self.assertEqual(self.sentences(text), expected)

    def test_abbreviations_do_not_end_sentences(self):
        cases = [
            (
                "Mr. Araghchi met Gen. Soleimani. They talked.",
                ["Mr. Araghchi met Gen. Soleimani.", "They talked."],
            ),
            ("Dr. Ahmadian flew to St. Petersburg.", ["Dr. Ahmadian flew to St. Petersburg."]),
            (
                "It began on Sept. 30 and ended on Dec. 8. Then came talks.",
                ["It began on Sept. 30 and ended on Dec. 8.", "Then came talks."],
            ),
            ("Resolution No. 2254 passed.", ["Resolution No. 2254 passed."]),
            ("It ended in Dec. The talks resumed.", ["It ended in Dec.", "The talks resumed."]),
        ]
        for text, expected in cases:
            with self.subTest(text):
                self.assertEqual(self.sentences(text), expected)

    def test_initials_do_not_end_sentences_unless_a_sentence_starts_after_them(self):
        cases = [
            ("U.S. forces left Syria.", ["U.S. forces left Syria."]),
            ("J. Smith and A. A. Ahmadian met.", ["J. Smith and A. A. Ahmadian met."]),
            (
                "They met in the U.S. The talks failed.",
                ["They met in the U.S.", "The talks failed."],
            ),
            ("Plan B. It failed.", ["Plan B.", "It failed."]),
        ]
        for text, expected in cases:
            with self.subTest(text):
                self.assertEqual(self.sentences(text), expected)

    def test_decimals_ellipses_and_quotes(self):
        cases = [
            ("It cost $3.5 billion. Iran paid.", ["It cost $3.5 billion.", "Iran paid."]),
            ("Wait... and see. Done.", ["Wait... and see.", "Done."]),
            ("He paused… Then spoke.", ["He paused…", "Then spoke."]),
            ("He said “we will win.” Then he left.", ["He said “we will win.”", "Then he left."]),
            ('She said "no." Then left.', ['She said "no."', "Then left."]),
            (
                "“Why?” he asked. “Because.” (It was late.) Fine.",
                ["“Why?” he asked.", "“Because.”", "(It was late.)", "Fine."],
            ),
        ]
        for text, expected in cases:
            with self.subTest(text):
                self.assertEqual(self.sentences(text), expected)

    def test_a_line_break_ends_a_sentence(self):
        self.assertEqual(
            self.sentences("Headline\nBody one. Body two."), ["Headline", "Body one.", "Body two."]
        )

    def test_spans_have_no_surrounding_whitespace_and_slice_back_exactly(self):
        text = "  Raisi died on May 19.\u00a0The news was confirmed on Monday.  "
        spans = split_sentences(text)
        self.assertEqual(spans, [Span(2, 23), Span(24, 57)])
        self.assertEqual(
            self.sentences(text), ["Raisi died on May 19.", "The news was confirmed on Monday."]
        )


class TopicWordsTests(SimpleTestCase):
    def test_topic_words_leave_out_dates_nationalities_offices_and_the_most_general_words(self):
        cases = [
            ("Aleppo falls to government forces", {"aleppo", "fall"}),
            ("Iraqi Prime Minister tells Turkish President", set()),
            ("Foreign ministers meet in Astana", {"meet", "astana"}),
            ("Hezbollah's leaders and their groups", {"hezbollah"}),
            ("Israeli strikes on 9 December", {"strike"}),
            ("Talks in Geneva", {"talk", "geneva"}),
        ]
        for text, expected in cases:
            with self.subTest(text):
                self.assertEqual(topic_words(text), expected)
