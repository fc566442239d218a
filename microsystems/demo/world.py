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

WORLD = DemoWorld(coaches=COACHES, practices=PRACTICES, partners=PARTNERS)
