"""Every project in the programme, for its lead: typology, status, funding, how it is going, and the next
review. The list behind the portfolio's project figures."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Prefetch
from django.urls import reverse

from .. import followup_schedule
from ..aims import AIM_STATUSES
from ..decay import Health
from ..facts import aims_of, steps_of
from ..models import FollowUpReview, Programme


@dataclass(frozen=True)
class ProjectLine:
    title: str
    href: str
    practice: str
    typology: str
    status: str
    started_on: date
    funding: str
    health_label: str
    health_colour: str
    next_review: str
    step: str
    aim: str


@dataclass(frozen=True)
class ProjectList:
    rows: list[ProjectLine]
    filters: list[tuple[str, list[dict[str, Any]]]]
    described: str


def project_list(programme: Programme, query: Mapping[str, str], today: date) -> ProjectList:
    """The projects, narrowed by typology, status, how each is going, step, specific aim, scope, what a
    follow-up review found, and the portfolio's filters (network, coach, year invited)."""
    from microsystems.projects.method import STEPS
    from microsystems.projects.models import Project, ProjectStatus, Typology

    from ..models.followups import ChangeInPlace, Embedding, ReviewKind
    from .portfolio import filtered_enrolments, read_filters

    typologies = [*Typology.choices, ("none", "Not classified")]
    statuses = list(ProjectStatus.choices)
    healths = [("green", "On track"), ("amber", "Needs attention"), ("red", "At risk")]
    step_choices = [(str(step.number), f"Step {step.number}") for step in STEPS]
    aim_choices = list(AIM_STATUSES.items())
    chosen = {
        "typology": query.get("typology", "") if query.get("typology") in dict(typologies) else "",
        "status": query.get("status", "") if query.get("status") in dict(statuses) else "",
        "health": query.get("health", "") if query.get("health") in dict(healths) else "",
        "step": query.get("step", "") if query.get("step") in dict(step_choices) else "",
        "aim": query.get("aim", "") if query.get("aim") in AIM_STATUSES else "",
    }
    crossing = query.get("crossing", "") if query.get("crossing") in ("yes", "no") else ""
    review_kind = query.get("review", "") if query.get("review") in ReviewKind.values else ""
    embedding = (
        query.get("embedding", "") if review_kind and query.get("embedding") in Embedding.values else ""
    )
    in_place = (
        query.get("in_place", "") if review_kind and query.get("in_place") in ChangeInPlace.values else ""
    )
    portfolio_filters = read_filters(programme, query)
    projects = (
        Project.objects.filter(programme=programme)
        .select_related("practice", "funding", "health")
        .prefetch_related(
            Prefetch(
                "follow_ups", queryset=FollowUpReview.objects.filter(held_on__isnull=True).order_by("due_on")
            )
        )
        .order_by("practice__name", "started_on")
    )
    if chosen["typology"]:
        projects = projects.filter(typology="" if chosen["typology"] == "none" else chosen["typology"])
    if chosen["status"]:
        projects = projects.filter(status=chosen["status"])
    if chosen["health"]:
        projects = projects.filter(health__colour=chosen["health"])
    if portfolio_filters.active:
        projects = projects.filter(
            practice_id__in=filtered_enrolments(programme, portfolio_filters).values("practice_id")
        )
    if crossing:
        projects = projects.filter(crosses_organisations=crossing == "yes")
    if embedding or in_place:
        held = FollowUpReview.objects.filter(kind=review_kind, held_on__isnull=False)
        held = held.filter(embedding=embedding) if embedding else held.filter(change_in_place=in_place)
        projects = projects.filter(pk__in=held.values("project_id"))
    projects_list = list(projects)
    steps = steps_of(projects_list)
    if chosen["step"]:
        projects_list = [
            p for p in projects_list if p.status == "active" and str(steps[p.pk]) == chosen["step"]
        ]
    aims = aims_of(p.pk for p in projects_list)
    if chosen["aim"]:
        projects_list = [p for p in projects_list if aims[p.pk] == chosen["aim"]]
    rows = []
    for project in projects_list:
        funding = getattr(project, "funding", None)
        record = getattr(project, "health", None)
        status = Health(record.colour) if record else None
        waiting = list(project.follow_ups.all())
        next_review = ""
        if waiting:
            review = waiting[0]
            label = {"overdue": "overdue since", "due": "due"}.get(
                followup_schedule.status(review.due_on, None, today), "due"
            )
            next_review = f"{review.get_kind_display()}, {label} {review.due_on.day} {review.due_on:%B %Y}"
        rows.append(
            ProjectLine(
                title=project.title,
                href=reverse("programme-project", args=[programme.public_id, project.public_id]),
                practice=project.practice.name,
                typology=project.get_typology_display() if project.typology else "Not classified",
                status=project.get_status_display(),
                started_on=project.started_on,
                funding=funding.get_route_display() if funding else "",
                health_label=status.label if status else "",
                health_colour=status.tag_colour if status else "grey",
                next_review=next_review,
                step=step_label(project.status, steps[project.pk]),
                aim=AIM_STATUSES[aims[project.pk]],
            )
        )
    base = reverse("programme-projects", args=[programme.public_id])

    def options(name: str, choices: list[tuple[str, Any]]) -> list[dict[str, Any]]:
        others = {k: v for k, v in chosen.items() if v and k != name}
        items = [{"text": "All", "href": _href(base, others), "current": not chosen[name]}]
        for value, label in choices:
            items.append(
                {
                    "text": str(label),
                    "href": _href(base, {**others, name: value}),
                    "current": chosen[name] == value,
                }
            )
        return items

    described = ", ".join(
        [
            str(dict(choices)[chosen[name]]).lower()
            for name, choices in (
                ("typology", typologies),
                ("status", statuses),
                ("health", healths),
                ("step", step_choices),
                ("aim", aim_choices),
            )
            if chosen[name]
        ]
        + (["across organisations" if crossing == "yes" else "within one organisation"] if crossing else [])
        + (
            [
                f"{ReviewKind(review_kind).label.lower()}: "
                + (Embedding(embedding).label if embedding else ChangeInPlace(in_place).label).lower()
            ]
            if embedding or in_place
            else []
        )
        + [
            f"{label}: {dict(choices)[value]}"
            for label, choices, value in portfolio_filters.described
            if value
        ]
    )
    return ProjectList(
        rows,
        [
            ("Typology", options("typology", typologies)),
            ("Status", options("status", statuses)),
            ("How it is going", options("health", healths)),
            ("Specific aim", options("aim", aim_choices)),
        ],
        described,
    )


def step_label(status: str, step: int | None) -> str:
    from microsystems.projects.method import STEPS

    if status != "active":
        return ""
    if step is None:
        return "Every tool settled"
    return f"Step {step}: {STEPS[step - 1].name}"


def _href(base: str, params: dict[str, str]) -> str:
    from urllib.parse import urlencode

    return f"{base}?{urlencode(params)}" if params else base
