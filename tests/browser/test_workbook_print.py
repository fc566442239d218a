"""Printable pages, checked by printing them: the meeting summary fits one A4 page for the noticeboard,
the blank worksheets print one to a page, and the 5Ps poster prints without the site's header."""

from collections.abc import Callable

from playwright.sync_api import Page, expect

from microsystems.people.models import Organisation
from microsystems.programme.models import Programme
from microsystems.projects.method import TOOLS
from tests.browser.conftest import assert_accessible
from tests.demo_people import ORCHARD_LANE, ORCHARD_LANE_STAFF
from tests.projects.builders import orchard_lane_project, with_a_meeting_and_an_action


def pages_in(pdf: bytes) -> int:
    return pdf.count(b"/Type /Page\n") + pdf.count(b"/Type /Page>") + pdf.count(b"/Type /Page/")


def print_as_pdf(page: Page) -> bytes:
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
    return pdf


def test_the_printable_pages_print(sign_in: Callable[[str], Page], demo: Programme) -> None:
    project = orchard_lane_project(Organisation.objects.get(ods_code=ORCHARD_LANE), demo)
    with_a_meeting_and_an_action(project)
    page = sign_in(ORCHARD_LANE_STAFF)

    page.goto(f"/projects/{project.public_id}/meetings/1/summary/")
    assert_accessible(page)
    pdf = print_as_pdf(page)
    expect(page.get_by_role("banner")).to_be_hidden()  # the site's header is not printed
    expect(page.get_by_text("Count the calls chasing results")).to_be_visible()
    assert pages_in(pdf) == 1

    page.emulate_media(media="screen")
    page.goto("/projects/guidance/blank-worksheets/")
    assert_accessible(page)
    worksheets = [t for t in TOOLS if t.is_worksheet]
    assert pages_in(print_as_pdf(page)) >= len(worksheets)

    page.emulate_media(media="screen")
    page.goto(f"/projects/{project.public_id}/5ps/")
    assert_accessible(page)
    print_as_pdf(page)
    expect(page.get_by_role("region", name="Purpose")).to_be_visible()
