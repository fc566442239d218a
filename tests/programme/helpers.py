"""Small builders for the programme's tests."""

from datetime import date

from microsystems.people.models import Organisation, User
from microsystems.programme.models import Enrolment, Programme
from microsystems.projects.models import Project
from tests.demo_people import LEAD


def lead() -> User:
    return User.objects.get(email=LEAD)


def enrolment_of(programme: Programme, ods_code: str) -> Enrolment:
    return Enrolment.objects.select_related("practice", "programme").get(
        programme=programme, practice__ods_code=ods_code
    )


def start_project(programme: Programme, practice: Organisation, title: str, started_on: date) -> Project:
    """A project started the way the workbook starts one (the programme's rules follow on their own)."""
    return Project.objects.create(programme=programme, practice=practice, title=title, started_on=started_on)
