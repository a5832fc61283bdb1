"""Document formats to source text and default titles: pure text code, no database."""

from django.test import SimpleTestCase

from events.formats import html_to_text, markdown_title

PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title> Russia &amp; Iran
  in Syria </title>
<style>p { color: red }</style><script>var p = "<p>not text</p>";</script></head>
<body>
<h1>Air   strikes</h1>
<p>On 30 September 2015,
   Russia began air strikes in Syria.&nbsp;Iran&#8217;s role grew.</p>
<div>Line one<br>Line two</div>
<ul><li>First<li>Second</ul>
<table><tr><td>2015</td><td>Russia</td></tr><tr><th>2024</th><td>Syria</td></tr></table>
<noscript>Enable scripts</noscript><template><p>Hidden</p></template>
<svg><title>An icon</title></svg>
<!-- a comment -->
Trailing <b>inline</b> text
</body></html>
"""


class HtmlToTextTests(SimpleTestCase):
    def test_blocks_become_paragraphs_with_whitespace_collapsed(self):
        text, title = html_to_text(PAGE)
        self.assertEqual(
            text,
            "Air strikes\n\n"
            "On 30 September 2015, Russia began air strikes in Syria.\u00a0Iran’s role grew.\n\n"
            "Line one\nLine two\n\n"
            "First\n\nSecond\n\n"
            "2015 Russia\n\n2024 Syria\n\n"
            "Trailing inline text\n",
        )
        self.assertEqual(title, "Russia & Iran in Syria")

    def test_the_title_is_the_title_element_else_the_first_h1_else_the_first_line(self):
        cases = [
            ("<title>T</title><h1>H</h1><p>P</p>", "T"),
            ("<h2>Sub</h2><h1>First <i>H1</i></h1><h1>Second</h1><p>P</p>", "First H1"),
            ("<p>Only a paragraph.</p><p>Two.</p>", "Only a paragraph."),
            ("<title>  </title><p>Body.</p>", "Body."),
            ("<svg><title>Icon</title></svg><p>Body.</p>", "Body."),
        ]
        for html, expected in cases:
            with self.subTest(html):
                self.assertEqual(html_to_text(html)[1], expected)

    def test_hidden_content_is_dropped(self):
        cases = [
            "<script>alert('x')</script>",
            "<style>body {}</style>",
            "<noscript>Enable JS</noscript>",
            "<template><p>x</p></template>",
            "<head><meta name=x content=y><link rel=stylesheet href=a.css></head>",
            "<!-- only a comment -->",
            "   <br><div> </div>",
        ]
        for html in cases:
            with self.subTest(html):
                self.assertEqual(html_to_text(html)[0], "")

    def test_preformatted_text_keeps_its_whitespace(self):
        text, _ = html_to_text("<p>Before</p><pre>\n  a   b\n    c\n</pre><p>After</p>")
        self.assertEqual(text, "Before\n\n  a   b\n    c\n\nAfter\n")

    def test_character_references_are_decoded(self):
        cases = [
            ("<p>Tom &amp; Jerry</p>", "Tom & Jerry\n"),
            ("<p>&ldquo;Quoted&rdquo; &#x2014; &#8220;x&#8221;</p>", "“Quoted” — “x”\n"),
            ("<p>a&nbsp;b</p>", "a\u00a0b\n"),
            ("<p>&lt;p&gt; is a tag</p>", "<p> is a tag\n"),
        ]
        for html, expected in cases:
            with self.subTest(html):
                self.assertEqual(html_to_text(html)[0], expected)


class MarkdownTitleTests(SimpleTestCase):
    def test_the_first_heading_without_its_marks(self):
        cases = [
            ("# Talks in Astana\n\nText.", "Talks in Astana"),
            ("Intro line\n\n## Second level ##\n# Later", "Second level"),
            ("Setext title\n============\n\nText.", "Setext title"),
            ("   ### Indented\n", "Indented"),
            ("#hashtag is not a heading\nSecond", "#hashtag is not a heading"),
            ("No heading at all\nSecond line", "No heading at all"),
        ]
        for text, expected in cases:
            with self.subTest(text):
                self.assertEqual(markdown_title(text), expected)
