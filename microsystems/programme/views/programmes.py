from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from microsystems.core.access import visible_or_404
from microsystems.people.scope import scope_for

from .. import presenters
from ..models import Programme


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
