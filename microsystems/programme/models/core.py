"""A commissioner's programme, the practices enrolled in it and the coaches who support them."""

import uuid
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from microsystems.people.models import Organisation, OrganisationKind

from ..engagement import AdopterCategory, EngagementState, ExitReason


class Programme(models.Model):
    """An improvement programme run by a commissioner, with its own rules."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    commissioner = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="programmes",
        limit_choices_to={"kind": OrganisationKind.COMMISSIONER},
    )
    name = models.CharField(max_length=200)
    started_on = models.DateField(default=timezone.localdate)
    first_project_payment = models.DecimalField(
        max_digits=9,
        decimal_places=2,
        default=Decimal("0"),
        help_text="The enhanced service payment a practice earns for its first project.",
    )
    requires_signed_agreement = models.BooleanField(
        default=True, help_text="A project may not move past step 1 until the coaching agreement is signed."
    )
    payment_milestones = models.JSONField(
        default=list,
        blank=True,
        help_text='How the first-project payment is split, e.g. [["Agreement signed", 50], '
        '["Project completed", 50]] (percentages). Empty: one payment when the project starts.',
    )
    terminology = models.JSONField(
        default=dict,
        blank=True,
        help_text='Words the programme renames, e.g. {"microsystem": "team", "PDSA": "test of change"}.',
    )

    class Meta:
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name


class Enrolment(models.Model):
    """A practice's place in a programme: where it is in its engagement, and how it came to be there."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="enrolments")
    practice = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="enrolments",
        limit_choices_to={"kind": OrganisationKind.PRACTICE},
    )
    state = models.CharField(max_length=30, choices=EngagementState.choices, default=EngagementState.INVITED)
    state_since = models.DateField(default=timezone.localdate)
    invited_on = models.DateField(default=timezone.localdate)
    adopter_category = models.CharField(max_length=20, choices=AdopterCategory.choices, blank=True)
    exit_reason = models.CharField(max_length=30, choices=ExitReason.choices, blank=True)
    exit_detail = models.TextField(blank=True)
    exit_reasons = models.JSONField(
        default=list, blank=True, help_text="Every coded reason that applied; exit_reason is the main one."
    )
    exit_stage = models.CharField(
        max_length=30, choices=EngagementState.choices, blank=True, help_text="Where it was when it left."
    )
    exit_answers = models.JSONField(
        default=dict, blank=True, help_text="Answers to the exit questions, keyed as in engagement.py."
    )

    class Meta:
        ordering = ("practice__name",)
        constraints = [
            models.UniqueConstraint(fields=("programme", "practice"), name="one_enrolment_per_programme"),
            models.CheckConstraint(
                name="exit_reason_only_when_left",
                condition=Q(state__in=[EngagementState.DECLINED, EngagementState.WITHDREW])
                | Q(exit_reason=""),
            ),
        ]
        indexes = [models.Index(fields=("programme", "state"))]

    def __str__(self) -> str:
        return f"{self.practice} in {self.programme}"


class EngagementEvent(models.Model):
    """One change of engagement state, kept as history."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="events")
    state = models.CharField(max_length=30, choices=EngagementState.choices)
    on = models.DateField(default=timezone.localdate)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(blank=True)

    class Meta:
        ordering = ("on", "id")

    def __str__(self) -> str:
        return f"{self.get_state_display()} on {self.on}"


class CoachExperience(models.TextChoices):
    NEWLY_TRAINED = "newly_trained", "Newly trained"
    EXPERIENCED = "experienced", "Experienced"
    MENTOR = "mentor", "Mentor"


class Coach(models.Model):
    """A member of the programme's coach pool."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="coaches")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="coach_roles")
    experience = models.CharField(max_length=20, choices=CoachExperience.choices)
    mentor = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="mentees",
        limit_choices_to={"experience": CoachExperience.MENTOR},
    )
    trained_on = models.DateField(null=True, blank=True)
    background = models.CharField(
        max_length=200, blank=True, help_text="e.g. practice manager, practice nurse."
    )
    topics = models.JSONField(
        default=list, blank=True, help_text="Topics the coach knows well, e.g. diabetes, appointments."
    )
    protected_hours_per_month = models.PositiveSmallIntegerField(
        default=0, help_text="Hours a month the coach's employer protects for coaching."
    )
    refresher_due_on = models.DateField(null=True, blank=True)
    commissions_for = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="commissioning_coaches",
        help_text="Areas (primary care networks) the coach commissions services for: a conflict of "
        "interest if matched with a practice there.",
    )
    left_on = models.DateField(null=True, blank=True, help_text="When the coach left the pool.")

    class Meta:
        ordering = ("user__full_name",)
        constraints = [models.UniqueConstraint(fields=("programme", "user"), name="one_coach_per_programme")]

    def __str__(self) -> str:
        return str(self.user)


class CoachAssignment(models.Model):
    """A coach matched with an enrolled practice."""

    class Part(models.TextChoices):
        LEAD = "lead", "Lead coach"
        CO_COACH = "co_coach", "Co-coach"

    coach = models.ForeignKey(Coach, on_delete=models.CASCADE, related_name="assignments")
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="coach_assignments")
    part = models.CharField(max_length=20, choices=Part.choices, default=Part.LEAD)
    started_on = models.DateField(default=timezone.localdate)
    ended_on = models.DateField(null=True, blank=True)
    override_note = models.TextField(
        blank=True, help_text="Why the programme lead matched a coach against a warning, if they did."
    )

    class Meta:
        ordering = ("part", "coach__user__full_name")
        constraints = [
            models.UniqueConstraint(
                fields=("coach", "enrolment"),
                condition=Q(ended_on__isnull=True),
                name="one_active_assignment",
            )
        ]

    def __str__(self) -> str:
        return f"{self.coach} ({self.get_part_display()}) for {self.enrolment.practice}"
