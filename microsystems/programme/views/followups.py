"""Completing a project (which schedules its follow-ups), the list of reviews due, and recording one."""

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
from ..forms import CompleteForm, ReviewForm
from ..models import FollowUpReview
from ..presenters.followups import follow_up_list, review_page
from ..presenters.funding import project_page
from .common import add_errors, programme_crumbs, programme_for
from .funding import project_crumbs, project_for


def complete(request: HttpRequest, public_id: str, project_id: str) -> HttpResponse:
    found = project_for(request, public_id, project_id)
    require(request.user, "programme.complete_project", found)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = CompleteForm(request.POST)
    if form.is_valid():
        try:
            reviews = actions.complete_project(
                project=found, completed_on=form.cleaned_data["completed_on"], by=request.user
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            dates = " and ".join(f"{r.due_on.day} {r.due_on:%B %Y}" for r in reviews)
            messages.success(
                request, f"“{found.title}” is complete. Follow-up reviews are scheduled for {dates}."
            )
            return redirect("programme-project", public_id, project_id)
    return render(
        request,
        "programme/project.jinja",
        {
            "page": project_page(found, request.user, timezone.localdate()),
            "complete_form": form,
            "form": form,
            "page_title": found.title,
            "breadcrumbs": project_crumbs(request, found),
        },
        status=400,
    )


def follow_ups(request: HttpRequest, public_id: str) -> HttpResponse:
    programme = programme_for(request, public_id, "programme.view_follow_ups")
    return render(
        request,
        "programme/follow_ups.jinja",
        {
            "reviews": follow_up_list(programme, timezone.localdate(), request.GET),
            "programme": programme,
            "page_title": "Follow-up reviews",
            "column": "full",
            "breadcrumbs": programme_crumbs(programme),
        },
    )


@require_http_methods(["GET", "POST"])
def review(request: HttpRequest, public_id: str, review_id: str) -> HttpResponse:
    found = visible_or_404(
        request.user,
        "programme.view_project_programme",
        FollowUpReview.objects.select_related("project__programme", "project__practice"),
        project__programme__public_id=public_id,
        public_id=review_id,
    )
    project = found.project
    initial: dict[str, Any] = {"held_on": timezone.localdate()}
    if found.held_on:
        initial.update(
            {
                "held_on": found.held_on,
                "change_in_place": found.change_in_place,
                "adaptations": found.adaptations,
                "measure_collected": found.measure_collected,
                "chart_says": found.chart_says,
                "who_left": found.who_left,
                "slip_reasons": found.slip_reasons,
                "what_slipped": found.what_slipped,
                "refresher_wanted": ""
                if found.refresher_wanted is None
                else ("yes" if found.refresher_wanted else "no"),
                "what_next": found.what_next,
                "embedding": found.embedding,
                "progress_score": str(found.progress_score) if found.progress_score is not None else "",
            }
        )
        initial.update(
            {f"factor_{f}": str(level) for f, level in found.ratings.values_list("factor", "level")}
        )
    form = ReviewForm(request.POST or None, initial=initial)
    if request.method == "POST":
        require(request.user, "programme.record_review", found)
        if form.is_valid():
            try:
                actions.record_review(
                    review=found,
                    held_on=form.cleaned_data["held_on"],
                    by=request.user,
                    ratings=form.ratings(),
                    **form.answers(),
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, f"The {found.get_kind_display()} has been recorded.")
                return redirect("programme-project", public_id, project.public_id)
    page = review_page(found, request.user, timezone.localdate())
    crumbs = [
        *project_crumbs(request, project),
        {"text": project.title, "href": reverse("programme-project", args=[public_id, project.public_id])},
    ]
    return render(
        request,
        "programme/review.jinja",
        {
            "page": page,
            "form": form,
            "page_title": f"{found.get_kind_display()}: {project.title}",
            "breadcrumbs": crumbs,
        },
    )
