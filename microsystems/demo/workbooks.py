"""Load the demo projects' workbooks: lead teams, the tools each has settled, worksheets, meetings and
actions. Runs after the programme's history, so a project that history already created (same practice and
title) gets its workbook added rather than a twin."""

from datetime import UTC, datetime, time, timedelta
from typing import Any

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
    # A project crossing into a partner's work names the partner's team as well as the practice's.
    project.microsystems.set(
        Microsystem.objects.filter(organisation=practice, name="Whole practice")
        | Microsystem.objects.filter(organisation__name__in=[o for o, _ in demo.partner_members])
    )
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
    if demo.title in FIVE_PS:
        seed_five_ps(project, FIVE_PS[demo.title], people, champion, started + timedelta(days=28))


# Step 2 of two demo projects, as the lead teams filled it in: each person's own answers (by name), the
# team's answers, and the tables. The completed test-results project has the whole 5Ps; the care-home
# project, in step 2 now, has begun them.
FIVE_PS: dict[str, dict[str, dict[str, Any]]] = {
    "Incoming test results handled within two working days": {
        "T2.2": {
            "people": {
                "Janet Price": {
                    "aim": "To look after our patients well and safely",
                    "make": "Appointments, prescriptions, results, referrals, and a lot of phone calls",
                    "for_whom": "About 9,000 people in Millbrook and the villages",
                },
                "Ben Carter": {
                    "aim": "To be easy to reach",
                    "make": "We sort out what patients need, often by phone",
                    "for_whom": "Patients, and the hospital teams who send us results",
                },
                "Aisha Bello": {
                    "aim": "To keep people well, not just treat them",
                    "make": "Medicines reviews, repeat prescriptions, advice",
                    "for_whom": "Everyone on our list, especially people on many medicines",
                },
            },
            "answers": {
                "agreed_on": "3 November 2025",
                "mission": "Fits the network's aim of care closer to home.",
            },
        },
        "T2.3": {
            "answers": {
                "profile": "9,140 patients; more over-65s than the national average; two care homes.",
                "groups": "Housebound patients; carers; people on four or more medicines",
                "services": "Community nursing, the hospital laboratory, two pharmacies",
                "experience": "GP Patient Survey: 61% find it easy to get through by phone",
            },
            "rows": [
                {"register": "Diabetes", "patients": "702", "note": "QOF prevalence 7.7%"},
                {"register": "Hypertension", "patients": "1388", "note": "15.2%"},
                {"register": "COPD", "patients": "210", "note": "2.3%"},
                {"register": "Care-home residents", "patients": "64", "note": ""},
                {"register": "Carers", "patients": "188", "note": "known to us"},
            ],
        },
        "T2.5": {
            "answers": {
                "journey": "Getting a blood test result",
                "walked_by": "Derek Holmes (patient member) and Ben Carter, October 2025",
                "surprises": "Nobody owned telling the patient; each person assumed someone else had.",
            },
            "rows": [
                {
                    "when": "Day 1",
                    "where": "Nurse clinic",
                    "who": "Practice nurse",
                    "saw": "Told to ring in a week",
                    "pain": "",
                    "delight": "Quick, friendly blood test",
                },
                {
                    "when": "Day 8, 08:00",
                    "where": "Phone",
                    "who": "Receptionist",
                    "saw": "25 minutes in the queue",
                    "pain": "Result not yet looked at by a GP",
                    "delight": "",
                },
                {
                    "when": "Day 11",
                    "where": "Phone",
                    "who": "GP",
                    "saw": "Called back: result normal",
                    "pain": "Three calls for a normal result",
                    "delight": "The GP explained it well",
                },
            ],
        },
        "T2.7": {
            "answers": {
                "roles": "GPs — 5 (3.8 WTE)\nPractice nurses — 2 (1.6 WTE)\nPharmacist — 1 (0.8 WTE)\n"
                "Reception and admin — 7 (5.2 WTE)",
                "gaps": "One reception vacancy since the summer; no one trained to run searches",
                "locums": "Two GP sessions a week",
            },
        },
        "T2.9": {
            "people": {
                "Ben Carter": {
                    "system": "Confident",
                    "talking": "Expert",
                    "improvement": "Want to learn",
                    "office": "Expert",
                    "strong": "Workflow and filing letters; the phones",
                    "want": "Running searches and reports",
                    "training": "The clinical system's reporting course",
                },
                "Aisha Bello": {
                    "clinical": "Expert",
                    "system": "Confident",
                    "improvement": "Want to learn",
                    "strong": "Medicines, results that need a prescription changed",
                    "want": "Leading a small test of change",
                },
            },
        },
        "T2.10": {
            "answers": {"notes": "GPs spend a morning a week filing normal results."},
            "rows": [
                {
                    "role": "GP",
                    "activity": "Filing results",
                    "share": "10",
                    "other": "Normal ones by protocol",
                },
                {"role": "Receptionist", "activity": "Calls chasing results", "share": "20", "other": ""},
                {"role": "Pharmacist", "activity": "Medication queries", "share": "30", "other": ""},
            ],
        },
        "T2.12": {
            "rows": [
                {
                    "process": "Handling test results",
                    "owner": "Janet Price",
                    "comment": "Chosen as our theme",
                },
                {
                    "process": "Telephone access and triage",
                    "owner": "Ben Carter",
                    "comment": "Next, probably",
                },
                {"process": "Repeat prescriptions", "owner": "Aisha Bello", "comment": ""},
            ],
        },
        "T2.14": {
            "answers": {
                "demand": "Calls peak 08:00-09:30 on Mondays; results arrive most on Tuesdays",
                "outcomes": "No significant event about results in the last year, but two near misses",
                "team": "A weekly partners' meeting; reception rarely joins",
                "safety": "Two complaints about waiting for results",
            },
        },
        "T2.15": {
            "rows": [
                {
                    "name": "Results filed within two working days",
                    "why": "Patients get their results without ringing",
                    "balance": "Access",
                    "definition": "Results filed in 2 working days, out of all results received",
                    "source": "Clinical system search",
                    "frequency": "Weekly",
                    "who": "Ben Carter",
                    "baseline": "58%",
                    "target": "90%",
                },
                {
                    "name": "Calls chasing results",
                    "why": "Frees the phones at 8am",
                    "balance": "Patient experience",
                    "definition": "Calls tallied as 'chasing a result' by reception",
                    "source": "Reception tally",
                    "frequency": "Weekly",
                    "who": "Reception",
                    "baseline": "45 a week",
                    "target": "15 a week",
                },
            ],
        },
    },
    "Weekly ward rounds with Willowmere Care Home": {
        "T2.2": {
            "people": {
                "Karen Walsh": {
                    "aim": "Residents seen and treated without a trip to the surgery",
                    "for_whom": "The 40 residents of Willowmere",
                },
                "Bridget Nolan": {
                    "aim": "One list of who needs seeing, and an answer the same day",
                    "for_whom": "Our residents and their families",
                },
            },
        },
        "T2.3": {
            "rows": [
                {"register": "Willowmere residents", "patients": "38", "note": "registered with us"},
                {"register": "Residents with dementia", "patients": "22", "note": ""},
            ],
        },
    },
}


def seed_five_ps(
    project: Any, content: dict[str, dict[str, Any]], people: dict[str, User], by: User, at: datetime
) -> None:
    """Add step 2's answers to a demo project's worksheets, kept as a new version of each."""
    from microsystems.projects import models as p

    for tool_id, parts in content.items():
        sheet, _ = p.Worksheet.objects.get_or_create(project=project, tool_id=tool_id)
        answers = dict(sheet.answers)
        answers.update(parts.get("answers", {}))
        if "rows" in parts:
            answers["rows"] = parts["rows"]
        own = parts.get("people", {})
        if own:
            answers["people"] = {
                str(people[name].pk): {"answers": given, "version": 1, "saved_at": at.isoformat()}
                for name, given in own.items()
            }
        sheet.answers = answers
        sheet.version += 1
        sheet.updated_by = by
        sheet.updated_at = at
        sheet.save()
        p.WorksheetRevision.objects.create(
            worksheet=sheet, version=sheet.version, answers=answers, saved_by=by, saved_at=at
        )
