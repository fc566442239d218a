"""Step 1: a meeting's agenda changed by the team (refused over someone else's change, with every version
kept), the record's earlier versions, what the team said to change last time, and the trend of the
meeting scores."""

from collections.abc import Callable
from datetime import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from microsystems.projects import actions, meeting_actions
from microsystems.projects.meetings import score_chart, score_trend
from microsystems.projects.models import AgendaItem, Meeting, MeetingRevision, Project, ProjectEvent
from tests.demo_people import LEAD, MILLBROOK_STAFF, ORCHARD_LANE_COACH, ORCHARD_LANE_STAFF
from tests.projects.builders import ORCHARD_LANE_NURSE, ORCHARD_LANE_RECEPTIONIST, user

ClientFor = Callable[[str], Client]


def test_no_scores_yet() -> None:
    assert score_trend([(1, None), (2, None)]).sentence == "No meeting has been scored yet."


def test_the_average_and_whether_the_last_three_are_better() -> None:
    trend = score_trend([(3, 8), (1, 5), (2, 6), (4, 8), (5, 7), (6, None)])
    assert trend.points == [(1, 5), (2, 6), (3, 8), (4, 8), (5, 7)]
    assert trend.average == 6.8
    assert (trend.recent, trend.earlier) == (7.7, 5.5)
    assert trend.sentence == "Average 6.8 out of 10 over 5 meetings. The last three average 7.7, up from 5.5."
    down = score_trend([(1, 8), (2, 8), (3, 6), (4, 6), (5, 6)])
    assert down.sentence.endswith("down from 8: ask what to change.")
    steady = score_trend([(1, 7), (2, 7), (3, 7), (4, 7)])
    assert steady.sentence.endswith("about the same as before.")
    assert score_trend([(1, 9)]).sentence == "Average 9 out of 10 over 1 meeting."


def test_the_chart_puts_ten_at_the_top_and_nought_at_the_bottom() -> None:
    points = score_chart([(1, 10), (2, 0)], width=480, height=160)
    assert (points[0].x, points[0].y) == (32, 8)
    assert (points[1].x, points[1].y) == (464, 136)


@pytest.fixture
def meetings(project: Project) -> list[Meeting]:
    first = timezone.make_aware(datetime(2027, 1, 12, 13, 0))
    return actions.schedule_meetings(
        project=project, first=first, count=3, frequency="fortnightly", by=user(ORCHARD_LANE_STAFF)
    )


def agenda_url(project: Project, number: int = 1) -> str:
    return reverse("project-meeting-agenda", args=[project.public_id, number])


def rows(*items: tuple[str, str, str], version: int = 0) -> dict[str, str]:
    data = {"version": str(version)}
    for i, (title, minutes, outcome) in enumerate(items):
        data.update({f"title_{i}": title, f"minutes_{i}": minutes, f"outcome_{i}": outcome})
    return data


def test_the_team_changes_the_agenda_and_the_second_of_two_saves_is_told(
    client_for: ClientFor, project: Project, meetings: list[Meeting]
) -> None:
    champion, nurse = client_for(ORCHARD_LANE_STAFF), client_for(ORCHARD_LANE_NURSE)
    form = champion.get(agenda_url(project)).text
    assert 'value="Agree the aim of this meeting"' in form
    response = champion.post(
        agenda_url(project), rows(("Agree the aim", "5", "inform"), ("Build the fishbone", "40", "discuss"))
    )
    assert response.status_code == 302
    assert [(a.title, a.minutes) for a in AgendaItem.objects.filter(meeting=meetings[0])] == [
        ("Agree the aim", 5),
        ("Build the fishbone", 40),
    ]
    # The nurse had the form open from before the champion's save: she is told, nothing changes.
    second = nurse.post(agenda_url(project), rows(("Review the interruptions tally", "30", "discuss")))
    assert second.status_code == 200
    assert "Someone else changed this agenda while you were editing" in second.text
    assert 'value="Review the interruptions tally"' in second.text
    assert AgendaItem.objects.filter(meeting=meetings[0]).count() == 2
    # Saving again, knowingly, goes through.
    again = nurse.post(
        agenda_url(project), rows(("Review the interruptions tally", "30", "discuss"), version=1)
    )
    assert again.status_code == 302
    assert MeetingRevision.objects.filter(meeting=meetings[0], part="agenda").count() == 2
    assert ProjectEvent.objects.filter(
        project=project, what="Changed the agenda of meeting 1: 1 items, 30 minutes"
    ).exists()
    page = champion.get(reverse("project-meeting", args=[project.public_id, 1])).text
    assert "Agenda saved by Grace" in page
    assert "Build the fishbone — 40 min (discuss)" in page  # the earlier version is kept


@pytest.mark.parametrize(
    ("items", "message"),
    [
        ((("", "10", "discuss"),), "Enter what item 1 is about, or clear its minutes"),
        ((("Build the fishbone", "", "discuss"),), "Enter the minutes for “Build the fishbone”"),
        ((("Build the fishbone", "0", "discuss"),), "Give “Build the fishbone” between 1 and 240 minutes"),
        ((("Build the fishbone", "ten", "discuss"),), "Enter the minutes for item 1 as a whole number"),
        ((("", "", "discuss"),), "Keep at least one item on the agenda"),
        ((("Build the fishbone", "10", "shout"),), "Select a valid choice"),
    ],
)
def test_a_bad_agenda_is_refused_with_a_reason_and_changes_nothing(
    client_for: ClientFor,
    project: Project,
    meetings: list[Meeting],
    items: tuple[tuple[str, str, str], ...],
    message: str,
) -> None:
    before = list(AgendaItem.objects.filter(meeting=meetings[0]).values_list("title", flat=True))
    response = client_for(ORCHARD_LANE_STAFF).post(agenda_url(project), rows(*items))
    assert response.status_code == 200
    assert message in response.text
    assert list(AgendaItem.objects.filter(meeting=meetings[0]).values_list("title", flat=True)) == before


@pytest.mark.parametrize(
    ("email", "status"),
    [(ORCHARD_LANE_COACH, 200), (ORCHARD_LANE_RECEPTIONIST, 403), (LEAD, 403), (MILLBROOK_STAFF, 404)],
)
def test_only_the_lead_team_and_coaches_change_the_agenda(
    client_for: ClientFor, project: Project, meetings: list[Meeting], email: str, status: int
) -> None:
    assert client_for(email).get(agenda_url(project)).status_code == status


def test_records_keep_their_versions_and_the_next_meeting_starts_from_the_last_score(
    client_for: ClientFor, project: Project, meetings: list[Meeting]
) -> None:
    champion = user(ORCHARD_LANE_STAFF)
    first, second, _ = meetings
    for version, (notes, score) in enumerate(
        [("Agreed ground rules", 6), ("Agreed ground rules; chose a theme", 7)]
    ):
        assert meeting_actions.save_record(
            meeting=first,
            fields={"notes": notes, "score": score, "to_change": "Start on time", "leader": champion},
            based_on_version=version,
            by=champion,
        )
    assert not meeting_actions.save_record(
        meeting=first, fields={"notes": "Old"}, based_on_version=0, by=champion
    )
    kept = [r.content["notes"] for r in MeetingRevision.objects.filter(meeting=first, part="record")]
    assert kept == ["Agreed ground rules; chose a theme", "Agreed ground rules"]
    client = client_for(ORCHARD_LANE_NURSE)
    page = client.get(reverse("project-meeting", args=[project.public_id, 2])).text
    assert "At meeting 1 the team scored the meeting 7 out of 10 and said to change: “Start on time”" in page
    live = client.get(reverse("project-meeting-live", args=[project.public_id, 2])).text
    assert "said to change: “Start on time”" in live
    meeting_actions.save_record(meeting=second, fields={"score": 9}, based_on_version=0, by=champion)
    listing = client.get(reverse("project-meetings", args=[project.public_id])).text
    assert "Average 8 out of 10 over 2 meetings." in listing
    assert "Meeting scores out of 10: meeting 1, 7; meeting 2, 9." in listing


def test_the_noticeboard_summary_says_when_the_team_meets_next(
    client_for: ClientFor, project: Project, meetings: list[Meeting]
) -> None:
    client = client_for(ORCHARD_LANE_RECEPTIONIST)  # practice staff read the noticeboard
    first = client.get(reverse("project-meeting-summary", args=[project.public_id, 1])).text
    assert "Next meeting" in first and "Tuesday 26 January 2027 at 13:00" in first
    last = client.get(reverse("project-meeting-summary", args=[project.public_id, 3])).text
    assert "Next meeting" not in last


def test_the_meeting_pages_run_a_fixed_number_of_queries_however_many_versions_and_scores(
    client_for: ClientFor, project: Project, meetings: list[Meeting]
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(ORCHARD_LANE_STAFF)
    champion = user(ORCHARD_LANE_STAFF)
    pages = [
        reverse("project-meetings", args=[project.public_id]),
        reverse("project-meeting", args=[project.public_id, 1]),
        reverse("project-meeting-agenda", args=[project.public_id, 1]),
    ]

    def counts() -> list[int]:
        found = []
        for url in pages:
            with CaptureQueriesContext(connection) as captured:
                assert client.get(url).status_code == 200
            found.append(len(captured))
        return found

    meeting_actions.save_record(meeting=meetings[0], fields={"score": 5}, based_on_version=0, by=champion)
    before = counts()
    for version in range(1, 5):
        meeting_actions.save_record(
            meeting=meetings[0], fields={"score": 5 + version}, based_on_version=version, by=champion
        )
    for meeting in meetings[1:]:
        meeting_actions.save_record(meeting=meeting, fields={"score": 8}, based_on_version=0, by=champion)
    meeting_actions.save_agenda(
        meeting=meetings[0],
        items=[{"title": "Work", "minutes": 50, "outcome": "discuss"}],
        based_on_version=0,
        by=champion,
    )
    assert counts() == before


def test_actions_from_earlier_meetings_are_marked_done_in_meeting_mode(
    client_for: ClientFor, project: Project, meetings: list[Meeting]
) -> None:
    from datetime import date

    from microsystems.projects.models import Action

    earlier = actions.add_action(
        project=project,
        text="Count the calls chasing results",
        owner=user(ORCHARD_LANE_NURSE),
        due_on=date(2027, 1, 19),
        meeting=meetings[0],
        by=user(ORCHARD_LANE_STAFF),
    )
    Action.objects.filter(pk=earlier.pk).update(created_at=meetings[0].starts_at)
    client = client_for(ORCHARD_LANE_STAFF)
    live = reverse("project-meeting-live", args=[project.public_id, 2])
    assert (
        'Mark done<span class="nhsuk-u-visually-hidden"> for Count the calls chasing results'
        in client.get(live).text
    )
    done = reverse("project-action-done", args=[project.public_id, earlier.id])
    response = client.post(done, {"next": live})
    assert response["Location"] == live
    assert Action.objects.get(pk=earlier.pk).done_on is not None
    assert "Actions to review" not in client.get(live).text  # nothing left open from before
    # Practice staff outside the lead team see the list but cannot mark it.
    assert "Mark done" not in client_for(ORCHARD_LANE_RECEPTIONIST).get(live).text
