"""Given Millbrook Surgery's completed project, when a member of its team opens the follow-up page and
downloads the storyboard, then the PDF's page renders with the chart on it. Every page passes an
accessibility scan."""

from collections.abc import Callable
from pathlib import Path

import numpy as np
from PIL import Image
from playwright.sync_api import Browser, Page, expect

from microsystems.projects.models import Project
from tests.browser.conftest import assert_accessible
from tests.demo_people import MILLBROOK_STAFF


def blue_pixels(path: Path) -> int:
    """Pixels in the NHS blue of the chart's data line and points (#005eb8), give or take anti-aliasing."""
    rgb = np.asarray(Image.open(path).convert("RGB")).astype(int)
    r, g, b = rgb[..., 0], rgb[..., 1], rgb[..., 2]
    return int(((r < 30) & (g > 70) & (g < 120) & (b > 160) & (b < 210)).sum())


def test_download_the_storyboard_and_see_the_chart_on_its_page(
    sign_in: Callable[[str], Page], browser: Browser, tmp_path: Path
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
    page.go_back()

    href = page.get_by_role("link", name="Storyboard PDF, A3 poster").get_attribute("href")
    assert href
    response = page.request.get(href)
    assert response.headers["content-type"] == "application/pdf"
    pdf = tmp_path / "storyboard.pdf"
    pdf.write_bytes(response.body())

    viewer = browser.new_context(viewport={"width": 1000, "height": 1400})
    try:
        shot = viewer.new_page()
        shot.goto(pdf.as_uri())
        shot.wait_for_timeout(2000)
        picture = tmp_path / "page.png"
        shot.screenshot(path=str(picture))
    finally:
        viewer.close()
    assert blue_pixels(picture) > 500
