"""The coaching agreement between a practice and its coach(es), and its signatures."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from .core import Enrolment


class MeetingPattern(models.TextChoices):
    WEEKLY_HOUR = "weekly_hour", "One hour every week"
    FORTNIGHTLY = "fortnightly", "One to two hours every fortnight"
    HALF_DAY_BLOCKS = "half_day", "Half-day blocks (easier to find locum cover)"
    MONTHLY = "monthly", "Monthly"


class CoachingAgreement(models.Model):
    """What the practice and the coach commit to. Signed when a partner of the practice and the lead coach
    have both signed it (agreements.signatures_complete)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="agreements")
    project = models.ForeignKey(
        "projects.Project",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="agreements",
        help_text="Empty: the agreement covers the practice's next project.",
    )
    protected_time = models.CharField(
        max_length=200, help_text="e.g. one hour a week for the lead team, with reception cover."
    )
    meeting_pattern = models.CharField(max_length=20, choices=MeetingPattern.choices)
    champion = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    senior_partner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    patient_involvement = models.TextField(help_text="How a patient takes part from the start.")
    data_collection = models.TextField(help_text="Who collects which data, and how often.")
    needs_ongoing_resources = models.BooleanField(
        default=False, help_text="The change is likely to need staff time or money after the project."
    )
    ongoing_resources_plan = models.TextField(blank=True)
    created_on = models.DateField(default=timezone.localdate)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    signed_on = models.DateField(
        null=True, blank=True, help_text="Set when the last required signature is added."
    )

    class Meta:
        ordering = ("-created_on", "-id")

    def __str__(self) -> str:
        return f"Coaching agreement with {self.enrolment.practice}"

    @property
    def is_signed(self) -> bool:
        return self.signed_on is not None


class SignatoryPart(models.TextChoices):
    PARTNER = "partner", "Partner (senior sponsor)"
    PRACTICE_MANAGER = "practice_manager", "Practice manager"
    CHAMPION = "champion", "Champion"
    COACH = "coach", "Coach"
    CO_COACH = "co_coach", "Co-coach"


class AgreementSignature(models.Model):
    agreement = models.ForeignKey(CoachingAgreement, on_delete=models.CASCADE, related_name="signatures")
    signatory = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    part = models.CharField(max_length=20, choices=SignatoryPart.choices)
    signed_on = models.DateField(default=timezone.localdate)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ("signed_on", "id")
        constraints = [
            models.UniqueConstraint(fields=("agreement", "signatory", "part"), name="sign_once_per_part")
        ]

    def __str__(self) -> str:
        return f"{self.signatory} ({self.get_part_display()}) on {self.signed_on}"
