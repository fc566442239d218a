"""The storyboard's team photo: a JPEG or PNG, known by its content (never its name), at most 5 MB, turned
upright, made no wider than the storyboard needs and saved again without its metadata (a camera's
location and details stay out of the record). Plain Python and Pillow, no Django."""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 5 * 1024 * 1024
WIDTH = 1600  # wide enough for an A3 poster's box, small enough for the page
MAX_PIXELS = 60_000_000  # a picture claiming more is refused before it is decoded
FORMATS = {"JPEG": ("image/jpeg", "jpg"), "PNG": ("image/png", "png")}


class PhotoProblem(ValueError):
    """Why the file cannot be the team photo, in words for the person who chose it."""


@dataclass(frozen=True)
class Prepared:
    data: bytes
    content_type: str
    extension: str
    width: int
    height: int
    resized: bool


def prepare(data: bytes, size: int | None = None) -> Prepared:
    """The photo ready to keep, or PhotoProblem saying why not. ``size`` is the whole file's size when only
    its first bytes were read."""
    size = len(data) if size is None else size
    if not data:
        raise PhotoProblem("The file is empty: choose the photo again.")
    if max(size, len(data)) > MAX_BYTES:
        raise PhotoProblem(f"The photo is {size / 1024 / 1024:.1f} MB: it must be 5 MB or smaller.")
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(data)) as probe:
                kind = probe.format or ""
                dimensions = probe.size
                if kind in FORMATS:
                    probe.verify()
        except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise PhotoProblem("The file is not a JPEG or PNG picture, whatever its name says.") from None
        except (OSError, SyntaxError, ValueError):
            raise PhotoProblem("The picture is damaged or incomplete: save it again and upload it.") from None
    if kind not in FORMATS:
        raise PhotoProblem(f"The file is a {kind} picture: the photo must be a JPEG or PNG.")
    if dimensions[0] * dimensions[1] > MAX_PIXELS:
        raise PhotoProblem("The picture is too large to read: make it smaller and upload it again.")
    try:
        with Image.open(io.BytesIO(data)) as opened:
            opened.load()
            picture = ImageOps.exif_transpose(opened)
    except (OSError, SyntaxError, ValueError):
        raise PhotoProblem("The picture is damaged or incomplete: save it again and upload it.") from None
    resized = picture.width > WIDTH
    if resized:
        picture = picture.resize(
            (WIDTH, max(1, round(picture.height * WIDTH / picture.width))), Image.Resampling.LANCZOS
        )
    out = io.BytesIO()
    if kind == "JPEG":
        picture.convert("RGB").save(out, "JPEG", quality=85, optimize=True)
    else:
        if picture.mode not in ("RGB", "RGBA", "L", "LA", "P"):
            picture = picture.convert("RGBA")
        picture.save(out, "PNG", optimize=True)
    content_type, extension = FORMATS[kind]
    return Prepared(out.getvalue(), content_type, extension, picture.width, picture.height, resized)
