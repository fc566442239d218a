"""The programme's models, by part: the programme and its practices and coaches (core), what coaches do
(coaching), the coaching agreement, funding and payments, and follow-up reviews."""

from .agreements import AgreementSignature, CoachingAgreement, MeetingPattern, SignatoryPart
from .coaching import CoachHours, CoachNote, CoachTraining, HoursKind, ReadinessCheck, TrainingKind
from .core import Coach, CoachAssignment, CoachExperience, EngagementEvent, Enrolment, Programme
from .followups import (
    ChangeInPlace,
    ChartSays,
    DigestSent,
    Embedding,
    FollowUpReview,
    MeasureCollected,
    ProjectHealth,
    ReminderSent,
    ReviewKind,
    SlipReason,
    SustainabilityRating,
)
from .funding import (
    APPLICATION_TAG_COLOURS,
    PAYMENT_TAG_COLOURS,
    ApplicationStatus,
    FundingApplication,
    FundingRoute,
    Payment,
    PaymentState,
    ProjectFunding,
)

__all__ = [
    "APPLICATION_TAG_COLOURS",
    "PAYMENT_TAG_COLOURS",
    "AgreementSignature",
    "ApplicationStatus",
    "ChangeInPlace",
    "ChartSays",
    "Coach",
    "CoachAssignment",
    "CoachExperience",
    "CoachHours",
    "CoachNote",
    "CoachTraining",
    "CoachingAgreement",
    "DigestSent",
    "Embedding",
    "EngagementEvent",
    "Enrolment",
    "FollowUpReview",
    "FundingApplication",
    "FundingRoute",
    "HoursKind",
    "MeasureCollected",
    "MeetingPattern",
    "Payment",
    "PaymentState",
    "Programme",
    "ProjectFunding",
    "ProjectHealth",
    "ReadinessCheck",
    "ReminderSent",
    "ReviewKind",
    "SignatoryPart",
    "SlipReason",
    "SustainabilityRating",
    "TrainingKind",
]
