"""The specific aim and a change idea are changed after they were saved; a second editor who opened the
same record is told and nothing is overwritten; readers cannot change them."""

import re
from collections.abc import Callable

from django.test import Client
from django.urls import reverse

from microsystems.measures import actions as measure_actions
from microsystems.measures.models import Measure
from microsystems.treat import actions
from microsystems.treat.models import ChangeIdea, SpecificAim
from tests.demo_people import LEAD, MILLBROOK_STAFF, ORCHARD_LANE_COACH, ORCHARD_LANE_STAFF
from tests.projects.builders import user
from tests.treat.builders import text_message_idea

Clients = Callable[[str], Client]


def stamp(page: str) -> str:
    found = re.search(r'name="stamp" value="([0-9a-f]+)"', page)
    assert found, "the form carries the fingerprint it was opened from"
    return found.group(1)


def test_the_specific_aim_is_changed_and_a_new_measure_brings_its_baseline(
    measure: Measure, client_for: Clients
) -> None:
    from datetime import date

    project = measure.project
    aim = actions.set_specific_aim(
        project=project,
        measure=measure,
        target=80,
        target_date=date(2026, 9, 30),
        by=user(ORCHARD_LANE_STAFF),
    )
    other = measure_actions.define_measure(
        project=project,
        by=user(ORCHARD_LANE_STAFF),
        name="Calls chasing results",
        measure_type="process",
        definition="Calls a week",
        data_source="Tally",
        kind="count",
        frequency="weekly",
        better="down",
        target=None,
        unit="",
        multiplier=1,
        owner=None,
    )
    url = reverse("aim-edit", args=[project.public_id, aim.id])
    champion, coach = client_for(ORCHARD_LANE_STAFF), client_for(ORCHARD_LANE_COACH)
    home = champion.get(reverse("treat-home", args=[project.public_id])).content.decode()
    assert url in home
    opened = stamp(champion.get(url).content.decode())
    data = {"measure": measure.id, "target": "85", "target_date": "31/10/2026", "within_our_control": "on"}
    assert champion.post(url, {**data, "stamp": opened}).status_code == 302
    aim.refresh_from_db()
    assert (aim.target, str(aim.target_date)) == (85, "2026-10-31")
    # The coach opened the old aim: told, shown what it says now.
    page = coach.post(url, {**data, "target": "90", "stamp": opened}).content.decode()
    assert "Someone else changed this while you were editing" in page and "to 85% by 31 October 2026" in page
    aim.refresh_from_db()
    assert aim.target == 85
    # Another measure: its baseline from its own data (none yet).
    page = champion.get(url).content.decode()
    response = champion.post(url, {**data, "measure": other.id, "target": "10", "stamp": stamp(page)})
    assert response.status_code == 302
    aim.refresh_from_db()
    assert aim.measure == other and aim.baseline is None
    # Bad input keeps what was typed.
    page = champion.post(url, {**data, "target": "lots", "stamp": stamp(page)}).content.decode()
    assert "Enter a number" in page and "lots" in page


def test_a_change_idea_is_changed_and_a_second_editor_is_told(measure: Measure, client_for: Clients) -> None:
    idea = text_message_idea(measure)
    project = measure.project
    url = reverse("idea-edit", args=[project.public_id, idea.id])
    champion, coach = client_for(ORCHARD_LANE_STAFF), client_for(ORCHARD_LANE_COACH)
    assert url in champion.get(reverse("idea-detail", args=[project.public_id, idea.id])).content.decode()
    opened = stamp(champion.get(url).content.decode())
    data = {"title": "Text normal results the same day", "measures": [measure.id], "stamp": opened}
    assert champion.post(url, data).status_code == 302
    idea.refresh_from_db()
    assert idea.title == "Text normal results the same day"
    page = coach.post(url, {**data, "title": "Text every result"}).content.decode()
    assert "Someone else changed this while you were editing" in page
    assert "Text every result" in page and "“Text normal results the same day”" in page
    assert ChangeIdea.objects.get(pk=idea.pk).title == "Text normal results the same day"
    page = champion.post(url, {**data, "title": "", "stamp": stamp(page)}).content.decode()
    assert "This field is required" in page


def test_readers_and_other_practices_cannot_change_them(measure: Measure, client_for: Clients) -> None:
    from datetime import date

    idea = text_message_idea(measure)
    aim = SpecificAim.objects.create(
        project=measure.project, measure=measure, target=80, target_date=date(2026, 9, 30)
    )
    for name, args in (("idea-edit", [idea.id]), ("aim-edit", [aim.id])):
        url = reverse(name, args=[measure.project.public_id, *args])
        assert client_for(LEAD).get(url).status_code == 403
        assert client_for(MILLBROOK_STAFF).get(url).status_code == 404
