"""The demo programme: a fictional commissioner, its programme, practices, coaches and people.

Every name here is invented. The data is plain values so later parts of the product can add to it
(projects, measures, follow-ups) without touching how it is loaded."""

from dataclasses import dataclass, field
from datetime import date

from microsystems.people.roles import Job
from microsystems.programme.engagement import AdopterCategory, EngagementState, ExitReason
from microsystems.programme.models import CoachExperience

PASSWORD = "improve-together"
DOMAIN = "demo.example"
TODAY = date(2026, 11, 2)  # the demo's fixed "now": dates below are relative to it, for determinism


@dataclass(frozen=True)
class Person:
    name: str
    email: str


@dataclass(frozen=True)
class StaffMember:
    name: str
    job: Job
    patient_representative: bool = False


@dataclass(frozen=True)
class DemoPractice:
    name: str
    slug: str
    ods_code: str
    pcn: str
    list_size: int
    state: EngagementState
    state_since: date
    adopter: AdopterCategory | None
    staff: tuple[StaffMember, ...]
    coaches: tuple[str, ...] = ()  # emails; the first is the lead coach
    exit_reason: ExitReason | None = None
    exit_detail: str = ""
    microsystems: tuple[str, ...] = ()

    def email_of(self, member: StaffMember) -> str:
        first = member.name.split(" ")[-2 if member.name.startswith("Dr ") else 0].lower()
        return f"{first}.{self.slug}@{DOMAIN}"


@dataclass(frozen=True)
class DemoCoach:
    person: Person
    experience: CoachExperience
    background: str
    trained_on: date
    mentor: str | None = None  # email of the mentor


@dataclass(frozen=True)
class DemoPartner:
    name: str
    partner_type: str
    staff: tuple[str, ...] = ()


@dataclass(frozen=True)
class DemoAction:
    text: str
    owner: str  # a lead-team member's name
    due_in_days: int  # from the project's last meeting
    done: bool = False


@dataclass(frozen=True)
class DemoProject:
    """An improvement project at one of the demo practices, at some point on its path."""

    practice: str  # ODS code
    title: str
    typology: str
    status: str
    started_on: date
    champion: str
    sponsor: str
    members: tuple[str, ...] = ()
    patients: tuple[str, ...] = ()
    partner_members: tuple[tuple[str, str], ...] = ()  # (partner organisation, name)
    no_patient_reason: str = ""
    coaches: tuple[str, ...] = ()  # emails
    path_kind: str = "core"
    done: tuple[str, ...] = ("T1.1",)
    not_needed: tuple[str, ...] = ()
    worksheets: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = ()  # (tool id, ((field, answer), ...))
    meetings_held: int = 0
    meetings_planned: int = 0
    actions: tuple[DemoAction, ...] = ()
    parked: tuple[str, ...] = ()
    completed_on: date | None = None


@dataclass
class DemoWorld:
    commissioner: str = "Weald Valley Integrated Care Board"
    commissioner_ods: str = "ZZW"
    programme: str = "Weald Valley Clinical Microsystems Programme"
    programme_started: date = date(2025, 4, 1)
    first_project_payment: int = 3000
    pcns: tuple[str, ...] = ("Riverside Primary Care Network", "Downland Primary Care Network")
    lead: Person = Person("Alex Morgan", f"lead@{DOMAIN}")
    evaluator: Person = Person("Sam Okafor", f"evaluator@{DOMAIN}")
    coaches: tuple[DemoCoach, ...] = ()
    practices: tuple[DemoPractice, ...] = ()
    partners: tuple[DemoPartner, ...] = field(default_factory=tuple)
    projects: tuple[DemoProject, ...] = field(default_factory=tuple)


def coach(
    name: str, experience: CoachExperience, background: str, trained: date, mentor: str | None = None
) -> DemoCoach:
    email = f"{name.split(' ')[0].lower()}.coach@{DOMAIN}"
    return DemoCoach(Person(name, email), experience, background, trained, mentor)


MENTOR_A = f"helen.coach@{DOMAIN}"
MENTOR_B = f"david.coach@{DOMAIN}"
COACHES = (
    coach("Helen Ashworth", CoachExperience.MENTOR, "Practice manager", date(2023, 9, 14)),
    coach("David Mensah", CoachExperience.MENTOR, "Practice nurse", date(2023, 9, 14)),
    coach("Ruth Kaminski", CoachExperience.EXPERIENCED, "Commissioning manager", date(2024, 3, 7), MENTOR_A),
    coach("Imran Shah", CoachExperience.EXPERIENCED, "Pharmacist", date(2024, 3, 7), MENTOR_B),
    coach(
        "Chloe Barnes",
        CoachExperience.NEWLY_TRAINED,
        "Quality improvement facilitator",
        date(2026, 6, 18),
        MENTOR_A,
    ),
    coach("Tom Whitfield", CoachExperience.NEWLY_TRAINED, "Practice manager", date(2026, 6, 18), MENTOR_B),
)

RIVERSIDE, DOWNLAND = DemoWorld.pcns


def team(*members: tuple[str, Job] | str) -> tuple[StaffMember, ...]:
    """Staff as (name, job); a bare name is the practice's patient representative."""
    return tuple(
        StaffMember(m, Job.OTHER, patient_representative=True) if isinstance(m, str) else StaffMember(*m)
        for m in members
    )


PRACTICES = (
    DemoPractice(
        "Orchard Lane Surgery",
        "orchard-lane",
        "Z90001",
        RIVERSIDE,
        9_840,
        EngagementState.PROJECT_ACTIVE,
        date(2026, 9, 8),
        AdopterCategory.EARLY_ADOPTER,
        team(
            ("Priya Raman", Job.PRACTICE_MANAGER),
            ("Dr Owen Hughes", Job.GP),
            ("Grace Liu", Job.PRACTICE_NURSE),
            ("Megan Doyle", Job.RECEPTIONIST),
            "Margaret Ellis",
        ),
        coaches=(f"ruth.coach@{DOMAIN}", f"chloe.coach@{DOMAIN}"),
        microsystems=("Reception and appointments", "Chronic disease clinics"),
    ),
    DemoPractice(
        "Millbrook Medical Centre",
        "millbrook",
        "Z90002",
        RIVERSIDE,
        12_410,
        EngagementState.PROJECT_COMPLETED,
        date(2026, 7, 30),
        AdopterCategory.INNOVATOR,
        team(
            ("Janet Price", Job.PRACTICE_MANAGER),
            ("Dr Farah Siddiqui", Job.GP),
            ("Ben Carter", Job.ADMINISTRATOR),
            ("Aisha Bello", Job.PHARMACIST),
            "Derek Holmes",
        ),
        coaches=(MENTOR_A,),
    ),
    DemoPractice(
        "Kingsfield Health Centre",
        "kingsfield",
        "Z90003",
        RIVERSIDE,
        7_215,
        EngagementState.FOLLOWED_UP_6_MONTHS,
        date(2026, 5, 20),
        AdopterCategory.EARLY_ADOPTER,
        team(
            ("Lucy Fenwick", Job.PRACTICE_MANAGER),
            ("Dr Kwame Asante", Job.GP),
            ("Sophie Wren", Job.RECEPTIONIST),
        ),
        coaches=(f"imran.coach@{DOMAIN}",),
    ),
    DemoPractice(
        "Station Road Practice",
        "station-road",
        "Z90004",
        RIVERSIDE,
        5_630,
        EngagementState.AGREEMENT_SIGNED,
        date(2026, 10, 12),
        AdopterCategory.EARLY_MAJORITY,
        team(
            ("Martin Cole", Job.PRACTICE_MANAGER),
            ("Dr Hannah Reid", Job.GP),
            ("Joy Adeyemi", Job.PRACTICE_NURSE),
        ),
        coaches=(f"tom.coach@{DOMAIN}", MENTOR_B),
    ),
    DemoPractice(
        "Priory Fields Practice",
        "priory-fields",
        "Z90010",
        RIVERSIDE,
        15_920,
        EngagementState.FOLLOWED_UP_12_MONTHS,
        date(2026, 3, 3),
        AdopterCategory.INNOVATOR,
        team(
            ("Karen Walsh", Job.PRACTICE_MANAGER),
            ("Dr Peter Lund", Job.GP),
            ("Ella Moss", Job.HEALTHCARE_ASSISTANT),
            "Rita Chowdhury",
        ),
        coaches=(MENTOR_B,),
    ),
    DemoPractice(
        "Hollow Oak Surgery",
        "hollow-oak",
        "Z90005",
        DOWNLAND,
        6_480,
        EngagementState.INTERESTED,
        date(2026, 10, 28),
        AdopterCategory.LATE_MAJORITY,
        team(
            ("Nadia Kowalski", Job.PRACTICE_MANAGER),
            ("Dr Simon Tate", Job.GP),
            ("Amy Brooks", Job.RECEPTIONIST),
        ),
    ),
    DemoPractice(
        "Ferry Quay Surgery",
        "ferry-quay",
        "Z90009",
        DOWNLAND,
        8_105,
        EngagementState.READINESS_CHECKED,
        date(2026, 10, 19),
        AdopterCategory.EARLY_MAJORITY,
        team(
            ("Oliver Grant", Job.PRACTICE_MANAGER),
            ("Dr Leah Morris", Job.GP),
            ("Zara Hussain", Job.ADMINISTRATOR),
        ),
    ),
    DemoPractice(
        "Chalk Hill Medical Practice",
        "chalk-hill",
        "Z90006",
        DOWNLAND,
        4_390,
        EngagementState.WITHDREW,
        date(2026, 2, 16),
        AdopterCategory.LATE_MAJORITY,
        team(("Paula Jennings", Job.PRACTICE_MANAGER), ("Dr Gareth Evans", Job.GP)),
        exit_reason=ExitReason.STAFFING,
        exit_detail="Two of the three partners retired in the winter; "
        "the practice could not protect the hour.",
    ),
    DemoPractice(
        "Beacon View Surgery",
        "beacon-view",
        "Z90007",
        DOWNLAND,
        3_870,
        EngagementState.DECLINED,
        date(2025, 6, 2),
        AdopterCategory.LAGGARD,
        team(("Colin Marsh", Job.PRACTICE_MANAGER), ("Dr Irene Novak", Job.GP)),
        exit_reason=ExitReason.FELT_IMPOSED,
        exit_detail="Saw the programme as another initiative from the commissioner "
        "rather than their own choice.",
    ),
    DemoPractice(
        "Marsh Gate Family Practice",
        "marsh-gate",
        "Z90008",
        DOWNLAND,
        10_260,
        EngagementState.INVITED,
        date(2026, 11, 2),
        None,
        team(
            ("Yvonne Clarke", Job.PRACTICE_MANAGER),
            ("Dr Rajesh Pillai", Job.GP),
            ("Tessa Flynn", Job.RECEPTIONIST),
        ),
    ),
)

PARTNERS = (
    DemoPartner("Willowmere Care Home", "care_home", ("Bridget Nolan",)),
    DemoPartner("Downland Community Nursing Team", "community_nursing", ("Femi Okonkwo",)),
)

STEP_1 = ("T1.1", "T1.2", "T1.3", "T1.5", "T1.7")
STEP_2 = ("T2.1", "T2.2", "T2.3", "T2.7", "T2.12", "T2.18")
STEP_3 = ("T3.1", "T3.2", "T3.4")
STEP_4 = ("T4.1", "T4.2", "T4.3", "T4.4")
STEP_5 = ("T5.2", "T5.4")

# The workbook of projects modelled on the ones the evaluations describe. A project the programme's history
# already holds (same practice and title) gets its workbook added; the others are created. Orchard Lane
# Surgery and Station Road Practice have none yet, so the demo shows how a project starts.
PROJECTS = (
    DemoProject(
        "Z90002",
        "Incoming test results handled within two working days",
        "process",
        "completed",
        date(2025, 10, 6),
        champion="Janet Price",
        sponsor="Dr Farah Siddiqui",
        members=("Ben Carter", "Aisha Bello"),
        patients=("Derek Holmes",),
        coaches=(MENTOR_A,),
        done=STEP_1 + STEP_2 + STEP_3 + STEP_4 + STEP_5,
        worksheets=(
            (
                "T2.2",
                (
                    (
                        "inputs",
                        "To look after our patients well and safely\nTo be easy to reach\n"
                        "To keep people well, not just treat them",
                    ),
                    (
                        "statement",
                        "Our practice exists to give the people of Millbrook safe, personal care "
                        "that is easy to reach, and to help them stay well.",
                    ),
                ),
            ),
            (
                "T3.2",
                (
                    ("improve", "how the practice handles incoming test results"),
                    ("begins", "a result arriving in the clinical system"),
                    ("ends", "the patient knowing their result and what happens next"),
                    ("expect", "fewer calls chasing results, no result left unactioned, calmer mornings"),
                    ("now", "calls about results take a fifth of reception's morning"),
                ),
            ),
            (
                "T2.18",
                (
                    ("strengths", "A stable team that talks to each other; a pharmacist on site"),
                    ("problems", "Results wait in the GPs' inboxes; patients ring to chase them"),
                    ("themes", "Test results\nRepeat prescriptions\nPhone access in the morning"),
                    ("escalate", "Laboratory courier times (raise with the network)"),
                ),
            ),
        ),
        meetings_held=12,
        actions=(DemoAction("Put the results poster on the staff-room wall", "Ben Carter", -60, done=True),),
        parked=("Online booking for smear tests",),
        completed_on=date(2026, 7, 30),
    ),
    DemoProject(
        "Z90003",
        "Diabetes annual reviews in the birthday month",
        "health_outputs",
        "completed",
        date(2025, 6, 2),
        champion="Lucy Fenwick",
        sponsor="Dr Kwame Asante",
        members=("Sophie Wren",),
        no_patient_reason="The patient participation group had no member free on weekday afternoons.",
        coaches=(f"imran.coach@{DOMAIN}",),
        done=STEP_1 + tuple(t for t in STEP_2 if t != "T2.12") + STEP_3 + STEP_4 + ("T5.2",),
        not_needed=("T2.12",),
        worksheets=(
            (
                "T3.2",
                (
                    ("improve", "how we invite people with diabetes to their annual review"),
                    ("begins", "the monthly search of the diabetes register"),
                    ("ends", "the review done and the care plan agreed"),
                    ("expect", "more reviews done, fewer people missed, steadier nurse clinics"),
                    ("now", "a third of reviews were late last year"),
                ),
            ),
        ),
        meetings_held=10,
        completed_on=date(2026, 5, 20),
    ),
    DemoProject(
        "Z90010",
        "A weight-management clinic run by the healthcare assistant",
        "patient_centred",
        "completed",
        date(2025, 1, 13),
        champion="Ella Moss",
        sponsor="Dr Peter Lund",
        members=("Karen Walsh",),
        patients=("Rita Chowdhury",),
        coaches=(MENTOR_B,),
        done=STEP_1 + STEP_2 + STEP_3 + STEP_4 + STEP_5,
        meetings_held=13,
        completed_on=date(2025, 11, 28),
    ),
    DemoProject(
        "Z90010",
        "Weekly ward rounds with Willowmere Care Home",
        "process",
        "active",
        date(2026, 9, 14),
        champion="Karen Walsh",
        sponsor="Dr Peter Lund",
        members=("Ella Moss",),
        patients=("Rita Chowdhury",),
        partner_members=(
            ("Willowmere Care Home", "Bridget Nolan"),
            ("Downland Community Nursing Team", "Femi Okonkwo"),
        ),
        coaches=(MENTOR_B,),
        path_kind="full",
        done=("T1.1", "T1.2", "T1.3", "T1.4", "T1.5", "T1.7", "T1.8", "T2.2"),
        not_needed=("T1.6",),
        worksheets=(
            (
                "T1.4",
                (
                    (
                        "rules",
                        "Everyone speaks\nOne conversation at a time\nNo idea is a bad idea\n"
                        "Start and finish on time",
                    ),
                ),
            ),
            (
                "T2.2",
                (
                    (
                        "inputs",
                        "Care home: residents seen without a trip to the surgery\n"
                        "Nurses: one list of who needs seeing",
                    ),
                    (
                        "statement",
                        "Together we keep Willowmere's residents well at home, with one plan that "
                        "everyone can see.",
                    ),
                ),
            ),
        ),
        meetings_held=4,
        meetings_planned=9,
        actions=(
            DemoAction("Bring a week of call logs from the care home", "Bridget Nolan", 5),
            DemoAction("Draft the patient-cycle sheet for a ward round", "Ella Moss", 5),
            DemoAction("Ask the network about shared record access", "Karen Walsh", -3),
        ),
        parked=("A shared medicines chart",),
    ),
    DemoProject(
        "Z90006",
        "Repeat prescription requests handled in two days",
        "process",
        "stopped",
        date(2025, 11, 3),
        champion="Paula Jennings",
        sponsor="Dr Gareth Evans",
        no_patient_reason="Not asked before the project stopped.",
        done=("T1.1", "T1.2"),
        meetings_held=2,
    ),
)

WORLD = DemoWorld(coaches=COACHES, practices=PRACTICES, partners=PARTNERS, projects=PROJECTS)
