"""A PDSA cycle is changed after it was saved, part by part, with its history kept; a second editor who
opened the same part before the first saved is told, and nothing of either is overwritten."""

from collections.abc import Callable

from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from microsystems.measures.models import Measure
from microsystems.treat.models import PDSACycle, PDSARevision
from tests.demo_people import ORCHARD_LANE_COACH, ORCHARD_LANE_STAFF
from tests.treat.builders import first_cycle

Clients = Callable[[str], Client]

PLAN = {
    "objective": "One GP texts normal results for one week",
    "question": "Do fewer patients phone for their results?",
    "prediction": "Filing within two days rises above 80% that week",
    "who": "Dr Hughes",
    "where": "Morning surgery",
    "scale": "One GP, one week",
    "starts_on": "13/4/2026",
    "ends_on": "19/4/2026",
    "data_to_collect": "The weekly search",
}


def edit_url(cycle: PDSACycle, part: str) -> str:
    return reverse("pdsa-edit", args=[cycle.idea.project.public_id, cycle.id, part])


def detail_url(cycle: PDSACycle) -> str:
    return reverse("pdsa-detail", args=[cycle.idea.project.public_id, cycle.id])


def test_the_plan_is_changed_and_the_first_prediction_stays_in_the_history(
    measure: Measure, client_for: Clients
) -> None:
    cycle = first_cycle(measure)
    client = client_for(ORCHARD_LANE_STAFF)
    page = client.get(edit_url(cycle, "plan")).content.decode()
    assert "Filing within two days rises above 80% that week" in page
    response = client.post(
        edit_url(cycle, "plan"),
        {**PLAN, "measure": measure.id, "prediction": "Above 85%", "version": str(cycle.version)},
    )
    assert response.status_code == 302 and response["Location"] == detail_url(cycle)
    cycle.refresh_from_db()
    assert cycle.prediction == "Above 85%" and cycle.version == 2
    page = client.get(detail_url(cycle)).content.decode()
    assert "History of this test" in page
    assert "Plan changed" in page and "Plan written" in page
    assert "Prediction: was “Filing within two days rises above 80% that week”, became “Above 85%”" in page


def test_each_part_is_changed_in_turn(measure: Measure, client_for: Clients) -> None:
    cycle = first_cycle(measure)
    client = client_for(ORCHARD_LANE_STAFF)
    # A part not written yet cannot be changed.
    assert client.get(edit_url(cycle, "do")).status_code == 404
    assert client.get(edit_url(cycle, "nonsense")).status_code == 404
    client.post(detail_url(cycle), {"what_happened": "Went as planned", "version": "1"})
    client.post(detail_url(cycle), {"compared_with_prediction": "82%", "learned": "Works", "version": "2"})
    client.post(detail_url(cycle), {"decision": "adapt", "next_step": "Two GPs", "version": "3"})
    cycle.refresh_from_db()
    assert (cycle.stage, cycle.version) == ("done", 4)
    for part, data in (
        ("do", {"what_happened": "Went as planned, one day off sick", "surprises": "Texts bounced"}),
        ("study", {"compared_with_prediction": "81%, counting the sick day", "learned": "Works"}),
        ("act", {"decision": "adopt", "next_step": "Every GP"}),
    ):
        cycle.refresh_from_db()
        response = client.post(edit_url(cycle, part), {**data, "version": str(cycle.version)})
        assert response.status_code == 302, response.content.decode()[:2000]
    cycle.refresh_from_db()
    cycle.idea.refresh_from_db()
    assert (cycle.what_happened, cycle.decision, cycle.idea.status) == (
        "Went as planned, one day off sick",
        "adopt",
        "adopted",
    )
    assert list(PDSARevision.objects.filter(cycle=cycle).values_list("part", flat=True)) == [
        "act",
        "study",
        "do",
        "act",
        "study",
        "do",
        "plan",
    ]
    page = client.get(detail_url(cycle)).content.decode()
    assert "Decision: was “Adapt: change it and test again”, became “Adopt: make it the way we work”" in page


def test_a_second_editor_of_the_same_part_is_told_and_nothing_is_overwritten(
    measure: Measure, client_for: Clients
) -> None:
    cycle = first_cycle(measure)
    champion, coach = client_for(ORCHARD_LANE_STAFF), client_for(ORCHARD_LANE_COACH)
    opened = str(cycle.version)
    # Both open the plan; the champion saves first.
    assert (
        champion.post(
            edit_url(cycle, "plan"),
            {**PLAN, "measure": measure.id, "prediction": "Above 85%", "version": opened},
        ).status_code
        == 302
    )
    response = coach.post(
        edit_url(cycle, "plan"), {**PLAN, "measure": measure.id, "prediction": "Above 90%", "version": opened}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Someone else saved this while you were writing" in page
    assert "Above 85%" in page and "Above 90%" in page  # theirs shown, yours kept in the form
    cycle.refresh_from_db()
    assert cycle.prediction == "Above 85%"
    # Having seen it, the coach saves again from the new version: now it is saved.
    assert 'name="version" value="2"' in page
    assert (
        coach.post(
            edit_url(cycle, "plan"),
            {**PLAN, "measure": measure.id, "prediction": "Above 90%", "version": "2"},
        ).status_code
        == 302
    )
    cycle.refresh_from_db()
    assert cycle.prediction == "Above 90%"


def test_two_people_recording_what_happened_at_once(measure: Measure, client_for: Clients) -> None:
    cycle = first_cycle(measure)
    champion, coach = client_for(ORCHARD_LANE_STAFF), client_for(ORCHARD_LANE_COACH)
    assert champion.post(detail_url(cycle), {"what_happened": "Mine", "version": "1"}).status_code == 302
    # The coach's page still showed the "do" form of version 1: they are told, and shown both.
    response = coach.post(detail_url(cycle), {"what_happened": "Theirs", "stage": "do", "version": "1"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Someone else saved this while you were writing" in page
    assert "Mine" in page and "Theirs" in page
    cycle.refresh_from_db()
    assert cycle.what_happened == "Mine"


def test_a_change_to_an_unrelated_part_does_not_block_the_save(measure: Measure, client_for: Clients) -> None:
    cycle = first_cycle(measure)
    client = client_for(ORCHARD_LANE_STAFF)
    opened = str(cycle.version)
    client.post(detail_url(cycle), {"what_happened": "Went as planned", "version": opened})
    # The plan was opened before "do" was recorded; saving it is not a conflict.
    response = client.post(
        edit_url(cycle, "plan"), {**PLAN, "measure": measure.id, "who": "Dr Patel", "version": opened}
    )
    assert response.status_code == 302
    cycle.refresh_from_db()
    assert (cycle.who, cycle.what_happened) == ("Dr Patel", "Went as planned")


def test_a_reader_cannot_change_a_test(measure: Measure, client_for: Clients) -> None:
    from tests.demo_people import LEAD

    cycle = first_cycle(measure)
    client = client_for(LEAD)
    assert client.get(edit_url(cycle, "plan")).status_code == 403


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(version=st.text(max_size=12), stage=st.text(max_size=6) | st.sampled_from(["do", "study", "act"]))
def test_any_version_or_stage_sent_is_answered_without_a_server_error(
    version: str, stage: str, measure: Measure, client_for: Clients
) -> None:
    cycle = first_cycle(measure)
    client = client_for(ORCHARD_LANE_STAFF)
    for url, data in (
        (detail_url(cycle), {"what_happened": "x", "version": version, "stage": stage}),
        (edit_url(cycle, "plan"), {**PLAN, "measure": measure.id, "version": version}),
        (
            reverse("sdsa-add", args=[cycle.idea.project.public_id, cycle.idea.id]),
            {"standard": "s", "adherence_check": "a", "based_on": version},
        ),
    ):
        assert client.post(url, data).status_code in (200, 302)


def test_the_next_test_of_the_ramp_starts_from_the_last_one(measure: Measure, client_for: Clients) -> None:
    cycle = first_cycle(measure)
    url = reverse("pdsa-plan", args=[cycle.idea.project.public_id, cycle.idea.id])
    page = client_for(ORCHARD_LANE_STAFF).get(url).content.decode()
    # The same question, people, place and data; not the same prediction or scale.
    for kept in (
        "Do fewer patients phone for their results?",
        "Dr Hughes",
        "Morning surgery",
        "The weekly search",
    ):
        assert kept in page
    assert "Filing within two days rises above 80% that week" not in page
    assert "The last test was at the scale “One GP, one week”: grow it step by step." in page
