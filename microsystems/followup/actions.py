"""Writes of the follow-up step, with the project's history in the same transaction."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from microsystems.measures.models import Measure
from microsystems.people.models import User
from microsystems.projects.models import Project, ProjectEvent, ProjectStatus

from .models import Benefit, Completion, StoryboardPhoto, photo_name
from .photo import Prepared


@transaction.atomic
def log_benefit(
    *, project: Project, by: User, text: str, quote: str, said_by: str, tags: Iterable[str]
) -> Benefit:
    benefit = Benefit.objects.create(
        project=project, text=text, quote=quote, said_by=said_by, tags=list(tags), created_by=by
    )
    ProjectEvent.objects.create(project=project, by=by, tool_id="T5.2", what="Added to the benefits log")
    return benefit


class BenefitChanged(Exception):
    """Someone changed or removed the entry after the editor opened it: nothing was saved."""

    def __init__(self, current: Benefit | None) -> None:
        super().__init__("The benefit changed since it was opened")
        self.current = current


@transaction.atomic
def change_benefit(
    *,
    benefit: Benefit,
    based_on_version: int,
    by: User,
    text: str,
    quote: str,
    said_by: str,
    tags: Iterable[str],
) -> Benefit:
    """Change an entry of the benefits log, unless someone changed it since ``based_on_version``."""
    updated = Benefit.objects.filter(pk=benefit.pk, version=based_on_version).update(
        text=text, quote=quote, said_by=said_by, tags=list(tags), updated_by=by, version=F("version") + 1
    )
    if not updated:
        raise BenefitChanged(Benefit.objects.filter(pk=benefit.pk).select_related("updated_by").first())
    ProjectEvent.objects.create(
        project=benefit.project, by=by, tool_id="T5.2", what="Changed an entry of the benefits log"
    )
    benefit.refresh_from_db()
    return benefit


@transaction.atomic
def remove_benefit(*, benefit: Benefit, based_on_version: int, by: User) -> None:
    removed, _ = Benefit.objects.filter(pk=benefit.pk, version=based_on_version).delete()
    if not removed:
        raise BenefitChanged(Benefit.objects.filter(pk=benefit.pk).select_related("updated_by").first())
    ProjectEvent.objects.create(
        project=benefit.project,
        by=by,
        tool_id="T5.2",
        what=f"Removed from the benefits log: {benefit.text}"[:300],
    )


def completion_stamp(project: Project) -> str:
    """A fingerprint of the completion as saved (lessons, next theme, who owns each measure); "" before."""
    found = Completion.objects.filter(project=project).first()
    if found is None:
        return ""
    owners = sorted(Measure.objects.filter(project=project).values_list("id", "owner_id"))
    parts = (found.lessons, found.next_theme, owners)
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:16]


class CompletionChanged(Exception):
    """Someone saved the completion after the editor opened it: nothing was saved."""

    def __init__(self, current: Completion | None) -> None:
        super().__init__("The completion changed since it was opened")
        self.current = current


@transaction.atomic
def complete(
    *,
    project: Project,
    by: User,
    lessons: str,
    next_theme: str,
    owners: dict[int, Any],
    based_on: str | None = None,
) -> Completion:
    """Record the lessons and the next theme, hand each measure to its owner, and mark the project
    completed (its measures continue). With ``based_on``, a completion saved by someone else since the
    editor opened it raises CompletionChanged and nothing is saved."""
    Project.objects.select_for_update().filter(pk=project.pk).first()  # one writer at a time
    if based_on is not None and completion_stamp(project) != based_on:
        raise CompletionChanged(
            Completion.objects.filter(project=project).select_related("completed_by").first()
        )
    completion, _ = Completion.objects.update_or_create(
        project=project,
        defaults={
            "lessons": lessons,
            "next_theme": next_theme,
            "completed_by": by,
            "completed_at": timezone.now(),
        },
    )
    for measure in Measure.objects.filter(project=project, id__in=owners):
        measure.owner = owners[measure.id]
        measure.save(update_fields=["owner"])
    if project.status != ProjectStatus.COMPLETED:
        project.status = ProjectStatus.COMPLETED
        project.completed_on = timezone.localdate()
        project.save(update_fields=["status", "completed_on"])
    ProjectEvent.objects.create(project=project, by=by, tool_id="T5.4", what="Completed the project")
    return completion


# --- The storyboard's team photo -----------------------------------------------------------------------
class PhotoChanged(Exception):
    """Someone put up, changed or removed the photo after the page was opened: nothing was saved."""


def photo_stamp(project: Project) -> str:
    """Which photo the person saw: its id and alt text, or "none"."""
    photo = StoryboardPhoto.objects.filter(project=project).first()
    return "none" if photo is None else f"{photo.id}:{hashlib.sha256(photo.alt.encode()).hexdigest()[:12]}"


def _check_photo_stamp(project: Project, based_on: str) -> StoryboardPhoto | None:
    Project.objects.select_for_update().filter(pk=project.pk).first()  # one writer at a time
    if photo_stamp(project) != based_on:
        raise PhotoChanged()
    return StoryboardPhoto.objects.filter(project=project).first()


def put_photo(
    *, project: Project, prepared: Prepared | None, alt: str, based_on: str, by: User
) -> StoryboardPhoto:
    """Put up the team photo (replacing any earlier one, whose file is deleted), or with no new picture
    change the alt text of the one there."""
    saved_name = ""
    if prepared is not None:
        saved_name = default_storage.save(
            photo_name(f"photo.{prepared.extension}"), ContentFile(prepared.data)
        )
    try:
        with transaction.atomic():
            current = _check_photo_stamp(project, based_on)
            if prepared is None:
                if current is None:
                    raise PhotoChanged()
                current.alt = alt
                current.save(update_fields=["alt"])
                ProjectEvent.objects.create(
                    project=project, by=by, tool_id="T5.2", what="Changed the description of the team photo"
                )
                return current
            old_name = current.image.name if current is not None else ""
            photo, _ = StoryboardPhoto.objects.update_or_create(
                project=project,
                defaults={
                    "image": saved_name,
                    "content_type": prepared.content_type,
                    "alt": alt,
                    "width": prepared.width,
                    "height": prepared.height,
                    "uploaded_by": by,
                    "uploaded_at": timezone.now(),
                },
            )
            what = "Put up a new team photo" if old_name else "Put up the team photo"
            ProjectEvent.objects.create(
                project=project, by=by, tool_id="T5.2", what=f"{what} on the storyboard"
            )
            if old_name:
                transaction.on_commit(lambda: default_storage.delete(old_name))
            return photo
    except BaseException:
        if saved_name:
            default_storage.delete(saved_name)
        raise


@transaction.atomic
def remove_photo(*, project: Project, based_on: str, by: User) -> None:
    """Take the team photo off the storyboard and delete its file."""
    current = _check_photo_stamp(project, based_on)
    if current is None:
        raise PhotoChanged()
    name = current.image.name or ""
    current.delete()
    ProjectEvent.objects.create(project=project, by=by, tool_id="T5.2", what="Removed the team photo")
    transaction.on_commit(lambda: default_storage.delete(name))
