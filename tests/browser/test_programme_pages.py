"""Given the programme lead, the pages not visited by the journeys (the coach pool and a coach's record, the
adopter category, the project list, a funding application and its decision) work and pass an accessibility
scan; and a practice applies for funding for its second project."""

from collections.abc import Callable

from playwright.sync_api import Page, expect

from microsystems.programme.models import Programme
from microsystems.projects.models import Project
from tests.browser.conftest import assert_accessible
from tests.demo_people import LEAD


def test_the_coach_pool_and_editing_a_coach(sign_in: Callable[[str], Page], demo: Programme) -> None:
    page = sign_in(LEAD)
    page.goto(f"/programmes/{demo.public_id}/")
    page.get_by_role("navigation", name="Running the programme").get_by_role(
        "link", name="Coach pool"
    ).click()
    pool = page.get_by_role("table", name="The coach pool")
    expect(pool).to_contain_text("Refresher overdue since 7 September 2026")
    expect(pool).to_contain_text("Downland Primary Care Network")
    assert_accessible(page)
    page.get_by_role("button", name="Add a coach").click()
    assert_accessible(page)
    page.get_by_role("button", name="Add the coach").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter the coach's name")
    assert_accessible(page)
    page.get_by_label("Full name").fill("Maya Lindqvist")
    page.get_by_label("Email address").fill("maya.coach@demo.example")
    page.get_by_label("Newly trained").check()
    page.get_by_label("Topics the coach knows well").fill("frailty, care homes")
    page.get_by_label("Their mentor").select_option(label="Helen Ashworth")
    page.get_by_role("button", name="Add the coach").click()
    expect(page.get_by_text("Maya Lindqvist has joined the coach pool.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Edit Maya Lindqvist's record").click()
    assert_accessible(page)
    page.get_by_label("Riverside Primary Care Network").check()
    page.get_by_label("Protected hours a month").fill("10")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Maya Lindqvist's record has been saved.")).to_be_visible()
    page.get_by_role("link", name="Record training for Maya Lindqvist").click()
    assert_accessible(page)
    page.get_by_label("Learning event or conference").check()
    page.get_by_label("Note (optional)").fill("Regional improvement conference")
    page.get_by_role("button", name="Add to the record").click()
    expect(page.get_by_text("Learning event or conference")).to_be_visible()


def test_adopter_category_and_the_project_list(sign_in: Callable[[str], Page], demo: Programme) -> None:
    page = sign_in(LEAD)
    page.goto(f"/programmes/{demo.public_id}/practices/")
    page.get_by_role("link", name="Millbrook Medical Centre").click()
    page.get_by_role("link", name="Change adopter category").click()
    expect(page.get_by_text("Suggested:")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Early majority").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The adopter category has been saved.")).to_be_visible()

    page.goto(f"/programmes/{demo.public_id}/")
    page.get_by_role("navigation", name="Running the programme").get_by_role("link", name="Projects").click()
    page.get_by_role("link", name="At risk").click()
    expect(page.get_by_role("table")).to_contain_text("A weight-management clinic")
    assert_accessible(page)


def test_a_second_project_applies_for_funding_and_the_lead_decides(
    sign_in: Callable[[str], Page], demo: Programme
) -> None:
    asthma = Project.objects.get(title="Annual asthma reviews that people attend")
    page = sign_in("lucy.kingsfield@demo.example")  # Kingsfield's practice manager
    page.goto(f"/programmes/{demo.public_id}/projects/{asthma.public_id}/")
    expect(page.get_by_text("The budget for second projects is spent this year")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Apply again for funding").click()
    page.get_by_role("button", name="Send the application").click()
    expect(page.get_by_role("alert")).to_contain_text("Say why the practice asks for funding")
    assert_accessible(page)
    page.get_by_label("Why the practice asks for funding").fill("A smaller plan, in April.")
    page.get_by_label("Amount requested, in pounds").fill("900")
    page.get_by_role("button", name="Send the application").click()
    expect(page.get_by_text("The funding application has been sent to the programme lead.")).to_be_visible()
    page.get_by_role("link", name="Sign out").click()
    page.get_by_role("button", name="Sign out").click()

    page = sign_in(LEAD)
    page.goto(f"/programmes/{demo.public_id}/projects/{asthma.public_id}/")
    page.get_by_role("link", name="Decide the funding application").click()
    assert_accessible(page)
    page.get_by_label("Approve").check()
    page.get_by_label("Reason").fill("Affordable within this year's budget.")
    page.get_by_role("button", name="Save the decision").click()
    expect(page.get_by_text("The application has been approved.")).to_be_visible()
    expect(page.get_by_role("table", name="Payments")).to_contain_text("£900.00")
    assert_accessible(page)


def test_the_lead_sets_payment_milestones_and_each_falls_due_when_reached(
    sign_in: Callable[[str], Page], demo: Programme
) -> None:
    from datetime import date

    from django.utils import timezone

    from microsystems.people.models import User
    from microsystems.programme import actions
    from microsystems.programme.models import Enrolment

    page = sign_in(LEAD)
    page.goto(f"/programmes/{demo.public_id}/")
    page.get_by_role("link", name="Programme settings").click()
    assert_accessible(page)
    # When the lead names a milestone the app cannot see a project reach, it says so and keeps the text
    page.get_by_label("Milestones (optional)").fill("Agreement signed: 50\nStoryboard printed: 50")
    page.get_by_role("button", name="Save the settings").click()
    expect(page.get_by_role("alert")).to_contain_text("“Storyboard printed” is not a milestone")
    expect(page.get_by_label("Milestones (optional)")).to_have_value(
        "Agreement signed: 50\nStoryboard printed: 50"
    )
    assert_accessible(page)
    page.get_by_label("Milestones (optional)").fill("Agreement signed: 50\nProject completed: 50")
    page.get_by_role("button", name="Save the settings").click()
    expect(page.get_by_text("The programme's settings have been saved.")).to_be_visible()

    # Given Hollow Oak starts its first project, then signs its coaching agreement
    enrolment = Enrolment.objects.select_related("practice").get(programme=demo, practice__ods_code="Z90005")
    Project.objects.create(
        programme=demo,
        practice=enrolment.practice,
        title="Phones answered by 8:30",
        started_on=date(2026, 11, 2),
    )
    agreement = actions.write_agreement(
        enrolment=enrolment,
        by=User.objects.get(email=LEAD),
        protected_time="One hour a week",
        meeting_pattern="weekly_hour",
        patient_involvement="A patient on the lead team",
        data_collection="Daily call counts",
        needs_ongoing_resources=False,
        ongoing_resources_plan="",
    )
    gp = User.objects.filter(memberships__organisation=enrolment.practice, memberships__job="gp").first()
    assert gp is not None
    today = timezone.localdate()
    actions.sign_agreement(agreement=agreement, signatory=gp, part="partner", by=gp, on=today)
    coach = User.objects.get(email="helen.coach@demo.example")
    actions.sign_agreement(agreement=agreement, signatory=coach, part="coach", by=coach, on=today)

    # Then the ledger has the agreement's half due, and the completion's half still to come
    page.get_by_role("navigation", name="Running the programme").get_by_role("link", name="Payments").click()
    expect(page.get_by_role("table", name="Payments ledger")).to_contain_text("Agreement signed")
    expect(page.get_by_role("table", name="Payments still to come, by milestone")).to_contain_text(
        "Phones answered by 8:30"
    )
    expect(page.get_by_role("table", name="Payments still to come, by milestone")).to_contain_text(
        "Project completed"
    )
    assert_accessible(page)


def test_the_demo_ledger_pays_in_parts_and_a_project_is_on_track(
    sign_in: Callable[[str], Page], demo: Programme
) -> None:
    page = sign_in(LEAD)
    page.goto(f"/programmes/{demo.public_id}/")
    page.get_by_role("navigation", name="Running the programme").get_by_role("link", name="Payments").click()
    millbrook = (
        page.get_by_role("table", name="Payments ledger")
        .get_by_role("row")
        .filter(has_text="Millbrook Medical Centre")
    )
    expect(millbrook.filter(has_text="Agreement signed")).to_contain_text("Paid")
    expect(millbrook.filter(has_text="Project completed")).to_contain_text("Due")
    expect(page.get_by_role("table", name="Payments still to come, by milestone")).to_contain_text(
        "6-month review held"
    )
    assert_accessible(page)

    page.goto(f"/programmes/{demo.public_id}/")
    page.get_by_role("navigation", name="Running the programme").get_by_role("link", name="Projects").click()
    page.get_by_role("link", name="On track").click()
    expect(page.get_by_role("table")).to_contain_text("Weekly ward rounds with Willowmere Care Home")
    assert_accessible(page)
