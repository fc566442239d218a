"""A user of one practice is refused every page of another practice.

Every URL with a parameter must be listed here, with how to build it for Orchard Lane Surgery's
objects; a new URL that is not listed fails the test, so nobody adds one without the refusal test."""

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from microsystems.people.models import Organisation
from microsystems.programme.models import Programme
from tests.demo_people import MILLBROOK_STAFF, ORCHARD_LANE
from tests.measures.builders import results_measure
from tests.programme.refusal_cases import PROGRAMME_PRIVATE_URLS
from tests.projects.builders import orchard_lane_project, with_a_meeting_and_an_action
from tests.treat.builders import first_cycle


def _project(practice: Organisation, programme: Programme) -> Any:
    project = orchard_lane_project(practice, programme)
    with_a_meeting_and_an_action(project)
    return project


def _idea(practice: Organisation, programme: Programme) -> int:
    from microsystems.projects.models import Idea

    project = _project(practice, programme)
    return Idea.objects.get_or_create(project=project, list_key="themes", text="Test results")[0].id


def _cause(practice: Organisation, programme: Programme) -> int:
    from microsystems.projects.models import Cause

    project = _project(practice, programme)
    return Cause.objects.get_or_create(project=project, category="People", text="Cover")[0].id


def _project_args(practice: Organisation, programme: Programme) -> dict[str, Any]:
    return {"public_id": _project(practice, programme).public_id}


# URL name -> how to build its arguments for Orchard Lane Surgery's objects (practice, programme).
PRIVATE_URLS: dict[str, Callable[[Organisation, Programme], dict[str, Any]]] = {
    "practice-detail": lambda practice, programme: {"public_id": practice.public_id},
    "programme-detail": lambda practice, programme: {"public_id": programme.public_id},
    # The improvement workbook: Orchard Lane's project, with a meeting and an action.
    "project-start": lambda practice, programme: {"practice_id": practice.public_id},
    "project-detail": lambda practice, programme: {"public_id": _project(practice, programme).public_id},
    "project-path": lambda practice, programme: {"public_id": _project(practice, programme).public_id},
    "project-details": lambda practice, programme: _project_args(practice, programme),
    "project-team-left": lambda practice, programme: _project_args(practice, programme),
    "project-team-back": lambda practice, programme: _project_args(practice, programme),
    "project-team-reassign": lambda practice, programme: _project_args(practice, programme),
    "project-tool-mark": lambda practice, programme: {**_project_args(practice, programme), "slug": "t1-4"},
    "project-worksheet": lambda practice, programme: {**_project_args(practice, programme), "slug": "t3-2"},
    "project-meetings": lambda practice, programme: _project_args(practice, programme),
    "project-meeting": lambda practice, programme: {**_project_args(practice, programme), "number": 1},
    "project-meeting-live": lambda practice, programme: {**_project_args(practice, programme), "number": 1},
    "project-meeting-summary": lambda practice, programme: {
        **_project_args(practice, programme),
        "number": 1,
    },
    "project-action-add": lambda practice, programme: _project_args(practice, programme),
    "project-action-done": lambda practice, programme: {
        **_project_args(practice, programme),
        "action_id": with_a_meeting_and_an_action(_project(practice, programme)).id,
    },
    "project-park": lambda practice, programme: _project_args(practice, programme),
    "project-themes": lambda practice, programme: _project_args(practice, programme),
    "project-theme-vote": lambda practice, programme: {
        **_project_args(practice, programme),
        "idea_id": _idea(practice, programme),
    },
    "project-theme-choose": lambda practice, programme: {
        **_project_args(practice, programme),
        "idea_id": _idea(practice, programme),
    },
    "project-fishbone": lambda practice, programme: _project_args(practice, programme),
    "project-cause-vote": lambda practice, programme: {
        **_project_args(practice, programme),
        "cause_id": _cause(practice, programme),
    },
    "project-five-ps": lambda practice, programme: _project_args(practice, programme),
    "project-self-assessment": lambda practice, programme: _project_args(practice, programme),
    "project-processes": lambda practice, programme: _project_args(practice, programme),
    "project-history": lambda practice, programme: _project_args(practice, programme),
    "project-map": lambda practice, programme: {**_project_args(practice, programme), "slug": "t2-13"},
    "project-population": lambda practice, programme: _project_args(practice, programme),
    "project-interruptions": lambda practice, programme: _project_args(practice, programme),
    "project-cycle-time": lambda practice, programme: _project_args(practice, programme),
}
# The programme's own pages (engagement, coaches, agreements, funding, follow-ups, the portfolio).
PRIVATE_URLS.update(PROGRAMME_PRIVATE_URLS)
PRIVATE_URLS.update(
    {
        "measure-list": lambda practice, programme: _project_args(practice, programme),
        "measure-add": lambda practice, programme: _project_args(practice, programme),
        "data-wall": lambda practice, programme: _project_args(practice, programme),
        **{
            name: lambda practice, programme: _measure_args(practice, programme)
            for name in (
                "measure-detail",
                "measure-edit",
                "measure-chart-svg",
                "measure-data",
                "measure-upload",
                "measure-phase-add",
            )
        },
        "measure-phase-remove": lambda practice, programme: _phase_args(practice, programme),
        "measure-point": lambda practice, programme: {
            **_measure_args(practice, programme),
            "point_id": results_measure(_project(practice, programme)).points.first().id,  # type: ignore[union-attr]
        },
    }
)


PRIVATE_URLS.update(
    {
        **{
            name: lambda practice, programme: _project_args(practice, programme)
            for name in ("treat-home", "aim-add", "idea-add", "huddles", "driver-diagram", "action-plan")
        },
        **{
            name: lambda practice, programme: {
                **_project_args(practice, programme),
                "idea_id": _cycle(practice, programme).idea_id,
            }
            for name in ("idea-detail", "idea-edit", "pdsa-plan", "sdsa-add", "idea-vote")
        },
        "pdsa-detail": lambda practice, programme: {
            **_project_args(practice, programme),
            "cycle_id": _cycle(practice, programme).id,
        },
        "aim-edit": lambda practice, programme: _aim_args(practice, programme),
        "action-plan-task": lambda practice, programme: {
            **_project_args(practice, programme),
            "action_id": with_a_meeting_and_an_action(_project(practice, programme)).id,
        },
        "pdsa-edit": lambda practice, programme: {
            **_project_args(practice, programme),
            "cycle_id": _cycle(practice, programme).id,
            "part": "plan",
        },
    }
)


PRIVATE_URLS.update(
    {
        "follow-up": lambda practice, programme: _project_args(practice, programme),
        "benefit-add": lambda practice, programme: _project_args(practice, programme),
        "benefit-edit": lambda practice, programme: _benefit_args(practice, programme),
        "storyboard": lambda practice, programme: {**_project_args(practice, programme), "size": "a4"},
        "storyboard-photo": lambda practice, programme: _photo_args(practice, programme),
        "storyboard-photo-edit": lambda practice, programme: _photo_args(practice, programme),
        "playbook": lambda practice, programme: {"public_id": practice.public_id},
        "playbook-pdf": lambda practice, programme: {"public_id": practice.public_id},
    }
)


def _phase_args(practice: Organisation, programme: Programme) -> dict[str, Any]:
    from datetime import date

    from microsystems.measures.models import Phase

    measure = results_measure(_project(practice, programme))
    phase, _ = Phase.objects.get_or_create(
        measure=measure, starts_on=date(2026, 3, 2), defaults={"reason": "A"}
    )
    return {"public_id": measure.project.public_id, "measure_id": measure.id, "phase_id": phase.id}


def _aim_args(practice: Organisation, programme: Programme) -> dict[str, Any]:
    from datetime import date

    from microsystems.treat.models import SpecificAim

    measure = results_measure(_project(practice, programme))
    aim = SpecificAim.objects.filter(measure=measure).first() or SpecificAim.objects.create(
        project=measure.project, measure=measure, target=80, target_date=date(2026, 9, 30)
    )
    return {"public_id": measure.project.public_id, "aim_id": aim.id}


def _benefit_args(practice: Organisation, programme: Programme) -> dict[str, Any]:
    from microsystems.followup.models import Benefit

    project = _project(practice, programme)
    benefit = Benefit.objects.filter(project=project).first() or Benefit.objects.create(
        project=project, text="Calmer mornings"
    )
    return {"public_id": project.public_id, "benefit_id": benefit.id}


def _photo_args(practice: Organisation, programme: Programme) -> dict[str, Any]:
    """Orchard Lane's project, with a team photo on its storyboard."""
    from microsystems.followup.models import StoryboardPhoto

    project = _project(practice, programme)
    StoryboardPhoto.objects.get_or_create(
        project=project,
        defaults={
            "image": "storyboard-photos/team.png",
            "content_type": "image/png",
            "alt": "The team",
            "width": 10,
            "height": 10,
        },
    )
    return {"public_id": project.public_id}


def _brainstorm(practice: Organisation, programme: Programme) -> dict[str, Any]:
    """A brainstorm on Orchard Lane's project, with one idea; the arguments for its pages."""
    from microsystems.projects import live_actions
    from microsystems.projects.models import Brainstorm, Idea

    project = _project(practice, programme)
    found = Brainstorm.objects.filter(project=project).first() or live_actions.start_brainstorm(
        project=project,
        question="What should we measure?",
        use="list",
        votes_each=None,
        by=project.created_by,
    )
    idea = Idea.objects.filter(project=project, list_key=found.list_key).first() or (
        live_actions.add_brainstorm_idea(
            brainstorm=found, text="Calls chasing results", by=project.created_by
        )
    )
    return {"public_id": project.public_id, "number": found.number, "idea_id": idea.id}


PRIVATE_URLS.update(
    {
        "project-brainstorms": lambda practice, programme: _project_args(practice, programme),
        "project-fishbone-live": lambda practice, programme: _project_args(practice, programme),
        "project-meeting-tool": lambda practice, programme: {
            **_project_args(practice, programme),
            "number": 1,
        },
        "project-meeting-agenda": lambda practice, programme: {
            **_project_args(practice, programme),
            "number": 1,
        },
        "project-brainstorm-idea": _brainstorm,
        **{
            name: lambda practice, programme: {
                k: v for k, v in _brainstorm(practice, programme).items() if k != "idea_id"
            }
            for name in ("project-brainstorm", "project-brainstorm-group", "project-brainstorm-carry")
        },
    }
)


def _cycle(practice: Organisation, programme: Programme) -> Any:
    return first_cycle(results_measure(_project(practice, programme)))


def _measure_args(practice: Organisation, programme: Programme) -> dict[str, Any]:
    measure = results_measure(_project(practice, programme))
    return {"public_id": measure.project.public_id, "measure_id": measure.id}


# URLs with parameters that are not private objects.
PUBLIC_URLS = {"password-reset-confirm", "design-system-asset"}


def parameterised_url_names(patterns: list[Any] | None = None) -> set[str]:
    names: set[str] = set()
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            names |= parameterised_url_names(entry.url_patterns)
        elif isinstance(entry, URLPattern) and entry.name and entry.pattern.converters:
            names.add(entry.name)
    return names


def test_every_url_with_a_parameter_has_a_refusal_case() -> None:
    missing = parameterised_url_names() - set(PRIVATE_URLS) - PUBLIC_URLS
    assert not missing, f"Add these URLs to PRIVATE_URLS with how to build them: {sorted(missing)}"


@pytest.mark.parametrize("name", sorted(PRIVATE_URLS))
def test_a_user_of_another_practice_is_refused(
    name: str, client_for: Callable[[str], Client], practice: Callable[[str], Organisation], demo: Programme
) -> None:
    from django.urls import reverse

    url = reverse(name, kwargs=PRIVATE_URLS[name](practice(ORCHARD_LANE), demo))
    client = client_for(MILLBROOK_STAFF)
    assert client.get(url).status_code == 404
    assert client.post(url).status_code in (404, 405)
