"""Every write that touches several of the programme's models: keyword-only arguments, an explicit actor
(`by=`), one transaction, history written in the same transaction, email sent once it commits."""

from .agreements import sign_agreement, write_agreement
from .coaching import add_coach, end_assignment, log_hours, match_coach, post_note, record_training
from .engagement import (
    advance_to,
    change_engagement,
    record_readiness,
    recruit_practice,
    set_adopter_category,
    withdraw_practice,
)
from .followups import complete_project, record_review, schedule_follow_ups
from .funding import (
    advance_payment,
    apply_for_funding,
    decide_funding_application,
    release_milestone_payments,
    start_project_funding,
)

__all__ = [
    "add_coach",
    "advance_payment",
    "advance_to",
    "apply_for_funding",
    "change_engagement",
    "complete_project",
    "decide_funding_application",
    "end_assignment",
    "log_hours",
    "match_coach",
    "post_note",
    "record_readiness",
    "record_review",
    "record_training",
    "recruit_practice",
    "release_milestone_payments",
    "schedule_follow_ups",
    "set_adopter_category",
    "sign_agreement",
    "start_project_funding",
    "withdraw_practice",
    "write_agreement",
]
