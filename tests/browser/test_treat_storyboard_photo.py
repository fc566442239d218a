"""Given Orchard Lane Surgery's project, when its champion adds a team photo to the storyboard (after a file
that is no picture is refused), then the follow-up page shows it with the team's description and the PDF
poster carries it; when she removes it, it is gone. Every page passes an accessibility scan."""

import io
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image
from playwright.sync_api import Page, expect

from microsystems.people.models import Organisation
from microsystems.programme.models import Programme
from tests.browser.conftest import assert_accessible
from tests.demo_people import ORCHARD_LANE, ORCHARD_LANE_STAFF
from tests.projects.builders import orchard_lane_project

ALT = "The lead team of five at the reception desk"
GREEN = (0, 170, 60)


def green_pixels(path: Path) -> int:
    with Image.open(path) as picture:
        rgb = np.asarray(picture.convert("RGB")).astype(int)
    r, g, b = rgb[..., 0], rgb[..., 1], rgb[..., 2]
    return int(((r < 20) & (abs(g - GREEN[1]) < 12) & (abs(b - GREEN[2]) < 12)).sum())


def test_add_a_team_photo_see_it_on_the_storyboard_and_in_its_pdf_then_remove_it(
    sign_in: Callable[[str], Page],
    demo: Programme,
    practice: Callable[[str], Organisation],
    settings: Any,
    tmp_path: Path,
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    project = orchard_lane_project(practice(ORCHARD_LANE), demo)
    photo = tmp_path / "team.png"
    buffer = io.BytesIO()
    Image.new("RGB", (2400, 1200), GREEN).save(buffer, "PNG")
    photo.write_bytes(buffer.getvalue())
    not_a_photo = tmp_path / "minutes.jpg"
    not_a_photo.write_text("Minutes of the meeting, saved with the wrong name")

    page = sign_in(ORCHARD_LANE_STAFF)
    page.goto(f"/projects/{project.public_id}/follow-up/")
    page.get_by_role("link", name="Add a team photo").click()
    expect(page.get_by_text("No patient may appear in the photo unless")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("The team photo").set_input_files(str(not_a_photo))
    page.get_by_label("Describe the photo for someone who cannot see it").fill(ALT)
    page.get_by_role("button", name="Save the photo").click()
    expect(page.get_by_role("alert")).to_contain_text("The file is not a JPEG or PNG picture")
    expect(page.get_by_label("Describe the photo for someone who cannot see it")).to_have_value(ALT)
    assert_accessible(page)

    page.get_by_label("The team photo").set_input_files(str(photo))
    page.get_by_role("button", name="Save the photo").click()
    expect(
        page.get_by_text("The team photo is on the storyboard. It was made 1600 pixels wide")
    ).to_be_visible()
    shown = page.get_by_role("img", name=ALT)
    expect(shown).to_be_visible()
    assert shown.evaluate("img => img.complete && img.naturalWidth") == 1600
    assert_accessible(page)

    href = page.get_by_role("link", name="Storyboard PDF, A4").get_attribute("href")
    assert href
    pdf = tmp_path / "storyboard.pdf"
    pdf.write_bytes(page.request.get(href).body())
    if shutil.which("pdftoppm") is None:
        pytest.fail("pdftoppm is not installed: run scripts/ensure-pdftoppm (make test does)")
    subprocess.run(["pdftoppm", "-r", "50", "-png", str(pdf), str(tmp_path / "page")], check=True)
    pictures = sorted(tmp_path.glob("page-*.png"))
    assert sum(green_pixels(p) for p in pictures) > 2000, "the photo is printed on the poster"

    page.get_by_role("link", name="Change or remove the team photo").click()
    assert_accessible(page)
    page.get_by_role("button", name="Remove the photo").click()
    expect(page.get_by_text("The team photo is removed from the storyboard.")).to_be_visible()
    expect(page.get_by_role("img", name=ALT)).to_have_count(0)
    expect(page.get_by_role("link", name="Add a team photo")).to_be_visible()
