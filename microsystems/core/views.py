from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse

from microsystems.people.models import Organisation
from microsystems.people.presenters import practice_rows
from microsystems.people.scope import scope_for
from microsystems.programme.presenters import summaries
from microsystems.projects.presenters import projects_for_home


def home(request: HttpRequest) -> HttpResponse:
    """One page for every role: a section for each role the user holds."""
    scope = scope_for(request.user)
    return render(
        request,
        "core/home.jinja",
        {
            "page_title": "Home",
            "team_practices": practice_rows(Organisation.objects.filter(id__in=scope.team_organisation_ids))
            if scope.team_organisation_ids
            else [],
            "is_on_a_team": bool(scope.team_organisation_ids),
            "may_start_projects": bool(scope.staff_organisation_ids),
            "start_project_href": _start_project_href(scope.staff_organisation_ids),
            "my_projects": projects_for_home(request.user),
            "coached_practices": practice_rows(Organisation.objects.filter(id__in=scope.coached_practice_ids))
            if scope.coached_practice_ids
            else [],
            "is_coach": "coach" in scope.roles,
            "led_programmes": summaries(scope.led_programme_ids) if scope.led_programme_ids else [],
            "evaluated_programmes": summaries(scope.evaluated_programme_ids - scope.led_programme_ids)
            if scope.evaluated_programme_ids
            else [],
            "has_no_role": not scope.roles,
        },
    )


def _start_project_href(staff_organisation_ids: frozenset[int]) -> str:
    """Where a member of practice staff starts a project for their (first) practice."""
    practice = (
        Organisation.objects.practices().filter(id__in=staff_organisation_ids).order_by("name").first()
        if staff_organisation_ids
        else None
    )
    return reverse("project-start", args=[practice.public_id]) if practice else ""


@login_not_required
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "core/accessibility.jinja", {"page_title": "Accessibility statement"})


@login_not_required
def design_system_asset(request: HttpRequest, path: str) -> HttpResponse:
    """The NHS.UK stylesheet refers to its icons at /assets/…; send those to our pinned copy."""
    return HttpResponsePermanentRedirect(static(f"vendor/nhsuk-frontend/assets/{path}"))
