"""Step 4 of the method: the specific aim, change ideas, PDSA cycles in ramps, SDSA, daily huddles."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from microsystems.measures.models import Measure, Phase
from microsystems.projects.models import Cause, Project


class SpecificAim(models.Model):
    """A number, a date and a measure: how much better, by when. The baseline comes from the data."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="specific_aims")
    measure = models.ForeignKey(Measure, on_delete=models.PROTECT, related_name="aims")
    target = models.FloatField()
    target_date = models.DateField()
    # The baseline, computed from the measure's data when the aim was set (the median of those points).
    baseline = models.FloatField(null=True, blank=True)
    baseline_from = models.DateField(null=True, blank=True)
    baseline_to = models.DateField(null=True, blank=True)
    population = models.CharField(max_length=300, blank=True)
    needs_ongoing_resources = models.BooleanField(default=False)
    resources_note = models.TextField(blank=True)
    within_our_control = models.BooleanField(default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("created_at", "id")

    def __str__(self) -> str:
        return f"{self.measure}: {self.target} by {self.target_date}"


class IdeaStatus(models.TextChoices):
    NOT_TESTED = "not_tested", "Not tested yet"
    TESTING = "testing", "Being tested"
    ADOPTED = "adopted", "Adopted"
    ABANDONED = "abandoned", "Abandoned"


RATINGS = [("low", "Low"), ("medium", "Medium"), ("high", "High")]


class ChangeIdea(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="change_ideas")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    source = models.CharField(max_length=100, blank=True)
    cause = models.CharField(max_length=300, blank=True, help_text="The cause on the fishbone it addresses.")
    fishbone_cause = models.ForeignKey(
        Cause, null=True, blank=True, on_delete=models.SET_NULL, related_name="change_ideas"
    )
    measures = models.ManyToManyField(Measure, related_name="change_ideas", blank=True)
    status = models.CharField(max_length=20, choices=IdeaStatus.choices, default=IdeaStatus.NOT_TESTED)
    effort = models.CharField(max_length=10, choices=RATINGS, blank=True)
    impact = models.CharField(max_length=10, choices=RATINGS, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("created_at", "id")

    def __str__(self) -> str:
        return self.title


class ChangeIdeaVote(models.Model):
    """A lead-team member's vote for testing an idea first (multi-voting: one vote per idea per person)."""

    idea = models.ForeignKey(ChangeIdea, on_delete=models.CASCADE, related_name="votes")
    voter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=("idea", "voter"), name="one_vote_per_change_idea")]

    def __str__(self) -> str:
        return f"Vote for {self.idea_id}"


class Decision(models.TextChoices):
    ADOPT = "adopt", "Adopt: make it the way we work"
    ADAPT = "adapt", "Adapt: change it and test again"
    ABANDON = "abandon", "Abandon: stop, and try another idea"


class PDSACycle(models.Model):
    """One small test of a change idea. Its cycles in order form the idea's ramp."""

    idea = models.ForeignKey(ChangeIdea, on_delete=models.CASCADE, related_name="cycles")
    number = models.PositiveIntegerField()
    measure = models.ForeignKey(
        Measure, null=True, blank=True, on_delete=models.SET_NULL, related_name="pdsa_cycles"
    )
    # Plan
    objective = models.CharField(max_length=300)
    question = models.CharField(max_length=300)
    prediction = models.TextField()
    who = models.CharField(max_length=200)
    where = models.CharField(max_length=200, blank=True)
    scale = models.CharField(max_length=200, help_text="Small: one GP, one morning.")
    starts_on = models.DateField()
    ends_on = models.DateField()
    data_to_collect = models.TextField()
    # Do
    what_happened = models.TextField(blank=True)
    surprises = models.TextField(blank=True)
    # Study
    compared_with_prediction = models.TextField(blank=True)
    learned = models.TextField(blank=True)
    # Act
    decision = models.CharField(max_length=10, choices=Decision.choices, blank=True)
    next_step = models.TextField(blank=True)
    decided_on = models.DateField(null=True, blank=True)
    # The phase a decision to adopt started on the measure's chart, and its fingerprint then: a phase
    # changed by hand since is not withdrawn without asking.
    phase = models.ForeignKey(Phase, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    phase_stamp = models.CharField(max_length=16, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    # Goes up on every save of any part, so an edit made from an older version is caught.
    version = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ("idea", "number")
        constraints = [models.UniqueConstraint(fields=("idea", "number"), name="one_cycle_per_number")]

    def __str__(self) -> str:
        return f"PDSA {self.number}: {self.objective}"

    @property
    def project(self) -> Project:
        return self.idea.project

    @property
    def stage(self) -> str:
        """Where the cycle is: "do", "study", "act" or "done" (planning happens when it is created)."""
        if self.decision:
            return "done"
        if self.compared_with_prediction:
            return "act"
        if self.what_happened:
            return "study"
        return "do"


class CyclePart(models.TextChoices):
    PLAN = "plan", "Plan"
    DO = "do", "Do"
    STUDY = "study", "Study"
    ACT = "act", "Act"


class PDSARevision(models.Model):
    """Every save of one part of a PDSA cycle, with what it said before and after."""

    cycle = models.ForeignKey(PDSACycle, on_delete=models.CASCADE, related_name="revisions")
    version = models.PositiveIntegerField()
    part = models.CharField(max_length=5, choices=CyclePart.choices)
    before = models.JSONField(default=dict)
    after = models.JSONField(default=dict)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    saved_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("-version",)
        constraints = [
            models.UniqueConstraint(fields=("cycle", "version"), name="one_pdsa_revision_per_version")
        ]

    def __str__(self) -> str:
        return f"{self.get_part_display()} of {self.cycle}, version {self.version}"


class SDSACycle(models.Model):
    """Standardise an adopted change: the standard work, how adherence is checked, the results."""

    idea = models.ForeignKey(ChangeIdea, on_delete=models.CASCADE, related_name="sdsa_cycles")
    standard = models.TextField()
    trained = models.TextField(blank=True)
    adherence_check = models.TextField()
    results = models.TextField(blank=True)
    decision = models.CharField(
        max_length=10,
        blank=True,
        choices=[("keep", "Keep"), ("refine", "Refine (a new SDSA)"), ("pdsa", "Return to PDSA")],
    )
    review_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("created_at", "id")

    def __str__(self) -> str:
        return f"Standard for {self.idea}"

    @property
    def project(self) -> Project:
        return self.idea.project


class Huddle(models.Model):
    """The daily huddle sheet. No patient identifiers: the form says so and refuses NHS numbers."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="huddles")
    held_on = models.DateField()
    led_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    looking_back = models.TextField(blank=True)
    demand = models.CharField(max_length=200, blank=True)
    capacity = models.CharField(max_length=200, blank=True)
    staff_away = models.CharField(max_length=300, blank=True)
    risks = models.TextField(blank=True)
    contingency = models.TextField(blank=True)
    measure = models.ForeignKey(Measure, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    value = models.FloatField(null=True, blank=True)
    denominator = models.FloatField(null=True, blank=True)
    minutes = models.PositiveIntegerField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("-held_on", "-id")
        constraints = [models.UniqueConstraint(fields=("project", "held_on"), name="one_huddle_a_day")]

    def __str__(self) -> str:
        return f"Huddle {self.held_on}"
