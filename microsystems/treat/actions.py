"""Writes of the treat step: one transaction each, with the project's history in it."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Max

from microsystems.measures import actions as measure_actions
from microsystems.measures.importing import ParsedPoint
from microsystems.measures.models import DataPoint, Measure
from microsystems.people.models import User
from microsystems.projects.models import Project, ProjectEvent

from .baseline import baseline_of
from .models import (
    ChangeIdea,
    ChangeIdeaVote,
    Decision,
    Huddle,
    IdeaStatus,
    PDSACycle,
    SDSACycle,
    SpecificAim,
)


def _history(project: Project, by: User, tool_id: str, what: str) -> None:
    ProjectEvent.objects.create(project=project, by=by, tool_id=tool_id, what=what[:300])


@transaction.atomic
def set_specific_aim(
    *, project: Project, measure: Measure, target: float, target_date: date, by: User, **fields: Any
) -> SpecificAim:
    points = list(DataPoint.objects.filter(measure=measure))
    found = baseline_of(measure, points)
    aim = SpecificAim.objects.create(
        project=project,
        measure=measure,
        target=target,
        target_date=target_date,
        baseline=found.value if found else None,
        baseline_from=found.first if found else None,
        baseline_to=found.last if found else None,
        created_by=by,
        **fields,
    )
    _history(project, by, "T4.1", f"Set a specific aim for “{measure.name}”")
    return aim


@transaction.atomic
def add_idea(*, project: Project, by: User, measures: Any = (), **fields: Any) -> ChangeIdea:
    idea = ChangeIdea.objects.create(project=project, created_by=by, **fields)
    idea.measures.set(measures)
    _history(project, by, "T4.2", f"Added the change idea “{idea.title}”")
    return idea


@transaction.atomic
def toggle_vote(*, idea: ChangeIdea, by: User) -> bool:
    """Vote for testing this idea first, or take the vote back; True when the vote now stands."""
    removed, _ = ChangeIdeaVote.objects.filter(idea=idea, voter=by).delete()
    if removed:
        return False
    ChangeIdeaVote.objects.create(idea=idea, voter=by)
    return True


@transaction.atomic
def plan_cycle(*, idea: ChangeIdea, by: User, **fields: Any) -> PDSACycle:
    number = (PDSACycle.objects.filter(idea=idea).aggregate(last=Max("number"))["last"] or 0) + 1
    cycle = PDSACycle.objects.create(idea=idea, number=number, created_by=by, **fields)
    if idea.status == IdeaStatus.NOT_TESTED:
        idea.status = IdeaStatus.TESTING
        idea.save(update_fields=["status"])
    _history(idea.project, by, "T4.4", f"Planned test {number} of “{idea.title}”")
    return cycle


@transaction.atomic
def record_do(*, cycle: PDSACycle, what_happened: str, surprises: str, by: User) -> PDSACycle:
    cycle.what_happened, cycle.surprises = what_happened, surprises
    cycle.save(update_fields=["what_happened", "surprises"])
    _history(
        cycle.project, by, "T4.4", f"Recorded what happened in test {cycle.number} of “{cycle.idea.title}”"
    )
    return cycle


@transaction.atomic
def record_study(*, cycle: PDSACycle, compared_with_prediction: str, learned: str, by: User) -> PDSACycle:
    cycle.compared_with_prediction, cycle.learned = compared_with_prediction, learned
    cycle.save(update_fields=["compared_with_prediction", "learned"])
    _history(cycle.project, by, "T4.4", f"Studied test {cycle.number} of “{cycle.idea.title}”")
    return cycle


@transaction.atomic
def decide(
    *, cycle: PDSACycle, decision: str, next_step: str, new_phase: bool, by: User, on: date
) -> PDSACycle:
    """Act: adopt, adapt or abandon. Adopting can start a new phase on the measure's chart after the cycle."""
    cycle.decision, cycle.next_step, cycle.decided_on = decision, next_step, on
    cycle.save(update_fields=["decision", "next_step", "decided_on"])
    idea = cycle.idea
    if decision == Decision.ADOPT:
        idea.status = IdeaStatus.ADOPTED
    elif decision == Decision.ABANDON:
        idea.status = IdeaStatus.ABANDONED
    else:
        idea.status = IdeaStatus.TESTING
    idea.save(update_fields=["status"])
    if decision == Decision.ADOPT and new_phase and cycle.measure is not None:
        measure_actions.start_phase(
            measure=cycle.measure,
            starts_on=cycle.ends_on,
            reason=f"Adopted: {idea.title} (test {cycle.number})"[:300],
            by=by,
        )
    _history(idea.project, by, "T4.4", f"Decided to {decision} “{idea.title}” after test {cycle.number}")
    return cycle


@transaction.atomic
def standardise(*, idea: ChangeIdea, by: User, **fields: Any) -> SDSACycle:
    sdsa = SDSACycle.objects.create(idea=idea, created_by=by, **fields)
    _history(idea.project, by, "T4.6", f"Wrote the standard for “{idea.title}”")
    return sdsa


@transaction.atomic
def hold_huddle(*, project: Project, by: User, **fields: Any) -> Huddle:
    """Record the day's huddle; its PDSA data point goes straight to the measure (correcting that day's
    value if there was one, with the old value kept)."""
    huddle, _ = Huddle.objects.update_or_create(
        project=project, held_on=fields.pop("held_on"), defaults={**fields, "created_by": by}
    )
    if huddle.measure is not None and huddle.value is not None:
        measure_actions.save_points(
            measure=huddle.measure,
            points=[ParsedPoint(0, huddle.held_on, huddle.value, huddle.denominator)],
            by=by,
            how="daily huddle",
        )
    _history(project, by, "T4.8", f"Held the daily huddle of {huddle.held_on:%d/%m/%Y}")
    return huddle
