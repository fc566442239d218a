"""Given Orchard Lane's project, when the champion chooses to print the 5Ps poster on A3, then the
printed page is A3 (and A4 again when that is chosen). Every page passes an accessibility scan."""

import re
from collections.abc import Callable

from playwright.sync_api import Page, expect

from microsystems.people.models import Organisation
from microsystems.programme.models import Programme
from tests.browser.conftest import assert_accessible
from tests.demo_people import ORCHARD_LANE, ORCHARD_LANE_STAFF
from tests.projects.builders import orchard_lane_project

# Points (1/72 inch): A4 is 595 by 842, A3 is 842 by 1191.
A4 = (595, 842)
A3 = (842, 1191)


def page_size(pdf: bytes) -> tuple[int, int]:
    found = re.search(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    assert found is not None
    return round(float(found.group(1))), round(float(found.group(2)))


def print_at_its_own_size(page: Page) -> bytes:
    page.emulate_media(media="print")
    pdf = page.pdf(prefer_css_page_size=True)
    page.emulate_media(media="screen")
    return pdf


def test_the_champion_prints_the_poster_on_a3(sign_in: Callable[[str], Page], demo: Programme) -> None:
    project = orchard_lane_project(Organisation.objects.get(ods_code=ORCHARD_LANE), demo)
    page = sign_in(ORCHARD_LANE_STAFF)

    # Given the poster, which prints on A4 unless told otherwise,
    page.goto(f"/projects/{project.public_id}/5ps/")
    expect(page.get_by_role("radio", name="A4", exact=True)).to_be_checked()
    assert_accessible(page)
    assert page_size(print_at_its_own_size(page)) == A4

    # when the champion chooses A3 for the staff-room wall,
    page.get_by_role("radio", name="A3, twice the size of A4, for a wall").check()
    page.get_by_role("button", name="Use this paper").click()

    # then the page says so, and prints on A3.
    expect(page.get_by_text("The poster is set to print on A3.")).to_be_visible()
    expect(page.get_by_role("radio", name="A3, twice the size of A4, for a wall")).to_be_checked()
    assert_accessible(page)
    assert page_size(print_at_its_own_size(page)) == A3
    page.emulate_media(media="print")
    expect(page.get_by_role("button", name="Use this paper")).to_be_hidden()
    expect(page.get_by_role("region", name="Purpose")).to_be_visible()
    page.emulate_media(media="screen")

    # And back to A4.
    page.get_by_role("radio", name="A4", exact=True).check()
    page.get_by_role("button", name="Use this paper").click()
    expect(page.get_by_text("The poster is set to print on A4.")).to_be_visible()
    assert page_size(print_at_its_own_size(page)) == A4
