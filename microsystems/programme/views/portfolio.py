"""The programme lead's portfolio dashboard and its export."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from ..presenters.portfolio import anonymised_csv, figures_csv, portfolio, practices_csv, practices_xlsx
from .common import programme_crumbs, programme_for


def dashboard(request: HttpRequest, public_id: str) -> HttpResponse:
    programme = programme_for(request, public_id, "programme.view_portfolio")
    links = request.user.has_perm("programme.view_portfolio_practices", programme)
    return render(
        request,
        "programme/portfolio.jinja",
        {
            "p": portfolio(programme, request.GET, today=timezone.localdate(), links=links),
            "page_title": "Portfolio",
            "column": "full",
            "breadcrumbs": programme_crumbs(programme),
        },
    )


def export_csv(request: HttpRequest, public_id: str) -> HttpResponse:
    programme = programme_for(request, public_id, "programme.view_portfolio_practices")
    response = HttpResponse(practices_csv(programme, request.GET), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="portfolio-{timezone.localdate():%Y-%m-%d}.csv"'
    return response


def export_xlsx(request: HttpRequest, public_id: str) -> HttpResponse:
    programme = programme_for(request, public_id, "programme.view_portfolio_practices")
    response = HttpResponse(
        practices_xlsx(programme, request.GET, timezone.localdate()),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="portfolio-{timezone.localdate():%Y-%m-%d}.xlsx"'
    return response


def export_anonymised_csv(request: HttpRequest, public_id: str) -> HttpResponse:
    """For the evaluator (and the lead): every practice's figures under a code, nothing that names it."""
    programme = programme_for(request, public_id, "programme.view_portfolio")
    response = HttpResponse(anonymised_csv(programme, request.GET), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="portfolio-anonymised-{timezone.localdate():%Y-%m-%d}.csv"'
    )
    return response


def export_figures_csv(request: HttpRequest, public_id: str) -> HttpResponse:
    """Every figure of the portfolio as the page shows it (filtered the same way), as CSV."""
    programme = programme_for(request, public_id, "programme.view_portfolio")
    links = request.user.has_perm("programme.view_portfolio_practices", programme)
    today = timezone.localdate()
    response = HttpResponse(
        figures_csv(programme, request.GET, today=today, links=links), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="portfolio-figures-{today:%Y-%m-%d}.csv"'
    return response
