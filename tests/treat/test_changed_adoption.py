"""A decision to adopt started a new phase on the measure's chart; when the team changes that decision,
the phase it started is withdrawn (kept, with who and why), a phase added by hand is never touched, and a
phase changed by hand since is withdrawn only if the team says so."""

from collections.abc import Callable
from datetime import date

from django.test import Client
from django.urls import reverse

from microsystems.measures import actions as measure_actions
from microsystems.measures.models import Measure, MeasureEvent, Phase
from microsystems.treat import actions
from microsystems.treat.models import PDSACycle
from tests.demo_people import ORCHARD_LANE_STAFF
from tests.projects.builders import user
from tests.treat.builders import first_cycle

Clients = Callable[[str], Client]
ENDS = date(2026, 4, 19)


def edit_url(cycle: PDSACycle) -> str:
    return reverse("pdsa-edit", args=[cycle.idea.project.public_id, cycle.id, "act"])


def detail_url(cycle: PDSACycle) -> str:
    return reverse("pdsa-detail", args=[cycle.idea.project.public_id, cycle.id])


def measure_url(measure: Measure) -> str:
    return reverse("measure-detail", args=[measure.project.public_id, measure.id])


def adopted(measure: Measure, new_phase: bool = True) -> PDSACycle:
    cycle = first_cycle(measure)
    champion = user(ORCHARD_LANE_STAFF)
    actions.record_do(cycle=cycle, what_happened="Done", surprises="", by=champion)
    actions.record_study(cycle=cycle, compared_with_prediction="Above 80%", learned="", by=champion)
    actions.decide(
        cycle=cycle, decision="adopt", next_step="Every GP", new_phase=new_phase, by=champion, on=ENDS
    )
    cycle.refresh_from_db()
    return cycle


def change_to(client: Client, cycle: PDSACycle, decision: str, **more: str) -> str:
    cycle.refresh_from_db()
    response = client.post(
        edit_url(cycle),
        {"decision": decision, "next_step": "Try texting by batch", "version": cycle.version, **more},
    )
    if response.status_code == 302:
        return client.get(response["Location"]).content.decode()
    return response.content.decode()


def test_changing_adopt_to_adapt_withdraws_the_phase_it_started_and_says_so(
    measure: Measure, client_for: Clients
) -> None:
    cycle = adopted(measure)
    assert list(Phase.objects.filter(measure=measure).values_list("starts_on", flat=True)) == [ENDS]
    client = client_for(ORCHARD_LANE_STAFF)
    page = change_to(client, cycle, "adapt")
    assert (
        f"The new phase the adoption started on the chart of “{measure.name}” from 19 April 2026 is withdrawn"
        in page
    )
    assert "was withdrawn on" in page and "changed from adopt to adapt" in page
    # Off the chart, still in the measure's history with who and why.
    assert not Phase.objects.filter(measure=measure).exists()
    kept = Phase.with_withdrawn.get(measure=measure)
    assert kept.withdrawn_by == user(ORCHARD_LANE_STAFF)
    assert "test 1 of “Text normal results to patients” changed from adopt to adapt" in kept.withdrawn_because
    assert MeasureEvent.objects.filter(
        measure=measure, what__startswith="Withdrew the phase from 19 April"
    ).exists()
    chart_page = client.get(measure_url(measure)).content.decode()
    assert "Withdrawn phases" in chart_page and "Remove this phase" not in chart_page
    # Adopting again starts the phase again (the withdrawn one does not stand in its way).
    page = change_to(client, cycle, "adopt", new_phase="on")
    assert list(Phase.objects.filter(measure=measure).values_list("starts_on", flat=True)) == [ENDS]
    assert Phase.with_withdrawn.filter(measure=measure).count() == 2


def test_abandoning_withdraws_it_too(measure: Measure, client_for: Clients) -> None:
    cycle = adopted(measure)
    change_to(client_for(ORCHARD_LANE_STAFF), cycle, "abandon")
    assert not Phase.objects.filter(measure=measure).exists()
    cycle.refresh_from_db()
    assert cycle.idea.status == "abandoned"


def test_a_phase_added_by_hand_at_that_date_is_never_touched(measure: Measure, client_for: Clients) -> None:
    champion = user(ORCHARD_LANE_STAFF)
    measure_actions.start_phase(measure=measure, starts_on=ENDS, reason="New search from April", by=champion)
    cycle = adopted(measure)
    assert cycle.phase is None
    assert Phase.objects.get(measure=measure).reason == "New search from April"
    page = change_to(client_for(ORCHARD_LANE_STAFF), cycle, "adapt")
    assert "withdrawn" not in page
    assert Phase.objects.get(measure=measure).reason == "New search from April"


def test_no_phase_asked_for_means_nothing_to_withdraw(measure: Measure, client_for: Clients) -> None:
    cycle = adopted(measure, new_phase=False)
    measure_actions.start_phase(
        measure=measure, starts_on=date(2026, 3, 1), reason="By hand", by=user(ORCHARD_LANE_STAFF)
    )
    change_to(client_for(ORCHARD_LANE_STAFF), cycle, "adapt")
    assert list(Phase.objects.filter(measure=measure).values_list("reason", flat=True)) == ["By hand"]


def test_a_phase_changed_by_hand_since_is_asked_about_before_it_is_withdrawn(
    measure: Measure, client_for: Clients
) -> None:
    cycle = adopted(measure)
    # Someone writes a new reason for the phase on the chart page.
    client = client_for(ORCHARD_LANE_STAFF)
    client.post(
        reverse("measure-phase-add", args=[measure.project.public_id, measure.id]),
        {"starts_on": "19/4/2026", "reason": "Texting for every GP, with the new template"},
    )
    page = change_to(client, cycle, "adapt")
    assert "The phase was changed by hand" in page
    assert "Nothing is saved yet" in page
    # Asked for the first time, the question is not shown as an error; unanswered a second time, it is.
    assert "There is a problem" not in page
    page = change_to(client, cycle, "adapt", phase_question="asked")
    assert "Say whether to withdraw the phase that was changed by hand, or keep it on the chart" in page
    cycle.refresh_from_db()
    assert cycle.decision == "adopt"  # nothing saved
    assert Phase.objects.filter(measure=measure).count() == 1
    # Keep it: the decision is saved, the phase stays and is no longer the decision's.
    page = change_to(client, cycle, "adapt", changed_phase="keep")
    assert "changed by hand, stays on the chart" in page
    cycle.refresh_from_db()
    assert (cycle.decision, cycle.phase) == ("adapt", None)
    assert Phase.objects.get(measure=measure).reason == "Texting for every GP, with the new template"


def test_a_phase_changed_by_hand_is_withdrawn_when_the_team_says_so(
    measure: Measure, client_for: Clients
) -> None:
    cycle = adopted(measure)
    measure_actions.start_phase(
        measure=measure, starts_on=ENDS, reason="Reworded", by=user(ORCHARD_LANE_STAFF)
    )
    client = client_for(ORCHARD_LANE_STAFF)
    assert "The phase was changed by hand" in change_to(client, cycle, "abandon")
    page = change_to(client, cycle, "abandon", changed_phase="withdraw")
    assert "is withdrawn" in page
    assert not Phase.objects.filter(measure=measure).exists()
    assert Phase.with_withdrawn.get(measure=measure).reason == "Reworded"
