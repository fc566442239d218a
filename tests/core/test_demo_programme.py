"""The demo programme: what a newcomer signs in to."""

from collections import Counter

from django.core.management import call_command

from microsystems.demo import seed
from microsystems.demo.world import PASSWORD
from microsystems.people.models import Membership, Organisation, OrganisationKind, User
from microsystems.people.roles import Role
from microsystems.programme.engagement import AdopterCategory, EngagementState
from microsystems.programme.models import Coach, CoachExperience, Enrolment, Programme


def test_demo_has_practices_in_many_states_coaches_of_every_experience_and_every_role(
    demo: Programme,
) -> None:
    practices = Organisation.objects.filter(kind=OrganisationKind.PRACTICE)
    assert practices.count() >= 8
    assert Organisation.objects.filter(kind=OrganisationKind.PCN).count() == 2
    states = set(Enrolment.objects.values_list("state", flat=True))
    assert {EngagementState.WITHDREW, EngagementState.DECLINED, EngagementState.PROJECT_ACTIVE} <= states
    adopters = set(Enrolment.objects.values_list("adopter_category", flat=True))
    assert {AdopterCategory.EARLY_ADOPTER, AdopterCategory.LATE_MAJORITY} <= adopters
    experience = Counter(Coach.objects.values_list("experience", flat=True))
    assert sum(experience.values()) >= 5
    assert experience[CoachExperience.MENTOR] and experience[CoachExperience.NEWLY_TRAINED]
    assert not Coach.objects.filter(experience=CoachExperience.NEWLY_TRAINED, mentor=None).exists()
    roles = set(Membership.objects.values_list("role", flat=True))
    assert roles == set(Role)
    for practice in practices:
        jobs = set(practice.memberships.filter(role=Role.PRACTICE_STAFF).values_list("job", flat=True))
        assert len(jobs) >= 2, practice


def test_every_printed_login_signs_in_with_the_printed_password(demo: Programme) -> None:
    logins = seed.logins()
    assert len({login.email for login in logins}) == len(logins)
    for login in logins:
        assert User.objects.get(email=login.email).check_password(PASSWORD), login


def test_seed_demo_command_prints_the_logins_and_loads_only_into_an_empty_database(
    db: None, capsys: object
) -> None:
    import pytest

    call_command("seed-demo", "--if-empty")
    output = capsys.readouterr().out  # type: ignore[attr-defined]
    assert "lead@demo.example" in output
    assert f"password: {PASSWORD}" in output
    assert "Orchard Lane Surgery: Practice manager" in output
    users = User.objects.count()

    call_command("seed-demo", "--if-empty")  # a second run reuses what is there
    assert User.objects.count() == users
    with pytest.raises(SystemExit):
        call_command("seed-demo")


def test_first_projects_started_since_the_milestones_were_adopted_are_paid_in_parts(
    demo: Programme,
) -> None:
    from datetime import date

    from microsystems.demo.programme_history import MILESTONES_ADOPTED
    from microsystems.programme.models import FundingRoute, Payment, PaymentState
    from microsystems.programme.presenters.funding import ledger

    assert demo.payment_milestones
    first = Payment.objects.filter(programme=demo, route=FundingRoute.ENHANCED_SERVICE)
    before = first.filter(project__started_on__lt=MILESTONES_ADOPTED)
    assert before.exists() and set(before.values_list("milestone", flat=True)) == {""}
    millbrook = {p.milestone: p for p in first.filter(enrolment__practice__name="Millbrook Medical Centre")}
    assert millbrook["Agreement signed"].state == PaymentState.PAID
    assert millbrook["Project completed"].state == PaymentState.DUE
    assert millbrook["Project completed"].due_on == date(2026, 7, 30)
    book = ledger(demo, {})
    assert [(e.practice, e.milestone) for e in book.expected] == [
        ("Millbrook Medical Centre", "6-month review held")
    ]
    assert sum(p.amount for p in millbrook.values()) + book.expected_total == demo.first_project_payment


def test_an_active_demo_project_is_on_track_with_activity_in_the_days_before_the_demos_now(
    demo: Programme,
) -> None:
    from datetime import timedelta

    from microsystems.demo.world import TODAY
    from microsystems.measures.models import DataPoint
    from microsystems.projects.models import Meeting, Project

    on_track = Project.objects.filter(programme=demo, status="active", health__colour="green")
    assert on_track.count() == 1
    project = on_track.get()
    assert project.health.signals == []
    week = TODAY - timedelta(days=7)
    assert Meeting.objects.filter(project=project, held=True, starts_at__date__gte=week).exists()
    assert DataPoint.objects.filter(measure__project=project, period__gte=week).exists()
    assert Project.objects.filter(programme=demo, status="active").exclude(health__colour="green").exists()
