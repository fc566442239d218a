"""Given the programme lead, when they match a coach with an interested practice and record the coaching
agreement, the practice's first project earns the enhanced service payment; the lead approves and pays it,
marks the project complete, sees the follow-ups scheduled, records the 6-month review and reads the
portfolio. Every page passes an accessibility scan."""

from collections.abc import Callable

from django.utils import timezone
from playwright.sync_api import Page, expect

from microsystems.programme.models import Programme
from tests.browser.conftest import assert_accessible
from tests.demo_people import LEAD
from tests.programme.helpers import enrolment_of, start_project


def test_from_agreement_to_payment_to_follow_up_to_the_portfolio(
    sign_in: Callable[[str], Page], demo: Programme
) -> None:
    page = sign_in(LEAD)
    page.get_by_role("link", name="Programme", exact=True).click()
    page.get_by_role("link", name="Weald Valley Clinical Microsystems Programme").click()
    page.get_by_role("navigation", name="Running the programme").get_by_role("link", name="Practices").click()
    page.get_by_role("link", name="Interested", exact=True).click()
    page.get_by_role("link", name="Hollow Oak Surgery").click()

    # When the lead matches an experienced coach
    page.get_by_role("link", name="Match a coach").click()
    page.get_by_label("Helen Ashworth").check()
    page.get_by_role("button", name="Match the coach").click()
    expect(page.get_by_text("Helen Ashworth is matched with Hollow Oak Surgery.")).to_be_visible()

    # And writes the coaching agreement
    page.get_by_role("link", name="Write the coaching agreement").click()
    page.get_by_label("Protected time the practice gives").fill("One hour every Thursday")
    page.get_by_label("One hour every week").check()
    page.get_by_label("Champion").select_option(label="Nadia Kowalski")
    page.get_by_label("Senior partner who backs the work").select_option(label="Dr Simon Tate")
    page.get_by_label("How a patient takes part from the start").fill("A patient joins the lead team.")
    page.get_by_label("Who collects which data, and how often").fill("The manager counts calls weekly.")
    page.get_by_role(
        "group", name="Will the change need staff time or money after the project?"
    ).get_by_label("No").check()
    page.get_by_role("button", name="Save the agreement").click()
    expect(page.get_by_text("Not signed yet")).to_be_visible()
    assert_accessible(page)

    # And records the partner's and the coach's signatures
    for who, part in [("Dr Simon Tate", "Partner (senior sponsor)"), ("Helen Ashworth", "Coach")]:
        page.get_by_label("Who signed").select_option(label=who)
        page.get_by_role("group", name="Signing as").get_by_label(part, exact=True).check()
        page.get_by_role("button", name="Record the signature").click()
    expect(page.get_by_text("The agreement is signed.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Hollow Oak Surgery").click()
    expect(page.get_by_text("Agreement signed since")).to_be_visible()

    # Given the practice starts its first project in the workbook
    today = timezone.localdate()
    start_project(demo, enrolment_of(demo, "Z90005").practice, "Calls answered before 8.30", today)
    page.reload()
    expect(page.get_by_text("Project active since")).to_be_visible()
    page.get_by_role("link", name="Calls answered before 8.30").click()

    # Then the enhanced service payment's first part (the agreement is signed) is on the ledger, due
    expect(page.get_by_text("Enhanced service payment (project 1 of the practice)")).to_be_visible()
    expect(page.get_by_role("table", name="Payments")).to_contain_text("£1,200.00")
    expect(page.get_by_role("table", name="Payments")).to_contain_text("Due")
    assert_accessible(page)

    # When the lead approves it, and finance pays it
    page.get_by_role("link", name="Programme", exact=True).click()
    page.get_by_role("link", name="Weald Valley Clinical Microsystems Programme").click()
    page.get_by_role("navigation", name="Running the programme").get_by_role("link", name="Payments").click()
    page.get_by_role("link", name="Due", exact=True).click()
    assert_accessible(page)
    hollow_oak = page.get_by_role("row").filter(has_text="Hollow Oak Surgery")
    hollow_oak.get_by_role("button", name="Approve").click()
    expect(page.get_by_text("The payment of £1,200.00 is now approved.")).to_be_visible()
    page.get_by_role("link", name="Approved", exact=True).click()
    hollow_oak.get_by_label("Finance reference").fill("INV-2207")
    hollow_oak.get_by_role("button", name="Mark as paid").click()
    expect(page.get_by_text("The payment of £1,200.00 is now paid.")).to_be_visible()
    expect(page.get_by_role("link", name="Download the ledger for finance (CSV)")).to_be_visible()
    assert_accessible(page)

    # When the lead marks the project complete
    page.goto(f"/programmes/{demo.public_id}/practices/{enrolment_of(demo, 'Z90005').practice.public_id}/")
    page.get_by_role("link", name="Calls answered before 8.30").click()
    page.get_by_role("button", name="Mark the project complete").click()

    # Then the follow-ups are scheduled at 6 and 12 months
    expect(page.get_by_text("Follow-up reviews are scheduled for")).to_be_visible()
    reviews = page.get_by_role("table", name="Follow-up reviews")
    expect(reviews).to_contain_text("6-month review")
    expect(reviews).to_contain_text("12-month review")
    assert_accessible(page)

    # When the lead records the 6-month review
    reviews.get_by_role("link", name="6-month review").click()
    page.get_by_role("button", name="Save the review").click()
    expect(page.get_by_role("alert")).to_contain_text("Say whether the change is still in place")
    assert_accessible(page)
    page.get_by_role("group", name="Is the change still in place?").get_by_label(
        "Yes, with adaptations"
    ).check()
    page.get_by_label("If it was adapted, what changed and why?").fill("Reception starts at 8.")
    page.get_by_role("group", name="Is the measure still collected?").get_by_label("Yes, as planned").check()
    page.get_by_role("group", name="What does the chart show since the project completed?").get_by_label(
        "The improvement has held"
    ).check()
    page.get_by_role("group", name="Would the team like a refresher from the coach?").get_by_label(
        "No"
    ).check()
    page.get_by_role("group", name="How embedded is the change?").get_by_label(
        "Embedded: part of how the practice works"
    ).check()
    page.get_by_label("Progress score (0.5 to 5)").select_option("4.5")
    page.get_by_role("group", name="7. Senior leadership engagement").get_by_label("Fully in place").check()
    page.get_by_role("group", name="10. Infrastructure for sustainability").get_by_label(
        "Partly in place"
    ).check()
    page.get_by_role("button", name="Save the review").click()
    expect(page.get_by_text("The 6-month review has been recorded.")).to_be_visible()
    expect(page.get_by_role("table", name="Follow-up reviews")).to_contain_text("Held")

    # And reads the portfolio
    page.get_by_role("link", name="Weald Valley Clinical Microsystems Programme").click()
    page.get_by_role("navigation", name="Running the programme").get_by_role("link", name="Portfolio").click()
    expect(page.get_by_role("img", name="Practices that reached each stage")).to_be_visible()
    expect(
        page.get_by_role(
            "img",
            name="Practices that have joined the programme, month by month, with when each adopter "
            "category joined",
        )
    ).to_be_visible()
    expect(page.get_by_role("table", name="Projects by whether their specific aims are met")).to_contain_text(
        "Aim met"
    )
    expect(page.get_by_role("table", name="Coach workload")).to_contain_text("Helen Ashworth")
    expect(page.get_by_role("table", name="How embedded: at 6 months")).to_contain_text("Embedded")
    assert_accessible(page)
    page.get_by_label("Primary care network").select_option(label="Downland Primary Care Network")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_text("practices match the filters")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="payments paid").click()
    ledger = page.get_by_role(
        "table", name="Payments ledger (filtered: network: Downland Primary Care Network)"
    )
    expect(ledger).to_contain_text("Elm Tree Surgery")
    expect(ledger).not_to_contain_text("Millbrook Medical Centre")  # in the other network
    assert_accessible(page)
    page.go_back()
    page.get_by_role("link", name="hours David Mensah logged in the last 12 months").click()
    expect(page.get_by_text("(the last 12 months; network: Downland Primary Care Network)")).to_be_visible()
    assert_accessible(page)
    page.go_back()
    page.get_by_role("link", name="1 Reviews overdue").click()
    expect(page.get_by_role("table", name="Overdue")).to_contain_text("Elm Tree Surgery")
    assert_accessible(page)
