"""What the meeting pages show beyond the agenda: the agenda as a form, every earlier version of the
record and agenda, the trend of the meeting scores, and what the team said to change last time."""

from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils import timezone

from microsystems.core.jinja import nice_date

from .meetings import ChartPoint, ScoreTrend, score_chart, score_trend
from .models import Meeting, MeetingRevision, Project

CHART = {"width": 480, "height": 160}
BLANK_AGENDA_ROWS = 3


@dataclass(frozen=True)
class Trend:
    trend: ScoreTrend
    points: list[ChartPoint]
    line: str
    chart: dict[str, int]


def meeting_trend(project: Project) -> Trend:
    found = score_trend(list(Meeting.objects.filter(project=project).values_list("number", "score")))
    points = score_chart(found.points, **CHART)
    return Trend(found, points, " ".join(f"{p.x:.1f},{p.y:.1f}" for p in points), CHART)


def agenda_initial(meeting: Meeting) -> tuple[dict[str, Any], int]:
    """The form's starting values from the saved agenda, and how many rows to show."""
    items = list(meeting.agenda.all())
    initial: dict[str, Any] = {"version": meeting.agenda_version}
    for i, item in enumerate(items):
        initial.update({f"title_{i}": item.title, f"minutes_{i}": item.minutes, f"outcome_{i}": item.outcome})
    return initial, len(items) + BLANK_AGENDA_ROWS


@dataclass(frozen=True)
class RevisionRow:
    part: str
    saved_by: str
    saved_at: str
    lines: list[str]


LABELS = {
    "aim": "Aim",
    "leader": "Leader",
    "facilitator": "Facilitator",
    "timekeeper": "Timekeeper",
    "recorder": "Recorder",
    "notes": "Notes",
    "decisions": "Decisions",
    "score": "Score",
    "went_well": "What went well",
    "to_change": "What to change next time",
}


def _lines(revision: MeetingRevision) -> list[str]:
    content = revision.content
    if revision.part == MeetingRevision.Part.AGENDA:
        return [f"{i['title']} — {i['minutes']} min ({i['outcome']})" for i in content.get("items", [])]
    return [f"{label}: {content[key]}" for key, label in LABELS.items() if content.get(key) not in (None, "")]


def revisions(meeting: Meeting) -> list[RevisionRow]:
    rows = []
    for revision in MeetingRevision.objects.filter(meeting=meeting).select_related("saved_by"):
        at = timezone.localtime(revision.saved_at)
        rows.append(
            RevisionRow(
                revision.get_part_display(),
                revision.saved_by.full_name if revision.saved_by else "",
                f"{nice_date(at)}, {at:%H:%M}",
                _lines(revision),
            )
        )
    return rows


@dataclass(frozen=True)
class LastTime:
    number: int
    score: int | None
    to_change: str


def last_time(meeting: Meeting) -> LastTime | None:
    """What the team said at the end of the last recorded meeting before this one."""
    before = (
        Meeting.objects.filter(project=meeting.project_id, number__lt=meeting.number, held=True)
        .order_by("-number")
        .first()
    )
    if before is None or not (before.to_change or before.score is not None):
        return None
    return LastTime(before.number, before.score, before.to_change)


def agenda_href(meeting: Meeting) -> str:
    return reverse("project-meeting-agenda", args=[meeting.project.public_id, meeting.number])


def next_meeting(meeting: Meeting) -> str:
    """When the lead team meets next, for the noticeboard; '' when no later meeting is planned."""
    later = (
        Meeting.objects.filter(project=meeting.project_id, number__gt=meeting.number)
        .order_by("number")
        .first()
    )
    if later is None:
        return ""
    at = timezone.localtime(later.starts_at)
    return f"{at:%A} {nice_date(at)} at {at:%H:%M}"
