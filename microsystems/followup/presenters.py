"""The follow-up page and the storyboard, assembled from the project record."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Count, Prefetch

from microsystems.measures.charting import Series, chart_for
from microsystems.measures.models import DataPoint, Measure
from microsystems.measures.presenters import ChartPanel, chart_panel
from microsystems.projects.leavers import left_the_team
from microsystems.projects.models import Cause, Fishbone, Project, TeamMember, Worksheet
from microsystems.treat.charts import bands_of
from microsystems.treat.models import ChangeIdea, PDSACycle, SpecificAim
from microsystems.treat.presenters import AimRow, aim_rows

from .models import Benefit, Completion


@dataclass(frozen=True)
class MeasureChart:
    name: str
    measure_type: str
    panel: ChartPanel
    since_completion: str


@dataclass(frozen=True)
class IdeaRow:
    title: str
    status: str
    cycles: list[str]


@dataclass(frozen=True)
class Story:
    project: Project
    practice_name: str
    team: list[tuple[str, str, str]]
    global_aim: list[str]
    discoveries: list[tuple[str, str]]
    fishbone_effect: str
    top_causes: list[str]
    aims: list[AimRow]
    ideas: list[IdeaRow]
    charts: list[MeasureChart]
    benefits: list[Benefit]
    completion: Completion | None
    made_on: date
    extra: dict[str, str] = field(default_factory=dict)
    # The 5Ps highlights (each panel's first findings), the fishbone and the process map, drawn from the
    # same layouts as the workbook's pages.
    five_ps: list[tuple[str, list[str]]] = field(default_factory=list)
    fishbone: Any = None
    process_map: Any = None
    ideal_map: Any = None


def _answers(project: Project, tool_id: str) -> dict[str, str]:
    sheet = Worksheet.objects.filter(project=project, tool_id=tool_id).first()
    return {k: str(v) for k, v in (sheet.answers if sheet else {}).items() if v}


def _global_aim(project: Project) -> list[str]:
    a = _answers(project, "T3.2")
    parts = []
    if a.get("improve"):
        parts.append(f"We aim to improve {a['improve']}.")
    if a.get("begins") and a.get("ends"):
        parts.append(f"The process begins with {a['begins']} and ends with {a['ends']}.")
    if a.get("expect"):
        parts.append(f"By working on this we expect {a['expect']}.")
    if a.get("now"):
        parts.append(f"It matters now because {a['now']}.")
    return parts


def since_completion(measure: Measure, points: list[DataPoint], completed_on: date | None) -> str:
    """What the measure has done since the project completed, in the engine's words."""
    if completed_on is None:
        return ""
    after = [p for p in points if p.period > completed_on]
    if not after:
        return "No data since the project completed yet: keep collecting it for the follow-ups."
    series = Series(
        periods=[p.period for p in after],
        values=[p.value for p in after],
        denominators=[p.denominator for p in after],
        kind=measure.kind,
        better=measure.better,
        choice="run",
        multiplier=float(measure.multiplier),
    )
    sentences = chart_for(series).sentences
    return f"Since completion ({len(after)} points): " + (sentences[0] if sentences else "")


def _decision(decision: str) -> str:
    return {"adopt": "adopted", "adapt": "adapted", "abandon": "abandoned"}.get(decision, "running")


FIVE_PS_LINES = 3


def _drawings(project: Project) -> tuple[list[tuple[str, list[str]]], Any, Any, Any]:
    """The 5Ps highlights, the fishbone's layout (when it has causes), the process map before (the detailed
    map of the global aim's process, else the high-level map) and the ideal map after, from the workbook's
    own presenters."""
    from django.contrib.auth.models import AnonymousUser

    from microsystems.projects.models import ProcessMap
    from microsystems.projects.presenters import fishbone_page, five_ps, process_map_page

    highlights = [(panel.name, panel.lines[:FIVE_PS_LINES]) for panel in five_ps(project) if panel.lines]
    fishbone = None
    if Cause.objects.filter(project=project).exists():
        fishbone = fishbone_page(project, AnonymousUser()).drawing
    maps = {m.tool_id: m for m in ProcessMap.objects.filter(project=project).prefetch_related("steps")}
    found = next((maps[t] for t in ("T3.3", "T2.13") if t in maps and maps[t].steps.all()), None)
    ideal = maps.get("T3.3F")
    return (
        highlights,
        fishbone,
        process_map_page(found) if found else None,
        process_map_page(ideal) if ideal is not None and ideal.steps.all() else None,
    )


def story(project: Project, *, made_on: date) -> Story:
    # The lead team as it is now: those who left it are not part of the story's team.
    gone = left_the_team(project, made_on)
    team = [
        (m.user.full_name, m.get_part_display(), m.title)
        for m in TeamMember.objects.filter(project=project)
        .exclude(user_id__in=list(gone))
        .select_related("user")
    ]
    discoveries = [
        (label, text)
        for key, label in (
            ("strengths", "Strengths"),
            ("problems", "Problems"),
            ("themes", "Possible themes"),
        )
        if (text := _answers(project, "T2.18").get(key))
    ]
    fishbone = Fishbone.objects.filter(project=project).first()
    causes = (
        Cause.objects.filter(project=project, parent__isnull=True)
        .annotate(n_votes=Count("votes"))
        .order_by("-n_votes", "id")[:5]
    )
    ideas = [
        IdeaRow(
            idea.title,
            idea.get_status_display(),
            [
                f"Test {c.number}: {c.objective} ({c.scale}) — {_decision(c.decision)}"
                for c in idea.cycles.all()
            ],
        )
        for idea in ChangeIdea.objects.filter(project=project).prefetch_related("cycles")
    ]
    charts = []
    rank = {"outcome": 0, "process": 1, "balancing": 2}
    cycles = PDSACycle.objects.select_related("idea").order_by("starts_on", "id")
    measures = sorted(
        Measure.objects.filter(project=project).prefetch_related(
            "points", "phases", Prefetch("pdsa_cycles", queryset=cycles)
        ),
        key=lambda m: (rank.get(m.measure_type, 3), m.id),
    )
    highlights, fishbone_drawing, process_map, ideal_map = _drawings(project)
    for measure in measures:
        points = list(measure.points.all())
        panel = chart_panel(measure, points, list(measure.phases.all()), bands_of(measure.pdsa_cycles.all()))
        charts.append(
            MeasureChart(
                measure.name,
                measure.get_measure_type_display(),
                panel,
                since_completion(measure, points, project.completed_on),
            )
        )
    return Story(
        project=project,
        practice_name=project.practice.name,
        team=team,
        global_aim=_global_aim(project),
        discoveries=discoveries,
        fishbone_effect=fishbone.effect if fishbone else "",
        top_causes=[c.text for c in causes],
        aims=aim_rows(
            list(
                SpecificAim.objects.filter(project=project)
                .select_related("measure")
                .prefetch_related("measure__points", "measure__phases")
            )
        ),
        ideas=ideas,
        charts=charts,
        benefits=list(Benefit.objects.filter(project=project)),
        completion=Completion.objects.filter(project=project).first(),
        made_on=made_on,
        five_ps=highlights,
        fishbone=fishbone_drawing,
        process_map=process_map,
        ideal_map=ideal_map,
    )
