"""Every measures, treat and follow-up page of the demo's projects opens for the programme lead."""

from collections.abc import Callable

from django.test import Client
from django.urls import reverse

from microsystems.measures.models import Measure
from microsystems.programme.models import Programme
from microsystems.treat.models import ChangeIdea, PDSACycle
from tests.demo_people import LEAD


def test_the_demo_pages_open(demo: Programme, client_for: Callable[[str], Client]) -> None:
    client = client_for(LEAD)
    urls = []
    for measure in Measure.objects.select_related("project"):
        public_id = measure.project.public_id
        urls += [
            reverse("measure-list", args=[public_id]),
            reverse("measure-detail", args=[public_id, measure.id]),
            reverse("treat-home", args=[public_id]),
            reverse("driver-diagram", args=[public_id]),
            reverse("action-plan", args=[public_id]),
            reverse("huddles", args=[public_id]),
            reverse("follow-up", args=[public_id]),
        ]
    for idea in ChangeIdea.objects.select_related("project"):
        urls.append(reverse("idea-detail", args=[idea.project.public_id, idea.id]))
    for cycle in PDSACycle.objects.select_related("idea__project"):
        urls.append(reverse("pdsa-detail", args=[cycle.idea.project.public_id, cycle.id]))
    assert len(urls) > 20
    for url in urls:
        assert client.get(url).status_code == 200, url
