"""The programme lead's pages for practices: the list, recruiting, and a practice's engagement."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from microsystems.core.access import require

from .. import actions
from ..engagement import MAY_WITHDRAW_FROM, EngagementState
from ..forms import AdopterForm, EngagementForm, ReadinessForm, RecruitForm, WithdrawForm
from ..presenters.enrolments import base_href, enrolment_page
from ..presenters.practices import practice_list_page
from .common import add_errors, enrolment_for, programme_crumbs, programme_for


def practices(request: HttpRequest, public_id: str) -> HttpResponse:
    programme = programme_for(request, public_id, "programme.change_programme")
    page = practice_list_page(programme, request.GET)
    return render(
        request,
        "programme/practices.jinja",
        {
            "page": page,
            "programme": programme,
            "page_title": f"Practices in {programme.name}",
            "column": "full",
            "breadcrumbs": programme_crumbs(programme),
        },
    )


@require_http_methods(["GET", "POST"])
def recruit(request: HttpRequest, public_id: str) -> HttpResponse:
    programme = programme_for(request, public_id, "programme.change_programme")
    form = RecruitForm(
        request.POST or None, programme=programme, initial={"invited_on": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            enrolment = actions.recruit_practice(
                programme=programme,
                by=request.user,
                practice=data["practice"],
                name=data["name"],
                ods_code=data["ods_code"],
                pcn=data["pcn"],
                list_size=data["list_size"],
                invited_on=data["invited_on"],
                contact_email=data["contact_email"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            sent = f" and sent the invitation to {data['contact_email']}" if data["contact_email"] else ""
            messages.success(request, f"Invited {enrolment.practice.name}{sent}.")
            return redirect(base_href(enrolment))
    return render(
        request,
        "programme/recruit.jinja",
        {
            "form": form,
            "programme": programme,
            "page_title": "Invite a practice",
            "breadcrumbs": programme_crumbs(
                programme, ("Practices", reverse("programme-practices", args=[programme.public_id]))
            ),
        },
    )


def enrolment_detail(request: HttpRequest, public_id: str, practice_id: str) -> HttpResponse:
    enrolment = enrolment_for(request, public_id, practice_id)
    page = enrolment_page(enrolment, request.user)
    crumbs = (
        [("Practices", reverse("programme-practices", args=[enrolment.programme.public_id]))]
        if page.may_manage
        else []
    )
    return render(
        request,
        "programme/enrolment.jinja",
        {
            "page": page,
            "programme": enrolment.programme,
            "page_title": enrolment.practice.name,
            "column": "full",
            "breadcrumbs": programme_crumbs(enrolment.programme, *crumbs),
        },
    )


def _crumbs(enrolment: object) -> list[dict[str, str]]:
    programme = enrolment.programme  # type: ignore[attr-defined]
    return programme_crumbs(
        programme,
        ("Practices", reverse("programme-practices", args=[programme.public_id])),
        (enrolment.practice.name, base_href(enrolment)),  # type: ignore[attr-defined,arg-type]
    )


@require_http_methods(["GET", "POST"])
def change_engagement(request: HttpRequest, public_id: str, practice_id: str) -> HttpResponse:
    enrolment = enrolment_for(request, public_id, practice_id)
    require(request.user, "programme.manage_enrolment", enrolment)
    form = EngagementForm(request.POST or None, enrolment=enrolment, initial={"on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.change_engagement(
                enrolment=enrolment,
                state=data["state"],
                on=data["on"],
                by=request.user,
                note=data["note"],
                **form.exit_record(),
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            enrolment.refresh_from_db()
            messages.success(request, f"{enrolment.practice.name} is now: {enrolment.get_state_display()}.")
            return redirect(base_href(enrolment))
    return render(
        request,
        "programme/engagement_form.jinja",
        {
            "form": form,
            "enrolment": enrolment,
            "state_colour": EngagementState(enrolment.state).tag_colour,
            "page_title": "Change engagement",
            "breadcrumbs": _crumbs(enrolment),
        },
    )


@require_http_methods(["GET", "POST"])
def adopter(request: HttpRequest, public_id: str, practice_id: str) -> HttpResponse:
    enrolment = enrolment_for(request, public_id, practice_id)
    require(request.user, "programme.manage_enrolment", enrolment)
    page = enrolment_page(enrolment, request.user)
    form = AdopterForm(
        request.POST or None,
        initial={
            "category": enrolment.adopter_category or (page.suggestion.category if page.suggestion else "")
        },
    )
    if request.method == "POST" and form.is_valid():
        actions.set_adopter_category(
            enrolment=enrolment, category=form.cleaned_data["category"], by=request.user
        )
        messages.success(request, "The adopter category has been saved.")
        return redirect(base_href(enrolment))
    return render(
        request,
        "programme/adopter_form.jinja",
        {
            "form": form,
            "page": page,
            "enrolment": enrolment,
            "page_title": "Adopter category",
            "breadcrumbs": _crumbs(enrolment),
        },
    )


@require_http_methods(["GET", "POST"])
def readiness_check(request: HttpRequest, public_id: str, practice_id: str) -> HttpResponse:
    enrolment = enrolment_for(request, public_id, practice_id)
    require(request.user, "programme.manage_enrolment", enrolment)
    form = ReadinessForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        actions.record_readiness(enrolment=enrolment, by=request.user, **form.cleaned_data)
        messages.success(request, "The readiness check has been recorded.")
        return redirect(base_href(enrolment))
    return render(
        request,
        "programme/readiness_form.jinja",
        {
            "form": form,
            "enrolment": enrolment,
            "page_title": "Readiness check",
            "breadcrumbs": _crumbs(enrolment),
        },
    )


@require_http_methods(["GET", "POST"])
def withdraw(request: HttpRequest, public_id: str, practice_id: str) -> HttpResponse:
    """The practice's manager or senior partner withdraws the practice from the programme: the reasons,
    then a confirmation; the lead's change of engagement, with its history."""
    enrolment = enrolment_for(request, public_id, practice_id, "programme.view_own_enrolment")
    require(request.user, "programme.withdraw_practice", enrolment)
    practice_href = reverse("practice-detail", args=[enrolment.practice.public_id])
    context = {
        "enrolment": enrolment,
        "practice_href": practice_href,
        "page_title": "Withdraw from the programme",
        "breadcrumbs": [
            {"text": "Home", "href": reverse("home")},
            {"text": enrolment.practice.name, "href": practice_href},
        ],
    }
    if EngagementState(enrolment.state) not in MAY_WITHDRAW_FROM:
        return render(request, "programme/withdraw_not_open.jinja", context)
    form = WithdrawForm(request.POST or None, enrolment=enrolment)
    changing = "change" in request.POST  # back from the confirmation to change the answers
    if request.method == "POST" and form.is_valid() and not changing:
        if request.POST.get("confirm") != "yes":
            context["page_title"] = "Check and withdraw"
            return render(request, "programme/withdraw_confirm.jinja", {**context, "form": form})
        else:
            try:
                actions.withdraw_practice(
                    enrolment=enrolment,
                    by=request.user,
                    **form.exit_record(),
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(
                    request,
                    f"{enrolment.practice.name} has withdrawn from {enrolment.programme.name}. We have told "
                    "the programme lead and your coaches.",
                )
                return redirect(practice_href)
    return render(request, "programme/withdraw.jinja", {**context, "form": form})
