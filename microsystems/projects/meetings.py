"""Meeting rules, in plain Python: when the sessions fall, who takes which role, and the agenda's shape.

The meeting roles rotate so that the work is shared and nobody spends the meeting deciding who keeps
time; the agenda keeps the same seven-step shape every time."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

ROLES = ("leader", "facilitator", "timekeeper", "recorder")

ROLE_CARDS = {
    "leader": "Goes through the roles and the agenda, takes one item at a time, leads the review at the end.",
    "facilitator": "Draws everyone in, notices when the talk drifts from the agenda or the ground rules.",
    "timekeeper": "Watches the clock, warns at half time and with a minute left, and calls time.",
    "recorder": "Notes decisions, actions and parked ideas, and reads them back before the end.",
}

INTERVALS = {"weekly": timedelta(weeks=1), "fortnightly": timedelta(weeks=2), "half_day": timedelta(weeks=4)}
LENGTHS = {"weekly": 60, "fortnightly": 60, "half_day": 210}


def schedule(first: datetime, count: int, frequency: str) -> list[datetime]:
    """`count` session start times from `first`, at the frequency's interval."""
    if count < 1:
        return []
    interval = INTERVALS[frequency]
    return [first + interval * i for i in range(count)]


def rotate_roles[T](members: Sequence[T], meeting_number: int) -> dict[str, T | None]:
    """Who takes each role at meeting `meeting_number` (1-based): the roles move one place along the
    team each time, so with four or more members everyone takes every role in turn and nobody holds two
    roles in one meeting. A smaller team doubles up, but the leader never records."""
    if not members:
        return dict.fromkeys(ROLES)
    shift = meeting_number - 1
    by_priority = ("leader", "recorder", "timekeeper", "facilitator")
    chosen = {role: members[(shift + i) % len(members)] for i, role in enumerate(by_priority)}
    return {role: chosen[role] for role in ROLES}


@dataclass(frozen=True)
class AgendaLine:
    step: int
    title: str
    minutes: int
    outcome: str  # inform, discuss or decide


def seven_step_agenda(total_minutes: int, main_item: str = "Work on this session's tool") -> list[AgendaLine]:
    """The seven steps with time boxes that add up to the meeting's length: the fixed steps are short,
    and the work in step 4 gets whatever is left (at least ten minutes)."""
    fixed = [
        AgendaLine(1, "Agree the aim of this meeting", 2, "inform"),
        AgendaLine(2, "Confirm the roles", 1, "inform"),
        AgendaLine(3, "Review the agenda and the time for each item", 2, "decide"),
        AgendaLine(4, "Review actions from last time", 5, "discuss"),
        AgendaLine(5, "Read back the actions and decisions captured", 4, "decide"),
        AgendaLine(6, "Set the next agenda", 3, "decide"),
        AgendaLine(7, "Score the meeting out of 10", 3, "discuss"),
    ]
    used = sum(line.minutes for line in fixed)
    work = max(10, total_minutes - used)
    return [*fixed[:4], AgendaLine(4, main_item, work, "discuss"), *fixed[4:]]


@dataclass(frozen=True)
class ScoreTrend:
    """How the team rates its meetings over time (each meeting scored out of 10 at its end)."""

    points: list[tuple[int, int]]  # (meeting number, score), in meeting order
    average: float | None
    recent: float | None  # the average of the last three scored meetings
    earlier: float | None  # the average of those before them
    sentence: str


RECENT = 3


def score_trend(scores: Sequence[tuple[int, int | None]]) -> ScoreTrend:
    """The scores of the meetings scored so far, their average, and whether the last three are better
    or worse than those before them (a change under half a point counts as steady)."""
    points = [(number, score) for number, score in sorted(scores) if score is not None]
    if not points:
        return ScoreTrend([], None, None, None, "No meeting has been scored yet.")
    values = [score for _, score in points]
    average = round(sum(values) / len(values), 1)
    sentence = (
        f"Average {average:g} out of 10 over {len(values)} {'meeting' if len(values) == 1 else 'meetings'}."
    )
    recent = earlier = None
    if len(values) > RECENT:
        recent = round(sum(values[-RECENT:]) / RECENT, 1)
        before = values[:-RECENT]
        earlier = round(sum(before) / len(before), 1)
        if recent - earlier >= 0.5:
            sentence += f" The last three average {recent:g}, up from {earlier:g}."
        elif earlier - recent >= 0.5:
            sentence += f" The last three average {recent:g}, down from {earlier:g}: ask what to change."
        else:
            sentence += f" The last three average {recent:g}, about the same as before."
    return ScoreTrend(points, average, recent, earlier, sentence)


@dataclass(frozen=True)
class ChartPoint:
    number: int
    score: int
    x: float
    y: float


def score_chart(points: Sequence[tuple[int, int]], width: int = 480, height: int = 160) -> list[ChartPoint]:
    """Where each (meeting, score) sits on a chart `width` by `height` with 0 to 10 up the side and
    room at the left and bottom for the axis labels."""
    left, bottom, top, right = 32, 24, 8, 16
    span = max(1, len(points) - 1)
    inner_w, inner_h = width - left - right, height - top - bottom
    return [
        ChartPoint(number, score, left + inner_w * i / span, top + inner_h * (1 - score / 10))
        for i, (number, score) in enumerate(points)
    ]
