"""Follow up: results against the specific aim, the benefits log, completing the project, the storyboard."""

from __future__ import annotations

import base64
from typing import Any

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from microsystems.core.access import require, visible_or_404
from microsystems.core.numbers import posted_version
from microsystems.measures.views import crumbs
from microsystems.people.models import Organisation, User
from microsystems.projects.models import Project

from . import actions
from .forms import BenefitForm, CompletionForm, PhotoForm
from .models import Benefit, StoryboardPhoto
from .photo import PhotoProblem, prepare
from .playbook import playbook
from .presenters import story

CHANGE = "projects.change_project"
SIZES = {"a4": "A4", "a3": "A3"}
MAX_PHOTO_READ = 5 * 1024 * 1024 + 1  # one byte over the limit is enough to refuse it


def _project(request: HttpRequest, public_id: Any) -> Project:
    return visible_or_404(
        request.user,
        "projects.view_project",
        Project.objects.select_related("practice", "programme"),
        public_id=public_id,
    )


def _actor(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


@require_http_methods(["GET", "POST"])
def home(request: HttpRequest, public_id: Any) -> HttpResponse:
    project = _project(request, public_id)
    completion_form = CompletionForm(request.POST or None, project=project)
    stamp = actions.completion_stamp(project)
    changed: actions.CompletionChanged | None = None
    if request.method == "POST":
        require(request.user, CHANGE, project)
        stamp = request.POST.get("stamp", "")[:40]
        if completion_form.is_valid():
            data = completion_form.cleaned_data
            try:
                actions.complete(
                    project=project,
                    by=_actor(request),
                    lessons=data["lessons"],
                    next_theme=data["next_theme"],
                    owners=completion_form.owners(),
                    based_on=stamp,
                )
            except actions.CompletionChanged as found:
                changed, stamp = found, actions.completion_stamp(project)
            else:
                messages.success(
                    request, "The project is completed. Its measures continue, for the follow-ups."
                )
                return redirect(reverse("follow-up", args=[project.public_id]))
    elif hasattr(project, "completion"):
        completion_form = CompletionForm(
            initial={"lessons": project.completion.lessons, "next_theme": project.completion.next_theme},
            project=project,
        )
    return render(
        request,
        "followup/home.jinja",
        {
            "project": project,
            "story": story(project, made_on=timezone.localdate()),
            "photo": _photo_on_page(project),
            "benefit_form": BenefitForm(),
            "form": completion_form,
            "stamp": stamp,
            "changed": changed,
            "may_change": request.user.has_perm(CHANGE, project),
            "page_title": "Follow up",
            "column": "full",
            "breadcrumbs": crumbs(project),
        },
    )


def benefit_add(request: HttpRequest, public_id: Any) -> HttpResponse:
    project = _project(request, public_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    require(request.user, CHANGE, project)
    form = BenefitForm(request.POST)
    if form.is_valid():
        actions.log_benefit(project=project, by=_actor(request), **form.cleaned_data)
        messages.success(request, "Added to the benefits log.")
    else:
        messages.error(request, "Say what has changed for people.")
    return redirect(reverse("follow-up", args=[project.public_id]) + "#benefits")


@require_http_methods(["GET", "POST"])
def benefit_edit(request: HttpRequest, public_id: Any, benefit_id: int) -> HttpResponse:
    """Change or remove an entry of the benefits log; a change someone else made meanwhile is shown."""
    benefit = visible_or_404(
        request.user,
        "treat.view_work",  # any part of a project its readers may see
        Benefit.objects.select_related("project__practice", "project__programme"),
        project__public_id=public_id,
        id=benefit_id,
    )
    project = benefit.project
    require(request.user, CHANGE, project)
    initial = {"text": benefit.text, "quote": benefit.quote, "said_by": benefit.said_by, "tags": benefit.tags}
    form = BenefitForm(request.POST or None, initial=initial)
    version = benefit.version
    changed: actions.BenefitChanged | None = None
    back = reverse("follow-up", args=[project.public_id]) + "#log"
    if request.method == "POST":
        based_on = posted_version(request.POST)
        try:
            if "remove" in request.POST:
                actions.remove_benefit(benefit=benefit, based_on_version=based_on, by=_actor(request))
                messages.success(request, "Removed from the benefits log.")
                return redirect(back)
            if form.is_valid():
                actions.change_benefit(
                    benefit=benefit, based_on_version=based_on, by=_actor(request), **form.cleaned_data
                )
                messages.success(request, "The entry of the benefits log is saved.")
                return redirect(back)
            version = based_on
        except actions.BenefitChanged as found:
            changed = found
            if found.current is None:
                messages.error(
                    request, "Someone removed that entry of the benefits log while you were editing."
                )
                return redirect(back)
            version = found.current.version
    return render(
        request,
        "followup/benefit.jinja",
        {
            "project": project,
            "benefit": benefit,
            "form": form,
            "version": version,
            "changed": changed,
            "page_title": "Change an entry of the benefits log",
            "breadcrumbs": crumbs(
                project, {"text": "Follow up", "href": reverse("follow-up", args=[project.public_id])}
            ),
        },
    )


def storyboard(request: HttpRequest, public_id: Any, size: str) -> HttpResponse:
    """The storyboard as a PDF poster, A4 or A3, made from the project record with WeasyPrint."""
    project = _project(request, public_id)
    if size not in SIZES:
        raise Http404("No such paper size")
    html = render_to_string(
        "followup/storyboard_pdf.jinja",
        {
            "story": story(project, made_on=timezone.localdate()),
            "size": SIZES[size],
            "photo": _photo_in_pdf(project),
        },
        request=request,
    )
    from weasyprint import HTML

    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="storyboard-{SIZES[size]}.pdf"'
    return response


# --- The team photo: served only to those who may see the project ------------------------------------
def _photo_on_page(project: Project) -> dict[str, Any] | None:
    photo = StoryboardPhoto.objects.filter(project=project).first()
    if photo is None:
        return None
    src = reverse("storyboard-photo", args=[project.public_id]) + f"?v={photo.id}"
    return {"src": src, "alt": photo.alt, "width": photo.width, "height": photo.height}


def _photo_in_pdf(project: Project) -> dict[str, Any] | None:
    """The photo written into the PDF itself: the renderer has no session to fetch it with."""
    photo = StoryboardPhoto.objects.filter(project=project).first()
    if photo is None:
        return None
    try:
        with photo.image.open("rb") as stored:
            data = stored.read()
    except OSError:
        return None
    src = f"data:{photo.content_type};base64,{base64.b64encode(data).decode()}"
    return {"src": src, "alt": photo.alt, "width": photo.width, "height": photo.height}


def storyboard_photo(request: HttpRequest, public_id: Any) -> FileResponse:
    """The picture itself, for those who may see the project (never a public address)."""
    project = _project(request, public_id)
    photo = StoryboardPhoto.objects.filter(project=project).first()
    if photo is None:
        raise Http404("No team photo")
    try:
        stored = photo.image.open("rb")
    except OSError as error:
        raise Http404("The photo's file is missing") from error
    response = FileResponse(stored, content_type=photo.content_type)
    response["Cache-Control"] = "private, max-age=3600"
    return response


@require_http_methods(["GET", "POST"])
def storyboard_photo_edit(request: HttpRequest, public_id: Any) -> HttpResponse:
    """Put up, replace, describe or remove the team photo."""
    project = _project(request, public_id)
    require(request.user, CHANGE, project)
    current = StoryboardPhoto.objects.filter(project=project).first()
    stamp = actions.photo_stamp(project)
    form = PhotoForm(
        request.POST or None,
        request.FILES or None,
        has_photo=current is not None,
        initial={"alt": current.alt if current else ""},
    )
    changed = False
    if request.method == "POST":
        based_on = request.POST.get("stamp", "")[:40]
        done = ""
        try:
            if "remove" in request.POST:
                actions.remove_photo(project=project, based_on=based_on, by=_actor(request))
                done = "The team photo is removed from the storyboard."
            elif form.is_valid():
                upload = form.cleaned_data["photo"]
                prepared = prepare(upload.read(MAX_PHOTO_READ), upload.size) if upload else None
                actions.put_photo(
                    project=project,
                    prepared=prepared,
                    alt=form.cleaned_data["alt"].strip(),
                    based_on=based_on,
                    by=_actor(request),
                )
                done = "The team photo is on the storyboard." if prepared else "The description is saved."
                if prepared and prepared.resized:
                    done += f" It was made {prepared.width} pixels wide, enough for an A3 poster."
        except PhotoProblem as problem:
            form.add_error("photo", str(problem))
        except actions.PhotoChanged:
            changed = True
            current, stamp = (
                StoryboardPhoto.objects.filter(project=project).first(),
                actions.photo_stamp(project),
            )
        if done:
            messages.success(request, done)
            return redirect(reverse("follow-up", args=[project.public_id]) + "#storyboard")
    return render(
        request,
        "followup/photo.jinja",
        {
            "project": project,
            "form": form,
            "photo": _photo_on_page(project) if current else None,
            "stamp": stamp,
            "changed": changed,
            "page_title": "The storyboard's team photo",
            "breadcrumbs": crumbs(
                project, {"text": "Follow up", "href": reverse("follow-up", args=[project.public_id])}
            ),
        },
    )


# --- The playbook: the practice's standard work, beyond any one project ---------------------------
def _practice(request: HttpRequest, public_id: Any) -> Organisation:
    return visible_or_404(request.user, "people.view_organisation", Organisation, public_id=public_id)


def practice_playbook(request: HttpRequest, public_id: Any) -> HttpResponse:
    practice = _practice(request, public_id)
    entries = playbook(practice)
    projects = {e.project_record.pk: e.project_record for e in entries}
    editable = {pk for pk, project in projects.items() if request.user.has_perm(CHANGE, project)}
    return render(
        request,
        "followup/playbook.jinja",
        {
            "practice": practice,
            "entries": entries,
            "editable": editable,
            "page_title": f"Playbook: {practice.name}",
            "breadcrumbs": [
                {"text": "Home", "href": reverse("home")},
                {"text": practice.name, "href": reverse("practice-detail", args=[practice.public_id])},
            ],
        },
    )


def practice_playbook_pdf(request: HttpRequest, public_id: Any) -> HttpResponse:
    """The playbook as an induction pack: one PDF for a new member of staff."""
    practice = _practice(request, public_id)
    html = render_to_string(
        "followup/playbook_pdf.jinja",
        {"practice": practice, "entries": playbook(practice), "made_on": timezone.localdate()},
        request=request,
    )
    from weasyprint import HTML

    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="induction-pack.pdf"'
    return response
