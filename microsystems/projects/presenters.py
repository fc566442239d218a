"""What the project pages show, shaped for the templates. Each runs a fixed number of queries."""

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone

from microsystems.core.jinja import nice_date

from . import meetings as meeting_rules
from .method import TOOLS_BY_ID, PathKind, StepOnPath, Tool, ToolState, current_step, path
from .models import (
    Action,
    Meeting,
    ParkedIdea,
    Project,
    ProjectEvent,
    TeamMember,
    TeamPart,
    ToolMark,
    Worksheet,
)

# Tools done in the meeting pages rather than on a worksheet of their own.
MEETING_TOOLS = frozenset({"T1.2", "T1.3", "T1.5", "T1.7", "T1.8"})


def project_href(project: Project) -> str:
    return reverse("project-detail", args=[project.public_id])


def tool_href(project: Project, tool: Tool) -> str | None:
    if tool.is_worksheet:
        return reverse("project-worksheet", args=[project.public_id, tool.slug])
    if tool.id in MEETING_TOOLS:
        return reverse("project-meetings", args=[project.public_id])
    return None


def guidance_href(tool: Tool) -> str:
    return reverse("workbook-guidance") + f"#{tool.slug}"


@dataclass(frozen=True)
class TeamRow:
    name: str
    part: str
    title: str
    organisation: str
    is_patient: bool


@dataclass(frozen=True)
class ToolRow:
    id: str
    slug: str
    name: str
    why_and_how: str
    state: str
    state_label: str
    state_colour: str
    href: str | None
    guidance_href: str
    core: bool
    is_not_needed: bool
    is_done: bool


@dataclass(frozen=True)
class StepRow:
    number: int
    name: str
    summary: str
    state: str
    state_label: str
    is_current: bool
    tools: list[ToolRow]


@dataclass(frozen=True)
class EventRow:
    at: datetime
    by: str
    what: str


@dataclass(frozen=True)
class ProjectPage:
    project: Project
    terminology: dict[str, str]
    practice_name: str
    practice_href: str
    organisations: list[str]
    typology: str
    team: list[TeamRow]
    coaches: list[str]
    has_patient: bool
    no_patient_reason: str
    path_kind: str
    steps: list[StepRow]
    current_step: int | None
    history: list[EventRow]
    may_change: bool
    may_change_path: bool
    meetings_href: str
    next_meeting: str
    open_actions: int


def done_and_skipped(project: Project) -> tuple[set[str], set[str]]:
    marks = list(ToolMark.objects.filter(project=project).values_list("tool_id", "mark"))
    done = {tool_id for tool_id, mark in marks if mark == ToolMark.Mark.DONE}
    skipped = {tool_id for tool_id, mark in marks if mark == ToolMark.Mark.NOT_NEEDED}
    done |= set(Worksheet.objects.filter(project=project, version__gt=0).values_list("tool_id", flat=True))
    return done, skipped - done


def project_steps(project: Project) -> tuple[StepOnPath, ...]:
    done, skipped = done_and_skipped(project)
    return path(PathKind(project.path_kind), done, skipped)


def team_rows(project: Project) -> list[TeamRow]:
    members = TeamMember.objects.filter(project=project).select_related("user", "organisation")
    order = list(TeamPart.values)
    rows = sorted(members, key=lambda m: (order.index(m.part), m.user.full_name))
    return [
        TeamRow(
            m.user.full_name, m.get_part_display(), m.title, m.organisation.name, m.part == TeamPart.PATIENT
        )
        for m in rows
    ]


def project_page(project: Project, user: Any) -> ProjectPage:
    steps = project_steps(project)
    team = team_rows(project)
    now_step = current_step(steps)
    step_rows = [
        StepRow(
            number=step.step.number,
            name=step.step.name,
            summary=step.step.summary,
            state=step.state.value,
            state_label=step.state.label,
            is_current=step.step.number == now_step,
            tools=[
                ToolRow(
                    id=t.tool.id,
                    slug=t.tool.slug,
                    name=t.tool.name,
                    why_and_how=t.tool.why_and_how,
                    state=t.state.value,
                    state_label=t.state.label,
                    state_colour=t.state.tag_colour,
                    href=tool_href(project, t.tool),
                    guidance_href=guidance_href(t.tool),
                    core=t.tool.core,
                    is_not_needed=t.state == ToolState.NOT_NEEDED,
                    is_done=t.state == ToolState.DONE,
                )
                for t in step.tools
            ],
        )
        for step in steps
    ]
    events = ProjectEvent.objects.filter(project=project).select_related("by")[:8]
    upcoming = (
        Meeting.objects.filter(project=project, starts_at__gte=timezone.now()).order_by("starts_at").first()
    )
    organisations = sorted({row.organisation for row in team} | {project.practice.name})
    return ProjectPage(
        project=project,
        terminology=dict(project.programme.terminology or {}),
        practice_name=project.practice.name,
        practice_href=reverse("practice-detail", args=[project.practice.public_id]),
        organisations=organisations,
        typology=project.get_typology_display() if project.typology else "Not recorded",
        team=team,
        coaches=[
            c.user.full_name for c in project.coaches.select_related("user").order_by("user__full_name")
        ],
        has_patient=any(row.is_patient for row in team),
        no_patient_reason=project.no_patient_reason,
        path_kind=project.path_kind,
        steps=step_rows,
        current_step=now_step,
        history=[EventRow(e.at, e.by.full_name if e.by else "", e.what) for e in events],
        may_change=user.has_perm("projects.change_project", project),
        may_change_path=user.has_perm("projects.change_path", project),
        meetings_href=reverse("project-meetings", args=[project.public_id]),
        next_meeting=_when(upcoming.starts_at) if upcoming else "",
        open_actions=Action.objects.filter(project=project, done_on__isnull=True).count(),
    )


def _when(moment: datetime) -> str:
    local = timezone.localtime(moment)
    return f"{nice_date(local)} at {local:%H:%M}"


@dataclass(frozen=True)
class ProjectListRow:
    title: str
    href: str
    status: str
    started_on: date
    step: str


def project_rows(projects: Any) -> list[ProjectListRow]:
    """Projects for a list, each with the step it has reached: three queries for any number."""
    projects = list(
        projects.prefetch_related(
            Prefetch("tool_marks", queryset=ToolMark.objects.only("project_id", "tool_id", "mark")),
            Prefetch(
                "worksheets", queryset=Worksheet.objects.filter(version__gt=0).only("project_id", "tool_id")
            ),
        )
    )
    rows = []
    for project in projects:
        marks = list(project.tool_marks.all())
        done = {m.tool_id for m in marks if m.mark == ToolMark.Mark.DONE}
        done |= {w.tool_id for w in project.worksheets.all()}
        skipped = {m.tool_id for m in marks if m.mark == ToolMark.Mark.NOT_NEEDED} - done
        number = current_step(path(PathKind(project.path_kind), done, skipped))
        rows.append(
            ProjectListRow(
                title=project.title,
                href=project_href(project),
                status=project.get_status_display(),
                started_on=project.started_on,
                step=f"Step {number}" if number else "All steps done",
            )
        )
    return rows


# --- Worksheets ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Answer:
    label: str
    text: str


@dataclass(frozen=True)
class RevisionRow:
    version: int
    saved_by: str
    saved_at: datetime
    answers: list[Answer]


def answers_of(tool: Tool, answers: dict[str, str]) -> list[Answer]:
    return [Answer(spec.label, answers.get(spec.name, "")) for spec in tool.fields]


def worksheet_history(worksheet: Worksheet | None, tool: Tool) -> list[RevisionRow]:
    if worksheet is None:
        return []
    return [
        RevisionRow(
            r.version, r.saved_by.full_name if r.saved_by else "", r.saved_at, answers_of(tool, r.answers)
        )
        for r in worksheet.revisions.select_related("saved_by")
    ]


# --- Meetings -----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ActionRow:
    id: int
    text: str
    owner: str
    due_on: date
    done_on: date | None
    overdue: bool
    done_href: str


@dataclass(frozen=True)
class MeetingRow:
    number: int
    when: str
    href: str
    held: bool
    score: int | None
    roles: dict[str, str]


@dataclass(frozen=True)
class AgendaRow:
    position: int
    title: str
    minutes: int
    outcome: str


@dataclass
class MeetingPage:
    meeting: Meeting
    when: str
    roles: dict[str, str]
    role_cards: dict[str, str]
    agenda: list[AgendaRow]
    actions_to_review: list[ActionRow]
    actions_raised: list[ActionRow]
    parked: list[str]
    ground_rules: list[str]
    global_aim: list[Answer]
    total_minutes: int
    links: dict[str, str] = field(default_factory=dict)


def action_rows(project: Project, actions: Any) -> list[ActionRow]:
    today = timezone.localdate()
    return [
        ActionRow(
            id=a.id,
            text=a.text,
            owner=a.owner.full_name,
            due_on=a.due_on,
            done_on=a.done_on,
            overdue=a.done_on is None and a.due_on < today,
            done_href=reverse("project-action-done", args=[project.public_id, a.id]),
        )
        for a in actions
    ]


def meeting_rows(project: Project) -> list[MeetingRow]:
    meetings = Meeting.objects.filter(project=project).select_related(
        "leader", "facilitator", "timekeeper", "recorder"
    )
    return [
        MeetingRow(
            number=m.number,
            when=_when(m.starts_at),
            href=reverse("project-meeting", args=[project.public_id, m.number]),
            held=m.held,
            score=m.score,
            roles=_roles(m),
        )
        for m in meetings
    ]


def _roles(meeting: Meeting) -> dict[str, str]:
    return {
        role: (getattr(meeting, role).full_name if getattr(meeting, role) else "Nobody yet")
        for role in meeting_rules.ROLES
    }


def open_actions(project: Project) -> Any:
    return Action.objects.filter(project=project, done_on__isnull=True).select_related("owner")


def meeting_page(meeting: Meeting) -> MeetingPage:
    project = meeting.project
    # Actions come back on every agenda until done: everything open that was raised before this meeting.
    to_review = (
        Action.objects.filter(project=project, created_at__lt=meeting.starts_at)
        .exclude(meeting=meeting)
        .filter(done_on__isnull=True)
        .select_related("owner")
    )
    raised = Action.objects.filter(project=project, meeting=meeting).select_related("owner")
    worksheets = {
        w.tool_id: w.answers for w in Worksheet.objects.filter(project=project, tool_id__in=["T1.4", "T3.2"])
    }
    rules_text = worksheets.get("T1.4", {}).get("rules", "")
    agenda = [AgendaRow(a.position, a.title, a.minutes, a.outcome) for a in meeting.agenda.all()]
    aim = worksheets.get("T3.2")
    return MeetingPage(
        meeting=meeting,
        when=_when(meeting.starts_at),
        roles=_roles(meeting),
        role_cards=meeting_rules.ROLE_CARDS,
        agenda=agenda,
        actions_to_review=action_rows(project, to_review),
        actions_raised=action_rows(project, raised),
        parked=list(ParkedIdea.objects.filter(meeting=meeting).values_list("text", flat=True)),
        ground_rules=[line.strip() for line in rules_text.splitlines() if line.strip()],
        global_aim=[a for a in answers_of(TOOLS_BY_ID["T3.2"], aim) if a.text] if aim else [],
        total_minutes=sum(a.minutes for a in agenda),
        links={
            "record": reverse("project-meeting", args=[project.public_id, meeting.number]),
            "live": reverse("project-meeting-live", args=[project.public_id, meeting.number]),
            "summary": reverse("project-meeting-summary", args=[project.public_id, meeting.number]),
            "add_action": reverse("project-action-add", args=[project.public_id]),
            "park": reverse("project-park", args=[project.public_id]),
            "meetings": reverse("project-meetings", args=[project.public_id]),
            "project": project_href(project),
        },
    )
