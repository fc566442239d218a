"""What coaches do beyond being matched: training, hours logged, and notes shared with each other."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from .core import Coach, Enrolment, Programme


class ReadinessCheck(models.Model):
    """A short check before enrolment: is the practice in a state to take a project on now?"""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="readiness_checks")
    checked_on = models.DateField(default=timezone.localdate)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    stable_staffing = models.BooleanField(help_text="No key vacancies or recent departures.")
    leadership_change = models.BooleanField(help_text="A change of partners or manager in the last year.")
    competing_projects = models.BooleanField(help_text="Other improvement work or inspections under way.")
    senior_partner_support = models.BooleanField(help_text="At least one senior partner backs the work.")
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ("-checked_on", "-id")

    def __str__(self) -> str:
        return f"Readiness check for {self.enrolment.practice} on {self.checked_on}"


class TrainingKind(models.TextChoices):
    INITIAL = "initial", "Initial coach training"
    REFRESHER = "refresher", "Refresher"
    EVENT = "event", "Learning event or conference"


class CoachTraining(models.Model):
    """A line in a coach's development record."""

    coach = models.ForeignKey(Coach, on_delete=models.CASCADE, related_name="training")
    kind = models.CharField(max_length=20, choices=TrainingKind.choices)
    on = models.DateField()
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ("-on",)

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.on}"


class HoursKind(models.TextChoices):
    PREPARATION = "preparation", "Preparation"
    SESSION = "session", "Coaching session"
    MENTORING = "mentoring", "Mentoring or co-coaching"
    FOLLOW_UP = "follow_up", "Follow-up review"


class CoachHours(models.Model):
    """Time a coach gave a practice: the record that recognises the work and shows workload."""

    coach = models.ForeignKey(Coach, on_delete=models.CASCADE, related_name="hours")
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="coach_hours")
    project = models.ForeignKey(
        "projects.Project", null=True, blank=True, on_delete=models.SET_NULL, related_name="coach_hours"
    )
    on = models.DateField(default=timezone.localdate)
    kind = models.CharField(max_length=20, choices=HoursKind.choices)
    hours = models.DecimalField(max_digits=5, decimal_places=2)
    note = models.CharField(max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ("-on", "-id")
        indexes = [models.Index(fields=("coach", "on"))]
        constraints = [models.CheckConstraint(name="hours_positive", condition=models.Q(hours__gt=0))]

    def __str__(self) -> str:
        return f"{self.hours}h by {self.coach} on {self.on}"


class CoachNote(models.Model):
    """A post in the coaches' private space: a note to share, or a request for help."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="coach_notes")
    author = models.ForeignKey(Coach, on_delete=models.CASCADE, related_name="notes")
    reply_to = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    asks_for_help = models.BooleanField(default=False)
    title = models.CharField(max_length=200, blank=True)
    body = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("-created_at",)

    def __str__(self) -> str:
        return self.title or self.body[:40]
