"""What the project pages show, shaped for the templates. Each runs a fixed number of queries."""

import re
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
    Cause,
    CauseVote,
    CycleVisit,
    Fishbone,
    Idea,
    IdeaVote,
    InterruptionTally,
    Meeting,
    ParkedIdea,
    PopulationImport,
    ProcessRating,
    Project,
    ProjectEvent,
    SelfAssessment,
    SelfAssessmentRating,
    SelfAssessmentReturn,
    TeamMember,
    TeamPart,
    ToolMark,
    Worksheet,
)

# Tools done in the meeting pages rather than on a worksheet of their own.
MEETING_TOOLS = frozenset({"T1.2", "T1.3", "T1.5", "T1.7", "T1.8"})
# Tools drawn as process maps: the high-level map, the detailed map of the aim's process, and its ideal.
MAP_TOOLS = ("T2.13", "T3.3", "T3.3F")
# Tools with a page of their own.
TOOL_PAGES = {
    "T1.6": "project-brainstorms",
    "T3.1": "project-themes",
    "T3.4": "project-fishbone",
    "A": "project-self-assessment",
    "T2.1": "project-five-ps",
    "T2.12": "project-processes",
    "T2.11": "project-interruptions",
    "T2.6": "project-cycle-time",
    # Step 4 and step 5 have pages of their own in the measures, treat and follow-up apps.
    "T4.1": "treat-home",
    "T4.2": "treat-home",
    "T4.3": "measure-list",
    "T4.4": "treat-home",
    "T4.6": "treat-home",
    "T4.8": "huddles",
    "T5.2": "follow-up",
}


def project_href(project: Project) -> str:
    return reverse("project-detail", args=[project.public_id])


def tool_href(project: Project, tool: Tool) -> str | None:
    if tool.id in MAP_TOOLS:
        return reverse("project-map", args=[project.public_id, tool.slug])
    if tool.id in TOOL_PAGES:
        return reverse(TOOL_PAGES[tool.id], args=[project.public_id])
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
class LeaverRow:
    name: str
    part: str
    organisation: str
    left_on: date
    marked: bool  # marked by the team (else: no longer at their organisation)
    member_id: int = 0  # their place on the team, to bring them back if the mark was a mistake


@dataclass(frozen=True)
class ProjectPage:
    project: Project
    terminology: dict[str, str]
    practice_name: str
    practice_href: str
    organisations: list[str]
    typology: str
    team: list[TeamRow]
    leavers: list[LeaverRow]
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


@dataclass(frozen=True)
class Ask:
    """A tool where everyone in the practice is asked for their own answers."""

    name: str
    href: str
    answered: bool


def views_asked(project: Project, user: Any) -> list[Ask]:
    """For someone who may give their view: the tools that ask everyone, and whether they have answered.
    Empty for anyone else. A fixed number of queries."""
    from .sheets import people_of

    if not user.has_perm("projects.rate_self_assessment", project) or project.status != "active":
        return []
    if TeamMember.objects.filter(project=project, user_id=user.pk, left_on__isnull=False).exists():
        return []  # they left the lead team: no longer asked for their own answers
    sheets = dict(
        Worksheet.objects.filter(project=project, tool_id__in=["T2.2", "T2.9"]).values_list(
            "tool_id", "answers"
        )
    )
    asks = [
        Ask(
            TOOLS_BY_ID[tool_id].name,
            reverse("project-worksheet", args=[project.public_id, TOOLS_BY_ID[tool_id].slug]),
            user.pk in people_of(sheets.get(tool_id, {})),
        )
        for tool_id in ("T2.2", "T2.9")
    ]
    asks.append(
        Ask(
            TOOLS_BY_ID["T2.12"].name,
            reverse("project-processes", args=[project.public_id]),
            ProcessRating.objects.filter(project=project, rater_id=user.pk).exists(),
        )
    )
    latest = SelfAssessment.objects.filter(project=project).order_by("-number").first()
    if latest is not None:
        asks.append(
            Ask(
                f"Self-assessment, round {latest.number}",
                reverse("project-self-assessment", args=[project.public_id]),
                SelfAssessmentReturn.objects.filter(assessment=latest, respondent_id=user.pk).exists(),
            )
        )
    return asks


def done_and_skipped(project: Project) -> tuple[set[str], set[str]]:
    marks = list(ToolMark.objects.filter(project=project).values_list("tool_id", "mark"))
    done = {tool_id for tool_id, mark in marks if mark == ToolMark.Mark.DONE}
    skipped = {tool_id for tool_id, mark in marks if mark == ToolMark.Mark.NOT_NEEDED}
    done |= set(
        Worksheet.objects.filter(project=project, version__gt=0)
        .exclude(answers__has_key="own_only")
        .values_list("tool_id", flat=True)
    )
    return done, skipped - done


def project_steps(project: Project) -> tuple[StepOnPath, ...]:
    done, skipped = done_and_skipped(project)
    return path(PathKind(project.path_kind), done, skipped, project.moved_tools)


def team_rows(project: Project) -> list[TeamRow]:
    """Those on the lead team now (not among those who left it, projects.leavers), champion first."""
    from .leavers import left_the_team

    gone = left_the_team(project, timezone.localdate())
    members = (
        TeamMember.objects.filter(project=project)
        .exclude(user_id__in=list(gone))
        .select_related("user", "organisation")
    )
    order = list(TeamPart.values)
    rows = sorted(members, key=lambda m: (order.index(m.part), m.user.full_name))
    return [
        TeamRow(
            m.user.full_name, m.get_part_display(), m.title, m.organisation.name, m.part == TeamPart.PATIENT
        )
        for m in rows
    ]


def leaver_rows(project: Project, today: date) -> list[LeaverRow]:
    """Those who have left the lead team, most recent first, with the day they left (projects.leavers)."""
    from .leavers import left_the_team

    gone = left_the_team(project, today)
    members = TeamMember.objects.filter(project=project, user_id__in=list(gone)).select_related(
        "user", "organisation"
    )
    rows = [
        LeaverRow(
            m.user.full_name,
            m.get_part_display(),
            m.organisation.name,
            gone[m.user_id],
            bool(m.left_on),
            m.pk,
        )
        for m in members
    ]
    return sorted(rows, key=lambda r: (-r.left_on.toordinal(), r.name))


@dataclass(frozen=True)
class ActionToReassign:
    id: int
    text: str
    owner: str
    owner_id: int
    due_on: date


def actions_to_reassign(project: Project, today: date) -> list[ActionToReassign]:
    """The open actions of those who left the lead team, soonest due first."""
    from .leavers import left_the_team

    gone = left_the_team(project, today)
    found = Action.objects.filter(project=project, done_on__isnull=True, owner_id__in=list(gone))
    return [
        ActionToReassign(a.id, a.text, a.owner.full_name, a.owner_id, a.due_on)
        for a in found.select_related("owner").order_by("due_on", "id")
    ]


def current_member_choices(project: Project, today: date) -> list[tuple[int, str]]:
    """Those on the lead team now (by user), to take on an action: (user id, name and part)."""
    from .leavers import left_the_team

    gone = left_the_team(project, today)
    members = (
        TeamMember.objects.filter(project=project)
        .exclude(user_id__in=list(gone))
        .select_related("user")
        .order_by("user__full_name")
    )
    return [(m.user_id, f"{m.user.full_name} ({m.get_part_display().lower()})") for m in members]


def leaving_choices(project: Project) -> list[tuple[int, str]]:
    """Members who may be marked as having left: everyone still on the team (the champion and sponsor are
    told to hand over their role first)."""
    members = (
        TeamMember.objects.filter(project=project)
        .current()
        .select_related("user")
        .order_by("user__full_name")
    )
    return [(m.pk, f"{m.user.full_name} ({m.get_part_display().lower()})") for m in members]


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
        leavers=leaver_rows(project, timezone.localdate()),
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
    practice: str = ""


def projects_for_home(user: Any) -> list[ProjectListRow]:
    """The projects a user works on: those whose lead team they are on, and every project of the
    practices they belong to or coach. A fixed number of queries."""
    from django.db.models import Q

    from microsystems.people.scope import scope_for

    scope = scope_for(user)
    practices = scope.team_organisation_ids | scope.coached_practice_ids
    if not getattr(user, "is_authenticated", False):
        return []
    found = Project.objects.filter(Q(team__user=user) | Q(practice_id__in=practices)).distinct()
    return project_rows(found.order_by("practice__name", "-started_on", "title"))


def project_rows(projects: Any) -> list[ProjectListRow]:
    """Projects for a list, each with the step it has reached: three queries for any number."""
    projects = list(
        projects.select_related("practice").prefetch_related(
            Prefetch("tool_marks", queryset=ToolMark.objects.only("project_id", "tool_id", "mark")),
            Prefetch(
                "worksheets",
                queryset=Worksheet.objects.filter(version__gt=0)
                .exclude(answers__has_key="own_only")
                .only("project_id", "tool_id"),
            ),
        )
    )
    rows = []
    for project in projects:
        marks = list(project.tool_marks.all())
        done = {m.tool_id for m in marks if m.mark == ToolMark.Mark.DONE}
        done |= {w.tool_id for w in project.worksheets.all()}
        skipped = {m.tool_id for m in marks if m.mark == ToolMark.Mark.NOT_NEEDED} - done
        number = current_step(path(PathKind(project.path_kind), done, skipped, project.moved_tools))
        rows.append(
            ProjectListRow(
                title=project.title,
                href=project_href(project),
                status=project.get_status_display(),
                started_on=project.started_on,
                step=f"Step {number}" if number else "All steps done",
                practice=project.practice.name,
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


def answers_of(tool: Tool, answers: dict[str, Any], names: dict[int, str] | None = None) -> list[Answer]:
    """Every answer with its label: the questions, the table (a line a row) and, when `names` is given,
    each person's own answers."""
    from .sheets import labelled, people_of

    found = [Answer(label, text) for label, text in labelled(tool, answers)]
    for user_id, entry in people_of(answers).items():
        if names is not None:
            own = entry.get("answers", {})
            text = "\n".join(f"{f.label} {own[f.name]}" for f in tool.own if own.get(f.name))
            found.append(Answer(names.get(user_id, "A former member"), text))
    return found


def _names(user_ids: Any) -> dict[int, str]:
    from microsystems.people.models import User

    return dict(User.objects.filter(id__in=set(user_ids)).values_list("id", "full_name"))


def worksheet_history(worksheet: Worksheet | None, tool: Tool) -> list[RevisionRow]:
    from .sheets import people_of

    if worksheet is None:
        return []
    revisions = list(worksheet.revisions.select_related("saved_by"))
    names = _names(uid for r in revisions for uid in people_of(r.answers)) if tool.own else None
    return [
        RevisionRow(
            r.version,
            r.saved_by.full_name if r.saved_by else "",
            r.saved_at,
            answers_of(tool, r.answers, names),
        )
        for r in revisions
    ]


@dataclass(frozen=True)
class PersonAnswers:
    user_id: int
    name: str
    role: str
    answers: list[str]  # in the order of the tool's own questions
    saved_at: datetime | None


@dataclass(frozen=True)
class OwnSummary:
    words: list[tuple[str, int]]  # for the purpose: words that came up in more than one person's view
    levels: list[str]  # for skills: the levels, and each area's count at each level
    areas: list[tuple[str, list[int]]]


def own_summary(tool: Tool, people: list[PersonAnswers], on_paper: str = "") -> OwnSummary | None:
    """What everyone's own answers add up to, for the team to talk about; for the purpose, the views
    collected on paper (one a line) count as people's views too."""
    from .method import SKILL_AREAS, SKILL_LEVELS
    from .sheets import common_words, level_counts

    views = [" ".join(p.answers) for p in people] + [line for line in on_paper.splitlines() if line.strip()]
    if tool.id == "T2.2" and len(views) >= 2:
        return OwnSummary(common_words(views), [], [])
    if tool.id == "T2.9" and people:
        names = [f.name for f in tool.own]
        chosen = [dict(zip(names, p.answers, strict=True)) for p in people]
        return OwnSummary([], list(SKILL_LEVELS), level_counts(chosen, SKILL_AREAS, SKILL_LEVELS))
    return None


def people_answers(project: Project, tool: Tool, sheet: Worksheet | None) -> list[PersonAnswers]:
    """Each person's own answers, side by side, in name order, with their job on the project's team
    (or in the practice) when known."""
    from microsystems.people.models import Membership
    from microsystems.people.roles import Job

    from .sheets import people_of

    if sheet is None or not tool.own:
        return []
    entries = people_of(sheet.answers)
    names = _names(entries)
    titles = {
        uid: Job(job).label
        for uid, job in Membership.objects.active()
        .filter(organisation=project.practice, user_id__in=entries)
        .exclude(job="")
        .values_list("user_id", "job")
    }
    titles.update(
        TeamMember.objects.filter(project=project, user_id__in=entries)
        .exclude(title="")
        .values_list("user_id", "title")
    )
    rows = [
        PersonAnswers(
            user_id=uid,
            name=names.get(uid, "A former member"),
            role=titles.get(uid, ""),
            answers=[str(entry.get("answers", {}).get(f.name, "")) for f in tool.own],
            saved_at=datetime.fromisoformat(entry["saved_at"]) if entry.get("saved_at") else None,
        )
        for uid, entry in entries.items()
    ]
    return sorted(rows, key=lambda r: r.name)


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
    owner_left: bool = False  # an open action whose owner left the lead team: to reassign


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
    from .leavers import left_the_team

    today = timezone.localdate()
    gone = left_the_team(project, today)
    return [
        ActionRow(
            id=a.id,
            text=a.text,
            owner=a.owner.full_name,
            due_on=a.due_on,
            done_on=a.done_on,
            overdue=a.done_on is None and a.due_on < today,
            done_href=reverse("project-action-done", args=[project.public_id, a.id]),
            owner_left=a.done_on is None and a.owner_id in gone,
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


# --- Themes and multi-voting ---------------------------------------------------------------------------
@dataclass(frozen=True)
class IdeaRow:
    id: int
    text: str
    votes: int
    rank: int
    mine: bool
    chosen: bool
    vote_href: str
    choose_href: str


@dataclass(frozen=True)
class ThemesPage:
    ideas: list[IdeaRow]
    votes_each: int
    votes_left: int
    chosen: str
    found_themes: list[str]
    parked: list[str]


def themes_page(project: Project, user: Any) -> ThemesPage:
    from django.db.models import Count

    from .voting import rank, votes_each

    ideas = list(Idea.objects.filter(project=project, list_key="themes").annotate(vote_count=Count("votes")))
    mine = set(IdeaVote.objects.filter(idea__in=ideas, voter_id=user.id).values_list("idea_id", flat=True))
    counts = {i.id: i.vote_count for i in ideas}
    by_id = {i.id: i for i in ideas}
    ranked = rank([(i.id, i.text) for i in ideas], counts)
    allowance = votes_each(len(ideas))
    sheet = Worksheet.objects.filter(project=project, tool_id="T2.18").first()
    found = [
        line.strip()
        for line in (sheet.answers.get("themes", "") if sheet else "").splitlines()
        if line.strip()
    ]
    return ThemesPage(
        ideas=[
            IdeaRow(
                id=r.item_id,
                text=r.text,
                votes=r.votes,
                rank=r.rank,
                mine=r.item_id in mine,
                chosen=by_id[r.item_id].chosen,
                vote_href=reverse("project-theme-vote", args=[project.public_id, r.item_id]),
                choose_href=reverse("project-theme-choose", args=[project.public_id, r.item_id]),
            )
            for r in ranked
        ],
        votes_each=allowance,
        votes_left=max(0, allowance - len(mine)),
        chosen=next((i.text for i in ideas if i.chosen), ""),
        found_themes=found,
        parked=list(ParkedIdea.objects.filter(project=project).values_list("text", flat=True)),
    )


# --- Fishbone -----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class CauseRow:
    id: int
    text: str
    votes: int
    mine: bool
    vote_href: str
    sub_causes: list["CauseRow"]


@dataclass(frozen=True)
class FishbonePage:
    effect: str
    version: int
    categories: list[tuple[str, list[CauseRow]]]
    drawing: Any
    top_causes: list[tuple[str, str, int]]


def fishbone_page(project: Project, user: Any) -> FishbonePage:
    from django.db.models import Count

    from .fishbone import DEFAULT_CATEGORIES, CauseIn, layout

    fishbone = Fishbone.objects.filter(project=project).first()
    causes = list(Cause.objects.filter(project=project).annotate(vote_count=Count("votes")))
    mine = set(
        CauseVote.objects.filter(cause__in=causes, voter_id=user.id).values_list("cause_id", flat=True)
    )

    def row(cause: Cause) -> CauseRow:
        return CauseRow(
            id=cause.id,
            text=cause.text,
            votes=cause.vote_count,  # type: ignore[attr-defined]
            mine=cause.id in mine,
            vote_href=reverse("project-cause-vote", args=[project.public_id, cause.id]),
            sub_causes=[row(c) for c in causes if c.parent_id == cause.id],
        )

    names = list(DEFAULT_CATEGORIES) + sorted({c.category for c in causes} - set(DEFAULT_CATEGORIES))
    categories = [
        (name, [row(c) for c in causes if c.category == name and c.parent_id is None]) for name in names
    ]

    def cause_in(r: CauseRow) -> CauseIn:
        return CauseIn(r.text, r.votes, tuple(cause_in(s) for s in r.sub_causes))

    effect = fishbone.effect if fishbone else ""
    drawing = layout(
        effect or "The problem", [(name, [cause_in(r) for r in rows]) for name, rows in categories]
    )
    top = sorted(
        ((c.text, c.category, c.vote_count) for c in causes if c.vote_count),
        key=lambda t: -t[2],
    )[:5]
    return FishbonePage(effect, fishbone.version if fishbone else 0, categories, drawing, top)


# --- 5Ps at a glance ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Panel:
    name: str
    lines: list[str]
    sources: list[tuple[str, str]]

    def __post_init__(self) -> None:
        # A finding the summary repeats from a tool shows once.
        unique = list(dict.fromkeys(line for line in self.lines if line))
        self.lines[:] = unique


@dataclass
class Findings:
    """What the step 2 tools found, in short sentences, for the 5Ps poster and the discoveries summary."""

    sheets: dict[str, dict[str, Any]]
    population: list[str] = field(default_factory=list)
    registers: list[str] = field(default_factory=list)
    journey_pains: list[str] = field(default_factory=list)
    journey_delights: list[str] = field(default_factory=list)
    cycle: list[str] = field(default_factory=list)
    skills: list[str] = field(default_factory=list)
    could_move: list[str] = field(default_factory=list)
    interruptions: list[str] = field(default_factory=list)
    processes: list[str] = field(default_factory=list)
    working_well: list[str] = field(default_factory=list)
    problem_processes: list[str] = field(default_factory=list)
    strong: list[str] = field(default_factory=list)
    weak: list[str] = field(default_factory=list)
    metrics: list[str] = field(default_factory=list)
    escalate: list[str] = field(default_factory=list)
    map_facts: list[str] = field(default_factory=list)

    def lines(self, tool_id: str, *names: str) -> list[str]:
        answers = self.sheets.get(tool_id, {})
        found: list[str] = []
        for name in names:
            found += [line.strip() for line in str(answers.get(name, "")).splitlines() if line.strip()]
        return found


def findings(project: Project) -> Findings:
    """Everything step 2 has found so far, in a fixed number of queries."""
    from .assessment import MINIMUM_RETURNS, pool
    from .cycle_time import VisitTimes, summarise
    from .interruptions import pareto
    from .interruptions import pool as pool_tallies
    from .sheets import people_of, rows_of

    found = Findings({w.tool_id: w.answers for w in Worksheet.objects.filter(project=project)})
    population = PopulationImport.objects.filter(project=project).first()
    if population:
        when = population.extract_date
        found.population = [
            f"{population.total:,} registered patients" + (f" on {when.day} {when:%B %Y}" if when else "")
        ]
        from .sheets import older_share

        older = older_share(population.bands, population.total)
        if older:
            found.population.append(older)
    for row in rows_of(found.sheets.get("T2.3", {})):
        patients = row.get("patients", "")
        count = f": {int(patients):,}" if re.fullmatch(r"[0-9]{1,9}", patients) else ""
        found.registers.append(
            f"{row.get('register', '')}{count}" + (f" ({row['note']})" if row.get("note") else "")
        )
    for row in rows_of(found.sheets.get("T2.5", {})):
        if row.get("pain"):
            found.journey_pains.append(row["pain"])
        if row.get("delight"):
            found.journey_delights.append(row["delight"])
    visits = [
        VisitTimes(v.appointment, v.arrived, v.called, v.seen_from, v.seen_until, v.left)
        for v in CycleVisit.objects.filter(project=project)
    ]
    if visits:
        summary = summarise(visits)
        if summary.median_cycle is not None:
            wait = (
                f", {summary.median_wait:g} of them waiting to be seen"
                if summary.median_wait is not None
                else ""
            )
            found.cycle = [
                f"A visit takes {summary.median_cycle:g} minutes from arriving to leaving{wait} "
                f"(median of {summary.visits} visits)"
            ]
    people = people_of(found.sheets.get("T2.9", {}))
    if people:
        from .method import SKILL_AREAS

        wanted = sum(1 for e in people.values() if e.get("answers", {}).get("want"))
        noted = f"{len(people)} {'person' if len(people) == 1 else 'people'} noted their skills"
        found.skills = [f"{noted}; {wanted} {'wants' if wanted == 1 else 'want'} to build new ones"]
        for level, words in (("Want to learn", "Want to learn"), ("Expert", "Experts in")):
            counts = [
                (label, sum(1 for e in people.values() if e.get("answers", {}).get(name) == level))
                for name, label in SKILL_AREAS
            ]
            named = [f"{label.lower()} ({n})" for label, n in sorted(counts, key=lambda c: -c[1]) if n]
            if named:
                found.skills.append(f"{words}: " + ", ".join(named))
    for row in rows_of(found.sheets.get("T2.10", {})):
        if row.get("other"):
            found.could_move.append(f"{row.get('role', '')}, {row.get('activity', '')}: {row['other']}")
    bars = pareto(
        pool_tallies(InterruptionTally.objects.filter(project=project).values_list("counts", flat=True))
    )
    if bars:
        total = sum(b.count for b in bars)
        found.interruptions = [
            f"{total} interruptions tallied; the biggest cause: {bars[0].category.lower()} "
            f"({bars[0].share:.0f}%)"
        ] + [f"Interruptions: {b.category.lower()} ({b.count})" for b in bars[1:3]]
    ranked = process_results(project)
    found.problem_processes = [r.process for r in ranked if r.score is not None and r.score >= 1.5][:5]
    owners = {
        row.get("process", "").lower(): row.get("owner", "")
        for row in rows_of(found.sheets.get("T2.12", {}))
        if row.get("owner")
    }
    found.processes = [
        f"{r.process}: {severity(r.score)} problem"
        + (f" (owner: {owners[r.process.lower()]})" if r.process.lower() in owners else "")
        for r in ranked[:3]
        if r.score and r.score >= 1
    ]
    found.working_well = [
        f"{r.process} works well" for r in ranked if r.score is not None and r.score < 0.5 and r.raters
    ][:3]
    latest = SelfAssessment.objects.filter(project=project).order_by("-number").first()
    if latest and SelfAssessmentReturn.objects.filter(assessment=latest).count() >= MINIMUM_RETURNS:
        pooled = pool(
            SelfAssessmentRating.objects.filter(assessment=latest).values_list("characteristic", "level")
        )
        found.strong = [p.characteristic.name for p in pooled if p.mean is not None and p.mean >= 2.5]
        found.weak = [p.characteristic.name for p in pooled if p.mean is not None and p.mean < 1.75]
    found.metrics = [r.get("name", "") for r in rows_of(found.sheets.get("T2.15", {})) if r.get("name")]
    found.map_facts = _map_facts(project)
    if "Support from the wider system" in found.weak:
        found.escalate.append("Self-assessment: little support from the wider system (network, commissioner)")
    found.escalate += [
        f"{text} (fishbone: {category.lower()})"
        for text, category in Cause.objects.filter(
            project=project, parent__isnull=True, category="Rules and policies"
        ).values_list("text", "category")[:5]
    ]
    return found


def _map_facts(project: Project) -> list[str]:
    """The high-level process map in one sentence: its hand-offs and its waits."""
    from .models import MapStep
    from .process_map import StepIn, facts

    rows = list(
        MapStep.objects.filter(process_map__project=project, process_map__tool_id="T2.13")
        .select_related("process_map")
        .order_by("position")
    )
    if not rows:
        return []
    found = facts([StepIn(s.kind, s.text, s.role, s.minutes, s.loops_to) for s in rows])
    title = rows[0].process_map.name or "the process map"

    def many(n: int, word: str) -> str:
        return f"{n} {word}{'' if n == 1 else 's'}"

    waiting = f", {many(found.waits, 'wait')} ({found.minutes_waiting:,} minutes)" if found.waits else ""
    summary = f"{many(found.steps, 'step')}, {many(found.hand_offs, 'hand-off')}{waiting}"
    return [f"{title[0].upper()}{title[1:]}: {summary}"]


def five_ps(project: Project) -> list[Panel]:
    """The five panels of the poster, each filled from the worksheets and pages behind it."""
    from .sheets import people_of

    found = findings(project)

    def link(tool_id: str) -> tuple[str, str]:
        tool = TOOLS_BY_ID[tool_id]
        return (tool.name, tool_href(project, tool) or guidance_href(tool))

    purpose = found.lines("T2.2", "statement")
    views = len(people_of(found.sheets.get("T2.2", {}))) + len(found.lines("T2.2", "inputs"))
    if views:
        purpose.append(f"Drawn from the views of {views} {'person' if views == 1 else 'people'}")
    processes = found.processes + found.map_facts + found.interruptions[:1] + found.cycle
    processes += found.lines("T2.18", "problems")
    processes += [
        f"{c.text} ({c.category})" for c in Cause.objects.filter(project=project, parent__isnull=True)[:5]
    ]
    patterns = found.lines("T2.14", "demand", "outcomes", "team", "staff", "safety")
    if found.strong:
        patterns.append("Self-assessment, strongest: " + ", ".join(found.strong))
    if found.weak:
        patterns.append("Self-assessment, weakest: " + ", ".join(found.weak))
    if found.metrics:
        patterns.append("Measures we watch: " + ", ".join(found.metrics))
    purpose += found.lines("T2.1", "purpose")
    processes += found.lines("T2.1", "processes")
    patterns += found.lines("T2.1", "patterns")
    return [
        Panel("Purpose", purpose, [link("T2.2")]),
        Panel(
            "Patients",
            found.population
            + found.registers
            + found.lines("T2.3", "profile", "groups", "experience")
            + [f"Through the patient's eyes: {p}" for p in found.journey_pains[:3]]
            + found.lines("T2.1", "patients"),
            [link("T2.3"), link("T2.5"), link("T2.6")],
        ),
        Panel(
            "Professionals",
            found.lines("T2.7", "roles", "gaps")
            + found.skills
            + found.could_move[:3]
            + found.lines("T2.1", "professionals"),
            [link("T2.7"), link("T2.9"), link("T2.10")],
        ),
        Panel("Processes", processes, [link("T2.12"), link("T2.11"), link("T2.13"), link("T2.18")]),
        Panel("Patterns", patterns, [link("T2.14"), link("T2.15"), link("A")]),
    ]


def suggestions(project: Project, tool: Tool) -> list[tuple[str, list[str]]]:
    """For the discoveries summary: what the other step 2 tools found, grouped as the summary asks."""
    if tool.id != "T2.18":
        return []
    found = findings(project)
    groups = [
        (
            "Strengths",
            found.working_well
            + [f"Self-assessment: {name}" for name in found.strong]
            + found.journey_delights[:3],
        ),
        (
            "Problems and waste",
            found.processes
            + found.map_facts
            + found.interruptions
            + found.cycle
            + [f"Through the patient's eyes: {p}" for p in found.journey_pains[:3]]
            + [f"Could move: {line}" for line in found.could_move[:3]]
            + [f"Self-assessment: {name}" for name in found.weak]
            + found.lines("T2.7", "gaps"),
        ),
        ("Possible themes", found.problem_processes),
        ("Beyond our control", found.escalate),
    ]
    return [(heading, lines) for heading, lines in groups if lines]


def suggested_answers(project: Project, tool: Tool) -> dict[str, str]:
    """A first draft from the other tools, for the team to edit: the discoveries summary, and the
    processes that need an owner (the ranked problems, biggest first)."""
    if tool.id == "T2.12":
        problems = [r.process for r in process_results(project) if r.score is not None and r.score >= 1]
        return {f"row{i}_process": name for i, name in enumerate(problems[:10])}
    if tool.id != "T2.18":
        return {}
    by_heading = dict(suggestions(project, tool))
    draft = {
        "strengths": by_heading.get("Strengths", []),
        "problems": by_heading.get("Problems and waste", []),
        "themes": by_heading.get("Possible themes", []),
        "escalate": by_heading.get("Beyond our control", []),
    }
    return {name: "\n".join(lines) for name, lines in draft.items() if lines}


# --- Self-assessment --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class AssessmentPage:
    number: int | None
    opened_on: date | None
    returns: int
    answered: bool
    results: list[Any]
    showing: bool
    previous: dict[int, float | None]
    changes: dict[int, float | None]


def assessment_page(project: Project, user: Any) -> AssessmentPage:
    from .assessment import MINIMUM_RETURNS, change, pool

    rounds = list(SelfAssessment.objects.filter(project=project).order_by("-number")[:2])
    if not rounds:
        return AssessmentPage(None, None, 0, False, [], False, {}, {})
    current = rounds[0]
    returns = SelfAssessmentReturn.objects.filter(assessment=current).count()
    answered = SelfAssessmentReturn.objects.filter(assessment=current, respondent_id=user.id).exists()
    results = pool(
        SelfAssessmentRating.objects.filter(assessment=current).values_list("characteristic", "level")
    )
    previous: dict[int, float | None] = {}
    if (
        len(rounds) > 1
        and SelfAssessmentReturn.objects.filter(assessment=rounds[1]).count() >= MINIMUM_RETURNS
    ):
        before = pool(
            SelfAssessmentRating.objects.filter(assessment=rounds[1]).values_list("characteristic", "level")
        )
        previous = {p.characteristic.number: p.mean for p in before}
    now = {p.characteristic.number: p.mean for p in results}
    return AssessmentPage(
        number=current.number,
        opened_on=current.opened_on,
        returns=returns,
        answered=answered,
        results=results,
        showing=returns >= MINIMUM_RETURNS,
        previous=previous,
        changes=change(previous, now) if previous else {},
    )


def worksheet_warnings(project: Project, tool: Tool, sheet: Worksheet | None) -> list[str]:
    """Checks on a saved worksheet: the global aim's scope; who does what adding up to a week."""
    from .scope_check import scope_warnings
    from .sheets import rows_of, shares_over_a_week

    if sheet is not None and tool.id == "T2.10":
        return shares_over_a_week(rows_of(sheet.answers))
    if tool.id != "T3.2" or sheet is None:
        return []
    taking_part = TeamMember.objects.filter(project=project).values_list("organisation__name", flat=True)
    return scope_warnings(sheet.answers.get("begins", ""), sheet.answers.get("ends", ""), taking_part)


def chosen_theme(project: Project, tool: Tool) -> str | None:
    """For the global aim: the theme the team chose (T3.1), "" when none is chosen yet; None elsewhere."""
    if tool.id != "T3.2":
        return None
    return (
        Idea.objects.filter(project=project, list_key="themes", chosen=True)
        .values_list("text", flat=True)
        .first()
        or ""
    )


def map_today(project: Project, tool: Tool) -> Any:
    """For the ideal map: the facts of the map of how the process runs today (detailed, else high-level),
    with its tool's name, to compare; None elsewhere or when neither has steps."""
    from .models import MapStep
    from .process_map import StepIn, facts

    if tool.id != "T3.3F":
        return None
    steps = list(
        MapStep.objects.filter(process_map__project=project, process_map__tool_id__in=["T3.3", "T2.13"])
        .select_related("process_map")
        .order_by("position")
    )
    for tool_id in ("T3.3", "T2.13"):
        mine = [
            StepIn(s.kind, s.text, s.role, s.minutes, s.loops_to)
            for s in steps
            if s.process_map.tool_id == tool_id
        ]
        if mine:
            return (TOOLS_BY_ID[tool_id].name, facts(mine))
    return None


def map_bounds_warnings(project: Project, tool: Tool, found: Any) -> list[str]:
    """For the detailed map: where its first and last steps no longer match the global aim's."""
    if tool.id != "T3.3":
        return []
    aim = Worksheet.objects.filter(project=project, tool_id="T3.2").values_list("answers", flat=True).first()
    if not aim or not (aim.get("begins") or aim.get("ends")):
        return [
            "The global aim has no first and last step yet: write them there, and this map will start "
            "from them."
        ]
    warnings = []
    for part, in_aim, in_map in (
        ("begins", aim.get("begins", ""), found.starts if found else ""),
        ("ends", aim.get("ends", ""), found.ends if found else ""),
    ):
        if in_aim.strip() and in_aim.strip().lower() != in_map.strip().lower():
            warnings.append(
                f"The global aim says the process {part} with “{in_aim.strip()}”, but this map "
                + (f"says “{in_map.strip()}”." if in_map.strip() else "does not say.")
                + " Change the map's outline, or the aim, so they cover the same process."
            )
    return warnings


def severity(score: float | None) -> str:
    """A pooled problem score in words."""
    if score is None:
        return "unknown"
    return "big" if score >= 2.5 else "real" if score >= 1.5 else "small"


def process_results(project: Project) -> list[Any]:
    from .processes import ranked_problems

    return ranked_problems(ProcessRating.objects.filter(project=project).values_list("process", "rating"))


HISTORY_LIMIT = 500


def project_history(project: Project) -> list[EventRow]:
    """The project's history, newest first (the latest HISTORY_LIMIT changes)."""
    events = ProjectEvent.objects.filter(project=project).select_related("by")[:HISTORY_LIMIT]
    return [EventRow(e.at, e.by.full_name if e.by else "", e.what) for e in events]


@dataclass(frozen=True)
class MapPage:
    name: str
    starts: str
    ends: str
    steps: list[Any]
    drawing: Any
    facts: Any


def process_map_page(found: Any) -> MapPage:
    from .process_map import StepIn, facts, layout

    steps = list(found.steps.all()) if found else []
    drawn = [StepIn(s.kind, s.text, s.role, s.minutes, s.loops_to) for s in steps]
    return MapPage(
        name=found.name if found else "",
        starts=found.starts if found else "",
        ends=found.ends if found else "",
        steps=steps,
        drawing=layout(drawn),
        facts=facts(drawn),
    )


def joinable(project: Project) -> list[tuple[Any, str]]:
    """People of the lead practice who could join the lead team: (user, label)."""
    from microsystems.people.models import Membership
    from microsystems.people.roles import Role

    on_team = TeamMember.objects.filter(project=project).values_list("user_id", flat=True)
    memberships = (
        Membership.objects.active()
        .filter(organisation=project.practice, role__in=[Role.PRACTICE_STAFF, Role.PATIENT_REPRESENTATIVE])
        .exclude(user_id__in=on_team)
        .select_related("user")
        .order_by("user__full_name")
    )
    return [(m.user, f"{m.user.full_name}, {m.title}") for m in memberships]
