"""The portfolio's adoption over time and each coach's protected hours open the lists behind them,
narrowed by the portfolio's filters (network, coach, year invited); so does the coach's record of the
practices and projects they supported."""

import re
from collections.abc import Callable

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from microsystems.people.models import Organisation
from microsystems.programme.models import Coach, CoachAssignment, Programme
from microsystems.programme.presenters.portfolio import portfolio
from tests.demo_people import LEAD

TODAY = timezone.localdate()


def practices_listed(page: str) -> list[str]:
    """The practices a practices page lists, by name."""
    body = page.split("<tbody", 1)[1].split("</tbody>", 1)[0]
    return re.findall(r'<td class="nhsuk-table__cell"><a href="[^"]+">([^<]+)</a>', body)


def test_every_month_of_the_adoption_table_opens_on_the_practices_behind_it(
    demo: Programme, client_for: Callable[[str], Client]
) -> None:
    client = client_for(LEAD)
    pcn = Organisation.objects.get(name="Downland Primary Care Network")
    checked = 0
    for query in ({}, {"pcn": str(pcn.public_id)}, {"year": "2024"}):
        p = portfolio(demo, query, today=TODAY, links=True)
        assert len(p.adoption_links) == len(p.adoption)
        for month, (in_month, by_month) in zip(p.adoption, p.adoption_links, strict=True):
            if not month.joined:
                continue
            for key, value in query.items():
                assert f"{key}={value}" in in_month and f"{key}={value}" in by_month
            joined = practices_listed(client.get(in_month).text)
            assert sorted(joined) == sorted(j.name for j in month.joined), (query, month.label)
            assert len(practices_listed(client.get(by_month).text)) == month.total, (query, month.label)
            checked += 1
    assert checked > 3
    first = next((m, links) for m, links in zip(p.adoption, p.adoption_links, strict=True) if m.joined)
    page = client.get(first[1][0]).text
    assert f"joined in {first[0].ends_on:%B %Y}" in page


def test_the_portfolio_page_links_each_adoption_figure(
    demo: Programme, client_for: Callable[[str], Client]
) -> None:
    page = client_for(LEAD).get(reverse("programme-portfolio", args=[demo.public_id])).text
    p = portfolio(demo, {}, today=TODAY, links=True)
    month = next(m for m in p.adoption if m.joined)
    assert f"?joined={month.ends_on:%Y-%m}" in page
    assert f"?joined_by={month.ends_on:%Y-%m}" in page


def test_nonsense_months_do_not_narrow_the_practices(
    demo: Programme, client_for: Callable[[str], Client]
) -> None:
    client = client_for(LEAD)
    url = reverse("programme-practices", args=[demo.public_id])
    everything = practices_listed(client.get(url).text)
    for query in ("?joined=2025-13", "?joined_by=nonsense", "?joined=0000-01", "?joined=2025-3"):
        page = client.get(url + query).text
        assert practices_listed(page) == everything, query
        assert "joined in" not in page and "joined by the end of" not in page


def test_each_coachs_protected_hours_open_the_coachs_page_narrowed_by_the_filters(
    demo: Programme, client_for: Callable[[str], Client]
) -> None:
    client = client_for(LEAD)
    pcn = Organisation.objects.get(name="Downland Primary Care Network")
    p = portfolio(demo, {"pcn": str(pcn.public_id)}, today=TODAY, links=True)
    everything = portfolio(demo, {}, today=TODAY, links=True)
    assert len(p.protected_links) == len(p.workload)
    narrowed_somewhere = False
    for (coach, *_), href, plain in zip(
        p.workload, p.protected_links, everything.protected_links, strict=True
    ):
        assert f"pcn={pcn.public_id}" in href
        assert "?" not in plain  # an unfiltered portfolio opens the coach's whole page
        record = Coach.objects.get(programme=demo, user__full_name=coach.label)
        page = client.get(href).text
        supported = CoachAssignment.objects.filter(coach=record).select_related("enrolment__practice")
        in_network = {a.enrolment.practice.name for a in supported if a.enrolment.practice.pcn_id == pcn.pk}
        elsewhere = {a.enrolment.practice.name for a in supported} - in_network
        table = page.split("<h2>Practices and projects supported</h2>", 1)[1].split("<h2>", 1)[0]
        assert all(name in table for name in in_network), coach.label
        assert not any(name in table for name in elsewhere), coach.label
        assert f"network: {pcn.name}" in table
        whole = client.get(plain).text.split("<h2>Practices and projects supported</h2>", 1)[1]
        assert all(name in whole.split("<h2>", 1)[0] for name in in_network | elsewhere)
        narrowed_somewhere = narrowed_somewhere or bool(elsewhere)
    assert narrowed_somewhere  # some coach supports practices in another network
