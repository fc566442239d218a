"""A project's funding and follow-ups as the programme sees them, and the payments ledger."""

import csv
import io
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from django.db.models import Sum
from django.urls import reverse

from .. import followup_schedule, funding_rules
from ..gates import agreement_is_signed, needs_ongoing_resources
from ..models import (
    APPLICATION_TAG_COLOURS,
    PAYMENT_TAG_COLOURS,
    FollowUpReview,
    FundingApplication,
    FundingRoute,
    Payment,
    PaymentState,
    Programme,
    ProjectFunding,
)

REVIEW_STATUS = {
    "held": ("Held", "green"),
    "upcoming": ("Scheduled", "grey"),
    "open": ("Due soon", "blue"),
    "due": ("Due", "yellow"),
    "overdue": ("Overdue", "red"),
}


@dataclass(frozen=True)
class PaymentLine:
    public_id: str
    href: str
    practice: str
    ods_code: str
    project: str
    route: str
    milestone: str
    amount: Decimal
    state: str
    state_label: str
    colour: str
    due_on: date
    approved_on: date | None
    paid_on: date | None
    finance_reference: str
    next_action: str


def payment_line(payment: Payment) -> PaymentLine:
    state = PaymentState(payment.state)
    next_action = {PaymentState.DUE: "Approve", PaymentState.APPROVED: "Mark as paid"}.get(state, "")
    return PaymentLine(
        public_id=str(payment.public_id),
        href=reverse("programme-payment", args=[payment.programme.public_id, payment.public_id]),
        practice=payment.enrolment.practice.name,
        ods_code=payment.enrolment.practice.ods_code or "",
        project=payment.project.title,
        route=payment.get_route_display(),
        milestone=payment.milestone,
        amount=payment.amount,
        state=state.value,
        state_label=state.label,
        colour=PAYMENT_TAG_COLOURS[state],
        due_on=payment.due_on,
        approved_on=payment.approved_on,
        paid_on=payment.paid_on,
        finance_reference=payment.finance_reference,
        next_action=next_action,
    )


@dataclass(frozen=True)
class ReviewLine:
    kind: str
    due_on: date
    status: str
    colour: str
    href: str
    held_on: date | None


def review_lines(reviews: Any, programme: Programme, today: date) -> list[ReviewLine]:
    lines = []
    for review in reviews:
        label, colour = REVIEW_STATUS[followup_schedule.status(review.due_on, review.held_on, today)]
        lines.append(
            ReviewLine(
                review.get_kind_display(),
                review.due_on,
                label,
                colour,
                reverse("programme-review", args=[programme.public_id, review.public_id]),
                review.held_on,
            )
        )
    return lines


@dataclass(frozen=True)
class ProjectPage:
    project: Any
    funding: ProjectFunding | None
    explanation: str
    payments: list[PaymentLine]
    application: FundingApplication | None
    application_colour: str
    reviews: list[ReviewLine]
    agreement_signed: bool
    needs_ongoing_resources: bool
    may_apply: bool
    may_decide: bool
    may_complete: bool
    enrolment_href: str
    health: Any = None
    workbook_href: str = ""
    progress_score: str = ""
    progress_reason: str = ""
    aim_status: str = ""  # whether the project's specific aims are met (aims.py)
    watched: tuple[str, ...] = ()  # the stall and decay signals the app computes
    not_watched: tuple[str, ...] = ()  # and those it cannot, with the reason


def project_page(project: Any, user: Any, today: date) -> ProjectPage:
    programme = project.programme
    funding = ProjectFunding.objects.filter(project=project).first()
    application = FundingApplication.objects.filter(project=project).select_related("decided_by").first()
    payments = [
        payment_line(p)
        for p in Payment.objects.filter(project=project).select_related(
            "programme", "enrolment__practice", "project"
        )
    ]
    reviews = review_lines(FollowUpReview.objects.filter(project=project), programme, today)
    applying = funding is not None and funding.route == funding_rules.APPLICATION
    from ..aims import AIM_STATUSES
    from ..decay import ALL_SIGNALS, NOT_COMPUTED, health
    from ..facts import aims_of, projects_health_facts

    status = (
        health(projects_health_facts([project], today)[project.pk]) if project.status != "stopped" else None
    )
    score, reason = progress_of(project)
    return ProjectPage(
        progress_score=score,
        progress_reason=reason,
        health=status,
        aim_status=AIM_STATUSES[aims_of([project.pk])[project.pk]],
        watched=tuple(ALL_SIGNALS.values()),
        not_watched=tuple(NOT_COMPUTED.values()),
        workbook_href=reverse("project-detail", args=[project.public_id])
        if user.has_perm("projects.view_project", project)
        else "",
        project=project,
        funding=funding,
        explanation=funding_rules.explain(funding.route) if funding else "",
        payments=payments,
        application=application,
        application_colour=APPLICATION_TAG_COLOURS.get(application.status, "grey") if application else "",  # type: ignore[call-overload]
        reviews=reviews,
        agreement_signed=agreement_is_signed(project),
        needs_ongoing_resources=needs_ongoing_resources(project),
        may_apply=applying
        and (application is None or application.status == "rejected")
        and user.has_perm("programme.apply_for_funding", project),
        may_decide=application is not None
        and application.status == "submitted"
        and user.has_perm("programme.decide_funding", project),
        may_complete=project.status == "active" and user.has_perm("programme.complete_project", project),
        enrolment_href=reverse("programme-enrolment", args=[programme.public_id, project.practice.public_id])
        if user.has_perm("programme.change_programme", programme)
        else "",
    )


@dataclass(frozen=True)
class ExpectedLine:
    """A part of a first project's payment whose milestone the project has not reached yet."""

    practice: str
    ods_code: str
    project: str
    milestone: str
    amount: Decimal


@dataclass(frozen=True)
class Ledger:
    lines: list[PaymentLine]
    totals: dict[str, Decimal]
    filters: list[dict[str, Any]]
    chosen: str
    csv_href: str
    expected: list[ExpectedLine]
    expected_total: Decimal
    listed_total: Decimal = Decimal(0)  # the payments listed, added up
    described: str = ""  # the route and the portfolio's filters (network, coach, year invited), in words
    kept: tuple[tuple[str, str], ...] = ()  # the narrowing (state, route, filters), carried by each action


def ledger_narrowing(programme: Programme, query: Mapping[str, str]) -> tuple[tuple[str, str], ...]:
    """What narrows the ledger (state, route, network, coach, year invited), from a page's address or
    a form: only values the ledger knows, in a fixed order."""
    from .portfolio import read_filters

    state = query.get("state", "")
    route = query.get("route", "")
    return tuple(
        (key, value)
        for key, value in (
            ("state", state if state in PaymentState.values else ""),
            ("route", route if route in FundingRoute.values else ""),
            *_portfolio_pairs(read_filters(programme, query)),
        )
        if value
    )


def ledger_href(programme: Programme, query: Mapping[str, str]) -> str:
    """The ledger narrowed as the query (or a form that carried it) says, so that an action taken on a
    narrowed ledger comes back to it."""
    kept = ledger_narrowing(programme, query)
    base = reverse("programme-payments", args=[programme.public_id])
    return base + ("?" + urlencode(kept) if kept else "")


def expected_payments(programme: Programme, practices: Any = None) -> list[ExpectedLine]:
    """What the programme has promised and not yet owes: each milestone of a first project still going
    (active, or completed and awaiting its reviews) that is not on the ledger, for the practices given
    (a subquery) or all. Two queries."""
    fundings = ProjectFunding.objects.filter(
        project__programme=programme,
        route=FundingRoute.ENHANCED_SERVICE,
        project__status__in=["active", "completed"],
    )
    if practices is not None:
        fundings = fundings.filter(project__practice_id__in=practices)
    chosen = list(
        fundings.exclude(payment_plan=[])
        .select_related("project__practice")
        .order_by("project__practice__name", "project__started_on")
    )
    on_ledger = set(
        Payment.objects.filter(
            project__in=[f.project_id for f in chosen], route=FundingRoute.ENHANCED_SERVICE
        ).values_list("project_id", "milestone")
    )
    return [
        ExpectedLine(
            f.project.practice.name,
            f.project.practice.ods_code or "",
            f.project.title,
            label,
            Decimal(amount),
        )
        for f in chosen
        for label, amount in f.payment_plan
        if (f.project_id, label) not in on_ledger
    ]


def ledger(programme: Programme, query: Mapping[str, str]) -> Ledger:
    """The payments, narrowed by state, route and the portfolio's filters (network, coach, year invited),
    so that each payments figure of the portfolio opens on the payments it added up."""
    from .portfolio import filtered_enrolments, read_filters

    chosen = query.get("state", "")
    if chosen not in PaymentState.values:
        chosen = ""
    route = query.get("route", "")
    if route not in FundingRoute.values:
        route = ""
    portfolio_filters = read_filters(programme, query)
    narrowed = Payment.objects.filter(programme=programme)
    practices = None
    if portfolio_filters.active:
        enrolments = filtered_enrolments(programme, portfolio_filters)
        narrowed = narrowed.filter(enrolment__in=enrolments.values("pk"))
        practices = enrolments.values("practice_id")
    if route:
        narrowed = narrowed.filter(route=route)
    payments = narrowed.select_related("programme", "enrolment__practice", "project")
    if chosen:
        payments = payments.filter(state=chosen)
    totals = {state: Decimal(0) for state in PaymentState.values}
    for state, total in narrowed.values_list("state").annotate(t=Sum("amount")).order_by():
        totals[state] = total
    kept = "".join(f"&{k}={v}" for k, v in (("route", route), *_portfolio_pairs(portfolio_filters)) if v)
    base = reverse("programme-payments", args=[programme.public_id])
    filters = [{"text": "All", "href": base + ("?" + kept[1:] if kept else ""), "current": not chosen}] + [
        {"text": s.label, "href": f"{base}?state={s.value}{kept}", "current": chosen == s.value}
        for s in PaymentState
    ]
    suffix = f"state={chosen}{kept}" if chosen else kept[1:]
    described = [f"{FundingRoute(route).label.lower()}" if route else ""] + [
        f"{label}: {dict(choices)[value]}" for label, choices, value in portfolio_filters.described if value
    ]
    expected = (
        expected_payments(programme, practices) if not route or route == FundingRoute.ENHANCED_SERVICE else []
    )
    lines = [payment_line(p) for p in payments]
    return Ledger(
        lines,
        totals,
        filters,
        chosen,
        reverse("programme-payments-csv", args=[programme.public_id]) + (f"?{suffix}" if suffix else ""),
        expected,
        sum((e.amount for e in expected), Decimal(0)),
        sum((line.amount for line in lines), Decimal(0)),
        "; ".join(d for d in described if d),
        tuple(
            (k, v)
            for k, v in (("state", chosen), ("route", route), *_portfolio_pairs(portfolio_filters))
            if v
        ),
    )


def _portfolio_pairs(filters: Any) -> list[tuple[str, str]]:
    return [("pcn", filters.pcn), ("coach", filters.coach), ("year", filters.year)]


CSV_HEADER = (
    "programme",
    "practice",
    "ods_code",
    "project",
    "route",
    "milestone",
    "amount_gbp",
    "state",
    "due_on",
    "approved_on",
    "paid_on",
    "finance_reference",
    "payment_id",
)


def ledger_csv(programme: Programme, lines: list[PaymentLine]) -> str:
    """The ledger for the finance team: one row per payment, dates as ISO, amounts to the penny. Cells
    that a spreadsheet would read as a formula are made plain text."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_HEADER)
    for line in lines:
        writer.writerow(
            [
                safe_cell(v)
                for v in (
                    programme.name,
                    line.practice,
                    line.ods_code,
                    line.project,
                    line.route,
                    line.milestone,
                    f"{line.amount:.2f}",
                    line.state,
                    line.due_on.isoformat(),
                    line.approved_on.isoformat() if line.approved_on else "",
                    line.paid_on.isoformat() if line.paid_on else "",
                    line.finance_reference,
                    line.public_id,
                )
            ]
        )
    return out.getvalue()


def safe_cell(value: str) -> str:
    """Neutralise spreadsheet formula injection (a cell starting = + - @)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def progress_of(project: Any) -> tuple[str, str]:
    """The project's progress score on the IHI scale: the one its latest review confirmed, else the one
    its evidence suggests (progress.py)."""
    from django.utils import timezone

    from microsystems.projects.leavers import left_the_team
    from microsystems.projects.models import Meeting, TeamMember

    from ..progress import Evidence, suggest

    review = (
        FollowUpReview.objects.filter(project=project, held_on__isnull=False, progress_score__isnull=False)
        .order_by("-held_on")
        .first()
    )
    if review is not None:
        return f"{review.progress_score}", f"Confirmed at the {review.get_kind_display()}."
    suggestion = suggest(
        Evidence(
            team_formed=TeamMember.objects.filter(project=project)
            .exclude(user_id__in=list(left_the_team(project, timezone.localdate())))
            .count()
            >= 2,
            meetings_held=Meeting.objects.filter(project=project, held=True).count(),
            completed=project.status == "completed",
        )
    )
    return f"{suggestion.score}", f"Suggested from the workbook: {suggestion.reason}"
