"""Given the programme lead, when they recruit a practice, check it is ready, match a coach, then the
practice moves through its engagement with a history; and when a practice
withdraws, the lead records why. Every page passes an accessibility scan."""

import re
from collections.abc import Callable

from playwright.sync_api import Page, expect

from microsystems.people.models import User
from microsystems.programme import actions
from microsystems.programme.models import Coach, Programme
from tests.browser.conftest import assert_accessible
from tests.demo_people import LEAD
from tests.programme.helpers import enrolment_of, lead


def open_programme(page: Page) -> None:
    page.get_by_role("link", name="Programme", exact=True).click()
    page.get_by_role("link", name="Weald Valley Clinical Microsystems Programme").click()


def test_lead_recruits_a_practice_checks_it_is_ready_and_matches_a_coach(
    sign_in: Callable[[str], Page],
) -> None:
    page = sign_in(LEAD)
    open_programme(page)
    assert_accessible(page)

    # When the lead invites a new practice
    page.get_by_role("navigation", name="Running the programme").get_by_role("link", name="Practices").click()
    assert_accessible(page)
    page.get_by_role("button", name="Invite a practice").click()
    page.get_by_role("button", name="Invite the practice").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "Choose a practice from the list, or enter a new practice's name"
    )
    assert_accessible(page)
    page.get_by_label("Practice name").fill("Willow Bank Surgery")
    page.get_by_label("ODS code").fill("Z90099")
    page.get_by_label("Primary care network").select_option(label="Riverside Primary Care Network")
    page.get_by_label("Send the invitation to (optional)").fill("manager@willow-bank.example")
    page.get_by_role("button", name="Invite the practice").click()

    # Then it is invited, with a history
    expect(page.get_by_text("Invited Willow Bank Surgery and sent the invitation")).to_be_visible()
    expect(page.get_by_role("heading", name="Willow Bank Surgery", level=1)).to_be_visible()
    assert_accessible(page)

    # When it says it is interested, and passes the readiness check
    page.get_by_role("link", name="Change engagement").click()
    assert_accessible(page)
    page.get_by_label("Interested").check()
    page.get_by_role("button", name="Save the change").click()
    expect(page.get_by_text("Willow Bank Surgery is now: Interested.")).to_be_visible()
    page.get_by_role("link", name="Record a readiness check").click()
    for question, answer in [
        ("Is the practice's staffing stable?", "Yes"),
        ("Have the partners or the manager changed in the last year?", "No"),
        ("Are other projects or an inspection competing for the team's time?", "No"),
        ("Does at least one senior partner back the work?", "Yes"),
    ]:
        page.get_by_role("group", name=question).get_by_label(answer, exact=True).check()
    assert_accessible(page)
    page.get_by_role("button", name="Record the check").click()
    expect(page.get_by_text("Ready", exact=True)).to_be_visible()
    expect(page.get_by_role("list").filter(has_text="Readiness checked").first).to_be_visible()

    # When the lead matches a coach, choosing the suggested one
    page.get_by_role("link", name="Match a coach").click()
    page.get_by_label("Theme of the project").fill("appointments and telephony")
    page.get_by_role("button", name="Suggest coaches").click()
    expect(page.get_by_role("group", name="Suggested coaches, best match first")).to_contain_text(
        "Knows about appointments"
    )
    assert_accessible(page)
    page.get_by_label("Tom Whitfield").check()
    page.get_by_role("button", name="Match the coach").click()
    # Then a newly trained coach alone is refused until the lead says why
    expect(page.get_by_role("alert")).to_contain_text("This coach is newly trained")
    assert_accessible(page)
    page.get_by_label("Helen Ashworth").check()
    page.get_by_role("button", name="Match the coach").click()
    expect(page.get_by_text("Helen Ashworth is matched with Willow Bank Surgery.")).to_be_visible()


def test_lead_records_a_withdrawal_with_reasons(sign_in: Callable[[str], Page]) -> None:
    page = sign_in(LEAD)
    open_programme(page)
    page.get_by_role("navigation", name="Running the programme").get_by_role("link", name="Practices").click()
    page.get_by_role("link", name="Station Road Practice").click()
    page.get_by_role("link", name="Change engagement").click()
    page.get_by_role("radio", name="Withdrew").check()
    page.get_by_role("button", name="Save the change").click()
    expect(page.get_by_role("alert")).to_contain_text("Choose the main reason")
    expect(page.get_by_role("alert")).to_contain_text("Say in the practice's words why it withdrew")
    assert_accessible(page)
    page.get_by_label("Main reason (if the practice declined or withdrew)").select_option(
        label="Competing priorities"
    )
    page.get_by_role("group", name="Any other reasons that applied").get_by_label("Not enough time").check()
    page.get_by_label("Why, in the practice's words").fill("A CQC inspection takes all our time this winter.")
    page.get_by_label("What issues led to withdrawing? Did any staff voice concerns?").fill("The inspection.")
    page.get_by_role("button", name="Save the change").click()

    expect(page.get_by_text("Station Road Practice is now: Withdrew.")).to_be_visible()
    expect(page.get_by_role("heading", name="Why the practice withdrew")).to_be_visible()
    expect(page.get_by_text("Competing priorities; Not enough time")).to_be_visible()
    expect(
        page.get_by_role("definition").filter(has_text="Agreement signed")
    ).to_be_visible()  # stage it left
    expect(page.get_by_text("The inspection.")).to_be_visible()
    assert_accessible(page)

    # And the portfolio counts the reason, linked to the practices that gave it
    open_programme(page)
    page.get_by_role("navigation", name="Running the programme").get_by_role("link", name="Portfolio").click()
    page.get_by_role("link", name=re.compile("withdrew: competing priorities")).click()
    expect(page.get_by_role("table", name=re.compile("withdrew: competing priorities"))).to_contain_text(
        "Station Road Practice"
    )
    assert_accessible(page)


def test_the_partner_and_the_coach_sign_the_agreement_themselves(
    sign_in: Callable[[str], Page], demo: Programme
) -> None:
    # Given the lead has matched Helen with Hollow Oak and drafted the agreement
    enrolment = enrolment_of(demo, "Z90005")
    helen = Coach.objects.get(programme=demo, user__email="helen.coach@demo.example")
    actions.match_coach(enrolment=enrolment, coach=helen, part="lead", by=lead())
    gp = User.objects.get(email="simon.hollow-oak@demo.example")
    actions.write_agreement(
        enrolment=enrolment,
        by=lead(),
        protected_time="One hour a week",
        meeting_pattern="weekly_hour",
        champion=gp,
        senior_partner=gp,
        patient_involvement="A patient on the lead team",
        data_collection="Weekly counts",
        needs_ongoing_resources=False,
        ongoing_resources_plan="",
    )

    # When the partner signs it from the practice's page
    page = sign_in("simon.hollow-oak@demo.example")
    page.get_by_role("link", name="Practices", exact=True).click()
    page.get_by_role("link", name="Hollow Oak Surgery").click()
    page.get_by_role("link", name="The coaching agreement").click()
    assert_accessible(page)
    page.get_by_label("Partner (senior sponsor)").check()
    page.get_by_role("button", name="Sign as Dr Simon Tate").click()
    expect(page.get_by_text("The signature has been recorded.")).to_be_visible()
    expect(page.get_by_text("Still needed: coach.")).to_be_visible()
    page.get_by_role("link", name="Sign out").click()
    page.get_by_role("button", name="Sign out").click()

    # And the coach signs it from the practice's page in the programme
    page = sign_in("helen.coach@demo.example")
    page.get_by_role("link", name="Practices", exact=True).click()
    page.get_by_role("link", name="Hollow Oak Surgery").click()
    page.get_by_role("link", name="The coaching agreement").click()
    page.get_by_role("radio", name="Coach", exact=True).check()
    page.get_by_role("button", name="Sign as Helen Ashworth").click()

    # Then the agreement is signed and the practice moves on
    expect(page.get_by_text("The agreement is signed.")).to_be_visible()
    assert_accessible(page)
    enrolment.refresh_from_db()
    assert enrolment.state == "agreement_signed"
