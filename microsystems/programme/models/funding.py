"""How each project is paid for, the second project's application, and the payments ledger."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from .core import Enrolment, Programme


class FundingRoute(models.TextChoices):
    ENHANCED_SERVICE = "enhanced_service", "Enhanced service payment"
    APPLICATION = "application", "Funding application"
    SELF_FUNDED = "self_funded", "Self-funded"


class ProjectFunding(models.Model):
    """The funding rule applied to one project, decided when the project starts."""

    project = models.OneToOneField("projects.Project", on_delete=models.CASCADE, related_name="funding")
    route = models.CharField(max_length=20, choices=FundingRoute.choices)
    position = models.PositiveSmallIntegerField(help_text="1 for the practice's first project, and so on.")
    decided_on = models.DateField(default=timezone.localdate)
    payment_plan = models.JSONField(
        default=list,
        blank=True,
        help_text="The first-project payment split by the programme's milestones when the project started, "
        "as [milestone, amount] pairs; each is put on the ledger, due, when the project reaches it.",
    )

    def __str__(self) -> str:
        return f"{self.get_route_display()} for {self.project}"


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", "Submitted"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"


APPLICATION_TAG_COLOURS = {
    ApplicationStatus.SUBMITTED: "blue",
    ApplicationStatus.APPROVED: "green",
    ApplicationStatus.REJECTED: "red",
}


class FundingApplication(models.Model):
    """A practice's request for funding for its second project."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    project = models.OneToOneField(
        "projects.Project", on_delete=models.CASCADE, related_name="funding_application"
    )
    reasons = models.TextField(help_text="Why the practice asks for funding, and what it learnt last time.")
    expected_benefits = models.TextField(blank=True)
    requested_amount = models.DecimalField(max_digits=9, decimal_places=2)
    status = models.CharField(
        max_length=20, choices=ApplicationStatus.choices, default=ApplicationStatus.SUBMITTED
    )
    submitted_on = models.DateField(default=timezone.localdate)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_on = models.DateField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision_reason = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                name="decision_has_a_reason",
                condition=Q(status="submitted") | ~Q(decision_reason=""),
            ),
            models.CheckConstraint(name="requested_positive", condition=Q(requested_amount__gt=0)),
        ]

    def __str__(self) -> str:
        return f"Funding application for {self.project}"


class PaymentState(models.TextChoices):
    DUE = "due", "Due"
    APPROVED = "approved", "Approved"
    PAID = "paid", "Paid"


PAYMENT_TAG_COLOURS = {PaymentState.DUE: "yellow", PaymentState.APPROVED: "blue", PaymentState.PAID: "green"}


class Payment(models.Model):
    """One line in the payments ledger the finance team pays from."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="payments")
    enrolment = models.ForeignKey(Enrolment, on_delete=models.PROTECT, related_name="payments")
    project = models.ForeignKey("projects.Project", on_delete=models.PROTECT, related_name="payments")
    route = models.CharField(max_length=20, choices=FundingRoute.choices)
    milestone = models.CharField(max_length=200, blank=True)
    amount = models.DecimalField(max_digits=9, decimal_places=2)
    state = models.CharField(max_length=20, choices=PaymentState.choices, default=PaymentState.DUE)
    due_on = models.DateField(default=timezone.localdate)
    approved_on = models.DateField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    paid_on = models.DateField(null=True, blank=True)
    paid_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    finance_reference = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ("-due_on", "-id")
        indexes = [models.Index(fields=("programme", "state"))]
        constraints = [
            models.CheckConstraint(name="payment_amount_positive", condition=Q(amount__gt=0)),
            models.UniqueConstraint(fields=("project", "milestone"), name="one_payment_per_milestone"),
        ]

    def __str__(self) -> str:
        return f"£{self.amount} to {self.enrolment.practice} ({self.get_state_display()})"
