"""The fishbone (cause-and-effect) diagram, laid out in plain Python for an SVG drawing.

The spine runs left to right into the effect at the head; the categories are bones above and below it,
alternating; each bone carries its causes as short horizontal lines, sub-causes indented under them."""

from collections.abc import Sequence
from dataclasses import dataclass, field

DEFAULT_CATEGORIES = (
    "People",
    "Processes",
    "Equipment and IT",
    "Environment",
    "Rules and policies",
    "Patients and demand",
    "Communication",
)

BONE_WIDTH = 280
HEAD_WIDTH = 220
LINE_HEIGHT = 22
MARGIN = 20
SPINE_GAP = 40


@dataclass(frozen=True)
class CauseIn:
    text: str
    votes: int = 0
    sub_causes: tuple["CauseIn", ...] = ()


@dataclass(frozen=True)
class Label:
    x: float
    y: float
    text: str
    votes: int
    indent: int


@dataclass(frozen=True)
class Bone:
    category: str
    x1: float
    y1: float
    x2: float
    y2: float
    title_x: float
    title_y: float
    labels: tuple[Label, ...]


@dataclass(frozen=True)
class Layout:
    width: float
    height: float
    spine_y: float
    spine_x1: float
    spine_x2: float
    head_x: float
    head_y: float
    head_width: float
    head_height: float
    effect: str
    bones: tuple[Bone, ...] = field(default_factory=tuple)


def _lines(causes: Sequence[CauseIn]) -> list[tuple[str, int, int]]:
    lines: list[tuple[str, int, int]] = []
    for cause in causes:
        lines.append((cause.text, cause.votes, 0))
        lines.extend((sub.text, sub.votes, 1) for sub in cause.sub_causes)
    return lines


def layout(effect: str, bones: Sequence[tuple[str, Sequence[CauseIn]]]) -> Layout:
    """Coordinates for every line and label. Bones alternate above and below the spine, in pairs from
    the tail; each side is as tall as its longest bone needs."""
    columns = max(1, (len(bones) + 1) // 2)
    above = [b for i, b in enumerate(bones) if i % 2 == 0]
    below = [b for i, b in enumerate(bones) if i % 2 == 1]

    def side_height(side: Sequence[tuple[str, Sequence[CauseIn]]]) -> float:
        tallest = max((len(_lines(causes)) for _, causes in side), default=0)
        return (tallest + 2) * LINE_HEIGHT

    top, bottom = side_height(above), side_height(below)
    spine_y = MARGIN + top + SPINE_GAP / 2
    spine_x1 = MARGIN + 60  # room for the first bone's labels
    spine_x2 = spine_x1 + columns * BONE_WIDTH + 40
    placed: list[Bone] = []
    for index, (category, causes) in enumerate(bones):
        column, is_above = index // 2, index % 2 == 0
        x_end = spine_x1 + (column + 1) * BONE_WIDTH - 20
        x_start = x_end - 60
        far_y = spine_y - top if is_above else spine_y + bottom
        labels = []
        for row, (text, votes, indent) in enumerate(_lines(causes)):
            offset = (row + 1) * LINE_HEIGHT
            y = (far_y + offset) if is_above else (far_y - offset)
            # Right-aligned just left of the bone at this height; a sub-cause sits a little further left.
            along = (y - far_y) / (spine_y - far_y)
            bone_x = x_start + (x_end - x_start) * along
            labels.append(Label(bone_x - 8 - indent * 14, y + 4, text, votes, indent))
        placed.append(
            Bone(
                category=category,
                x1=x_start,
                y1=far_y,
                x2=x_end,
                y2=spine_y,
                title_x=x_start,
                title_y=far_y - 6 if is_above else far_y + 16,
                labels=tuple(labels),
            )
        )
    head_height = max(60.0, SPINE_GAP + LINE_HEIGHT)
    return Layout(
        width=spine_x2 + HEAD_WIDTH + MARGIN,
        height=spine_y + bottom + MARGIN + SPINE_GAP / 2,
        spine_y=spine_y,
        spine_x1=spine_x1,
        spine_x2=spine_x2,
        head_x=spine_x2,
        head_y=spine_y - head_height / 2,
        head_width=HEAD_WIDTH,
        head_height=head_height,
        effect=effect,
        bones=tuple(placed),
    )
