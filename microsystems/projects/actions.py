"""Every change to a project, each in one transaction with its history written alongside.

Keyword-only arguments and an explicit `by=` actor: the views find the objects through the permission
layer and call these; nothing here checks permissions."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from microsystems.people.models import Membership, Microsystem, Organisation, User
from microsystems.people.roles import Role
from microsystems.programme.gates import may_move_past_step_one
from microsystems.programme.models import Coach, Programme

from . import leavers, sheets
from . import meetings as meeting_rules
from .method import TOOLS_BY_ID, PathKind, Tool
from .models import (
    Action,
    AgendaItem,
    Cause,
    CauseVote,
    CycleVisit,
    Fishbone,
    Idea,
    IdeaVote,
    InterruptionTally,
    MapStep,
    Meeting,
    ParkedIdea,
    PopulationImport,
    ProcessMap,
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
    WorksheetRevision,
)


def record(
    project: Project, by: User | None, what: str, tool_id: str = "", *, was: str = "", now: str = ""
) -> None:
    """One line of the project's history; `was` and `now` keep the words a change replaced, in full."""
    ProjectEvent.objects.create(project=project, by=by, what=what[:300], tool_id=tool_id, was=was, now=now)


@transaction.atomic
def start_project(
    *,
    programme: Programme,
    practice: Organisation,
    title: str,
    microsystems: Iterable[Microsystem],
    champion: User,
    sponsor: User,
    members: Iterable[User],
    patients: Iterable[User],
    no_patient_reason: str,
    coaches: Iterable[Coach],
    typology: str,
    path_kind: PathKind,
    by: User,
) -> Project:
    """A new project with its lead team. Each member is placed on the team once, in their most
    specific part (champion, then sponsor, then patient, then member); the project crosses
    organisations when anyone on the team, or any microsystem, belongs to another organisation."""
    microsystems = list(microsystems)
    parts: dict[int, tuple[User, str]] = {}
    for user in members:
        parts[user.id] = (user, TeamPart.MEMBER)
    for user in patients:
        parts[user.id] = (user, TeamPart.PATIENT)
    parts[sponsor.id] = (sponsor, TeamPart.SPONSOR)
    parts[champion.id] = (champion, TeamPart.CHAMPION)

    memberships = (
        Membership.objects.active()
        .filter(user_id__in=parts, role__in=[Role.PRACTICE_STAFF, Role.PATIENT_REPRESENTATIVE])
        .select_related("organisation")
        .order_by("user_id", "-organisation__kind", "id")
    )
    home: dict[int, Membership] = {}
    for membership in memberships:
        # Prefer the lead practice; otherwise the member's own organisation.
        if membership.organisation_id == practice.id or membership.user_id not in home:
            home[membership.user_id] = membership
    organisation_ids = {m.organisation_id for m in home.values()} | {m.organisation_id for m in microsystems}
    project = Project.objects.create(
        programme=programme,
        practice=practice,
        title=title,
        typology=typology,
        path_kind=path_kind.value,
        no_patient_reason="" if patients else no_patient_reason,
        crosses_organisations=bool(organisation_ids - {practice.id}),
        created_by=by,
    )
    project.microsystems.set(microsystems)
    project.coaches.set(list(coaches))
    TeamMember.objects.bulk_create(
        [
            TeamMember(
                project=project,
                user=user,
                organisation_id=home[user.id].organisation_id if user.id in home else practice.id,
                part=part,
                title=home[user.id].title if user.id in home else "",
            )
            for user, part in parts.values()
        ]
    )
    ToolMark.objects.create(project=project, tool_id="T1.1", mark=ToolMark.Mark.DONE, marked_by=by)
    record(project, by, f"Started the project with a lead team of {len(parts)}", "T1.1")
    return project


class StepOneGate(Exception):
    """The programme requires a signed coaching agreement before the project goes past step 1."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def check_step_one_gate(project: Project, tool: Tool) -> None:
    """Raise StepOneGate when work on a tool after step 1 would take the project past the programme's
    agreement gate (programme.gates decides)."""
    if tool.step >= 2:
        gate = may_move_past_step_one(project)
        if not gate.allowed:
            raise StepOneGate(gate.reason)


def settle(project: Project, tool_id: str, by: User | None, *, replace: bool = False) -> bool:
    """Mark a tool done because the team used it, unless it comes after step 1 while the programme's
    agreement gate is closed: then the work is kept but the project does not move past step 1 until the
    agreement is signed (the tool settles the next time it is used, or when the team marks it done).
    `replace` overrides a "not needed" mark."""
    tool = TOOLS_BY_ID.get(tool_id)
    if tool is not None and tool.step >= 2 and not may_move_past_step_one(project).allowed:
        return False
    defaults = {"mark": ToolMark.Mark.DONE, "marked_by": by}
    if replace:
        ToolMark.objects.update_or_create(project=project, tool_id=tool_id, defaults=defaults)
    else:
        ToolMark.objects.get_or_create(project=project, tool_id=tool_id, defaults=defaults)
    return True


@transaction.atomic
def mark_tool(*, project: Project, tool: Tool, mark: str | None, by: User) -> None:
    """Mark a tool done or not needed, or clear the mark (`mark=None`) so it is back on the path.
    Raises StepOneGate, changing nothing, when a tool after step 1 is marked before the gate opens."""
    if mark is not None:
        check_step_one_gate(project, tool)
    if mark is None:
        ToolMark.objects.filter(project=project, tool_id=tool.id).delete()
        record(project, by, f"Put {tool.name} back on the path", tool.id)
        return
    ToolMark.objects.update_or_create(
        project=project,
        tool_id=tool.id,
        defaults={"mark": mark, "marked_by": by, "marked_at": timezone.now()},
    )
    label = "done" if mark == ToolMark.Mark.DONE else "not needed"
    record(project, by, f"Marked {tool.name} {label}", tool.id)


@transaction.atomic
def set_path_kind(*, project: Project, path_kind: PathKind, by: User) -> None:
    project.path_kind = path_kind.value
    project.save(update_fields=["path_kind"])
    record(project, by, f"Chose the {path_kind.value} path")


# --- Worksheets: versioned, with every version kept ---------------------------------------------
@dataclass(frozen=True)
class Conflict(Exception):
    """Someone saved the worksheet after the editor opened it: nothing was saved."""

    theirs: Mapping[str, str]
    their_version: int
    saved_by: str
    saved_at: datetime


@transaction.atomic
def save_worksheet(
    *,
    project: Project,
    tool: Tool,
    answers: Mapping[str, str],
    based_on_version: int,
    by: User,
    rows: list[dict[str, str]] | None = None,
) -> Worksheet:
    """Save the team's answers (and the table's rows, for a tool with a table) if nobody changed them
    since version `based_on_version`; otherwise raise Conflict and change nothing. People saving their
    own answers in between do not count as a change. The check and the write happen under a row lock, so
    two saves of the same version cannot both succeed. Each person's own answers are kept as they are."""
    check_step_one_gate(project, tool)  # a worksheet after step 1 waits for the agreement gate
    worksheet, _ = Worksheet.objects.get_or_create(project=project, tool_id=tool.id)
    # Lock only the worksheet row: PostgreSQL cannot lock the nullable side of the join to its editor.
    worksheet = (
        Worksheet.objects.select_for_update(of=("self",)).select_related("updated_by").get(pk=worksheet.pk)
    )
    if worksheet.version != based_on_version:
        base = (
            WorksheetRevision.objects.filter(worksheet=worksheet, version=based_on_version)
            .values_list("answers", flat=True)
            .first()
        )
        if sheets.shared(tool, base or {}) != sheets.shared(tool, worksheet.answers):
            raise Conflict(
                theirs=dict(worksheet.answers),
                their_version=worksheet.version,
                saved_by=str(worksheet.updated_by or "someone"),
                saved_at=worksheet.updated_at,
            )
    clean: dict[str, Any] = {field.name: answers.get(field.name, "").strip() for field in tool.fields}
    if tool.rows:
        clean["rows"] = list(rows or [])
    saved = {**worksheet.answers, **clean}
    saved.pop(sheets.OWN_ONLY, None)
    _write(worksheet, saved, by)
    record(project, by, f"Saved {tool.name} (version {worksheet.version})", tool.id)
    return worksheet


def _write(worksheet: Worksheet, answers: dict[str, Any], by: User) -> None:
    """Save a locked worksheet's new answers as the next version, with a revision kept."""
    worksheet.answers = answers
    worksheet.version = F("version") + 1
    worksheet.updated_by = by
    worksheet.updated_at = timezone.now()
    worksheet.save()
    worksheet.refresh_from_db()
    WorksheetRevision.objects.create(
        worksheet=worksheet,
        version=worksheet.version,
        answers=answers,
        saved_by=by,
        saved_at=worksheet.updated_at,
    )


class OwnConflict(Exception):
    """The person saved their own answers elsewhere (another tab or device) since they opened them."""

    def __init__(self, theirs: Mapping[str, str]) -> None:
        super().__init__("Own answers changed since they were opened")
        self.theirs = dict(theirs)


@transaction.atomic
def save_own_answers(
    *, project: Project, tool: Tool, answers: Mapping[str, str], based_on_version: int, by: User
) -> Worksheet:
    """Save one person's own answers on a worksheet (blank answers take their entry away). Others saving
    theirs at the same time never clash; the same person saving from two places is told (OwnConflict).
    Like the team's answers, waits for the programme's agreement gate after step 1 (StepOneGate)."""
    check_step_one_gate(project, tool)
    worksheet, _ = Worksheet.objects.get_or_create(project=project, tool_id=tool.id)
    worksheet = Worksheet.objects.select_for_update(of=("self",)).get(pk=worksheet.pk)
    if sheets.own_version(worksheet.answers, by.pk) != based_on_version:
        entry = sheets.people_of(worksheet.answers).get(by.pk, {})
        raise OwnConflict(entry.get("answers", {}))
    now = timezone.now()
    _write(worksheet, sheets.with_own(tool, worksheet.answers, by.pk, answers, now.isoformat()), by)
    record(project, by, f"Saved their own answers on {tool.name}", tool.id)
    return worksheet


# --- Meetings and actions ------------------------------------------------------------------------
def _team_in_rota_order(project: Project) -> list[User]:
    """Staff on the lead team, champion first; patient members are invited to every meeting but are not
    given a role unless the team chooses."""
    members = (
        TeamMember.objects.filter(project=project)
        .current()
        .exclude(part=TeamPart.PATIENT)
        .select_related("user")
        .order_by("part", "user__full_name")
    )
    return [m.user for m in members]


@transaction.atomic
def schedule_meetings(
    *, project: Project, first: datetime, count: int, frequency: str, by: User
) -> list[Meeting]:
    """Add `count` sessions after any already planned, with roles rotated and a seven-step agenda."""
    rota = _team_in_rota_order(project)
    last = project.meetings.order_by("-number").first()
    start_number = (last.number if last else 0) + 1
    minutes = meeting_rules.LENGTHS[frequency]
    created = []
    for i, starts_at in enumerate(meeting_rules.schedule(first, count, frequency)):
        number = start_number + i
        roles = meeting_rules.rotate_roles(rota, number)
        meeting = Meeting.objects.create(
            project=project, number=number, starts_at=starts_at, minutes=minutes, **roles
        )
        AgendaItem.objects.bulk_create(
            [
                AgendaItem(
                    meeting=meeting, position=p, title=line.title, minutes=line.minutes, outcome=line.outcome
                )
                for p, line in enumerate(meeting_rules.seven_step_agenda(minutes), start=1)
            ]
        )
        created.append(meeting)
    project.meeting_frequency = frequency
    project.save(update_fields=["meeting_frequency"])
    record(project, by, f"Planned {count} meetings ({frequency.replace('_', ' ')})", "T1.3")
    return created


@transaction.atomic
def save_meeting_record(
    *, meeting: Meeting, fields: Mapping[str, Any], based_on_version: int, by: User
) -> bool:
    """Save the meeting's roles, notes, decisions and score. Returns False (and saves nothing) when
    someone else saved the record since `based_on_version`."""
    updated = Meeting.objects.filter(pk=meeting.pk, version=based_on_version).update(
        **fields, held=True, version=F("version") + 1
    )
    if not updated:
        return False
    record(meeting.project, by, f"Recorded meeting {meeting.number}", "T1.5")
    if fields.get("score") is not None:
        ToolMark.objects.get_or_create(
            project=meeting.project, tool_id="T1.7", defaults={"mark": ToolMark.Mark.DONE, "marked_by": by}
        )
    for tool_id in ("T1.2", "T1.3", "T1.5"):
        ToolMark.objects.get_or_create(
            project=meeting.project, tool_id=tool_id, defaults={"mark": ToolMark.Mark.DONE, "marked_by": by}
        )
    return True


@transaction.atomic
def add_action(
    *, project: Project, text: str, owner: User, due_on: date, meeting: Meeting | None, by: User
) -> Action:
    action = Action.objects.create(
        project=project, meeting=meeting, text=text.strip(), owner=owner, due_on=due_on, created_by=by
    )
    record(project, by, f"Added an action for {owner}: {action.text}", "T1.5")
    return action


@transaction.atomic
def complete_action(*, action: Action, by: User) -> None:
    if action.done_on is None:
        action.done_on = timezone.localdate()
        action.save(update_fields=["done_on"])
        record(action.project, by, f"Completed the action: {action.text}", "T1.5")


@transaction.atomic
def park_idea(*, project: Project, text: str, meeting: Meeting | None, by: User) -> ParkedIdea:
    idea = ParkedIdea.objects.create(project=project, meeting=meeting, text=text.strip(), raised_by=by)
    record(project, by, f"Parked an idea: {idea.text}", "T1.5")
    return idea


def tool(tool_id: str) -> Tool:
    return TOOLS_BY_ID[tool_id]


# --- Brainstorming and multi-voting (T1.6), theme selection (T3.1) ----------------------------------
@transaction.atomic
def add_idea(*, project: Project, list_key: str, text: str, by: User) -> Idea:
    idea = Idea.objects.create(project=project, list_key=list_key, text=text.strip(), raised_by=by)
    record(project, by, f"Added “{idea.text}” to the list", "T1.6")
    return idea


@transaction.atomic
def add_ideas(*, project: Project, list_key: str, texts: Iterable[str], by: User) -> int:
    """Add each text not already on the list (ignoring case); returns how many were added."""
    existing = {
        t.lower()
        for t in Idea.objects.filter(project=project, list_key=list_key).values_list("text", flat=True)
    }
    new = []
    for text in texts:
        clean = text.strip()[:300]
        if clean and clean.lower() not in existing:
            existing.add(clean.lower())
            new.append(Idea(project=project, list_key=list_key, text=clean, raised_by=by))
    Idea.objects.bulk_create(new)
    if new:
        record(project, by, f"Brought {len(new)} candidate themes onto the list", "T3.1")
    return len(new)


class OutOfVotes(Exception):
    """The voter has used all their votes on this list."""


@transaction.atomic
def toggle_vote(*, idea: Idea, by: User) -> bool:
    """Give the idea the voter's vote, or take it back; returns whether the vote now stands. Refuses a
    vote beyond the voter's allowance for the list."""
    from .voting import votes_each

    existing = IdeaVote.objects.filter(idea=idea, voter=by)
    if existing.exists():
        existing.delete()
        return False
    same_list = Idea.objects.filter(project=idea.project_id, list_key=idea.list_key)
    used = IdeaVote.objects.filter(idea__in=same_list, voter=by).count()
    if used >= votes_each(same_list.count()):
        raise OutOfVotes
    IdeaVote.objects.create(idea=idea, voter=by)
    return True


@transaction.atomic
def choose_theme(*, idea: Idea, by: User) -> None:
    Idea.objects.filter(project=idea.project_id, list_key=idea.list_key).update(chosen=False)
    Idea.objects.filter(pk=idea.pk).update(chosen=True)
    settle(idea.project, "T3.1", by, replace=True)
    record(idea.project, by, f"Chose the theme: {idea.text}", "T3.1")


# --- Fishbone (T3.4) ------------------------------------------------------------------------------------
@transaction.atomic
def save_effect(*, project: Project, effect: str, based_on_version: int, by: User) -> bool:
    """Save the problem at the head of the fishbone; False (nothing saved) if someone saved it since."""
    fishbone, _ = Fishbone.objects.get_or_create(project=project)
    updated = Fishbone.objects.filter(pk=fishbone.pk, version=based_on_version).update(
        effect=effect.strip(), version=F("version") + 1
    )
    if updated:
        record(project, by, f"Set the fishbone's problem: {effect.strip()}", "T3.4")
    return bool(updated)


@transaction.atomic
def add_cause(*, project: Project, category: str, text: str, parent: Cause | None, by: User) -> Cause:
    cause = Cause.objects.create(
        project=project,
        category=parent.category if parent else category,
        text=text.strip(),
        parent=parent,
        raised_by=by,
    )
    settle(project, "T3.4", by)
    record(project, by, f"Added a cause under {cause.category}: {cause.text}", "T3.4")
    return cause


@transaction.atomic
def toggle_cause_vote(*, cause: Cause, by: User) -> bool:
    existing = CauseVote.objects.filter(cause=cause, voter=by)
    if existing.exists():
        existing.delete()
        record(cause.project, by, f"Took back a vote for the cause: {cause.text}", "T3.4")
        return False
    CauseVote.objects.create(cause=cause, voter=by)
    record(cause.project, by, f"Voted for the cause: {cause.text}", "T3.4")
    return True


# --- Self-assessment (Annex A) -------------------------------------------------------------------------
@transaction.atomic
def open_self_assessment(*, project: Project, by: User) -> SelfAssessment:
    last = project.self_assessments.order_by("-number").first()
    round_ = SelfAssessment.objects.create(
        project=project, number=(last.number if last else 0) + 1, opened_by=by
    )
    record(project, by, f"Opened round {round_.number} of the self-assessment", "A")
    return round_


class AlreadyAnswered(Exception):
    pass


@transaction.atomic
def answer_self_assessment(*, assessment: SelfAssessment, levels: Mapping[int, int], by: User) -> None:
    """Record one person's ratings without their name; the return (who answered) is kept apart, and
    stops anyone answering the same round twice."""
    _, created = SelfAssessmentReturn.objects.get_or_create(assessment=assessment, respondent=by)
    if not created:
        raise AlreadyAnswered
    SelfAssessmentRating.objects.bulk_create(
        [
            SelfAssessmentRating(assessment=assessment, characteristic=c, level=level)
            for c, level in levels.items()
        ]
    )
    settle(assessment.project, "A", None)


# --- How well our processes work (T2.12) ------------------------------------------------------------------
@transaction.atomic
def rate_processes(*, project: Project, ratings: Mapping[str, str], by: User) -> int:
    """Save (or replace) this person's rating of each process they rated; returns how many."""
    from .processes import SCORES

    saved = 0
    for process, rating in ratings.items():
        if rating in SCORES:
            ProcessRating.objects.update_or_create(
                project=project,
                process=process,
                rater=by,
                defaults={"rating": rating, "rated_at": timezone.now()},
            )
            saved += 1
    if saved:
        settle(project, "T2.12", by)
        record(project, by, f"Rated {saved} of the practice's processes", "T2.12")
    return saved


# --- Process maps (T2.13, T3.3) ----------------------------------------------------------------------------
def process_map_for(project: Project, tool: Tool) -> ProcessMap:
    """The project's map for this tool; the detailed map starts from the global aim's first and last steps."""
    found = ProcessMap.objects.filter(project=project, tool_id=tool.id).first()
    if found and (found.version or found.starts or found.ends or tool.id not in ("T3.3", "T3.3F")):
        return found
    starts = ends = ""
    if tool.id in ("T3.3", "T3.3F"):
        aim = Worksheet.objects.filter(project=project, tool_id="T3.2").first()
        if aim:
            starts, ends = aim.answers.get("begins", ""), aim.answers.get("ends", "")
    if found:  # opened before the aim was written, and its outline never saved: it starts from the aim
        if starts or ends:
            ProcessMap.objects.filter(pk=found.pk, version=0).update(starts=starts, ends=ends)
            found.refresh_from_db()
        return found
    return ProcessMap.objects.create(project=project, tool_id=tool.id, starts=starts, ends=ends)


@transaction.atomic
def start_ideal_from_today(*, process_map: ProcessMap, by: User) -> int:
    """Copy the steps of today's map (the detailed map, else the high-level one) into an empty ideal map,
    for the team to change. Returns how many steps were copied (0 when the ideal map has steps already
    or there is nothing to copy)."""
    locked = ProcessMap.objects.select_for_update().get(pk=process_map.pk)
    if locked.tool_id != "T3.3F" or locked.steps.exists():
        return 0
    for tool_id in ("T3.3", "T2.13"):
        steps = list(
            MapStep.objects.filter(
                process_map__project=locked.project_id, process_map__tool_id=tool_id
            ).order_by("position")
        )
        if steps:
            MapStep.objects.bulk_create(
                MapStep(
                    process_map=locked,
                    position=s.position,
                    kind=s.kind,
                    text=s.text,
                    role=s.role,
                    minutes=s.minutes,
                    loops_to=s.loops_to,
                )
                for s in steps
            )
            ProcessMap.objects.filter(pk=locked.pk).update(version=F("version") + 1)
            settle(locked.project, "T3.3F", by)
            record(
                locked.project, by, f"Started the ideal map from {len(steps)} steps of today's map", "T3.3F"
            )
            return len(steps)
    return 0


@transaction.atomic
def save_map_outline(
    *, process_map: ProcessMap, name: str, starts: str, ends: str, based_on_version: int, by: User
) -> bool:
    updated = ProcessMap.objects.filter(pk=process_map.pk, version=based_on_version).update(
        name=name.strip(), starts=starts.strip(), ends=ends.strip(), version=F("version") + 1
    )
    if updated:
        record(process_map.project, by, f"Saved the outline of the map: {name.strip()}", process_map.tool_id)
    return bool(updated)


@transaction.atomic
def add_map_step(
    *,
    process_map: ProcessMap,
    kind: str,
    text: str,
    role: str,
    minutes: int | None,
    loops_to: int | None,
    by: User,
) -> MapStep:
    last = process_map.steps.order_by("-position").first()
    position = (last.position if last else 0) + 1
    step = MapStep.objects.create(
        process_map=process_map,
        position=position,
        kind=kind,
        text=text.strip(),
        role=role.strip(),
        minutes=minutes,
        loops_to=loops_to if kind == MapStep.Kind.DECISION and loops_to and loops_to < position else None,
    )
    ProcessMap.objects.filter(pk=process_map.pk).update(version=F("version") + 1)
    settle(process_map.project, process_map.tool_id, by)
    record(process_map.project, by, f"Added step {position} to the map: {step.text}", process_map.tool_id)
    return step


@transaction.atomic
def remove_last_map_step(*, process_map: ProcessMap, by: User) -> None:
    last = process_map.steps.order_by("-position").first()
    if last:
        last.delete()
        ProcessMap.objects.filter(pk=process_map.pk).update(version=F("version") + 1)
        record(
            process_map.project,
            by,
            f"Removed step {last.position} from the map: {last.text}",
            process_map.tool_id,
        )


@transaction.atomic
def change_details(
    *, project: Project, title: str, typology: str, no_patient_reason: str, joining: Iterable[User], by: User
) -> None:
    """Change the project's title and kind, and add people to the lead team (a patient representative
    joins as the patient member)."""
    project.title = title.strip()
    project.typology = typology
    project.no_patient_reason = no_patient_reason.strip()
    project.save(update_fields=["title", "typology", "no_patient_reason"])
    memberships = (
        Membership.objects.active()
        .filter(user__in=list(joining), organisation=project.practice)
        .select_related("user")
        .order_by("user_id", "role")
    )
    added = []
    for membership in memberships:
        if TeamMember.objects.filter(project=project, user=membership.user).exists():
            continue
        patient = membership.role == Role.PATIENT_REPRESENTATIVE
        TeamMember.objects.create(
            project=project,
            user=membership.user,
            organisation=project.practice,
            part=TeamPart.PATIENT if patient else TeamPart.MEMBER,
            title=membership.title,
        )
        added.append(membership.user.full_name)
    record(
        project,
        by,
        "Changed the project's details" + (f"; added {', '.join(added)} to the lead team" if added else ""),
    )


@transaction.atomic
def set_leads(*, project: Project, champion: User, sponsor: User, by: User) -> None:
    """Name the lead team's champion and senior sponsor from its members (the one they replace stays on
    the team as a member); the change is kept in the history."""
    team = {m.user_id: m for m in TeamMember.objects.filter(project=project).select_related("user")}
    before = {
        m.part: m.user.full_name for m in team.values() if m.part in (TeamPart.CHAMPION, TeamPart.SPONSOR)
    }
    wanted = {TeamPart.CHAMPION: champion, TeamPart.SPONSOR: sponsor}
    if all(team[person.pk].part == part for part, person in wanted.items()):
        return
    TeamMember.objects.filter(project=project, part__in=[TeamPart.CHAMPION, TeamPart.SPONSOR]).update(
        part=TeamPart.MEMBER
    )
    for part, person in wanted.items():
        TeamMember.objects.filter(project=project, user=person).update(part=part)
        if before.get(part) != person.full_name:
            label = "champion" if part == TeamPart.CHAMPION else "senior sponsor"
            was = f" (was {before[part]})" if part in before else ""
            record(project, by, f"{person.full_name} is now the {label}{was}", "T1.1")


class LeaveRefused(Exception):
    """A member cannot be marked as having left the lead team (yet): the reason says why."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(reason)
        self.field = field
        self.reason = reason


def _rotate_roles_to_come(project: Project, of_meetings: Q) -> int:
    """Give the meetings still to come (those matching `of_meetings`) their roles anew from the lead team
    as it is now; how many changed."""
    rota = _team_in_rota_order(project)
    to_come = Meeting.objects.filter(project=project, held=False, starts_at__gte=timezone.now())
    changed = 0
    for meeting in to_come.filter(of_meetings):
        changed += Meeting.objects.filter(pk=meeting.pk).update(
            **meeting_rules.rotate_roles(rota, meeting.number), version=F("version") + 1
        )
    return changed


@transaction.atomic
def mark_left_team(*, project: Project, member: TeamMember, on: date, by: User) -> None:
    """Record that a member left the lead team on a day. Their answers and actions stay; they are no longer
    given meeting roles or counted on the team. The champion and senior sponsor hand over their role
    first."""
    member = TeamMember.objects.select_for_update().select_related("user").get(pk=member.pk, project=project)
    field, reason = leavers.why_not_leave(
        part=member.part,
        joined_on=member.joined_on,
        already_left=member.left_on,
        on=on,
        today=timezone.localdate(),
    )
    if reason:
        raise LeaveRefused(field, reason)
    member.left_on = on
    member.left_recorded_by = by
    member.save(update_fields=["left_on", "left_recorded_by"])
    # Meetings still to come no longer give them a role: the roles of those meetings rotate anew.
    holds_a_role = Q(leader=member.user) | Q(facilitator=member.user)
    holds_a_role |= Q(timekeeper=member.user) | Q(recorder=member.user)
    _rotate_roles_to_come(project, holds_a_role)
    open_actions = Action.objects.filter(project=project, owner=member.user, done_on__isnull=True).count()
    still_open = f"; {open_actions} open action(s) of theirs to reassign" if open_actions else ""
    record(project, by, f"{member.user.full_name} left the lead team on {on:%-d %B %Y}{still_open}", "T1.1")


@transaction.atomic
def bring_back(*, project: Project, member: TeamMember, by: User) -> None:
    """Undo a record that a member left the lead team (made by mistake): they are on the team again, and
    their open actions are theirs again rather than to reassign. Refused when they are not recorded as
    having left (someone brought them back meanwhile), or when they are no longer at the organisation
    they joined the team from."""
    member = (
        TeamMember.objects.select_for_update()
        .select_related("user", "organisation")
        .get(pk=member.pk, project=project)
    )
    name = member.user.full_name
    if member.left_on is None:
        raise LeaveRefused("member", f"{name} is on the lead team: they are not recorded as having left.")
    still_there = (
        Membership.objects.active()
        .filter(user=member.user, organisation=member.organisation, user__is_active=True)
        .exists()
    )
    if not still_there:
        raise LeaveRefused(
            "member", f"{name} is no longer at {member.organisation.name}, so cannot rejoin the lead team."
        )
    was = member.left_on
    member.left_on = None
    member.left_recorded_by = None
    member.save(update_fields=["left_on", "left_recorded_by"])
    # The meetings still to come share their roles among the team again, them included.
    rotated = _rotate_roles_to_come(project, Q())
    roles = f"; the roles of the {rotated} meeting(s) to come rotate anew to include them" if rotated else ""
    record(
        project,
        by,
        f"{name} is back on the lead team: the record that they left on {was:%-d %B %Y} is undone{roles}",
        "T1.1",
    )


@dataclass(frozen=True)
class Reassigned:
    moved: list[str]  # the actions reassigned, by their words
    not_moved: list[str]  # those someone else reassigned, completed or removed meanwhile


@transaction.atomic
def reassign_actions(*, project: Project, seen: Mapping[int, int], to: User, by: User) -> Reassigned:
    """Give open actions of people who left the lead team to a current member. `seen` is each action's id
    and its owner as the person saw them: an action reassigned, done or removed since is left alone and
    named in `not_moved`. Each reassignment is kept in the history."""
    gone = leavers.left_the_team(project, timezone.localdate())
    if to.pk in gone or not TeamMember.objects.filter(project=project, user=to).exists():
        raise LeaveRefused("to", "Choose someone who is on the lead team now.")
    found = {
        a.pk: a
        for a in Action.objects.select_for_update()
        .filter(project=project, pk__in=list(seen))
        .select_related("owner")
    }
    moved: list[str] = []
    not_moved: list[str] = []
    for pk, action in found.items():
        if action.done_on is not None or action.owner_id != seen[pk] or action.owner_id not in gone:
            not_moved.append(action.text)
            continue
        Action.objects.filter(pk=pk).update(owner=to)
        moved.append(action.text)
        record(
            project,
            by,
            f"Reassigned the action “{action.text}” from {action.owner.full_name} to {to.full_name}",
            "T1.1",
        )
    return Reassigned(moved, not_moved)


@transaction.atomic
def import_population(*, project: Project, population: Any, file_name: str, by: User) -> PopulationImport:
    imported = PopulationImport.objects.create(
        project=project,
        practice_code=population.practice_code,
        extract_date=population.extract_date,
        total=population.total,
        bands=[{"label": b.label, "male": b.male, "female": b.female} for b in population.bands],
        file_name=file_name[:200],
        imported_by=by,
    )
    record(project, by, f"Imported the registered population: {population.total:,} patients", "T2.3")
    return imported


@transaction.atomic
def import_clinical_report(*, project: Project, report: Any, file_name: str, by: User) -> str:
    """Keep what a clinical-system report holds: its registers go into the patient profile's table (a
    register already there has its count replaced; the others are kept), its age bands become the
    registered population. Returns what was imported, in words."""
    if report.bands:
        PopulationImport.objects.create(
            project=project,
            practice_code=(project.practice.ods_code or "")[:10],
            extract_date=report.run_on,
            total=report.total,
            bands=[
                {"label": b.label, "male": b.male, "female": b.female, "other": b.other} for b in report.bands
            ],
            file_name=file_name[:200],
            imported_by=by,
        )
        done = f"the registered population by age from {file_name[:100]}: {report.total:,} patients"
    else:
        tool = TOOLS_BY_ID["T2.3"]
        worksheet, _ = Worksheet.objects.get_or_create(project=project, tool_id=tool.id)
        worksheet = Worksheet.objects.select_for_update(of=("self",)).get(pk=worksheet.pk)
        when = f"run {report.run_on.day} {report.run_on:%B %Y}" if report.run_on else ""
        rows = sheets.rows_of(worksheet.answers)
        by_name = {r.get("register", "").lower(): r for r in rows}
        for register in report.registers:
            note = "; ".join(part for part in (register.note, when) if part)
            found = by_name.get(register.name.lower())
            if found is not None:
                found.update(patients=str(register.patients), note=note)
            else:
                rows.append({"register": register.name, "patients": str(register.patients), "note": note})
        saved = {**worksheet.answers, "rows": rows}
        saved.pop(sheets.OWN_ONLY, None)
        _write(worksheet, saved, by)
        count = len(report.registers)
        done = f"{count} register{'s' if count != 1 else ''} from {file_name[:100]}"
    record(project, by, f"Imported {done}", "T2.3")
    return done


@transaction.atomic
def add_tally(
    *, project: Project, role: str, session_on: date, counts: Mapping[str, int], note: str, by: User
) -> InterruptionTally:
    tally = InterruptionTally.objects.create(
        project=project,
        role=role.strip(),
        session_on=session_on,
        counts={c: n for c, n in counts.items() if n},
        note=note.strip(),
        recorded_by=by,
    )
    settle(project, "T2.11", by)
    record(project, by, f"Added a tally of {sum(counts.values())} interruptions ({tally.role})", "T2.11")
    return tally


@transaction.atomic
def add_cycle_visit(*, project: Project, times: Mapping[str, Any], comment: str, by: User) -> CycleVisit:
    visit = CycleVisit.objects.create(project=project, comment=comment.strip(), recorded_by=by, **times)
    settle(project, "T2.6", by)
    record(project, by, f"Timed a visit on {visit.visit_on:%d/%m/%Y}", "T2.6")
    return visit
