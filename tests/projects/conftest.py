"""Fixtures for the workbook: a project started at Orchard Lane Surgery by its practice manager."""

from collections.abc import Callable

import pytest

from microsystems.people.models import Organisation
from microsystems.programme.models import Programme
from microsystems.projects.models import Project
from tests.demo_people import ORCHARD_LANE
from tests.projects.builders import orchard_lane_project


@pytest.fixture
def project(demo: Programme, practice: Callable[[str], Organisation]) -> Project:
    return orchard_lane_project(practice(ORCHARD_LANE), demo)
