from collections.abc import Callable

import pytest

from microsystems.measures.models import Measure
from microsystems.people.models import Organisation
from microsystems.programme.models import Programme
from microsystems.projects.models import Project
from tests.demo_people import ORCHARD_LANE
from tests.measures.builders import results_measure
from tests.projects.builders import orchard_lane_project


@pytest.fixture
def project(demo: Programme, practice: Callable[[str], Organisation]) -> Project:
    return orchard_lane_project(practice(ORCHARD_LANE), demo)


@pytest.fixture
def measure(project: Project) -> Measure:
    return results_measure(project)
