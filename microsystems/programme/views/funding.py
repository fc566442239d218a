"""A project's funding (the rule, the application, the decision) and the payments ledger."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from microsystems.core.access import require, visible_or_404

from .. import actions
from ..forms import CompleteForm, DecisionForm, FundingApplicationForm, PaymentForm
from ..models import FundingApplication, Payment, PaymentState
from ..presenters.funding import ledger, ledger_csv, ledger_href, project_page
from ..presenters.projects import project_list
from .common import add_errors, programme_crumbs, programme_for


def project_for(request: HttpRequest, public_id: str, project_id: str) -> Any:
    from microsystems.projects.models import Project

    return visible_or_404(
        request.user,
        "programme.view_project_programme",
        Project.objects.select_related("programme__commissioner", "practice"),
        programme__public_id=public_id,
        public_id=project_id,
    )


def project_crumbs(request: HttpRequest, project: Any) -> list[dict[str, str]]:
    programme = project.programme
    if not request.user.has_perm("programme.view_programme", programme):
        return [{"text": "Home", "href": reverse("home")}]
    more = []
    if request.user.has_perm("programme.change_programme", programme):
        more = [
            ("Practices", reverse("programme-practices", args=[programme.public_id])),
            (
                project.practice.name,
                reverse("programme-enrolment", args=[programme.public_id, project.practice.public_id]),
            ),
        ]
    return programme_crumbs(programme, *more)


def projects(request: HttpRequest, public_id: str) -> HttpResponse:
    programme = programme_for(request, public_id, "programme.change_programme")
    return render(
        request,
        "programme/projects.jinja",
        {
            "page": project_list(programme, request.GET, timezone.localdate()),
            "programme": programme,
            "page_title": "Projects",
            "column": "full",
            "breadcrumbs": programme_crumbs(programme),
        },
    )


def project(request: HttpRequest, public_id: str, project_id: str) -> HttpResponse:
    found = project_for(request, public_id, project_id)
    return render(
        request,
        "programme/project.jinja",
        {
            "page": project_page(found, request.user, timezone.localdate()),
            "complete_form": CompleteForm(initial={"completed_on": timezone.localdate()}),
            "page_title": found.title,
            "breadcrumbs": project_crumbs(request, found),
        },
    )


@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest, public_id: str, project_id: str) -> HttpResponse:
    found = project_for(request, public_id, project_id)
    require(request.user, "programme.apply_for_funding", found)
    form = FundingApplicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.apply_for_funding(project=found, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "The funding application has been sent to the programme lead.")
            return redirect("programme-project", public_id, project_id)
    return render(
        request,
        "programme/funding_apply.jinja",
        {
            "form": form,
            "project": found,
            "page_title": "Apply for funding",
            "breadcrumbs": project_crumbs(request, found),
        },
    )


@require_http_methods(["GET", "POST"])
def decide(request: HttpRequest, public_id: str, project_id: str) -> HttpResponse:
    found = project_for(request, public_id, project_id)
    require(request.user, "programme.decide_funding", found)
    application = FundingApplication.objects.filter(project=found).select_related("submitted_by").first()
    if application is None:
        return redirect("programme-project", public_id, project_id)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.decide_funding_application(
                application=application,
                approve=form.cleaned_data["decision"] == "approve",
                reason=form.cleaned_data["reason"],
                by=request.user,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            application.refresh_from_db()
            messages.success(request, f"The application has been {application.get_status_display().lower()}.")
            return redirect("programme-project", public_id, project_id)
    return render(
        request,
        "programme/funding_decide.jinja",
        {
            "form": form,
            "project": found,
            "application": application,
            "page_title": "Decide the funding application",
            "breadcrumbs": project_crumbs(request, found),
        },
    )


def payments(request: HttpRequest, public_id: str) -> HttpResponse:
    programme = programme_for(request, public_id, "programme.manage_payments")
    return render(
        request,
        "programme/payments.jinja",
        {
            "ledger": ledger(programme, request.GET),
            "programme": programme,
            "form": PaymentForm(),
            "page_title": "Payments",
            "column": "full",
            "breadcrumbs": programme_crumbs(programme),
        },
    )


def payments_csv(request: HttpRequest, public_id: str) -> HttpResponse:
    programme = programme_for(request, public_id, "programme.manage_payments")
    book = ledger(programme, request.GET)
    response = HttpResponse(ledger_csv(programme, book.lines), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="payments-{timezone.localdate():%Y-%m-%d}.csv"'
    return response


def payment(request: HttpRequest, public_id: str, payment_id: str) -> HttpResponse:
    programme = programme_for(request, public_id, "programme.manage_payments")
    found = visible_or_404(
        request.user,
        "programme.manage_payments",
        Payment.objects.select_related("programme"),
        programme=programme,
        public_id=payment_id,
    )
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = PaymentForm(request.POST)
    form.is_valid()
    to = {PaymentState.DUE: PaymentState.APPROVED, PaymentState.APPROVED: PaymentState.PAID}.get(
        PaymentState(found.state)
    )
    try:
        if to is None:
            raise ValidationError("This payment has already been paid")
        actions.advance_payment(
            payment=found,
            to=to,
            by=request.user,
            finance_reference=form.cleaned_data.get("finance_reference", ""),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"The payment of £{found.amount:,.2f} is now {to.label.lower()}.")
    return redirect(ledger_href(programme, request.POST))
