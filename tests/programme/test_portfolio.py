"""The portfolio: figures that add up, filters, the export, and a query count that does not grow with the
number of practices."""

import csv
import io
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from microsystems.people.models import Organisation, OrganisationKind
from microsystems.programme.engagement import EngagementState as S
from microsystems.programme.models import (
    Coach,
    CoachAssignment,
    CoachHours,
    EngagementEvent,
    Enrolment,
    Programme,
)
from microsystems.programme.presenters.portfolio import Figure, portfolio
from tests.demo_people import LEAD
from tests.programme.helpers import start_project

TODAY = timezone.localdate()


def add_practices(programme: Programme, count: int, start: int) -> None:
    """`count` more practices, each invited, joined, coached, with a project, its payment and hours."""
    pcn = Organisation.objects.filter(kind=OrganisationKind.PCN).first()
    coach = Coach.objects.filter(programme=programme).first()
    assert coach is not None
    for i in range(start, start + count):
        practice = Organisation.objects.create(
            kind=OrganisationKind.PRACTICE,
            name=f"Practice {i}",
            ods_code=f"Y{i:05d}",
            pcn=pcn,
            commissioner=programme.commissioner,
        )
        joined = date(2025, 1, 1) + timedelta(days=i)
        enrolment = Enrolment.objects.create(
            programme=programme,
            practice=practice,
            state=S.AGREEMENT_SIGNED,
            invited_on=joined,
            adopter_category="early_majority",
        )
        EngagementEvent.objects.bulk_create(
            [EngagementEvent(enrolment=enrolment, state=s, on=joined) for s in (S.INVITED, S.INTERESTED)]
        )
        CoachAssignment.objects.create(coach=coach, enrolment=enrolment)
        CoachHours.objects.create(
            coach=coach, enrolment=enrolment, on=TODAY, kind="session", hours=Decimal(1)
        )
        start_project(programme, practice, f"Project {i}", joined + timedelta(days=30))


def queries_for(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_the_dashboards_query_count_does_not_grow_with_the_practices(
    demo: Programme, client_for: Callable[[str], Client]
) -> None:
    client = client_for(LEAD)
    url = reverse("programme-portfolio", args=[demo.public_id])
    add_practices(demo, 3, 0)
    queries_for(client, url)  # warm the session
    small = queries_for(client, url)
    add_practices(demo, 30, 100)
    assert queries_for(client, url) == small
    assert queries_for(client, url + "?year=2025") == small


def test_the_figures_add_up(demo: Programme) -> None:
    p = portfolio(demo, {}, today=TODAY, links=True)
    assert p.practices == Enrolment.objects.filter(programme=demo).count()
    assert sum(int(f.value) for f in p.funnel) == p.practices
    reached = {f.label: f.value for f in p.reached}
    assert reached["Invited"] == p.practices
    assert reached["Followed up at 12 months"] == 1  # Elm Tree
    withdrew = {label: w for label, _, w in p.reasons}
    assert withdrew["Staffing pressures or turnover"] == 1
    assert p.adoption[-1].total == sum(
        1 for _ in Enrolment.objects.filter(programme=demo).exclude(state__in=[S.INVITED, S.DECLINED])
    )
    assert p.overdue_reviews.value == 1
    assert all(f.href for f in p.funnel)


def test_filters_narrow_every_figure(demo: Programme) -> None:
    downland = Organisation.objects.get(name="Downland Primary Care Network")
    p = portfolio(demo, {"pcn": str(downland.public_id)}, today=TODAY, links=True)
    assert p.practices == Enrolment.objects.filter(programme=demo, practice__pcn=downland).count()
    assert p.filters.active
    nonsense = portfolio(demo, {"pcn": "not-a-pcn", "year": "1999"}, today=TODAY, links=True)
    assert not nonsense.filters.active and nonsense.practices == p.practices + (
        Enrolment.objects.filter(programme=demo).exclude(practice__pcn=downland).count()
    )


def test_the_export_has_a_row_per_practice(demo: Programme, client_for: Callable[[str], Client]) -> None:
    response = client_for(LEAD).get(reverse("programme-portfolio-csv", args=[demo.public_id]))
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(rows) == Enrolment.objects.filter(programme=demo).count()
    chalk_hill = next(r for r in rows if r["ods_code"] == "Z90006")
    assert chalk_hill["engagement"] == "Withdrew"
    assert "Staffing pressures or turnover" in chalk_hill["exit_reasons"]
    # Each practice's projects whose specific aims are met add up to the portfolio's figure.
    aims = {f.label: f.value for f in portfolio(demo, {}, today=TODAY, links=True).aims}
    assert sum(int(r["projects_aim_met"]) for r in rows) == int(aims["Aim met"]) > 0


def test_the_excel_export_has_the_practices_and_a_summary(
    demo: Programme, client_for: Callable[[str], Client]
) -> None:
    from openpyxl import load_workbook

    response = client_for(LEAD).get(reverse("programme-portfolio-xlsx", args=[demo.public_id]))
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Practices", "Summary"]
    practices = list(book["Practices"].values)
    assert (
        practices[0][0] == "practice"
        and len(practices) == Enrolment.objects.filter(programme=demo).count() + 1
    )
    summary = [tuple(v for v in row if v is not None) for row in book["Summary"].values]
    assert ("Withdrew", 1) in summary
    assert ("Projects by whether their specific aims are met",) in summary
    assert ("Coach workload",) in summary


def test_every_figure_of_the_page_downloads_as_csv(
    demo: Programme, client_for: Callable[[str], Client]
) -> None:
    p = portfolio(demo, {}, today=TODAY, links=True)
    url = reverse("programme-portfolio-figures", args=[demo.public_id])
    response = client_for(LEAD).get(url)
    assert response["Content-Disposition"].startswith('attachment; filename="portfolio-figures-')
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    titles = [row[0] for i, row in enumerate(rows) if row and (i == 0 or not rows[i - 1])]
    assert "Practices joined, month by month" in titles and "Payments by state" in titles
    aims = rows[rows.index(["Projects by whether their specific aims are met"]) + 2 :][: len(p.aims)]
    assert aims == [[f.label, str(f.value)] for f in p.aims]
    # The evaluator downloads the same figures, which name no practice.
    from tests.demo_people import EVALUATOR

    text = client_for(EVALUATOR).get(url).content.decode()
    assert "Orchard Lane" not in text and "Practices by engagement now" in text


def test_every_linked_figure_matches_the_list_behind_it(
    demo: Programme, client_for: Callable[[str], Client]
) -> None:
    client = client_for(LEAD)
    p = portfolio(demo, {}, today=TODAY, links=True)
    figures = [*p.funnel, *p.reached, *p.adopters, *p.by_step, *p.aims, *p.crossing]
    figures += [Figure("Practices", p.practices, p.practices_href)]
    figures += [
        Figure(f"{coach.label} now", active, href)
        for (coach, active, *_), href in zip(p.workload, p.workload_links, strict=True)
    ]
    figures += [f for _, *cells in p.typology for f in cells]
    figures += [f for _, row in [*p.sustainability, *p.still_in_place] for f in row]
    figures += [
        Figure(f"{label} ({which})", number, p.reason_links[label][i])
        for label, declined, withdrew in p.reasons
        for i, (which, number) in enumerate((("declined", declined), ("withdrew", withdrew)))
    ]
    for figure in figures:
        assert figure.href, figure
        page = client.get(figure.href).text
        rows = page.count('<tr class="nhsuk-table__row">') - 1  # less the header row
        empty = "No practice is in this state." in page or "No project matches." in page
        assert (0 if empty else rows) == figure.value, (figure.label, figure.href)


def test_the_projects_list_filters_by_how_each_is_going(
    demo: Programme, client_for: Callable[[str], Client]
) -> None:
    url = reverse("programme-projects", args=[demo.public_id])
    at_risk = client_for(LEAD).get(url + "?health=red").text
    assert "A weight-management clinic run by the healthcare assistant" in at_risk
    assert "Weekly ward rounds" not in at_risk
    assert "Projects in the programme: at risk" in at_risk


def test_the_lead_lists_query_count_does_not_grow_with_the_practices(
    demo: Programme, client_for: Callable[[str], Client]
) -> None:
    client = client_for(LEAD)
    names = [
        "programme-detail",
        "programme-practices",
        "programme-projects",
        "programme-coaches",
        "programme-payments",
        "programme-follow-ups",
        "programme-portfolio-csv",
        "programme-portfolio-figures",
    ]
    urls = [reverse(name, args=[demo.public_id]) for name in names]
    add_practices(demo, 2, 0)
    for url in urls:
        queries_for(client, url)
    small = {url: queries_for(client, url) for url in urls}
    add_practices(demo, 20, 100)
    assert {url: queries_for(client, url) for url in urls} == small


def test_the_evaluator_downloads_figures_that_name_no_practice(
    demo: Programme, client_for: Callable[[str], Client]
) -> None:
    from tests.demo_people import EVALUATOR

    text = (
        client_for(EVALUATOR)
        .get(reverse("programme-portfolio-anonymised", args=[demo.public_id]))
        .content.decode()
    )
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == Enrolment.objects.filter(programme=demo).count()
    assert rows[0]["practice_code"] == "P01"
    assert sum(int(r["projects_aim_met"]) for r in rows) > 0
    for enrolment in Enrolment.objects.filter(programme=demo).select_related("practice"):
        assert enrolment.practice.name not in text and (enrolment.practice.ods_code or "") not in text
    assert "partners retired" not in text  # the practice's own words stay with the practice


def test_aims_met_are_the_projects_own_results_against_their_aims(
    demo: Programme, client_for: Callable[[str], Client]
) -> None:
    from microsystems.projects.models import Project
    from microsystems.treat.models import SpecificAim
    from microsystems.treat.presenters import aim_rows

    # What each project's own pages say of its aims, worked out one project at a time.
    expected: dict[str, list[str]] = {"met": [], "not_met": []}
    for project in Project.objects.filter(programme=demo):
        rows = aim_rows(list(SpecificAim.objects.filter(project=project)))
        if rows and all(r.met is True for r in rows):
            expected["met"].append(project.title)
        elif rows and not any(r.met for r in rows) and any(r.met is False for r in rows):
            expected["not_met"].append(project.title)
    assert expected["met"], "the demo has a project that met its aim"

    p = portfolio(demo, {}, today=TODAY, links=True)
    figures = {f.label: f for f in p.aims}
    assert figures["Aim met"].value == len(expected["met"])
    assert figures["Aim not met yet"].value == len(expected["not_met"])
    assert sum(int(f.value) for f in p.aims) == Project.objects.filter(programme=demo).count()
    listed = client_for(LEAD).get(figures["Aim met"].href).text
    assert all(title in listed for title in expected["met"])
    assert "Projects in the programme: aim met" in listed
    met = Project.objects.get(programme=demo, title=expected["met"][0])
    page = client_for(LEAD).get(reverse("programme-project", args=[demo.public_id, met.public_id])).text
    assert "Aim met, from the measures&#39; data." in page or "Aim met, from the measures' data." in page


def test_the_adoption_curve_names_no_practice_to_those_who_may_not_see_them(demo: Programme) -> None:
    named = portfolio(demo, {}, today=TODAY, links=True)
    unnamed = portfolio(demo, {}, today=TODAY, links=False)
    assert "Orchard Lane Surgery" in str(named.adoption_chart)
    assert "Orchard Lane" not in str(unnamed.adoption_chart)
    assert all(not j.name for month in unnamed.adoption for j in month.joined)
    assert [m.total for m in unnamed.adoption] == [m.total for m in named.adoption]


def test_each_projects_step_is_the_one_its_workbook_shows(demo: Programme) -> None:
    from microsystems.programme.facts import steps_of
    from microsystems.projects.method import current_step
    from microsystems.projects.models import Project
    from microsystems.projects.presenters import project_steps

    projects = list(Project.objects.filter(programme=demo))
    steps = steps_of(projects)
    assert {p.title: steps[p.pk] for p in projects} == {
        p.title: current_step(project_steps(p)) for p in projects
    }
    assert len(set(steps.values())) > 1  # the demo's projects are at different steps


def test_a_filtered_portfolios_figures_link_to_lists_filtered_the_same_way(
    demo: Programme, client_for: Callable[[str], Client]
) -> None:
    client = client_for(LEAD)
    pcn = Organisation.objects.get(name="Downland Primary Care Network")
    p = portfolio(demo, {"pcn": str(pcn.public_id)}, today=TODAY, links=True)
    figures = [*p.funnel, *p.reached, *p.aims, *p.crossing] + [f for _, *cells in p.typology for f in cells]
    figures += [*p.adopters, Figure("Practices", p.practices, p.practices_href)]
    figures += [
        Figure(f"{coach.label} now", active, href)
        for (coach, active, *_), href in zip(p.workload, p.workload_links, strict=True)
    ]
    assert any(int(f.value) for f in figures)
    for figure in figures:
        assert f"pcn={pcn.public_id}" in figure.href
        page = client.get(figure.href).text
        rows = page.count('<tr class="nhsuk-table__row">') - 1
        empty = "No practice is in this state." in page or "No project matches." in page
        assert (0 if empty else rows) == figure.value, (figure.label, figure.href)
    assert "network: Downland Primary Care Network" in client.get(p.reached[0].href).text


def test_the_overdue_reviews_behind_a_filtered_figure_are_the_networks(
    demo: Programme, client_for: Callable[[str], Client]
) -> None:
    elm_tree = Organisation.objects.get(name="Elm Tree Surgery")  # its further review is overdue
    assert elm_tree.pcn is not None
    other = Organisation.objects.filter(kind=OrganisationKind.PCN).exclude(pk=elm_tree.pcn.pk).first()
    assert other is not None
    client = client_for(LEAD)
    for pcn, count in ((elm_tree.pcn, 1), (other, 0)):
        p = portfolio(demo, {"pcn": str(pcn.public_id)}, today=TODAY, links=True)
        assert p.overdue_reviews.value == count
        page = client.get(p.overdue_reviews.href).text
        assert ("Elm Tree Surgery" in page) == bool(count)


def listed_payments(page: str) -> tuple[int, Decimal]:
    """The number of payments and their sum, as the payments page says them above its ledger."""
    import re

    found = re.search(r'<p id="listed">(\d+) payments?[^<]*?: £([\d,.]+)</p>', page)
    assert found, page
    return int(found[1]), Decimal(found[2].replace(",", ""))


def test_every_payments_figure_opens_on_the_payments_it_added_up(
    demo: Programme, client_for: Callable[[str], Client]
) -> None:
    client = client_for(LEAD)
    pcn = Organisation.objects.get(name="Downland Primary Care Network")
    coach = Coach.objects.filter(programme=demo).first()
    assert coach is not None
    for query in ({}, {"pcn": str(pcn.public_id)}, {"coach": str(coach.public_id)}, {"year": "2024"}):
        p = portfolio(demo, query, today=TODAY, links=True)
        for figure, number, total in p.payments:
            for key, value in query.items():
                assert f"{key}={value}" in figure.href
            assert listed_payments(client.get(figure.href).text) == (number, total), (query, figure)
        for figure in p.payments_by_route:
            assert figure.href, figure
            assert listed_payments(client.get(figure.href).text)[1] == figure.value, (query, figure)
    everything = portfolio(demo, {}, today=TODAY, links=True)
    assert any(n for _, n, _ in everything.payments) and any(f.value for f in everything.payments_by_route)
    narrowed = portfolio(demo, {"pcn": str(pcn.public_id)}, today=TODAY, links=True)
    assert sum(n for _, n, _ in narrowed.payments) < sum(n for _, n, _ in everything.payments)
    page = client.get(narrowed.payments_by_route[0].href).text
    assert "network: Downland Primary Care Network" in page


def test_nonsense_in_the_payments_address_lists_every_payment(
    demo: Programme, client_for: Callable[[str], Client]
) -> None:
    url = reverse("programme-payments", args=[demo.public_id])
    everything = listed_payments(client_for(LEAD).get(url).text)
    nonsense = client_for(LEAD).get(url + "?route=gold&pcn=nowhere&coach=x&year=1066&state=lost").text
    assert listed_payments(nonsense) == everything


def test_a_coach_of_another_programme_or_nonsense_does_not_narrow_the_practices(
    demo: Programme, client_for: Callable[[str], Client]
) -> None:
    import uuid

    client = client_for(LEAD)
    url = reverse("programme-practices", args=[demo.public_id])
    everything = client.get(url).text.count('<tr class="nhsuk-table__row">')
    for query in (f"?coaching={uuid.uuid4()}", "?coaching=nonsense", "?adopter=nobody"):
        page = client.get(url + query).text
        assert page.count('<tr class="nhsuk-table__row">') == everything, query
        assert "coached now by" not in page


def listed_hours(page: str) -> Decimal:
    """The hours a coach's page says it lists, as narrowed."""
    import re

    found = re.search(r'<p id="hours-listed">([\d.]+) hours logged \(', page)
    assert found, page
    return Decimal(found[1])


def test_every_coachs_hours_open_on_the_hours_they_added_up(
    demo: Programme, client_for: Callable[[str], Client]
) -> None:
    client = client_for(LEAD)
    pcn = Organisation.objects.get(name="Downland Primary Care Network")
    add_practices(demo, 2, 0)  # hours logged today, in the 3 and 12 months
    seen = Decimal(0)
    for query in ({}, {"pcn": str(pcn.public_id)}, {"year": "2025"}):
        p = portfolio(demo, query, today=TODAY, links=True)
        for (coach, _, quarter, year, _), (in_quarter, in_year) in zip(
            p.workload, p.hours_links, strict=True
        ):
            for hours, href in ((quarter, in_quarter), (year, in_year)):
                for key, value in query.items():
                    assert f"{key}={value}" in href
                assert listed_hours(client.get(href).text) == hours, (query, coach.label, href)
                seen += hours
    assert seen


def test_a_coachs_page_without_narrowing_lists_every_hour(
    demo: Programme, client_for: Callable[[str], Client]
) -> None:
    coach = Coach.objects.filter(programme=demo).first()
    assert coach is not None
    url = reverse("programme-coach", args=[demo.public_id, coach.public_id])
    for query in ("", "?within=7", "?within=nonsense&pcn=nowhere"):
        page = client_for(LEAD).get(url + query).text
        assert 'id="hours-listed"' not in page, query
