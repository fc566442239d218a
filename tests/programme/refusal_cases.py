"""How to build each programme URL for Orchard Lane Surgery's objects, for the refusal test that every
parameterised URL must pass (tests/people/test_other_practices_are_refused.py)."""

from collections.abc import Callable
from datetime import date
from typing import Any

from microsystems.people.models import Organisation
from microsystems.programme.models import (
    Coach,
    CoachingAgreement,
    FollowUpReview,
    Payment,
    Programme,
)


def _project(practice: Organisation, programme: Programme) -> Any:
    from tests.projects.builders import orchard_lane_project

    return orchard_lane_project(practice, programme)


def _review(practice: Organisation, programme: Programme) -> FollowUpReview:
    project = _project(practice, programme)
    return FollowUpReview.objects.get_or_create(
        project=project, kind="six_months", defaults={"due_on": date(2027, 3, 1)}
    )[0]


def _payment(practice: Organisation, programme: Programme) -> Payment:
    project = _project(practice, programme)
    payment = Payment.objects.filter(project=project).first()
    assert payment is not None, "the first project earns the enhanced service payment"
    return payment


def _agreement(practice: Organisation, programme: Programme) -> CoachingAgreement:
    agreement = CoachingAgreement.objects.filter(enrolment__practice=practice).first()
    assert agreement is not None
    return agreement


def _coach(practice: Organisation, programme: Programme) -> Coach:
    coach = Coach.objects.filter(programme=programme, assignments__enrolment__practice=practice).first()
    assert coach is not None
    return coach


def _enrolment(practice: Organisation, programme: Programme) -> dict[str, Any]:
    return {"public_id": programme.public_id, "practice_id": practice.public_id}


def _programme(practice: Organisation, programme: Programme) -> dict[str, Any]:
    return {"public_id": programme.public_id}


PROGRAMME_PRIVATE_URLS: dict[str, Callable[[Organisation, Programme], dict[str, Any]]] = {
    "programme-settings": _programme,
    "programme-practices": _programme,
    "programme-withdraw": _enrolment,
    "programme-recruit": _programme,
    "programme-enrolment": _enrolment,
    "programme-engagement": _enrolment,
    "programme-adopter": _enrolment,
    "programme-readiness": _enrolment,
    "programme-match": _enrolment,
    "programme-agreement-write": _enrolment,
    "programme-end-coaching": lambda practice, programme: {
        **_enrolment(practice, programme),
        "coach_id": _coach(practice, programme).public_id,
    },
    "programme-coaches": _programme,
    "programme-coach-add": _programme,
    "programme-log-hours": _programme,
    "programme-coach-space": _programme,
    "programme-coach": lambda practice, programme: {
        "public_id": programme.public_id,
        "coach_id": _coach(practice, programme).public_id,
    },
    "programme-coach-edit": lambda practice, programme: {
        "public_id": programme.public_id,
        "coach_id": _coach(practice, programme).public_id,
    },
    "programme-coach-training": lambda practice, programme: {
        "public_id": programme.public_id,
        "coach_id": _coach(practice, programme).public_id,
    },
    "programme-agreement": lambda practice, programme: {
        "public_id": programme.public_id,
        "agreement_id": _agreement(practice, programme).public_id,
    },
    "programme-project": lambda practice, programme: {
        "public_id": programme.public_id,
        "project_id": _project(practice, programme).public_id,
    },
    "programme-funding-apply": lambda practice, programme: {
        "public_id": programme.public_id,
        "project_id": _project(practice, programme).public_id,
    },
    "programme-funding-decide": lambda practice, programme: {
        "public_id": programme.public_id,
        "project_id": _project(practice, programme).public_id,
    },
    "programme-project-complete": lambda practice, programme: {
        "public_id": programme.public_id,
        "project_id": _project(practice, programme).public_id,
    },
    "programme-projects": _programme,
    "programme-payments": _programme,
    "programme-payments-csv": _programme,
    "programme-payment": lambda practice, programme: {
        "public_id": programme.public_id,
        "payment_id": _payment(practice, programme).public_id,
    },
    "programme-follow-ups": _programme,
    "programme-review": lambda practice, programme: {
        "public_id": programme.public_id,
        "review_id": _review(practice, programme).public_id,
    },
    "programme-portfolio": _programme,
    "programme-portfolio-csv": _programme,
    "programme-portfolio-xlsx": _programme,
    "programme-portfolio-figures": _programme,
    "programme-portfolio-anonymised": _programme,
}
