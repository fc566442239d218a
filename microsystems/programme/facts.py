"""Facts for the pure rules (matching, stall and decay), read from the database in a fixed number of
queries."""

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db.models import Count, Max, Q

from .decay import MeasureFacts, ProjectFacts
from .matching import CoachFacts
from .models import Coach


def coach_facts(coach: Coach) -> CoachFacts:
    (facts,) = coaches_facts([coach.pk])
    return facts


def coaches_facts(
    coach_ids: Iterable[int] | None = None, programme_id: int | None = None
) -> list[CoachFacts]:
    from microsystems.projects.models import Project

    coaches = Coach.objects.select_related("user").annotate(
        active_practices=Count("assignments", filter=Q(assignments__ended_on__isnull=True), distinct=True)
    )
    if coach_ids is not None:
        coaches = coaches.filter(pk__in=list(coach_ids))
    if programme_id is not None:
        coaches = coaches.filter(programme_id=programme_id, left_on__isnull=True)
    coaches_list = list(coaches.prefetch_related("commissions_for"))
    # Projects each coach has supported: those of the practices they were ever matched with.
    practices_by_coach: dict[int, set[int]] = {}
    for coach_id, practice_id in Coach.objects.filter(pk__in=[c.pk for c in coaches_list]).values_list(
        "pk", "assignments__enrolment__practice_id"
    ):
        if practice_id:
            practices_by_coach.setdefault(coach_id, set()).add(practice_id)
    all_practices = set().union(*practices_by_coach.values()) if practices_by_coach else set()
    titles: dict[int, list[str]] = {}
    for practice_id, title in Project.objects.filter(practice_id__in=all_practices).values_list(
        "practice_id", "title"
    ):
        titles.setdefault(practice_id, []).append(title)
    return [
        CoachFacts(
            key=coach.pk,
            name=coach.user.full_name,
            experience=coach.experience,
            background=coach.background,
            topics=tuple(coach.topics or ()),
            past_themes=tuple(
                title
                for practice in sorted(practices_by_coach.get(coach.pk, ()))
                for title in titles.get(practice, ())
            ),
            active_practices=coach.active_practices,
            protected_hours_per_month=coach.protected_hours_per_month,
            commissions_for=frozenset(area.pk for area in coach.commissions_for.all()),
            has_mentor=coach.mentor_id is not None,
        )
        for coach in coaches_list
    ]


MEETING_DAYS = {"weekly": 7, "fortnightly": 14, "half_day": 30, "monthly": 30}


def projects_health_facts(projects: list[Any], today: date) -> dict[int, ProjectFacts]:
    """The stall and decay facts for each project, in a fixed number of queries however many there are."""
    from microsystems.people.models import Membership
    from microsystems.projects.leavers import who_left
    from microsystems.projects.models import Meeting, ProjectEvent, TeamMember

    from . import sustainability
    from .followup_schedule import is_overdue
    from .models import CoachAssignment, CoachHours, CoachingAgreement, FollowUpReview

    ids = [p.pk for p in projects]
    practices = {p.practice_id for p in projects}
    programmes = {p.programme_id for p in projects}

    def latest(rows: Iterable[tuple[int, Any]]) -> dict[int, date]:
        found: dict[int, date] = {}
        for key, when in rows:
            day = when.date() if hasattr(when, "date") and callable(when.date) else when
            if day and (key not in found or day > found[key]):
                found[key] = day
        return found

    events = latest(
        ProjectEvent.objects.filter(project_id__in=ids).values_list("project_id").annotate(m=Max("at"))
    )
    meetings = latest(
        Meeting.objects.filter(project_id__in=ids, held=True)
        .values_list("project_id")
        .annotate(m=Max("starts_at"))
    )
    hours = latest(
        CoachHours.objects.filter(project_id__in=ids).values_list("project_id").annotate(m=Max("on"))
    )
    # Who has left each lead team, and when (projects.leavers: marked by the team, or no longer at the
    # organisation they joined it from).
    gone_from_team = who_left(ids, today)
    still_there = set(
        Membership.objects.active()
        .filter(organisation_id__in=practices, user__is_active=True)
        .values_list("user_id", "organisation_id")
    )
    # Coaching, agreements and reviews.
    coaching: dict[tuple[int, int], tuple[int, date | None]] = {}
    for programme_id, practice_id, ended in CoachAssignment.objects.filter(
        enrolment__programme_id__in=programmes, enrolment__practice_id__in=practices
    ).values_list("enrolment__programme_id", "enrolment__practice_id", "ended_on"):
        active, last_end = coaching.get((programme_id, practice_id), (0, None))
        if ended is None:
            active += 1
        elif last_end is None or ended > last_end:
            last_end = ended
        coaching[(programme_id, practice_id)] = (active, last_end)
    ongoing = set(
        CoachingAgreement.objects.filter(
            enrolment__programme_id__in=programmes,
            enrolment__practice_id__in=practices,
            needs_ongoing_resources=True,
        ).values_list("enrolment__programme_id", "enrolment__practice_id")
    )
    reviews: dict[int, list[FollowUpReview]] = {}
    for review in (
        FollowUpReview.objects.filter(project_id__in=ids).prefetch_related("ratings").order_by("due_on")
    ):
        reviews.setdefault(review.project_id, []).append(review)
    # The lead team, the measures on their charts and the standards (W1, W3, W4, W14).
    team: dict[int, list[tuple[int, str]]] = {}
    for project_id, user_id, part in TeamMember.objects.filter(project_id__in=ids).values_list(
        "project_id", "user_id", "part"
    ):
        team.setdefault(project_id, []).append((user_id, part))
    measures = measures_facts(ids, still_there, today)
    standards = stale_standards(ids, today)

    result = {}
    for project in projects:
        key = (project.programme_id, project.practice_id)
        held = [r for r in reviews.get(project.pk, []) if r.held_on]
        last = held[-1] if held else None
        ratings = [{x.factor: x.level for x in r.ratings.all()} for r in held[-2:]]
        warnings: tuple[str, ...] = ()
        if ratings and ratings[-1]:
            warnings = tuple(sustainability.warnings(ratings[0] if len(ratings) == 2 else {}, ratings[-1]))
        left = gone_from_team.get(project.pk, {})
        members = team.get(project.pk, [])
        champion_ids = [user_id for user_id, part in members if part == "champion"]
        gone = [left[user_id] for user_id in champion_ids if user_id in left]
        active_coaches, coaching_ended = coaching.get(key, (0, None))
        activity = [d for d in (events.get(project.pk), meetings.get(project.pk), hours.get(project.pk)) if d]
        result[project.pk] = ProjectFacts(
            today=today,
            active=project.status == "active",
            started_on=project.started_on,
            last_activity=max(activity) if activity else None,
            meeting_every_days=MEETING_DAYS.get(getattr(project, "meeting_frequency", "") or ""),
            last_meeting_held=meetings.get(project.pk),
            champion_left_on=min(gone) if champion_ids and len(gone) == len(champion_ids) else None,
            active_coaches=active_coaches,
            coaching_ended_on=coaching_ended,
            overdue_reviews=sum(
                1 for r in reviews.get(project.pk, []) if is_overdue(r.due_on, r.held_on, today)
            ),
            needs_ongoing_resources=key in ongoing,
            funding_ended=bool(last and "funding_ended" in (last.slip_reasons or [])),
            chart_reverted=bool(last and last.chart_says == "reverted"),
            sustainability_warnings=warnings,
            completed_on=project.completed_on if project.status == "completed" else None,
            measures=tuple(measures.get(project.pk, [])),
            team_size=len(members),
            team_gone=sum(1 for user_id, _ in members if user_id in left),
            progress_scores=tuple(float(r.progress_score) for r in held if r.progress_score is not None),
            stale_standards=tuple(standards.get(project.pk, [])),
        )
    return result


def measures_facts(
    project_ids: list[int], still_there: set[tuple[int, int]], today: date
) -> dict[int, list[MeasureFacts]]:
    """Each measure of the projects, read with its points and phases in three queries, its chart from the
    statistics engine as the measure's own page draws it (measures.charting)."""
    import statistics

    from microsystems.measures.charting import chart_for, plotted_values
    from microsystems.measures.models import Measure
    from microsystems.measures.presenters import series_of

    found: dict[int, list[MeasureFacts]] = {}
    for measure in (
        Measure.objects.filter(project_id__in=project_ids)
        .select_related("project")
        .prefetch_related("points", "phases")
        .order_by("project_id", "id")
    ):
        points = list(measure.points.all())
        phases = list(measure.phases.all())
        concern = reverted = False
        if points:
            series = series_of(measure, points, phases)
            chart = chart_for(series)
            concern = (chart.variation_icon or "").startswith("concern")
            centre = [float(c) for c in chart.result.centre]
            shown = [v for v in plotted_values(series)[-6:] if v == v]
            if series.phase_starts and len(shown) == 6 and measure.better in ("up", "down"):
                baseline, improved = centre[0], centre[-1]
                better = improved > baseline if measure.better == "up" else improved < baseline
                recent = statistics.median(shown)
                reverted = better and abs(recent - baseline) < abs(recent - improved)
        owner_gone = bool(
            measure.owner_id and (measure.owner_id, measure.project.practice_id) not in still_there
        )
        found.setdefault(measure.project_id, []).append(
            MeasureFacts(
                name=measure.name,
                frequency=measure.frequency,
                since=points[-1].period if points else measure.created_at.date(),
                concern=concern,
                reverted=reverted,
                owner_gone=owner_gone,
            )
        )
    return found


def stale_standards(project_ids: list[int], today: date) -> dict[int, list[str]]:
    """The changes whose latest standard (SDSA) is past its review date, or six months old without one
    (one query)."""
    from microsystems.treat.models import SDSACycle

    from .decay import STANDARD_REVIEW

    latest: dict[int, tuple[int, str, date, date | None]] = {}
    for idea_id, project_id, title, created_at, review_on in (
        SDSACycle.objects.filter(idea__project_id__in=project_ids)
        .order_by("idea_id", "created_at", "id")
        .values_list("idea_id", "idea__project_id", "idea__title", "created_at", "review_on")
    ):
        latest[idea_id] = (project_id, title, created_at.date(), review_on)
    stale: dict[int, list[str]] = {}
    for project_id, title, made_on, review_on in latest.values():
        due = review_on or made_on + STANDARD_REVIEW
        if due < today:
            stale.setdefault(project_id, []).append(title)
    return stale


def steps_of(projects: list[Any]) -> dict[int, int | None]:
    """Each project's current step of the method (1 to 5), read from the tools its team settled (marked
    done or not needed, or a worksheet saved), in two queries; None when every tool is done or not needed.
    The workbook's own rule (projects.method)."""
    from microsystems.projects.method import PathKind, current_step, path
    from microsystems.projects.models import ToolMark, Worksheet

    marks: dict[int, tuple[set[str], set[str]]] = {p.pk: (set(), set()) for p in projects}
    for project_id, tool_id, mark in ToolMark.objects.filter(project_id__in=list(marks)).values_list(
        "project_id", "tool_id", "mark"
    ):
        marks[project_id][0 if mark == "done" else 1].add(tool_id)
    saved = Worksheet.objects.filter(project_id__in=list(marks), version__gt=0).exclude(
        answers__has_key="own_only"  # only people's own answers so far: not the team's (projects.sheets)
    )
    for project_id, tool_id in saved.values_list("project_id", "tool_id"):
        marks[project_id][0].add(tool_id)
        marks[project_id][1].discard(tool_id)
    return {
        p.pk: current_step(path(PathKind(p.path_kind or "core"), *marks[p.pk], p.moved_tools))
        for p in projects
    }


def aims_of(project_ids: Iterable[int]) -> dict[int, str]:
    """Each project's aim status (aims.py), from its specific aims' results against the measures' data,
    worked out the way the treat and follow-up pages do (treat.presenters.aim_rows). Three queries."""
    from microsystems.treat.models import SpecificAim
    from microsystems.treat.presenters import aim_rows

    from .aims import aim_status

    ids = list(project_ids)
    aims = list(
        SpecificAim.objects.filter(project_id__in=ids)
        .select_related("measure")
        .prefetch_related("measure__points", "measure__phases")
        .order_by("project_id", "created_at", "id")
    )
    results: dict[int, list[bool | None]] = {pk: [] for pk in ids}
    for aim, row in zip(aims, aim_rows(aims), strict=True):
        results[aim.project_id].append(row.met)
    return {pk: aim_status(found) for pk, found in results.items()}
