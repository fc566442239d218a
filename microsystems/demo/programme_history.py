"""The demo programme's history, from its first invitations in January 2024 to the demo's "now": each
practice's path through the programme, its readiness checks, coaching agreements, projects, funding,
payments and follow-up reviews, and the coaches' training, hours and notes. Plain data, loaded by
`load_programme_history` after the people and practices (seed.py), through the programme's own actions, so
the demo shows every state the programme can be in.

Every name is invented; dates are fixed so the demo is the same every time."""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from microsystems.programme.engagement import EngagementState as S
from microsystems.programme.engagement import ExitReason

PROGRAMME_STARTED = date(2024, 1, 8)
# The programme paid each first project in one go until it adopted milestones in September 2025: first
# projects started since then are paid in parts, each due when the project reaches its milestone.
MILESTONES_ADOPTED = date(2025, 9, 1)
PAYMENT_MILESTONES: list[list[object]] = [
    ["Agreement signed", 40],
    ["Project completed", 40],
    ["6-month review held", 20],
]


@dataclass(frozen=True)
class DemoReview:
    kind: str
    held_on: date | None = None
    answers: dict[str, Any] = field(default_factory=dict)
    ratings: dict[int, int] = field(default_factory=dict)


@dataclass(frozen=True)
class DemoProject:
    title: str
    typology: str
    started_on: date
    completed_on: date | None = None
    status: str = "active"
    crosses_organisations: bool = False
    payments: tuple[
        tuple[str, date | None, date | None], ...
    ] = ()  # (state, approved_on, paid_on) per payment
    application: dict[str, Any] | None = None
    reviews: tuple[DemoReview, ...] = ()
    recent_activity: bool = False  # meetings, data and coaching in the days before the demo's "now"


@dataclass(frozen=True)
class DemoAgreement:
    signed_on: date | None
    protected_time: str
    meeting_pattern: str
    patient_involvement: str
    data_collection: str
    needs_ongoing_resources: bool = False
    ongoing_resources_plan: str = ""
    partner_signs: bool = True
    coach_signs: bool = True


@dataclass(frozen=True)
class PracticeHistory:
    ods_code: str
    path: tuple[tuple[S, date], ...]
    readiness: dict[str, bool] | None = None
    readiness_on: date | None = None
    agreement: DemoAgreement | None = None
    projects: tuple[DemoProject, ...] = ()
    exit_reasons: tuple[ExitReason, ...] = ()
    exit_answers: dict[str, str] = field(default_factory=dict)
    past_coaches: tuple[tuple[str, date, date], ...] = ()  # (email, from, to)


READY = {
    "stable_staffing": True,
    "leadership_change": False,
    "competing_projects": False,
    "senior_partner_support": True,
}
HELD = {
    "change_in_place": "as_designed",
    "measure_collected": "yes",
    "chart_says": "held",
    "refresher_wanted": False,
    "embedding": "embedded",
}

HISTORIES = (
    PracticeHistory(
        "Z90010",  # Priory Fields: three projects, one by each funding route
        path=(
            (S.INVITED, date(2024, 1, 15)),
            (S.INTERESTED, date(2024, 2, 5)),
            (S.READINESS_CHECKED, date(2024, 2, 26)),
            (S.AGREEMENT_SIGNED, date(2024, 12, 16)),
            (S.PROJECT_ACTIVE, date(2025, 1, 13)),
            (S.PROJECT_COMPLETED, date(2025, 11, 28)),
            (S.FOLLOWED_UP_6_MONTHS, date(2026, 6, 2)),
        ),
        readiness=READY,
        readiness_on=date(2024, 2, 26),
        agreement=DemoAgreement(
            date(2024, 12, 16),
            "One hour every Tuesday lunchtime for the lead team, with a locum covering the GP's list.",
            "weekly_hour",
            "Rita Chowdhury from the patient participation group joins every lead-team meeting.",
            "The healthcare assistant records attendances and weights at each clinic.",
            needs_ongoing_resources=True,
            ongoing_resources_plan="The network funds the healthcare assistant's clinic time for a year.",
        ),
        projects=(
            DemoProject(
                "A weight-management clinic run by the healthcare assistant",
                "patient_centred",
                date(2025, 1, 13),
                date(2025, 11, 28),
                "completed",
                payments=(("paid", date(2025, 1, 27), date(2025, 2, 10)),),
                reviews=(
                    DemoReview(
                        "six_months",
                        date(2026, 6, 2),
                        {
                            "change_in_place": "partly",
                            "adaptations": "The clinic runs monthly instead of weekly.",
                            "measure_collected": "less_often",
                            "chart_says": "slipping",
                            "who_left": "Nobody, but the healthcare assistant's hours were cut.",
                            "slip_reasons": ["funding_ended", "no_time"],
                            "what_slipped": "Fewer clinics since the network's funding ended in April.",
                            "refresher_wanted": True,
                            "what_next": "Ask the network to fund the clinic; the coach helps with the case.",
                            "embedding": "at_risk",
                            "progress_score": Decimal("3.5"),
                        },
                        {1: 3, 2: 3, 3: 2, 4: 2, 5: 3, 6: 3, 7: 3, 8: 3, 9: 2, 10: 1},
                    ),
                ),
            ),
            DemoProject(
                "Weekly ward rounds with Willowmere Care Home",
                "process",
                date(2026, 9, 14),
                crosses_organisations=True,
                recent_activity=True,
                payments=(("due", None, None),),
                application={
                    "reasons": "The first project showed the team can test changes; the care home's "
                    "residents "
                    "are the practice's most frequent unplanned visits.",
                    "expected_benefits": "Fewer urgent visits; care-home staff know who to call.",
                    "requested_amount": Decimal("1500.00"),
                    "submitted_on": date(2026, 8, 24),
                    "approve": True,
                    "decision_reason": "A clear case; both organisations' managers support it.",
                    "decided_on": date(2026, 9, 7),
                },
            ),
            DemoProject("A carers' register that stays up to date", "patient_centred", date(2026, 10, 5)),
        ),
        past_coaches=(("helen.coach@demo.example", date(2024, 12, 16), date(2025, 6, 30)),),
    ),
    PracticeHistory(
        "Z90011",  # Elm Tree: the programme's first project; reviewed at 6 and 12 months
        path=(
            (S.INVITED, date(2024, 1, 15)),
            (S.INTERESTED, date(2024, 1, 29)),
            (S.READINESS_CHECKED, date(2024, 2, 12)),
            (S.AGREEMENT_SIGNED, date(2024, 3, 11)),
            (S.PROJECT_ACTIVE, date(2024, 4, 15)),
            (S.PROJECT_COMPLETED, date(2024, 10, 14)),
            (S.FOLLOWED_UP_6_MONTHS, date(2025, 4, 22)),
            (S.FOLLOWED_UP_12_MONTHS, date(2025, 10, 20)),
        ),
        readiness=READY,
        readiness_on=date(2024, 2, 12),
        agreement=DemoAgreement(
            date(2024, 3, 11),
            "One hour every Thursday; the nurse's clinic starts later that day.",
            "weekly_hour",
            "A patient from the patient group tests the new reminder texts.",
            "The practice nurse counts smear tests due and done each month.",
        ),
        projects=(
            DemoProject(
                "More cervical screening tests done on time",
                "health_outputs",
                date(2024, 4, 15),
                date(2024, 10, 14),
                "completed",
                payments=(("paid", date(2024, 4, 29), date(2024, 5, 13)),),
                reviews=(
                    DemoReview(
                        "six_months",
                        date(2025, 4, 22),
                        {
                            **HELD,
                            "what_next": "Share the reminder texts with the network.",
                            "progress_score": Decimal("4.5"),
                        },
                        {1: 4, 2: 4, 3: 3, 4: 4, 5: 3, 6: 4, 7: 4, 8: 3, 9: 4, 10: 3},
                    ),
                    DemoReview(
                        "twelve_months",
                        date(2025, 10, 20),
                        {
                            "change_in_place": "adapted",
                            "adaptations": "Texts now go a month earlier; the second reminder is a call.",
                            "measure_collected": "less_often",
                            "chart_says": "slipping",
                            "who_left": "The practice nurse who led the project.",
                            "slip_reasons": ["staff_turnover", "lost_visibility"],
                            "what_slipped": "The new nurse was not shown the reminder list; "
                            "the chart came off the wall.",
                            "refresher_wanted": True,
                            "what_next": "Put the reminder list in the induction pack; "
                            "the coach runs a refresher.",
                            "embedding": "partial",
                            "progress_score": Decimal("4.0"),
                        },
                        {1: 4, 2: 3, 3: 2, 4: 2, 5: 2, 6: 3, 7: 4, 8: 3, 9: 4, 10: 1},
                    ),
                ),
            ),
        ),
    ),
    PracticeHistory(
        "Z90003",  # Kingsfield: completed in May; the 6-month review falls due in November
        path=(
            (S.INVITED, date(2024, 1, 15)),
            (S.INTERESTED, date(2024, 3, 4)),
            (S.READINESS_CHECKED, date(2024, 3, 25)),
            (S.AGREEMENT_SIGNED, date(2025, 5, 12)),
            (S.PROJECT_ACTIVE, date(2025, 6, 2)),
            (S.PROJECT_COMPLETED, date(2026, 5, 20)),
        ),
        readiness={**READY, "leadership_change": True},
        readiness_on=date(2024, 3, 25),
        agreement=DemoAgreement(
            date(2025, 5, 12),
            "Half a day a month, with the nurse's clinic covered.",
            "half_day",
            "The practice asked its patient group; nobody was free on weekday afternoons.",
            "The practice manager counts reviews booked and done each month from the clinical system.",
        ),
        projects=(
            DemoProject(
                "Diabetes annual reviews in the birthday month",
                "health_outputs",
                date(2025, 6, 2),
                date(2026, 5, 20),
                "completed",
                payments=(("approved", date(2026, 10, 26), None),),
            ),
            DemoProject(
                "Annual asthma reviews that people attend",
                "health_outputs",
                date(2026, 10, 19),
                application={
                    "reasons": "The diabetes project worked; asthma reviews have the same problem.",
                    "expected_benefits": "More reviews done; fewer urgent appointments for asthma in winter.",
                    "requested_amount": Decimal("2000.00"),
                    "submitted_on": date(2026, 10, 20),
                    "approve": False,
                    "decision_reason": "The budget for second projects is spent this year: apply again in "
                    "April, or run the project self-funded in the meantime.",
                    "decided_on": date(2026, 10, 27),
                },
            ),
        ),
    ),
    PracticeHistory(
        "Z90002",  # Millbrook: completed in July; its reviews are scheduled
        path=(
            (S.INVITED, date(2025, 4, 1)),
            (S.INTERESTED, date(2025, 4, 22)),
            (S.READINESS_CHECKED, date(2025, 5, 12)),
            (S.AGREEMENT_SIGNED, date(2025, 9, 22)),
            (S.PROJECT_ACTIVE, date(2025, 10, 6)),
            (S.PROJECT_COMPLETED, date(2026, 7, 30)),
        ),
        readiness=READY,
        readiness_on=date(2025, 5, 12),
        agreement=DemoAgreement(
            date(2025, 9, 22),
            "One hour every second Thursday.",
            "fortnightly",
            "Derek Holmes joins the lead team and tests the new letters with the patient group.",
            "The administrator logs how long each test result takes to reach the patient.",
        ),
        projects=(
            DemoProject(
                "Incoming test results handled within two working days",
                "process",
                date(2025, 10, 6),
                date(2026, 7, 30),
                "completed",
                # In parts: the agreement's paid, completion's due, the 6-month review's still to come.
                payments=(("paid", date(2025, 10, 20), date(2025, 11, 3)), ("due", None, None)),
            ),
        ),
    ),
    PracticeHistory(
        "Z90001",  # Orchard Lane: signed up; its project is about to start in the workbook
        path=(
            (S.INVITED, date(2024, 1, 15)),
            (S.INTERESTED, date(2024, 5, 13)),
            (S.READINESS_CHECKED, date(2024, 6, 3)),
            (S.AGREEMENT_SIGNED, date(2026, 9, 1)),
            (S.PROJECT_ACTIVE, date(2026, 9, 8)),
        ),
        readiness=READY,
        readiness_on=date(2026, 8, 10),
        agreement=DemoAgreement(
            date(2026, 9, 1),
            "One hour every Wednesday morning; reception covered by the duty team.",
            "weekly_hour",
            "Margaret Ellis from the patient group is on the lead team.",
            "Reception counts calls answered within two minutes, every day, from the telephony report.",
        ),
    ),
    PracticeHistory(
        "Z90004",  # Station Road: agreement just signed
        path=(
            (S.INVITED, date(2025, 4, 1)),
            (S.INTERESTED, date(2025, 9, 15)),
            (S.READINESS_CHECKED, date(2026, 9, 21)),
            (S.AGREEMENT_SIGNED, date(2026, 10, 12)),
        ),
        readiness=READY,
        readiness_on=date(2026, 9, 21),
        agreement=DemoAgreement(
            date(2026, 10, 12),
            "One hour every Monday after the clinical meeting.",
            "weekly_hour",
            "The practice will invite a patient from its patient group to the first meeting.",
            "To be agreed once the team chooses its theme.",
        ),
    ),
    PracticeHistory(
        "Z90009",  # Ferry Quay: ready, with a concern; the agreement waits for the coach's signature
        path=(
            (S.INVITED, date(2025, 4, 1)),
            (S.INTERESTED, date(2026, 1, 12)),
            (S.READINESS_CHECKED, date(2026, 10, 19)),
        ),
        readiness={**READY, "competing_projects": True},
        readiness_on=date(2026, 10, 19),
        agreement=DemoAgreement(
            None,
            "One hour a fortnight.",
            "fortnightly",
            "The practice's patient group chair will join.",
            "The administrator will count repeat requests each week.",
            coach_signs=False,
        ),
    ),
    PracticeHistory(
        "Z90005",  # Hollow Oak: interested
        path=((S.INVITED, date(2025, 4, 1)), (S.INTERESTED, date(2026, 10, 28))),
    ),
    PracticeHistory(
        "Z90006",  # Chalk Hill: withdrew during its first project
        path=(
            (S.INVITED, date(2025, 4, 1)),
            (S.INTERESTED, date(2025, 8, 4)),
            (S.READINESS_CHECKED, date(2025, 8, 25)),
            (S.AGREEMENT_SIGNED, date(2025, 10, 13)),
            (S.PROJECT_ACTIVE, date(2025, 11, 3)),
            (S.WITHDREW, date(2026, 2, 16)),
        ),
        readiness={**READY, "stable_staffing": False},
        readiness_on=date(2025, 8, 25),
        agreement=DemoAgreement(
            date(2025, 10, 13),
            "One hour a week.",
            "weekly_hour",
            "None yet: the practice has no patient group.",
            "Reception counts repeat requests waiting each morning.",
        ),
        projects=(
            DemoProject(
                "Repeat prescription requests handled in two days",
                "process",
                date(2025, 11, 3),
                status="stopped",
                payments=(("paid", date(2025, 11, 17), date(2025, 12, 1)),),
            ),
        ),
        exit_reasons=(ExitReason.STAFFING, ExitReason.TIME),
        exit_answers={
            "expectations": "A quicker fix; the mapping felt slow when we were short-staffed.",
            "issues": "Two partners retired; nobody could protect the hour.",
            "discussed_with_coach": "Yes. The coach offered half-day blocks, but there was no cover.",
            "would_have_helped": "Starting after the new partners had settled.",
            "payment_influence": "It helped us start; it could not buy time we did not have.",
            "improvements": "Let practices pause rather than withdraw.",
        },
    ),
    PracticeHistory(
        "Z90007",  # Beacon View: declined the invitation
        path=((S.INVITED, date(2025, 4, 1)), (S.DECLINED, date(2025, 6, 2))),
        readiness={**READY, "senior_partner_support": False, "competing_projects": True},
        readiness_on=date(2025, 5, 12),
        exit_reasons=(ExitReason.FELT_IMPOSED, ExitReason.COMPETING_PRIORITIES),
        exit_answers={
            "needs_not_met": "We already run our own audits; we did not see what this adds.",
            "information": "Enough to decide.",
            "would_have_encouraged": "Hearing from a practice like ours that had done it.",
            "payment_influence": "No.",
        },
    ),
    PracticeHistory("Z90008", path=((S.INVITED, date(2026, 11, 2)),)),  # Marsh Gate: just invited
)

# A practice that exists only in the programme's history (its people are not demo logins): the
# programme's first project, now reviewed at 12 months, with a further review overdue.
EXTRA_PRACTICE: dict[str, Any] = {
    "name": "Elm Tree Surgery",
    "ods_code": "Z90011",
    "pcn": "Downland Primary Care Network",
    "list_size": 7_630,
    "adopter": "innovator",
    "staff": (
        ("Gillian Shaw", "practice_manager"),
        ("Dr Marcus Bell", "gp"),
        ("Nina Petrova", "practice_nurse"),
    ),
    "coaches": ("david.coach@demo.example",),
}

COACH_DETAILS = {
    # email: (topics, protected hours a month, refresher due, PCNs they commission for)
    "helen.coach@demo.example": (("appointments", "access", "reception"), 16, date(2027, 3, 1), ()),
    "david.coach@demo.example": (("diabetes", "long-term conditions", "nursing"), 16, date(2027, 3, 1), ()),
    "ruth.coach@demo.example": (("test results", "workflow", "administration"), 8, date(2026, 9, 7),
                                ("Downland Primary Care Network",)),
    "imran.coach@demo.example": (("prescribing", "medicines", "diabetes"), 8, date(2027, 3, 7),
                                 ("Downland Primary Care Network",)),
    "chloe.coach@demo.example": (("patient experience", "surveys"), 12, date(2027, 6, 18), ()),
    "tom.coach@demo.example": (("appointments", "telephony"), 12, date(2027, 6, 18), ()),
}  # fmt: skip
REFRESHERS = (
    ("helen.coach@demo.example", date(2025, 9, 11), "Refresher day, with the newly trained coaches"),
    ("david.coach@demo.example", date(2025, 9, 11), "Refresher day, with the newly trained coaches"),
    ("david.coach@demo.example", date(2025, 6, 19), "Clinical microsystems conference"),
)
HOURS = (
    # (coach email, practice ODS, date, kind, hours, note)
    ("david.coach@demo.example", "Z90011", date(2024, 4, 12), "preparation", "1", ""),
    ("david.coach@demo.example", "Z90011", date(2024, 4, 15), "session", "1.5", "First lead-team meeting"),
    ("david.coach@demo.example", "Z90011", date(2025, 10, 20), "follow_up", "1.5", "12-month review"),
    ("david.coach@demo.example", "Z90010", date(2025, 1, 13), "session", "1.5", "First lead-team meeting"),
    (
        "helen.coach@demo.example",
        "Z90010",
        date(2025, 1, 13),
        "mentoring",
        "1",
        "Co-coached the first meeting",
    ),
    ("david.coach@demo.example", "Z90010", date(2026, 6, 2), "follow_up", "1.5", "6-month review"),
    ("david.coach@demo.example", "Z90010", date(2026, 9, 14), "session", "1", "Ward rounds: first meeting"),
    ("imran.coach@demo.example", "Z90003", date(2026, 4, 15), "session", "1", "Storyboard"),
    ("helen.coach@demo.example", "Z90002", date(2026, 6, 11), "session", "1", ""),
    ("helen.coach@demo.example", "Z90002", date(2026, 7, 30), "session", "1.5", "Storyboard"),
    ("ruth.coach@demo.example", "Z90001", date(2026, 9, 8), "preparation", "2", "Read the 5Ps pack"),
    ("ruth.coach@demo.example", "Z90001", date(2026, 9, 9), "session", "1", "Organising the lead team"),
    ("chloe.coach@demo.example", "Z90001", date(2026, 9, 9), "session", "1", "Co-coached with Ruth"),
    ("ruth.coach@demo.example", "Z90001", date(2026, 10, 14), "session", "1", "Assessing the patients"),
    ("tom.coach@demo.example", "Z90004", date(2026, 10, 19), "preparation", "1.5", ""),
    ("david.coach@demo.example", "Z90004", date(2026, 10, 19), "mentoring", "1", "Planning with Tom"),
)
NOTES = (
    ("tom.coach@demo.example", "How do you keep a GP in the room?", True,
     "Station Road's GP leaves for calls halfway through. Has anyone found a way to protect the hour?",
     (("helen.coach@demo.example", "Half-day blocks worked at Millbrook: a locum is easier to book."),)),
    ("david.coach@demo.example", "A triage card that worked", False,
     "Elm Tree's reminder texts for screening are in the library; they need a line for the pharmacy.",
     ()),
)  # fmt: skip


def load_programme_history(programme: Any) -> None:
    """Replace the plain engagement history seed.py writes with the programme's real one, and add what
    the programme records around it. Runs inside seed()'s transaction."""
    from microsystems.people.models import Membership, Organisation, User
    from microsystems.programme import actions
    from microsystems.programme.models import (
        AgreementSignature,
        Coach,
        CoachAssignment,
        CoachHours,
        CoachingAgreement,
        CoachNote,
        CoachTraining,
        EngagementEvent,
        Enrolment,
        FollowUpReview,
        FundingApplication,
        Payment,
        ReadinessCheck,
    )
    from microsystems.projects.models import Project

    programme.started_on = PROGRAMME_STARTED
    programme.payment_milestones = PAYMENT_MILESTONES
    programme.save(update_fields=["started_on", "payment_milestones"])
    coaches = {c.user.email: c for c in Coach.objects.filter(programme=programme).select_related("user")}
    lead = User.objects.filter(
        memberships__organisation=programme.commissioner, memberships__role="programme_lead"
    ).first()

    for email, (topics, hours, refresher, areas) in COACH_DETAILS.items():
        coach = coaches[email]
        coach.topics, coach.protected_hours_per_month, coach.refresher_due_on = list(topics), hours, refresher
        coach.save(update_fields=["topics", "protected_hours_per_month", "refresher_due_on"])
        coach.commissions_for.set(Organisation.objects.filter(name__in=areas))
        if coach.trained_on:
            CoachTraining.objects.create(coach=coach, kind="initial", on=coach.trained_on)
    for email, on, note in REFRESHERS:
        CoachTraining.objects.create(coach=coaches[email], kind="refresher", on=on, note=note)

    _add_extra_practice(programme, coaches)
    for history in HISTORIES:
        enrolment = Enrolment.objects.select_related("practice").get(
            programme=programme, practice__ods_code=history.ods_code
        )
        practice = enrolment.practice
        staff = {
            m.job: m.user for m in Membership.objects.filter(organisation=practice, role="practice_staff")
        }
        gp, manager = staff.get("gp"), staff.get("practice_manager")
        enrolment.events.all().delete()
        EngagementEvent.objects.bulk_create(
            [
                EngagementEvent(
                    enrolment=enrolment, state=state, on=on, recorded_by=lead, note=_note(state, i)
                )
                for i, (state, on) in enumerate(history.path)
            ]
        )
        last_state, last_on = history.path[-1]
        enrolment.state, enrolment.state_since, enrolment.invited_on = last_state, last_on, history.path[0][1]
        if last_state.has_left:
            enrolment.exit_stage = history.path[-2][0]
            enrolment.exit_reasons = [r.value for r in history.exit_reasons]
            enrolment.exit_answers = history.exit_answers
        enrolment.save()
        assignments = list(enrolment.coach_assignments.select_related("coach__user").order_by("part"))
        signed = next((on for state, on in history.path if state == S.AGREEMENT_SIGNED), None)
        for assignment in assignments:
            assignment.started_on = signed or assignment.started_on
            assignment.save(update_fields=["started_on"])
        for email, started, ended in history.past_coaches:
            CoachAssignment.objects.create(
                coach=coaches[email], enrolment=enrolment, part="co_coach", started_on=started, ended_on=ended
            )
        if history.readiness is not None:
            ReadinessCheck.objects.create(
                enrolment=enrolment,
                checked_on=history.readiness_on or history.path[-1][1],
                checked_by=lead,
                **history.readiness,
            )
        lead_coach = assignments[0].coach.user if assignments else None
        if history.agreement is not None:
            a = history.agreement
            agreement = CoachingAgreement.objects.create(
                enrolment=enrolment,
                protected_time=a.protected_time,
                meeting_pattern=a.meeting_pattern,
                champion=manager,
                senior_partner=gp,
                patient_involvement=a.patient_involvement,
                data_collection=a.data_collection,
                needs_ongoing_resources=a.needs_ongoing_resources,
                ongoing_resources_plan=a.ongoing_resources_plan,
                created_on=a.signed_on or history.path[-1][1],
                created_by=lead,
                signed_on=a.signed_on,
            )
            on = a.signed_on or history.path[-1][1]
            if a.partner_signs and gp:
                AgreementSignature.objects.create(
                    agreement=agreement, signatory=gp, part="partner", signed_on=on
                )
            if a.coach_signs and lead_coach:
                AgreementSignature.objects.create(
                    agreement=agreement, signatory=lead_coach, part="coach", signed_on=on
                )
        existing = list(
            Project.objects.filter(programme=programme, practice=practice).order_by("started_on", "id")
        )
        for position, demo in enumerate(history.projects):
            # The workbook's demo (world.py) may have made this project already; otherwise make it here.
            project = (
                existing[position]
                if position < len(existing)
                else Project.objects.create(
                    programme=programme,
                    practice=practice,
                    title=demo.title,
                    typology=demo.typology,
                    started_on=demo.started_on,
                    crosses_organisations=demo.crosses_organisations,
                    created_by=manager,
                )
            )
            if demo.application:
                app = demo.application
                application = FundingApplication.objects.create(
                    project=project,
                    reasons=app["reasons"],
                    expected_benefits=app["expected_benefits"],
                    requested_amount=app["requested_amount"],
                    submitted_on=app["submitted_on"],
                    submitted_by=manager,
                )
                actions.decide_funding_application(
                    application=application,
                    approve=app["approve"],
                    reason=app["decision_reason"],
                    by=lead,
                    on=app["decided_on"],
                )
            if demo.status != "active" and project.status == "active":
                project.status, project.completed_on = demo.status, demo.completed_on
                project.save(update_fields=["status", "completed_on"])  # schedules the follow-ups
            for review in demo.reviews:
                if review.held_on is None:
                    continue
                found = FollowUpReview.objects.get(project=project, kind=review.kind)
                actions.record_review(
                    review=found,
                    held_on=review.held_on,
                    by=lead_coach,
                    ratings=review.ratings,
                    **review.answers,
                )
            _plan_first_payment(project)
            for payment, (state, approved_on, paid_on) in zip(
                Payment.objects.filter(project=project).order_by("id"), demo.payments, strict=False
            ):
                payment.state, payment.approved_on, payment.paid_on = state, approved_on, paid_on
                payment.approved_by = lead if approved_on else None
                payment.paid_by = lead if paid_on else None
                payment.finance_reference = f"WV-{paid_on:%y%m}-{payment.pk:04d}" if paid_on else ""
                payment.save()
            if demo.recent_activity:
                _recent_activity(project, enrolment, assignments[0].coach if assignments else None, manager)

    practices = {
        e.practice.ods_code: e
        for e in Enrolment.objects.filter(programme=programme).select_related("practice")
    }
    CoachHours.objects.bulk_create(
        [
            CoachHours(
                coach=coaches[email],
                enrolment=practices[ods],
                on=on,
                kind=kind,
                hours=Decimal(hours),
                note=note,
                recorded_by=coaches[email].user,
            )
            for email, ods, on, kind, hours, note in HOURS
        ]
    )
    for email, title, asks, body, replies in NOTES:
        posted = CoachNote.objects.create(
            programme=programme, author=coaches[email], title=title, asks_for_help=asks, body=body
        )
        for reply_email, reply in replies:
            CoachNote.objects.create(
                programme=programme, author=coaches[reply_email], reply_to=posted, body=reply
            )
    refresh_demo_health()


def _plan_first_payment(project: Any) -> None:
    """A first project's payment as the programme paid it when the project started: in one go before the
    programme adopted milestones, in parts after; each part on the ledger once its milestone is reached
    (as of the demo's "now")."""
    from microsystems.programme import actions, funding_rules
    from microsystems.programme.models import FundingRoute, Payment, ProjectFunding

    from .world import TODAY

    funding = ProjectFunding.objects.filter(project=project, route=FundingRoute.ENHANCED_SERVICE).first()
    if funding is None:
        return
    milestones = PAYMENT_MILESTONES if project.started_on >= MILESTONES_ADOPTED else []
    amount = Decimal(project.programme.first_project_payment).quantize(Decimal("0.01"))
    funding.payment_plan = [[label, str(part)] for label, part in funding_rules.split(amount, milestones)]
    funding.save(update_fields=["payment_plan"])
    Payment.objects.filter(project=project, route=FundingRoute.ENHANCED_SERVICE).delete()
    actions.release_milestone_payments(project=project, today=TODAY)


def _recent_activity(project: Any, enrolment: Any, coach: Any, manager: Any) -> None:
    """A project on track: the lead team met in each of the last weeks, the latest a few days before the
    demo's "now", its measure has this week's count, and the coach logged the last session."""
    from django.utils import timezone

    from microsystems.measures.models import DataPoint, Measure
    from microsystems.programme.models import CoachHours
    from microsystems.projects.models import Meeting

    from .world import TODAY

    def at(day: date, hour: int) -> datetime:
        return timezone.make_aware(datetime.combine(day, time(hour)))

    first = project.meetings.count() + 1
    for number, days_ago in enumerate((31, 24, 17, 10, 3), start=first):
        day = TODAY - timedelta(days=days_ago)
        Meeting.objects.create(
            project=project,
            number=number,
            starts_at=at(day, 13),
            aim="Review the week's ward round and plan the next test",
            leader=manager,
            held=True,
        )
    measure = Measure.objects.create(
        project=project,
        name="Urgent visit requests from Willowmere Care Home",
        measure_type="outcome",
        definition="Requests for a same-day home visit from the care home, counted each week.",
        data_source="The duty doctor's visit list.",
        kind="count",
        unit="requests",
        frequency="weekly",
        better="down",
        owner=manager,
        created_at=at(project.started_on, 9),
        created_by=manager,
    )
    week_ends = [TODAY - timedelta(days=2 + 7 * n) for n in range(6, -1, -1)]
    DataPoint.objects.bulk_create(
        [
            DataPoint(measure=measure, period=day, value=value, entered_by=manager, entered_at=at(day, 17))
            for day, value in zip(week_ends, (8, 6, 7, 5, 6, 5, 4), strict=True)
        ]
    )
    if coach is not None:
        CoachHours.objects.create(
            coach=coach,
            enrolment=enrolment,
            project=project,
            on=TODAY - timedelta(days=3),
            kind="session",
            hours=Decimal("1"),
            note="Ward rounds: reviewing the first month's counts",
            recorded_by=coach.user,
        )


def refresh_demo_health() -> None:
    """The daily check, as of the demo's "now", so every project shows its status; nobody is emailed."""
    from microsystems.programme.tasks import refresh_health

    from .world import TODAY

    refresh_health(TODAY, notify=False)


def _add_extra_practice(programme: Any, coaches: dict[str, Any]) -> None:
    from django.contrib.auth.hashers import make_password

    from microsystems.people.models import Membership, Organisation, User
    from microsystems.programme.models import CoachAssignment, Enrolment

    extra = EXTRA_PRACTICE
    practice = Organisation.objects.create(
        kind="practice",
        name=extra["name"],
        ods_code=extra["ods_code"],
        list_size=extra["list_size"],
        pcn=Organisation.objects.get(name=extra["pcn"]),
        commissioner=programme.commissioner,
    )
    unusable = make_password(None)
    for name, job in extra["staff"]:
        first = name.split(" ")[-2 if name.startswith("Dr ") else 0].lower()
        user = User.objects.create(email=f"{first}.elm-tree@demo.example", full_name=name, password=unusable)
        Membership.objects.create(user=user, organisation=practice, role="practice_staff", job=job)
    enrolment = Enrolment.objects.create(
        programme=programme, practice=practice, adopter_category=extra["adopter"]
    )
    for email in extra["coaches"]:
        CoachAssignment.objects.create(coach=coaches[email], enrolment=enrolment, part="lead")


def _note(state: S, index: int) -> str:
    return {
        S.INVITED: "Invited",
        S.READINESS_CHECKED: "Readiness checked",
        S.AGREEMENT_SIGNED: "Coaching agreement signed",
    }.get(state, "")
