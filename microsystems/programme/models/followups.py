"""The reviews at 6 and 12 months after a project completes, and the reminders sent about them."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class ReviewKind(models.TextChoices):
    SIX_MONTHS = "six_months", "6-month review"
    TWELVE_MONTHS = "twelve_months", "12-month review"
    FURTHER = "further", "Further review"


class ChangeInPlace(models.TextChoices):
    AS_DESIGNED = "as_designed", "Yes, as designed"
    ADAPTED = "adapted", "Yes, with adaptations"
    PARTLY = "partly", "Partly"
    STOPPED = "stopped", "No, it has stopped"


class MeasureCollected(models.TextChoices):
    YES = "yes", "Yes, as planned"
    LESS_OFTEN = "less_often", "Yes, but less often"
    NO = "no", "No"


class ChartSays(models.TextChoices):
    HELD = "held", "The improvement has held"
    SLIPPING = "slipping", "It is slipping back"
    REVERTED = "reverted", "It has gone back to how it was before"
    NO_DATA = "no_data", "Not enough data since completion to tell"


class Embedding(models.TextChoices):
    EMBEDDED = "embedded", "Embedded: part of how the practice works"
    PARTIAL = "partial", "Partly embedded"
    AT_RISK = "at_risk", "At risk"
    ABANDONED = "abandoned", "Abandoned"


class SlipReason(models.TextChoices):
    STAFF_TURNOVER = "staff_turnover", "Staff turnover"
    CHAMPION_LEFT = "champion_left", "The champion or coach left"
    FUNDING_ENDED = "funding_ended", "Funding ended"
    COMPETING_PRIORITIES = "competing_priorities", "Competing priorities"
    REORGANISATION = "reorganisation", "Reorganisation or IT change"
    LOST_VISIBILITY = "lost_visibility", "Lost visibility (charts no longer on the wall)"
    NO_TIME = "no_time", "No time"


class FollowUpReview(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE, related_name="follow_ups")
    kind = models.CharField(max_length=20, choices=ReviewKind.choices)
    due_on = models.DateField()
    held_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    change_in_place = models.CharField(max_length=20, choices=ChangeInPlace.choices, blank=True)
    adaptations = models.TextField(blank=True)
    measure_collected = models.CharField(max_length=20, choices=MeasureCollected.choices, blank=True)
    chart_says = models.CharField(max_length=20, choices=ChartSays.choices, blank=True)
    who_left = models.TextField(blank=True)
    slip_reasons = models.JSONField(default=list, blank=True)
    what_slipped = models.TextField(blank=True)
    refresher_wanted = models.BooleanField(null=True)
    what_next = models.TextField(blank=True)
    embedding = models.CharField(max_length=20, choices=Embedding.choices, blank=True)
    progress_score = models.DecimalField(max_digits=2, decimal_places=1, null=True, blank=True)

    class Meta:
        ordering = ("due_on", "id")
        indexes = [models.Index(fields=("held_on", "due_on"))]
        constraints = [
            models.UniqueConstraint(
                fields=("project", "kind"),
                condition=~Q(kind="further"),
                name="one_six_and_one_twelve_month_review",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} of {self.project}"


class SustainabilityRating(models.Model):
    """One factor of the NHS Sustainability Model, rated at a review (see sustainability.py)."""

    review = models.ForeignKey(FollowUpReview, on_delete=models.CASCADE, related_name="ratings")
    factor = models.PositiveSmallIntegerField()
    level = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ("factor",)
        constraints = [models.UniqueConstraint(fields=("review", "factor"), name="one_rating_per_factor")]

    def __str__(self) -> str:
        return f"factor {self.factor}: level {self.level}"


class ReminderSent(models.Model):
    """A reminder about a review sent to one person, so it is never sent twice."""

    review = models.ForeignKey(FollowUpReview, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=20)
    recipient = models.EmailField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=("review", "kind", "recipient"), name="remind_once")]

    def __str__(self) -> str:
        return f"{self.kind} reminder to {self.recipient}"


class ProjectHealth(models.Model):
    """The stall and decay status the daily job last computed for a project (decay.py), kept so pages
    show it without recomputing, and so the coach is told once, not every day."""

    project = models.OneToOneField("projects.Project", on_delete=models.CASCADE, related_name="health")
    colour = models.CharField(max_length=10)
    signals = models.JSONField(default=list)
    computed_on = models.DateField()
    inactive_told_on = models.DateField(null=True, blank=True)
    red_told_on = models.DateField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.project}: {self.colour}"


class DigestSent(models.Model):
    """A weekly digest or monthly update sent to one person for one period, so a re-run sends nothing."""

    kind = models.CharField(max_length=20)
    period = models.DateField(help_text="The first day of the week or month it covers.")
    recipient = models.EmailField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=("kind", "period", "recipient"), name="one_digest_per_period")
        ]

    def __str__(self) -> str:
        return f"{self.kind} for {self.period} to {self.recipient}"
