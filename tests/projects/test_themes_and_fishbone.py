"""Step 3: candidate themes narrowed by multi-voting and chosen by the team (T1.6, T3.1), and the fishbone
(T3.4) with causes, deeper causes and votes, drawn as a diagram."""

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from microsystems.projects import actions
from microsystems.projects.method import TOOLS_BY_ID
from microsystems.projects.models import Cause, Idea, IdeaVote, Project, ToolMark
from microsystems.projects.voting import rank, votes_each
from tests.demo_people import LEAD, MILLBROOK_STAFF, ORCHARD_LANE_COACH, ORCHARD_LANE_STAFF
from tests.projects.builders import ORCHARD_LANE_NURSE, ORCHARD_LANE_RECEPTIONIST, user

ClientFor = Callable[[str], Client]
THEMES = ["Test results", "Repeat prescriptions", "Phones at 8am", "Home visits", "Smear recalls", "Letters"]


def test_each_person_gets_about_a_third_as_many_votes_as_items() -> None:
    assert [votes_each(n) for n in (0, 1, 2, 3, 6, 7, 9, 12)] == [0, 1, 1, 1, 2, 2, 3, 4]


def test_the_ranking_puts_most_votes_first_and_ties_share_a_rank() -> None:
    ranked = rank([(1, "A"), (2, "B"), (3, "C")], {2: 3, 3: 3})
    assert [(r.text, r.rank) for r in ranked] == [("B", 1), ("C", 1), ("A", 3)]


def add_themes(project: Project) -> list[Idea]:
    for text in THEMES:
        actions.add_idea(project=project, list_key="themes", text=text, by=user(ORCHARD_LANE_STAFF))
    return list(Idea.objects.filter(project=project))


def themes_url(project: Project) -> str:
    return reverse("project-themes", args=[project.public_id])


def vote(client: Client, project: Project, idea: Idea) -> None:
    client.post(reverse("project-theme-vote", args=[project.public_id, idea.id]))


def test_the_team_votes_within_its_allowance_and_the_ranking_follows(
    client_for: ClientFor, project: Project
) -> None:
    ideas = add_themes(project)  # six themes: two votes each
    champion, nurse = client_for(ORCHARD_LANE_STAFF), client_for(ORCHARD_LANE_NURSE)
    vote(champion, project, ideas[0])
    vote(champion, project, ideas[2])
    vote(champion, project, ideas[3])  # a third vote is refused
    vote(nurse, project, ideas[0])
    assert IdeaVote.objects.filter(voter=user(ORCHARD_LANE_STAFF)).count() == 2
    page = champion.get(themes_url(project)).text
    assert "You have used all your votes" in page
    assert page.index("Test results") < page.index("Phones at 8am") < page.index("Repeat prescriptions")
    vote(champion, project, ideas[2])  # taking a vote back frees it
    assert IdeaVote.objects.filter(voter=user(ORCHARD_LANE_STAFF)).count() == 1


def test_the_lead_team_chooses_the_theme_and_the_coach_does_not(
    client_for: ClientFor, project: Project
) -> None:
    ideas = add_themes(project)
    choose = reverse("project-theme-choose", args=[project.public_id, ideas[0].id])
    assert client_for(ORCHARD_LANE_COACH).post(choose).status_code == 403
    assert client_for(ORCHARD_LANE_NURSE).post(choose).status_code == 302
    assert Idea.objects.get(project=project, chosen=True) == ideas[0]
    assert ToolMark.objects.filter(project=project, tool_id="T3.1", mark="done").exists()
    assert "The team's theme" in client_for(ORCHARD_LANE_STAFF).get(themes_url(project)).text


def test_themes_found_in_step_2_are_brought_over_once(client_for: ClientFor, project: Project) -> None:
    actions.save_worksheet(
        project=project,
        tool=TOOLS_BY_ID["T2.18"],
        answers={"themes": "Test results\nRepeat prescriptions\n"},
        based_on_version=0,
        by=user(ORCHARD_LANE_STAFF),
    )
    client = client_for(ORCHARD_LANE_STAFF)
    client.post(themes_url(project), {"from": "found"})
    client.post(themes_url(project), {"from": "found"})
    assert sorted(Idea.objects.filter(project=project).values_list("text", flat=True)) == [
        "Repeat prescriptions",
        "Test results",
    ]


def fishbone_url(project: Project) -> str:
    return reverse("project-fishbone", args=[project.public_id])


def test_the_fishbone_collects_causes_and_deeper_causes_and_draws_them(
    client_for: ClientFor, project: Project
) -> None:
    client = client_for(ORCHARD_LANE_STAFF)
    client.post(fishbone_url(project), {"effect": "Patients ring to chase results", "version": 0})
    client.post(fishbone_url(project), {"category": "Processes", "text": "Results wait in GP inboxes"})
    cause = Cause.objects.get(project=project)
    client.post(
        fishbone_url(project),
        {"category": "Processes", "text": "No cover when a GP is off", "parent": cause.id},
    )
    client.post(reverse("project-cause-vote", args=[project.public_id, cause.id]))
    client_for(ORCHARD_LANE_NURSE).post(reverse("project-cause-vote", args=[project.public_id, cause.id]))
    page = client.get(fishbone_url(project)).text
    assert "<svg" in page and "Patients ring to chase results" in page
    assert "No cover when a GP is off" in page
    assert "Results wait in GP inboxes (2)" in page  # the drawing shows the votes
    assert Cause.objects.get(text="No cover when a GP is off").parent == cause
    assert ToolMark.objects.filter(project=project, tool_id="T3.4", mark="done").exists()


def test_a_stale_change_to_the_problem_is_refused(client_for: ClientFor, project: Project) -> None:
    client_for(ORCHARD_LANE_STAFF).post(fishbone_url(project), {"effect": "First wording", "version": 0})
    response = client_for(ORCHARD_LANE_NURSE).post(
        fishbone_url(project), {"effect": "Second wording", "version": 0}
    )
    assert "Someone else changed the problem while you were editing" in response.text
    assert project.fishbone.effect == "First wording"


def test_a_cause_needs_words(client_for: ClientFor, project: Project) -> None:
    response = client_for(ORCHARD_LANE_STAFF).post(fishbone_url(project), {"category": "People", "text": ""})
    assert "Enter the cause" in response.text
    assert not Cause.objects.filter(project=project).exists()


@pytest.mark.parametrize(
    ("email", "get", "post"),
    [(ORCHARD_LANE_RECEPTIONIST, 200, 403), (LEAD, 200, 403), (MILLBROOK_STAFF, 404, 404)],
)
def test_readers_cannot_vote_or_add_and_others_cannot_see(
    client_for: ClientFor, project: Project, email: str, get: int, post: int
) -> None:
    idea = add_themes(project)[0]
    client = client_for(email)
    assert client.get(themes_url(project)).status_code == get
    assert client.get(fishbone_url(project)).status_code == get
    assert client.post(themes_url(project), {"text": "x"}).status_code == post
    assert client.post(reverse("project-theme-vote", args=[project.public_id, idea.id])).status_code == post
    assert client.post(fishbone_url(project), {"category": "People", "text": "x"}).status_code == post


def test_the_drawing_puts_bones_on_both_sides_before_the_head_and_labels_beside_their_bone() -> None:
    from microsystems.projects.fishbone import CauseIn, layout

    drawn = layout(
        "Patients ring to chase results",
        [
            ("People", [CauseIn("No named owner", 2, (CauseIn("Rota gaps"),))]),
            ("Processes", [CauseIn("Inbox")]),
        ],
    )
    people, processes = drawn.bones
    assert people.y1 < drawn.spine_y < processes.y1  # one bone above the spine, the next below
    assert max(b.x2 for b in drawn.bones) < drawn.head_x  # every bone meets the spine before the head
    owner, rota = people.labels
    assert owner.votes == 2 and rota.indent == 1 and owner.y < rota.y
    assert all(label.x <= people.x2 for label in people.labels)
