"""Real headless Chromium for browser tests: Debian's ``chromium`` and ``chromium-driver``,
driven by Selenium, against Django's live test server.

Where the browser is not installed the tests are skipped, except under CI (``CI`` set),
where a missing browser is a failure: ``.ci/run`` installs it. Screenshots go to
``artifacts/`` (or ``$TEST_ARTIFACTS``).
"""

import os
import shutil
import unittest
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles.testing import StaticLiveServerTestCase

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")
ARTIFACTS = Path(os.environ.get("TEST_ARTIFACTS", settings.BASE_DIR / "artifacts"))


def missing_browser() -> str:
    """Why the browser cannot run here, or '' when it can."""
    for path in (CHROMIUM, CHROMEDRIVER):
        if not (Path(path).exists() or shutil.which(path)):
            return f"{path} not found: install Debian's chromium and chromium-driver"
    return ""


class BrowserTestCase(StaticLiveServerTestCase):
    width, height = 1280, 1000
    # Rows made by migrations (event types, the curators group) are restored after each
    # test, which otherwise empties every table.
    serialized_rollback = True

    @classmethod
    def setUpClass(cls):
        reason = missing_browser()
        if reason:
            if os.environ.get("CI"):
                raise RuntimeError(f"Browser tests must run in CI: {reason}")
            raise unittest.SkipTest(reason)
        super().setUpClass()
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service

        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for argument in (
            "--headless=new",
            "--no-sandbox",  # CI runs as root, where Chromium's sandbox cannot start
            "--disable-dev-shm-usage",
            "--disable-gpu",
            f"--window-size={cls.width},{cls.height}",
        ):
            options.add_argument(argument)
        cls.browser = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
        cls.browser.implicitly_wait(5)

    @classmethod
    def tearDownClass(cls):
        if hasattr(cls, "browser"):
            cls.browser.quit()
        super().tearDownClass()

    def open(self, path: str) -> None:
        self.browser.get(self.live_server_url + path)

    def follow(self, element) -> None:
        """Click ``element`` and wait for the page it leads to: until then, elements found
        would still be the old page's.

        The old page is marked, and the wait is for a loaded document without the mark.
        Asking whether the old page's element has gone stale (Selenium's staleness_of) can
        fail instead, with ChromeDriver's "Node with given id does not belong to the
        document" when asked just as the document is replaced; any such error while the
        page changes is taken as "not yet"."""
        from selenium.common.exceptions import WebDriverException
        from selenium.webdriver.support.wait import WebDriverWait

        self.browser.execute_script("document.documentElement.dataset.leaving = '1'")
        element.click()
        WebDriverWait(self.browser, 10, ignored_exceptions=(WebDriverException,)).until(
            lambda browser: browser.execute_script(
                "return document.readyState === 'complete'"
                " && !document.documentElement.dataset.leaving"
            )
        )

    def screenshot(self, name: str, full_page: bool = True) -> Path:
        """Save the page as artifacts/<name>.png, the whole length of it by default."""
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        if full_page:
            height = self.browser.execute_script("return document.documentElement.scrollHeight")
            self.browser.set_window_size(self.width, min(max(height, self.height), 12000))
        self.browser.save_screenshot(str(path))
        self.browser.set_window_size(self.width, self.height)
        return path
