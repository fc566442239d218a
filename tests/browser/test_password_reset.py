"""Given someone who forgot their password, when they ask for a reset, then the email's link lets them
choose a new one and sign in with it."""

import re

from django.core import mail
from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_accessible
from tests.demo_people import ORCHARD_LANE_STAFF


def test_forgotten_password_journey(page: Page, demo: object) -> None:
    page.goto("/sign-in/")
    page.get_by_role("link", name="Forgotten your password?").click()
    assert_accessible(page)
    page.get_by_role("button", name="Send the link").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter the email address you sign in with")
    assert_accessible(page)

    page.get_by_label("Email address").fill(ORCHARD_LANE_STAFF)
    page.get_by_role("button", name="Send the link").click()
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()
    assert_accessible(page)

    link = re.search(r"https?://\S+/password-reset/\S+/", str(mail.outbox[-1].body))
    assert link
    page.goto(link.group(0))
    expect(page.get_by_role("heading", name="Choose a new password")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("New password", exact=True).fill("a fresh long passphrase")
    page.get_by_label("New password confirmation").fill("a different passphrase")
    page.get_by_role("button", name="Save the new password").click()
    expect(page.get_by_role("alert")).to_contain_text("password fields didn")
    assert_accessible(page)
    page.get_by_label("New password", exact=True).fill("a fresh long passphrase")
    page.get_by_label("New password confirmation").fill("a fresh long passphrase")
    page.get_by_role("button", name="Save the new password").click()
    expect(page.get_by_role("heading", name="Your password has been changed")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Sign in with your new password").click()
    page.get_by_label("Email address").fill(ORCHARD_LANE_STAFF)
    page.get_by_label("Password", exact=True).fill("a fresh long passphrase")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Your practice")).to_be_visible()
