"""An improvement project: one run of the method by one or more microsystems, with its coaches."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from microsystems.people.models import Microsystem, Organisation
from microsystems.programme.models import Programme


class ProjectStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    PAUSED = "paused", "Paused"
    COMPLETED = "completed", "Completed"
    STOPPED = "stopped", "Stopped"


class Typology(models.TextChoices):
    """What kind of change the project makes, as the programme's evaluation classified projects."""

    PROCESS = "process", "Process or administrative"
    HEALTH_OUTPUTS = "health_outputs", "Health outputs (such as QOF targets)"
    PATIENT_CENTRED = "patient_centred", "Patient-centred"


class Project(models.Model):
    """One run of the five steps. The lead practice owns it; other organisations may take part."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="projects")
    practice = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="projects")
    title = models.CharField(max_length=200)
    microsystems = models.ManyToManyField(Microsystem, related_name="projects", blank=True)
    status = models.CharField(max_length=20, choices=ProjectStatus.choices, default=ProjectStatus.ACTIVE)
    typology = models.CharField(max_length=30, choices=Typology.choices, blank=True)
    crosses_organisations = models.BooleanField(default=False)
    started_on = models.DateField(default=timezone.localdate)
    completed_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ("-started_on", "title")

    def __str__(self) -> str:
        return self.title
