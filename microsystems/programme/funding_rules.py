"""The programme's funding rule. Pure logic: no Django.

The evaluation recommended that practices "automatically receive enhanced service payment for the first
project" (seed 001 rec 8), that a second project be supported by "a funding application" (rec 9), and that
"subsequent projects should be self-funded so that the approach becomes embedded" (rec 10)."""

from collections.abc import Mapping, Sequence
from datetime import date
from decimal import ROUND_DOWN, Decimal

ENHANCED_SERVICE = "enhanced_service"
APPLICATION = "application"
SELF_FUNDED = "self_funded"
PENNY = Decimal("0.01")


def route_for(position: int) -> str:
    """How the practice's `position`-th project in the programme is funded."""
    if position < 1:
        raise ValueError("a project's position starts at 1")
    if position == 1:
        return ENHANCED_SERVICE
    if position == 2:
        return APPLICATION
    return SELF_FUNDED


def explain(route: str) -> str:
    return {
        ENHANCED_SERVICE: "The practice's first project earns the enhanced service payment automatically.",
        APPLICATION: "A second project may be funded if the practice applies and the programme lead "
        "approves the application.",
        SELF_FUNDED: "Third and later projects are self-funded, so that the approach becomes part of "
        "how the practice works.",
    }[route]


def validate_milestones(milestones: Sequence[Sequence[object]]) -> list[tuple[str, Decimal]]:
    """A programme's milestones as (label, percentage) pairs, checked: labels unique and not blank,
    percentages positive and adding up to 100. Raises ValueError saying what is wrong."""
    checked: list[tuple[str, Decimal]] = []
    for item in milestones:
        if len(item) != 2:
            raise ValueError("Each milestone needs a name and a percentage.")
        label, share = str(item[0]).strip(), Decimal(str(item[1]))
        if not label:
            raise ValueError("Each milestone needs a name.")
        if share <= 0:
            raise ValueError(f"The share for “{label}” must be more than 0%.")
        checked.append((label, share))
    labels = [label for label, _ in checked]
    if len(set(labels)) != len(labels):
        raise ValueError("Milestone names must be different from each other.")
    if checked and sum(share for _, share in checked) != 100:
        raise ValueError("The milestones' percentages must add up to 100%.")
    return checked


def split(amount: Decimal, milestones: Sequence[Sequence[object]]) -> list[tuple[str, Decimal]]:
    """The payment for each milestone. Pennies lost to rounding go to the last milestone, so the parts
    always add up to the whole. No milestones: one payment, labelled ""."""
    checked = validate_milestones(milestones)
    if not checked:
        return [("", amount)]
    parts = [(label, (amount * share / 100).quantize(PENNY, rounding=ROUND_DOWN)) for label, share in checked]
    remainder = amount - sum(part for _, part in parts)
    label, last = parts[-1]
    parts[-1] = (label, last + remainder)
    return parts


# The events a milestone of the first-project payment can wait for: the payment for a milestone becomes
# due when its project reaches it, not when the project starts.
STARTED, AGREEMENT_SIGNED, COMPLETED = "started", "agreement_signed", "completed"
REVIEW_6, REVIEW_12 = "review_6", "review_12"
MILESTONE_EVENTS: dict[str, str] = {
    STARTED: "Project started",
    AGREEMENT_SIGNED: "Agreement signed",
    "step_2": "Step 2 reached",
    "step_3": "Step 3 reached",
    "step_4": "Step 4 reached",
    "step_5": "Step 5 reached",
    COMPLETED: "Project completed",
    REVIEW_6: "6-month review held",
    REVIEW_12: "12-month review held",
}
_BY_LABEL = {label.casefold(): event for event, label in MILESTONE_EVENTS.items()}


def milestone_event(label: str) -> str | None:
    """The event a milestone named `label` waits for (case does not matter); None for a name the app
    does not know. The unnamed single payment ("") is due when the project starts."""
    if not label.strip():
        return STARTED
    return _BY_LABEL.get(" ".join(label.split()).casefold())


def canonical_label(label: str) -> str:
    event = milestone_event(label)
    return MILESTONE_EVENTS[event] if event and label.strip() else label


def step_reached(step: int, current_step: int | None, completed: bool) -> bool:
    """Whether a project is at step `step` or beyond: its current step (None when every tool is settled)."""
    return completed or current_step is None or current_step >= step


def milestones_reached(
    *,
    started_on: date,
    agreement_signed_on: date | None,
    current_step: int | None,
    completed_on: date | None,
    reviews_held: Mapping[str, date],
    today: date,
) -> dict[str, date]:
    """Each milestone event the project has reached, with the day it became due: a milestone reached
    before the project started is due on its start (an agreement is usually signed first)."""
    reached = {STARTED: started_on}
    if agreement_signed_on:
        reached[AGREEMENT_SIGNED] = max(agreement_signed_on, started_on)
    for step in (2, 3, 4, 5):
        if step_reached(step, current_step, completed_on is not None):
            reached[f"step_{step}"] = min(today, completed_on) if completed_on else today
    if completed_on:
        reached[COMPLETED] = completed_on
    for event, kind in ((REVIEW_6, "six_months"), (REVIEW_12, "twelve_months")):
        if kind in reviews_held:
            reached[event] = reviews_held[kind]
    return reached
