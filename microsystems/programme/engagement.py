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
