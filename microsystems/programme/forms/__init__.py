"""The programme's forms, by part. Each field's label, hint and error messages are written for the page;
the `field` macro in components/forms.jinja renders them as NHS.UK components."""

from .agreements import (
    AgreementForm,
    DecisionForm,
    FundingApplicationForm,
    PaymentForm,
    ProgrammeSettingsForm,
    SignatureForm,
    people_choices,
    staff_of,
)
from .coaching import AddCoachForm, CoachForm, CoachNoteForm, HoursForm, MatchForm, ReplyForm, TrainingForm
from .engagement import AdopterForm, EngagementForm, ReadinessForm, RecruitForm, WithdrawForm
from .followups import CompleteForm, ReviewForm

__all__ = [
    "AddCoachForm",
    "AdopterForm",
    "AgreementForm",
    "CoachForm",
    "CoachNoteForm",
    "CompleteForm",
    "DecisionForm",
    "EngagementForm",
    "FundingApplicationForm",
    "HoursForm",
    "MatchForm",
    "PaymentForm",
    "ProgrammeSettingsForm",
    "ReadinessForm",
    "RecruitForm",
    "ReplyForm",
    "ReviewForm",
    "SignatureForm",
    "TrainingForm",
    "WithdrawForm",
    "people_choices",
    "staff_of",
]
