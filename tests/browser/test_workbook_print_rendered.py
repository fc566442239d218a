"""Printable versions, checked by printing them to PDF and turning each printed page into a picture
(pdftoppm): each page is A4, none is blank, the noticeboard summary fits one page, the blank worksheets
print one to a page, and the fishbone's drawing is on its printed page while its forms are not."""

import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from playwright.sync_api import Page

from microsystems.people.models import Organisation
from microsystems.programme.models import Programme
from microsystems.projects import actions
from microsystems.projects.method import TOOLS
from tests.browser.conftest import assert_accessible
from tests.demo_people import ORCHARD_LANE, ORCHARD_LANE_STAFF
from tests.projects.builders import orchard_lane_project, user, with_a_meeting_and_an_action

DPI = 40
A4_MM = (210, 297)


@dataclass(frozen=True)
class PrintedPage:
    width: int
    height: int
    inked: float  # share of the page that is not white
    blue: int  # pixels in NHS blue (#005eb8) or blended with it at this resolution


def printed(page: Page, tmp_path: Path, name: str) -> list[PrintedPage]:
    """Print the page as the browser would on A4 and picture each printed page."""
    if shutil.which("pdftoppm") is None:
        pytest.fail("pdftoppm is not installed: run scripts/ensure-pdftoppm (make test does)")
    page.emulate_media(media="print")
    pdf = tmp_path / f"{name}.pdf"
    pdf.write_bytes(page.pdf(format="A4", prefer_css_page_size=True))  # as a browser prints it
    page.emulate_media(media="screen")
    subprocess.run(["pdftoppm", "-r", str(DPI), "-png", str(pdf), str(tmp_path / name)], check=True)
    pages = []
    for picture in sorted(tmp_path.glob(f"{name}-*.png")):
        rgb = np.asarray(Image.open(picture).convert("RGB")).astype(int)
        r, b = rgb[..., 0], rgb[..., 2]
        pages.append(
            PrintedPage(
                width=rgb.shape[1],
                height=rgb.shape[0],
                inked=float((rgb.min(axis=2) < 200).mean()),
                blue=int(((b - r > 60) & (b > 150)).sum()),
            )
        )
    return pages


def assert_a4_and_not_blank(pages: list[PrintedPage], landscape: bool = False) -> None:
    short, long = A4_MM
    width, height = (long, short) if landscape else (short, long)
    assert pages
    for number, found in enumerate(pages, start=1):
        assert abs(found.width / found.height - width / height) < 0.01, f"page {number} is not A4 as expected"
        assert abs(found.width - width / 25.4 * DPI) <= 2
        assert found.inked > 0.002, f"page {number} is blank"


def test_the_printed_pages_show_what_they_should(
    sign_in: Callable[[str], Page], demo: Programme, tmp_path: Path
) -> None:
    project = orchard_lane_project(Organisation.objects.get(ods_code=ORCHARD_LANE), demo)
    with_a_meeting_and_an_action(project)
    champion = user(ORCHARD_LANE_STAFF)
    actions.save_effect(
        project=project, effect="Patients ring to chase their results", based_on_version=0, by=champion
    )
    for category, text in [
        ("Processes", "Results wait in GP inboxes"),
        ("People", "No cover for the duty GP"),
    ]:
        actions.add_cause(project=project, category=category, text=text, parent=None, by=champion)
    page = sign_in(ORCHARD_LANE_STAFF)

    # The noticeboard summary: one A4 page.
    page.goto(f"/projects/{project.public_id}/meetings/1/summary/")
    assert_accessible(page)
    summary = printed(page, tmp_path, "summary")
    assert len(summary) == 1
    assert_a4_and_not_blank(summary)

    # The fishbone prints across landscape pages: the drawing (its blue head) on the first, then the causes
    # by bone; the forms to change it do not print.
    page.goto(f"/projects/{project.public_id}/fishbone/")
    assert_accessible(page)
    on_screen = page.get_by_role("button", name="Add the cause").count()
    fishbone = printed(page, tmp_path, "fishbone")
    assert on_screen == 1
    assert_a4_and_not_blank(fishbone, landscape=True)
    assert len(fishbone) <= 2
    assert fishbone[0].blue > 50

    # The 5Ps poster and the meeting record print; the blank worksheets print one to a page.
    page.goto(f"/projects/{project.public_id}/5ps/")
    assert_accessible(page)
    assert_a4_and_not_blank(printed(page, tmp_path, "five-ps"))
    page.goto("/projects/guidance/blank-worksheets/")
    assert_accessible(page)
    blanks = printed(page, tmp_path, "blanks")
    assert len(blanks) >= len([t for t in TOOLS if t.is_worksheet])
    assert_a4_and_not_blank(blanks)
