"""The demo's projects: at different steps, modelled on the evaluations' examples, each page working."""

from collections.abc import Callable

from django.test import Client
from django.urls import reverse

from microsystems.demo.seed import partner_email
from microsystems.demo.world import WORLD
from microsystems.programme.models import Programme
from microsystems.projects.models import Action, Meeting, Project
from microsystems.projects.presenters import project_rows


def test_the_demo_has_projects_at_different_steps_and_none_at_orchard_lane_or_station_road(
    demo: Programme,
) -> None:
    projects = Project.objects.all()
    assert {p.practice.ods_code for p in projects} >= {"Z90002", "Z90003", "Z90006", "Z90010"}
    assert not projects.filter(practice__ods_code__in=["Z90001", "Z90004"]).exists()
    steps = {row.title: row.step for row in project_rows(Project.objects.all())}
    assert steps["Weekly ward rounds with Willowmere Care Home"] == "Step 2"
    assert steps["Repeat prescription requests handled in two days"] == "Step 1"
    assert Project.objects.get(title="Repeat prescription requests handled in two days").status == "stopped"


def test_the_care_home_project_crosses_organisations_and_its_partner_members_reach_it(
    demo: Programme, client_for: Callable[[str], Client]
) -> None:
    project = Project.objects.get(title="Weekly ward rounds with Willowmere Care Home")
    assert project.crosses_organisations
    partner = client_for(partner_email("Willowmere Care Home", "Bridget Nolan"))
    page = partner.get(reverse("project-detail", args=[project.public_id]))
    assert page.status_code == 200
    assert "Downland Community Nursing Team" in page.text
    assert Action.objects.filter(project=project, done_on__isnull=True).count() == 3
    assert Meeting.objects.filter(project=project, held=False).exists()


def test_every_demo_project_page_opens_for_its_champion(
    demo: Programme, client_for: Callable[[str], Client]
) -> None:
    for demo_project in WORLD.projects:
        project = Project.objects.get(title=demo_project.title)
        practice = next(p for p in WORLD.practices if p.ods_code == demo_project.practice)
        champion = next(m for m in practice.staff if m.name == demo_project.champion)
        client = client_for(practice.email_of(champion))
        assert client.get(reverse("project-detail", args=[project.public_id])).status_code == 200
        assert client.get(reverse("project-meetings", args=[project.public_id])).status_code == 200
