"""The self-assessment against ten characteristics of strong teams, and how the answers are pooled.

Plain Python. Each person rates each characteristic at one of three levels, or says they cannot rate
it; the ratings are kept without names and shown only when enough people have answered for nobody's
answer to be picked out."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

CANT_RATE = 0
LEVELS = (1, 2, 3)
MINIMUM_RETURNS = 3  # pooled results show once this many people have answered


@dataclass(frozen=True)
class Characteristic:
    number: int
    name: str
    meaning: str
    levels: tuple[str, str, str]


CHARACTERISTICS = (
    Characteristic(
        1,
        "Leadership",
        "Keeps the purpose clear, sets goals and builds a good culture.",
        (
            "Leaders tell us how to work and leave little room for ideas",
            "Leaders try, but targets crowd out support for staff",
            "Leaders keep purpose and goals clear, and make time to reflect and act",
        ),
    ),
    Characteristic(
        2,
        "Support from the wider system",
        "The network, commissioner or partnership helps.",
        (
            "We get little recognition, information or resources",
            "Support comes and goes",
            "We get the information and resources that make our work easier",
        ),
    ),
    Characteristic(
        3,
        "Staff focus",
        "Recruiting, training and keeping staff; roles that fit skills.",
        (
            "I do not feel valued as a member of the team",
            "I feel valued, but training and workload are not well supported",
            "I am valued, and it shows in staffing, training and development",
        ),
    ),
    Characteristic(
        4,
        "Education and training",
        "Everyone is expected to learn and is helped to.",
        (
            "Training is occasional, or kept within each profession",
            "Training happens but is not planned around the team's needs",
            "Learning is planned, shared across roles and expected of all",
        ),
    ),
    Characteristic(
        5,
        "Working as one team",
        "Trust, respect for each other's roles, a shared purpose.",
        (
            "People work alone; roles are not understood",
            "Some joint working, mostly within professions",
            "Every role is respected and we rely on each other",
        ),
    ),
    Characteristic(
        6,
        "Patient focus",
        "Meeting patients' needs, smoothly, linked to local services.",
        (
            "Getting tasks done comes before what patients need",
            "We try to meet needs but the service is not smooth",
            "We plan around patients and link them to community services",
        ),
    ),
    Characteristic(
        7,
        "Community focus",
        "Working with local groups and services for the population.",
        (
            "We have little contact with local groups",
            "We have contacts, used now and then",
            "We work with community groups and services as partners",
        ),
    ),
    Characteristic(
        8,
        "Results",
        "Outcomes measured, shared with the team and acted on.",
        (
            "We rarely see data about our results",
            "Data is collected but seldom shared or used",
            "We measure, share results and change things because of them",
        ),
    ),
    Characteristic(
        9,
        "Improving how we work",
        "Testing, measuring and redesigning as part of the job.",
        (
            "Problems are worked around, not fixed",
            "Some improvement, but not systematic",
            "Improvement is part of everyday work, with tests and measures",
        ),
    ),
    Characteristic(
        10,
        "Information and IT",
        "The right information reaches the right person in time.",
        (
            "Information is hard to find or arrives late",
            "Systems help in places but have gaps",
            "Everyone gets the right information at the right time",
        ),
    ),
)


@dataclass(frozen=True)
class Pooled:
    characteristic: Characteristic
    counts: tuple[int, int, int]  # people at levels 1, 2 and 3
    cant_rate: int
    mean: float | None  # of those who rated

    @property
    def rated(self) -> int:
        return sum(self.counts)


def pool(ratings: Iterable[tuple[int, int]]) -> list[Pooled]:
    """(characteristic, level) pairs pooled per characteristic, in order."""
    counts: dict[int, list[int]] = {c.number: [0, 0, 0, 0] for c in CHARACTERISTICS}
    for characteristic, level in ratings:
        if characteristic in counts and 0 <= level <= 3:
            counts[characteristic][level] += 1
    pooled = []
    for c in CHARACTERISTICS:
        cant, one, two, three = counts[c.number]
        rated = one + two + three
        mean = round((one + 2 * two + 3 * three) / rated, 1) if rated else None
        pooled.append(Pooled(c, (one, two, three), cant, mean))
    return pooled


def change(before: Mapping[int, float | None], after: Mapping[int, float | None]) -> dict[int, float | None]:
    """The change in each characteristic's mean between two rounds (None where either has no rating)."""
    result: dict[int, float | None] = {}
    for number, now in after.items():
        then = before.get(number)
        result[number] = round(now - then, 1) if now is not None and then is not None else None
    return result
