"""The workbook's pages: start a project, its path, its worksheets, its meetings and actions."""

import zipfile
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from microsystems.core.access import require, visible_or_404
from microsystems.core.numbers import whole_number
from microsystems.people.models import Organisation, User
from microsystems.programme import gates
from microsystems.programme.models import Enrolment

from . import actions, live_actions, meeting_actions, meeting_presenters, presenters
from .forms import (
    PAPER_SIZES,
    ActionForm,
    CauseForm,
    CycleVisitForm,
    EffectForm,
    IdeaForm,
    LeftTeamForm,
    MapOutlineForm,
    MapStepForm,
    MeetingRecordForm,
    OwnAnswersForm,
    ParkForm,
    PopulationUploadForm,
    PosterPaperForm,
    ProcessRatingForm,
    ProjectDetailsForm,
    ReportUploadForm,
    ScheduleForm,
    SelfAssessmentForm,
    StartProjectForm,
    TallyForm,
    WorksheetForm,
)
from .gating import after_step_one
from .method import STEPS, TOOLS, TOOLS_BY_ID, TOOLS_BY_SLUG, PathKind, Tool
from .models import (
    Action,
    Cause,
    CycleVisit,
    Idea,
    InterruptionTally,
    Meeting,
    PopulationImport,
    ProcessMap,
    ProcessRating,
    Project,
    SelfAssessment,
    TeamMember,
    ToolMark,
    Worksheet,
)

VIEW = "projects.view_project"
CHANGE = "projects.change_project"


def _project(request: HttpRequest, public_id: Any) -> Project:
    return visible_or_404(
        request.user, VIEW, Project.objects.select_related("practice", "programme"), public_id=public_id
    )


def _actor(request: HttpRequest) -> User:
    """The signed-in user (every page of the workbook needs one: the middleware sends others to sign in)."""
    assert isinstance(request.user, User)
    return request.user


def _not_a_post(request: HttpRequest) -> HttpResponse | None:
    """For views that only take a POST: checked after the project is found, so that a user who may not
    see the project gets a 404 whatever the method."""
    return HttpResponseNotAllowed(["POST"]) if request.method != "POST" else None


def _crumbs(project: Project, *more: dict[str, str]) -> list[dict[str, str]]:
    return [
        {"text": "Home", "href": reverse("home")},
        {
            "text": project.practice.name,
            "href": reverse("practice-detail", args=[project.practice.public_id]),
        },
        *more,
    ]


def _project_crumb(project: Project) -> dict[str, str]:
    return {"text": project.title, "href": presenters.project_href(project)}


def _terms(project: Project) -> dict[str, str]:
    return dict(project.programme.terminology or {})


def _tool(slug: str) -> Tool:
    found = TOOLS_BY_SLUG.get(slug)
    if found is None:
        raise Http404("No such tool")
    return found


# --- Starting a project --------------------------------------------------------------------------
@require_http_methods(["GET", "POST"])
def start(request: HttpRequest, practice_id: Any) -> HttpResponse:
    practice = visible_or_404(request.user, "people.view_organisation", Organisation, public_id=practice_id)
    require(request.user, "projects.add_project", practice)
    enrolment = Enrolment.objects.filter(practice=practice).select_related("programme").first()
    if enrolment is None:
        raise Http404("The practice is not enrolled in a programme")
    programme = enrolment.programme
    form = StartProjectForm(request.POST or None, practice=practice, programme=programme)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        project = actions.start_project(
            programme=programme,
            practice=practice,
            title=data["title"],
            microsystems=data["microsystems"],
            champion=data["champion"],
            sponsor=data["sponsor"],
            members=data["members"],
            patients=data["patients"],
            no_patient_reason=data["no_patient_reason"],
            coaches=data["coaches"],
            typology=data["typology"],
            path_kind=PathKind(data["path_kind"]),
            by=_actor(request),
        )
        messages.success(request, "The project has started. Its lead team can now see it.")
        return redirect(presenters.project_href(project))
    return render(
        request,
        "projects/start.jinja",
        {
            "form": form,
            "practice": practice,
            "step_one_gate": gates.may_start_past_step_one(programme, practice.pk).reason,
            "ongoing_resources": gates.practice_needs_ongoing_resources(programme.pk, practice.pk),
            "terminology": dict(programme.terminology or {}),
            "page_title": "Start an improvement project",
            "breadcrumbs": [
                {"text": "Home", "href": reverse("home")},
                {"text": practice.name, "href": reverse("practice-detail", args=[practice.public_id])},
            ],
        },
    )


# --- The project and its path -------------------------------------------------------------------
def detail(request: HttpRequest, public_id: Any) -> HttpResponse:
    project = _project(request, public_id)
    page = presenters.project_page(project, request.user)
    return render(
        request,
        "projects/detail.jinja",
        {
            "page": page,
            "asks": presenters.views_asked(project, request.user),
            "step_one_gate": gates.may_move_past_step_one(project).reason
            if project.status == "active"
            else "",
            "ongoing_resources": project.status == "active" and gates.needs_ongoing_resources(project),
            "terminology": page.terminology,
            "page_title": project.title,
            "column": "full",
            "breadcrumbs": _crumbs(project),
        },
    )


def mark_tool(request: HttpRequest, public_id: Any, slug: str) -> HttpResponse:
    project = _project(request, public_id)
    if refused := _not_a_post(request):
        return refused
    tool = _tool(slug)
    mark = request.POST.get("mark", "")
    if mark == ToolMark.Mark.NOT_NEEDED or mark == "needed":
        require(request.user, "projects.change_path", project)
    else:
        require(request.user, CHANGE, project)
    if mark not in {"done", "not_needed", "needed"}:
        raise Http404("Unknown mark")
    try:
        actions.mark_tool(
            project=project, tool=tool, mark=None if mark == "needed" else mark, by=_actor(request)
        )
    except actions.StepOneGate as closed:
        messages.error(request, closed.reason)
    return redirect(presenters.project_href(project) + f"#{tool.slug}")


def choose_path(request: HttpRequest, public_id: Any) -> HttpResponse:
    project = _project(request, public_id)
    if refused := _not_a_post(request):
        return refused
    require(request.user, "projects.change_path", project)
    kind = request.POST.get("path_kind", "")
    if kind not in PathKind.__members__.values():
        raise Http404("Unknown path")
    actions.set_path_kind(project=project, path_kind=PathKind(kind), by=_actor(request))
    return redirect(presenters.project_href(project))


def guidance(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "projects/guidance.jinja",
        {
            "steps": [(step, [t for t in TOOLS if t.step == step.number]) for step in STEPS],
            "page_title": "The improvement workbook: guidance",
        },
    )


def blank_worksheets(request: HttpRequest) -> HttpResponse:
    """Every worksheet, blank, for the master file: printed one to a page for teams who work on paper;
    then the paper forms of the step 2 tools that collect from everyone (the tally card, the visit sheet,
    the process ratings and the self-assessment)."""
    from .assessment import CHARACTERISTICS
    from .cycle_time import SUGGESTED_VISITS
    from .interruptions import CATEGORIES
    from .processes import PROCESSES, RATINGS

    return render(
        request,
        "projects/blank_worksheets.jinja",
        {
            "tools": [t for t in TOOLS if t.is_worksheet],
            "paper": {tool_id: TOOLS_BY_ID[tool_id] for tool_id in ("T2.6", "T2.11", "T2.12", "A")},
            "categories": CATEGORIES,
            "visits": SUGGESTED_VISITS,
            "processes": PROCESSES,
            "ratings": [label for _, label, _ in RATINGS],
            "characteristics": CHARACTERISTICS,
            "page_title": "Blank worksheets",
            "breadcrumbs": [
                {"text": "Home", "href": reverse("home")},
                {"text": "Guidance", "href": reverse("workbook-guidance")},
            ],
        },
    )


# --- Worksheets: versioned, with history ----------------------------------------------------------
@require_http_methods(["GET", "POST"])
def worksheet(request: HttpRequest, public_id: Any, slug: str) -> HttpResponse:
    from .sheets import own_version, people_of, rows_of

    project = _project(request, public_id)
    tool = _tool(slug)
    if not tool.is_worksheet:
        raise Http404("This tool has no worksheet")
    sheet = Worksheet.objects.filter(project=project, tool_id=tool.id).select_related("updated_by").first()
    saved = dict(sheet.answers) if sheet else {}
    may_change = request.user.has_perm(CHANGE, project)
    may_answer = bool(tool.own) and request.user.has_perm("projects.rate_self_assessment", project)
    here = reverse("project-worksheet", args=[project.public_id, tool.slug])
    conflict: actions.Conflict | None = None
    own_conflict: actions.OwnConflict | None = None
    mine = people_of(saved).get(request.user.pk or 0, {}).get("answers", {})
    own_form = (
        OwnAnswersForm(
            initial={"own_version": own_version(saved, request.user.pk or 0)}
            | {f"own_{k}": v for k, v in mine.items()},
            tool=tool,
        )
        if may_answer
        else None
    )
    initial: dict[str, Any] = {k: v for k, v in saved.items() if isinstance(v, str)}
    initial |= WorksheetForm.initial_rows(rows_of(saved))
    initial["version"] = sheet.version if sheet else 0
    form = WorksheetForm(initial=initial, tool=tool, rows=len(rows_of(saved)))
    if request.method == "POST" and request.POST.get("save") == "own":
        require(request.user, "projects.rate_self_assessment", project)
        if not tool.own:
            raise Http404("This worksheet has no questions for each person")
        own_form = OwnAnswersForm(request.POST, tool=tool)
        if own_form.is_valid():
            try:
                actions.save_own_answers(
                    project=project,
                    tool=tool,
                    answers=own_form.answers(),
                    based_on_version=own_form.cleaned_data["own_version"],
                    by=_actor(request),
                )
            except actions.StepOneGate as closed:
                own_form.add_error(None, closed.reason)
            except actions.OwnConflict as found:
                own_conflict = found
                data = request.POST.copy()
                data["own_version"] = str(own_version(saved, request.user.pk or 0))
                own_form = OwnAnswersForm(data, tool=tool)
                own_form.is_valid()
            else:
                messages.success(request, "Your answers are saved. The team can see them below.")
                return redirect(here + "#everyone")
    elif request.method == "POST":
        require(request.user, CHANGE, project)
        form = WorksheetForm(request.POST, tool=tool)
        if form.is_valid():
            try:
                actions.save_worksheet(
                    project=project,
                    tool=tool,
                    answers={f.name: form.cleaned_data.get(f.name, "") for f in tool.fields},
                    rows=form.cleaned_data.get("rows"),
                    based_on_version=form.cleaned_data["version"],
                    by=_actor(request),
                )
            except actions.StepOneGate as closed:
                form.add_error(None, closed.reason)
            except actions.Conflict as found:
                conflict = found
                # Keep what this person typed; the version moves on so a second save is deliberate.
                data = request.POST.copy()
                data["version"] = str(found.their_version)
                form = WorksheetForm(data, tool=tool)
                form.is_valid()
            else:
                messages.success(request, f"{tool.name} saved.")
                return redirect(here)
    elif sheet is None or sheet.version == 0:
        suggested = presenters.suggested_answers(project, tool)
        if suggested:
            drafted_rows = sum(1 for key in suggested if key.startswith("row") and key.endswith("_process"))
            form = WorksheetForm(initial={**suggested, "version": 0}, tool=tool, rows=drafted_rows)
    people = presenters.people_answers(project, tool, sheet)
    return render(
        request,
        "projects/worksheet.jinja",
        {
            "project": project,
            "tool": tool,
            "form": form,
            "own_form": own_form,
            "may_change": may_change,
            "answers": presenters.answers_of(tool, saved),
            "rows": rows_of(saved),
            "people": people,
            "own_summary": presenters.own_summary(tool, people, str(saved.get("inputs", ""))),
            "sheet": sheet,
            "conflict": conflict,
            "own_conflict": own_conflict,
            "theirs": presenters.answers_of(tool, dict(conflict.theirs)) if conflict else [],
            "history": presenters.worksheet_history(sheet, tool),
            "warnings": presenters.worksheet_warnings(project, tool, sheet),
            "suggestions": presenters.suggestions(project, tool),
            "theme": presenters.chosen_theme(project, tool),
            "guidance_href": presenters.guidance_href(tool),
            "terminology": _terms(project),
            "page_title": tool.name,
            "breadcrumbs": _crumbs(project, _project_crumb(project)),
        },
    )


# --- Meetings and actions -------------------------------------------------------------------------
def _team_users(project: Project, meeting: Meeting | None = None) -> list[Any]:
    """Those still on the lead team (and, for a meeting's record, whoever already holds one of its roles,
    so the record of a past meeting keeps the people who were there)."""
    members = TeamMember.objects.filter(project=project).select_related("user")
    if meeting is None:
        return [m.user for m in members.current()]
    holders = {meeting.leader_id, meeting.facilitator_id, meeting.timekeeper_id, meeting.recorder_id}
    return [m.user for m in members if m.left_on is None or m.user_id in holders]


@require_http_methods(["GET", "POST"])
def meetings(request: HttpRequest, public_id: Any) -> HttpResponse:
    project = _project(request, public_id)
    form = ScheduleForm(request.POST or None)
    if request.method == "POST":
        require(request.user, CHANGE, project)
        if form.is_valid():
            created = actions.schedule_meetings(
                project=project,
                first=form.first(),
                count=form.cleaned_data["count"],
                frequency=form.cleaned_data["frequency"],
                by=_actor(request),
            )
            messages.success(request, f"{len(created)} meetings planned, with roles shared out in turn.")
            return redirect(reverse("project-meetings", args=[project.public_id]))
    open_actions = presenters.open_actions(project)
    return render(
        request,
        "projects/meetings.jinja",
        {
            "project": project,
            "form": form,
            "meetings": presenters.meeting_rows(project),
            "trend": meeting_presenters.meeting_trend(project),
            "actions": presenters.action_rows(project, open_actions),
            "action_form": ActionForm(team=_team_users(project)),
            "may_change": request.user.has_perm(CHANGE, project),
            "terminology": _terms(project),
            "page_title": "Meetings and actions",
            "breadcrumbs": _crumbs(project, _project_crumb(project)),
        },
    )


def _meeting(request: HttpRequest, public_id: Any, number: int) -> tuple[Project, Meeting]:
    project = _project(request, public_id)
    meeting = (
        Meeting.objects.filter(project=project, number=number)
        .select_related(
            "project__practice", "project__programme", "leader", "facilitator", "timekeeper", "recorder"
        )
        .prefetch_related("agenda")
        .first()
    )
    if meeting is None:
        raise Http404("No such meeting")
    return project, meeting


@require_http_methods(["GET", "POST"])
def meeting(request: HttpRequest, public_id: Any, number: int) -> HttpResponse:
    project, found = _meeting(request, public_id, number)
    team = _team_users(project, found)
    stale = False
    if request.method == "POST":
        require(request.user, CHANGE, project)
        form = MeetingRecordForm(request.POST, team=team)
        if form.is_valid():
            data = dict(form.cleaned_data)
            version = data.pop("version")
            if meeting_actions.save_record(
                meeting=found, fields=data, based_on_version=version, by=_actor(request)
            ):
                messages.success(request, f"The record of meeting {found.number} has been saved.")
                return redirect(reverse("project-meeting", args=[project.public_id, found.number]))
            stale = True
            found.refresh_from_db()
            posted = request.POST.copy()
            posted["version"] = str(found.version)
            form = MeetingRecordForm(posted, team=team)
            form.is_valid()
    else:
        form = MeetingRecordForm(
            initial={
                "version": found.version,
                "aim": found.aim,
                "notes": found.notes,
                "decisions": found.decisions,
                "score": found.score,
                "went_well": found.went_well,
                "to_change": found.to_change,
                "leader": found.leader_id,
                "facilitator": found.facilitator_id,
                "timekeeper": found.timekeeper_id,
                "recorder": found.recorder_id,
            },
            team=team,
        )
    return render(
        request,
        "projects/meeting.jinja",
        {
            "project": project,
            "page": presenters.meeting_page(found),
            "last_time": meeting_presenters.last_time(found),
            "revisions": meeting_presenters.revisions(found),
            "agenda_href": meeting_presenters.agenda_href(found),
            "form": form,
            "stale": stale,
            "may_change": request.user.has_perm(CHANGE, project),
            "action_form": ActionForm(team=team),
            "park_form": ParkForm(),
            "terminology": _terms(project),
            "page_title": f"Meeting {found.number}",
            "breadcrumbs": _crumbs(
                project,
                _project_crumb(project),
                {"text": "Meetings", "href": reverse("project-meetings", args=[project.public_id])},
            ),
        },
    )


def meeting_live(request: HttpRequest, public_id: Any, number: int) -> HttpResponse:
    project, found = _meeting(request, public_id, number)
    poll_href = reverse("project-meeting-live", args=[project.public_id, found.number]) + "?part=actions"
    if request.GET.get("part") == "actions":
        # The list alone, polled by the page so that everyone's screen shows the actions captured.
        raised = Action.objects.filter(project=project, meeting=found).select_related("owner")
        return render(
            request,
            "projects/_action_list.jinja",
            {"actions": presenters.action_rows(project, raised), "poll_href": poll_href},
        )
    return render(
        request,
        "projects/meeting_live.jinja",
        {
            "project": project,
            "page": presenters.meeting_page(found),
            "last_time": meeting_presenters.last_time(found),
            "may_change": request.user.has_perm(CHANGE, project),
            "action_form": ActionForm(team=_team_users(project)),
            "terminology": _terms(project),
            "poll_href": poll_href,
            "page_title": f"Meeting {found.number}: meeting mode",
            "column": "full",
            "breadcrumbs": _crumbs(
                project,
                _project_crumb(project),
                {"text": "Meetings", "href": reverse("project-meetings", args=[project.public_id])},
            ),
        },
    )


def meeting_summary(request: HttpRequest, public_id: Any, number: int) -> HttpResponse:
    project, found = _meeting(request, public_id, number)
    return render(
        request,
        "projects/meeting_summary.jinja",
        {
            "project": project,
            "page": presenters.meeting_page(found),
            "open_actions": presenters.action_rows(project, presenters.open_actions(project)),
            "next_meeting": meeting_presenters.next_meeting(found),
            "terminology": _terms(project),
            "page_title": f"{project.title}: meeting {found.number} summary",
            "breadcrumbs": _crumbs(
                project,
                _project_crumb(project),
                {"text": "Meetings", "href": reverse("project-meetings", args=[project.public_id])},
            ),
        },
    )


def action_add(request: HttpRequest, public_id: Any) -> HttpResponse:
    project = _project(request, public_id)
    if refused := _not_a_post(request):
        return refused
    require(request.user, CHANGE, project)
    team = _team_users(project)
    form = ActionForm(request.POST, team=team)
    number = whole_number(request.POST.get("meeting"))
    found = Meeting.objects.filter(project=project, number=number).first() if number else None
    if form.is_valid():
        actions.add_action(
            project=project,
            text=form.cleaned_data["text"],
            owner=form.cleaned_data["owner"],
            due_on=form.cleaned_data["due_on"],
            meeting=found,
            by=_actor(request),
        )
        form = ActionForm(team=team)
    if request.headers.get("HX-Request"):
        raised = (
            Action.objects.filter(project=project, meeting=found)
            if found
            else presenters.open_actions(project)
        )
        return render(
            request,
            "projects/_actions.jinja",
            {
                "project": project,
                "actions": presenters.action_rows(project, raised.select_related("owner")),
                "action_form": form,
                "meeting_number": found.number if found else None,
                "may_change": True,
                "poll_href": reverse("project-meeting-live", args=[project.public_id, found.number])
                + "?part=actions"
                if found
                else None,
            },
        )
    if form.errors:
        messages.error(
            request,
            "The action was not added: " + " ".join(str(e) for errs in form.errors.values() for e in errs),
        )
    back = (
        reverse("project-meeting", args=[project.public_id, found.number])
        if found
        else reverse("project-meetings", args=[project.public_id])
    )
    return redirect(back)


def action_done(request: HttpRequest, public_id: Any, action_id: int) -> HttpResponse:
    project = _project(request, public_id)
    if refused := _not_a_post(request):
        return refused
    require(request.user, CHANGE, project)
    found = Action.objects.filter(project=project, id=action_id).first()
    if found is None:
        raise Http404("No such action")
    actions.complete_action(action=found, by=_actor(request))
    messages.success(request, f"Done: {found.text}")
    back = request.POST.get("next", "")
    if not (back.startswith("/") and not back.startswith("//")):
        back = reverse("project-meetings", args=[project.public_id])
    return redirect(back)


def park(request: HttpRequest, public_id: Any) -> HttpResponse:
    project = _project(request, public_id)
    if refused := _not_a_post(request):
        return refused
    require(request.user, CHANGE, project)
    form = ParkForm(request.POST)
    number = whole_number(request.POST.get("meeting"))
    found = Meeting.objects.filter(project=project, number=number).first() if number else None
    if form.is_valid():
        actions.park_idea(project=project, text=form.cleaned_data["text"], meeting=found, by=_actor(request))
        messages.success(request, "The idea is in the parking lot.")
    back = (
        reverse("project-meeting", args=[project.public_id, found.number])
        if found
        else presenters.project_href(project)
    )
    return redirect(back)


# --- Step 3: themes with multi-voting, the fishbone ---------------------------------------------------
@require_http_methods(["GET", "POST"])
@after_step_one("T3.1")
def themes(request: HttpRequest, public_id: Any) -> HttpResponse:
    project = _project(request, public_id)
    form = IdeaForm(request.POST or None)
    if request.method == "POST":
        require(request.user, CHANGE, project)
        if request.POST.get("from") == "found":
            found = presenters.themes_page(project, request.user).found_themes
            added = actions.add_ideas(project=project, list_key="themes", texts=found, by=_actor(request))
            messages.success(request, f"{added} themes brought over from What we found.")
            return redirect(reverse("project-themes", args=[project.public_id]))
        if form.is_valid():
            actions.add_idea(
                project=project, list_key="themes", text=form.cleaned_data["text"], by=_actor(request)
            )
            return redirect(reverse("project-themes", args=[project.public_id]))
    return render(
        request,
        "projects/themes.jinja",
        {
            "project": project,
            "page": presenters.themes_page(project, request.user),
            "form": form,
            "may_change": request.user.has_perm(CHANGE, project),
            "may_choose": request.user.has_perm("projects.choose_theme", project),
            "terminology": _terms(project),
            "page_title": "Choose a theme",
            "breadcrumbs": _crumbs(project, _project_crumb(project)),
        },
    )


@after_step_one("T3.1", page=False)
def theme_vote(request: HttpRequest, public_id: Any, idea_id: int) -> HttpResponse:
    project = _project(request, public_id)
    if refused := _not_a_post(request):
        return refused
    require(request.user, CHANGE, project)
    idea = Idea.objects.filter(project=project, id=idea_id).first()
    if idea is None:
        raise Http404("No such theme")
    try:
        actions.toggle_vote(idea=idea, by=_actor(request))
    except actions.OutOfVotes:
        messages.error(request, "You have used all your votes. Take one back to vote for this theme.")
    return redirect(reverse("project-themes", args=[project.public_id]) + "#ranking")


@after_step_one("T3.1", page=False)
def theme_choose(request: HttpRequest, public_id: Any, idea_id: int) -> HttpResponse:
    project = _project(request, public_id)
    if refused := _not_a_post(request):
        return refused
    require(request.user, "projects.choose_theme", project)
    idea = Idea.objects.filter(project=project, id=idea_id).first()
    if idea is None:
        raise Http404("No such theme")
    actions.choose_theme(idea=idea, by=_actor(request))
    messages.success(request, f"Your theme: {idea.text}. Next, write the global aim.")
    return redirect(reverse("project-themes", args=[project.public_id]))


@require_http_methods(["GET", "POST"])
@after_step_one("T3.4")
def fishbone(request: HttpRequest, public_id: Any) -> HttpResponse:
    from .fishbone import DEFAULT_CATEGORIES

    project = _project(request, public_id)
    if request.method == "GET" and "change" in request.GET:
        # A cause opened to reword or move it, in place in the list (the live fragment draws it).
        from .live_views import fishbone_page

        return fishbone_page(request, project, {"editing": whole_number(request.GET.get("change"))})
    page = presenters.fishbone_page(project, request.user)
    categories = [name for name, _ in page.categories] or list(DEFAULT_CATEGORIES)
    effect_form = EffectForm(initial={"effect": page.effect, "version": page.version})
    cause_form = CauseForm(categories=categories)
    stale = False
    if request.method == "POST":
        require(request.user, CHANGE, project)
        if "effect" in request.POST:
            effect_form = EffectForm(request.POST)
            if effect_form.is_valid():
                if actions.save_effect(
                    project=project,
                    effect=effect_form.cleaned_data["effect"],
                    based_on_version=effect_form.cleaned_data["version"],
                    by=_actor(request),
                ):
                    return redirect(reverse("project-fishbone", args=[project.public_id]))
                stale = True
        else:
            cause_form = CauseForm(request.POST, categories=categories)
            parent_id = whole_number(request.POST.get("parent"))
            parent = Cause.objects.filter(project=project, id=parent_id).first() if parent_id else None
            if cause_form.is_valid():
                actions.add_cause(
                    project=project,
                    category=cause_form.cleaned_data["category"],
                    text=cause_form.cleaned_data["text"],
                    parent=parent,
                    by=_actor(request),
                )
                return redirect(reverse("project-fishbone", args=[project.public_id]) + "#causes")
        page = presenters.fishbone_page(project, request.user)
    return render(
        request,
        "projects/fishbone.jinja",
        {
            "project": project,
            "page": page,
            "effect_form": effect_form,
            "cause_form": cause_form,
            "form": effect_form if effect_form.errors else cause_form,
            "stale": stale,
            "may_change": request.user.has_perm(CHANGE, project),
            "terminology": _terms(project),
            "page_title": "Fishbone",
            "column": "full",
            "breadcrumbs": _crumbs(project, _project_crumb(project)),
        },
    )


@after_step_one("T3.4", page=False)
def cause_vote(request: HttpRequest, public_id: Any, cause_id: int) -> HttpResponse:
    project = _project(request, public_id)
    if refused := _not_a_post(request):
        return refused
    require(request.user, CHANGE, project)
    cause = Cause.objects.filter(project=project, id=cause_id).first()
    if cause is None:
        raise Http404("No such cause")
    actions.toggle_cause_vote(cause=cause, by=_actor(request))
    return redirect(reverse("project-fishbone", args=[project.public_id]) + "#causes")


# --- Step 2: the 5Ps at a glance, the self-assessment -------------------------------------------------
@after_step_one("T2.1")
def five_ps(request: HttpRequest, public_id: Any) -> HttpResponse:
    """The poster; `?paper=a3` sets it to print on A3 (A4 otherwise)."""
    project = _project(request, public_id)
    paper_form = PosterPaperForm(request.GET if "paper" in request.GET else None)
    paper = paper_form.cleaned_data["paper"] if paper_form.is_valid() else "a4"
    return render(
        request,
        "projects/five_ps.jinja",
        {
            "project": project,
            "panels": presenters.five_ps(project),
            "paper_form": paper_form,
            "paper": paper,
            "paper_name": PAPER_SIZES[paper],
            "chosen": paper_form.is_bound and paper_form.is_valid(),
            "terminology": _terms(project),
            "page_title": "5Ps at a glance",
            "column": "full",
            "breadcrumbs": _crumbs(project, _project_crumb(project)),
        },
    )


@require_http_methods(["GET", "POST"])
def self_assessment(request: HttpRequest, public_id: Any) -> HttpResponse:
    project = _project(request, public_id)
    may_rate = request.user.has_perm("projects.rate_self_assessment", project)
    form = SelfAssessmentForm(request.POST or None)
    if request.method == "POST":
        if request.POST.get("open") == "round":
            require(request.user, CHANGE, project)
            round_ = actions.open_self_assessment(project=project, by=_actor(request))
            messages.success(
                request, f"Round {round_.number} is open. Ask everyone in the practice to answer."
            )
            return redirect(reverse("project-self-assessment", args=[project.public_id]))
        require(request.user, "projects.rate_self_assessment", project)
        current = SelfAssessment.objects.filter(project=project).order_by("-number").first()
        if current is None:
            raise Http404("No round is open")
        if form.is_valid():
            try:
                actions.answer_self_assessment(assessment=current, levels=form.levels(), by=_actor(request))
            except actions.AlreadyAnswered:
                messages.error(request, "You have already answered this round.")
            else:
                messages.success(request, "Thank you. Your answers are kept without your name.")
            return redirect(reverse("project-self-assessment", args=[project.public_id]))
    return render(
        request,
        "projects/self_assessment.jinja",
        {
            "project": project,
            "page": presenters.assessment_page(project, request.user),
            "form": form,
            "may_rate": may_rate,
            "may_change": request.user.has_perm(CHANGE, project),
            "terminology": _terms(project),
            "page_title": "Self-assessment",
            "breadcrumbs": _crumbs(project, _project_crumb(project)),
        },
    )


@require_http_methods(["GET", "POST"])
@after_step_one("T2.12")
def processes(request: HttpRequest, public_id: Any) -> HttpResponse:
    from .processes import PROCESSES

    project = _project(request, public_id)
    mine = dict(
        ProcessRating.objects.filter(project=project, rater_id=request.user.id).values_list(
            "process", "rating"
        )
    )
    initial = {f"p{n}": mine[p] for n, p in enumerate(PROCESSES, start=1) if p in mine}
    form = ProcessRatingForm(request.POST or None, initial=initial)
    if request.method == "POST":
        require(request.user, "projects.rate_self_assessment", project)
        if form.is_valid():
            saved = actions.rate_processes(project=project, ratings=form.ratings(), by=_actor(request))
            messages.success(
                request, f"Your ratings of {saved} processes are saved. You can change them at any time."
            )
            return redirect(reverse("project-processes", args=[project.public_id]) + "#results")
    return render(
        request,
        "projects/processes.jinja",
        {
            "project": project,
            "form": form,
            "results": presenters.process_results(project),
            "may_rate": request.user.has_perm("projects.rate_self_assessment", project),
            "terminology": _terms(project),
            "page_title": "How well our processes work",
            "breadcrumbs": _crumbs(project, _project_crumb(project)),
        },
    )


def history(request: HttpRequest, public_id: Any) -> HttpResponse:
    """Every change to the project, or to one tool (?tool=T3.4), newest first, with who made it and when."""
    from . import live_presenters

    project = _project(request, public_id)
    tool_id = request.GET.get("tool", "")
    if tool_id and tool_id not in TOOLS_BY_ID:
        raise Http404("No such tool")
    return render(
        request,
        "projects/history.jinja",
        {
            "project": project,
            "events": live_presenters.history(project, tool_id),
            "tool": TOOLS_BY_ID[tool_id] if tool_id else None,
            "choices": live_presenters.history_choices(project),
            "terminology": _terms(project),
            "page_title": "Everything that has changed",
            "breadcrumbs": _crumbs(project, _project_crumb(project)),
        },
    )


@require_http_methods(["GET", "POST"])
@after_step_one(None)
def process_map(request: HttpRequest, public_id: Any, slug: str) -> HttpResponse:
    project = _project(request, public_id)
    tool = _tool(slug)
    if tool.id not in presenters.MAP_TOOLS:
        raise Http404("This tool is not a process map")
    may_change = request.user.has_perm(CHANGE, project)
    found = (
        actions.process_map_for(project, tool)
        if may_change
        else ProcessMap.objects.filter(project=project, tool_id=tool.id).first()
    )
    outline = MapOutlineForm(
        initial={"name": found.name, "starts": found.starts, "ends": found.ends, "version": found.version}
        if found
        else {"version": 0}
    )
    step_form = MapStepForm()
    stale = False
    here = reverse("project-map", args=[project.public_id, tool.slug])
    if request.method == "POST":
        require(request.user, CHANGE, project)
        assert found is not None
        if request.POST.get("remove") == "last":
            actions.remove_last_map_step(process_map=found, by=_actor(request))
            return redirect(here + "#steps")
        if request.POST.get("copy") == "today":
            copied = actions.start_ideal_from_today(process_map=found, by=_actor(request))
            if copied:
                messages.success(request, f"Copied {copied} steps from today's map: now change them.")
            else:
                messages.error(
                    request, "The ideal map already has steps, or there is no map of today to copy."
                )
            return redirect(here + "#steps")
        if "starts" in request.POST:
            outline = MapOutlineForm(request.POST)
            if outline.is_valid():
                data = outline.cleaned_data
                if actions.save_map_outline(
                    process_map=found,
                    name=data["name"],
                    starts=data["starts"],
                    ends=data["ends"],
                    based_on_version=data["version"],
                    by=_actor(request),
                ):
                    return redirect(here)
                stale = True
                found.refresh_from_db()
        else:
            step_form = MapStepForm(request.POST)
            if step_form.is_valid():
                data = step_form.cleaned_data
                actions.add_map_step(
                    process_map=found,
                    kind=data["kind"],
                    text=data["text"],
                    role=data["role"],
                    minutes=data["minutes"],
                    loops_to=data["loops_to"],
                    by=_actor(request),
                )
                return redirect(here + "#steps")
    return render(
        request,
        "projects/process_map.jinja",
        {
            "project": project,
            "tool": tool,
            "page": presenters.process_map_page(found),
            "bounds_warnings": presenters.map_bounds_warnings(project, tool, found),
            "today": presenters.map_today(project, tool),
            "outline": outline,
            "step_form": step_form,
            "form": step_form if step_form.errors else outline,
            "stale": stale,
            "may_change": may_change,
            "guidance_href": presenters.guidance_href(tool),
            "terminology": _terms(project),
            "page_title": tool.name,
            "column": "full",
            "breadcrumbs": _crumbs(project, _project_crumb(project)),
        },
    )


@require_http_methods(["GET", "POST"])
def team_left(request: HttpRequest, public_id: Any) -> HttpResponse:
    """Mark a member as having left the lead team; the page lists those who left and their open actions."""
    project = _project(request, public_id)
    require(request.user, CHANGE, project)
    form = LeftTeamForm(request.POST or None, members=presenters.leaving_choices(project))
    if request.method == "POST" and form.is_valid():
        member = TeamMember.objects.select_related("user").get(
            project=project, pk=form.cleaned_data["member"]
        )
        try:
            actions.mark_left_team(
                project=project, member=member, on=form.cleaned_data["left_on"], by=_actor(request)
            )
        except actions.LeaveRefused as refused:
            form.add_error(refused.field, refused.reason)
        else:
            messages.success(request, f"{member.user.full_name} is recorded as having left the lead team.")
            return redirect(presenters.project_href(project))
    today = timezone.localdate()
    return render(
        request,
        "projects/team_left.jinja",
        {
            "project": project,
            "form": form,
            "leavers": presenters.leaver_rows(project, today),
            "may_bring_back": request.user.has_perm("projects.bring_back_member", project),
            "to_reassign": presenters.actions_to_reassign(project, today),
            "members": presenters.current_member_choices(project, today),
            "terminology": _terms(project),
            "page_title": "Someone has left the lead team",
            "breadcrumbs": _crumbs(project, _project_crumb(project)),
        },
    )


def team_back(request: HttpRequest, public_id: Any) -> HttpResponse:
    """Bring back onto the lead team someone recorded as having left it by mistake (champion or coach)."""
    project = _project(request, public_id)
    if refused := _not_a_post(request):
        return refused
    require(request.user, "projects.bring_back_member", project)
    here = reverse("project-team-left", args=[project.public_id])
    member_id = whole_number(request.POST.get("member"))
    found = TeamMember.objects.filter(project=project, pk=member_id or 0).select_related("user")
    member = found.first()
    if member is None:
        messages.error(request, "Choose someone who has been on this project's lead team.")
        return redirect(here)
    try:
        actions.bring_back(project=project, member=member, by=_actor(request))
    except actions.LeaveRefused as refused_back:
        messages.error(request, refused_back.reason)
        return redirect(here)
    messages.success(request, f"{member.user.full_name} is back on the lead team.")
    return redirect(here)


def team_reassign(request: HttpRequest, public_id: Any) -> HttpResponse:
    """Give the open actions of someone who left the lead team to a current member: one, or all listed."""
    project = _project(request, public_id)
    if refused := _not_a_post(request):
        return refused
    require(request.user, CHANGE, project)
    here = reverse("project-team-left", args=[project.public_id]) + "#to-reassign"
    seen: dict[int, int] = {}
    for value in request.POST.getlist("action"):
        action_id = whole_number(value)
        owner_id = whole_number(request.POST.get(f"owner_{value}"))
        if action_id is not None and owner_id is not None:
            seen[action_id] = owner_id
    to_id = whole_number(request.POST.get("to"))
    to = User.objects.filter(pk=to_id).first() if to_id is not None else None
    if not seen:
        messages.error(request, "Choose an action to reassign.")
        return redirect(here)
    if to is None:
        messages.error(request, "Choose who on the lead team takes the action on.")
        return redirect(here)
    try:
        done = actions.reassign_actions(project=project, seen=seen, to=to, by=_actor(request))
    except actions.LeaveRefused as refused_to:
        messages.error(request, refused_to.reason)
        return redirect(here)
    if done.not_moved:
        messages.error(
            request,
            "Someone else reassigned or completed these meanwhile, so they were left as they are: "
            + "; ".join(f"“{text}”" for text in done.not_moved)
            + ".",
        )
    if done.moved:
        count = len(done.moved)
        what = f"“{done.moved[0]}” is" if count == 1 else f"{count} actions are"
        messages.success(request, f"{what} now with {to.full_name}.")
    return redirect(here)


@require_http_methods(["GET", "POST"])
def edit_details(request: HttpRequest, public_id: Any) -> HttpResponse:
    project = _project(request, public_id)
    require(request.user, CHANGE, project)
    joinable = presenters.joinable(project)
    team = list(
        TeamMember.objects.filter(project=project).current().exclude(part="patient").select_related("user")
    )
    leads = {m.part: m.user_id for m in team}
    form = ProjectDetailsForm(
        request.POST or None,
        joinable=[(user.id, label) for user, label in joinable],
        staff=[(m.user_id, m.user.full_name) for m in sorted(team, key=lambda m: m.user.full_name)],
        initial={
            "title": project.title,
            "typology": project.typology,
            "no_patient_reason": project.no_patient_reason,
            "fishbone_step": project.fishbone_step,
            "champion": leads.get("champion"),
            "sponsor": leads.get("sponsor"),
        },
    )
    if request.method == "POST" and form.is_valid():
        chosen = {int(i) for i in form.cleaned_data["join"]}
        actions.change_details(
            project=project,
            title=form.cleaned_data["title"],
            typology=form.cleaned_data["typology"],
            no_patient_reason=form.cleaned_data["no_patient_reason"],
            joining=[user for user, _ in joinable if user.id in chosen],
            by=_actor(request),
        )
        live_actions.set_fishbone_step(
            project=project,
            step=form.cleaned_data["fishbone_step"] or project.fishbone_step,
            by=_actor(request),
        )
        people = {m.user_id: m.user for m in team}
        champion = people.get(form.cleaned_data["champion"] or leads.get("champion", 0))
        sponsor = people.get(form.cleaned_data["sponsor"] or leads.get("sponsor", 0))
        if champion is not None and sponsor is not None and champion.pk != sponsor.pk:
            actions.set_leads(project=project, champion=champion, sponsor=sponsor, by=_actor(request))
        messages.success(request, "The project's details have been saved.")
        return redirect(presenters.project_href(project))
    return render(
        request,
        "projects/edit_details.jinja",
        {
            "project": project,
            "form": form,
            "terminology": _terms(project),
            "page_title": "Change the project's details",
            "breadcrumbs": _crumbs(project, _project_crumb(project)),
        },
    )


MAX_UPLOAD = 20 * 1024 * 1024


@require_http_methods(["GET", "POST"])
@after_step_one("T2.3")
def population(request: HttpRequest, public_id: Any) -> HttpResponse:
    from .clinical_report import ReportError, read_report
    from .population import PopulationFileError, read_population

    project = _project(request, public_id)
    from_report = request.POST.get("import") == "report"
    form = PopulationUploadForm(
        request.POST if not from_report else None, request.FILES if not from_report else None
    )
    report_form = ReportUploadForm(
        request.POST if from_report else None, request.FILES if from_report else None
    )
    if request.method == "POST" and from_report:
        require(request.user, CHANGE, project)
        if report_form.is_valid():
            upload = report_form.cleaned_data["report"]
            try:
                if upload.size > MAX_UPLOAD:
                    raise ReportError("The file is larger than 20 MB")
                report = read_report(upload.read(), upload.name)
            except ReportError as problem:
                report_form.add_error("report", str(problem))
            else:
                done = actions.import_clinical_report(
                    project=project, report=report, file_name=upload.name, by=_actor(request)
                )
                messages.success(request, f"Imported {done}.")
                if report.bands:
                    return redirect(reverse("project-population", args=[project.public_id]))
                return redirect(reverse("project-worksheet", args=[project.public_id, "t2-3"]))
    elif request.method == "POST":
        require(request.user, CHANGE, project)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                if upload.size > MAX_UPLOAD:
                    raise PopulationFileError("The file is larger than 20 MB")
                found = read_population(upload.read(), project.practice.ods_code or "")
            except (PopulationFileError, zipfile.BadZipFile) as problem:
                form.add_error("file", str(problem))
            else:
                actions.import_population(
                    project=project, population=found, file_name=upload.name, by=_actor(request)
                )
                messages.success(request, f"Imported {found.total:,} registered patients.")
                return redirect(reverse("project-population", args=[project.public_id]))
    latest = PopulationImport.objects.filter(project=project).select_related("imported_by").first()
    return render(
        request,
        "projects/population.jinja",
        {
            "project": project,
            "form": form,
            "report_form": report_form,
            "latest": latest,
            "largest": max((b["male"] + b["female"] + b.get("other", 0) for b in latest.bands), default=0)
            if latest
            else 0,
            "may_change": request.user.has_perm(CHANGE, project),
            "terminology": _terms(project),
            "page_title": "Registered patients by age",
            "breadcrumbs": _crumbs(
                project,
                _project_crumb(project),
                {"text": "Patients", "href": reverse("project-worksheet", args=[project.public_id, "t2-3"])},
            ),
        },
    )


@require_http_methods(["GET", "POST"])
@after_step_one("T2.11")
def interruptions(request: HttpRequest, public_id: Any) -> HttpResponse:
    from .interruptions import CHART_HEIGHT, CHART_WIDTH, pareto, pool

    project = _project(request, public_id)
    form = TallyForm(request.POST or None)
    if request.method == "POST":
        require(request.user, "projects.rate_self_assessment", project)
        if form.is_valid():
            actions.add_tally(
                project=project,
                role=form.cleaned_data["role"],
                session_on=form.cleaned_data["session_on"],
                counts=form.counts(),
                note=form.cleaned_data["note"],
                by=_actor(request),
            )
            messages.success(request, "The tally has been added.")
            return redirect(reverse("project-interruptions", args=[project.public_id]))
    tallies = list(InterruptionTally.objects.filter(project=project))
    bars = pareto(pool(t.counts for t in tallies))
    return render(
        request,
        "projects/interruptions.jinja",
        {
            "project": project,
            "form": form,
            "tallies": tallies,
            "bars": bars,
            "total": sum(b.count for b in bars),
            "chart": {"width": CHART_WIDTH, "height": CHART_HEIGHT},
            "points": " ".join(f"{b.x + b.width / 2},{b.point_y}" for b in bars),
            "may_rate": request.user.has_perm("projects.rate_self_assessment", project),
            "terminology": _terms(project),
            "page_title": "Interruptions tally",
            "breadcrumbs": _crumbs(project, _project_crumb(project)),
        },
    )


@require_http_methods(["GET", "POST"])
@after_step_one("T2.6")
def cycle_time(request: HttpRequest, public_id: Any) -> HttpResponse:
    from .cycle_time import SUGGESTED_VISITS, VisitTimes, summarise

    project = _project(request, public_id)
    form = CycleVisitForm(request.POST or None)
    if request.method == "POST":
        require(request.user, "projects.rate_self_assessment", project)
        if form.is_valid():
            actions.add_cycle_visit(
                project=project, times=form.times(), comment=form.cleaned_data["comment"], by=_actor(request)
            )
            messages.success(request, "The visit has been added.")
            return redirect(reverse("project-cycle-time", args=[project.public_id]))
    visits = list(CycleVisit.objects.filter(project=project))
    timed = [
        VisitTimes(v.appointment, v.arrived, v.called, v.seen_from, v.seen_until, v.left) for v in visits
    ]
    return render(
        request,
        "projects/cycle_time.jinja",
        {
            "project": project,
            "form": form,
            "rows": list(zip(visits, timed, strict=True)),
            "summary": summarise(timed),
            "suggested": SUGGESTED_VISITS,
            "may_rate": request.user.has_perm("projects.rate_self_assessment", project),
            "terminology": _terms(project),
            "page_title": "Visit cycle time",
            "breadcrumbs": _crumbs(project, _project_crumb(project)),
        },
    )
