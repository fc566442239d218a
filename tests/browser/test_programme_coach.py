"""Given a coach, when they log the hours they gave a practice and ask the other coaches for help, then
their record shows the work; and an evaluator reads the portfolio's figures. Every page passes an
accessibility scan."""

from collections.abc import Callable

from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_accessible
from tests.demo_people import EVALUATOR, ORCHARD_LANE_COACH


def test_a_coach_logs_hours_and_asks_for_help(sign_in: Callable[[str], Page]) -> None:
    page = sign_in(ORCHARD_LANE_COACH)
    page.get_by_role("link", name="Programme", exact=True).click()
    page.get_by_role("link", name="Weald Valley Clinical Microsystems Programme").click()
    assert_accessible(page)
    page.get_by_role("link", name="Log coaching hours").click()
    assert_accessible(page)

    # When the hours are missing, the page says so and nothing is saved
    page.get_by_label("Practice", exact=True).select_option(label="Orchard Lane Surgery")
    page.get_by_label("Preparation").check()
    page.get_by_role("button", name="Log the hours").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter the hours")
    assert page.title().startswith("Error: ")
    assert_accessible(page)

    # When the coach logs an hour and a half of preparation
    page.get_by_label("Hours", exact=True).fill("1.5")
    page.get_by_label("Note (optional)").fill("Read the team's 5Ps")
    page.get_by_role("button", name="Log the hours").click()

    # Then their record shows it, with the practices and projects they supported
    expect(page.get_by_text("1.5 hours logged for Orchard Lane Surgery.")).to_be_visible()
    expect(page.get_by_role("heading", name="Ruth Kaminski")).to_be_visible()
    expect(page.get_by_role("table", name="Hours logged, latest first")).to_contain_text(
        "Read the team's 5Ps"
    )
    expect(page.get_by_role("table", name="Practices and projects supported")).to_contain_text("Orchard Lane")
    assert_accessible(page)

    # When the coach asks the other coaches for help
    page.get_by_role("link", name="Weald Valley Clinical Microsystems Programme").click()
    page.get_by_role("link", name="Coaches' space").click()
    page.get_by_label("Title (optional)").fill("Reception keeps missing the huddle")
    page.get_by_label("Your note").fill("How have others fitted a five-minute huddle around the phones?")
    page.get_by_role("group", name="Are you asking other coaches for help?").get_by_label("Yes").check()
    page.get_by_role("button", name="Share with the coaches").click()
    expect(page.get_by_text("Your note has been shared with the other coaches.")).to_be_visible()
    expect(page.get_by_role("heading", name="Reception keeps missing the huddle")).to_contain_text(
        "Asks for help"
    )
    assert_accessible(page)


def test_an_evaluator_reads_the_portfolio_without_practice_names(sign_in: Callable[[str], Page]) -> None:
    page = sign_in(EVALUATOR)
    page.get_by_role("link", name="Programme", exact=True).click()
    page.get_by_role("link", name="Weald Valley Clinical Microsystems Programme").click()
    page.get_by_role("link", name="Portfolio").click()
    expect(page.get_by_role("heading", name="Portfolio", level=1)).to_be_visible()
    expect(page.get_by_role("table", name="Reasons given for declining or withdrawing")).to_be_visible()
    expect(page.get_by_text("Orchard Lane")).to_have_count(0)
    expect(page.get_by_text("Download every practice's figures")).to_have_count(0)
    assert_accessible(page)
