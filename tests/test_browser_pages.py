"""The public pages in real headless Chromium: the timeline filtered by actor and date, an
event followed to its passage, the visual timeline's marks checked where the browser drew
them, and screenshots at desktop and phone widths."""

import itertools
from datetime import date
from io import StringIO
from urllib.parse import parse_qs, urlparse

from django.core.management import call_command
from selenium.webdriver.common.by import By
from selenium.webdriver.support.select import Select

from events.models import Source
from tests.browser import BrowserTestCase

PHONE = (390, 844)

# Each mark of the visual timeline as the browser drew it: its event's first and last day
# and its left and right edges in CSS pixels, with where the axis puts the view's first day
# and the day after its last.
MARKS_AS_DRAWN = """
const svg = document.querySelector('.visual-timeline > svg');
const ctm = svg.getScreenCTM();
const px = x => ctm.a * x + ctm.e;
const marks = [...svg.querySelectorAll('a.mark')].map(a => {
  const box = a.querySelector('rect, circle').getBoundingClientRect();
  return {lane: [...svg.querySelectorAll('g.lane')].indexOf(a.closest('g.lane')),
          first: a.dataset.first, last: a.dataset.last, precision: a.dataset.precision,
          shape: a.classList.contains('mark-point') ? 'point' : 'bar',
          left: box.left, right: box.right, center: box.left + box.width / 2};
});
return {start: svg.dataset.start, end: svg.dataset.end,
        x0: px(+svg.dataset.gutter), x1: px(+svg.dataset.plotEnd), marks: marks};
"""


def day(text: str) -> date:
    return date.fromisoformat(text)


class PagesInTheBrowserTests(BrowserTestCase):
    def setUp(self):
        call_command("bootstrap", stdout=StringIO())

    def screenshots(self, name: str) -> None:
        self.screenshot(f"{name}-desktop")
        self.width, self.height = PHONE
        try:
            self.browser.set_window_size(*PHONE)
            self.screenshot(f"{name}-phone")
        finally:
            self.width, self.height = BrowserTestCase.width, BrowserTestCase.height
            self.browser.set_window_size(self.width, self.height)

    def test_filter_the_timeline_and_follow_an_event_to_its_passage(self):
        self.open("/")
        self.assertGreater(len(self.browser.find_elements(By.CSS_SELECTOR, "li.event")), 50)
        actors = Select(self.browser.find_element(By.ID, "f-actor"))
        actors.select_by_value("qasem-soleimani")
        self.assertEqual(
            [o.get_attribute("value") for o in actors.all_selected_options], ["qasem-soleimani"]
        )
        self.browser.find_element(By.ID, "f-after").send_keys("2015")
        self.browser.find_element(By.ID, "f-before").send_keys("2019-06")
        self.follow(self.browser.find_element(By.CSS_SELECTOR, ".filters button[type=submit]"))

        query = parse_qs(urlparse(self.browser.current_url).query)
        self.assertEqual(query["actor"], ["qasem-soleimani"])
        self.assertEqual((query["date_after"], query["date_before"]), (["2015"], ["2019-06"]))
        events = self.browser.find_elements(By.CSS_SELECTOR, "li.event")
        self.assertGreater(len(events), 2)
        for event in events:
            self.assertIn(
                "Qasem Soleimani", event.find_element(By.CSS_SELECTOR, ".event-meta").text
            )
        for mark in self.browser.execute_script(MARKS_AS_DRAWN)["marks"]:
            self.assertLessEqual(day(mark["first"]), date(2019, 6, 30))
            self.assertGreaterEqual(day(mark["last"]), date(2015, 1, 1))
        # The shared address gives the same view.
        titles = [event.find_element(By.CSS_SELECTOR, "a.event-title").text for event in events]
        self.browser.get(self.browser.current_url)
        events = self.browser.find_elements(By.CSS_SELECTOR, "li.event")
        reloaded = [event.find_element(By.CSS_SELECTOR, "a.event-title").text for event in events]
        self.assertEqual(reloaded, titles)

        self.follow(events[0].find_element(By.CSS_SELECTOR, "a.event-title"))
        self.assertTrue(
            self.browser.find_elements(By.CSS_SELECTOR, "blockquote mark.mention-quote")
        )
        citation = self.browser.find_element(By.CSS_SELECTOR, ".citation figcaption a")
        quoted = self.browser.find_element(By.CSS_SELECTOR, "blockquote mark.mention-quote").text
        self.follow(citation)
        fragment = urlparse(self.browser.current_url).fragment
        self.assertRegex(fragment, r"^p\d+$")
        target = self.browser.execute_script("return document.querySelector(':target')")
        self.assertEqual(target.get_attribute("id"), fragment)
        self.assertIn(quoted, target.text)

    def test_timeline_screenshots(self):
        self.open("/")
        self.screenshots("timeline")
        self.open("/?date_after=2011&date_before=2024")
        self.screenshot("timeline-2011-2024", full_page=False)

    def test_source_page_screenshots(self):
        source = Source.objects.get(file_name__startswith="003_")
        self.open(f"/sources/{source.pk}/")
        self.assertGreater(len(self.browser.find_elements(By.CSS_SELECTOR, "mark.mention-date")), 5)
        self.screenshots("source")

    def test_visual_timeline_marks_lie_in_order_and_cover_their_periods(self):
        self.open("/")
        drawn = self.browser.execute_script(MARKS_AS_DRAWN)
        start, end = day(drawn["start"]), day(drawn["end"])
        per_day = (drawn["x1"] - drawn["x0"]) / ((end - start).days + 1)

        def edge(of_day: date) -> float:
            return drawn["x0"] + (of_day - start).days * per_day

        marks = drawn["marks"]
        self.assertGreater(len(marks), 50)
        self.assertEqual({"day", "month", "year", "range"} - {m["precision"] for m in marks}, set())
        for mark in marks:
            first, last = day(mark["first"]), day(mark["last"])
            with self.subTest(first=first, last=last, precision=mark["precision"]):
                left, right = edge(max(first, start)), edge(min(last, end)) + per_day
                if mark["shape"] == "point":
                    self.assertAlmostEqual(mark["center"], (left + right) / 2, delta=1)
                    continue
                # A month or a year is drawn over the whole of it, not at its first day.
                self.assertAlmostEqual(mark["left"], left, delta=1.5)
                self.assertAlmostEqual(mark["right"], max(right, left + 3), delta=1.5)
        # Within a lane, a later first day is drawn further right (a point at its day's
        # middle, a bar from its first day's start).
        for lane in {m["lane"] for m in marks}:
            drawn_at = sorted(
                (day(m["first"]), m["center"] - per_day / 2 if m["shape"] == "point" else m["left"])
                for m in marks
                if m["lane"] == lane
            )
            for (first, x), (later, next_x) in itertools.pairwise(drawn_at):
                with self.subTest(lane=lane, first=first, later=later):
                    self.assertGreaterEqual(next_x, x - 0.5)
