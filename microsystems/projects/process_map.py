"""A process map (flowchart) laid out in plain Python for an SVG drawing, and the facts it shows.

Steps run top to bottom; each role has its own lane (a swim-lane), so every hand-off from one role to
another is a sideways arrow. A decision's "no" branch loops back to an earlier step (rework); a wait is
drawn as its own shape with its length, so the waits stand out."""

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

LANE_WIDTH = 220
ROW_HEIGHT = 90
TOP = 70  # room for the lane titles and the start terminal
SHAPE_WIDTH = 180
SHAPE_HEIGHT = 50
LOOP_ROOM = 60


@dataclass(frozen=True)
class StepIn:
    kind: str  # "step", "decision" or "wait"
    text: str
    role: str
    minutes: int | None = None
    loops_to: int | None = None  # for a decision: the (1-based) step the "no" branch goes back to


@dataclass(frozen=True)
class Shape:
    number: int
    kind: str
    text: str
    role: str
    minutes: int | None
    x: float  # centre
    y: float  # centre
    points: str  # for the decision's diamond


@dataclass(frozen=True)
class Arrow:
    points: str
    label: str
    label_x: float
    label_y: float


@dataclass(frozen=True)
class Lane:
    role: str
    x: float
    width: float


@dataclass(frozen=True)
class MapLayout:
    width: float
    height: float
    lanes: tuple[Lane, ...]
    shapes: tuple[Shape, ...]
    arrows: tuple[Arrow, ...]
    start: tuple[float, float]
    end: tuple[float, float]


@dataclass(frozen=True)
class MapFacts:
    steps: int
    hand_offs: int
    decisions: int
    rework_loops: int
    waits: int
    minutes_waiting: int
    minutes_working: int


def facts(steps: Sequence[StepIn]) -> MapFacts:
    hand_offs = sum(1 for before, after in pairwise(steps) if before.role != after.role)
    return MapFacts(
        steps=len(steps),
        hand_offs=hand_offs,
        decisions=sum(1 for s in steps if s.kind == "decision"),
        rework_loops=sum(1 for s in steps if s.kind == "decision" and s.loops_to),
        waits=sum(1 for s in steps if s.kind == "wait"),
        minutes_waiting=sum(s.minutes or 0 for s in steps if s.kind == "wait"),
        minutes_working=sum(s.minutes or 0 for s in steps if s.kind != "wait"),
    )


def layout(steps: Sequence[StepIn]) -> MapLayout:
    roles: list[str] = []
    for step in steps:
        if step.role not in roles:
            roles.append(step.role)
    roles = roles or ["Team"]
    lanes = tuple(Lane(role, i * LANE_WIDTH, LANE_WIDTH) for i, role in enumerate(roles))
    centre = {role: i * LANE_WIDTH + LANE_WIDTH / 2 for i, role in enumerate(roles)}
    shapes = []
    for number, step in enumerate(steps, start=1):
        x, y = centre[step.role], TOP + ROW_HEIGHT * number
        half_w, half_h = SHAPE_WIDTH / 2, SHAPE_HEIGHT / 2 + 6
        diamond = f"{x},{y - half_h} {x + half_w},{y} {x},{y + half_h} {x - half_w},{y}"
        shapes.append(Shape(number, step.kind, step.text, step.role, step.minutes, x, y, diamond))
    first_x = shapes[0].x if shapes else LANE_WIDTH / 2
    last_x = shapes[-1].x if shapes else LANE_WIDTH / 2
    start = (first_x, TOP + 10)
    end = (last_x, TOP + ROW_HEIGHT * (len(steps) + 1))
    arrows = []
    points_from = [start, *[(s.x, s.y) for s in shapes]]
    points_to = [*[(s.x, s.y) for s in shapes], end]
    for (x1, y1), (x2, y2) in zip(points_from, points_to, strict=True):
        top_of_next = y2 - SHAPE_HEIGHT / 2 - 6
        bottom = y1 + SHAPE_HEIGHT / 2 + 6 if (x1, y1) != start else y1 + 12
        middle = (bottom + top_of_next) / 2
        arrows.append(Arrow(f"{x1},{bottom} {x1},{middle} {x2},{middle} {x2},{top_of_next}", "", 0, 0))
    width = len(lanes) * LANE_WIDTH + LOOP_ROOM
    for shape, step in zip(shapes, steps, strict=True):
        if step.kind == "decision" and step.loops_to and 1 <= step.loops_to < shape.number:
            target = shapes[step.loops_to - 1]
            side = width - LOOP_ROOM / 2
            arrows.append(
                Arrow(
                    f"{shape.x + SHAPE_WIDTH / 2},{shape.y} {side},{shape.y} {side},{target.y} "
                    f"{target.x + SHAPE_WIDTH / 2},{target.y}",
                    "No",
                    shape.x + SHAPE_WIDTH / 2 + 8,
                    shape.y - 6,
                )
            )
    return MapLayout(
        width=width,
        height=end[1] + 40,
        lanes=lanes,
        shapes=tuple(shapes),
        arrows=tuple(arrows),
        start=start,
        end=end,
    )
