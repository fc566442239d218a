"""The states a practice moves through in a programme, and why practices leave."""

from django.db import models


class EngagementState(models.TextChoices):
    INVITED = "invited", "Invited"
    INTERESTED = "interested", "Interested"
    READINESS_CHECKED = "readiness_checked", "Readiness checked"
    AGREEMENT_SIGNED = "agreement_signed", "Agreement signed"
    PROJECT_ACTIVE = "project_active", "Project active"
    PROJECT_COMPLETED = "project_completed", "Project completed"
    FOLLOWED_UP_6_MONTHS = "followed_up_6", "Followed up at 6 months"
    FOLLOWED_UP_12_MONTHS = "followed_up_12", "Followed up at 12 months"
    DECLINED = "declined", "Declined"
    WITHDREW = "withdrew", "Withdrew"

    @property
    def has_left(self) -> bool:
        return self in (EngagementState.DECLINED, EngagementState.WITHDREW)

    @property
    def tag_colour(self) -> str:
        """The NHS.UK tag colour that shows this state on a page."""
        return ENGAGEMENT_TAG_COLOURS[self]


ENGAGEMENT_TAG_COLOURS = {
    EngagementState.INVITED: "grey",
    EngagementState.INTERESTED: "aqua-green",
    EngagementState.READINESS_CHECKED: "aqua-green",
    EngagementState.AGREEMENT_SIGNED: "blue",
    EngagementState.PROJECT_ACTIVE: "blue",
    EngagementState.PROJECT_COMPLETED: "green",
    EngagementState.FOLLOWED_UP_6_MONTHS: "green",
    EngagementState.FOLLOWED_UP_12_MONTHS: "green",
    EngagementState.DECLINED: "orange",
    EngagementState.WITHDREW: "red",
}


class ExitReason(models.TextChoices):
    """Why a practice declined or withdrew, coded as the evaluations found them."""

    TIME = "time", "Not enough time"
    STAFFING = "staffing", "Staffing pressures or turnover"
    COMPETING_PRIORITIES = "competing_priorities", "Competing priorities"
    FELT_IMPOSED = "felt_imposed", "Felt imposed from outside"
    TOO_SLOW_OR_THEORETICAL = "too_slow", "Too slow or too theoretical"
    TEAM_DISCORD = "team_discord", "Team discord"
    FUNDING = "funding", "Funding"
    OTHER = "other", "Other"


class AdopterCategory(models.TextChoices):
    """Rogers' categories of adopters of an innovation, as the programme lead judges the practice."""

    INNOVATOR = "innovator", "Innovator"
    EARLY_ADOPTER = "early_adopter", "Early adopter"
    EARLY_MAJORITY = "early_majority", "Early majority"
    LATE_MAJORITY = "late_majority", "Late majority"
    LAGGARD = "laggard", "Laggard"


# The way through a programme, in order; declining and withdrawing leave it.
JOURNEY = (
    EngagementState.INVITED,
    EngagementState.INTERESTED,
    EngagementState.READINESS_CHECKED,
    EngagementState.AGREEMENT_SIGNED,
    EngagementState.PROJECT_ACTIVE,
    EngagementState.PROJECT_COMPLETED,
    EngagementState.FOLLOWED_UP_6_MONTHS,
    EngagementState.FOLLOWED_UP_12_MONTHS,
)
# A practice that "declined" never took up the offer; one that "withdrew" had begun.
MAY_DECLINE_FROM = frozenset(JOURNEY[:3])
MAY_WITHDRAW_FROM = frozenset(JOURNEY[1:5])
# States from which the practice counts as having joined (for the adoption curve).
JOINED = frozenset(JOURNEY[1:])


def allowed_next_states(current: str) -> list[EngagementState]:
    """Where the programme lead may move a practice from `current`. Forward along the journey (a step may
    be skipped: a practice can sign straight after saying yes), back one step to correct a mistake, out
    (declined before starting, withdrew after), and back in at "invited" or "interested" after leaving."""
    state = EngagementState(current)
    if state.has_left:
        return [EngagementState.INVITED, EngagementState.INTERESTED]
    index = JOURNEY.index(state)
    allowed = list(JOURNEY[index + 1 :])
    if index > 0:
        allowed.insert(0, JOURNEY[index - 1])
    if state in MAY_DECLINE_FROM:
        allowed.append(EngagementState.DECLINED)
    if state in MAY_WITHDRAW_FROM:
        allowed.append(EngagementState.WITHDREW)
    return allowed


# The exit questions of the evaluation's topic guides (seed 001, Appendix 2), asked of a practice that
# declines or withdraws, so the programme learns what would have helped.
DECLINE_QUESTIONS = (
    ("needs_not_met", "What needs of the practice did the programme not seem able to meet?"),
    ("information", "Was the information the practice received about the programme enough to decide?"),
    ("staff_concerns", "Did particular staff voice concerns? What were their reasons?"),
    ("would_have_encouraged", "What would have encouraged the practice to take part?"),
    ("payment_influence", "Did the enhanced service payment influence the decision?"),
)
WITHDRAW_QUESTIONS = (
    ("expectations", "What did the practice expect, and in what way were its expectations not met?"),
    ("issues", "What issues led to withdrawing? Did any staff voice concerns?"),
    ("discussed_with_coach", "Were the concerns discussed with the coach, and how were they addressed?"),
    ("would_have_helped", "What would have encouraged the practice to carry on?"),
    ("payment_influence", "Did the enhanced service payment influence joining or withdrawing?"),
    ("improvements", "What could change in the programme to make it useful for the practice?"),
)


def exit_questions(state: str) -> tuple[tuple[str, str], ...]:
    if state == EngagementState.DECLINED:
        return DECLINE_QUESTIONS
    if state == EngagementState.WITHDREW:
        return WITHDRAW_QUESTIONS
    return ()
