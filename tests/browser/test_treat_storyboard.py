"""Given Millbrook Surgery's completed project, when a member of its team opens the follow-up page and
downloads the storyboard in A4 and A3, then each PDF's pages render (as pictures drawn by pdftoppm) at the
paper size with the charts, the fishbone and the process map on them. Every page passes an
accessibility scan."""

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from playwright.sync_api import Page, expect

from microsystems.projects.models import Project
from tests.browser.conftest import assert_accessible
from tests.demo_people import MILLBROOK_STAFF


def blue_pixels(path: Path) -> int:
    """Pixels in the NHS blue of the chart's data line and points (#005eb8), give or take anti-aliasing."""
    with Image.open(path) as picture:
        rgb = np.asarray(picture.convert("RGB")).astype(int)
    r, g, b = rgb[..., 0], rgb[..., 1], rgb[..., 2]
    return int(((r < 30) & (g > 70) & (g < 120) & (b > 160) & (b < 210)).sum())


def test_download_the_storyboard_and_see_the_chart_on_its_page(
    sign_in: Callable[[str], Page], tmp_path: Path
) -> None:
    project = Project.objects.get(title="Incoming test results handled within two working days")
    page = sign_in(MILLBROOK_STAFF)
    page.goto(f"/projects/{project.public_id}/treat/")
    assert_accessible(page)
    page.get_by_role("link", name="Driver diagram").click()
    expect(page.get_by_role("list", name="Primary drivers")).to_contain_text(
        "Text normal results to patients"
    )
    assert_accessible(page)
    page.go_back()
    page.goto(f"/projects/{project.public_id}/measures/")
    assert_accessible(page)
    page.get_by_role("link", name="Show every chart on the data wall").click()
    expect(page.get_by_role("img", name="Results filed within two working days")).to_be_visible()
    assert_accessible(page)
    page.goto(f"/projects/{project.public_id}/treat/")
    page.get_by_role("link", name="Action plan").click()
    expect(page.get_by_role("img", name="Timeline of the action plan")).to_be_visible()
    assert_accessible(page)
    page.go_back()
    page.get_by_role("link", name="Follow up and storyboard").click()
    expect(page.get_by_role("heading", name="Follow up", level=1)).to_be_visible()
    expect(page.get_by_text("Since completion (")).to_have_count(2)
    assert_accessible(page)
    page.get_by_role("link", name="Change the entry “The meeting gave the team").click()
    assert_accessible(page)
    page.get_by_label("A short quote (optional)").fill("An hour to think, for once.")
    page.get_by_role("button", name="Save the entry").click()
    expect(page.get_by_text("The entry of the benefits log is saved.")).to_be_visible()
    expect(page.locator(".app-benefits")).to_contain_text("An hour to think, for once.")
    page.get_by_role("link", name="The practice's playbook").click()
    expect(page.get_by_role("heading", name="Text normal results to patients the same day")).to_be_visible()
    assert_accessible(page)
    page.get_by_role(
        "link", name="Change the standard for Text normal results to patients the same day"
    ).click()
    assert_accessible(page)
    standard = page.get_by_label("The standard: the new way, step by step, and who does what")
    standard.fill(standard.input_value() + " The pharmacist covers a GP on leave.")
    page.get_by_role("button", name="Save the standard").click()
    expect(page.get_by_text("The pharmacist covers a GP on leave.")).to_be_visible()
    page.get_by_text("Earlier versions of this standard (1)").click()
    assert_accessible(page)
    page.goto(f"/projects/{project.public_id}/follow-up/")

    for link, size in (("Storyboard PDF, A4", (595, 842)), ("Storyboard PDF, A3 poster", (842, 1191))):
        href = page.get_by_role("link", name=link).get_attribute("href")
        assert href
        response = page.request.get(href)
        assert response.headers["content-type"] == "application/pdf"
        pdf = tmp_path / f"{size[0]}.pdf"
        pdf.write_bytes(response.body())
        pictures = rendered(pdf, tmp_path / str(size[0]))
        with Image.open(pictures[0]) as first:
            width, height = first.size
        # Each page is the paper size (points at 50 dots per inch: width / 72 * 50).
        assert abs(width - size[0] * 50 / 72) <= 2 and abs(height - size[1] * 50 / 72) <= 2
        # The charts' data lines and points, in NHS blue, are on the pages.
        assert sum(blue_pixels(p) for p in pictures) > 200
        # The fishbone is drawn too: its head is a pale blue box.
        assert sum(pale_blue_pixels(p) for p in pictures) > 200


def rendered(pdf: Path, stem: Path) -> list[Path]:
    """Each page of the PDF as a PNG, drawn by poppler's pdftoppm."""
    if shutil.which("pdftoppm") is None:
        pytest.fail("pdftoppm is not installed: run scripts/ensure-pdftoppm (make test does)")
    subprocess.run(["pdftoppm", "-r", "50", "-png", str(pdf), str(stem)], check=True)
    pictures = sorted(stem.parent.glob(f"{stem.name}-*.png"))
    assert pictures, "the PDF has pages"
    return pictures


def pale_blue_pixels(path: Path) -> int:
    """Pixels in the pale blue (#e8f1f8) of the fishbone's head and the process map's steps."""
    with Image.open(path) as picture:
        rgb = np.asarray(picture.convert("RGB")).astype(int)
    r, g, b = rgb[..., 0], rgb[..., 1], rgb[..., 2]
    return int(((abs(r - 232) < 6) & (abs(g - 241) < 6) & (abs(b - 248) < 6)).sum())
