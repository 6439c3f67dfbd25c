"""Fixtures of the live suites (browser journeys, accessibility, API fuzzing, faults).

Loaded by ``tests/conftest.py`` so that ``tests/e2e`` and ``tests/proof`` share one live site per run.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.proof.live import ROOT, LiveSite, live_tests_reason

SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def live_site():
    """The platform served by daphne on a free loopback port, on a database of its own with demo data."""
    reason = live_tests_reason()
    if reason:
        pytest.skip(reason)
    site = LiveSite(name="e2e").create()
    site.url = site.start()
    yield site
    site.close()


# Per module, not per session: while Playwright's sync API runs, the main thread holds a running
# event loop, and every async test after it (pytest-asyncio, async_to_sync) fails to start.
@pytest.fixture(scope="module")
def chromium():
    if live_tests_reason():
        pytest.skip(live_tests_reason())
    if not Path(CHROMIUM).exists():  # LIVE_TESTS=1 fails earlier, loudly
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.hookimpl(tryfirst=True, hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


class Browsers:
    """Browser contexts opened by one test; each page is photographed if the test fails."""

    def __init__(self, chromium, base_url: str):
        self.chromium = chromium
        self.base_url = base_url
        self.contexts = []

    def context(self, *, javascript: bool = True, locale: str = "fr-FR"):
        context = self.chromium.new_context(
            base_url=self.base_url,
            java_script_enabled=javascript,
            locale=locale,
            viewport={"width": 1280, "height": 900},
        )
        context.set_default_timeout(10_000)
        self.contexts.append(context)
        return context

    def page(self, **kwargs):
        return self.context(**kwargs).new_page()

    def screenshot_all(self, name: str) -> list[Path]:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        saved = []
        for index, context in enumerate(self.contexts):
            for number, page in enumerate(context.pages):
                path = SCREENSHOTS / f"{name}-{index}-{number}.png"
                try:
                    page.screenshot(path=str(path), full_page=True)
                    saved.append(path)
                except Exception:  # noqa: S112 - a closed page has nothing to show
                    continue
        return saved

    def close(self):
        for context in self.contexts:
            context.close()


@pytest.fixture
def browsers(request, chromium, live_site):
    opened = Browsers(chromium, live_site.url)
    yield opened
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        name = re.sub(r"[^\w.-]+", "_", request.node.nodeid)[-150:]
        opened.screenshot_all(name)
        # What the server said meanwhile, next to the pictures.
        for port in live_site.servers:
            (SCREENSHOTS / f"{name}-daphne-{port}.log").write_text(live_site.log(port))
    opened.close()
