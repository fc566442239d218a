"""Measures of a project, their data points (with every correction kept), phases and exclusions."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from microsystems.projects.models import Project


class MeasureType(models.TextChoices):
    OUTCOME = "outcome", "Outcome"
    PROCESS = "process", "Process"
    BALANCING = "balancing", "Balancing"


class DataKind(models.TextChoices):
    COUNT = "count", "A count (how many)"
    PROPORTION = "proportion", "A proportion (a numerator out of a denominator)"
    RATE = "rate", "A rate (events per unit of exposure, such as per 1,000 appointments)"
    CONTINUOUS = "continuous", "A measurement (such as days or minutes)"


class Frequency(models.TextChoices):
    DAILY = "daily", "Daily"
    WEEKLY = "weekly", "Weekly"
    MONTHLY = "monthly", "Monthly"


class Better(models.TextChoices):
    UP = "up", "Higher is better"
    DOWN = "down", "Lower is better"
    NEITHER = "neither", "Neither"


class ChartChoice(models.TextChoices):
    AUTO = "auto", "Choose for me from the kind of data"
    RUN = "run", "Run chart"
    P = "p", "p chart (proportions)"
    U = "u", "u chart (rates)"
    C = "c", "c chart (counts)"
    I = "i", "XmR chart (individual values)"  # noqa: E741


class Measure(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="measures")
    name = models.CharField(max_length=200)
    measure_type = models.CharField(max_length=20, choices=MeasureType.choices, default=MeasureType.OUTCOME)
    definition = models.TextField(help_text="What counts, what is left out.")
    data_source = models.TextField(blank=True, help_text="Where the numbers come from.")
    kind = models.CharField(max_length=20, choices=DataKind.choices)
    unit = models.CharField(max_length=60, blank=True)
    frequency = models.CharField(max_length=10, choices=Frequency.choices, default=Frequency.WEEKLY)
    better = models.CharField(max_length=10, choices=Better.choices, default=Better.UP)
    target = models.FloatField(null=True, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    chart_choice = models.CharField(max_length=10, choices=ChartChoice.choices, default=ChartChoice.AUTO)
    baseline_points = models.PositiveIntegerField(
        null=True, blank=True, help_text="Freeze the centre line and limits on this many first points."
    )
    multiplier = models.PositiveIntegerField(
        default=1, help_text="Rates per this many units of exposure (1,000 appointments, say)."
    )
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ("measure_type", "name", "id")

    def __str__(self) -> str:
        return self.name


class DataPoint(models.Model):
    """One value for one period. A correction keeps the old value in the point's revisions."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="points")
    period = models.DateField()
    value = models.FloatField()
    denominator = models.FloatField(null=True, blank=True)
    note = models.CharField(max_length=300, blank=True)
    excluded = models.BooleanField(default=False)
    exclusion_reason = models.CharField(max_length=300, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    entered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("period",)
        constraints = [models.UniqueConstraint(fields=("measure", "period"), name="one_point_per_period")]

    def __str__(self) -> str:
        return f"{self.period}: {self.value}"

    @property
    def project(self) -> Project:
        return self.measure.project


class DataPointRevision(models.Model):
    """A value a point held before it was corrected, with who corrected it and when."""

    point = models.ForeignKey(DataPoint, on_delete=models.CASCADE, related_name="revisions")
    value = models.FloatField()
    denominator = models.FloatField(null=True, blank=True)
    replaced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    replaced_at = models.DateTimeField(default=timezone.now)
    how = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ("-replaced_at", "-id")

    def __str__(self) -> str:
        return f"{self.value} (replaced {self.replaced_at:%Y-%m-%d})"


class OnTheChart(models.Manager["Phase"]):
    """Phases still on the chart: a withdrawn phase is kept for its history but drawn nowhere."""

    def get_queryset(self) -> models.QuerySet[Phase]:
        return super().get_queryset().filter(withdrawn_at__isnull=True)


class Phase(models.Model):
    """A new centre line and limits from this period on, for a reason (usually an adopted change).

    A phase started by a PDSA decision to adopt is withdrawn (not deleted) when that decision changes:
    who withdrew it, when and why stay with it."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="phases")
    starts_on = models.DateField()
    reason = models.CharField(max_length=300)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    withdrawn_because = models.CharField(max_length=300, blank=True)

    with_withdrawn = models.Manager()
    objects = OnTheChart()

    class Meta:
        ordering = ("starts_on",)
        default_manager_name = "objects"
        base_manager_name = "with_withdrawn"
        constraints = [
            models.UniqueConstraint(
                fields=("measure", "starts_on"),
                condition=models.Q(withdrawn_at__isnull=True),
                name="one_phase_per_date",
            )
        ]

    def __str__(self) -> str:
        return f"From {self.starts_on}: {self.reason}"

    @property
    def project(self) -> Project:
        return self.measure.project


class MeasureEvent(models.Model):
    """History of a measure: imports, corrections, phases, exclusions."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    what = models.CharField(max_length=300)

    class Meta:
        ordering = ("-at", "-id")

    def __str__(self) -> str:
        return self.what
