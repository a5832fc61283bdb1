from django.test import SimpleTestCase

from events.highlight import Mark, highlight

TEXT = "Assad met Khamenei on Thursday <in Tehran>."


class HighlightTests(SimpleTestCase):
    def test_mentions_are_marked_and_the_rest_escaped(self):
        cases = [
            ([], "Assad met Khamenei on Thursday &lt;in Tehran&gt;."),
            (
                [Mark(0, 5, "actor", "Bashar al-Assad", key="a1")],
                '<mark class="mention-actor" title="Bashar al-Assad" data-mention="a1">Assad'
                "</mark> met Khamenei on Thursday &lt;in Tehran&gt;.",
            ),
            (
                [Mark(22, 30, "date", "2024-05-30", beside=True, href="/add/?a=1&b=2")],
                'Assad met Khamenei on <mark class="mention-date" title="2024-05-30" '
                'data-mention=""><a href="/add/?a=1&amp;b=2">Thursday</a></mark> '
                '<small class="mention-reading">[2024-05-30]</small> &lt;in Tehran&gt;.',
            ),
        ]
        for marks, expected in cases:
            with self.subTest(marks=marks):
                self.assertEqual(highlight(TEXT, marks), expected)

    def test_of_overlapping_mentions_the_first_and_longest_is_kept(self):
        marks = [
            Mark(10, 18, "actor", "Ali Khamenei"),
            Mark(0, 18, "actor", "a long one"),
            Mark(0, 5, "actor", "Bashar al-Assad"),
        ]
        html = highlight(TEXT, marks)
        self.assertEqual(html.count("<mark"), 1)
        self.assertIn('title="a long one"', html)
        self.assertTrue(html.endswith("</mark> on Thursday &lt;in Tehran&gt;."))

    def test_readings_are_escaped_too(self):
        html = highlight("x", [Mark(0, 1, "actor", '"><script>')])
        self.assertNotIn("<script>", html)
