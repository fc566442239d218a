"""What the live pages show: a brainstorm's ranked list, and the tool a meeting has open."""

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from microsystems.core.jinja import nice_date

from . import voting
from .method import TOOLS, TOOLS_BY_ID, TOOLS_BY_SLUG
from .models import Brainstorm, BrainstormUse, Idea, IdeaVote, Meeting, Project, ProjectEvent, Worksheet
from .presenters import Answer, answers_of

FISHBONE = "fishbone"


@dataclass(frozen=True)
class BrainstormRow:
    number: int
    question: str
    use: str
    items: int
    href: str


def brainstorm_rows(project: Project) -> list[BrainstormRow]:
    counts = dict(
        Idea.objects.filter(project=project, list_key__startswith="brainstorm-", merged_into=None)
        .values_list("list_key")
        .annotate(n=Count("id"))
        .values_list("list_key", "n")
    )
    return [
        BrainstormRow(
            b.number,
            b.question,
            b.get_use_display(),
            counts.get(b.list_key, 0),
            reverse("project-brainstorm", args=[project.public_id, b.number]),
        )
        for b in Brainstorm.objects.filter(project=project)
    ]


@dataclass(frozen=True)
class IdeaRow:
    href: str
    id: int
    text: str
    votes: int
    rank: int
    mine: bool
    chosen: bool
    grouped: list[str]


@dataclass
class BrainstormPage:
    brainstorm: Brainstorm
    rows: list[IdeaRow]
    votes_each: int
    votes_left: int
    chosen: int
    carry_to: str
    href: str
    live_href: str
    carry_href: str
    group_href: str
    choices: list[tuple[int, str]] = field(default_factory=list)


def brainstorm_page(brainstorm: Brainstorm, user: Any) -> BrainstormPage:
    from .live_actions import allowance

    project = brainstorm.project
    ideas = list(
        Idea.objects.filter(project=project, list_key=brainstorm.list_key).annotate(vote_count=Count("votes"))
    )
    top = [i for i in ideas if i.merged_into_id is None]
    mine = set(IdeaVote.objects.filter(idea__in=top, voter_id=user.id).values_list("idea_id", flat=True))
    ranked = voting.rank(
        [(i.id, i.text) for i in top],
        {i.id: i.vote_count for i in top},
    )
    by_id = {i.id: i for i in top}
    each = allowance(brainstorm, len(top))
    args = [project.public_id, brainstorm.number]
    rows = [
        IdeaRow(
            href=reverse("project-brainstorm-idea", args=[*args, r.item_id]),
            id=r.item_id,
            text=r.text,
            votes=r.votes,
            rank=r.rank,
            mine=r.item_id in mine,
            chosen=by_id[r.item_id].chosen,
            grouped=[i.text for i in ideas if i.merged_into_id == r.item_id],
        )
        for r in ranked
    ]
    return BrainstormPage(
        brainstorm=brainstorm,
        rows=rows,
        votes_each=each,
        votes_left=max(0, each - len(mine)),
        chosen=sum(1 for r in rows if r.chosen),
        carry_to=BrainstormUse(brainstorm.use).label if brainstorm.use != BrainstormUse.LIST else "",
        href=reverse("project-brainstorm", args=args),
        live_href=reverse("project-brainstorm", args=args) + "?part=live",
        carry_href=reverse("project-brainstorm-carry", args=args),
        group_href=reverse("project-brainstorm-group", args=args),
        choices=[(i.id, i.text) for i in top],
    )


# --- The tool open in meeting mode ----------------------------------------------------------------------
def tool_choices(project: Project) -> list[tuple[str, str]]:
    """What a meeting can open on every screen: the fishbone, each brainstorm, each worksheet."""
    choices = [("", "No tool open"), (FISHBONE, "Fishbone")]
    choices += [(b.list_key, f"Brainstorm: {b.question}") for b in Brainstorm.objects.filter(project=project)]
    choices += [(f"worksheet-{t.slug}", f"Worksheet: {t.name}") for t in TOOLS if t.is_worksheet]
    return choices


@dataclass
class WorksheetPanel:
    name: str
    answers: list[Answer]
    version: int
    saved: str
    edit_href: str
    raw: dict[str, str]
    editable: bool  # the team's answers can be typed here; a worksheet with a table, on its own page


@dataclass
class ToolPanel:
    key: str
    label: str
    choices: list[tuple[str, str]]
    open_href: str
    panel_href: str
    brainstorm: BrainstormPage | None = None
    fishbone: Any = None
    worksheet: WorksheetPanel | None = None


def _saved(sheet: Worksheet | None) -> str:
    if sheet is None or not sheet.version:
        return "Nothing saved yet."
    at = timezone.localtime(sheet.updated_at)
    who = sheet.updated_by.full_name if sheet.updated_by else "someone"
    return f"Version {sheet.version}, saved by {who} on {nice_date(at)} at {at:%H:%M}."


def tool_panel(meeting: Meeting, user: Any) -> ToolPanel:
    from .presenters import fishbone_page

    project = meeting.project
    choices = tool_choices(project)
    labels = dict(choices)
    key = meeting.open_tool if meeting.open_tool in labels else ""
    args = [project.public_id, meeting.number]
    panel = ToolPanel(
        key=key,
        label=labels[key],
        choices=choices,
        open_href=reverse("project-meeting-tool", args=args),
        panel_href=reverse("project-meeting-tool", args=args),
    )
    if key == FISHBONE:
        panel.fishbone = fishbone_page(project, user)
    elif key.startswith("brainstorm-"):
        found = Brainstorm.objects.filter(project=project, number=int(key.split("-")[1])).first()
        panel.brainstorm = brainstorm_page(found, user) if found else None
    elif key.startswith("worksheet-"):
        tool = TOOLS_BY_SLUG[key.removeprefix("worksheet-")]
        sheet = (
            Worksheet.objects.filter(project=project, tool_id=tool.id).select_related("updated_by").first()
        )
        panel.worksheet = WorksheetPanel(
            name=tool.name,
            answers=answers_of(tool, sheet.answers if sheet else {}),
            version=sheet.version if sheet else 0,
            saved=_saved(sheet),
            edit_href=reverse("project-worksheet", args=[project.public_id, tool.slug]),
            raw={k: v for k, v in (sheet.answers if sheet else {}).items() if isinstance(v, str)},
            editable=not tool.rows,
        )
    return panel


# --- History, for the whole project or one tool -----------------------------------------------------------
HISTORY_LIMIT = 500


@dataclass(frozen=True)
class HistoryRow:
    when: str
    by: str
    what: str
    tool: str
    was: str = ""  # the words a change replaced, and the new ones (a cause or an idea reworded, moved)
    now: str = ""


def history(project: Project, tool_id: str = "") -> list[HistoryRow]:
    """Every change to the project, or to one of its tools, newest first (the latest HISTORY_LIMIT), each
    with who made it and when (in the practice's time)."""
    events = ProjectEvent.objects.filter(project=project).select_related("by")
    if tool_id:
        events = events.filter(tool_id=tool_id)
    rows = []
    for event in events[:HISTORY_LIMIT]:
        at = timezone.localtime(event.at)
        tool = TOOLS_BY_ID.get(event.tool_id)
        rows.append(
            HistoryRow(
                f"{nice_date(at)}, {at:%H:%M}",
                event.by.full_name if event.by else "",
                event.what,
                tool.name if tool else "",
                event.was,
                event.now,
            )
        )
    return rows


def history_choices(project: Project) -> list[tuple[str, str]]:
    """The tools the project has changed, to show the history of one."""
    used = set(ProjectEvent.objects.filter(project=project).values_list("tool_id", flat=True).distinct())
    return [("", "Every tool")] + [(t.id, t.name) for t in TOOLS if t.id in used]
