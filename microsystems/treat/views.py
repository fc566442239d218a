"""The treat step's pages: specific aims, change ideas and their ramps of PDSA cycles, SDSA, huddles."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods
from markupsafe import Markup

from microsystems.core.access import require, visible_or_404
from microsystems.core.jinja import nice_date
from microsystems.core.numbers import posted_version, whole_number
from microsystems.measures.models import DataPoint, Phase
from microsystems.measures.presenters import chart_panel
from microsystems.measures.views import crumbs
from microsystems.people.models import User
from microsystems.projects.gating import after_step_one
from microsystems.projects.models import Action, Project

from . import actions, presenters, timeline
from .charts import cycle_bands
from .drivers import driver_diagram
from .forms import (
    ActForm,
    ChangeIdeaForm,
    DoForm,
    HuddleForm,
    PlanForm,
    SDSAForm,
    SpecificAimForm,
    StudyForm,
    TaskForm,
)
from .models import ChangeIdea, Huddle, PDSACycle, SDSACycle, SpecificAim

VIEW = "treat.view_work"
HUDDLES_PER_PAGE = 30
CHANGE = "treat.change_work"


def _project(request: HttpRequest, public_id: Any) -> Project:
    return visible_or_404(
        request.user,
        "projects.view_project",
        Project.objects.select_related("practice", "programme"),
        public_id=public_id,
    )


def _idea(request: HttpRequest, public_id: Any, idea_id: int) -> ChangeIdea:
    return visible_or_404(
        request.user,
        VIEW,
        ChangeIdea.objects.select_related("project__practice"),
        project__public_id=public_id,
        id=idea_id,
    )


def _actor(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _treat_crumb(project: Project) -> dict[str, str]:
    return {"text": "Aims and tests of change", "href": reverse("treat-home", args=[project.public_id])}


@after_step_one("T4.1")
def home(request: HttpRequest, public_id: Any) -> HttpResponse:
    project = _project(request, public_id)
    aims = list(
        SpecificAim.objects.filter(project=project)
        .select_related("measure")
        .prefetch_related("measure__points", "measure__phases")
    )
    actor_id = getattr(request.user, "id", None)
    ideas = (
        ChangeIdea.objects.filter(project=project)
        .prefetch_related("cycles", "measures")
        .annotate(
            n_votes=Count("votes", distinct=True),
            mine=Count("votes", filter=Q(votes__voter_id=actor_id), distinct=True),
        )
        .order_by("-n_votes", "created_at", "id")
    )
    return render(
        request,
        "treat/home.jinja",
        {
            "project": project,
            "aims": presenters.aim_rows(aims),
            "ideas": ideas,
            "stage_names": presenters.STAGE_NAMES,
            "may_change": request.user.has_perm("projects.change_project", project),
            "page_title": "Aims and tests of change",
            "breadcrumbs": crumbs(project),
        },
    )


@require_http_methods(["GET", "POST"])
def action_plan(request: HttpRequest, public_id: Any) -> HttpResponse:
    """Who does what by when across the project: the lead team's actions and the plan's tasks on a
    timeline, each from its start to its due date, with what it waits for."""
    project = _project(request, public_id)
    may_change = request.user.has_perm("projects.change_project", project)
    form = TaskForm(request.POST or None, project=project)
    if request.method == "POST":
        require(request.user, "projects.change_project", project)
        if form.is_valid():
            data = form.cleaned_data
            actions.plan_task(project=project, by=_actor(request), **data)
            messages.success(request, f"“{data['text'].strip()}” is on the action plan.")
            return redirect(reverse("action-plan", args=[project.public_id]))
    today = timezone.localdate()
    found = list(Action.objects.filter(project=project).select_related("owner").order_by("due_on", "id"))
    found.sort(key=lambda a: (a.starts_on or timezone.localtime(a.created_at).date(), a.due_on, a.id))
    position = {a.id: i for i, a in enumerate(found)}
    bars = [
        timeline.Bar(
            a.text,
            a.owner.full_name,
            min(a.starts_on or timezone.localtime(a.created_at).date(), a.due_on),
            a.due_on,
            "done" if a.done_on else "overdue" if a.due_on < today else "open",
            position.get(a.depends_on_id) if a.depends_on_id else None,
        )
        for a in found
    ]
    rows = [
        {
            "bar": bar,
            "task": task,
            "waits_for": found[bar.waits_for].text if bar.waits_for is not None else "",
        }
        for bar, task in zip(bars, found, strict=True)
    ]
    return render(
        request,
        "treat/action_plan.jinja",
        {
            "project": project,
            "svg": Markup(timeline.render(bars, today)),  # built from escaped text only
            "bars": bars,
            "rows": rows,
            "form": form,
            "may_change": may_change,
            "page_title": "Action plan",
            "column": "full",
            "breadcrumbs": crumbs(project, _treat_crumb(project)),
        },
    )


@require_http_methods(["GET", "POST"])
def task_edit(request: HttpRequest, public_id: Any, action_id: int) -> HttpResponse:
    """Change a task of the action plan: its dates, owner, what it waits for, done or not."""
    project = _project(request, public_id)
    require(request.user, "projects.change_project", project)
    task = visible_or_404(
        request.user,
        VIEW,
        Action.objects.select_related("owner", "depends_on", "project"),
        project=project,
        id=action_id,
    )
    initial = {
        "text": task.text,
        "owner": task.owner_id,
        "starts_on": task.starts_on or timezone.localtime(task.created_at).date(),
        "due_on": task.due_on,
        "depends_on": task.depends_on_id,
        "done": task.done_on is not None,
    }
    form = TaskForm(request.POST or None, initial=initial, project=project, task=task)
    stamp = actions.task_stamp(task)
    changed: Action | None = None
    if request.method == "POST":
        stamp = request.POST.get("stamp", "")
        if form.is_valid():
            try:
                actions.change_task(
                    task=task,
                    based_on=stamp,
                    by=_actor(request),
                    today=timezone.localdate(),
                    **form.cleaned_data,
                )
            except actions.TaskChanged as found:
                changed, stamp = found.current, actions.task_stamp(found.current)
            else:
                messages.success(request, "The task is saved.")
                return redirect(reverse("action-plan", args=[project.public_id]))
    return render(
        request,
        "treat/task.jinja",
        {
            "project": project,
            "task": task,
            "form": form,
            "stamp": stamp,
            "changed": changed,
            "page_title": "Change a task of the action plan",
            "breadcrumbs": crumbs(
                project,
                _treat_crumb(project),
                {"text": "Action plan", "href": reverse("action-plan", args=[project.public_id])},
            ),
        },
    )


@after_step_one("T4.2")
def drivers(request: HttpRequest, public_id: Any) -> HttpResponse:
    project = _project(request, public_id)
    return render(
        request,
        "treat/drivers.jinja",
        {
            "project": project,
            "diagram": driver_diagram(project),
            "page_title": "Driver diagram",
            "column": "full",
            "breadcrumbs": crumbs(project, _treat_crumb(project)),
        },
    )


@require_http_methods(["GET", "POST"])
@after_step_one("T4.1")
def aim_add(request: HttpRequest, public_id: Any) -> HttpResponse:
    project = _project(request, public_id)
    require(request.user, "projects.change_project", project)
    form = SpecificAimForm(request.POST or None, project=project)
    if request.method == "POST" and form.is_valid():
        actions.set_specific_aim(project=project, by=_actor(request), **form.cleaned_data)
        messages.success(request, "The specific aim is set, with its baseline from the data.")
        return redirect(reverse("treat-home", args=[project.public_id]))
    return render(
        request,
        "treat/form.jinja",
        {
            "form": form,
            "project": project,
            "submit_text": "Set the aim",
            "intro": "A number, a date and a measure. "
            "The baseline is worked out from the measure's data so far.",
            "page_title": "Set a specific aim",
            "breadcrumbs": crumbs(project, _treat_crumb(project)),
        },
    )


def _edit_with_stamp(
    request: HttpRequest,
    *,
    form: Any,
    stamp: str,
    save: Callable[[str, dict[str, Any]], object],
    describe: Callable[[Any], str],
    restamp: Callable[[Any], str],
    saved: str,
    then: str,
    page: dict[str, Any],
) -> HttpResponse:
    """An edit page that never overwrites a change made meanwhile: the form carries the stamp of the record
    as the person opened it; if someone saved since, nothing is saved, the page says what the record now
    holds (`describe`) and takes its new stamp, so that saving again, knowingly, goes through."""
    changed = None
    if request.method == "POST":
        stamp = request.POST.get("stamp", "")[:40]
        if form.is_valid():
            try:
                save(stamp, form.cleaned_data)
            except actions.RecordChanged as found:
                changed, stamp = describe(found.current), restamp(found.current)
            else:
                messages.success(request, saved)
                return redirect(then)
    return render(request, "treat/edit.jinja", {"form": form, "stamp": stamp, "changed": changed, **page})


@require_http_methods(["GET", "POST"])
@after_step_one("T4.1")
def aim_edit(request: HttpRequest, public_id: Any, aim_id: int) -> HttpResponse:
    """Change the specific aim: its target, date or measure (a new measure brings its own baseline)."""
    project = _project(request, public_id)
    require(request.user, "projects.change_project", project)
    aim = visible_or_404(
        request.user,
        VIEW,
        SpecificAim.objects.select_related("measure", "project"),
        project=project,
        id=aim_id,
    )
    initial = {name.removesuffix("_id"): getattr(aim, name) for name in actions.AIM_FIELDS}
    return _edit_with_stamp(
        request,
        form=SpecificAimForm(request.POST or None, initial=initial, project=project),
        stamp=actions.stamp_of(aim, actions.AIM_FIELDS),
        save=lambda stamp, data: actions.change_aim(aim=aim, based_on=stamp, by=_actor(request), **data),
        describe=presenters.aim_sentence,
        restamp=lambda current: actions.stamp_of(current, actions.AIM_FIELDS),
        saved="The specific aim is saved.",
        then=reverse("treat-home", args=[project.public_id]),
        page={
            "project": project,
            "submit_text": "Save the aim",
            "intro": "Changing the measure takes the baseline from that measure's data so far.",
            "page_title": "Change the specific aim",
            "breadcrumbs": crumbs(project, _treat_crumb(project)),
        },
    )


def _idea_words(idea: ChangeIdea) -> str:
    return f"“{idea.title}”" + (f": {idea.description}" if idea.description else "")


@require_http_methods(["GET", "POST"])
@after_step_one("T4.2")
def idea_edit(request: HttpRequest, public_id: Any, idea_id: int) -> HttpResponse:
    idea = _idea(request, public_id, idea_id)
    require(request.user, CHANGE, idea)
    project = idea.project
    return _edit_with_stamp(
        request,
        form=ChangeIdeaForm(request.POST or None, instance=idea, project=project),
        stamp=actions.idea_stamp(idea),
        save=lambda stamp, data: actions.change_idea(idea=idea, based_on=stamp, by=_actor(request), **data),
        describe=_idea_words,
        restamp=actions.idea_stamp,
        saved="The change idea is saved.",
        then=reverse("idea-detail", args=[project.public_id, idea.id]),
        page={
            "project": project,
            "submit_text": "Save the idea",
            "page_title": "Change the change idea",
            "breadcrumbs": crumbs(project, _treat_crumb(project), _idea_crumb(project, idea)),
        },
    )


@require_http_methods(["GET", "POST"])
@after_step_one("T4.2")
def idea_add(request: HttpRequest, public_id: Any) -> HttpResponse:
    project = _project(request, public_id)
    require(request.user, "projects.change_project", project)
    form = ChangeIdeaForm(request.POST or None, project=project)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        idea = actions.add_idea(project=project, by=_actor(request), **data)
        messages.success(request, "The change idea is added. Plan a small test of it.")
        return redirect(reverse("idea-detail", args=[project.public_id, idea.id]))
    return render(
        request,
        "treat/form.jinja",
        {
            "form": form,
            "project": project,
            "submit_text": "Add the idea",
            "page_title": "Add a change idea",
            "breadcrumbs": crumbs(project, _treat_crumb(project)),
        },
    )


@after_step_one("T4.2", page=False)
def idea_vote(request: HttpRequest, public_id: Any, idea_id: int) -> HttpResponse:
    idea = _idea(request, public_id, idea_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    require(request.user, CHANGE, idea)
    voted = actions.toggle_vote(idea=idea, by=_actor(request))
    messages.success(request, f"{'Voted for' if voted else 'Vote taken back for'} “{idea.title}”.")
    return redirect(reverse("treat-home", args=[idea.project.public_id]) + "#ideas")


@after_step_one("T4.2")
def idea_detail(request: HttpRequest, public_id: Any, idea_id: int) -> HttpResponse:
    idea = _idea(request, public_id, idea_id)
    project = idea.project
    return render(
        request,
        "treat/idea.jinja",
        {
            "idea": idea,
            "project": project,
            "cycles": PDSACycle.objects.filter(idea=idea).select_related("measure"),
            "standards": idea.sdsa_cycles.all(),
            "measures": idea.measures.all(),
            "stage_names": presenters.STAGE_NAMES,
            "may_change": request.user.has_perm(CHANGE, idea),
            "page_title": idea.title,
            "breadcrumbs": crumbs(project, _treat_crumb(project)),
        },
    )


@require_http_methods(["GET", "POST"])
@after_step_one("T4.4")
def cycle_plan(request: HttpRequest, public_id: Any, idea_id: int) -> HttpResponse:
    idea = _idea(request, public_id, idea_id)
    require(request.user, CHANGE, idea)
    project = idea.project
    last = PDSACycle.objects.filter(idea=idea).order_by("-number").first()
    initial: dict[str, Any] = {
        "measure": last.measure_id if last else idea.measures.values_list("id", flat=True).first()
    }
    if last is not None:
        # The next test of the ramp starts from the last one: the same people, place and data; the change,
        # the prediction, the scale and the dates are the team's to write anew.
        initial.update(
            question=last.question, who=last.who, where=last.where, data_to_collect=last.data_to_collect
        )
    form = PlanForm(request.POST or None, project=project, initial=initial)
    if request.method == "POST" and form.is_valid():
        cycle = actions.plan_cycle(idea=idea, by=_actor(request), **form.cleaned_data)
        messages.success(request, f"Test {cycle.number} is planned.")
        return redirect(reverse("pdsa-detail", args=[project.public_id, cycle.id]))
    return render(
        request,
        "treat/form.jinja",
        {
            "form": form,
            "project": project,
            "submit_text": "Save the plan",
            "intro": f"Change idea: {idea.title}. Plan one small test: the question, your prediction, who, "
            "when and where, and the data that will show what happened."
            + (
                " This is the first test of the idea: keep it small, such as one GP for one morning."
                if last is None
                else f" The last test was at the scale “{last.scale}”: grow it step by step."
            ),
            "page_title": "Plan a test of change (PDSA)",
            "breadcrumbs": crumbs(
                project,
                _treat_crumb(project),
                {"text": idea.title, "href": reverse("idea-detail", args=[project.public_id, idea.id])},
            ),
        },
    )


def _cycle(request: HttpRequest, public_id: Any, cycle_id: int) -> PDSACycle:
    return visible_or_404(
        request.user,
        VIEW,
        PDSACycle.objects.select_related("idea__project__practice", "measure"),
        idea__project__public_id=public_id,
        id=cycle_id,
    )


def _version(request: HttpRequest) -> int:
    return posted_version(request.POST)


def _idea_crumb(project: Project, idea: ChangeIdea) -> dict[str, str]:
    return {"text": idea.title, "href": reverse("idea-detail", args=[project.public_id, idea.id])}


def _save_stage(cycle: PDSACycle, stage: str, data: dict[str, Any], version: int, by: User) -> str:
    """Save the part; returns what else happened that the page should say (or "")."""
    if stage == "do":
        actions.record_do(cycle=cycle, by=by, based_on_version=version, **data)
    elif stage == "study":
        actions.record_study(cycle=cycle, by=by, based_on_version=version, **data)
    elif stage == "act":
        answer = data.pop("changed_phase", None)
        started = Phase.objects.filter(pk=cycle.phase_id).first() if cycle.phase_id else None
        actions.decide(
            cycle=cycle,
            by=by,
            on=timezone.localdate(),
            based_on_version=version,
            withdraw_changed_phase=None if answer is None else answer == "withdraw",
            **data,
        )
        return _phase_news(cycle, started)
    else:
        actions.change_plan(cycle=cycle, by=by, based_on_version=version, **data)
    return ""


def _phase_news(cycle: PDSACycle, started: Phase | None) -> str:
    """What a changed decision did to the phase the adoption had started on the chart."""
    if started is None:
        return ""
    when = nice_date(started.starts_on)
    on_chart = f"the chart of “{started.measure.name}” from {when}"
    if Phase.objects.filter(pk=started.pk).exists():
        if cycle.phase_id is None:
            return f" The phase on {on_chart}, changed by hand, stays on the chart."
        return ""
    return (
        f" The new phase the adoption started on {on_chart} is withdrawn; it stays in the measure's history."
    )


def _conflict_rows(conflict: actions.CycleConflict, form: Any) -> list[tuple[str, str]]:
    """What the other person saved, with the form's labels, for the page that tells the second editor."""
    rows = []
    for name, value in conflict.theirs.items():
        label = form.fields[name].label if name in form.fields else name
        rows.append((str(label), presenters.readable(name, value)))
    return rows


@require_http_methods(["GET", "POST"])
@after_step_one("T4.4")
def cycle_detail(request: HttpRequest, public_id: Any, cycle_id: int) -> HttpResponse:
    cycle = _cycle(request, public_id, cycle_id)
    project, idea = cycle.project, cycle.idea
    may_change = request.user.has_perm(CHANGE, cycle)
    stage = form_stage = cycle.stage
    order = ("do", "study", "act", "done")
    if request.method == "POST":
        # The form was for an earlier stage: someone else saved that part since the page was opened. Read
        # it as that stage's form, so that the conflict is reported, not a form that asks for other fields.
        posted = request.POST.get("stage", stage)
        if posted in order[:-1] and order.index(posted) < order.index(stage):
            form_stage = posted
    forms_by_stage = {"do": DoForm, "study": StudyForm, "act": ActForm}
    form = forms_by_stage[form_stage](request.POST or None) if form_stage in forms_by_stage else None
    conflict: actions.CycleConflict | None = None
    version = cycle.version
    if request.method == "POST":
        require(request.user, CHANGE, cycle)
        if form is None:
            raise Http404("This test is decided")
        if form.is_valid():
            try:
                news = _save_stage(
                    cycle, form_stage, dict(form.cleaned_data), _version(request), _actor(request)
                )
            except actions.CycleConflict as found:
                conflict, version = found, found.version
            else:
                messages.success(request, "Saved." + news)
                return redirect(reverse("pdsa-detail", args=[project.public_id, cycle.id]))
        else:
            version = _version(request)
    panel = None
    if cycle.measure is not None and stage in ("study", "act", "done"):
        points = list(DataPoint.objects.filter(measure=cycle.measure))
        # The cycle's dates, with the ten points before them for comparison.
        first = next((i for i, p in enumerate(points) if p.period >= cycle.starts_on), len(points))
        panel = chart_panel(
            cycle.measure,
            points,
            list(Phase.objects.filter(measure=cycle.measure)),
            cycle_bands(cycle.measure, only=cycle),
            title=f"{cycle.measure.name}, with test {cycle.number} marked",
            start_at=first - 10,
        )
    return render(
        request,
        "treat/cycle.jinja",
        {
            "cycle": cycle,
            "idea": idea,
            "project": project,
            "stage": stage,
            "form_stage": form_stage,
            "form": form,
            "version": version,
            "conflict": conflict,
            "theirs": _conflict_rows(conflict, form) if conflict and form else [],
            "panel": panel,
            "may_change": may_change,
            "history": presenters.cycle_history(cycle),
            "page_title": f"Test {cycle.number} of {idea.title}",
            "breadcrumbs": crumbs(project, _treat_crumb(project), _idea_crumb(project, idea)),
        },
    )


_PART_FORMS: dict[str, Any] = {"plan": PlanForm, "do": DoForm, "study": StudyForm, "act": ActForm}
_PART_TITLES = {
    "plan": "Change the plan",
    "do": "Change what happened (do)",
    "study": "Change the study",
    "act": "Change the decision (act)",
}


@require_http_methods(["GET", "POST"])
@after_step_one("T4.4")
def cycle_edit(request: HttpRequest, public_id: Any, cycle_id: int, part: str) -> HttpResponse:
    """Change one part of a cycle after it was saved; the earlier wording stays in the test's history."""
    cycle = _cycle(request, public_id, cycle_id)
    require(request.user, CHANGE, cycle)
    reached = {
        "plan": True,
        "do": bool(cycle.what_happened),
        "study": bool(cycle.compared_with_prediction),
        "act": bool(cycle.decision),
    }
    if not reached.get(part):
        raise Http404("That part of the test is not written yet")
    project, idea = cycle.project, cycle.idea
    form_class = _PART_FORMS[part]
    initial = {name: getattr(cycle, name) for name in actions.PARTS[part]}
    if part == "act":
        initial["new_phase"] = False
    kwargs: dict[str, Any] = {"project": project, "instance": cycle} if part == "plan" else {}
    data = request.POST if request.method == "POST" else None
    form = form_class(data, initial=initial, **kwargs) if part != "plan" else form_class(data, **kwargs)
    conflict: actions.CycleConflict | None = None
    changed_phase: Phase | None = None
    version = cycle.version
    if request.method == "POST":
        if form.is_valid():
            try:
                news = _save_stage(cycle, part, dict(form.cleaned_data), _version(request), _actor(request))
            except actions.CycleConflict as found:
                conflict, version = found, found.version
            except actions.PhaseChangedByHand as asked:
                # Nothing is saved: the same form again, with the question about the phase.
                changed_phase, version = asked.phase, _version(request)
                form = form_class(data, initial=initial, asking=True)
                # A question asked for the first time is not an error: the callout above it explains.
                form.errors.pop("changed_phase", None)
            else:
                done = _PART_TITLES[part].replace("Change", "Changed", 1)
                messages.success(request, f"{done}: saved.{news}")
                return redirect(reverse("pdsa-detail", args=[project.public_id, cycle.id]))
        else:
            version = _version(request)
    return render(
        request,
        "treat/cycle_edit.jinja",
        {
            "cycle": cycle,
            "idea": idea,
            "project": project,
            "part": part,
            "form": form,
            "version": version,
            "conflict": conflict,
            "theirs": _conflict_rows(conflict, form) if conflict else [],
            "changed_phase": changed_phase,
            "page_title": f"{_PART_TITLES[part]}: test {cycle.number} of {idea.title}",
            "heading": _PART_TITLES[part],
            "breadcrumbs": crumbs(
                project,
                _treat_crumb(project),
                _idea_crumb(project, idea),
                {
                    "text": f"Test {cycle.number}",
                    "href": reverse("pdsa-detail", args=[project.public_id, cycle.id]),
                },
            ),
        },
    )


@require_http_methods(["GET", "POST"])
@after_step_one("T4.6")
def sdsa_add(request: HttpRequest, public_id: Any, idea_id: int) -> HttpResponse:
    """Write the standard for an adopted change, or a new version of it (from the idea or the practice's
    playbook): the form starts from the latest version, and every earlier version is kept."""
    idea = _idea(request, public_id, idea_id)
    require(request.user, CHANGE, idea)
    project = idea.project
    latest = actions.latest_standard(idea)
    initial = (
        {
            name: getattr(latest, name)
            for name in ("standard", "trained", "adherence_check", "results", "decision", "review_on")
        }
        if latest
        else None
    )
    form = SDSAForm(request.POST or None, initial=initial)
    to_playbook = request.GET.get("next") == "playbook"
    based_on = latest.id if latest else 0
    newer: SDSACycle | None = None
    if request.method == "POST":
        based_on = posted_version(request.POST, "based_on")
        if form.is_valid():
            try:
                actions.standardise(idea=idea, by=_actor(request), based_on=based_on, **form.cleaned_data)
            except actions.StandardChanged as found:
                newer, based_on = found.latest, found.latest.id
            else:
                messages.success(
                    request,
                    "The standard is written down."
                    if latest is None
                    else "The new version of the standard is saved; the earlier one is kept.",
                )
                if to_playbook:
                    return redirect(reverse("playbook", args=[project.practice.public_id]))
                return redirect(reverse("idea-detail", args=[project.public_id, idea.id]))
    return render(
        request,
        "treat/sdsa.jinja",
        {
            "form": form,
            "project": project,
            "idea": idea,
            "latest": latest,
            "newer": newer,
            "based_on": based_on,
            "page_title": "Standardise a change (SDSA)" if latest is None else "Change the standard (SDSA)",
            "breadcrumbs": crumbs(
                project,
                _treat_crumb(project),
                {"text": idea.title, "href": reverse("idea-detail", args=[project.public_id, idea.id])},
            ),
        },
    )


@require_http_methods(["GET", "POST"])
@after_step_one("T4.8")
def huddles(request: HttpRequest, public_id: Any) -> HttpResponse:
    project = _project(request, public_id)
    may_change = request.user.has_perm("projects.change_project", project)
    form = HuddleForm(
        request.POST or None, project=project, initial={"held_on": timezone.localdate().strftime("%d/%m/%Y")}
    )
    already: Huddle | None = None
    replaces = ""
    if request.method == "POST":
        require(request.user, "projects.change_project", project)
        if form.is_valid():
            data = dict(form.cleaned_data)
            try:
                huddle = actions.hold_huddle(
                    project=project,
                    by=_actor(request),
                    replaces=request.POST.get("replaces", "")[:40],
                    **data,
                )
            except actions.RecordChanged as found:
                # That day's huddle is already recorded: show it; saving again replaces it knowingly.
                already, replaces = found.current, actions.stamp_of(found.current, actions.HUDDLE_FIELDS)
            else:
                text = "Huddle saved."
                if huddle.measure is not None:
                    text += f" Today's value is on the chart of {huddle.measure.name}."
                messages.success(request, text)
                return redirect(reverse("huddles", args=[project.public_id]))
    page = max(whole_number(request.GET.get("page"), max_digits=5) or 1, 1)
    start = (page - 1) * HUDDLES_PER_PAGE
    listed = list(
        Huddle.objects.filter(project=project).select_related("led_by", "measure")[
            start : start + HUDDLES_PER_PAGE + 1
        ]
    )
    history, older = listed[:HUDDLES_PER_PAGE], len(listed) > HUDDLES_PER_PAGE
    here = reverse("huddles", args=[project.public_id])
    return render(
        request,
        "treat/huddles.jinja",
        {
            "project": project,
            "form": form,
            "may_change": may_change,
            "already": already,
            "replaces": replaces,
            "history": history,
            "newer_href": (f"{here}?page={page - 1}#history" if page > 1 else ""),
            "older_href": (f"{here}?page={page + 1}#history" if older else ""),
            "page_title": "Daily huddle",
            "breadcrumbs": crumbs(project, _treat_crumb(project)),
        },
    )
