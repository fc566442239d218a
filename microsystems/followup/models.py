"""Completing a project: lessons, the next theme, and the benefits log of what changed for people."""

from __future__ import annotations

import uuid
from pathlib import Path

from django.conf import settings
from django.db import models
from django.utils import timezone

from microsystems.projects.models import Project

BENEFIT_TAGS = {
    "team": "Team cohesion",
    "commissioner": "Relationship with the commissioner",
    "reflection": "Time to reflect",
    "staff": "Staff experience",
    "patients": "Patient experience",
}


class Completion(models.Model):
    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="completion")
    lessons = models.TextField()
    next_theme = models.CharField(max_length=300, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    completed_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Completion of {self.project}"


class Benefit(models.Model):
    """A qualitative benefit, with a short quote and who said it (their role, never a patient's name)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="benefits")
    text = models.TextField()
    quote = models.CharField(max_length=300, blank=True)
    said_by = models.CharField(max_length=100, blank=True, help_text="A role, such as “receptionist”.")
    tags = models.JSONField(default=list)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    # Goes up on every change, so that a change made from an older version is caught.
    version = models.PositiveIntegerField(default=0)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ("created_at", "id")

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def tag_labels(self) -> list[str]:
        return [BENEFIT_TAGS[t] for t in self.tags if t in BENEFIT_TAGS]


def photo_name(filename: str) -> str:
    """A name that says nothing about the project or the person: the file is found through the record."""
    return f"storyboard-photos/{uuid.uuid4().hex}{Path(filename).suffix.lower()}"


def _photo_name(photo: StoryboardPhoto, filename: str) -> str:
    return photo_name(filename)


class StoryboardPhoto(models.Model):
    """The team photo on the storyboard, kept through Django's storage and served only through a view
    that checks the person may see the project."""

    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="storyboard_photo")
    image = models.FileField(upload_to=_photo_name, max_length=200)
    content_type = models.CharField(max_length=20)
    alt = models.CharField(max_length=300)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Team photo of {self.project}"
