"""Completing a project: lessons, the next theme, and the benefits log of what changed for people."""

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
