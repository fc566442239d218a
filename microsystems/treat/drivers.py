"""The driver diagram, made live from the project record: the aim, the fishbone's categories as primary
drivers, its causes as secondary drivers, and the change ideas that address them with their tests and
measures. A fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.urls import reverse

from microsystems.projects.models import Cause, Project

from .models import ChangeIdea, SpecificAim
from .presenters import aim_sentence

STATUS_COLOURS = {"adopted": "green", "abandoned": "red", "testing": "blue", "not_tested": "grey"}


@dataclass(frozen=True)
class DriverIdea:
    title: str
    href: str
    status: str
    colour: str
    tests: str
    measures: list[tuple[str, str]]


@dataclass
class Secondary:
    text: str
    ideas: list[DriverIdea] = field(default_factory=list)


@dataclass
class Primary:
    name: str
    secondaries: list[Secondary] = field(default_factory=list)


@dataclass(frozen=True)
class DriverDiagram:
    aims: list[str]
    primaries: list[Primary]


def _tests(idea: ChangeIdea) -> str:
    cycles = list(idea.cycles.all())
    if not cycles:
        return "Not tested yet"
    last = cycles[-1]
    outcome = last.get_decision_display().split(":")[0] if last.decision else "running"
    return f"{len(cycles)} test{'s' if len(cycles) != 1 else ''}, the latest {outcome.lower()}"


def driver_diagram(project: Project) -> DriverDiagram:
    aims = [aim_sentence(a) for a in SpecificAim.objects.filter(project=project).select_related("measure")]
    causes = list(Cause.objects.filter(project=project, parent__isnull=True).order_by("category", "id"))
    ideas = list(
        ChangeIdea.objects.filter(project=project).prefetch_related("cycles", "measures").order_by("id")
    )
    by_cause: dict[int, list[DriverIdea]] = {}
    others: list[tuple[str, DriverIdea]] = []
    for idea in ideas:
        shown = DriverIdea(
            idea.title,
            reverse("idea-detail", args=[project.public_id, idea.id]),
            idea.get_status_display(),
            STATUS_COLOURS.get(idea.status, "grey"),
            _tests(idea),
            [
                (m.name, reverse("measure-detail", args=[project.public_id, m.id]))
                for m in idea.measures.all()
            ],
        )
        if idea.fishbone_cause_id is not None and any(c.id == idea.fishbone_cause_id for c in causes):
            by_cause.setdefault(idea.fishbone_cause_id, []).append(shown)
        else:
            others.append((idea.cause or "Not linked to a cause on the fishbone", shown))
    primaries: dict[str, Primary] = {}
    for cause in causes:
        primary = primaries.setdefault(cause.category, Primary(cause.category))
        primary.secondaries.append(Secondary(cause.text, by_cause.get(cause.id, [])))
    result = list(primaries.values())
    if others:
        other = Primary("Other drivers")
        for text, shown in others:
            found = next((s for s in other.secondaries if s.text == text), None)
            if found is None:
                found = Secondary(text)
                other.secondaries.append(found)
            found.ideas.append(shown)
        result.append(other)
    return DriverDiagram(aims, result)
