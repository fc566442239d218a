"""Rewording and moving on the fishbone and in brainstorms: a cause reworded, moved to another bone, under
another cause or back to its bone; a brainstorm's idea reworded. Each change is kept in the history with
the words it replaced; a change made meanwhile by someone else is caught, keeping what the person typed;
it works from the live region (htmx) and from the page alone."""

from collections.abc import Callable

from django.test import Client
from django.urls import reverse

from microsystems.projects import actions, live_actions
from microsystems.projects.models import Cause, CauseVote, Idea, IdeaVote, Project, ProjectEvent
from tests.demo_people import MILLBROOK_STAFF, ORCHARD_LANE_STAFF
from tests.projects.builders import ORCHARD_LANE_NURSE, ORCHARD_LANE_RECEPTIONIST, user

ClientFor = Callable[[str], Client]
HTMX = {"HX-Request": "true"}


def _cause(project: Project, category: str, text: str, parent: Cause | None = None) -> Cause:
    return actions.add_cause(
        project=project, category=category, text=text, parent=parent, by=user(ORCHARD_LANE_STAFF)
    )


def _change(cause: Cause, text: str, place: str) -> dict[str, object]:
    """What the change form sends, as the person opened it (before anyone else changed the cause)."""
    return {
        "change_cause": cause.pk,
        "text": text,
        "place": place,
        "was_text": cause.text,
        "was_place": f"{cause.parent_id or 0}:{cause.category}",
    }


def test_a_cause_is_reworded_and_moved_keeping_its_votes_and_the_history_says_who_and_what(
    client_for: ClientFor, project: Project
) -> None:
    inbox = _cause(project, "Processes", "Results sit in inbox")
    cover = _cause(project, "People", "No cover for the duty GP")
    actions.toggle_cause_vote(cause=inbox, by=user(ORCHARD_LANE_NURSE))
    live = reverse("project-fishbone-live", args=[project.public_id])
    page = reverse("project-fishbone", args=[project.public_id])
    nurse = client_for(ORCHARD_LANE_NURSE)

    # Opened to change, in the live region and on the page alone: the form holds the cause as it is.
    fragment = nurse.get(live, {"change": inbox.pk}, headers=HTMX).text
    assert 'id="fishbone-change"' in fragment and 'value="Results sit in inbox"' in fragment
    assert f'hx-get="{live}?change={inbox.pk}"' in fragment  # the refresh keeps it open
    assert 'id="fishbone-change"' in nurse.get(page, {"change": inbox.pk}).text

    # Reworded, in the live region.
    answer = nurse.post(
        live, _change(inbox, "Results sit unread in the GP's inbox", "bone:Processes"), headers=HTMX
    )
    assert answer.status_code == 200 and "Results sit unread in the GP&#39;s inbox — 1 vote" in answer.text
    assert 'id="fishbone-change"' not in answer.text
    inbox.refresh_from_db()
    event = ProjectEvent.objects.filter(project=project).first()
    assert event is not None and event.by == user(ORCHARD_LANE_NURSE) and event.tool_id == "T3.4"
    assert event.what == "Reworded a cause on the bone Processes"
    assert (event.was, event.now) == ("Results sit in inbox", "Results sit unread in the GP's inbox")

    # Moved under another cause, without scripts: back to the page, votes kept, now a deeper cause.
    response = nurse.post(live, _change(inbox, inbox.text, f"under:{cover.pk}"))
    assert response.status_code == 302
    inbox.refresh_from_db()
    assert (inbox.parent_id, inbox.category) == (cover.pk, "People")
    assert CauseVote.objects.filter(cause=inbox).count() == 1
    event = ProjectEvent.objects.filter(project=project).first()
    assert event is not None and event.what == "Moved the cause “Results sit unread in the GP's inbox”"
    assert (event.was, event.now) == ("on the bone Processes", "under “No cover for the duty GP” (People)")

    # Back to a bone of its own; and the history page shows the words before and after.
    nurse.post(live, _change(inbox, inbox.text, "bone:Equipment and IT"), headers=HTMX)
    inbox.refresh_from_db()
    assert (inbox.parent_id, inbox.category) == (None, "Equipment and IT")
    history = nurse.get(reverse("project-history", args=[project.public_id]), {"tool": "T3.4"}).text
    assert "Was: Results sit in inbox" in history
    assert "Now: Results sit unread in the GP&#39;s inbox" in history
    assert "Now: on the bone Equipment and IT" in history


def test_a_cause_moved_to_another_bone_takes_its_deeper_causes_and_cannot_go_under_another(
    client_for: ClientFor, project: Project
) -> None:
    cover = _cause(project, "People", "No cover for the duty GP")
    rota = _cause(project, "People", "Rota made a week late", parent=cover)
    phones = _cause(project, "Equipment and IT", "Phone lines busy")
    live = reverse("project-fishbone-live", args=[project.public_id])
    champion = client_for(ORCHARD_LANE_STAFF)

    refused = champion.post(live, _change(cover, cover.text, f"under:{phones.pk}"), headers=HTMX).text
    assert "has deeper causes of its own, so it stays on a bone" in refused
    assert 'value="No cover for the duty GP"' in refused  # the form stays open with what was typed
    # Nor under a deeper cause (three levels), nor anywhere not offered on the page.
    assert (
        "Choose a bone, or a cause on a bone, for the cause to go to"
        in champion.post(live, _change(phones, phones.text, f"under:{rota.pk}"), headers=HTMX).text
    )
    assert (
        "Choose a bone, or a cause on a bone"
        in champion.post(live, _change(phones, "Phones", "under:nothing"), headers=HTMX).text
    )
    assert (
        "Enter the cause in its new words"
        in champion.post(live, _change(phones, "  ", "bone:Equipment and IT"), headers=HTMX).text
    )
    phones.refresh_from_db()
    assert (phones.text, phones.parent_id) == ("Phone lines busy", None)

    champion.post(live, _change(cover, cover.text, "bone:Environment"), headers=HTMX)
    rota.refresh_from_db()
    assert (rota.parent_id, rota.category) == (cover.pk, "Environment")


def test_a_cause_changed_or_removed_meanwhile_is_told_and_what_was_typed_is_kept(
    client_for: ClientFor, project: Project
) -> None:
    inbox = _cause(project, "Processes", "Results sit in inbox")
    opened = _change(inbox, "Results wait in the inbox", "bone:Processes")
    live = reverse("project-fishbone-live", args=[project.public_id])
    nurse, champion = client_for(ORCHARD_LANE_NURSE), client_for(ORCHARD_LANE_STAFF)
    # The champion rewords it first.
    champion.post(live, _change(inbox, "Results unread for days", "bone:Processes"), headers=HTMX)

    answer = nurse.post(live, opened, headers=HTMX).text
    assert "Someone else changed this cause while you were changing it" in answer
    assert "It now reads “Results unread for days”, on the bone Processes." in answer
    assert 'value="Results wait in the inbox"' in answer  # kept
    inbox.refresh_from_db()
    assert inbox.text == "Results unread for days"
    # Without scripts the page comes back with the same, rather than losing it.
    page = nurse.post(live, opened)
    assert page.status_code == 200 and 'value="Results wait in the inbox"' in page.text
    assert "Someone else changed this cause" in page.text
    # Saved again knowingly (the form now carries the cause as it is), it goes through.
    nurse.post(live, {**opened, "was_text": "Results unread for days"}, headers=HTMX)
    inbox.refresh_from_db()
    assert inbox.text == "Results wait in the inbox"

    # Removed meanwhile: told, and the words wait in the form that adds a cause.
    live_actions.remove_cause(cause=inbox, by=user(ORCHARD_LANE_STAFF))
    answer = nurse.post(live, _change(inbox, "Results wait a week", "bone:Processes"), headers=HTMX).text
    assert "That cause has just been removed by someone else, so your change was not saved" in answer
    assert 'value="Results wait a week"' in answer
    assert not Cause.objects.filter(project=project).exists()


def test_only_the_lead_team_rewords_and_other_practices_cannot_see(
    client_for: ClientFor, project: Project
) -> None:
    inbox = _cause(project, "Processes", "Results sit in inbox")
    live = reverse("project-fishbone-live", args=[project.public_id])
    change = _change(inbox, "Something else", "bone:Processes")
    assert client_for(ORCHARD_LANE_RECEPTIONIST).post(live, change, headers=HTMX).status_code == 403
    assert client_for(MILLBROOK_STAFF).post(live, change, headers=HTMX).status_code == 404
    # A reader is not offered the form.
    assert (
        'id="fishbone-change"'
        not in client_for(ORCHARD_LANE_RECEPTIONIST).get(live, {"change": inbox.pk}).text
    )
    inbox.refresh_from_db()
    assert inbox.text == "Results sit in inbox"


def _brainstorm_with_an_idea(client: Client, project: Project) -> tuple[str, Idea]:
    client.post(
        reverse("project-brainstorms", args=[project.public_id]),
        {"question": "Why do patients chase their results?", "use": "list", "votes_each": "3"},
    )
    here = reverse("project-brainstorm", args=[project.public_id, 1])
    client.post(here, {"b1-text": "Results in inboxes"}, headers=HTMX)
    return here, Idea.objects.get(project=project, text="Results in inboxes")


def test_a_brainstorm_idea_is_reworded_keeping_its_votes_and_a_change_meanwhile_is_told(
    client_for: ClientFor, project: Project
) -> None:
    nurse, champion = client_for(ORCHARD_LANE_NURSE), client_for(ORCHARD_LANE_STAFF)
    here, idea = _brainstorm_with_an_idea(champion, project)
    href = reverse("project-brainstorm-idea", args=[project.public_id, 1, idea.pk])
    nurse.post(href, {"do": "vote"}, headers=HTMX)

    opened = nurse.get(here, {"part": "live", "change": str(idea.pk)}, headers=HTMX).text
    assert 'id="brainstorm-1-reword"' in opened and "&amp;change=" in opened
    assert 'id="brainstorm-1-reword"' in nurse.get(here, {"change": idea.pk}).text  # the page alone

    answer = nurse.post(
        href, {"do": "reword", "r1-text": "Results left in inboxes", "r1-was_text": idea.text}, headers=HTMX
    ).text
    assert "Results left in inboxes" in answer and 'id="brainstorm-1-reword"' not in answer
    assert IdeaVote.objects.filter(idea=idea).count() == 1
    event = ProjectEvent.objects.filter(project=project).first()
    assert event is not None and event.by == user(ORCHARD_LANE_NURSE) and event.tool_id == "T1.6"
    assert (event.was, event.now) == ("Results in inboxes", "Results left in inboxes")

    # The champion, who opened it before, is told and keeps her words (with scripts and without).
    stale = {"do": "reword", "r1-text": "Results unread", "r1-was_text": "Results in inboxes"}
    answer = champion.post(href, stale, headers=HTMX).text
    assert "Someone else reworded this idea while you were changing it" in answer
    assert "It now reads “Results left in inboxes”." in answer and 'value="Results unread"' in answer
    page = champion.post(href, stale)
    assert page.status_code == 200 and 'value="Results unread"' in page.text
    assert (
        "Enter the idea in its new words"
        in champion.post(
            href, {"do": "reword", "r1-text": "", "r1-was_text": "Results left in inboxes"}, headers=HTMX
        ).text
    )
    idea.refresh_from_db()
    assert idea.text == "Results left in inboxes"

    # Removed meanwhile: told, and the words wait in the form that adds an idea.
    nurse.post(href, {"do": "remove"}, headers=HTMX)
    answer = champion.post(
        href,
        {"do": "reword", "r1-text": "Results unread", "r1-was_text": "Results left in inboxes"},
        headers=HTMX,
    ).text
    assert "That idea has just been removed by someone else, so your change was not saved" in answer
    assert 'value="Results unread"' in answer
    assert client_for(MILLBROOK_STAFF).post(href, stale).status_code == 404
    assert client_for(ORCHARD_LANE_RECEPTIONIST).post(href, stale).status_code == 403


def test_in_meeting_mode_a_cause_and_an_idea_are_changed_in_the_meetings_panel(
    client_for: ClientFor, project: Project
) -> None:
    from microsystems.projects.models import Meeting
    from tests.projects.builders import with_a_meeting_and_an_action

    with_a_meeting_and_an_action(project)
    meeting = Meeting.objects.get(project=project, number=1)
    champion_user = user(ORCHARD_LANE_STAFF)
    live_actions.open_in_meeting(meeting=meeting, tool_key="fishbone", label="Fishbone", by=champion_user)
    inbox = _cause(project, "Processes", "Results sit in inbox")
    panel = reverse("project-meeting-tool", args=[project.public_id, 1])
    nurse = client_for(ORCHARD_LANE_NURSE)

    # The link opens the cause in the panel, and the panel's own refresh keeps it open.
    shown = nurse.get(panel, headers=HTMX).text
    assert f'hx-get="{panel}?change={inbox.pk}" hx-target="#meeting-tool"' in shown
    opened = nurse.get(panel, {"change": str(inbox.pk)}, headers=HTMX).text
    assert 'id="fishbone-change"' in opened and f'hx-get="{panel}?change={inbox.pk}"' in opened
    # A vote redrawn on its own still knows the panel.
    voted = nurse.post(
        reverse("project-fishbone-live", args=[project.public_id]),
        {"vote": inbox.pk, "in_meeting": "1", "meeting_panel": "1"},
        headers=HTMX,
    ).text
    assert f'hx-get="{panel}?change={inbox.pk}" hx-target="#meeting-tool"' in voted

    saved = nurse.post(
        panel, _change(inbox, "Results wait in the inbox", "bone:Processes"), headers=HTMX
    ).text
    assert "Results wait in the inbox — 1 vote" in saved and 'id="fishbone-change"' not in saved
    assert f'hx-get="{panel}" hx-trigger' in saved  # no longer kept open
    stale = nurse.post(panel, _change(inbox, "Something else", "bone:Processes"), headers=HTMX).text
    assert "Someone else changed this cause" in stale and 'value="Something else"' in stale

    # A brainstorm open in the meeting: an idea is reworded in the panel too.
    brainstorm = live_actions.start_brainstorm(
        project=project, question="Why do patients ring?", use="list", votes_each=2, by=champion_user
    )
    phones = live_actions.add_brainstorm_idea(brainstorm=brainstorm, text="Phones busy", by=champion_user)
    live_actions.open_in_meeting(
        meeting=meeting, tool_key=brainstorm.list_key, label="Brainstorm", by=champion_user
    )
    opened = nurse.get(panel, {"change": str(phones.pk)}, headers=HTMX).text
    assert 'id="brainstorm-1-reword"' in opened
    reword = {
        "do": "reword",
        "idea": phones.pk,
        "r1-text": "Phone lines busy at 8am",
        "r1-was_text": "Phones busy",
    }
    saved = nurse.post(panel, reword, headers=HTMX).text
    assert "Phone lines busy at 8am" in saved and 'id="brainstorm-1-reword"' not in saved
    phones.refresh_from_db()
    assert phones.text == "Phone lines busy at 8am"
    assert client_for(ORCHARD_LANE_RECEPTIONIST).post(panel, reword, headers=HTMX).status_code == 403
