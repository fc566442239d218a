"""The programme lead's portfolio: the whole programme in figures, each linked to the list behind it.

A fixed number of queries whatever the number of practices (a test pins it): every figure is an
aggregate, and the filters narrow one enrolment query that the others reuse as a subquery."""

import csv
import io
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import Count, DecimalField, Min, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from markupsafe import Markup

from .. import charts, followup_schedule
from ..aims import AIM_STATUSES, MET
from ..engagement import JOINED, JOURNEY, AdopterCategory, EngagementState, ExitReason
from ..facts import aims_of
from ..models import (
    Coach,
    CoachHours,
    EngagementEvent,
    Enrolment,
    FollowUpReview,
    FundingRoute,
    Payment,
    PaymentState,
    Programme,
)
from ..models.followups import ChangeInPlace, Embedding, ReviewKind
from .funding import safe_cell

ZERO = Value(Decimal(0), output_field=DecimalField(max_digits=12, decimal_places=2))


@dataclass(frozen=True)
class Figure:
    label: str
    value: int | Decimal | str
    href: str = ""


@dataclass(frozen=True)
class Filters:
    pcn: str = ""
    coach: str = ""
    year: str = ""
    pcn_choices: list[tuple[str, str]] = field(default_factory=list)
    coach_choices: list[tuple[str, str]] = field(default_factory=list)
    year_choices: list[tuple[str, str]] = field(default_factory=list)

    @property
    def query(self) -> str:
        parts = [f"{k}={v}" for k, v in (("pcn", self.pcn), ("coach", self.coach), ("year", self.year)) if v]
        return "?" + "&".join(parts) if parts else ""

    @property
    def active(self) -> bool:
        return bool(self.pcn or self.coach or self.year)

    @property
    def described(self) -> list[tuple[str, list[tuple[str, str]], str]]:
        """Each filter as (what it is, its choices, the value chosen)."""
        return [
            ("network", self.pcn_choices, self.pcn),
            ("coach", self.coach_choices, self.coach),
            ("invited in", self.year_choices, self.year),
        ]

    def carried(self, href: str) -> str:
        """A list's address with these filters added, so the list shows what the figure counted."""
        if not self.active:
            return href
        extra = self.query[1:]
        return f"{href}{'&' if '?' in href else '?'}{extra}"


@dataclass(frozen=True)
class Portfolio:
    programme: Programme
    filters: Filters
    practices: int
    funnel: list[Figure]
    reached: list[Figure]
    funnel_chart: Markup
    adoption: list[charts.Month]
    adoption_chart: Markup
    adopters: list[Figure]
    typology: list[tuple[str, Figure, Figure, Figure]]
    crossing: list[Figure]
    by_step: list[Figure]
    aims: list[Figure]
    sustainability: list[tuple[str, list[Figure]]]
    still_in_place: list[tuple[str, list[Figure]]]
    overdue_reviews: Figure
    workload: list[tuple[Figure, int, Decimal, Decimal, int]]
    workload_links: list[str]  # for each coach of the workload, the list of the practices they coach now
    hours_links: list[tuple[str, str]]  # and of the hours they logged in the last 3 and 12 months
    payments: list[tuple[Figure, int, Decimal]]
    payments_by_route: list[Figure]
    reasons: list[tuple[str, int, int]]
    reason_links: dict[str, tuple[str, str]]
    reasons_chart: Markup
    links: bool
    csv_href: str
    xlsx_href: str
    anonymised_href: str
    figures_href: str
    practices_href: str = ""  # every practice the filters keep
    # for each month of the adoption curve, the practices that joined in it and those joined by its end
    adoption_links: list[tuple[str, str]] = field(default_factory=list)
    protected_links: list[str] = field(default_factory=list)  # each coach's page, narrowed by the filters


def read_filters(programme: Programme, query: Mapping[str, str]) -> Filters:
    from microsystems.people.models import Organisation, OrganisationKind

    pcns = list(
        Organisation.objects.filter(kind=OrganisationKind.PCN, commissioner_id=programme.commissioner_id)
        .order_by("name")
        .values_list("public_id", "name")
    )
    coaches = list(
        Coach.objects.filter(programme=programme)
        .order_by("user__full_name")
        .values_list("public_id", "user__full_name")
    )
    years = sorted(
        {d.year for d in Enrolment.objects.filter(programme=programme).dates("invited_on", "year")}
    )
    pcn_choices = [(str(k), n) for k, n in pcns]
    coach_choices = [(str(k), n) for k, n in coaches]
    year_choices = [(str(y), str(y)) for y in years]

    def pick(name: str, choices: list[tuple[str, str]]) -> str:
        value = query.get(name, "")
        return value if value in {k for k, _ in choices} else ""

    return Filters(
        pick("pcn", pcn_choices),
        pick("coach", coach_choices),
        pick("year", year_choices),
        pcn_choices,
        coach_choices,
        year_choices,
    )


def filtered_enrolments(programme: Programme, filters: Filters) -> QuerySet[Enrolment]:
    enrolments = Enrolment.objects.filter(programme=programme)
    if filters.pcn:
        enrolments = enrolments.filter(practice__pcn__public_id=filters.pcn)
    if filters.coach:
        enrolments = enrolments.filter(coach_assignments__coach__public_id=filters.coach)
    if filters.year:
        enrolments = enrolments.filter(invited_on__year=int(filters.year))
    return enrolments.distinct()


def portfolio(programme: Programme, query: Mapping[str, str], *, today: date, links: bool) -> Portfolio:
    from microsystems.projects.models import Project, Typology

    filters = read_filters(programme, query)
    enrolments = filtered_enrolments(programme, filters)
    ids = enrolments.values("pk")
    practice_ids = enrolments.values("practice_id")
    base_practices = reverse("programme-practices", args=[programme.public_id])

    # Engagement: where each practice is now, and how far each got (one query).
    rows = list(
        enrolments.values_list("state", "exit_stage", "exit_reasons", "exit_reason", "adopter_category")
    )
    now = Counter(state for state, *_ in rows)
    reached_counts: Counter[str] = Counter()
    for state, exit_stage, *_ in rows:
        furthest = exit_stage if EngagementState(state).has_left else state
        if furthest:
            for stage in JOURNEY[: JOURNEY.index(EngagementState(furthest)) + 1]:
                reached_counts[stage] += 1

    def link(href: str) -> str:
        return filters.carried(href) if links else ""

    funnel = [
        Figure(s.label, now.get(s.value, 0), link(f"{base_practices}?state={s.value}"))
        for s in EngagementState
    ]
    reached = [
        Figure(s.label, reached_counts.get(s, 0), link(f"{base_practices}?reached={s.value}"))
        for s in JOURNEY
    ]

    # Adoption over time: the first date each practice joined, with its name (for those who may see the
    # practices; not the evaluator) and category (one query).
    category_labels = dict(AdopterCategory.choices)
    joined = [
        charts.Joined(name if links else "", first, str(category_labels.get(category, "")))
        for name, category, first in EngagementEvent.objects.filter(enrolment__in=ids, state__in=list(JOINED))
        .values("enrolment_id", "enrolment__practice__name", "enrolment__adopter_category")
        .annotate(first=Min("on"))
        .values_list("enrolment__practice__name", "enrolment__adopter_category", "first")
        .order_by()
    ]
    adoption = charts.adoption_months(joined, today)
    adopters_count = Counter(category for *_, category in rows if category)
    adopters = [
        Figure(c.label, adopters_count.get(c.value, 0), link(f"{base_practices}?adopter={c.value}"))
        for c in AdopterCategory
    ]
    adopters.append(
        Figure(
            "Not set", sum(1 for *_, category in rows if not category), link(f"{base_practices}?adopter=none")
        )
    )

    # Projects by typology and status (one query).
    projects = Project.objects.filter(programme=programme, practice_id__in=practice_ids)
    by_type: dict[tuple[str, str], int] = {}
    crossing_counts: Counter[bool] = Counter()
    for typology, status, crosses, number in (
        projects.values_list("typology", "status", "crosses_organisations").annotate(n=Count("id")).order_by()
    ):
        by_type[(typology, status)] = by_type.get((typology, status), 0) + number
        crossing_counts[crosses] += number
    base_projects = reverse("programme-projects", args=[programme.public_id])

    def projects_href(typology: str, status: str) -> str:
        return link(f"{base_projects}?typology={typology or 'none'}&status={status}")

    typology = [
        (
            label,
            Figure("active", by_type.get((value, "active"), 0), projects_href(value, "active")),
            Figure("completed", by_type.get((value, "completed"), 0), projects_href(value, "completed")),
            Figure("stopped", by_type.get((value, "stopped"), 0), projects_href(value, "stopped")),
        )
        for value, label in [*Typology.choices, ("", "Not classified")]
    ]
    from microsystems.projects.method import STEPS

    from ..facts import steps_of

    active_steps = Counter(steps_of(list(projects.filter(status="active"))).values())
    by_step = [
        Figure(
            f"Step {step.number}: {step.name}",
            active_steps.get(step.number, 0),
            link(f"{base_projects}?status=active&step={step.number}"),
        )
        for step in STEPS
    ]
    # Aims met: each project's specific aims against the measures' data (three queries).
    aim_counts = Counter(aims_of(projects.values_list("pk", flat=True)).values())
    aims = [
        Figure(label, aim_counts.get(key, 0), link(f"{base_projects}?aim={key}"))
        for key, label in AIM_STATUSES.items()
    ]
    crossing = [
        Figure(
            "Within one organisation", crossing_counts.get(False, 0), link(f"{base_projects}?crossing=no")
        ),
        Figure("Across organisations", crossing_counts.get(True, 0), link(f"{base_projects}?crossing=yes")),
    ]

    # Follow-ups: embedding and whether the change is in place, at 6 and 12 months (one query), and overdue.
    reviews = FollowUpReview.objects.filter(
        project__programme=programme, project__practice_id__in=practice_ids
    )
    held: Counter[tuple[str, str]] = Counter()
    in_place: Counter[tuple[str, str]] = Counter()
    overdue = 0
    for kind, embedding, change, due_on, held_on in reviews.values_list(
        "kind", "embedding", "change_in_place", "due_on", "held_on"
    ):
        if held_on:
            held[(kind, embedding)] += 1
            in_place[(kind, change)] += 1
        elif followup_schedule.is_overdue(due_on, held_on, today):
            overdue += 1
    kinds = [(ReviewKind.SIX_MONTHS, "At 6 months"), (ReviewKind.TWELVE_MONTHS, "At 12 months")]
    sustainability = [
        (
            label,
            [
                Figure(
                    e.label,
                    held.get((kind, e.value), 0),
                    link(f"{base_projects}?review={kind.value}&embedding={e.value}"),
                )
                for e in Embedding
            ],
        )
        for kind, label in kinds
    ]
    still_in_place = [
        (
            label,
            [
                Figure(
                    c.label,
                    in_place.get((kind, c.value), 0),
                    link(f"{base_projects}?review={kind.value}&in_place={c.value}"),
                )
                for c in ChangeInPlace
            ],
        )
        for kind, label in kinds
    ]

    # Coach workload (one query for coaches, one for hours).
    coaches = (
        Coach.objects.filter(programme=programme, left_on__isnull=True)
        .select_related("user")
        .annotate(
            active=Count(
                "assignments",
                filter=Q(assignments__ended_on__isnull=True, assignments__enrolment__in=ids),
                distinct=True,
            )
        )
    )
    hours = {
        coach_id: (q, y)
        for coach_id, q, y in CoachHours.objects.filter(
            coach__programme=programme, enrolment__in=ids, on__gt=today - timedelta(days=365)
        )
        .values_list("coach_id")
        .annotate(
            q=Coalesce(Sum("hours", filter=Q(on__gt=today - timedelta(days=91))), ZERO),
            y=Coalesce(Sum("hours"), ZERO),
        )
        .order_by()
    }
    workload = [
        (
            Figure(
                c.user.full_name,
                c.get_experience_display(),
                link(reverse("programme-coach", args=[programme.public_id, c.public_id])),
            ),
            c.active,
            hours.get(c.pk, (Decimal(0), Decimal(0)))[0],
            hours.get(c.pk, (Decimal(0), Decimal(0)))[1],
            c.protected_hours_per_month,
        )
        for c in coaches
    ]

    workload_links = [link(f"{base_practices}?coaching={c.public_id}") for c in coaches]
    protected_links = [
        link(reverse("programme-coach", args=[programme.public_id, c.public_id])) for c in coaches
    ]
    hours_links = [
        (
            link(reverse("programme-coach", args=[programme.public_id, c.public_id]) + "?within=91"),
            link(reverse("programme-coach", args=[programme.public_id, c.public_id]) + "?within=365"),
        )
        for c in coaches
    ]

    # Payments (one query).
    money: dict[tuple[str, str], tuple[int, Decimal]] = {}
    for state, route, number, total in (
        Payment.objects.filter(programme=programme, enrolment__in=ids)
        .values_list("state", "route")
        .annotate(n=Count("id"), t=Sum("amount"))
        .order_by()
    ):
        money[(state, route)] = (number, total)
    base_payments = reverse("programme-payments", args=[programme.public_id])
    payments = [
        (
            Figure(s.label, s.value, link(f"{base_payments}?state={s.value}")),
            sum(n for (state, _), (n, _) in money.items() if state == s.value),
            sum((t for (state, _), (_, t) in money.items() if state == s.value), Decimal(0)),
        )
        for s in PaymentState
    ]
    payments_by_route = [
        Figure(
            str(r.label),
            sum((t for (_, route), (_, t) in money.items() if route == r.value), Decimal(0)),
            link(f"{base_payments}?route={r.value}"),
        )
        for r in (FundingRoute.ENHANCED_SERVICE, FundingRoute.APPLICATION)
    ]

    # Why practices declined or withdrew (from the rows already read).
    declined: Counter[str] = Counter()
    withdrew: Counter[str] = Counter()
    for state, _, reasons, main, _ in rows:
        if state in (EngagementState.DECLINED, EngagementState.WITHDREW):
            for reason in reasons or ([main] if main else []):
                (declined if state == EngagementState.DECLINED else withdrew)[reason] += 1
    reasons_rows = [(r.label, declined.get(r.value, 0), withdrew.get(r.value, 0)) for r in ExitReason]
    reason_links = {
        str(r.label): (
            link(f"{base_practices}?left=declined&reason={r.value}"),
            link(f"{base_practices}?left=withdrew&reason={r.value}"),
        )
        for r in ExitReason
    }

    return Portfolio(
        programme=programme,
        filters=filters,
        practices=len(rows),
        funnel=funnel,
        reached=reached,
        funnel_chart=charts.bar_chart(
            "Practices that reached each stage", [(f.label, int(f.value)) for f in reached], chart_id="funnel"
        ),
        adoption=adoption,
        adoption_chart=charts.adoption_chart(
            "Practices that have joined the programme, month by month, with when each adopter category "
            "joined",
            adoption,
            [str(label) for _, label in AdopterCategory.choices],
        ),
        adopters=adopters,
        typology=typology,
        crossing=crossing,
        by_step=by_step,
        aims=aims,
        sustainability=sustainability,
        still_in_place=still_in_place,
        overdue_reviews=Figure(
            "Reviews overdue", overdue, link(reverse("programme-follow-ups", args=[programme.public_id]))
        ),
        workload=workload,
        workload_links=workload_links,
        hours_links=hours_links,
        payments=payments,
        payments_by_route=payments_by_route,
        reasons=reasons_rows,
        reason_links=reason_links,
        reasons_chart=charts.bar_chart(
            "Why practices declined or withdrew",
            [(label, d + w) for label, d, w in reasons_rows],
            chart_id="reasons",
        ),
        links=links,
        csv_href=reverse("programme-portfolio-csv", args=[programme.public_id]) + filters.query,
        xlsx_href=reverse("programme-portfolio-xlsx", args=[programme.public_id]) + filters.query,
        anonymised_href=reverse("programme-portfolio-anonymised", args=[programme.public_id]) + filters.query,
        figures_href=reverse("programme-portfolio-figures", args=[programme.public_id]) + filters.query,
        practices_href=link(base_practices),
        adoption_links=[
            (
                link(f"{base_practices}?joined={m.ends_on:%Y-%m}"),
                link(f"{base_practices}?joined_by={m.ends_on:%Y-%m}"),
            )
            for m in adoption
        ],
        protected_links=protected_links,
    )


PRACTICE_CSV_HEADER = (
    "practice",
    "ods_code",
    "pcn",
    "engagement",
    "since",
    "invited_on",
    "adopter_category",
    "coaches",
    "projects",
    "projects_completed",
    "projects_aim_met",
    "payments_paid_gbp",
    "exit_reasons",
    "exit_detail",
)


def practice_rows(programme: Programme, query: Mapping[str, str]) -> list[list[Any]]:
    """One row per practice (PRACTICE_CSV_HEADER), for the commissioner's reports and the evaluator's
    database. A fixed number of queries."""
    from django.db.models import Prefetch

    from microsystems.projects.models import Project

    from ..models import CoachAssignment

    filters = read_filters(programme, query)
    enrolments = (
        filtered_enrolments(programme, filters)
        .select_related("practice__pcn")
        .prefetch_related(
            Prefetch("coach_assignments", queryset=CoachAssignment.objects.select_related("coach__user"))
        )
        .order_by("practice__name")
    )
    paid = dict(
        Payment.objects.filter(programme=programme, state=PaymentState.PAID)
        .values_list("enrolment_id")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    project_counts: dict[int, tuple[int, int]] = {}
    for practice_id, total, done in (
        Project.objects.filter(programme=programme)
        .values_list("practice_id")
        .annotate(total=Count("id"), done=Count("id", filter=Q(status="completed")))
        .order_by()
    ):
        project_counts[practice_id] = (total, done)
    aim_met: Counter[int] = Counter()
    practice_of = dict(Project.objects.filter(programme=programme).values_list("pk", "practice_id"))
    for project_id, status in aims_of(practice_of).items():
        if status == MET:
            aim_met[practice_of[project_id]] += 1
    rows = []
    for e in enrolments:
        total, done = project_counts.get(e.practice_id, (0, 0))
        rows.append(
            [
                e.practice.name,
                e.practice.ods_code or "",
                e.practice.pcn.name if e.practice.pcn else "",
                e.get_state_display(),
                e.state_since,
                e.invited_on,
                e.get_adopter_category_display() if e.adopter_category else "",
                "; ".join(sorted({a.coach.user.full_name for a in e.coach_assignments.all()})),
                total,
                done,
                aim_met.get(e.practice_id, 0),
                paid.get(e.pk, Decimal(0)),
                "; ".join(ExitReason(r).label for r in e.exit_reasons if r in ExitReason.values),
                e.exit_detail,
            ]
        )
    return rows


def practices_csv(programme: Programme, query: Mapping[str, str]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(PRACTICE_CSV_HEADER)
    for row in practice_rows(programme, query):
        writer.writerow([safe_cell(_plain(value)) for value in row])
    return out.getvalue()


def practices_xlsx(programme: Programme, query: Mapping[str, str], today: date) -> bytes:
    """The same rows as an Excel workbook, with the portfolio's summary figures on a second sheet."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Practices"
    sheet.append(list(PRACTICE_CSV_HEADER))
    for row in practice_rows(programme, query):
        sheet.append([safe_cell(v) if isinstance(v, str) else v for v in row])
    summary = book.create_sheet("Summary")
    for line in figure_lines(portfolio(programme, query, today=today, links=False)):
        summary.append([safe_cell(v) if isinstance(v, str) else v for v in line])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def figure_tables(p: Portfolio) -> list[tuple[str, list[str], list[list[Any]]]]:
    """Every figure of the portfolio as (what it shows, column headings, rows): the export of the page."""

    def counts(figures: list[Figure]) -> list[list[Any]]:
        return [[f.label, f.value] for f in figures]

    tables: list[tuple[str, list[str], list[list[Any]]]] = [
        ("Practices by engagement now", ["Engagement", "Practices"], counts(p.funnel)),
        ("Practices that reached each stage", ["Stage", "Practices"], counts(p.reached)),
        (
            "Practices joined, month by month",
            ["Month", "Joined that month", "Joined so far"],
            [[f"{m.ends_on:%Y-%m}", len(m.joined), m.total] for m in p.adoption],
        ),
        ("Practices by adopter category", ["Category", "Practices"], counts(p.adopters)),
        (
            "Projects by typology and status",
            ["Typology", "Active", "Completed", "Stopped"],
            [[label, a.value, c.value, s.value] for label, a, c, s in p.typology],
        ),
        ("Active projects by step of the method", ["Step", "Projects"], counts(p.by_step)),
        ("Projects by whether their specific aims are met", ["Specific aim", "Projects"], counts(p.aims)),
        ("Projects within one organisation or across several", ["Scope", "Projects"], counts(p.crossing)),
    ]
    tables += [
        (f"How embedded: {label.lower()}", ["Embedding", "Reviews"], counts(f))
        for label, f in p.sustainability
    ]
    tables += [
        (f"Change still in place: {label.lower()}", ["In place", "Reviews"], counts(f))
        for label, f in p.still_in_place
    ]
    tables += [
        ("Reviews overdue", ["", "Reviews"], [[p.overdue_reviews.label, p.overdue_reviews.value]]),
        (
            "Coach workload",
            [
                "Coach",
                "Experience",
                "Practices now",
                "Hours, last 3 months",
                "Hours, last 12 months",
                "Protected hours a month",
            ],
            [[c.label, c.value, active, q, y, protected] for c, active, q, y, protected in p.workload],
        ),
        (
            "Payments by state",
            ["State", "Payments", "Amount (GBP)"],
            [[f.label, number, total] for f, number, total in p.payments],
        ),
        (
            "Payments by route",
            ["Route", "Amount (GBP)"],
            [[f.label, f.value] for f in p.payments_by_route],
        ),
        (
            "Reasons for declining or withdrawing",
            ["Reason", "Declined", "Withdrew"],
            [[label, declined, withdrew] for label, declined, withdrew in p.reasons],
        ),
    ]
    return tables


def figure_lines(p: Portfolio) -> list[list[Any]]:
    """The tables one after another: a title line, the headings, the rows and an empty line."""
    lines: list[list[Any]] = []
    for title, headings, rows in figure_tables(p):
        lines += [[title], headings, *rows, []]
    return lines


def figures_csv(programme: Programme, query: Mapping[str, str], *, today: date, links: bool) -> str:
    """Every figure of the portfolio, as filtered, for a spreadsheet: the page's tables one after another.
    Cells that a spreadsheet would read as a formula are made plain text."""
    out = io.StringIO()
    writer = csv.writer(out)
    for line in figure_lines(portfolio(programme, query, today=today, links=links)):
        writer.writerow([safe_cell(_plain(v)) for v in line])
    return out.getvalue()


def _plain(value: Any) -> str:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    return str(value)


ANONYMISED_HEADER = (
    "practice_code",
    "pcn",
    "engagement",
    "since",
    "invited_on",
    "adopter_category",
    "projects",
    "projects_completed",
    "projects_aim_met",
    "payments_paid_gbp",
    "exit_reasons",
)


def anonymised_csv(programme: Programme, query: Mapping[str, str]) -> str:
    """The practices' figures for an evaluator: each practice under a code (P01, P02… in order of joining
    the list), without its name, ODS code, coaches or the practice's own words."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(ANONYMISED_HEADER)
    rows = sorted(practice_rows(programme, query), key=lambda row: (row[5], row[0]))
    for number, row in enumerate(rows, start=1):
        _, _, pcn, state, since, invited, adopter, _, total, done, met, paid, reasons, _ = row
        values = (f"P{number:02d}", pcn, state, since, invited, adopter, total, done, met, paid, reasons)
        writer.writerow([safe_cell(_plain(value)) for value in values])
    return out.getvalue()
