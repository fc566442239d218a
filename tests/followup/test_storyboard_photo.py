"""The storyboard's team photo: a JPEG or PNG known by its content, at most 5 MB, made no wider than the
storyboard needs and stripped of its metadata, described by the team, shown on the storyboard page and in
its PDF, served only to those who may see the project, removable; a change made from an older page is
caught."""

import io
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from hypothesis import given
from hypothesis import settings as hyp_settings
from hypothesis import strategies as st
from PIL import Image

from microsystems.followup.models import StoryboardPhoto
from microsystems.followup.photo import PhotoProblem, prepare
from microsystems.programme.models import Programme
from microsystems.projects.models import Project, ProjectEvent
from tests.demo_people import MILLBROOK_STAFF, ORCHARD_LANE, ORCHARD_LANE_STAFF
from tests.projects.builders import orchard_lane_project

Clients = Callable[[str], Client]
ALT = "The lead team of five at the reception desk"


def picture(kind: str = "PNG", width: int = 400, height: int = 300, exif: bool = False) -> bytes:
    out = io.BytesIO()
    image = Image.new("RGB", (width, height), (0, 94, 184))
    if exif:
        data = Image.Exif()
        data[0x010F] = "Camera maker"  # Make
        data[0x0112] = 6  # Orientation: turned a quarter
        image.save(out, kind, exif=data)
    else:
        image.save(out, kind)
    return out.getvalue()


@pytest.fixture
def project(demo: Programme, practice: Callable[[str], Any], settings: Any, tmp_path: Path) -> Project:
    settings.MEDIA_ROOT = tmp_path
    return orchard_lane_project(practice(ORCHARD_LANE), demo)


def edit_url(project: Project) -> str:
    return reverse("storyboard-photo-edit", args=[project.public_id])


def stamp(page: str) -> str:
    found = re.search(r'name="stamp" value="([^"]+)"', page)
    assert found
    return found.group(1)


def put(client: Client, project: Project, data: bytes | None, name: str = "team.png", **more: str) -> Any:
    page = client.get(edit_url(project)).content.decode()
    form: dict[str, Any] = {"alt": ALT, "stamp": stamp(page), **more}
    if data is not None:
        form["photo"] = SimpleUploadedFile(name, data)
    return client.post(edit_url(project), form)


def stored_files(tmp_path: Path) -> list[Path]:
    return [p for p in tmp_path.rglob("*") if p.is_file()]


def test_put_up_a_photo_and_see_it_on_the_storyboard_page_and_in_the_pdf(
    project: Project, client_for: Clients, tmp_path: Path
) -> None:
    client = client_for(ORCHARD_LANE_STAFF)
    page = client.get(edit_url(project)).content.decode()
    assert "No patient may appear in the photo unless they have given their consent" in page
    response = put(client, project, picture("PNG", width=3000, height=1500))
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "The team photo is on the storyboard. It was made 1600 pixels wide" in page
    photo = StoryboardPhoto.objects.get(project=project)
    assert (photo.width, photo.height, photo.content_type) == (1600, 800, "image/png")
    assert f'alt="{ALT}"' in page and reverse("storyboard-photo", args=[project.public_id]) in page
    served = client.get(reverse("storyboard-photo", args=[project.public_id]))
    assert served["Content-Type"] == "image/png" and "private" in served["Cache-Control"]
    with Image.open(io.BytesIO(served.getvalue())) as shown:
        assert shown.size == (1600, 800)
    # The file is kept under a name that says nothing about the project.
    assert [p.parent.name for p in stored_files(tmp_path)] == ["storyboard-photos"]
    assert str(project.public_id) not in str(photo.image.name)
    pdf = client.get(reverse("storyboard", args=[project.public_id, "a4"])).content
    assert b"/Subtype /Image" in pdf
    assert ProjectEvent.objects.filter(
        project=project, what="Put up the team photo on the storyboard"
    ).exists()


def test_another_practice_and_a_signed_out_visitor_cannot_see_it(
    project: Project, client_for: Clients, client: Client
) -> None:
    assert put(client_for(ORCHARD_LANE_STAFF), project, picture()).status_code == 302
    url = reverse("storyboard-photo", args=[project.public_id])
    assert client_for(MILLBROOK_STAFF).get(url).status_code == 404
    assert client.get(url).status_code == 302  # to the sign-in page
    assert "sign-in" in client.get(url)["Location"]


def test_the_camera_details_are_left_out_and_the_picture_turned_upright() -> None:
    prepared = prepare(picture("JPEG", width=400, height=300, exif=True))
    with Image.open(io.BytesIO(prepared.data)) as kept:
        assert kept.format == "JPEG"
        assert not kept.getexif()
        assert kept.size == (300, 400)
    assert not prepared.resized


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The file is empty"),
        (b"Not a picture at all, whatever the name says", "The file is not a JPEG or PNG picture"),
        (picture("GIF"), "The file is a GIF picture: the photo must be a JPEG or PNG."),
        (picture("PNG")[:60], "damaged or incomplete"),
    ],
)
def test_a_file_that_is_not_a_jpeg_or_png_is_refused_by_its_content(data: bytes, message: str) -> None:
    with pytest.raises(PhotoProblem, match=re.escape(message)):
        prepare(data)


def test_refused_uploads_say_why_keep_the_description_and_store_nothing(
    project: Project, client_for: Clients, tmp_path: Path
) -> None:
    client = client_for(ORCHARD_LANE_STAFF)
    page = put(client, project, picture("GIF"), name="team.png").content.decode()
    assert "The file is a GIF picture: the photo must be a JPEG or PNG." in page
    assert ALT in page  # what was typed is kept
    page = put(client, project, b"\xff\xd8" + b"0" * (5 * 1024 * 1024), name="big.jpg").content.decode()
    assert "The photo is 5.0 MB: it must be 5 MB or smaller." in page
    page = put(client, project, picture(), alt="").content.decode()
    assert "Describe the photo for someone who cannot see it" in page
    page = put(client, project, None).content.decode()
    assert "Choose the team photo to upload" in page
    assert not StoryboardPhoto.objects.filter(project=project).exists()
    assert stored_files(tmp_path) == []


def test_replace_then_remove_the_photo_and_its_files_go(
    project: Project,
    client_for: Clients,
    tmp_path: Path,
    django_capture_on_commit_callbacks: Any,
) -> None:
    client = client_for(ORCHARD_LANE_STAFF)
    with django_capture_on_commit_callbacks(execute=True):
        put(client, project, picture("PNG"))
        first = stored_files(tmp_path)
        put(client, project, picture("JPEG"), name="new.jpg", alt="The team after the last meeting")
    now = stored_files(tmp_path)
    assert len(now) == 1 and now != first and now[0].suffix == ".jpg"
    photo = StoryboardPhoto.objects.get(project=project)
    assert photo.alt == "The team after the last meeting"
    # The description alone can be changed.
    put(client, project, None, alt="The whole team")
    photo.refresh_from_db()
    assert photo.alt == "The whole team"
    page = client.get(edit_url(project)).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(edit_url(project), {"remove": "1", "stamp": stamp(page)})
    assert response.status_code == 302
    assert "The team photo is removed" in client.get(response["Location"]).content.decode()
    assert not StoryboardPhoto.objects.filter(project=project).exists()
    assert stored_files(tmp_path) == []
    assert client.get(reverse("storyboard-photo", args=[project.public_id])).status_code == 404


def test_a_change_made_from_an_older_page_is_caught(project: Project, client_for: Clients) -> None:
    champion = client_for(ORCHARD_LANE_STAFF)
    opened = stamp(champion.get(edit_url(project)).content.decode())
    put(client_for(ORCHARD_LANE_STAFF), project, picture(), alt="Put up by someone else first")
    response = champion.post(
        edit_url(project), {"alt": ALT, "stamp": opened, "photo": SimpleUploadedFile("a.png", picture())}
    )
    page = response.content.decode()
    assert "Someone else changed the photo while you were choosing" in page
    assert StoryboardPhoto.objects.get(project=project).alt == "Put up by someone else first"
    page = champion.post(edit_url(project), {"remove": "1", "stamp": opened}).content.decode()
    assert "Someone else changed the photo" in page
    assert StoryboardPhoto.objects.filter(project=project).exists()


@hyp_settings(max_examples=60, deadline=None)
@given(
    data=st.binary(max_size=300) | st.binary(max_size=200).map(lambda tail: picture("PNG", 8, 8)[:40] + tail)
)
def test_any_bytes_are_a_photo_or_a_plain_refusal(data: bytes) -> None:
    try:
        prepare(data)
    except PhotoProblem as problem:
        assert str(problem)
