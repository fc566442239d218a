"""Someone leaves the lead team: recorded with the day, kept in the history, no longer given a role or
asked for answers; the champion and senior sponsor hand over first; the programme's signals and reviews
count them as gone."""

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from microsystems.programme.models import Programme
from microsystems.projects import actions
from microsystems.projects.leavers import left_on, left_the_team, why_not_leave
from microsystems.projects.models import Action, Meeting, Project, ProjectEvent, TeamMember
from tests.demo_people import MILLBROOK_STAFF, ORCHARD_LANE_PATIENT, ORCHARD_LANE_STAFF
from tests.projects.builders import (
    ORCHARD_LANE_GP,
    ORCHARD_LANE_NURSE,
    ORCHARD_LANE_RECEPTIONIST,
    user,
    with_a_meeting_and_an_action,
)

ClientFor = Callable[[str], Client]
DAY = date(2027, 3, 1)


# --- The rules, in plain Python ------------------------------------------------------------------
def test_the_day_the_team_marked_wins_over_the_end_of_their_membership() -> None:
    assert left_on(date(2027, 2, 1), date(2027, 2, 20), still_there=False, today=DAY) == date(2027, 2, 1)
    assert left_on(date(2027, 2, 1), None, still_there=True, today=DAY) == date(2027, 2, 1)


def test_someone_no_longer_at_their_organisation_has_left_on_the_day_it_ended_or_today() -> None:
    assert left_on(None, date(2027, 2, 20), still_there=False, today=DAY) == date(2027, 2, 20)
    assert left_on(None, None, still_there=False, today=DAY) == DAY
    assert left_on(None, date(2026, 5, 1), still_there=True, today=DAY) is None  # came back


def test_the_champion_and_sponsor_hand_over_first_and_the_day_must_make_sense() -> None:
    joined = date(2027, 1, 10)

    def why(part: str, on: date, already: date | None = None) -> tuple[str, str]:
        return why_not_leave(part=part, joined_on=joined, already_left=already, on=on, today=DAY)

    assert why("member", DAY) == ("", "")
    assert why("patient", joined) == ("", "")
    assert why("champion", DAY)[0] == "member" and "champion's role" in why("champion", DAY)[1]
    assert "senior sponsor's role" in why("sponsor", DAY)[1]
    assert why("member", DAY + timedelta(days=1)) == (
        "left_on",
        "The day they left must be today or in the past.",
    )
    assert why("member", date(2027, 1, 9))[1] == (
        "The day they left must be on or after the day they joined the lead team (10 January 2027)."
    )
    assert (
        "already recorded as having left the lead team on 1 February 2027"
        in why("member", DAY, date(2027, 2, 1))[1]
    )


# --- Through the pages ---------------------------------------------------------------------------
def _member(project: Project, email: str) -> TeamMember:
    return TeamMember.objects.select_related("user").get(project=project, user__email=email)


@pytest.mark.django_db
def test_the_champion_records_that_the_nurse_left(client_for: ClientFor, project: Project) -> None:
    action = with_a_meeting_and_an_action(project)
    future = timezone.now() + timedelta(days=7)
    actions.schedule_meetings(
        project=project, first=future, count=4, frequency="weekly", by=user(ORCHARD_LANE_STAFF)
    )
    nurse = _member(project, ORCHARD_LANE_NURSE)
    url = reverse("project-team-left", args=[project.public_id])
    champion = client_for(ORCHARD_LANE_STAFF)
    today = timezone.localdate()

    page = champion.get(url)
    assert page.status_code == 200 and nurse.user.full_name in page.text
    response = champion.post(url, {"member": nurse.pk, "left_on": today.isoformat()})
    assert response.status_code == 302

    nurse.refresh_from_db()
    assert nurse.left_on == today and nurse.left_recorded_by == user(ORCHARD_LANE_STAFF)
    event = ProjectEvent.objects.filter(project=project).first()
    assert event is not None and event.by == user(ORCHARD_LANE_STAFF)
    assert event.what == (
        f"{nurse.user.full_name} left the lead team on {today:%-d %B %Y}; "
        "1 open action(s) of theirs to reassign"
    )
    # The project page lists the current team and, apart, who left and when.
    detail = champion.get(reverse("project-detail", args=[project.public_id])).text
    current, _, gone = detail.partition("Who left the lead team")
    assert nurse.user.full_name not in current.split("<h2>Lead team</h2>")[1]
    assert nurse.user.full_name in gone.split("</table>")[0] and f"{today.day} {today:%B %Y}" in gone
    # Their action stays, flagged for reassignment; they are no longer offered as an owner.
    meetings_page = champion.get(reverse("project-meetings", args=[project.public_id])).text
    assert action.text in meetings_page and "Left the lead team: reassign" in meetings_page
    assert f">{nurse.user.full_name}</option>" not in meetings_page
    # Meetings still to come no longer give them a role; nor do meetings planned from now on.
    actions.schedule_meetings(
        project=project, first=future, count=2, frequency="weekly", by=user(ORCHARD_LANE_STAFF)
    )
    to_come = Meeting.objects.filter(project=project, starts_at__gte=timezone.now())
    assert to_come.count() == 7
    for meeting in to_come:
        assert nurse.user_id not in {
            meeting.leader_id,
            meeting.facilitator_id,
            meeting.timekeeper_id,
            meeting.recorder_id,
        }
    # They no longer edit as a member of the lead team, nor are they asked for their own answers.
    assert (
        client_for(ORCHARD_LANE_NURSE).get(reverse("project-details", args=[project.public_id])).status_code
        == 403
    )
    assert (
        "Your view is asked for"
        not in client_for(ORCHARD_LANE_NURSE).get(reverse("project-detail", args=[project.public_id])).text
    )
    # Marking them again is refused (they are not on the team to choose from).
    again = champion.post(url, {"member": nurse.pk, "left_on": today.isoformat()})
    assert "Choose someone who is on the lead team" in again.text


@pytest.mark.django_db
def test_the_champion_must_hand_over_first_and_bad_days_are_refused(
    client_for: ClientFor, project: Project
) -> None:
    url = reverse("project-team-left", args=[project.public_id])
    client = client_for(ORCHARD_LANE_STAFF)
    champion = _member(project, ORCHARD_LANE_STAFF)
    sponsor = _member(project, ORCHARD_LANE_GP)
    nurse = _member(project, ORCHARD_LANE_NURSE)
    today = timezone.localdate()
    before = ProjectEvent.objects.filter(project=project).count()

    refused = client.post(url, {"member": champion.pk, "left_on": today.isoformat()})
    assert refused.status_code == 200
    assert "Hand over the champion&#39;s role to another member first" in refused.text
    assert (
        "Hand over the senior sponsor"
        in client.post(url, {"member": sponsor.pk, "left_on": today.isoformat()}).text
    )
    tomorrow = (today + timedelta(days=1)).isoformat()
    future = client.post(url, {"member": nurse.pk, "left_on": tomorrow})
    assert "The day they left must be today or in the past." in future.text
    assert f'value="{tomorrow}"' in future.text  # what was typed is kept
    assert "Enter a real date" in client.post(url, {"member": nurse.pk, "left_on": "31 02 2027"}).text
    assert "Choose who has left" in client.post(url, {"left_on": today.isoformat()}).text
    assert not TeamMember.objects.filter(project=project, left_on__isnull=False).exists()
    assert ProjectEvent.objects.filter(project=project).count() == before

    # Once the role is handed over, the former champion may be marked as having left.
    actions.set_leads(project=project, champion=nurse.user, sponsor=sponsor.user, by=user(ORCHARD_LANE_STAFF))
    assert client.post(url, {"member": champion.pk, "left_on": today.isoformat()}).status_code == 302


@pytest.mark.django_db
def test_only_the_lead_team_records_a_leaver(client_for: ClientFor, project: Project) -> None:
    url = reverse("project-team-left", args=[project.public_id])
    nurse = _member(project, ORCHARD_LANE_NURSE)
    data = {"member": nurse.pk, "left_on": timezone.localdate().isoformat()}
    assert client_for(ORCHARD_LANE_RECEPTIONIST).post(url, data).status_code == 403
    assert client_for(MILLBROOK_STAFF).post(url, data).status_code == 404
    nurse.refresh_from_db()
    assert nurse.left_on is None


@pytest.mark.django_db
def test_the_stall_signal_and_the_review_count_a_marked_leaver_and_one_who_left_the_practice(
    demo: Programme, project: Project
) -> None:
    from microsystems.people.models import Membership
    from microsystems.programme.facts import projects_health_facts
    from microsystems.programme.models import FollowUpReview
    from microsystems.programme.presenters.followups import known_before_review

    today = timezone.localdate()
    nurse = _member(project, ORCHARD_LANE_NURSE)
    gp = _member(project, ORCHARD_LANE_GP)
    actions.mark_left_team(project=project, member=nurse, on=today, by=user(ORCHARD_LANE_STAFF))
    Membership.objects.filter(user=gp.user, organisation=project.practice).update(ended_on=today)

    assert left_the_team(project, today) == {nurse.user_id: today, gp.user_id: today}
    project.status, project.completed_on = "completed", today - timedelta(days=1)
    project.save()
    facts = projects_health_facts([project], today)[project.pk]
    assert (facts.team_size, facts.team_gone) == (4, 2)
    review, _ = FollowUpReview.objects.get_or_create(
        project=project, kind="six_months", defaults={"due_on": today + timedelta(days=30)}
    )
    known = dict(known_before_review(review, today))
    assert (
        f"{nurse.user.full_name} (member), left on {today:%-d %B %Y}"
        in known["Lead team members who have left since completion"]
    )
    assert (
        f"{gp.user.full_name} (senior sponsor)" in known["Lead team members who have left since completion"]
    )


@pytest.mark.django_db
def test_the_storyboard_and_the_team_formed_check_count_only_the_current_lead_team(
    demo: Programme, project: Project
) -> None:
    from microsystems.followup.presenters import story
    from microsystems.people.models import Membership
    from microsystems.programme.presenters.funding import progress_of

    today = timezone.localdate()
    nurse = _member(project, ORCHARD_LANE_NURSE)
    gp = _member(project, ORCHARD_LANE_GP)
    patient = TeamMember.objects.select_related("user").get(project=project, part="patient")
    champion = user(ORCHARD_LANE_STAFF)
    assert progress_of(project) == ("1.0", "Suggested from the workbook: The lead team is formed.")

    actions.mark_left_team(project=project, member=nurse, on=today, by=champion)
    names = [name for name, _, _ in story(project, made_on=today).team]
    assert nurse.user.full_name not in names
    assert sorted(names) == sorted([champion.full_name, gp.user.full_name, patient.user.full_name])

    # With the patient marked as gone and the sponsor no longer at the practice, the champion is alone.
    actions.mark_left_team(project=project, member=patient, on=today, by=champion)
    Membership.objects.filter(user=gp.user, organisation=project.practice).update(ended_on=today)
    assert [name for name, _, _ in story(project, made_on=today).team] == [champion.full_name]
    assert progress_of(project) == ("0.5", "Suggested from the workbook: The project is named; no team yet.")


@pytest.mark.django_db
def test_a_member_marked_as_left_by_mistake_is_brought_back_by_the_champion_or_coach(
    client_for: ClientFor, project: Project
) -> None:
    from tests.demo_people import ORCHARD_LANE_COACH

    action = with_a_meeting_and_an_action(project)
    nurse = _member(project, ORCHARD_LANE_NURSE)
    actions.mark_left_team(
        project=project, member=nurse, on=timezone.localdate(), by=user(ORCHARD_LANE_STAFF)
    )
    page = reverse("project-team-left", args=[project.public_id])
    back = reverse("project-team-back", args=[project.public_id])

    # The sponsor, on the lead team, is not offered it and is refused; another practice cannot see it.
    assert "Bring back" not in client_for(ORCHARD_LANE_GP).get(page).text
    assert client_for(ORCHARD_LANE_GP).post(back, {"member": nurse.pk}).status_code == 403
    assert client_for(MILLBROOK_STAFF).post(back, {"member": nurse.pk}).status_code == 404
    nurse.refresh_from_db()
    assert nurse.left_on is not None

    # Meetings planned while she was marked as gone give her no role.
    actions.schedule_meetings(
        project=project,
        first=timezone.now() + timedelta(days=7),
        count=4,
        frequency="weekly",
        by=user(ORCHARD_LANE_STAFF),
    )
    to_come = Meeting.objects.filter(project=project, starts_at__gte=timezone.now())

    def her_roles() -> int:
        return sum(
            nurse.user_id in {m.leader_id, m.facilitator_id, m.timekeeper_id, m.recorder_id}
            for m in to_come.all()
        )

    assert to_come.count() == 5 and her_roles() == 0

    coach = client_for(ORCHARD_LANE_COACH)
    assert f'Bring back<span class="nhsuk-u-visually-hidden"> {nurse.user.full_name}' in coach.get(page).text
    response = coach.post(back, {"member": nurse.pk}, follow=True)
    assert f"{nurse.user.full_name} is back on the lead team." in response.text
    nurse.refresh_from_db()
    assert nurse.left_on is None and nurse.left_recorded_by is None
    event = ProjectEvent.objects.filter(project=project).first()
    assert event is not None and event.by == user(ORCHARD_LANE_COACH)
    assert event.what.startswith(
        f"{nurse.user.full_name} is back on the lead team: the record that they left"
    )
    # The meetings to come share their roles among the team again, her included.
    assert her_roles() > 0
    assert "the roles of the 5 meeting(s) to come rotate anew to include them" in event.what
    # Her action is hers again, no longer to reassign; she is on the team on the project page.
    meetings_page = coach.get(reverse("project-meetings", args=[project.public_id])).text
    assert action.text in meetings_page and "Left the lead team: reassign" not in meetings_page
    detail = coach.get(reverse("project-detail", args=[project.public_id])).text
    assert nurse.user.full_name in detail.split("<h2>Lead team</h2>")[1].split("</table>")[0]

    # Twice (someone brought her back meanwhile) is told, not an error.
    again = client_for(ORCHARD_LANE_STAFF).post(back, {"member": nurse.pk}, follow=True)
    assert "is on the lead team: they are not recorded as having left." in again.text


@pytest.mark.django_db
def test_someone_no_longer_at_the_practice_cannot_be_brought_back(
    client_for: ClientFor, project: Project
) -> None:
    from microsystems.people.models import Membership

    nurse = _member(project, ORCHARD_LANE_NURSE)
    actions.mark_left_team(
        project=project, member=nurse, on=timezone.localdate(), by=user(ORCHARD_LANE_STAFF)
    )
    Membership.objects.filter(user=nurse.user, organisation=project.practice).update(
        ended_on=timezone.localdate()
    )
    back = reverse("project-team-back", args=[project.public_id])
    answer = client_for(ORCHARD_LANE_STAFF).post(back, {"member": nurse.pk}, follow=True)
    assert f"is no longer at {project.practice.name}, so cannot rejoin the lead team." in answer.text
    nurse.refresh_from_db()
    assert nurse.left_on is not None


@pytest.mark.django_db
def test_open_actions_of_a_leaver_are_reassigned_one_by_one_or_all_at_once(
    client_for: ClientFor, project: Project
) -> None:
    first = with_a_meeting_and_an_action(project)
    nurse = _member(project, ORCHARD_LANE_NURSE)
    champion_user, gp = user(ORCHARD_LANE_STAFF), user(ORCHARD_LANE_GP)
    more = [
        actions.add_action(
            project=project,
            text=text,
            owner=nurse.user,
            due_on=date(2027, 2, 1),
            meeting=None,
            by=champion_user,
        )
        for text in ("Ask the lab about batch times", "Draft the patient letter")
    ]
    done = actions.add_action(
        project=project,
        text="Already done",
        owner=nurse.user,
        due_on=date(2027, 1, 5),
        meeting=None,
        by=champion_user,
    )
    actions.complete_action(action=done, by=champion_user)
    actions.mark_left_team(project=project, member=nurse, on=timezone.localdate(), by=champion_user)
    page = reverse("project-team-left", args=[project.public_id])
    reassign = reverse("project-team-reassign", args=[project.public_id])
    champion = client_for(ORCHARD_LANE_STAFF)

    # The meetings page, where the actions are tagged to reassign, leads to where they are reassigned.
    meetings_page = champion.get(reverse("project-meetings", args=[project.public_id])).text
    assert f'<a href="{page}#to-reassign">Reassign<span class="nhsuk-u-visually-hidden"> {first.text}' in (
        meetings_page
    )
    listed = champion.get(page).text.split('id="to-reassign"')[1]
    assert all(a.text in listed for a in [first, *more]) and "Already done" not in listed
    # Only those on the lead team now are offered to take them on.
    assert f'<option value="{gp.pk}">' in listed and f'<option value="{nurse.user_id}">' not in listed

    # One by one.
    one = {"action": first.pk, f"owner_{first.pk}": nurse.user_id, "to": gp.pk}
    answer = champion.post(reassign, one, follow=True)
    assert f"“{first.text}” is now with {gp.full_name}." in answer.text
    first.refresh_from_db()
    assert first.owner == gp
    event = ProjectEvent.objects.filter(project=project).first()
    assert event is not None and event.what == (
        f"Reassigned the action “{first.text}” from {nurse.user.full_name} to {gp.full_name}"
    )
    # The same form sent again (someone else did it meanwhile) is told and changes nothing.
    again = champion.post(reassign, {**one, "to": champion_user.pk}, follow=True)
    assert "Someone else reassigned or completed these meanwhile" in again.text
    first.refresh_from_db()
    assert first.owner == gp

    # Bad choices are refused with a clear message.
    gone_to = {"action": more[0].pk, f"owner_{more[0].pk}": nurse.user_id, "to": nurse.user_id}
    assert "Choose someone who is on the lead team now." in champion.post(reassign, gone_to, follow=True).text
    no_one = {"action": more[0].pk, f"owner_{more[0].pk}": nurse.user_id, "to": ""}
    assert (
        "Choose who on the lead team takes the action on."
        in champion.post(reassign, no_one, follow=True).text
    )

    # All at once.
    every = {"action": [a.pk for a in more], "to": champion_user.pk}
    every.update({f"owner_{a.pk}": nurse.user_id for a in more})
    answer = champion.post(reassign, every, follow=True)
    assert f"2 actions are now with {champion_user.full_name}." in answer.text
    assert {a.owner_id for a in Action.objects.filter(pk__in=[a.pk for a in more])} == {champion_user.pk}
    assert "None: every open action is with someone on the lead team." in answer.text
    done.refresh_from_db()
    assert done.owner_id == nurse.user_id

    # Members of the practice not on the lead team cannot, nor can another practice.
    assert client_for(ORCHARD_LANE_RECEPTIONIST).post(reassign, one).status_code == 403
    assert client_for(MILLBROOK_STAFF).post(reassign, one).status_code == 404


def test_the_page_of_those_who_left_runs_a_fixed_number_of_queries_however_many_left_or_actions(
    client_for: ClientFor, project: Project
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with_a_meeting_and_an_action(project)
    champion_user = user(ORCHARD_LANE_STAFF)
    champion = client_for(ORCHARD_LANE_STAFF)
    page = reverse("project-team-left", args=[project.public_id])

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert champion.get(page).status_code == 200
        return len(captured)

    nurse = _member(project, ORCHARD_LANE_NURSE)
    actions.mark_left_team(project=project, member=nurse, on=timezone.localdate(), by=champion_user)
    before = count()
    patient = _member(project, ORCHARD_LANE_PATIENT)
    for text in ("Ask the lab about batch times", "Draft the patient letter", "Book the room"):
        actions.add_action(
            project=project, text=text, owner=patient.user, due_on=DAY, meeting=None, by=champion_user
        )
    actions.mark_left_team(project=project, member=patient, on=timezone.localdate(), by=champion_user)
    assert "Book the room" in champion.get(page).text
    assert count() == before
