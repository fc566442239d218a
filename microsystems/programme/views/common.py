"""What every programme view shares: finding objects through the permission layer, breadcrumbs, and
turning an action's ValidationError into form errors."""

from typing import Any

from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest
from django.urls import reverse

from microsystems.core.access import visible_or_404

from ..models import Enrolment, Programme


def programme_for(request: HttpRequest, public_id: Any, perm: str = "programme.view_programme") -> Programme:
    """The programme, if the user may see it (404 otherwise); then `perm` on it, also a 404, so a coach or
    evaluator does not learn which management pages exist."""
    programme = visible_or_404(
        request.user,
        "programme.view_programme",
        Programme.objects.select_related("commissioner"),
        public_id=public_id,
    )
    if perm != "programme.view_programme" and not request.user.has_perm(perm, programme):
        from django.http import Http404

        raise Http404("Not found")
    return programme


def enrolment_for(
    request: HttpRequest, public_id: Any, practice_id: Any, perm: str = "programme.view_enrolment"
) -> Enrolment:
    return visible_or_404(
        request.user,
        perm,
        Enrolment.objects.select_related("programme__commissioner", "practice__pcn"),
        programme__public_id=public_id,
        practice__public_id=practice_id,
    )


def programme_crumbs(programme: Programme, *more: tuple[str, str]) -> list[dict[str, str]]:
    crumbs = [
        {"text": "Home", "href": reverse("home")},
        {"text": "Programmes", "href": reverse("programme-list")},
        {"text": programme.name, "href": reverse("programme-detail", args=[programme.public_id])},
    ]
    crumbs += [{"text": text, "href": href} for text, href in more]
    return crumbs


def add_errors(form: Form, error: ValidationError) -> None:
    """Put an action's refusal on the form: on the field it names, if the form has it, else at the top."""
    if hasattr(error, "error_dict"):
        for name, messages in error.message_dict.items():
            for message in messages:
                form.add_error(name if name in form.fields else None, message)
    else:
        for message in error.messages:
            form.add_error(None, message)
