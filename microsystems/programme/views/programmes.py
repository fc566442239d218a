from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from microsystems.core.access import visible_or_404
from microsystems.people.scope import scope_for

from .. import presenters
from ..forms import ProgrammeSettingsForm
from ..models import Programme
from .common import programme_crumbs, programme_for


def programme_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "programme/programme_list.jinja",
        {
            "summaries": presenters.summaries(scope_for(request.user).programme_ids),
            "page_title": "Programmes",
        },
    )


def programme_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    programme = visible_or_404(request.user, "programme.view_programme", Programme, public_id=public_id)
    return render(
        request,
        "programme/programme_detail.jinja",
        {
            **presenters.programme_page(programme, request.user),
            "page_title": programme.name,
            "column": "full",
            "breadcrumbs": [
                {"text": "Home", "href": reverse("home")},
                {"text": "Programmes", "href": reverse("programme-list")},
            ],
        },
    )


@require_http_methods(["GET", "POST"])
def programme_settings(request: HttpRequest, public_id: str) -> HttpResponse:
    """The programme's own rules: the first-project payment and its milestones, and the agreement gate."""
    programme = programme_for(request, public_id, "programme.change_programme")
    milestones = "\n".join(f"{label}: {share:g}" for label, share in programme.payment_milestones)
    form = ProgrammeSettingsForm(
        request.POST or None,
        initial={
            "first_project_payment": programme.first_project_payment,
            "milestones": milestones,
            "requires_signed_agreement": "yes" if programme.requires_signed_agreement else "no",
        },
    )
    if request.method == "POST" and form.is_valid():
        programme.first_project_payment = form.cleaned_data["first_project_payment"]
        programme.payment_milestones = form.cleaned_data["milestones"]
        programme.requires_signed_agreement = form.cleaned_data["requires_signed_agreement"]
        programme.save(
            update_fields=["first_project_payment", "payment_milestones", "requires_signed_agreement"]
        )
        messages.success(
            request, "The programme's settings have been saved. They apply to projects started from now."
        )
        return redirect("programme-detail", public_id)
    return render(
        request,
        "programme/settings.jinja",
        {
            "form": form,
            "programme": programme,
            "page_title": "Programme settings",
            "breadcrumbs": programme_crumbs(programme),
        },
    )
