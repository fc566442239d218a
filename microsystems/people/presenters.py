"""What the people pages show, shaped for the templates. Each runs a fixed number of queries."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch
from django.urls import reverse

from microsystems.programme.engagement import MAY_WITHDRAW_FROM, EngagementState
from microsystems.programme.models import CoachAssignment, Enrolment
from microsystems.projects.models import Project

from .models import Membership, Organisation
from .scope import scope_for


@dataclass(frozen=True)
class MembershipRow:
    organisation: str
    organisation_href: str | None
    title: str


def memberships_of(user: Any) -> list[MembershipRow]:
    scope = scope_for(user)
    rows = []
    for membership in Membership.objects.active().filter(user=user).select_related("organisation"):
        organisation = membership.organisation
        visible = organisation.id in scope.team_organisation_ids
        rows.append(
            MembershipRow(
                organisation=organisation.name,
                organisation_href=reverse("practice-detail", args=[organisation.public_id])
                if visible
                else None,
                title=membership.title,
            )
        )
    return rows


@dataclass(frozen=True)
class PracticeRow:
    name: str
    href: str
    ods_code: str
    pcn: str
    list_size: int | None
    engagement: str
    engagement_colour: str
    projects: int


def visible_practices(user: Any) -> list[PracticeRow]:
    return practice_rows(Organisation.objects.filter(scope_for(user).practice_filter()).distinct())


def practice_rows(practices: Any) -> list[PracticeRow]:
    practices = (
        practices.select_related("pcn")
        .annotate(project_count=Count("projects", distinct=True))
        .prefetch_related(Prefetch("enrolments", queryset=Enrolment.objects.select_related("programme")))
        .order_by("name")
    )
    rows = []
    for practice in practices:
        enrolment = next(iter(practice.enrolments.all()), None)
        rows.append(
            PracticeRow(
                name=practice.name,
                href=reverse("practice-detail", args=[practice.public_id]),
                ods_code=practice.ods_code or "",
                pcn=practice.pcn.name if practice.pcn else "",
                list_size=practice.list_size,
                engagement=enrolment.get_state_display() if enrolment else "Not enrolled",
                engagement_colour=enrolment_colour(enrolment),
                projects=practice.project_count,
            )
        )
    return rows


def enrolment_colour(enrolment: Enrolment | None) -> str:
    return EngagementState(enrolment.state).tag_colour if enrolment else "grey"


@dataclass(frozen=True)
class TeamMember:
    name: str
    email: str
    title: str


@dataclass(frozen=True)
class ProjectRow:
    title: str
    status: str
    started_on: Any
    href: str = ""
    programme_href: str = ""  # the project's funding and follow-up reviews


@dataclass(frozen=True)
class PracticePage:
    practice: Organisation
    team: list[TeamMember]
    patient_representatives: list[TeamMember]
    microsystems: list[str]
    enrolments: list[dict[str, Any]]
    projects: list[ProjectRow]
    may_start_project: bool


def practice_page(practice: Organisation, user: Any) -> PracticePage:
    memberships = (
        Membership.objects.active()
        .filter(organisation=practice)
        .select_related("user")
        .order_by("user__full_name")
    )
    team: list[TeamMember] = []
    patients: list[TeamMember] = []
    for membership in memberships:
        member = TeamMember(membership.user.full_name, membership.user.email, membership.title)
        (patients if membership.role == "patient_representative" else team).append(member)
    enrolments = []
    for enrolment in (
        Enrolment.objects.filter(practice=practice)
        .select_related("programme")
        .prefetch_related(
            Prefetch(
                "coach_assignments",
                queryset=CoachAssignment.objects.filter(ended_on__isnull=True).select_related("coach__user"),
            ),
            "agreements",
        )
    ):
        agreement = max(enrolment.agreements.all(), key=lambda a: (a.created_on, a.pk), default=None)
        enrolments.append(
            {
                "programme": enrolment.programme.name,
                "state": enrolment.get_state_display(),
                "colour": enrolment_colour(enrolment),
                "since": enrolment.state_since,
                "coaches": [
                    f"{assignment.coach.user.full_name} ({assignment.get_part_display().lower()})"
                    for assignment in enrolment.coach_assignments.all()
                ],
                "agreement_href": reverse(
                    "programme-agreement", args=[enrolment.programme.public_id, agreement.public_id]
                )
                if agreement and user.has_perm("programme.view_agreement", agreement)
                else "",
                "agreement_signed": bool(agreement and agreement.is_signed),
                "withdraw_href": reverse(
                    "programme-withdraw", args=[enrolment.programme.public_id, practice.public_id]
                )
                if enrolment.state in MAY_WITHDRAW_FROM
                and user.has_perm("programme.withdraw_practice", enrolment)
                else "",
            }
        )
    projects = [
        ProjectRow(
            project.title,
            project.get_status_display(),
            project.started_on,
            reverse("project-detail", args=[project.public_id]),
            reverse("programme-project", args=[project.programme.public_id, project.public_id]),
        )
        for project in Project.objects.filter(practice=practice).select_related("programme")
    ]
    return PracticePage(
        practice=practice,
        team=team,
        patient_representatives=patients,
        microsystems=list(practice.microsystems.values_list("name", flat=True)),
        enrolments=enrolments,
        projects=projects,
        may_start_project=user.has_perm("projects.add_project", practice),
    )
