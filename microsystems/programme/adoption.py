"""Rogers' adopter categories, suggested from when each practice joined the programme relative to the
others. Pure logic: no Django.

Rogers divides adopters by when they take up an innovation: the first 2.5% are innovators, the next 13.5%
early adopters, then 34% early majority, 34% late majority and the last 16% laggards (seed 004 L170). A
practice's place is its rank by joining date among every practice the programme invited, so practices that
have not joined yet count as later than all that have."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

# (category, cumulative share of all practices by the end of the category)
CATEGORY_BOUNDS = (
    ("innovator", 0.025),
    ("early_adopter", 0.16),
    ("early_majority", 0.50),
    ("late_majority", 0.84),
    ("laggard", 1.0),
)


@dataclass(frozen=True)
class Suggestion:
    category: str
    rank: int  # 1 = joined first
    of: int  # practices in the programme

    @property
    def reason(self) -> str:
        return f"Joined {ordinal(self.rank)} of the {self.of} practices the programme has invited."


def suggest_categories(joined: Mapping[int, date | None]) -> dict[int, Suggestion]:
    """For each practice (by key) that has joined, its suggested category. `joined` maps every practice
    in the programme to the date it joined, or None if it has not. Ties share the earlier rank."""
    total = len(joined)
    dated = sorted((when, key) for key, when in joined.items() if when is not None)
    result: dict[int, Suggestion] = {}
    rank = 0
    previous: date | None = None
    for position, (when, key) in enumerate(dated, start=1):
        if when != previous:
            rank = position
            previous = when
        result[key] = Suggestion(category_for(rank, total), rank, total)
    return result


def category_for(rank: int, total: int) -> str:
    """The category of the practice that joined `rank`-th of `total`: the one whose band holds the middle
    of its share of the curve."""
    if total <= 0 or not 1 <= rank <= total:
        raise ValueError(f"rank {rank} is not between 1 and {total}")
    middle = (rank - 0.5) / total
    for category, bound in CATEGORY_BOUNDS:
        if middle <= bound:
            return category
    return CATEGORY_BOUNDS[-1][0]


def first_joined(events: Iterable[tuple[str, date]], joined_states: frozenset[str]) -> date | None:
    """The date of the first event that shows the practice joined."""
    dates = [on for state, on in events if state in joined_states]
    return min(dates) if dates else None


def ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"
