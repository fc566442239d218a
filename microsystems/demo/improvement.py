"""The demo projects' measures, data, specific aims and tests of change: months of realistic numbers with
real signals (a shift after an adopted change, a trend, an astronomical point) and the PDSA ramps that
explain them. Deterministic: the same numbers every time the demo loads."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from microsystems.followup.models import Benefit, Completion
from microsystems.measures.models import DataPoint, Measure, Phase
from microsystems.people.models import User
from microsystems.projects.models import Cause, Fishbone, Project
from microsystems.treat.baseline import baseline_of
from microsystems.treat.models import ChangeIdea, Huddle, PDSACycle, SDSACycle, SpecificAim


@dataclass(frozen=True)
class DemoCycle:
    objective: str
    scale: str
    starts_on: date
    ends_on: date
    prediction: str
    happened: str
    studied: str
    decision: str  # adopt, adapt, abandon or "" (still running)
    next_step: str


@dataclass(frozen=True)
class DemoIdea:
    title: str
    cause: str
    source: str
    cycles: tuple[DemoCycle, ...]
    standard: str = ""
    adherence: str = ""
    category: str = "Processes"


@dataclass(frozen=True)
class DemoMeasure:
    name: str
    measure_type: str
    kind: str
    frequency: str
    better: str
    definition: str
    source: str
    points: tuple[tuple[date, float, float | None], ...]
    target: float | None = None
    owner: str = ""
    phases: tuple[tuple[date, str], ...] = ()
    notes: tuple[tuple[date, str], ...] = ()


@dataclass(frozen=True)
class DemoImprovement:
    practice: str
    project: str
    measures: tuple[DemoMeasure, ...]
    ideas: tuple[DemoIdea, ...] = ()
    aim_target: float | None = None
    aim_date: date | None = None
    aim_set_on: date | None = None
    huddles: tuple[date, ...] = field(default_factory=tuple)
    # The fishbone's effect and its other causes (category, cause) that no idea addresses yet.
    fishbone: str = ""
    other_causes: tuple[tuple[str, str], ...] = ()
    # For a completed project: its lessons, the next theme and the benefits log (text, quote, role, tags).
    lessons: str = ""
    next_theme: str = ""
    benefits: tuple[tuple[str, str, str, tuple[str, ...]], ...] = ()


def _weeks(first: date, last: date) -> list[date]:
    return [first + timedelta(days=7 * i) for i in range((last - first).days // 7 + 1)]


def _weekdays(first: date, last: date) -> list[date]:
    days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    return [d for d in days if d.weekday() < 5]


def _months(first: date, count: int) -> list[date]:
    return [
        date(first.year + (first.month - 1 + i) // 12, (first.month - 1 + i) % 12 + 1, 1)
        for i in range(count)
    ]


def _binomial(rng: random.Random, n: int, p: float) -> float:
    return float(sum(rng.random() < p for _ in range(n)))


def _poisson(rng: random.Random, mean: float) -> float:
    # Knuth's method: fine for the small means of a practice's daily counts.
    limit, k, product = pow(2.718281828459045, -mean), 0, rng.random()
    while product > limit:
        k += 1
        product *= rng.random()
    return float(k)


def _results_filed() -> tuple[tuple[date, float, float | None], ...]:
    """Millbrook's weekly results: about 62% filed in two days until same-day texts were adopted in
    February 2026, about 85% since; one week of clinical-system outage in April 2026 (an astronomical
    point)."""
    rng = random.Random(20251006)
    points = []
    for week in _weeks(date(2025, 9, 1), date(2026, 11, 16)):
        total = 170 + int(rng.random() * 30)
        rate = 0.62 if week < date(2026, 2, 9) else 0.875
        if week == date(2026, 4, 13):
            rate = 0.31
        points.append((week, _binomial(rng, total, rate), float(total)))
    return tuple(points)


def _calls_chasing() -> tuple[tuple[date, float, float | None], ...]:
    """Calls to reception chasing results: steady near 58 a week, then a falling trend as the texts take
    hold, settling near 24."""
    rng = random.Random(58)
    falling = [55.0, 50.0, 46.0, 41.0, 37.0, 33.0, 29.0, 26.0]
    points = []
    for week in _weeks(date(2025, 9, 1), date(2026, 11, 16)):
        if week < date(2026, 1, 26):
            value = _poisson(rng, 58)
        elif week < date(2026, 1, 26) + timedelta(days=7 * len(falling)):
            value = falling[(week - date(2026, 1, 26)).days // 7]
        else:
            value = _poisson(rng, 24)
        points.append((week, value, None))
    return tuple(points)


def _birthday_reviews() -> tuple[tuple[date, float, float | None], ...]:
    rng = random.Random(20250602)
    points = []
    for month in _months(date(2024, 1, 1), 34):
        due = 36 + int(rng.random() * 10)
        rate = 0.47 if month < date(2025, 10, 1) else 0.74
        points.append((month, _binomial(rng, due, rate), float(due)))
    return tuple(points)


def _care_home_calls() -> tuple[tuple[date, float, float | None], ...]:
    """Willowmere's calls to the practice each weekday: about 9 until the weekly ward round began, then
    a trend down to about 4."""
    rng = random.Random(20260914)
    falling = [8.0, 8.0, 7.0, 7.0, 6.0, 5.0, 5.0, 4.0]
    points = []
    start = date(2026, 10, 7)
    days = _weekdays(date(2026, 8, 17), date(2026, 11, 20))
    for day in days:
        if day < start:
            value = _poisson(rng, 9)
        else:
            index = sum(1 for d in days if start <= d < day)
            value = falling[index] if index < len(falling) else _poisson(rng, 4)
        points.append((day, value, None))
    return tuple(points)


IMPROVEMENTS = (
    DemoImprovement(
        "Z90002",
        "Incoming test results handled within two working days",
        measures=(
            DemoMeasure(
                "Results filed within two working days",
                "outcome",
                "proportion",
                "weekly",
                "up",
                "Of the results received in the week (pathology and radiology), those filed with an action "
                "within two working days. Excludes results for patients who left the practice that week.",
                "Clinical-system search “Results filed within 2 days”, run every Monday by Ben Carter",
                _results_filed(),
                target=85.0,
                owner="Ben Carter",
                phases=((date(2026, 2, 9), "Adopted: same-day texts for normal results"),),
                notes=((date(2026, 4, 13), "Clinical system down for three days"),),
            ),
            DemoMeasure(
                "Calls to reception chasing results",
                "balancing",
                "count",
                "weekly",
                "down",
                "Calls in which the caller asks whether a result is back, tallied at the reception desk.",
                "Tally sheet beside each reception phone",
                _calls_chasing(),
                owner="Aisha Bello",
            ),
        ),
        ideas=(
            DemoIdea(
                "Text normal results to patients the same day",
                "Patients are not told when a result is normal",
                "Staff",
                (
                    DemoCycle(
                        "One GP texts normal results for one week",
                        "One GP, one week",
                        date(2026, 1, 12),
                        date(2026, 1, 16),
                        "Nine in ten of her normal results filed within two days; fewer calls about them",
                        "Dr Siddiqui texted 64 normal results. Two patients had no mobile number.",
                        "88% of her results were filed in two days, above the prediction; calls about her "
                        "patients' results fell by half. The template wording confused three patients.",
                        "adapt",
                        "Reword the template and try it with every GP for two weeks.",
                    ),
                    DemoCycle(
                        "Every GP texts normal results for two weeks, with the new wording",
                        "Every GP, two weeks",
                        date(2026, 1, 26),
                        date(2026, 2, 6),
                        "Above 80% filed in two days across the practice",
                        "All four GPs used the template; reception posted a notice in the waiting room.",
                        "84% and 86% in the two weeks, as predicted; no complaints about the wording.",
                        "adopt",
                        "Make it the standard way of working from 9 February; write the standard work.",
                    ),
                ),
                standard="1. The GP files a normal result with the code “normal, no action”.\n"
                "2. The same day, the GP sends the template text “Your recent test result is normal”.\n"
                "3. A patient without a mobile number gets a letter, sent by the admin team on Fridays.",
                adherence="Ben Carter checks ten filed results each month for a text or a letter.",
            ),
            DemoIdea(
                "A results rota for the duty doctor",
                "Results wait in the inbox of a GP who is away",
                "Coach (from another practice)",
                (
                    DemoCycle(
                        "The duty doctor files results of GPs on leave for one week",
                        "One duty doctor, one week",
                        date(2026, 3, 9),
                        date(2026, 3, 13),
                        "No result waits more than two days while a GP is on leave",
                        "The duty doctor also had 40 urgent calls a day and fell behind by Wednesday.",
                        "Results still waited three days; the duty doctor was overloaded.",
                        "abandon",
                        "Try buddying GPs in pairs instead (a new idea).",
                    ),
                ),
                category="People",
            ),
        ),
        aim_target=85.0,
        aim_date=date(2026, 6, 30),
        aim_set_on=date(2026, 1, 5),
        fishbone="Results wait more than two working days to be filed",
        other_causes=(
            ("Technology", "Results arrive in several inboxes"),
            ("Patients", "Patients are not told how they will hear about a result"),
        ),
        lessons="Start with one GP for one week: the first test showed the text template needed changing "
        "before anyone else used it.\nA weekly search run by the same person made the chart trustworthy.\n"
        "Telling patients how they will hear stopped most of the calls chasing results.",
        next_theme="Repeat prescription requests answered within two working days",
        benefits=(
            (
                "Mornings at reception are calmer: fewer patients phone to chase a result.",
                "I can answer the phone at nine without a queue of people asking about blood tests.",
                "Receptionist",
                ("staff", "patients"),
            ),
            (
                "The GPs file their own normal results the same day and trust the template.",
                "It takes me two minutes at the end of surgery.",
                "Salaried GP",
                ("team",),
            ),
            (
                "The meeting gave the team a protected hour a month to think about how we work.",
                "",
                "",
                ("reflection",),
            ),
        ),
    ),
    DemoImprovement(
        "Z90003",
        "Diabetes annual reviews in the birthday month",
        measures=(
            DemoMeasure(
                "Annual reviews done in the birthday month",
                "outcome",
                "proportion",
                "monthly",
                "up",
                "Of the people on the diabetes register whose birthday falls in the month, those whose "
                "annual review (all nine care processes) is done in that month.",
                "Monthly clinical-system search of the diabetes register",
                _birthday_reviews(),
                target=70.0,
                owner="Sophie Wren",
                phases=((date(2025, 10, 1), "Adopted: birthday-month invitations by the admin team"),),
            ),
        ),
        ideas=(
            DemoIdea(
                "Invite people in their birthday month, run by the admin team",
                "Invitations go out in batches, months late",
                "Literature",
                (
                    DemoCycle(
                        "Invite people with surnames A to F in their birthday month",
                        "One letter of the alphabet group, one month",
                        date(2025, 8, 1),
                        date(2025, 8, 29),
                        "Seven in ten of them booked within the month",
                        "The search ran on the first working day; invitations went by text and letter.",
                        "Six in ten booked: fewer than predicted, because bloods had to come first.",
                        "adapt",
                        "Book the blood test in the same text, two weeks before the review.",
                    ),
                    DemoCycle(
                        "Invite everyone in their birthday month, with the blood test booked first",
                        "The whole register, one month",
                        date(2025, 9, 1),
                        date(2025, 9, 30),
                        "Seven in ten reviews done in the birthday month",
                        "Every invitation sent on the first working day; nurse clinics filled evenly.",
                        "72% done in the month, as predicted.",
                        "adopt",
                        "Make it the monthly routine from October.",
                    ),
                ),
                standard="On the first working day of the month the admin lead runs the birthday search, "
                "books the blood test two weeks ahead and sends the invitation text.",
                adherence="The nurse lead checks the month's search was run, at the monthly team meeting.",
            ),
        ),
        aim_target=70.0,
        aim_date=date(2026, 3, 31),
        aim_set_on=date(2025, 7, 14),
        lessons="Inviting in the birthday month spread the nurse clinics evenly across the year.\n"
        "Booking the blood test before the review saved a second appointment.",
        next_theme="Annual reviews for people with COPD",
        benefits=(
            (
                "People with diabetes know when their review is due: it is their birthday month.",
                "Easy to remember, and my bloods are back before I see the nurse.",
                "Patient participation group member",
                ("patients",),
            ),
            (
                "The nurse clinics are no longer overbooked in March.",
                "",
                "Practice nurse",
                ("staff",),
            ),
        ),
    ),
    DemoImprovement(
        "Z90010",
        "Weekly ward rounds with Willowmere Care Home",
        measures=(
            DemoMeasure(
                "Calls from Willowmere Care Home",
                "outcome",
                "count",
                "daily",
                "down",
                "Calls from the care home's staff to the practice about a resident, each weekday.",
                "Reception's call log, filtered on the care home's number",
                _care_home_calls(),
                owner="Karen Walsh",
            ),
        ),
        ideas=(
            DemoIdea(
                "A weekly ward round at the care home",
                "Residents' problems are raised one call at a time",
                "Partner organisation",
                (
                    DemoCycle(
                        "Dr Lund visits on Tuesday mornings for two weeks",
                        "One GP, two mornings",
                        date(2026, 10, 6),
                        date(2026, 10, 20),
                        "Calls from the home fall by a third",
                        "Two rounds held; the home kept a list of questions for the visit.",
                        "Calls fell from about nine to six a day, a little better than predicted.",
                        "adapt",
                        "Add the practice pharmacist to the round and run it for a month.",
                    ),
                    DemoCycle(
                        "A GP and the pharmacist visit every Tuesday for a month",
                        "One GP and the pharmacist, four mornings",
                        date(2026, 10, 27),
                        date(2026, 11, 24),
                        "Calls fall to about four a day",
                        "Rounds held on 27 October and 3, 10 and 17 November.",
                        "",
                        "",
                        "",
                    ),
                ),
            ),
        ),
        huddles=tuple(_weekdays(date(2026, 11, 9), date(2026, 11, 20))),
    ),
)


def load_improvement() -> None:
    """Add the measures, data, aims and tests of change to the demo projects that exist."""
    people = {u.full_name: u for u in User.objects.all()}
    for demo in IMPROVEMENTS:
        project = Project.objects.filter(practice__ods_code=demo.practice, title=demo.project).first()
        if project is None:
            continue
        champion = project.team.filter(part="champion").select_related("user").first()
        by = champion.user if champion else None
        measures = [_measure(project, m, people, by) for m in demo.measures]
        main = measures[0]
        if demo.aim_target is not None and demo.aim_date is not None:
            before = list(DataPoint.objects.filter(measure=main, period__lt=demo.aim_set_on))
            found = baseline_of(main, before)
            SpecificAim.objects.create(
                project=project,
                measure=main,
                target=demo.aim_target,
                target_date=demo.aim_date,
                baseline=found.value if found else None,
                baseline_from=found.first if found else None,
                baseline_to=found.last if found else None,
                created_by=by,
            )
        causes: dict[str, Cause] = {}
        if demo.fishbone:
            Fishbone.objects.get_or_create(project=project, defaults={"effect": demo.fishbone})
            for category, text in [(i.category, i.cause) for i in demo.ideas] + list(demo.other_causes):
                causes[text] = Cause.objects.create(
                    project=project, category=category, text=text, raised_by=by
                )
        for demo_idea in demo.ideas:
            _idea(project, demo_idea, main, by, causes.get(demo_idea.cause))
        if demo.lessons and project.status == "completed":
            Completion.objects.get_or_create(
                project=project,
                defaults={"lessons": demo.lessons, "next_theme": demo.next_theme, "completed_by": by},
            )
        for text, quote, said_by, tags in demo.benefits:
            Benefit.objects.create(
                project=project, text=text, quote=quote, said_by=said_by, tags=list(tags), created_by=by
            )
        for day in demo.huddles:
            point = DataPoint.objects.filter(measure=main, period=day).first()
            Huddle.objects.create(
                project=project,
                held_on=day,
                led_by=by,
                looking_back="A calm afternoon; one late request for a home visit.",
                demand="About 60 requests expected",
                capacity="2 GPs, 1 nurse, the pharmacist",
                staff_away="Dr Lund at the care home in the morning" if day.weekday() == 1 else "",
                risks="Flu clinic on Saturday: check the vaccine delivery",
                contingency="The pharmacist takes medication queries if demand is high",
                measure=main if point else None,
                value=point.value if point else None,
                minutes=6,
                created_by=by,
            )


def _measure(project: Project, demo: DemoMeasure, people: dict[str, User], by: User | None) -> Measure:
    measure = Measure.objects.create(
        project=project,
        name=demo.name,
        measure_type=demo.measure_type,
        definition=demo.definition,
        data_source=demo.source,
        kind=demo.kind,
        frequency=demo.frequency,
        better=demo.better,
        target=demo.target,
        owner=people.get(demo.owner),
        created_by=by,
    )
    notes = dict(demo.notes)
    DataPoint.objects.bulk_create(
        DataPoint(
            measure=measure,
            period=period,
            value=value,
            denominator=denominator,
            note=notes.get(period, ""),
            entered_by=by,
        )
        for period, value, denominator in demo.points
    )
    Phase.objects.bulk_create(
        Phase(measure=measure, starts_on=starts, reason=reason, created_by=by)
        for starts, reason in demo.phases
    )
    return measure


def _idea(project: Project, demo: DemoIdea, measure: Measure, by: User | None, cause: Cause | None) -> None:
    decisions = [c.decision for c in demo.cycles]
    status = "adopted" if "adopt" in decisions else "abandoned" if decisions[-1] == "abandon" else "testing"
    idea = ChangeIdea.objects.create(
        project=project,
        title=demo.title,
        cause=demo.cause,
        fishbone_cause=cause,
        source=demo.source,
        status=status,
        created_by=by,
    )
    idea.measures.set([measure])
    for number, cycle in enumerate(demo.cycles, start=1):
        PDSACycle.objects.create(
            idea=idea,
            number=number,
            measure=measure,
            objective=cycle.objective,
            question="Does it move the measure, and is it workable?",
            prediction=cycle.prediction,
            who="The lead team",
            scale=cycle.scale,
            starts_on=cycle.starts_on,
            ends_on=cycle.ends_on,
            data_to_collect=f"The measure “{measure.name}”",
            what_happened=cycle.happened,
            compared_with_prediction=cycle.studied,
            decision=cycle.decision,
            next_step=cycle.next_step,
            decided_on=cycle.ends_on + timedelta(days=3) if cycle.decision else None,
            created_by=by,
        )
    if demo.standard:
        SDSACycle.objects.create(
            idea=idea,
            standard=demo.standard,
            adherence_check=demo.adherence,
            results="The measure has held above its target since.",
            decision="keep",
            created_by=by,
        )
