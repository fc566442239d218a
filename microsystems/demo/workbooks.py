"""Load the demo projects' workbooks: lead teams, the tools each has settled, worksheets, meetings and
actions. Runs after the programme's history, so a project that history already created (same practice and
title) gets its workbook added rather than a twin."""

from datetime import UTC, datetime, time, timedelta

from microsystems.people.models import Membership, Microsystem, Organisation, User
from microsystems.programme.models import Coach, Programme

from .world import WORLD, DemoProject, DemoWorld


def load_workbooks(programme: Programme, world: DemoWorld = WORLD) -> None:
    people = {u.full_name: u for u in User.objects.all()}
    coaches = {c.user.email: c for c in Coach.objects.filter(programme=programme).select_related("user")}
    for demo_project in world.projects:
        seed_project(demo_project, programme, people, coaches)


def seed_project(
    demo: DemoProject, programme: Programme, people: dict[str, User], coaches: dict[str, Coach]
) -> None:
    """One demo project with its lead team, the tools it has settled, its worksheets, meetings and actions;
    every date is fixed relative to the project's start, so the demo is the same each time it loads."""
    from microsystems.projects import models as p
    from microsystems.projects.meetings import rotate_roles, seven_step_agenda

    practice = Organisation.objects.get(ods_code=demo.practice)
    started = datetime.combine(demo.started_on, time(13, 0), tzinfo=UTC)
    lead_team = [demo.champion, demo.sponsor, *demo.members]
    partner_names = [name for _, name in demo.partner_members]
    champion = people[demo.champion]
    project, _ = p.Project.objects.get_or_create(
        practice=practice,
        title=demo.title,
        defaults={
            "programme": programme,
            "status": demo.status,
            "typology": demo.typology,
            "crosses_organisations": bool(demo.partner_members),
            "started_on": demo.started_on,
            "completed_on": demo.completed_on,
            "created_by": champion,
        },
    )
    project.path_kind = demo.path_kind
    project.no_patient_reason = demo.no_patient_reason
    project.meeting_frequency = "weekly"
    project.save(update_fields=["path_kind", "no_patient_reason", "meeting_frequency"])
    project.microsystems.set(Microsystem.objects.filter(organisation=practice, name="Whole practice"))
    project.coaches.set([coaches[email] for email in demo.coaches])
    organisations = {
        o.name: o for o in Organisation.objects.filter(name__in=[o for o, _ in demo.partner_members])
    }
    titles = {
        m.user_id: m.title
        for m in Membership.objects.filter(organisation=practice, user__full_name__in=lead_team)
    }
    parts = [(demo.champion, "champion"), (demo.sponsor, "sponsor")]
    parts += [(name, "member") for name in demo.members] + [(name, "patient") for name in demo.patients]
    team = [
        p.TeamMember(
            project=project,
            user=people[name],
            organisation=practice,
            part=part,
            title=titles.get(people[name].id, ""),
            joined_on=demo.started_on,
        )
        for name, part in parts
    ]
    team += [
        p.TeamMember(
            project=project,
            user=people[name],
            organisation=organisations[org],
            part="member",
            title="Partner organisation",
            joined_on=demo.started_on,
        )
        for org, name in demo.partner_members
    ]
    p.TeamMember.objects.bulk_create(team)
    marked_at = started + timedelta(days=7)
    p.ToolMark.objects.bulk_create(
        [
            p.ToolMark(project=project, tool_id=t, mark="done", marked_by=champion, marked_at=marked_at)
            for t in demo.done
        ]
        + [
            p.ToolMark(project=project, tool_id=t, mark="not_needed", marked_by=champion, marked_at=marked_at)
            for t in demo.not_needed
            if t not in demo.done
        ]
    )
    for tool_id, answers in demo.worksheets:
        sheet = p.Worksheet.objects.create(
            project=project,
            tool_id=tool_id,
            answers=dict(answers),
            version=1,
            updated_by=champion,
            updated_at=started + timedelta(days=21),
        )
        p.WorksheetRevision.objects.create(
            worksheet=sheet, version=1, answers=dict(answers), saved_by=champion, saved_at=sheet.updated_at
        )
    rota = [people[name] for name in [*lead_team, *partner_names]]
    meetings = []
    for i in range(demo.meetings_held + demo.meetings_planned):
        number = i + 1
        held = i < demo.meetings_held
        meeting = p.Meeting.objects.create(
            project=project,
            number=number,
            starts_at=started + timedelta(weeks=i),
            held=held,
            version=1 if held else 0,
            score=(7 + i % 3) if held else None,
            notes="Worked through the session's tool together." if held else "",
            **rotate_roles(rota, number),
        )
        p.AgendaItem.objects.bulk_create(
            [
                p.AgendaItem(
                    meeting=meeting, position=n, title=line.title, minutes=line.minutes, outcome=line.outcome
                )
                for n, line in enumerate(seven_step_agenda(60), start=1)
            ]
        )
        meetings.append(meeting)
    last_held = meetings[demo.meetings_held - 1] if demo.meetings_held else None
    for action in demo.actions:
        when = last_held.starts_at if last_held else started
        p.Action.objects.create(
            project=project,
            meeting=last_held,
            text=action.text,
            owner=people[action.owner],
            due_on=(when + timedelta(days=action.due_in_days)).date(),
            done_on=(when + timedelta(days=action.due_in_days)).date() if action.done else None,
            created_at=when,
            created_by=champion,
        )
    for text in demo.parked:
        p.ParkedIdea.objects.create(
            project=project, meeting=last_held, text=text, raised_by=champion, raised_at=started
        )
    p.ProjectEvent.objects.create(
        project=project,
        at=started,
        by=champion,
        tool_id="T1.1",
        what=f"Started the project with a lead team of {len(team)}",
    )
