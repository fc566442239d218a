"""Given each role in the demo, when they sign in and move around, then they see their own world, and
every page they visit passes an accessibility scan."""

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_accessible
from tests.demo_people import (
    EVALUATOR,
    LEAD,
    ORCHARD_LANE_COACH,
    ORCHARD_LANE_PATIENT,
    ORCHARD_LANE_STAFF,
)


def test_programme_lead_sees_the_programme(sign_in: Callable[[str], Page]) -> None:
    page = sign_in(LEAD)
    expect(page.get_by_role("heading", name="Weald Valley Clinical Microsystems Programme")).to_be_visible()
    expect(page.get_by_role("table", name="Practices by engagement")).to_contain_text("Withdrew")
    assert_accessible(page)

    page.get_by_role("link", name="See every practice and coach").click()
    expect(page.get_by_role("table", name="Every practice in the programme")).to_contain_text("Chalk Hill")
    expect(page.get_by_role("table", name="The coach pool")).to_contain_text("Newly trained")
    assert_accessible(page)

    page.get_by_role("link", name="Orchard Lane Surgery").click()
    expect(page.get_by_role("heading", name="Orchard Lane Surgery", level=1)).to_be_visible()
    assert_accessible(page)


def test_coach_sees_the_practices_they_coach(sign_in: Callable[[str], Page]) -> None:
    page = sign_in(ORCHARD_LANE_COACH)
    table = page.get_by_role("table", name="Practices you coach")
    expect(table).to_contain_text("Orchard Lane Surgery")
    expect(table).not_to_contain_text("Millbrook")
    assert_accessible(page)
    page.get_by_role("link", name="Practices", exact=True).click()
    expect(page.get_by_role("table")).to_contain_text("Orchard Lane Surgery")
    assert_accessible(page)


def test_practice_manager_sees_their_practice_and_what_to_do_first(sign_in: Callable[[str], Page]) -> None:
    page = sign_in(ORCHARD_LANE_STAFF)
    expect(page.get_by_role("heading", name="Your practice")).to_be_visible()
    expect(page.get_by_text("No improvement project yet")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Go to Orchard Lane Surgery").click()
    expect(page.get_by_role("table", name="Team members")).to_contain_text("Margaret Ellis")
    assert_accessible(page)
    expect(page.get_by_role("link", name="Programme", exact=True)).to_have_count(0)


def test_patient_representative_sees_their_practice(sign_in: Callable[[str], Page]) -> None:
    page = sign_in(ORCHARD_LANE_PATIENT)
    expect(page.get_by_role("table", name="Your practice and its projects")).to_contain_text("Orchard Lane")
    expect(page.get_by_text("When the practice starts an improvement project")).to_be_visible()
    assert_accessible(page)


def test_evaluator_sees_figures_not_practices(sign_in: Callable[[str], Page]) -> None:
    page = sign_in(EVALUATOR)
    expect(page.get_by_text("You evaluate this programme")).to_be_visible()
    expect(page.get_by_text("Orchard Lane")).to_have_count(0)
    assert_accessible(page)
    page.get_by_role("link", name="Programme", exact=True).click()
    assert_accessible(page)


@pytest.mark.parametrize("email", [LEAD])
def test_account_page_and_sign_out(sign_in: Callable[[str], Page], email: str) -> None:
    page = sign_in(email)
    page.get_by_role("link", name="Alex Morgan").click()
    expect(page.get_by_role("heading", name="Your account")).to_be_visible()
    page.get_by_label("Your name").fill("")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter your name")
    assert page.title().startswith("Error: ")
    assert_accessible(page)
    page.get_by_label("Your name").fill("Alex Morgan-Reyes")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Your name has been saved.")).to_be_visible()
    page.get_by_role("link", name="Sign out").click()
    assert_accessible(page)
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()


def test_wrong_password_keeps_the_email_and_says_what_is_wrong(page: Page, demo: object) -> None:
    page.goto("/sign-in/")
    page.get_by_label("Email address").fill(LEAD)
    page.get_by_label("Password", exact=True).fill("not the password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter a correct email address and password")
    expect(page.get_by_label("Email address")).to_have_value(LEAD)
    assert_accessible(page)
