"""Orchard Lane Surgery's project, built the way a practice would build it, for tests anywhere."""

from datetime import date, datetime

from django.utils import timezone

from microsystems.people.models import Organisation, User
from microsystems.programme.models import Coach, Programme
from microsystems.projects import actions
from microsystems.projects.method import PathKind
from microsystems.projects.models import Action, Project
from tests.demo_people import ORCHARD_LANE_COACH, ORCHARD_LANE_PATIENT, ORCHARD_LANE_STAFF

ORCHARD_LANE_GP = "owen.orchard-lane@demo.example"
ORCHARD_LANE_NURSE = "grace.orchard-lane@demo.example"
ORCHARD_LANE_RECEPTIONIST = "megan.orchard-lane@demo.example"
TITLE = "Test results handled within two working days"


def user(email: str) -> User:
    return User.objects.get(email=email)


def orchard_lane_project(practice: Organisation, programme: Programme) -> Project:
    """The practice manager champions it, the GP sponsors it, the nurse and the patient representative are
    members; the receptionist is on the practice's staff but not on the lead team."""
    found = Project.objects.filter(practice=practice, title=TITLE).first()
    if found:
        return found
    return actions.start_project(
        programme=programme,
        practice=practice,
        title=TITLE,
        microsystems=practice.microsystems.all()[:1],
        champion=user(ORCHARD_LANE_STAFF),
        sponsor=user(ORCHARD_LANE_GP),
        members=[user(ORCHARD_LANE_NURSE)],
        patients=[user(ORCHARD_LANE_PATIENT)],
        no_patient_reason="",
        coaches=Coach.objects.filter(user__email=ORCHARD_LANE_COACH),
        typology="process",
        path_kind=PathKind.CORE,
        by=user(ORCHARD_LANE_STAFF),
    )


def with_a_meeting_and_an_action(project: Project) -> Action:
    """Plan one meeting (number 1) and give the nurse an action; returns the action."""
    if not project.meetings.exists():
        first = timezone.make_aware(datetime(2027, 1, 12, 13, 0))
        actions.schedule_meetings(
            project=project, first=first, count=1, frequency="weekly", by=user(ORCHARD_LANE_STAFF)
        )
    existing = project.actions.first()
    if existing:
        return existing
    return actions.add_action(
        project=project,
        text="Count the calls chasing results",
        owner=user(ORCHARD_LANE_NURSE),
        due_on=date(2027, 1, 19),
        meeting=project.meetings.first(),
        by=user(ORCHARD_LANE_STAFF),
    )
