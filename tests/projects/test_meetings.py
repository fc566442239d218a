"""Meetings and actions (T1.2 to T1.8): a run of sessions, rotating roles, the agenda, actions that come back
until done, the record and its score, meeting mode and the noticeboard summary."""

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from microsystems.projects.models import Action, Meeting, ParkedIdea, Project
from tests.demo_people import LEAD, MILLBROOK_STAFF, ORCHARD_LANE_COACH, ORCHARD_LANE_STAFF
from tests.projects.builders import ORCHARD_LANE_GP, ORCHARD_LANE_NURSE, ORCHARD_LANE_RECEPTIONIST, user

ClientFor = Callable[[str], Client]


def plan(client: Client, project: Project, count: int = 4, first_on: str | None = None) -> None:
    first = first_on or (timezone.localdate() + timedelta(days=7)).isoformat()
    response = client.post(
        reverse("project-meetings", args=[project.public_id]),
        {"first_on": first, "first_at": "13:00", "count": count, "frequency": "weekly"},
    )
    assert response.status_code == 302


def meeting_url(project: Project, number: int, suffix: str = "") -> str:
    return reverse("project-meeting", args=[project.public_id, number]) + suffix


def test_planning_a_run_of_meetings_shares_the_roles_out_in_turn(
    client_for: ClientFor, project: Project
) -> None:
    plan(client_for(ORCHARD_LANE_STAFF), project, count=4)
    meetings = list(Meeting.objects.filter(project=project).select_related("leader", "recorder"))
    assert [m.number for m in meetings] == [1, 2, 3, 4]
    assert meetings[1].starts_at - meetings[0].starts_at == timedelta(weeks=1)
    assert len({m.leader_id for m in meetings[:3]}) == 3  # three staff on the team: each leads once
    assert all(m.leader_id != m.recorder_id for m in meetings)
    assert meetings[0].agenda.count() == 8
    assert sum(a.minutes for a in meetings[0].agenda.all()) == 60


def test_bad_schedule_input_says_what_is_wrong_and_plans_nothing(
    client_for: ClientFor, project: Project
) -> None:
    response = client_for(ORCHARD_LANE_STAFF).post(
        reverse("project-meetings", args=[project.public_id]),
        {"first_on": "31 2 2027", "first_at": "lunchtime", "count": "0", "frequency": "weekly"},
    )
    assert response.status_code == 200
    for message in ("Enter a real date", "Enter a time such as 13:00", "Plan at least one session"):
        assert message in response.text
    assert not Meeting.objects.filter(project=project).exists()


def test_open_actions_come_back_on_each_agenda_until_done(client_for: ClientFor, project: Project) -> None:
    client = client_for(ORCHARD_LANE_STAFF)
    plan(client, project, count=3)
    action_url = reverse("project-action-add", args=[project.public_id])
    nurse = user(ORCHARD_LANE_NURSE)
    response = client.post(
        action_url,
        {"text": "Count results chased by phone this week", "owner": nurse.pk, "due_on": "2027-01-19"},
    )
    assert response.status_code == 302
    action = Action.objects.get(project=project)
    assert "Count results chased by phone this week" in client.get(meeting_url(project, 1)).text
    assert "Count results chased by phone this week" in client.get(meeting_url(project, 2)).text
    client.post(
        reverse("project-action-done", args=[project.public_id, action.id]), {"next": meeting_url(project, 1)}
    )
    action.refresh_from_db()
    assert action.done_on == timezone.localdate()
    assert "Done: Count results chased by phone this week" in client.get(meeting_url(project, 1)).text
    assert "Count results chased by phone this week" not in client.get(meeting_url(project, 2)).text


def test_an_action_is_owned_by_someone_on_the_lead_team_not_the_coach(
    client_for: ClientFor, project: Project
) -> None:
    client = client_for(ORCHARD_LANE_COACH)
    response = client.post(
        reverse("project-action-add", args=[project.public_id]),
        {"text": "Draft the survey", "owner": user(ORCHARD_LANE_COACH).pk, "due_on": "2027-01-19"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.text
    assert not Action.objects.filter(project=project).exists()


def test_actions_captured_in_meeting_mode_come_back_as_a_fragment(
    client_for: ClientFor, project: Project
) -> None:
    client = client_for(ORCHARD_LANE_STAFF)
    plan(client, project, count=1)
    response = client.post(
        reverse("project-action-add", args=[project.public_id]),
        {
            "text": "Ask reception to tally calls",
            "owner": user(ORCHARD_LANE_GP).pk,
            "due_on": "2027-01-19",
            "meeting": 1,
        },
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert 'id="actions-panel"' in response.text and "<html" not in response.text
    assert "Ask reception to tally calls" in response.text
    assert Action.objects.get(project=project).meeting == Meeting.objects.get(project=project, number=1)
    live = client.get(meeting_url(project, 1, "live/")).text
    assert "meeting-timer.js" in live and 'data-seconds="120"' in live


def test_the_record_is_saved_with_its_score_and_a_stale_save_is_refused(
    client_for: ClientFor, project: Project
) -> None:
    champion, nurse = client_for(ORCHARD_LANE_STAFF), client_for(ORCHARD_LANE_NURSE)
    plan(champion, project, count=1)
    record = {
        "version": 0,
        "notes": "Mapped the results process",
        "decisions": "Start with normal results",
        "score": 8,
    }
    assert champion.post(meeting_url(project, 1), record).status_code == 302
    meeting = Meeting.objects.get(project=project)
    assert meeting.held and meeting.score == 8 and meeting.version == 1
    response = nurse.post(meeting_url(project, 1), {**record, "notes": "Nurse's notes"})
    assert response.status_code == 200
    assert "Someone else saved this record while you were editing" in response.text
    meeting.refresh_from_db()
    assert meeting.notes == "Mapped the results process"
    bad = champion.post(meeting_url(project, 1), {**record, "version": 1, "score": 11})
    assert "Enter a score from 0 to 10" in bad.text
    summary = champion.get(meeting_url(project, 1, "summary/")).text
    assert "Start with normal results" in summary


def test_ideas_are_parked_for_later(client_for: ClientFor, project: Project) -> None:
    client = client_for(ORCHARD_LANE_STAFF)
    plan(client, project, count=1)
    client.post(
        reverse("project-park", args=[project.public_id]), {"text": "Online booking for smears", "meeting": 1}
    )
    assert ParkedIdea.objects.get(project=project).text == "Online booking for smears"
    assert "Online booking for smears" in client.get(meeting_url(project, 1, "summary/")).text


@pytest.mark.parametrize(
    ("email", "get", "post"),
    [(ORCHARD_LANE_RECEPTIONIST, 200, 403), (LEAD, 200, 403), (MILLBROOK_STAFF, 404, 404)],
)
def test_readers_cannot_change_meetings_and_others_cannot_see_them(
    client_for: ClientFor, project: Project, email: str, get: int, post: int
) -> None:
    plan(client_for(ORCHARD_LANE_STAFF), project, count=1)
    client = client_for(email)
    for suffix in ("", "live/", "summary/"):
        assert client.get(meeting_url(project, 1, suffix)).status_code == get
    assert client.post(meeting_url(project, 1), {"version": 0, "notes": "x"}).status_code == post
    assert client.post(reverse("project-meetings", args=[project.public_id]), {}).status_code == post
    action_url = reverse("project-action-add", args=[project.public_id])
    assert client.post(action_url, {"text": "x", "due_on": date(2027, 1, 1)}).status_code == post
    assert client.post(reverse("project-park", args=[project.public_id]), {"text": "x"}).status_code == post


def test_a_meeting_that_does_not_exist_is_not_found(client_for: ClientFor, project: Project) -> None:
    assert client_for(ORCHARD_LANE_STAFF).get(meeting_url(project, 99)).status_code == 404


def test_meeting_mode_refreshes_the_actions_so_every_screen_shows_them(
    client_for: ClientFor, project: Project
) -> None:
    champion, nurse = client_for(ORCHARD_LANE_STAFF), client_for(ORCHARD_LANE_NURSE)
    plan(champion, project, count=1)
    live = champion.get(meeting_url(project, 1, "live/")).text
    assert 'hx-trigger="every 10s"' in live
    nurse.post(
        reverse("project-action-add", args=[project.public_id]),
        {
            "text": "Ask the lab about courier times",
            "owner": user(ORCHARD_LANE_GP).pk,
            "due_on": "2027-01-19",
            "meeting": 1,
        },
    )
    part = champion.get(meeting_url(project, 1, "live/?part=actions"))
    assert "Ask the lab about courier times" in part.text and "<html" not in part.text
    assert client_for(MILLBROOK_STAFF).get(meeting_url(project, 1, "live/?part=actions")).status_code == 404
