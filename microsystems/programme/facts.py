"""Facts for the pure rules (matching, stall and decay), read from the database in a fixed number of
queries."""

from collections.abc import Iterable

from django.db.models import Count, Q

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
