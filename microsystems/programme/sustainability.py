"""The NHS Sustainability Model's ten factors, rated at the 6- and 12-month reviews. Pure logic.

Factor names and the maximum weights that are published come from shared/toolkit/FOLLOWUP_INSTRUMENTS.md
§1.2 (Maher, Gustafson & Evans, NHS Institute, 2010; weights from MacDonald et al. 2021, Table 5). The
questions are in our own words. The model's total (out of 100) is the sum of a weight for each factor's
chosen level; the full table of level weights is not available to us, and two factors' maximum weights are
unpublished, so **no total is computed**: teams see each factor's level and how it changed. Nothing here
invents a weight."""

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Factor:
    number: int
    domain: str
    name: str
    question: str
    max_weight: Decimal | None  # as published; None where it is not


FACTORS = (
    Factor(1, "Process", "Benefits beyond helping patients",
           "Does the change also make staff's daily work easier or less wasteful?", Decimal("8.5")),
    Factor(2, "Process", "Credibility of the benefits",
           "Are the gains visible, believed and explainable by all, backed by evidence?", Decimal("9.1")),
    Factor(3, "Process", "Adaptability of the improved process",
           "Can the new way survive pressures and keep working when the people who started it leave?",
           Decimal("7.0")),
    Factor(4, "Process", "Effectiveness of the system to monitor progress",
           "Is the change still measured, with the results fed back and shared?", Decimal("6.5")),
    Factor(5, "Staff", "Staff involvement and training to sustain the process",
           "Did staff help design it, and are they and newcomers trained to keep it going?", Decimal("11.4")),
    Factor(6, "Staff", "Staff behaviours toward sustaining the change",
           "Are staff ideas used, and do staff believe this is the better way to keep?", Decimal("11.0")),
    Factor(7, "Staff", "Senior leadership engagement",
           "Do respected senior leaders visibly back it and give it their time?", Decimal("15.0")),
    Factor(8, "Staff", "Clinical leadership engagement",
           "Do respected clinical leaders visibly back it and give it their time?", None),
    Factor(9, "Organisation", "Fit with the organisation's strategic aims and culture",
           "Does it serve the practice's goals, and have similar changes lasted here?", None),
    Factor(10, "Organisation", "Infrastructure for sustainability",
           "Are staffing, facilities, policies and equipment in place to keep it going?", Decimal("9.5")),
)  # fmt: skip
FACTOR_NUMBERS = tuple(f.number for f in FACTORS)

# The levels a team chooses for each factor, in our own words, strongest first. They are an ordinal scale
# for comparing one review with the next, not the model's weighted levels.
LEVELS = ((4, "Fully in place"), (3, "Mostly in place"), (2, "Partly in place"), (1, "Not in place"))
LEVEL_LABELS = dict(LEVELS)
LOWEST = 1

NO_TOTAL_REASON = (
    "A total score cannot be computed: the Sustainability Model's weight for each level has not been "
    "published in a form we can check, and the maximum weights of factors 8 and 9 are unknown. Each "
    "factor's level is shown instead."
)


@dataclass(frozen=True)
class FactorComparison:
    factor: Factor
    earlier: int | None
    later: int | None

    @property
    def change(self) -> str:
        if self.earlier is None or self.later is None:
            return "not rated at both reviews" if (self.earlier or self.later) else "not rated"
        if self.later > self.earlier:
            return "stronger"
        if self.later < self.earlier:
            return "weaker"
        return "no change"


def validate(ratings: Mapping[int, int]) -> None:
    for factor, level in ratings.items():
        if factor not in FACTOR_NUMBERS:
            raise ValueError(f"There is no factor {factor}.")
        if level not in LEVEL_LABELS:
            raise ValueError(f"Level {level} is not one of the levels.")


def compare(earlier: Mapping[int, int], later: Mapping[int, int]) -> list[FactorComparison]:
    return [FactorComparison(f, earlier.get(f.number), later.get(f.number)) for f in FACTORS]


def warnings(earlier: Mapping[int, int], later: Mapping[int, int]) -> list[str]:
    """The Sustainability Model warnings we can compute without weights (FOLLOWUP_INSTRUMENTS.md W11):
    any factor at its lowest level, and factors that got weaker since the last review."""
    found = []
    by_number = {f.number: f for f in FACTORS}
    lowest = [by_number[n].name for n, level in sorted(later.items()) if level == LOWEST]
    if lowest:
        found.append("At the lowest level: " + "; ".join(lowest) + ".")
    weaker = [c.factor.name for c in compare(earlier, later) if c.change == "weaker"]
    if weaker:
        found.append("Weaker than at the last review: " + "; ".join(weaker) + ".")
    return found
