"""Brainstorming and multi-voting for any list (T1.6): ideas added, grouped, voted within an allowance,
ranked, chosen and carried to where they are used. The fishbone and the tool open in meeting mode, edited
from several screens at once, each screen asking for the fresh fragment."""

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from microsystems.projects import live_actions
from microsystems.projects.models import (
    Brainstorm,
    Cause,
    CauseVote,
    Fishbone,
    Idea,
    IdeaVote,
    Meeting,
    ParkedIdea,
    Project,
    ProjectEvent,
)
from tests.demo_people import LEAD, MILLBROOK_STAFF, ORCHARD_LANE_COACH, ORCHARD_LANE_STAFF
from tests.projects.builders import (
    ORCHARD_LANE_NURSE,
    ORCHARD_LANE_RECEPTIONIST,
    TITLE,
    user,
    with_a_meeting_and_an_action,
)

ClientFor = Callable[[str], Client]
HTMX = {"HX-Request": "true"}
IDEAS = ["Results sit in inboxes", "No cover for the duty GP", "Patients not told", "Phone lines busy"]


def start(client: Client, project: Project, **data: object) -> Brainstorm:
    response = client.post(
        reverse("project-brainstorms", args=[project.public_id]),
        {"question": "Why do patients chase their results?", "use": "causes", "votes_each": "", **data},
    )
    assert response.status_code == 302, response.text
    return Brainstorm.objects.get(project=project)


def add(client: Client, b: Brainstorm, text: str) -> str:
    response = client.post(
        reverse("project-brainstorm", args=[b.project.public_id, b.number]),
        {f"b{b.number}-text": text},
        headers=HTMX,
    )
    assert response.status_code == 200
    return response.text


def idea(text: str) -> Idea:
    return Idea.objects.get(list_key__startswith="brainstorm-", text=text, project__title=TITLE)


def act(client: Client, b: Brainstorm, found: Idea, do: str) -> str:
    url = reverse("project-brainstorm-idea", args=[b.project.public_id, b.number, found.id])
    return client.post(url, {"do": do}, headers=HTMX).text


def test_a_brainstorm_collects_groups_votes_ranks_and_carries_its_chosen_to_the_fishbone(
    client_for: ClientFor, project: Project
) -> None:
    champion, nurse = client_for(ORCHARD_LANE_STAFF), client_for(ORCHARD_LANE_NURSE)
    b = start(champion, project, votes_each="2")
    for text in IDEAS:
        add(nurse, b, text)
    add(champion, b, "GP inbox backlog")
    # The same thing said twice is grouped, so the votes are not split.
    group = reverse("project-brainstorm-group", args=[project.public_id, b.number])
    fragment = champion.post(
        group,
        {"g1-idea": idea("GP inbox backlog").id, "g1-under": idea("Results sit in inboxes").id},
        headers=HTMX,
    ).text
    assert "Also said: GP inbox backlog" in fragment
    # Two votes each; a third is refused with a reason.
    act(champion, b, idea("Results sit in inboxes"), "vote")
    act(champion, b, idea("No cover for the duty GP"), "vote")
    refused = act(champion, b, idea("Phone lines busy"), "vote")
    assert "You have used all your votes" in refused
    act(nurse, b, idea("Results sit in inboxes"), "vote")
    assert IdeaVote.objects.filter(voter=user(ORCHARD_LANE_STAFF)).count() == 2
    page = champion.get(reverse("project-brainstorm", args=[project.public_id, b.number])).text
    assert (
        page.index("Results sit in inboxes")
        < page.index("No cover for the duty GP")
        < page.index("Phone lines")
    )
    # The top two are chosen and carried to the fishbone, once.
    act(champion, b, idea("Results sit in inboxes"), "choose")
    act(champion, b, idea("No cover for the duty GP"), "choose")
    carry = reverse("project-brainstorm-carry", args=[project.public_id, b.number])
    response = champion.post(carry, {"c1-category": "Processes"}, follow=True)
    assert "2 chosen ideas added to the fishbone" in response.text
    assert set(
        Cause.objects.filter(project=project, category="Processes").values_list("text", flat=True)
    ) == {
        "Results sit in inboxes",
        "No cover for the duty GP",
    }
    champion.post(carry, {"c1-category": "Processes"})
    assert Cause.objects.filter(project=project).count() == 2
    history = [e.what for e in ProjectEvent.objects.filter(project=project, tool_id="T1.6")]
    assert "Grouped “GP inbox backlog” under “Results sit in inboxes”" in history
    assert any(what.startswith("Carried 2 chosen") for what in history)


def test_votes_each_defaults_to_a_third_of_the_ideas_and_grouped_votes_move(
    client_for: ClientFor, project: Project
) -> None:
    champion, nurse = client_for(ORCHARD_LANE_STAFF), client_for(ORCHARD_LANE_NURSE)
    b = start(champion, project, use="parking_lot")
    for text in IDEAS:
        add(champion, b, text)
    assert live_actions.allowance(b, 4) == 1
    act(nurse, b, idea("Phone lines busy"), "vote")
    act(champion, b, idea("Patients not told"), "vote")
    act(champion, b, idea("Phone lines busy"), "vote")  # over the allowance: refused
    live_actions.group_ideas(
        brainstorm=b,
        idea=idea("Phone lines busy"),
        under=idea("Patients not told"),
        by=user(ORCHARD_LANE_STAFF),
    )
    # The nurse's vote moves to the idea it was grouped under; the champion's is not counted twice.
    assert IdeaVote.objects.filter(idea=idea("Patients not told")).count() == 2
    assert not IdeaVote.objects.filter(idea=idea("Phone lines busy")).exists()
    act(champion, b, idea("Patients not told"), "choose")
    champion.post(reverse("project-brainstorm-carry", args=[project.public_id, b.number]), {})
    assert list(ParkedIdea.objects.filter(project=project).values_list("text", flat=True)) == [
        "Patients not told"
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"question": ""}, "Enter the question you are brainstorming"),
        ({"votes_each": "0"}, "Give everyone at least 1 vote"),
        ({"votes_each": "lots"}, "Enter the number of votes as a whole number"),
        ({"use": "everything"}, "Select a valid choice"),
    ],
)
def test_a_brainstorm_needs_a_question_and_a_sensible_allowance(
    client_for: ClientFor, project: Project, data: dict[str, str], message: str
) -> None:
    response = client_for(ORCHARD_LANE_STAFF).post(
        reverse("project-brainstorms", args=[project.public_id]),
        {"question": "What should we measure?", "use": "list", **data},
    )
    assert response.status_code == 200
    assert message in response.text
    assert not Brainstorm.objects.filter(project=project).exists()
    if data.get("question") != "":
        assert "What should we measure?" in response.text  # what was typed is kept


def test_an_empty_idea_or_grouping_an_idea_under_itself_is_refused(
    client_for: ClientFor, project: Project
) -> None:
    champion = client_for(ORCHARD_LANE_STAFF)
    b = start(champion, project)
    assert "Enter the idea" in add(champion, b, "  ")
    add(champion, b, "One")
    add(champion, b, "Two")
    group = reverse("project-brainstorm-group", args=[project.public_id, b.number])
    one = idea("One").id
    fragment = champion.post(group, {"g1-idea": one, "g1-under": one}, headers=HTMX).text
    assert "Choose a different idea to group it under" in fragment
    assert not Idea.objects.filter(project=project).exclude(merged_into=None).exists()


@pytest.mark.parametrize(
    ("email", "get", "post"),
    [
        (ORCHARD_LANE_COACH, 200, 200),
        (ORCHARD_LANE_RECEPTIONIST, 200, 403),
        (LEAD, 200, 403),
        (MILLBROOK_STAFF, 404, 404),
    ],
)
def test_the_lead_team_and_coaches_brainstorm_other_staff_read_and_others_cannot_see(
    client_for: ClientFor, project: Project, email: str, get: int, post: int
) -> None:
    b = start(client_for(ORCHARD_LANE_STAFF), project)
    add(client_for(ORCHARD_LANE_STAFF), b, "One")
    client = client_for(email)
    here = reverse("project-brainstorm", args=[project.public_id, b.number])
    assert client.get(here).status_code == get
    assert client.get(here + "?part=live").status_code == get
    assert client.post(here, {"b1-text": "x"}, headers=HTMX).status_code == post
    vote = reverse("project-brainstorm-idea", args=[project.public_id, b.number, idea("One").id])
    assert client.post(vote, {"do": "vote"}, headers=HTMX).status_code == post
    assert client.get(vote).status_code == (405 if get == 200 else 404)


def test_the_fishbone_takes_changes_from_several_screens_and_the_second_problem_edit_is_told(
    client_for: ClientFor, project: Project
) -> None:
    champion, nurse = client_for(ORCHARD_LANE_STAFF), client_for(ORCHARD_LANE_NURSE)
    live = reverse("project-fishbone-live", args=[project.public_id])
    champion.post(live, {"category": "People", "text": "No cover for the duty GP"}, headers=HTMX)
    cause = Cause.objects.get(text="No cover for the duty GP")
    nurse.post(live, {"category": "People", "parent": cause.id, "text": "Rota set late"}, headers=HTMX)
    nurse.post(live, {"vote": cause.id}, headers=HTMX)
    # The champion's screen, refreshing, shows what the nurse added.
    fragment = champion.get(live).text
    assert "Rota set late" in fragment
    assert "No cover for the duty GP — 1 vote" in fragment
    assert CauseVote.objects.get(cause=cause).voter == user(ORCHARD_LANE_NURSE)
    # Both start from version 0; the second save is told, keeps its words and changes nothing.
    champion.post(live, {"effect": "Patients ring to chase results", "version": 0}, headers=HTMX)
    second = nurse.post(live, {"effect": "Results are late", "version": 0}, headers=HTMX).text
    assert "Someone else changed the problem while you were editing" in second
    assert 'value="Results are late"' in second
    assert Fishbone.objects.get(project=project).effect == "Patients ring to chase results"
    assert (
        "Enter the deeper cause"
        in nurse.post(live, {"category": "People", "parent": cause.id, "text": ""}, headers=HTMX).text
    )


def test_meeting_mode_opens_a_tool_on_every_screen(client_for: ClientFor, project: Project) -> None:
    with_a_meeting_and_an_action(project)
    champion, nurse = client_for(ORCHARD_LANE_STAFF), client_for(ORCHARD_LANE_NURSE)
    b = start(champion, project)
    tool = reverse("project-meeting-tool", args=[project.public_id, 1])
    assert "No tool is open" in nurse.get(tool, headers=HTMX).text
    champion.post(tool, {"tool": b.list_key}, headers=HTMX)
    assert Meeting.objects.get(project=project).open_tool == "brainstorm-1"
    add(nurse, b, "Phone lines busy")
    panel = champion.get(tool, headers=HTMX).text
    assert "Brainstorm: Why do patients chase their results?" in panel
    assert "Phone lines busy" in panel
    champion.post(tool, {"tool": "fishbone"}, headers=HTMX)
    assert "Add a cause" in nurse.get(tool, headers=HTMX).text
    champion.post(tool, {"tool": "worksheet-t1-4"}, headers=HTMX)
    assert "Nothing saved yet." in nurse.get(tool, headers=HTMX).text
    assert champion.post(tool, {"tool": "the-kitchen-sink"}, headers=HTMX).status_code == 200
    assert (
        Meeting.objects.get(project=project).open_tool == "worksheet-t1-4"
    )  # an unknown tool changes nothing
    # Without scripts the panel is a page of its own.
    assert "<html" in nurse.get(tool).text
    assert client_for(ORCHARD_LANE_RECEPTIONIST).post(tool, {"tool": ""}, headers=HTMX).status_code == 403
    assert client_for(MILLBROOK_STAFF).get(tool, headers=HTMX).status_code == 404


def test_the_history_of_one_tool_lists_its_changes_with_who_and_when_in_a_fixed_number_of_queries(
    client_for: ClientFor, project: Project
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    champion, nurse = client_for(ORCHARD_LANE_STAFF), client_for(ORCHARD_LANE_NURSE)
    live = reverse("project-fishbone-live", args=[project.public_id])
    champion.post(live, {"category": "People", "text": "No cover for the duty GP"}, headers=HTMX)
    cause = Cause.objects.get(project=project, text="No cover for the duty GP")
    nurse.post(live, {"vote": cause.id}, headers=HTMX)
    history = reverse("project-history", args=[project.public_id])

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            page = champion.get(history + "?tool=T3.4")
        assert page.status_code == 200
        return len(captured)

    page = champion.get(history + "?tool=T3.4").text
    assert "Every change to Fishbone" in page
    assert "Voted for the cause: No cover for the duty GP" in page and "Grace Liu" in page
    assert "Started the project" not in page  # another tool's change
    assert "Started the project" in champion.get(history).text
    before = count()
    for n in range(5):
        nurse.post(live, {"category": "Processes", "text": f"Cause {n}"}, headers=HTMX)
    assert count() == before
    assert champion.get(history + "?tool=T9.9").status_code == 404


def test_a_cause_or_an_idea_added_by_mistake_is_removed_with_its_words_kept_in_the_history(
    client_for: ClientFor, project: Project
) -> None:
    champion, nurse = client_for(ORCHARD_LANE_STAFF), client_for(ORCHARD_LANE_NURSE)
    live = reverse("project-fishbone-live", args=[project.public_id])
    champion.post(live, {"category": "People", "text": "Cover"}, headers=HTMX)
    cause = Cause.objects.get(project=project, text="Cover")
    nurse.post(live, {"category": "People", "parent": cause.id, "text": "Rota set late"}, headers=HTMX)
    fragment = champion.post(live, {"remove": cause.id}, headers=HTMX).text
    assert "Rota set late" not in fragment
    assert not Cause.objects.filter(project=project).exists()
    # The nurse, a moment behind, votes for it and adds under it: she is told, nothing breaks.
    assert (
        "That cause has just been removed by someone else."
        in nurse.post(live, {"vote": cause.id}, headers=HTMX).text
    )
    told = nurse.post(live, {"category": "People", "parent": cause.id, "text": "More"}, headers=HTMX).text
    assert "The cause you were adding to has just been removed by someone else." in told
    assert not Cause.objects.filter(project=project).exists()
    assert ProjectEvent.objects.filter(
        project=project, what="Removed the cause under People: Cover (and under it: Rota set late)"
    ).exists()

    b = start(champion, project)
    add(champion, b, "Phones")
    add(champion, b, "Telephones")
    live_actions.group_ideas(
        brainstorm=b, idea=idea("Telephones"), under=idea("Phones"), by=user(ORCHARD_LANE_STAFF)
    )
    phones = idea("Phones")
    act(champion, b, phones, "remove")
    assert not Idea.objects.filter(project=project, list_key=b.list_key).exists()
    assert "just been removed by someone else" in act(nurse, b, phones, "vote")
    assert ProjectEvent.objects.filter(
        project=project, what="Removed “Phones” (and Telephones) from the brainstorm"
    ).exists()


def test_the_team_draws_its_fishbone_in_step_2_and_the_path_shows_it_there(
    client_for: ClientFor, project: Project
) -> None:
    from microsystems.projects.method import PathKind, ToolState, current_step, path
    from microsystems.projects.presenters import project_steps

    # In plain terms: moved to step 2, the fishbone is on step 2's list and not on step 3's.
    steps = path(PathKind.FULL, [], [], {"T3.4": 2})
    assert "T3.4" in [t.tool.id for t in steps[1].tools] and "T3.4" not in [t.tool.id for t in steps[2].tools]
    # With every other step 2 tool done, the fishbone holds the project in step 2.
    step_two = [t.tool.id for t in steps[1].tools if t.tool.id != "T3.4"]
    moved = path(
        PathKind.FULL,
        ["T1.1", "T1.2", "T1.3", "T1.4", "T1.5", "T1.6", "T1.7", "T1.8", *step_two],
        [],
        {"T3.4": 2},
    )
    assert current_step(moved) == 2
    assert [t.state for t in moved[1].tools if t.tool.id == "T3.4"] == [ToolState.NEXT]

    client = client_for(ORCHARD_LANE_STAFF)
    details = reverse("project-details", args=[project.public_id])
    assert "When will the team draw its fishbone?" in client.get(details).text
    client.post(details, {"title": project.title, "typology": "process", "fishbone_step": "2"})
    project.refresh_from_db()
    assert project.fishbone_step == 2
    assert "T3.4" in [t.tool.id for t in project_steps(project)[1].tools]
    assert ProjectEvent.objects.filter(project=project, what="The fishbone moves to step 2").exists()
    response = client.post(details, {"title": project.title, "typology": "process", "fishbone_step": "4"})
    assert "Select a valid choice" in response.text
    project.refresh_from_db()
    assert project.fishbone_step == 2


def test_the_brainstorm_pages_and_the_meeting_panel_run_a_fixed_number_of_queries(
    client_for: ClientFor, project: Project
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with_a_meeting_and_an_action(project)
    champion, nurse = client_for(ORCHARD_LANE_STAFF), client_for(ORCHARD_LANE_NURSE)
    b = start(champion, project)
    champion.post(
        reverse("project-meeting-tool", args=[project.public_id, 1]), {"tool": b.list_key}, headers=HTMX
    )
    pages = [
        (reverse("project-brainstorms", args=[project.public_id]), {}),
        (reverse("project-brainstorm", args=[project.public_id, b.number]), {}),
        (reverse("project-brainstorm", args=[project.public_id, b.number]) + "?part=live", {}),
        (reverse("project-meeting-tool", args=[project.public_id, 1]), HTMX),
        (reverse("project-fishbone-live", args=[project.public_id]), {}),
    ]

    def counts() -> list[int]:
        found = []
        for url, headers in pages:
            with CaptureQueriesContext(connection) as captured:
                assert champion.get(url, headers=headers).status_code == 200
            found.append(len(captured))
        return found

    add(nurse, b, "First")
    live = reverse("project-fishbone-live", args=[project.public_id])
    champion.post(live, {"category": "People", "text": "First cause"}, headers=HTMX)
    before = counts()
    for n in range(6):
        add(nurse, b, f"Idea {n}")
        act(nurse, b, idea(f"Idea {n}"), "vote")
    live_actions.group_ideas(
        brainstorm=b, idea=idea("Idea 1"), under=idea("Idea 0"), by=user(ORCHARD_LANE_STAFF)
    )
    live_actions.start_brainstorm(
        project=project, question="Another", use="list", votes_each=None, by=user(ORCHARD_LANE_STAFF)
    )
    for n in range(4):
        champion.post(live, {"category": "People", "text": f"Cause {n}"}, headers=HTMX)
    assert counts() == before


def test_a_worksheet_opened_in_meeting_mode_is_written_together_and_the_second_save_is_told(
    client_for: ClientFor, project: Project
) -> None:
    from microsystems.projects.models import Worksheet

    with_a_meeting_and_an_action(project)
    champion, nurse = client_for(ORCHARD_LANE_STAFF), client_for(ORCHARD_LANE_NURSE)
    tool = reverse("project-meeting-tool", args=[project.public_id, 1])
    champion.post(tool, {"tool": "worksheet-t1-4"}, headers=HTMX)
    assert 'name="rules"' in nurse.get(tool, headers=HTMX).text
    saved = champion.post(
        tool, {"save": "sheet", "version": "0", "rules": "Everyone speaks\nPhones away"}, headers=HTMX
    ).text
    assert "Ground rules saved." in saved
    # The nurse's screen had version 0 too: her save is refused, her words kept, the champion's stand.
    told = nurse.post(tool, {"save": "sheet", "version": "0", "rules": "Start on time"}, headers=HTMX).text
    assert "Priya Raman saved Ground rules while you were editing" in told
    assert "Start on time" in told and "Phones away" in told
    assert (
        Worksheet.objects.get(project=project, tool_id="T1.4").answers["rules"]
        == "Everyone speaks\nPhones away"
    )
    # Saving again, knowingly, replaces them; the earlier version is kept.
    nurse.post(tool, {"save": "sheet", "version": "1", "rules": "Start on time"}, headers=HTMX)
    sheet = Worksheet.objects.get(project=project, tool_id="T1.4")
    assert (sheet.answers["rules"], sheet.version, sheet.revisions.count()) == ("Start on time", 2, 2)
    assert (
        client_for(ORCHARD_LANE_RECEPTIONIST)
        .post(tool, {"save": "sheet", "version": "2", "rules": "x"}, headers=HTMX)
        .status_code
        == 403
    )


def test_chosen_ideas_to_test_are_carried_to_the_change_ideas_once(
    client_for: ClientFor, project: Project
) -> None:
    from microsystems.treat.models import ChangeIdea

    champion = client_for(ORCHARD_LANE_STAFF)
    b = start(champion, project, use="change_ideas")
    for text in ("Text normal results the same day", "A results hour for the duty GP"):
        add(champion, b, text)
        act(champion, b, idea(text), "choose")
    carry = reverse("project-brainstorm-carry", args=[project.public_id, b.number])
    response = champion.post(carry, {}, follow=True)
    assert "2 chosen ideas added to the change ideas" in response.text
    titles = list(ChangeIdea.objects.filter(project=project).values_list("title", "source"))
    assert ("Text normal results the same day", "Brainstorm: Why do patients chase their results?") in titles
    champion.post(carry, {})
    assert ChangeIdea.objects.filter(project=project).count() == 2
