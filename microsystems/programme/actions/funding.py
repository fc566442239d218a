"""The funding rule applied when a project starts, funding applications, and the payments ledger."""

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from .. import funding_rules
from ..engagement import EngagementState
from ..models import (
    ApplicationStatus,
    Enrolment,
    FundingApplication,
    FundingRoute,
    Payment,
    PaymentState,
    ProjectFunding,
)
from .engagement import advance_to


@transaction.atomic
def start_project_funding(*, project: Any, by: Any = None) -> ProjectFunding | None:
    """Apply the funding rule to a new project: its position among the practice's projects in the
    programme decides the route; the first earns the enhanced service payment automatically, split by the
    programme's milestones as they are now (the plan is kept with the project), each part due when the
    project reaches its milestone. The practice's engagement moves to "project active". Idempotent."""
    from microsystems.projects.models import Project

    existing = ProjectFunding.objects.filter(project=project).first()
    if existing:
        return existing
    enrolment = Enrolment.objects.filter(
        programme_id=project.programme_id, practice_id=project.practice_id
    ).first()
    if enrolment is None:
        return None  # a project outside any enrolment (not one the programme funds)
    earlier = (
        Project.objects.filter(programme_id=project.programme_id, practice_id=project.practice_id)
        .exclude(pk=project.pk)
        .filter(started_on__lte=project.started_on)
        .count()
    )
    position = earlier + 1
    route = funding_rules.route_for(position)
    programme = enrolment.programme
    plan: list[list[str]] = []
    if route == funding_rules.ENHANCED_SERVICE and programme.first_project_payment > 0:
        plan = [
            [milestone, str(amount)]
            for milestone, amount in funding_rules.split(
                programme.first_project_payment, programme.payment_milestones
            )
        ]
    funding = ProjectFunding.objects.create(
        project=project, route=route, position=position, payment_plan=plan
    )
    release_milestone_payments(project=project)
    advance_to(
        enrolment,
        EngagementState.PROJECT_ACTIVE,
        on=project.started_on,
        by=by,
        note=f"Started “{project.title}”",
    )
    return funding


def milestone_dates(project: Any, today: date) -> dict[str, date]:
    """The milestone events the project has reached, and when (read from the agreement, the workbook's
    marks, completion and the follow-up reviews)."""
    from django.db.models import Q

    from ..facts import steps_of
    from ..models import CoachingAgreement, FollowUpReview

    signed = (
        CoachingAgreement.objects.filter(
            enrolment__programme_id=project.programme_id,
            enrolment__practice_id=project.practice_id,
            signed_on__isnull=False,
        )
        .filter(Q(project=project) | Q(project__isnull=True))
        .order_by("signed_on")
        .values_list("signed_on", flat=True)
        .first()
    )
    held = {
        kind: on
        for kind, on in FollowUpReview.objects.filter(project=project, held_on__isnull=False).values_list(
            "kind", "held_on"
        )
        if on
    }
    completed_on = project.completed_on if project.status == "completed" else None
    return funding_rules.milestones_reached(
        started_on=project.started_on,
        agreement_signed_on=signed,
        current_step=steps_of([project])[project.pk],
        completed_on=completed_on,
        reviews_held=held,
        today=today,
    )


@transaction.atomic
def release_milestone_payments(*, project: Any, today: date | None = None) -> list[Payment]:
    """Put on the ledger, due, each part of the first-project payment whose milestone the project has
    reached and that is not on the ledger yet. Safe to call as often as anything changes."""
    funding = ProjectFunding.objects.filter(project=project, route=FundingRoute.ENHANCED_SERVICE).first()
    if funding is None or not funding.payment_plan:
        return []
    on_ledger = set(
        Payment.objects.filter(project=project, route=FundingRoute.ENHANCED_SERVICE).values_list(
            "milestone", flat=True
        )
    )
    waiting = [(label, amount) for label, amount in funding.payment_plan if label not in on_ledger]
    if not waiting:
        return []
    enrolment = Enrolment.objects.filter(
        programme_id=project.programme_id, practice_id=project.practice_id
    ).first()
    if enrolment is None:
        return []
    reached = milestone_dates(project, today or timezone.localdate())
    made = []
    for label, amount in waiting:
        event = funding_rules.milestone_event(label) or funding_rules.STARTED
        if event in reached:
            made.append(
                Payment.objects.create(
                    programme_id=project.programme_id,
                    enrolment=enrolment,
                    project=project,
                    route=FundingRoute.ENHANCED_SERVICE,
                    milestone=label,
                    amount=Decimal(amount),
                    due_on=reached[event],
                )
            )
    return made


def release_for_enrolment(enrolment: Enrolment) -> None:
    """After the practice's agreement is signed: its first project's agreement milestone falls due."""
    from microsystems.projects.models import Project

    for project in Project.objects.filter(
        programme_id=enrolment.programme_id,
        practice_id=enrolment.practice_id,
        funding__route=FundingRoute.ENHANCED_SERVICE,
    ):
        release_milestone_payments(project=project)


@transaction.atomic
def apply_for_funding(
    *, project: Any, by: Any, reasons: str, requested_amount: Decimal, expected_benefits: str = ""
) -> FundingApplication:
    """A practice applies for funding for its second project (or applies again after a rejection)."""
    funding = ProjectFunding.objects.filter(project=project).first()
    if funding is None or funding.route != FundingRoute.APPLICATION:
        raise ValidationError("Only a practice's second project is funded by application")
    if not reasons.strip():
        raise ValidationError({"reasons": "Say why the practice asks for funding"})
    if requested_amount is None or requested_amount <= 0:
        raise ValidationError({"requested_amount": "Enter an amount more than £0"})
    application = FundingApplication.objects.filter(project=project).first()
    if application and application.status == ApplicationStatus.APPROVED:
        raise ValidationError("The application has already been approved")
    if application is None:
        application = FundingApplication(project=project)
    application.reasons = reasons.strip()
    application.expected_benefits = expected_benefits.strip()
    application.requested_amount = requested_amount
    application.status = ApplicationStatus.SUBMITTED
    application.submitted_by = by
    application.submitted_on = timezone.localdate()
    application.decided_by, application.decided_on, application.decision_reason = None, None, ""
    application.save()
    return application


@transaction.atomic
def decide_funding_application(
    *, application: FundingApplication, approve: bool, reason: str, by: Any, on: date | None = None
) -> FundingApplication:
    """The programme lead approves or rejects, always with a reason; approval puts a payment on the
    ledger."""
    if application.status != ApplicationStatus.SUBMITTED:
        raise ValidationError("The application has already been decided")
    if not reason.strip():
        raise ValidationError({"reason": "Give the reason for your decision; the practice will see it"})
    on = on or timezone.localdate()
    application.status = ApplicationStatus.APPROVED if approve else ApplicationStatus.REJECTED
    application.decision_reason = reason.strip()
    application.decided_by = by
    application.decided_on = on
    application.save()
    if approve:
        project = application.project
        enrolment = Enrolment.objects.get(programme_id=project.programme_id, practice_id=project.practice_id)
        Payment.objects.create(
            programme_id=project.programme_id,
            enrolment=enrolment,
            project=project,
            route=FundingRoute.APPLICATION,
            milestone="Approved funding application",
            amount=application.requested_amount,
            due_on=on,
        )
    return application


NEXT_STATE = {PaymentState.DUE: PaymentState.APPROVED, PaymentState.APPROVED: PaymentState.PAID}


@transaction.atomic
def advance_payment(
    *, payment: Payment, to: str, by: Any, on: date | None = None, finance_reference: str = ""
) -> Payment:
    """Due → approved → paid, one step at a time, with who and when."""
    on = on or timezone.localdate()
    payment = Payment.objects.select_for_update().get(pk=payment.pk)
    if NEXT_STATE.get(PaymentState(payment.state)) != to:
        raise ValidationError(
            f"A payment that is {payment.get_state_display().lower()} "
            f"cannot be marked {PaymentState(to).label.lower()}"
        )
    if to == PaymentState.APPROVED:
        payment.approved_on, payment.approved_by = on, by
    else:
        payment.paid_on, payment.paid_by = on, by
        payment.finance_reference = finance_reference.strip()
    payment.state = to
    payment.save()
    return payment
