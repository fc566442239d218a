"""Writes of the treat step: one transaction each, with the project's history in it."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.db.models import Max, Model
from django.utils import timezone

from microsystems.measures import actions as measure_actions
from microsystems.measures.importing import ParsedPoint
from microsystems.measures.models import DataPoint, Measure, Phase
from microsystems.people.models import User
from microsystems.projects.models import Action, Project, ProjectEvent

from .baseline import baseline_of
from .models import (
    ChangeIdea,
    ChangeIdeaVote,
    CyclePart,
    Decision,
    Huddle,
    IdeaStatus,
    PDSACycle,
    PDSARevision,
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


# The fields of each part of a PDSA cycle, in the order the page shows them.
PARTS: dict[str, tuple[str, ...]] = {
    CyclePart.PLAN: (
        "objective",
        "question",
        "prediction",
        "who",
        "where",
        "scale",
        "starts_on",
        "ends_on",
        "data_to_collect",
        "measure",
    ),
    CyclePart.DO: ("what_happened", "surprises"),
    CyclePart.STUDY: ("compared_with_prediction", "learned"),
    CyclePart.ACT: ("decision", "next_step"),
}


@dataclass(frozen=True)
class CycleConflict(Exception):
    """Someone saved this part of the cycle after the editor opened it: nothing was saved."""

    part: str
    theirs: dict[str, str]
    version: int
    saved_by: str
    saved_at: datetime


def _plain(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Model):
        return str(value)
    return str(value)


def _snapshot(cycle: PDSACycle, part: str) -> dict[str, str]:
    return {name: _plain(getattr(cycle, name)) for name in PARTS[part]}


def save_part(
    *, cycle: PDSACycle, part: str, fields: dict[str, Any], based_on_version: int, by: User
) -> PDSACycle:
    """Write one part (plan, do, study or act) of a cycle as the next version, keeping what it replaced.
    Raises CycleConflict, changing nothing, when someone saved the same part since ``based_on_version``.
    Call inside a transaction: the cycle's row is locked for the check and the write."""
    if part not in PARTS or set(fields) - set(PARTS[part]):
        raise ValueError("unknown part or field")
    locked = PDSACycle.objects.select_for_update(of=("self",)).select_related("measure").get(pk=cycle.pk)
    if locked.version != based_on_version:
        later = (
            PDSARevision.objects.filter(cycle=locked, part=part, version__gt=based_on_version)
            .select_related("saved_by")
            .order_by("-version")
            .first()
        )
        if later is not None:
            raise CycleConflict(
                part=part,
                theirs=_snapshot(locked, part),
                version=locked.version,
                saved_by=str(later.saved_by or "someone"),
                saved_at=later.saved_at,
            )
    before = _snapshot(locked, part)
    for name, value in fields.items():
        setattr(locked, name, value)
    locked.version += 1
    locked.save()
    PDSARevision.objects.create(
        cycle=locked,
        version=locked.version,
        part=part,
        before=before,
        after=_snapshot(locked, part),
        saved_by=by,
        saved_at=timezone.now(),
    )
    cycle.refresh_from_db()
    return cycle


@transaction.atomic
def plan_cycle(*, idea: ChangeIdea, by: User, **fields: Any) -> PDSACycle:
    number = (PDSACycle.objects.filter(idea=idea).aggregate(last=Max("number"))["last"] or 0) + 1
    cycle = PDSACycle.objects.create(idea=idea, number=number, created_by=by, version=1, **fields)
    PDSARevision.objects.create(
        cycle=cycle, version=1, part=CyclePart.PLAN, after=_snapshot(cycle, CyclePart.PLAN), saved_by=by
    )
    if idea.status == IdeaStatus.NOT_TESTED:
        idea.status = IdeaStatus.TESTING
        idea.save(update_fields=["status"])
    _history(idea.project, by, "T4.4", f"Planned test {number} of “{idea.title}”")
    return cycle


@transaction.atomic
def change_plan(*, cycle: PDSACycle, based_on_version: int, by: User, **fields: Any) -> PDSACycle:
    """Change the plan after it was saved (the prediction's first wording stays in the history)."""
    save_part(cycle=cycle, part=CyclePart.PLAN, fields=fields, based_on_version=based_on_version, by=by)
    _history(cycle.project, by, "T4.4", f"Changed the plan of test {cycle.number} of “{cycle.idea.title}”")
    return cycle


@transaction.atomic
def record_do(
    *, cycle: PDSACycle, what_happened: str, surprises: str, by: User, based_on_version: int | None = None
) -> PDSACycle:
    changing = bool(cycle.what_happened)
    save_part(
        cycle=cycle,
        part=CyclePart.DO,
        fields={"what_happened": what_happened, "surprises": surprises},
        based_on_version=cycle.version if based_on_version is None else based_on_version,
        by=by,
    )
    what = "Changed" if changing else "Recorded"
    _history(
        cycle.project, by, "T4.4", f"{what} what happened in test {cycle.number} of “{cycle.idea.title}”"
    )
    return cycle


@transaction.atomic
def record_study(
    *,
    cycle: PDSACycle,
    compared_with_prediction: str,
    learned: str,
    by: User,
    based_on_version: int | None = None,
) -> PDSACycle:
    changing = bool(cycle.compared_with_prediction)
    save_part(
        cycle=cycle,
        part=CyclePart.STUDY,
        fields={"compared_with_prediction": compared_with_prediction, "learned": learned},
        based_on_version=cycle.version if based_on_version is None else based_on_version,
        by=by,
    )
    what = "Changed the study of" if changing else "Studied"
    _history(cycle.project, by, "T4.4", f"{what} test {cycle.number} of “{cycle.idea.title}”")
    return cycle


PHASE_FIELDS = ("starts_on", "reason", "created_by_id")


class PhaseChangedByHand(Exception):
    """The phase a decision to adopt started was changed by hand since: ask before withdrawing it."""

    def __init__(self, phase: Phase) -> None:
        super().__init__("The phase was changed by hand")
        self.phase = phase


@transaction.atomic
def decide(
    *,
    cycle: PDSACycle,
    decision: str,
    next_step: str,
    new_phase: bool,
    by: User,
    on: date,
    based_on_version: int | None = None,
    withdraw_changed_phase: bool | None = None,
) -> PDSACycle:
    """Act: adopt, adapt or abandon (or change that decision). Adopting can start a new phase on the
    measure's chart after the cycle (never over a phase someone added by hand at that date).

    A decision changed away from adopt withdraws the phase it started (kept, with who and why). When that
    phase was changed by hand since, ``withdraw_changed_phase`` says what to do with it; without it,
    PhaseChangedByHand is raised and nothing is saved."""
    changing = bool(cycle.decision)
    was = cycle.get_decision_display().split(":")[0].lower() if cycle.decision else ""
    started = (
        Phase.with_withdrawn.select_for_update(of=("self",))
        .filter(pk=cycle.phase_id, withdrawn_at__isnull=True)
        .first()
        if cycle.phase_id
        else None
    )
    changed_by_hand = started is not None and stamp_of(started, PHASE_FIELDS) != cycle.phase_stamp
    if decision != Decision.ADOPT and changed_by_hand and withdraw_changed_phase is None:
        assert started is not None
        raise PhaseChangedByHand(started)
    save_part(
        cycle=cycle,
        part=CyclePart.ACT,
        fields={"decision": decision, "next_step": next_step},
        based_on_version=cycle.version if based_on_version is None else based_on_version,
        by=by,
    )
    if cycle.decided_on is None:
        cycle.decided_on = on
        cycle.save(update_fields=["decided_on"])
    idea = cycle.idea
    if decision == Decision.ADOPT:
        idea.status = IdeaStatus.ADOPTED
    elif decision == Decision.ABANDON:
        idea.status = IdeaStatus.ABANDONED
    else:
        idea.status = IdeaStatus.TESTING
    idea.save(update_fields=["status"])
    if decision != Decision.ADOPT and started is not None:
        if not changed_by_hand or withdraw_changed_phase:
            measure_actions.withdraw_phase(
                phase=started,
                because=f"the decision after test {cycle.number} of “{idea.title}” changed from {was} "
                f"to {decision}",
                by=by,
            )
        else:  # The team keeps the phase they changed: it is theirs now, no longer the decision's.
            cycle.phase, cycle.phase_stamp = None, ""
            cycle.save(update_fields=["phase", "phase_stamp"])
    if decision == Decision.ADOPT and new_phase and cycle.measure is not None and started is None:
        taken = Phase.objects.filter(measure=cycle.measure, starts_on=cycle.ends_on).exists()
        if not taken:
            phase = measure_actions.start_phase(
                measure=cycle.measure,
                starts_on=cycle.ends_on,
                reason=f"Adopted: {idea.title} (test {cycle.number})"[:300],
                by=by,
            )
            cycle.phase, cycle.phase_stamp = phase, stamp_of(phase, PHASE_FIELDS)
            cycle.save(update_fields=["phase", "phase_stamp"])
    what = f"Changed the decision to {decision}" if changing else f"Decided to {decision}"
    _history(idea.project, by, "T4.4", f"{what} “{idea.title}” after test {cycle.number}")
    return cycle


def latest_standard(idea: ChangeIdea) -> SDSACycle | None:
    return SDSACycle.objects.filter(idea=idea).order_by("-created_at", "-id").first()


class StandardChanged(Exception):
    """Someone saved a newer version of the standard after the editor opened it: nothing was saved."""

    def __init__(self, latest: SDSACycle) -> None:
        super().__init__("A newer version of the standard was saved")
        self.latest = latest


@transaction.atomic
def standardise(*, idea: ChangeIdea, by: User, based_on: int | None = None, **fields: Any) -> SDSACycle:
    """Write the standard, or a new version of it (the earlier versions are kept). With ``based_on`` (the
    latest version's id when the editor opened it, 0 for none), a newer version saved meanwhile raises
    StandardChanged and nothing is saved."""
    ChangeIdea.objects.select_for_update().filter(pk=idea.pk).first()  # one writer at a time
    latest = latest_standard(idea)
    if based_on is not None and latest is not None and latest.id != based_on:
        raise StandardChanged(latest)
    sdsa = SDSACycle.objects.create(idea=idea, created_by=by, **fields)
    what = "Wrote the standard" if latest is None else "Wrote a new version of the standard"
    _history(idea.project, by, "T4.6", f"{what} for “{idea.title}”")
    return sdsa


HUDDLE_FIELDS = (
    "led_by_id",
    "looking_back",
    "demand",
    "capacity",
    "staff_away",
    "risks",
    "contingency",
    "measure_id",
    "value",
    "denominator",
    "minutes",
)


@transaction.atomic
def hold_huddle(*, project: Project, by: User, replaces: str | None = None, **fields: Any) -> Huddle:
    """Record the day's huddle; its PDSA data point goes straight to the measure (correcting that day's
    value if there was one, with the old value kept). When the day already has a huddle, ``replaces`` must
    be its fingerprint (the person has seen it), else RecordChanged is raised and nothing is saved; None
    skips the check."""
    existing = (
        Huddle.objects.select_for_update(of=("self",))
        .filter(project=project, held_on=fields["held_on"])
        .first()
    )
    if existing is not None and replaces is not None and replaces != stamp_of(existing, HUDDLE_FIELDS):
        raise RecordChanged(existing)
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


# --- The action plan (T4.7): tasks with a start, a due date and what they wait for ----------------------
def task_stamp(task: Action) -> str:
    """A fingerprint of the task as saved: an edit made from an older fingerprint is caught."""
    parts = (task.text, task.owner_id, task.starts_on, task.due_on, task.depends_on_id, task.done_on)
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:16]


class TaskChanged(Exception):
    """Someone changed the task after the editor opened it: nothing was saved."""

    def __init__(self, current: Action) -> None:
        super().__init__("The task changed since it was opened")
        self.current = current


@transaction.atomic
def plan_task(
    *,
    project: Project,
    by: User,
    text: str,
    owner: User,
    starts_on: date,
    due_on: date,
    depends_on: Action | None,
) -> Action:
    task = Action.objects.create(
        project=project,
        text=text.strip(),
        owner=owner,
        starts_on=starts_on,
        due_on=due_on,
        depends_on=depends_on,
        created_by=by,
    )
    _history(project, by, "T4.7", f"Added to the action plan: {task.text}")
    return task


@transaction.atomic
def change_task(
    *,
    task: Action,
    based_on: str,
    by: User,
    text: str,
    owner: User,
    starts_on: date,
    due_on: date,
    depends_on: Action | None,
    done: bool,
    today: date,
) -> Action:
    """Change a task of the action plan unless someone changed it since the editor opened it."""
    locked = Action.objects.select_for_update(of=("self",)).select_related("owner").get(pk=task.pk)
    if task_stamp(locked) != based_on:
        raise TaskChanged(locked)
    locked.text, locked.owner, locked.starts_on, locked.due_on = text.strip(), owner, starts_on, due_on
    locked.depends_on = depends_on
    if done and locked.done_on is None:
        locked.done_on = today
    elif not done:
        locked.done_on = None
    locked.save()
    _history(locked.project, by, "T4.7", f"Changed the action plan's task: {locked.text}")
    return locked


# --- Changing a specific aim or a change idea after it was saved -------------------------------------------
AIM_FIELDS = (
    "measure_id",
    "target",
    "target_date",
    "population",
    "within_our_control",
    "needs_ongoing_resources",
    "resources_note",
)
IDEA_FIELDS = ("title", "description", "source", "fishbone_cause_id", "cause", "effort", "impact")


def stamp_of(record: Any, names: tuple[str, ...], extra: Any = None) -> str:
    """A fingerprint of a record's fields as saved: an edit made from an older fingerprint is caught."""
    parts = (*(getattr(record, name) for name in names), extra)
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:16]


def idea_stamp(idea: ChangeIdea) -> str:
    return stamp_of(idea, IDEA_FIELDS, sorted(idea.measures.values_list("id", flat=True)))


class RecordChanged(Exception):
    """Someone changed the record after the editor opened it: nothing was saved."""

    def __init__(self, current: Any) -> None:
        super().__init__("The record changed since it was opened")
        self.current = current


@transaction.atomic
def change_aim(*, aim: SpecificAim, based_on: str, by: User, measure: Measure, **fields: Any) -> SpecificAim:
    """Change the specific aim; a different measure takes its baseline from that measure's data so far."""
    locked = SpecificAim.objects.select_for_update(of=("self",)).get(pk=aim.pk)
    if stamp_of(locked, AIM_FIELDS) != based_on:
        raise RecordChanged(locked)
    if measure.pk != locked.measure_id:
        found = baseline_of(measure, list(DataPoint.objects.filter(measure=measure)))
        locked.baseline = found.value if found else None
        locked.baseline_from = found.first if found else None
        locked.baseline_to = found.last if found else None
    locked.measure = measure
    for name, value in fields.items():
        setattr(locked, name, value)
    locked.save()
    _history(locked.project, by, "T4.1", f"Changed the specific aim for “{measure.name}”")
    return locked


@transaction.atomic
def change_idea(
    *, idea: ChangeIdea, based_on: str, by: User, measures: Any = (), **fields: Any
) -> ChangeIdea:
    locked = ChangeIdea.objects.select_for_update(of=("self",)).get(pk=idea.pk)
    if idea_stamp(locked) != based_on:
        raise RecordChanged(locked)
    for name, value in fields.items():
        setattr(locked, name, value)
    locked.save()
    locked.measures.set(measures)
    _history(locked.project, by, "T4.2", f"Changed the change idea “{locked.title}”")
    return locked
