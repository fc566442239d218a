"""The treat and follow-up pages run a fixed number of queries, however many ideas, tests and measures."""

from collections.abc import Callable
from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from microsystems.measures import actions as measure_actions
from microsystems.measures.importing import ParsedPoint
from microsystems.measures.models import Measure
from microsystems.treat import actions
from tests.demo_people import ORCHARD_LANE_STAFF
from tests.measures.builders import weeks
from tests.projects.builders import user
from tests.treat.builders import first_cycle

PAGES = ("treat-home", "follow-up", "driver-diagram", "action-plan")


def _more(measure: Measure, count: int) -> None:
    """Another `count` measures with data, ideas with two tests each, and an aim on each measure."""
    by = user(ORCHARD_LANE_STAFF)
    for n in range(count):
        other = measure_actions.define_measure(
            project=measure.project,
            by=by,
            name=f"Measure {n}",
            definition="x",
            kind="count",
            frequency="weekly",
        )
        measure_actions.save_points(
            measure=other,
            points=[ParsedPoint(i, d, float(i % 7), None) for i, d in enumerate(weeks(25))],
            by=by,
            how="typed",
        )
        actions.set_specific_aim(
            project=measure.project, measure=other, target=3, target_date=date(2027, 1, 1), by=by
        )
        first = actions.plan_task(
            project=measure.project,
            by=by,
            text=f"Train for idea {n}",
            owner=by,
            starts_on=date(2026, 2, 2),
            due_on=date(2026, 2, 9),
            depends_on=None,
        )
        actions.plan_task(
            project=measure.project,
            by=by,
            text=f"Switch on idea {n}",
            owner=by,
            starts_on=date(2026, 2, 9),
            due_on=date(2026, 2, 16),
            depends_on=first,
        )
        idea = actions.add_idea(project=measure.project, by=by, title=f"Idea {n}", measures=[other])
        for _ in range(2):
            actions.plan_cycle(
                idea=idea,
                by=by,
                objective="o",
                question="q",
                prediction="p",
                who="w",
                scale="s",
                starts_on=date(2026, 2, 2),
                ends_on=date(2026, 2, 9),
                data_to_collect="d",
                measure=other,
            )


@pytest.mark.parametrize("name", PAGES)
def test_a_fixed_number_of_queries(name: str, measure: Measure, client_for: Callable[[str], Client]) -> None:
    first_cycle(measure)
    client = client_for(ORCHARD_LANE_STAFF)
    url = reverse(name, args=[measure.project.public_id])
    _more(measure, 1)
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    _more(measure, 3)
    with CaptureQueriesContext(connection) as large:
        assert client.get(url).status_code == 200
    assert len(large) == len(small), "\n".join(q["sql"][:150] for q in large.captured_queries)


def test_the_playbook_runs_a_fixed_number_of_queries(
    measure: Measure, client_for: Callable[[str], Client]
) -> None:
    by = user(ORCHARD_LANE_STAFF)
    url = reverse("playbook", args=[measure.project.practice.public_id])
    client = client_for(ORCHARD_LANE_STAFF)

    def standards(count: int) -> None:
        for n in range(count):
            idea = actions.add_idea(project=measure.project, by=by, title=f"Standard {n}", measures=[measure])
            for version in range(2):
                actions.standardise(idea=idea, by=by, standard=f"Version {version}", adherence_check="Audit")

    standards(1)
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    standards(4)
    with CaptureQueriesContext(connection) as large:
        assert client.get(url).status_code == 200
    assert len(large) == len(small), "\n".join(q["sql"][:150] for q in large.captured_queries)
