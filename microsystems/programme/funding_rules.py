"""The programme's funding rule. Pure logic: no Django.

The evaluation recommended that practices "automatically receive enhanced service payment for the first
project" (seed 001 rec 8), that a second project be supported by "a funding application" (rec 9), and that
"subsequent projects should be self-funded so that the approach becomes embedded" (rec 10)."""

from collections.abc import Sequence
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
