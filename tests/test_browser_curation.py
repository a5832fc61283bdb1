"""A curator's round in real headless Chromium: log in, read a seed source with its dates
highlighted, make an event from one of them, publish it, and find it in the public API."""

import json
from io import StringIO
from urllib.request import Request, urlopen

from django.core.management import call_command
from selenium.webdriver.common.by import By
from selenium.webdriver.support.select import Select

from events.models import DateMention, Event
from tests.base import PASSWORD, make_curator
from tests.browser import BrowserTestCase


class CuratorInTheBrowserTests(BrowserTestCase):
    def setUp(self):
        call_command("bootstrap", stdout=StringIO())
        make_curator("curator")

    def log_in(self):
        self.open("/admin/login/?next=/admin/")
        self.browser.find_element(By.ID, "id_username").send_keys("curator")
        self.browser.find_element(By.ID, "id_password").send_keys(PASSWORD)
        self.follow(self.browser.find_element(By.CSS_SELECTOR, "input[type=submit]"))
        self.assertIn("Site administration", self.browser.title)

    def test_a_curator_makes_an_event_from_a_highlighted_date_and_publishes_it(self):
        self.log_in()
        mention = DateMention.objects.get(text="December 15th")
        self.open(f"/admin/events/source/{mention.passage.source_id}/change/")
        mark = self.browser.find_element(By.CSS_SELECTOR, f'mark[data-mention="date-{mention.pk}"]')
        self.assertEqual(mark.get_attribute("title"), "2015-12-15")
        self.assertEqual(mark.text, "December 15th")
        reading = mark.find_element(By.XPATH, "following-sibling::small[1]")
        self.assertEqual(reading.text, "[2015-12-15]")
        self.assertGreater(len(self.browser.find_elements(By.CSS_SELECTOR, "mark")), 50)
        self.browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", mark)
        self.screenshot("admin-source-highlights")

        self.follow(mark.find_element(By.TAG_NAME, "a"))
        title = self.browser.find_element(By.ID, "id_title").get_attribute("value")
        self.assertTrue(title.startswith("A Russian news agency reported on December 15th"))
        self.assertEqual(
            self.browser.find_element(By.ID, "id_date").get_attribute("value"), "2015-12-15"
        )
        quote = self.browser.find_element(By.ID, "id_citations-0-quote").get_attribute("value")
        self.assertTrue(quote.startswith("A Russian news agency"))
        self.follow(self.browser.find_element(By.NAME, "_save"))
        self.assertIn(
            "was added successfully",
            self.browser.find_element(By.CSS_SELECTOR, ".messagelist").text,
        )

        event = Event.objects.get(title=title)
        self.assertEqual(event.status, Event.Status.DRAFT)
        self.assertEqual(event.citations.get().quote, quote)
        self.browser.find_element(
            By.CSS_SELECTOR, f'input[name="_selected_action"][value="{event.pk}"]'
        ).click()
        Select(self.browser.find_element(By.NAME, "action")).select_by_value("publish")
        self.follow(self.browser.find_element(By.CSS_SELECTOR, "button[name=index]"))
        self.assertIn(
            "1 event now published",
            self.browser.find_element(By.CSS_SELECTOR, ".messagelist").text,
        )

        # Anyone can now find it through the API; as a draft, nobody but curators could.
        url = f"{self.live_server_url}/api/events/?date_after=2015-12-15&date_before=2015-12-15"
        with urlopen(Request(url, headers={"Accept": "application/json"})) as response:
            found = json.load(response)["results"]
        self.assertIn(event.slug, [result["slug"] for result in found])
        self.assertEqual(event.history.first().history_user.username, "curator")
