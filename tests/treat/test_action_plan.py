"""The action plan (T4.7): tasks with an owner, a start, a due date and what they wait for, on a Gantt
timeline with arrows between them; changed later with a second editor told; readers only read."""

from collections.abc import Callable

from django.test import Client
from django.urls import reverse

from microsystems.projects.models import Action, Project
from tests.demo_people import LEAD, MILLBROOK_STAFF, ORCHARD_LANE_COACH, ORCHARD_LANE_STAFF
from tests.projects.builders import user

Clients = Callable[[str], Client]


def plan(project: Project) -> str:
    return reverse("action-plan", args=[project.public_id])


def add(client: Client, project: Project, **data: str) -> str:
    fields = {"owner": str(user(ORCHARD_LANE_STAFF).id), "starts_on": "1/6/2026", "due_on": "12/6/2026"}
    response = client.post(plan(project), {**fields, **data})
    return response.content.decode() if response.status_code == 200 else response["Location"]


def test_tasks_with_dates_and_what_they_wait_for_on_the_timeline(
    project: Project, client_for: Clients
) -> None:
    client = client_for(ORCHARD_LANE_STAFF)
    assert add(client, project, text="Train reception on the new text message") == plan(project)
    training = Action.objects.get(project=project, text="Train reception on the new text message")
    assert add(
        client,
        project,
        text="Switch the template on for every GP",
        starts_on="15/6/2026",
        due_on="19/6/2026",
        depends_on=str(training.id),
    ) == plan(project)
    switch = Action.objects.get(project=project, text="Switch the template on for every GP")
    assert switch.depends_on == training and str(switch.starts_on) == "2026-06-15"
    page = client.get(plan(project)).content.decode()
    assert "Switch the template on for every GP waits for Train reception on the new text message" in page
    assert page.count('marker-end="url(#plan-arrow)"') == 1
    assert "15 June 2026" in page and "19 June 2026" in page
    # The key says what the colours and the dashed line mean.
    assert all(f">{word}</text>" in page for word in ("Open", "Overdue", "Done", "Today"))


def test_bad_dates_are_refused_with_the_reason_and_the_form_kept(
    project: Project, client_for: Clients
) -> None:
    client = client_for(ORCHARD_LANE_STAFF)
    add(client, project, text="Order the poster")
    poster = Action.objects.get(project=project, text="Order the poster")
    before = Action.objects.filter(project=project).count()
    page = add(client, project, text="Put up the poster", starts_on="10/6/2026", due_on="1/6/2026")
    assert "The task must be due on or after the day it starts" in page and "Put up the poster" in page
    page = add(client, project, text="Put up the poster", starts_on="5/6/2026", depends_on=str(poster.id))
    assert "It waits for “Order the poster”, due on 12 June 2026: start it on or after that day" in page
    page = add(client, project, text="", starts_on="31/2/2026")
    assert "Enter the task" in page and "Enter a real date, such as 14/9/2026" in page
    assert Action.objects.filter(project=project).count() == before


def test_a_task_is_changed_and_done_and_a_second_editor_is_told(
    project: Project, client_for: Clients
) -> None:
    champion, coach = client_for(ORCHARD_LANE_STAFF), client_for(ORCHARD_LANE_COACH)
    add(champion, project, text="Tell the patient group")
    add(champion, project, text="Write the leaflet")
    task = Action.objects.get(project=project, text="Tell the patient group")
    leaflet = Action.objects.get(project=project, text="Write the leaflet")
    url = reverse("action-plan-task", args=[project.public_id, task.id])
    page = champion.get(url).content.decode()
    stamp = page.split('name="stamp" value="')[1].split('"')[0]
    data = {
        "text": "Tell the patient group at its June meeting",
        "owner": str(user(ORCHARD_LANE_STAFF).id),
        "starts_on": "12/6/2026",
        "due_on": "20/6/2026",
        "depends_on": str(leaflet.id),
        "done": "on",
        "stamp": stamp,
    }
    assert champion.post(url, data).status_code == 302
    task.refresh_from_db()
    assert task.text == "Tell the patient group at its June meeting" and task.done_on is not None
    assert task.depends_on == leaflet
    # The coach opened the task before: told, nothing overwritten.
    page = coach.post(url, {**data, "text": "Email the patient group"}).content.decode()
    assert "Someone else changed this task while you were editing" in page
    assert "Email the patient group" in page  # theirs kept in the form
    task.refresh_from_db()
    assert task.text == "Tell the patient group at its June meeting"
    # A loop of waiting is refused.
    leaflet_url = reverse("action-plan-task", args=[project.public_id, leaflet.id])
    page = champion.get(leaflet_url).content.decode()
    leaflet_stamp = page.split('name="stamp" value="')[1].split('"')[0]
    page = champion.post(
        leaflet_url,
        {
            "text": "Write the leaflet",
            "owner": str(user(ORCHARD_LANE_STAFF).id),
            "starts_on": "1/6/2026",
            "due_on": "12/6/2026",
            "depends_on": str(task.id),
            "stamp": leaflet_stamp,
        },
    ).content.decode()
    assert "already waits for this task: choose another" in page


def test_readers_read_and_others_are_refused(project: Project, client_for: Clients) -> None:
    add(client_for(ORCHARD_LANE_STAFF), project, text="Order the poster")
    task = Action.objects.get(project=project, text="Order the poster")
    lead = client_for(LEAD)
    page = lead.get(plan(project)).content.decode()
    assert "Order the poster" in page and "Add a task" not in page
    assert lead.post(plan(project), {"text": "x"}).status_code == 403
    assert lead.get(reverse("action-plan-task", args=[project.public_id, task.id])).status_code == 403
    assert (
        client_for(MILLBROOK_STAFF)
        .get(reverse("action-plan-task", args=[project.public_id, task.id]))
        .status_code
        == 404
    )
