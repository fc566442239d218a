"""Starting a project (T1.1): who may, what the lead team looks like, and the patient-member prompt."""

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from microsystems.people.models import Organisation, User
from microsystems.programme.models import Coach
from microsystems.projects.models import Project, TeamMember, TeamPart
from tests.demo_people import (
    EVALUATOR,
    LEAD,
    MILLBROOK_STAFF,
    ORCHARD_LANE,
    ORCHARD_LANE_COACH,
    ORCHARD_LANE_PATIENT,
    ORCHARD_LANE_STAFF,
    OTHER_COACH,
)
from tests.projects.builders import ORCHARD_LANE_GP, ORCHARD_LANE_NURSE, user

ClientFor = Callable[[str], Client]
PracticeFor = Callable[[str], Organisation]


def start_url(practice: Organisation) -> str:
    return reverse("project-start", args=[practice.public_id])


def form_data(**changes: object) -> dict[str, object]:
    orchard_lane = Organisation.objects.get(ods_code=ORCHARD_LANE)
    data: dict[str, object] = {
        "title": "Diabetes annual reviews in the birthday month",
        "microsystems": [orchard_lane.microsystems.get(name="Chronic disease clinics").pk],
        "champion": user(ORCHARD_LANE_NURSE).pk,
        "sponsor": user(ORCHARD_LANE_GP).pk,
        "members": [user(ORCHARD_LANE_STAFF).pk],
        "patients": [user(ORCHARD_LANE_PATIENT).pk],
        "no_patient_reason": "",
        "coaches": [Coach.objects.get(user__email=ORCHARD_LANE_COACH).pk],
        "typology": "health_outputs",
        "path_kind": "core",
    }
    data.update(changes)
    return data


@pytest.mark.parametrize(
    ("email", "status"),
    [
        (ORCHARD_LANE_STAFF, 200),
        (ORCHARD_LANE_COACH, 200),
        (ORCHARD_LANE_PATIENT, 403),  # sees the practice, does not start projects
        (LEAD, 403),  # reads the programme's projects, does not start them
        (MILLBROOK_STAFF, 404),
        (OTHER_COACH, 404),
        (EVALUATOR, 404),
    ],
)
def test_practice_staff_and_their_coach_may_start_a_project(
    client_for: ClientFor, practice: PracticeFor, email: str, status: int
) -> None:
    assert client_for(email).get(start_url(practice(ORCHARD_LANE))).status_code == status


def test_starting_a_project_names_the_lead_team_and_takes_you_to_its_page(
    client_for: ClientFor, practice: PracticeFor
) -> None:
    response = client_for(ORCHARD_LANE_STAFF).post(start_url(practice(ORCHARD_LANE)), form_data())
    project = Project.objects.get(
        title="Diabetes annual reviews in the birthday month", practice=practice(ORCHARD_LANE)
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("project-detail", args=[project.public_id])
    parts = dict(TeamMember.objects.filter(project=project).values_list("user__email", "part"))
    assert parts == {
        ORCHARD_LANE_NURSE: TeamPart.CHAMPION,
        ORCHARD_LANE_GP: TeamPart.SPONSOR,
        ORCHARD_LANE_STAFF: TeamPart.MEMBER,
        ORCHARD_LANE_PATIENT: TeamPart.PATIENT,
    }
    assert project.typology == "health_outputs"
    assert not project.crosses_organisations
    assert [c.user.email for c in project.coaches.all()] == [ORCHARD_LANE_COACH]
    page = client_for(ORCHARD_LANE_STAFF).get(response["Location"]).text
    assert "Grace Liu" in page and "Champion" in page
    assert "Started the project with a lead team of 4" in page


def test_no_patient_member_needs_a_reason_and_nothing_is_saved_without_one(
    client_for: ClientFor, practice: PracticeFor
) -> None:
    response = client_for(ORCHARD_LANE_STAFF).post(start_url(practice(ORCHARD_LANE)), form_data(patients=[]))
    assert response.status_code == 200
    assert "Choose a patient member, or say why no patient is joining yet" in response.text
    assert not Project.objects.filter(practice__ods_code=ORCHARD_LANE).exists()


def test_with_a_reason_the_project_starts_and_its_page_prompts_for_a_patient(
    client_for: ClientFor, practice: PracticeFor
) -> None:
    client = client_for(ORCHARD_LANE_STAFF)
    reason = "Asking the patient participation group at its March meeting"
    response = client.post(
        start_url(practice(ORCHARD_LANE)), form_data(patients=[], no_patient_reason=reason)
    )
    page = client.get(response["Location"]).text
    assert "No patient member yet" in page
    assert reason in page


def test_a_member_from_a_care_home_makes_the_project_cross_organisations(
    client_for: ClientFor, practice: PracticeFor
) -> None:
    care_home_manager = User.objects.get(email="bridget.willowmere-care-home@demo.example")
    client = client_for(ORCHARD_LANE_STAFF)
    response = client.post(
        start_url(practice(ORCHARD_LANE)),
        form_data(title="Care home ward rounds", members=[care_home_manager.pk], typology="process"),
    )
    project = Project.objects.get(title="Care home ward rounds")
    assert project.crosses_organisations
    member = TeamMember.objects.get(project=project, user=care_home_manager)
    assert member.organisation.name == "Willowmere Care Home"
    # The partner's member of the lead team reaches the project, though not the practice's own page.
    partner = client_for(care_home_manager.email)
    assert partner.get(response["Location"]).status_code == 200
    assert partner.get(reverse("practice-detail", args=[project.practice.public_id])).status_code == 404


def test_a_project_names_the_care_homes_team_beside_the_practices_and_crosses_organisations(
    client_for: ClientFor, practice: PracticeFor
) -> None:
    from microsystems.people.models import Microsystem

    orchard_lane = practice(ORCHARD_LANE)
    care_team = Microsystem.objects.get(organisation__name="Willowmere Care Home")
    client = client_for(ORCHARD_LANE_STAFF)
    assert "care team, Willowmere Care Home" in client.get(start_url(orchard_lane)).text
    ours = orchard_lane.microsystems.get(name="Whole practice")
    client.post(
        start_url(orchard_lane),
        form_data(title="Care home ward rounds", microsystems=[ours.pk, care_team.pk]),
    )
    project = Project.objects.get(title="Care home ward rounds")
    assert set(project.microsystems.all()) == {ours, care_team}
    assert project.crosses_organisations
    # Another practice's teams are not on offer, and a made-up choice is refused.
    other = (
        Microsystem.objects.exclude(organisation=orchard_lane).exclude(organisation__kind="partner").first()
    )
    assert other is not None
    response = client.post(start_url(orchard_lane), form_data(title="Not ours", microsystems=[other.pk]))
    assert response.status_code == 200
    assert not Project.objects.filter(title="Not ours").exists()


def test_a_user_of_another_practice_cannot_choose_people_from_outside_the_form(
    client_for: ClientFor, practice: PracticeFor
) -> None:
    outsider = User.objects.get(email=MILLBROOK_STAFF)
    response = client_for(ORCHARD_LANE_STAFF).post(
        start_url(practice(ORCHARD_LANE)), form_data(champion=outsider.pk)
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.text
    assert not Project.objects.filter(practice__ods_code=ORCHARD_LANE).exists()


def test_the_practice_page_offers_to_start_a_project_and_lists_it(
    client_for: ClientFor, practice: PracticeFor, project: Project
) -> None:
    page = client_for(ORCHARD_LANE_STAFF).get(
        reverse("practice-detail", args=[practice(ORCHARD_LANE).public_id])
    )
    assert "Start a project" in page.text
    assert reverse("project-detail", args=[project.public_id]) in page.text
    patient_page = client_for(ORCHARD_LANE_PATIENT).get(
        reverse("practice-detail", args=[practice(ORCHARD_LANE).public_id])
    )
    assert "Start a project" not in patient_page.text


def test_the_lead_team_names_a_new_champion_and_the_old_one_stays_on_the_team(
    client_for: ClientFor, practice: PracticeFor
) -> None:
    from microsystems.projects.models import ProjectEvent

    client = client_for(ORCHARD_LANE_STAFF)
    client.post(start_url(practice(ORCHARD_LANE)), form_data())
    project = Project.objects.get(
        practice__ods_code=ORCHARD_LANE, title="Diabetes annual reviews in the birthday month"
    )
    details = reverse("project-details", args=[project.public_id])
    nurse, gp, manager = user(ORCHARD_LANE_NURSE), user(ORCHARD_LANE_GP), user(ORCHARD_LANE_STAFF)
    keep = {"title": project.title, "typology": "health_outputs"}
    refused = client.post(details, {**keep, "champion": manager.pk, "sponsor": manager.pk})
    assert "Choose someone else as the senior sponsor" in refused.text
    assert TeamMember.objects.get(project=project, user=nurse).part == "champion"
    response = client.post(details, {**keep, "champion": manager.pk, "sponsor": gp.pk})
    assert response.status_code == 302
    parts = dict(TeamMember.objects.filter(project=project).values_list("user__email", "part"))
    assert (parts[manager.email], parts[nurse.email], parts[gp.email]) == ("champion", "member", "sponsor")
    assert ProjectEvent.objects.filter(
        project=project, what="Priya Raman is now the champion (was Grace Liu)"
    ).exists()
    # Someone not on the lead team cannot be named.
    outsider = user("megan.orchard-lane@demo.example")
    client.post(details, {**keep, "champion": outsider.pk, "sponsor": gp.pk})
    assert not TeamMember.objects.filter(project=project, user=outsider).exists()
    assert TeamMember.objects.get(project=project, part="champion").user == manager
