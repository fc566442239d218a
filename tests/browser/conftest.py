"""Browser tests: Playwright driving Debian's Chromium against a live server, with an axe-core scan.

Every test here is marked `browser`; `make unit` leaves them out, `make test` runs them."""

import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Playwright, expect, sync_playwright

from microsystems.demo.world import PASSWORD

# Playwright's sync API runs an event loop in the test thread; the database work the tests do around
# it is ordinary synchronous Django, so Django's async-safety guard would refuse it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
# An assertion waits up to 15 s for the page to show what it should (5 s by default): on a loaded 2-core
# machine a PDF or a chart can take longer than that to arrive, and a slow page is not a wrong one.
expect.set_options(timeout=15_000)

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
AXE_SOURCE = (Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js").read_text()
# The flags keep Chromium off the network it has no business with (updates, sync, metrics).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def playwright_instance() -> Iterator[Playwright]:
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright_instance: Playwright) -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium is not installed at {CHROMIUM}: run scripts/ensure-chromium (make test does)")
    browser = playwright_instance.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture
def page(browser: Browser, live_server: Any) -> Iterator[Page]:
    """A fresh browser page whose relative URLs go to the live server. Fails the test on any error the
    browser reports (a script error, a Content Security Policy violation, a missing file)."""
    context = browser.new_context(base_url=live_server.url)
    # The NHS.UK stylesheet asks the NHS's font host for Frutiger; the test machine has no network, and
    # the page must not depend on it, so answer those requests with nothing (the fallback font is used).
    context.route("https://assets.nhs.uk/**", lambda route: route.fulfill(status=200, body=b""))
    page = context.new_page()
    errors: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            errors.append(message.text)

    page.on("console", on_console)
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert not errors, f"The browser reported errors: {errors}"


@pytest.fixture
def sign_in(page: Page, demo: Any) -> Callable[[str], Page]:
    """Sign in through the real sign-in page as the demo user with this email."""

    def as_user(email: str) -> Page:
        page.goto("/sign-in/")
        page.get_by_label("Email address").fill(email)
        page.get_by_label("Password", exact=True).fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(lambda url: "/sign-in/" not in url)
        return page

    return as_user


def assert_accessible(page: Page) -> None:
    """Run axe-core on the page as it stands; fail on any serious or critical violation (WCAG 2.2 A/AA
    and best practice)."""
    page.evaluate(AXE_SOURCE)
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    serious = [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, f"Accessibility violations on {page.url}:\n" + json.dumps(
        [{"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]]} for v in serious],
        indent=2,
    )
