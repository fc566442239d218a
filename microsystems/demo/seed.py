"""Load the demo world into the database, and list its logins."""

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils.text import slugify

from microsystems.people.models import Membership, Microsystem, Organisation, OrganisationKind, User
from microsystems.people.roles import Role
from microsystems.programme.engagement import EngagementState
from microsystems.programme.models import Coach, CoachAssignment, EngagementEvent, Enrolment, Programme

from .improvement import load_improvement
from .programme_history import load_programme_history
from .teamwork import load_teamwork
from .workbooks import load_workbooks
from .world import DOMAIN, PASSWORD, WORLD, DemoWorld


@dataclass(frozen=True)
class Login:
    who: str
    email: str


def logins(world: DemoWorld = WORLD) -> list[Login]:
    """One login per role, and one per practice (its practice manager, then its patient representative)."""
    found = [Login("Programme lead", world.lead.email), Login("Evaluator", world.evaluator.email)]
    found += [Login(f"Coach ({c.experience.label.lower()})", c.person.email) for c in world.coaches]
    for practice in world.practices:
        for member in practice.staff:
            role = "patient representative" if member.patient_representative else member.job.label
            found.append(Login(f"{practice.name}: {role}", practice.email_of(member)))
    for partner in world.partners:
        for name in partner.staff:
            found.append(Login(f"{partner.name}: staff", partner_email(partner.name, name)))
    return found


def partner_email(organisation: str, name: str) -> str:
    return f"{name.split(' ')[0].lower()}.{slugify(organisation)}@{DOMAIN}"


def is_seeded() -> bool:
    return Programme.objects.exists()


@transaction.atomic
def seed(world: DemoWorld = WORLD, password: str = "") -> Programme:
    hashed = make_password(password or PASSWORD)
    users: dict[str, User] = {}

    def user(name: str, email: str) -> User:
        if email not in users:
            users[email] = User.objects.create(email=email, full_name=name, password=hashed)
        return users[email]

    commissioner = Organisation.objects.create(
        kind=OrganisationKind.COMMISSIONER, name=world.commissioner, ods_code=world.commissioner_ods
    )
    programme = Programme.objects.create(
        commissioner=commissioner,
        name=world.programme,
        started_on=world.programme_started,
        first_project_payment=Decimal(world.first_project_payment),
    )
    pcns = {
        name: Organisation.objects.create(kind=OrganisationKind.PCN, name=name, commissioner=commissioner)
        for name in world.pcns
    }
    Membership.objects.create(
        user=user(world.lead.name, world.lead.email), organisation=commissioner, role=Role.PROGRAMME_LEAD
    )
    Membership.objects.create(
        user=user(world.evaluator.name, world.evaluator.email), organisation=commissioner, role=Role.EVALUATOR
    )

    coaches: dict[str, Coach] = {}
    for demo_coach in world.coaches:
        person = user(demo_coach.person.name, demo_coach.person.email)
        Membership.objects.create(user=person, organisation=commissioner, role=Role.COACH)
        coaches[demo_coach.person.email] = Coach.objects.create(
            programme=programme,
            user=person,
            experience=demo_coach.experience,
            background=demo_coach.background,
            trained_on=demo_coach.trained_on,
            mentor=coaches.get(demo_coach.mentor) if demo_coach.mentor else None,
        )

    states = list(EngagementState)
    for demo in world.practices:
        practice = Organisation.objects.create(
            kind=OrganisationKind.PRACTICE,
            name=demo.name,
            ods_code=demo.ods_code,
            list_size=demo.list_size,
            pcn=pcns[demo.pcn],
            commissioner=commissioner,
        )
        Microsystem.objects.bulk_create(
            [Microsystem(organisation=practice, name=name) for name in ("Whole practice", *demo.microsystems)]
        )
        for member in demo.staff:
            Membership.objects.create(
                user=user(member.name, demo.email_of(member)),
                organisation=practice,
                role=Role.PATIENT_REPRESENTATIVE if member.patient_representative else Role.PRACTICE_STAFF,
                job="" if member.patient_representative else member.job,
            )
        enrolment = Enrolment.objects.create(
            programme=programme,
            practice=practice,
            state=demo.state,
            state_since=demo.state_since,
            invited_on=world.programme_started,
            adopter_category=demo.adopter or "",
            exit_reason=demo.exit_reason or "",
            exit_detail=demo.exit_detail,
        )
        # History: every state on the way, a month apart, ending at the current one.
        path = (
            [EngagementState.INVITED, demo.state]
            if demo.state.has_left
            else states[: states.index(demo.state) + 1]
        )
        EngagementEvent.objects.bulk_create(
            [
                EngagementEvent(
                    enrolment=enrolment,
                    state=state,
                    on=demo.state_since - timedelta(days=30 * (len(path) - 1 - i)),
                )
                for i, state in enumerate(path)
            ]
        )
        for i, email in enumerate(demo.coaches):
            CoachAssignment.objects.create(
                coach=coaches[email],
                enrolment=enrolment,
                part=CoachAssignment.Part.LEAD if i == 0 else CoachAssignment.Part.CO_COACH,
                started_on=demo.state_since,
            )

    for partner in world.partners:
        organisation = Organisation.objects.create(
            kind=OrganisationKind.PARTNER,
            name=partner.name,
            partner_type=partner.partner_type,
            commissioner=commissioner,
        )
        # Its own team, which a project crossing into the partner's work can name alongside the practice's.
        Microsystem.objects.create(
            organisation=organisation,
            name="Residents' care team" if partner.partner_type == "care_home" else "Whole team",
        )
        for name in partner.staff:
            Membership.objects.create(
                user=user(name, partner_email(partner.name, name)),
                organisation=organisation,
                role=Role.PRACTICE_STAFF,
                job="other",
            )
    load_workbooks(programme, world)
    load_programme_history(programme)
    load_improvement()
    load_teamwork()
    return programme
