"""The coach pool, a coach's record, matching coaches with practices, hours and the coaches' space."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from microsystems.core.access import require, visible_or_404

from .. import actions
from ..forms import AddCoachForm, CoachForm, CoachNoteForm, HoursForm, MatchForm, ReplyForm, TrainingForm
from ..models import Coach, CoachAssignment, CoachNote
from ..presenters.coaches import coach_record, coach_space, default_theme, match_page, pool_rows
from ..presenters.enrolments import base_href
from .common import add_errors, enrolment_for, programme_crumbs, programme_for


def own_coach_record(programme: Any, user: Any) -> Coach | None:
    return Coach.objects.filter(programme=programme, user=user).first()


def pool(request: HttpRequest, public_id: str) -> HttpResponse:
    programme = programme_for(request, public_id, "programme.manage_coaches")
    return render(
        request,
        "programme/coach_pool.jinja",
        {
            "rows": pool_rows(programme, timezone.localdate()),
            "programme": programme,
            "page_title": "Coach pool",
            "column": "full",
            "breadcrumbs": programme_crumbs(programme),
        },
    )


def _coach(request: HttpRequest, public_id: str, coach_id: str) -> Coach:
    return visible_or_404(
        request.user,
        "programme.view_coach",
        Coach.objects.select_related("user", "programme", "mentor__user"),
        programme__public_id=public_id,
        public_id=coach_id,
    )


def coach_detail(request: HttpRequest, public_id: str, coach_id: str) -> HttpResponse:
    coach = _coach(request, public_id, coach_id)
    record = coach_record(coach, request.user, request.GET, timezone.localdate())
    crumbs = [("Coach pool", reverse("programme-coaches", args=[public_id]))] if record.may_manage else []
    return render(
        request,
        "programme/coach_detail.jinja",
        {
            "record": record,
            "page_title": coach.user.full_name,
            "column": "full",
            "breadcrumbs": programme_crumbs(coach.programme, *crumbs),
        },
    )


@require_http_methods(["GET", "POST"])
def coach_edit(request: HttpRequest, public_id: str, coach_id: str) -> HttpResponse:
    coach = _coach(request, public_id, coach_id)
    require(request.user, "programme.manage_coaches", coach.programme)
    form = CoachForm(request.POST or None, instance=coach)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"{coach.user.full_name}'s record has been saved.")
        return redirect("programme-coach", public_id, coach_id)
    return render(
        request,
        "programme/coach_form.jinja",
        {
            "form": form,
            "coach": coach,
            "page_title": f"Edit {coach.user.full_name}",
            "breadcrumbs": programme_crumbs(
                coach.programme, ("Coach pool", reverse("programme-coaches", args=[public_id]))
            ),
        },
    )


@require_http_methods(["GET", "POST"])
def coach_training(request: HttpRequest, public_id: str, coach_id: str) -> HttpResponse:
    """The lead records a coach's training, refresher or learning event; a refresher moves the next one on a
    year."""
    coach = _coach(request, public_id, coach_id)
    require(request.user, "programme.manage_coaches", coach.programme)
    form = TrainingForm(request.POST or None, initial={"on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        actions.record_training(coach=coach, by=request.user, **form.cleaned_data)
        messages.success(request, f"The training has been added to {coach.user.full_name}'s record.")
        return redirect("programme-coach", public_id, coach_id)
    return render(
        request,
        "programme/training_form.jinja",
        {
            "form": form,
            "coach": coach,
            "page_title": "Record training",
            "breadcrumbs": programme_crumbs(
                coach.programme,
                ("Coach pool", reverse("programme-coaches", args=[public_id])),
                (coach.user.full_name, reverse("programme-coach", args=[public_id, coach_id])),
            ),
        },
    )


@require_http_methods(["GET", "POST"])
def coach_add(request: HttpRequest, public_id: str) -> HttpResponse:
    programme = programme_for(request, public_id, "programme.manage_coaches")
    form = AddCoachForm(request.POST or None, programme=programme)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            coach = actions.add_coach(
                programme=programme,
                by=request.user,
                name=data["name"],
                email=data["email"],
                experience=data["experience"],
                trained_on=data["trained_on"],
                background=data["background"],
                topics=[t.strip() for t in data["topics_text"].split(",") if t.strip()],
                protected_hours_per_month=data["protected_hours_per_month"] or 0,
                mentor=Coach.objects.filter(programme=programme, pk=data["mentor"]).first()
                if data["mentor"]
                else None,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"{coach.user.full_name} has joined the coach pool.")
            return redirect("programme-coach", public_id, coach.public_id)
    return render(
        request,
        "programme/coach_add.jinja",
        {
            "form": form,
            "programme": programme,
            "page_title": "Add a coach",
            "breadcrumbs": programme_crumbs(
                programme, ("Coach pool", reverse("programme-coaches", args=[public_id]))
            ),
        },
    )


@require_http_methods(["GET", "POST"])
def match(request: HttpRequest, public_id: str, practice_id: str) -> HttpResponse:
    enrolment = enrolment_for(request, public_id, practice_id)
    require(request.user, "programme.manage_enrolment", enrolment)
    theme = request.GET.get("theme", default_theme(enrolment)).strip()[:200]
    page = match_page(enrolment, theme)
    choices = [(str(s.coach.key), s.coach.name) for s in page.matches.suggested]
    form = MatchForm(request.POST or None, coaches=choices)
    if request.method == "POST" and form.is_valid():
        coach = (
            Coach.objects.filter(programme=enrolment.programme, pk=form.cleaned_data["coach"])
            .select_related("user")
            .first()
        )
        if coach is None:
            raise Http404("Not found")
        try:
            actions.match_coach(
                enrolment=enrolment,
                coach=coach,
                part=form.cleaned_data["part"],
                by=request.user,
                override_note=form.cleaned_data["override_note"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"{coach.user.full_name} is matched with {enrolment.practice.name}.")
            return redirect(base_href(enrolment))
    return render(
        request,
        "programme/match.jinja",
        {
            "form": form,
            "page": page,
            "enrolment": enrolment,
            "page_title": "Match a coach",
            "breadcrumbs": programme_crumbs(
                enrolment.programme,
                ("Practices", reverse("programme-practices", args=[public_id])),
                (enrolment.practice.name, base_href(enrolment)),
            ),
        },
    )


@require_http_methods(["GET", "POST"])
def log_hours(request: HttpRequest, public_id: str) -> HttpResponse:
    """A coach logs time given to one of the practices they coach."""
    from microsystems.projects.models import Project

    programme = programme_for(request, public_id, "programme.use_coach_space")
    coach = own_coach_record(programme, request.user)
    if coach is None:
        raise Http404("Not found")
    assignments = list(
        CoachAssignment.objects.filter(coach=coach, ended_on__isnull=True).select_related(
            "enrolment__practice"
        )
    )
    enrolments = {str(a.enrolment.practice.public_id): a.enrolment for a in assignments}
    projects = {
        str(p.public_id): p
        for p in Project.objects.filter(
            programme=programme, practice_id__in=[e.practice_id for e in enrolments.values()]
        ).select_related("practice")
    }
    form = HoursForm(
        request.POST or None,
        practices=[(key, e.practice.name) for key, e in enrolments.items()],
        projects=[(key, f"{p.title} ({p.practice.name})") for key, p in projects.items()],
        initial={"on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        enrolment = enrolments[data["enrolment"]]
        require(request.user, "programme.log_hours", enrolment)
        try:
            actions.log_hours(
                coach=coach,
                enrolment=enrolment,
                project=projects.get(data["project"]),
                by=request.user,
                on=data["on"],
                kind=data["kind"],
                hours=data["hours"],
                note=data["note"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"{data['hours']} hours logged for {enrolment.practice.name}.")
            return redirect("programme-coach", public_id, coach.public_id)
    return render(
        request,
        "programme/hours_form.jinja",
        {
            "form": form,
            "programme": programme,
            "coach": coach,
            "page_title": "Log coaching hours",
            "breadcrumbs": programme_crumbs(
                programme,
                ("Your coaching record", reverse("programme-coach", args=[public_id, coach.public_id])),
            ),
        },
    )


@require_http_methods(["GET", "POST"])
def space(request: HttpRequest, public_id: str) -> HttpResponse:
    """The coaches' private space: notes to share and requests for help. Only coaches see it."""
    programme = programme_for(request, public_id, "programme.use_coach_space")
    author = own_coach_record(programme, request.user)
    if author is None:
        raise Http404("Not found")
    replying = request.method == "POST" and bool(request.POST.get("reply-reply_to"))
    form = CoachNoteForm(request.POST if request.method == "POST" and not replying else None)
    reply_form = ReplyForm(request.POST if replying else None, prefix="reply")
    if replying and reply_form.is_valid():
        reply_to = CoachNote.objects.filter(
            programme=programme, public_id=reply_form.cleaned_data["reply_to"], reply_to__isnull=True
        ).first()
        if reply_to is None:
            raise Http404("Not found")
        actions.post_note(
            programme=programme, author=author, reply_to=reply_to, body=reply_form.cleaned_data["body"]
        )
        messages.success(request, "Your reply has been shared with the other coaches.")
        return redirect("programme-coach-space", public_id)
    if form.is_bound and form.is_valid():
        actions.post_note(programme=programme, author=author, **form.cleaned_data)
        messages.success(request, "Your note has been shared with the other coaches.")
        return redirect("programme-coach-space", public_id)
    return render(
        request,
        "programme/coach_space.jinja",
        {
            "form": reply_form if replying else form,
            "note_form": form,
            "reply_form": reply_form,
            "notes": coach_space(programme),
            "programme": programme,
            "page_title": "Coaches' space",
            "breadcrumbs": programme_crumbs(programme),
        },
    )


def end_coaching(request: HttpRequest, public_id: str, practice_id: str, coach_id: str) -> HttpResponse:
    """The lead ends a coach's assignment with a practice (the coach moved on); the history is kept."""
    enrolment = enrolment_for(request, public_id, practice_id)
    require(request.user, "programme.manage_enrolment", enrolment)
    assignment = (
        CoachAssignment.objects.filter(enrolment=enrolment, coach__public_id=coach_id, ended_on__isnull=True)
        .select_related("coach__user")
        .first()
    )
    if assignment is None:
        raise Http404("Not found")
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    actions.end_assignment(assignment=assignment, by=request.user)
    messages.success(
        request, f"{assignment.coach.user.full_name} no longer coaches {enrolment.practice.name}."
    )
    return redirect(base_href(enrolment))
