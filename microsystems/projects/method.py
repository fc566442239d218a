"""The method as data: the five steps, their tools, and how a project's path through them is worked out.

Plain Python, no Django: the project page, the demo and the tests all read this one catalogue. Every
prompt is written in our own words; the guidance links point to the programme's master file.

Every tool is optional. A "core" tool is on the short path most practices take; the full path adds the
rest. The coach or champion may mark any tool "not needed" and the path moves on."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum


class ToolState(StrEnum):
    DONE = "done"
    NEXT = "next"
    TO_DO = "to_do"
    NOT_NEEDED = "not_needed"

    @property
    def label(self) -> str:
        return {"done": "Done", "next": "Next", "to_do": "To do", "not_needed": "Not needed"}[self.value]

    @property
    def tag_colour(self) -> str:
        return {"done": "green", "next": "blue", "to_do": "grey", "not_needed": "white"}[self.value]


class PathKind(StrEnum):
    CORE = "core"
    FULL = "full"


@dataclass(frozen=True)
class Field:
    """One question on a worksheet."""

    name: str
    label: str
    hint: str = ""
    long: bool = True
    number: bool = False  # in a table: a whole number (such as a count of patients or a percentage)
    choices: tuple[str, ...] = ()  # answered by choosing one of these


@dataclass(frozen=True)
class Tool:
    id: str
    step: int
    name: str
    why_and_how: str
    core: bool
    fields: tuple[Field, ...] = ()  # a simple worksheet the team fills in on screen; empty for other tools
    # A table the team fills in, one row per item (a register, a step of a journey, a metric).
    rows: tuple[Field, ...] = ()
    rows_label: str = ""
    # Questions each person answers for themselves; the team sees everyone's answers side by side.
    own: tuple[Field, ...] = ()
    own_label: str = ""

    @property
    def slug(self) -> str:
        return self.id.lower().replace(".", "-")

    @property
    def is_worksheet(self) -> bool:
        return bool(self.fields or self.rows or self.own)


@dataclass(frozen=True)
class Step:
    number: int
    name: str
    summary: str


# The personal skills assessment: each person rates themselves in each area.
SKILL_AREAS = (
    ("clinical", "Clinical skills"),
    ("system", "The clinical system and IT"),
    ("talking", "Talking with patients"),
    ("improvement", "Data and improvement"),
    ("office", "Running the office"),
)
SKILL_LEVELS = ("Expert", "Confident", "Learning", "Want to learn", "Not part of my job")

STEPS = (
    Step(1, "Organise a lead team", "A small team from every role, with a patient, that meets regularly."),
    Step(
        2, "Assess the 5Ps", "Purpose, patients, professionals, processes and patterns: how things are now."
    ),
    Step(3, "Make a diagnosis", "Choose a theme, write a global aim and look for the causes."),
    Step(4, "Treat", "Set a specific aim, test changes in small cycles, standardise what works."),
    Step(5, "Follow up", "Keep measuring, share the story and choose what to work on next."),
)

TOOLS = (
    # Step 1
    Tool(
        "T1.1",
        1,
        "Lead team",
        "Name who is on the team and who champions it; done when the project starts.",
        True,
    ),
    Tool(
        "T1.2",
        1,
        "Meeting roles",
        "Leader, facilitator, timekeeper and recorder take turns; we suggest the rota so nobody debates it.",
        True,
    ),
    Tool(
        "T1.3",
        1,
        "Agenda",
        "Every meeting has the same seven-step shape, with minutes set for each item.",
        True,
    ),
    Tool(
        "T1.4",
        1,
        "Ground rules",
        "Agree at the first meeting how you will behave together; they show on every agenda.",
        False,
        (Field("rules", "Our ground rules", "One rule a line, such as: everyone speaks; phones away."),),
    ),
    Tool(
        "T1.5",
        1,
        "Notes, actions and parking lot",
        "Record decisions and who does what by when; open actions come back on the next agenda.",
        True,
    ),
    Tool(
        "T1.6",
        1,
        "Brainstorm and vote",
        "Collect ideas without judging, then give everyone a few votes to narrow them down.",
        False,
    ),
    Tool(
        "T1.7",
        1,
        "Meeting score",
        "Two minutes at the end: a score out of 10 and one thing to change.",
        False,
    ),
    Tool(
        "T1.8",
        1,
        "Noticeboard summary",
        "One printable page after each meeting so colleagues outside the lead team know what is happening.",
        False,
    ),
    # Step 2
    Tool(
        "T2.1",
        2,
        "5Ps at a glance",
        "A one-page poster of the practice that fills itself as you go.",
        True,
        (
            Field("purpose", "Also on the Purpose panel", "What the worksheets do not say.", long=False),
            Field("patients", "Also on the Patients panel", long=False),
            Field("professionals", "Also on the Professionals panel", long=False),
            Field("processes", "Also on the Processes panel", long=False),
            Field("patterns", "Also on the Patterns panel", long=False),
        ),
    ),
    Tool(
        "T2.2",
        2,
        "Purpose",
        "Ask everyone why the practice exists and for whom; agree one sentence you can all sign up to.",
        True,
        (
            Field("statement", "Our agreed purpose", "Start with: Our practice exists to …"),
            Field("agreed_on", "Date we agreed it", "For example, 12 March 2026.", long=False),
            Field("mission", "How it fits the wider aims", "Of the partners, the network or the board."),
            Field(
                "inputs", "Views collected on paper", "Answers from people not using this page, one a line."
            ),
        ),
        own=(
            Field("aim", "What is our practice for?"),
            Field("make", "What do we actually do, day to day?"),
            Field("for_whom", "Who do we do it for?"),
        ),
        own_label="Each person's view",
    ),
    Tool(
        "T2.3",
        2,
        "Patients",
        "Who you look after: list size, ages, registers and groups who might be served differently.",
        True,
        (
            Field("profile", "Who our patients are", "List size, age groups, deprivation, languages."),
            Field("groups", "Groups we could serve differently", "For example housebound patients, carers."),
            Field("services", "Other services our patients rely on"),
            Field("experience", "What patients tell us", "GP Patient Survey, Friends and Family Test."),
        ),
        rows=(
            Field("register", "Register or group", long=False),
            Field("patients", "Patients", long=False, number=True),
            Field("note", "Note", "Such as: QOF prevalence 7.9%", long=False),
        ),
        rows_label="Registers and groups",
    ),
    Tool(
        "T2.5",
        2,
        "Through the patient's eyes",
        "Follow one real journey step by step and note every wait, hand-off and surprise.",
        False,
        (
            Field("journey", "Which journey", "Such as: getting a blood test result.", long=False),
            Field(
                "walked_by",
                "Who walked it, and when",
                "If you follow a real patient, ask them first and note no details that name them.",
                long=False,
            ),
            Field("surprises", "What surprised us"),
            Field("steps", "Other notes on the journey"),
        ),
        rows=(
            Field("when", "When", long=False),
            Field("where", "Where or how", long=False),
            Field("who", "Who with", long=False),
            Field("saw", "What the patient saw and felt", long=False),
            Field("pain", "Pain point", long=False),
            Field("delight", "What went well", long=False),
        ),
        rows_label="The journey, step by step",
    ),
    Tool(
        "T2.6",
        2,
        "Visit cycle time",
        "Time each step of a visit from arrival to leaving, for about 15 patients, to see where waits are.",
        False,
    ),
    Tool(
        "T2.7",
        2,
        "Professionals",
        "Who works here, in which roles and hours, and where the gaps and skills are.",
        True,
        (
            Field(
                "roles", "Roles, numbers and hours", "One role a line, such as: Practice nurse — 3 (2.2 WTE)."
            ),
            Field("gaps", "Vacancies, turnover and skills we lack"),
            Field("locums", "Locum and agency cover", "How many sessions a month, and for which roles."),
            Field("systems", "Our systems as team members", "The clinical system, phones, online forms."),
        ),
    ),
    Tool(
        "T2.9",
        2,
        "Skills",
        "Each person notes the skills they have and want; the team sees where to train or share the work.",
        False,
        own=(
            *(Field(name, label, long=False, choices=SKILL_LEVELS) for name, label in SKILL_AREAS),
            Field("strong", "Skills I could teach others"),
            Field("want", "Skills I want to build"),
            Field("training", "Training or support I would like", long=False),
        ),
        own_label="Everyone's skills",
    ),
    Tool(
        "T2.10",
        2,
        "Who does what",
        "Estimate where each role's time goes in a typical week, and what someone else could do.",
        False,
        (Field("notes", "What we noticed"),),
        rows=(
            Field("role", "Role", long=False),
            Field("activity", "Activity", "Such as: results, prescriptions, letters, phones.", long=False),
            Field("share", "Share of the week (%)", long=False, number=True),
            Field("other", "Could someone else do it, or another way?", long=False),
        ),
        rows_label="Activities by role",
    ),
    Tool(
        "T2.11",
        2,
        "Interruptions tally",
        "For one session, everyone tallies each unplanned interruption; the biggest causes stand out.",
        False,
    ),
    Tool(
        "T2.12",
        2,
        "How well our processes work",
        "Everyone rates the practice's main processes; the ratings are pooled into a ranked problem list.",
        True,
        rows=(
            Field("process", "Process", long=False),
            Field("owner", "Who owns it", "The person who would lead a change to it.", long=False),
            Field("comment", "Comment", long=False),
        ),
        rows_label="Owners of the processes that need work",
    ),
    Tool(
        "T2.13",
        2,
        "Process map",
        "Draw how one process really runs today, who does each step and where it waits.",
        False,
    ),
    Tool(
        "T2.14",
        2,
        "Patterns",
        "Look for what keeps happening: demand by day and hour, outcomes, meetings, staff changes.",
        False,
        (
            Field(
                "demand", "Patterns of demand", "When are the busy and quiet times, by hour, day and season?"
            ),
            Field("outcomes", "Outcomes and results", "QOF and other clinical results."),
            Field(
                "team", "How the team works together", "Which meetings happen, who talks to whom, who never."
            ),
            Field("referrals", "Where patients come from and go to", "Referrals in and out, and from where."),
            Field("staff", "Staff patterns", "Sickness, turnover, new starters."),
            Field("safety", "Safety and complaints", "Significant events, complaints, compliments."),
            Field("money", "Money", "If you know it: costs, income at risk."),
        ),
    ),
    Tool(
        "T2.15",
        2,
        "Metrics that matter",
        "Pick the few measures you will watch, each defined so anyone would count it the same way.",
        False,
        (Field("notes", "Notes"),),
        rows=(
            Field("name", "Measure", long=False),
            Field("why", "Why it matters", long=False),
            Field(
                "balance",
                "Kind",
                "Clinical outcome, patient experience, staff experience, access, or cost.",
                long=False,
            ),
            Field("definition", "How it is counted", "What is counted, out of what.", long=False),
            Field(
                "source",
                "Where the data comes from",
                "A clinical system search, the phone report.",
                long=False,
            ),
            Field("frequency", "How often", long=False),
            Field("who", "Who collects it", long=False),
            Field("baseline", "Where we are now", long=False),
            Field("target", "Where we want to be", long=False),
        ),
        rows_label="Our measures",
    ),
    Tool(
        "A",
        2,
        "Self-assessment",
        "Each member rates the practice against ten characteristics of strong teams, alone and anonymously.",
        False,
    ),
    Tool(
        "T2.18",
        2,
        "What we found",
        "Bring the 5Ps together: strengths to keep, problems, waste, candidate themes, and what to escalate.",
        True,
        (
            Field("strengths", "Strengths to protect"),
            Field("problems", "Problems and waste"),
            Field("themes", "Possible themes", "One a line; you will vote on them in step 3."),
            Field("escalate", "Beyond our control: to raise with the network or commissioner"),
        ),
    ),
    # Step 3
    Tool(
        "T3.1",
        3,
        "Choose a theme",
        "Vote on the candidate themes and pick one broad area that matters and is within your control.",
        True,
    ),
    Tool(
        "T3.2",
        3,
        "Global aim",
        "Five short sentences that say what you will improve, where it starts and ends, and why now.",
        True,
        (
            Field("improve", "We aim to improve", long=False),
            Field("begins", "The process begins with", long=False),
            Field("ends", "The process ends with", long=False),
            Field("expect", "By working on this we expect"),
            Field("now", "It matters now because"),
        ),
    ),
    Tool(
        "T3.3",
        3,
        "Detailed process map",
        "Map the process your global aim covers, from its first step to its last.",
        False,
    ),
    Tool(
        "T3.3F",
        3,
        "Ideal process map",
        "Draw how the same process should run once it works well: fewer hand-offs, no waits you can avoid.",
        False,
    ),
    Tool(
        "T3.4",
        3,
        "Fishbone",
        "Brainstorm the causes of the problem by category, then vote on the ones to tackle first.",
        True,
    ),
    # Step 4
    Tool("T4.1", 4, "Specific aim", "A number, a date and a measure: how much better, by when.", True),
    Tool("T4.2", 4, "Change ideas", "Collect ideas to test, linked to the causes they address.", True),
    Tool(
        "T4.3", 4, "Measures and run chart", "Define the measure, collect the data and watch the chart.", True
    ),
    Tool(
        "T4.4",
        4,
        "Test of change (PDSA)",
        "Plan a small test, predict, do it, study the data, then decide.",
        True,
    ),
    Tool(
        "T4.6",
        4,
        "Standardise (SDSA)",
        "Once a change works, make it the normal way and check it holds.",
        False,
    ),
    Tool(
        "T4.8", 4, "Daily huddle", "Five minutes each morning: yesterday, today and any test running.", False
    ),
    # Step 5
    Tool(
        "T5.2",
        5,
        "Storyboard",
        "One page telling the story of the project, made from what you recorded.",
        True,
    ),
    Tool(
        "T5.3",
        5,
        "Meeting rhythm",
        "Keep the daily huddle, weekly lead team and monthly whole-team meetings.",
        False,
    ),
    Tool("T5.4", 5, "Next theme", "Look again at the 5Ps and choose what to work on next.", True),
)

TOOLS_BY_ID: Mapping[str, Tool] = {tool.id: tool for tool in TOOLS}
TOOLS_BY_SLUG: Mapping[str, Tool] = {tool.slug: tool for tool in TOOLS}


@dataclass(frozen=True)
class ToolOnPath:
    tool: Tool
    state: ToolState


@dataclass(frozen=True)
class StepOnPath:
    step: Step
    tools: tuple[ToolOnPath, ...]

    @property
    def state(self) -> ToolState:
        states = {t.state for t in self.tools}
        if states <= {ToolState.DONE, ToolState.NOT_NEEDED} and ToolState.DONE in states:
            return ToolState.DONE
        if states == {ToolState.NOT_NEEDED}:
            return ToolState.NOT_NEEDED
        if ToolState.NEXT in states:
            return ToolState.NEXT
        return ToolState.TO_DO


def tools_on(kind: PathKind) -> tuple[Tool, ...]:
    return TOOLS if kind == PathKind.FULL else tuple(t for t in TOOLS if t.core)


def path(
    kind: PathKind, done: Iterable[str], not_needed: Iterable[str], moved: Mapping[str, int] | None = None
) -> tuple[StepOnPath, ...]:
    """The five steps with each tool's state. The first tool that is neither done nor marked not needed
    is "next"; a tool marked not needed stays so even on the full path; a tool done off the core path
    shows as done. `moved` puts a tool in another step (the fishbone in step 2), at that step's end."""
    done_ids, skipped_ids = set(done), set(not_needed)
    moved = moved or {}

    def step_of(tool: Tool) -> int:
        return moved.get(tool.id, tool.step)

    shown = [t for t in TOOLS if t in tools_on(kind) or t.id in done_ids]
    shown.sort(key=lambda t: (step_of(t), TOOLS.index(t)))
    found_next = False
    states: dict[str, ToolState] = {}
    for tool in shown:
        if tool.id in done_ids:
            states[tool.id] = ToolState.DONE
        elif tool.id in skipped_ids:
            states[tool.id] = ToolState.NOT_NEEDED
        elif not found_next:
            states[tool.id] = ToolState.NEXT
            found_next = True
        else:
            states[tool.id] = ToolState.TO_DO
    return tuple(
        StepOnPath(step, tuple(ToolOnPath(t, states[t.id]) for t in shown if step_of(t) == step.number))
        for step in STEPS
    )


def current_step(steps: Iterable[StepOnPath]) -> int | None:
    """The step holding the next tool; None when every tool is done or not needed."""
    for step in steps:
        if any(t.state == ToolState.NEXT for t in step.tools):
            return step.step.number
    return None
