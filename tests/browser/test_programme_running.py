"""Running the programme from the portfolio: the lead narrows the portfolio, opens the payments behind a
figure and approves one without losing the narrowing; follows the adoption curve's figures to the practices
behind them and a coach's protected hours to the coach's page. Every page passes an accessibility scan."""

import re
from collections.abc import Callable

from django.utils import timezone
from playwright.sync_api import Page, expect

from microsystems.people.models import Organisation
from microsystems.programme.models import Payment, Programme
from tests.browser.conftest import assert_accessible
from tests.demo_people import LEAD


def network_with_payments_due(demo: Programme) -> str:
    payment = (
        Payment.objects.filter(programme=demo, state="due", enrolment__practice__pcn__isnull=False)
        .select_related("enrolment__practice__pcn")
        .first()
    )
    assert payment is not None and payment.enrolment.practice.pcn is not None
    return payment.enrolment.practice.pcn.name


def open_portfolio(page: Page, demo: Programme, network: str = "") -> None:
    page.goto(f"/programmes/{demo.public_id}/")
    page.get_by_role("navigation", name="Running the programme").get_by_role("link", name="Portfolio").click()
    if network:
        page.get_by_label("Primary care network").select_option(label=network)
        page.get_by_role("button", name="Apply filters").click()


def test_the_lead_approves_a_payment_and_comes_back_to_the_narrowed_ledger(
    sign_in: Callable[[str], Page], demo: Programme
) -> None:
    # Given the lead has narrowed the portfolio to one network and opened the payments due there
    network = network_with_payments_due(demo)
    page = sign_in(LEAD)
    open_portfolio(page, demo, network)
    assert_accessible(page)
    page.get_by_role("link", name=re.compile(r"payments due$")).click()
    expect(page.locator("#listed")).to_contain_text(f"network: {network}")
    listed = page.locator("#listed").inner_text()
    assert_accessible(page)

    # When they approve the first payment listed
    row = page.get_by_role("table", name=re.compile("Payments ledger")).get_by_role("row").nth(1)
    practice = row.get_by_role("cell").first.inner_text().splitlines()[0]
    row.get_by_role("button", name=re.compile("^Approve")).click()

    # Then they are back on the same narrowed ledger (due, in that network), with the confirmation
    expect(page.get_by_text(re.compile(r"The payment of £[\d,.]+ is now approved\."))).to_be_visible()
    expect(
        page.get_by_role("navigation", name="Filter by state").locator("[aria-current=page]")
    ).to_have_text("Due")
    expect(page.locator("#listed")).to_contain_text(f"network: {network}")
    expect(page.locator("#listed")).not_to_have_text(listed)  # one payment fewer is due
    assert_accessible(page)

    # And on the approved payments of the same network, they mark it paid and stay there
    page.get_by_role("navigation", name="Filter by state").get_by_role("link", name="Approved").click()
    expect(page.locator("#listed")).to_contain_text(f"network: {network}")
    row = (
        page.get_by_role("table", name=re.compile("Payments ledger"))
        .get_by_role("row")
        .filter(has_text=practice)
        .first
    )
    row.get_by_label(re.compile("^Finance reference")).fill("INV-2026-88")
    row.get_by_role("button", name=re.compile("^Mark as paid")).click()
    expect(page.get_by_text(re.compile(r"The payment of £[\d,.]+ is now paid\."))).to_be_visible()
    expect(
        page.get_by_role("navigation", name="Filter by state").locator("[aria-current=page]")
    ).to_have_text("Approved")
    expect(page.locator("#listed")).to_contain_text(f"network: {network}")
    assert_accessible(page)


def test_the_adoption_figures_and_protected_hours_open_what_is_behind_them(
    sign_in: Callable[[str], Page], demo: Programme
) -> None:
    from microsystems.programme.presenters.portfolio import portfolio

    network = "Downland Primary Care Network"
    pcn = Organisation.objects.get(name=network)
    narrowed = portfolio(demo, {"pcn": str(pcn.public_id)}, today=timezone.localdate(), links=True)
    month = next(m for m in narrowed.adoption if m.joined)
    when = f"{month.ends_on:%B %Y}"

    # Given the lead has narrowed the portfolio to one network
    page = sign_in(LEAD)
    open_portfolio(page, demo, network)

    # When they open the adoption curve as a table and follow the practices joined in a month
    page.get_by_text("The adoption curve as a table").click()
    assert_accessible(page)
    page.get_by_role("link", name=f"practices joined in {when}").click()

    # Then they see those practices, in that network
    table = page.get_by_role("table", name=re.compile("Practices in the programme"))
    expect(table).to_contain_text(f"joined in {when}")
    expect(table).to_contain_text(f"network: {network}")
    for joined in month.joined:
        expect(table).to_contain_text(joined.name)
    expect(table.locator("tbody tr")).to_have_count(len(month.joined))
    assert_accessible(page)

    # And the practices joined by the end of that month
    open_portfolio(page, demo, network)
    page.get_by_text("The adoption curve as a table").click()
    page.get_by_role("link", name=f"practices joined by the end of {when}").click()
    expect(
        page.get_by_role("table", name=re.compile("Practices in the programme")).locator("tbody tr")
    ).to_have_count(month.total)

    # When they follow a coach's protected hours from the narrowed portfolio
    open_portfolio(page, demo, network)
    coach = narrowed.workload[0][0].label
    page.get_by_role("link", name=f"protected hours a month for {coach}").click()

    # Then the coach's page lists the practices supported in that network only
    expect(page.get_by_role("heading", level=1)).to_have_text(coach)
    expect(page.locator("#practices-listed")).to_contain_text(f"network: {network}")
    assert_accessible(page)
    page.get_by_role("link", name="Every practice supported and hour logged").click()
    expect(page.locator("#practices-listed")).to_have_count(0)


def test_a_practice_manager_withdraws_the_practice_and_the_lead_sees_who_and_when(
    sign_in: Callable[[str], Page], demo: Programme
) -> None:
    from tests.demo_people import ORCHARD_LANE, ORCHARD_LANE_STAFF
    from tests.programme.helpers import enrolment_of

    enrolment = enrolment_of(demo, ORCHARD_LANE)
    # Given Orchard Lane's practice manager is on the practice's page
    page = sign_in(ORCHARD_LANE_STAFF)
    page.goto(f"/practices/{enrolment.practice.public_id}/")
    assert_accessible(page)

    # When she asks to withdraw without giving a reason
    page.get_by_role("link", name=re.compile("^Withdraw from the programme")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Withdraw from the programme")
    assert_accessible(page)
    page.get_by_label("Why the practice is withdrawing, in your own words").fill("Two receptionists left.")
    page.get_by_role("button", name="Continue").click()

    # Then she is told what is missing and keeps what she typed
    expect(page.get_by_role("alert")).to_contain_text("Choose the main reason")
    expect(page.get_by_label("Why the practice is withdrawing, in your own words")).to_have_value(
        "Two receptionists left."
    )
    assert_accessible(page)

    # When she gives the reasons and checks them
    page.get_by_label("The main reason").select_option(label="Staffing pressures or turnover")
    page.get_by_role("group", name=re.compile("Any other reasons")).get_by_label("Not enough time").check()
    page.get_by_label(re.compile("What would have encouraged the practice to carry on")).fill(
        "Sessions at lunchtime."
    )
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check and withdraw")
    expect(page.get_by_text("Staffing pressures or turnover; Not enough time")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Withdraw Orchard Lane Surgery").click()

    # Then the practice has withdrawn
    expect(page.get_by_text(re.compile("Orchard Lane Surgery has withdrawn from"))).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("^Withdraw from the programme"))).to_have_count(0)
    assert_accessible(page)

    # And the programme lead sees in the history that the practice withdrew itself, who and when
    page.get_by_role("link", name="Sign out").click()
    page.get_by_role("button", name="Sign out").click()
    sign_in(LEAD)
    page.goto(f"/programmes/{demo.public_id}/practices/{enrolment.practice.public_id}/")
    history = page.locator(".app-timeline li").first
    expect(history).to_contain_text("Withdrew")
    expect(history).to_contain_text("The practice withdrew itself: Priya Raman, practice manager")
    expect(history).to_contain_text("by Priya Raman")
    expect(history).to_contain_text(f"{timezone.localdate():%-d %B %Y}")
    assert_accessible(page)


def test_a_project_waiting_for_its_agreement_is_told_so_by_a_step_four_tool(
    sign_in: Callable[[str], Page], demo: Programme
) -> None:
    from microsystems.treat.models import ChangeIdea
    from tests.demo_people import practice_login
    from tests.programme.test_agreement_gate import GATE_MESSAGE, HOLLOW_OAK, hollow_oak_project

    # Given Hollow Oak's project, whose coaching agreement is not signed yet
    project = hollow_oak_project(demo)
    page = sign_in(practice_login(HOLLOW_OAK))

    # When the champion opens the change ideas and tries to add one
    page.goto(f"/projects/{project.public_id}/treat/")
    expect(page.get_by_text(GATE_MESSAGE)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Add a change idea").click()
    expect(page.get_by_text(GATE_MESSAGE)).to_be_visible()
    page.get_by_label("The change idea").fill("Answer the phones from 8:00")
    page.get_by_role("button", name="Add the idea").click()
    expect(page).to_have_url(re.compile(r"/treat/ideas/new/$"))

    # Then the idea is refused, with the gate's message said once, and nothing is saved
    expect(page.get_by_text(GATE_MESSAGE)).to_have_count(1)
    assert_accessible(page)
    assert not ChangeIdea.objects.filter(project=project).exists()
