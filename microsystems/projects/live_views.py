"""The pages the team edits together, often live in a meeting on several screens at once: brainstorms
with multi-voting, the fishbone, and the tool a meeting has open. Each live part is a fragment that the
page asks for again every few seconds (htmx), so what one person adds appears on everyone's screen."""

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from microsystems.core.access import require
from microsystems.core.numbers import whole_number

from . import actions, live_actions, live_presenters, meeting_actions, meeting_presenters, presenters
from .fishbone import DEFAULT_CATEGORIES
from .forms import CauseForm, EffectForm, WorksheetForm
from .gating import after_step_one, gate_reason
from .live_forms import (
    AgendaForm,
    BrainstormForm,
    BrainstormIdeaForm,
    CarryForm,
    CauseChangeForm,
    GroupForm,
    IdeaRewordForm,
    OpenToolForm,
)
from .method import TOOLS_BY_SLUG
from .models import Brainstorm, BrainstormUse, Cause, Idea, Meeting, Project
from .views import CHANGE, _actor, _crumbs, _meeting, _not_a_post, _project, _project_crumb, _terms


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _meeting_panel(request: HttpRequest, project: Project) -> dict[str, Any]:
    """Inside meeting mode, a fragment redrawn on its own still opens a cause or an idea to change in the
    meeting's panel (which refreshes the fragment), so the panel keeps it open."""
    number = whole_number(request.POST.get("meeting_panel") or request.GET.get("meeting_panel"))
    if number is None or not Meeting.objects.filter(project=project, number=number).exists():
        return {}
    href = reverse("project-meeting-tool", args=[project.public_id, number])
    return {"meeting_panel": number, "meeting_panel_href": href}


def _categories(project: Project) -> list[str]:
    names = set(Cause.objects.filter(project=project).values_list("category", flat=True))
    return list(DEFAULT_CATEGORIES) + sorted(names - set(DEFAULT_CATEGORIES))


# --- Brainstorms (T1.6) ---------------------------------------------------------------------------------
@require_http_methods(["GET", "POST"])
def brainstorms(request: HttpRequest, public_id: Any) -> HttpResponse:
    project = _project(request, public_id)
    form = BrainstormForm(request.POST or None)
    if request.method == "POST":
        require(request.user, CHANGE, project)
        if form.is_valid():
            data = form.cleaned_data
            found = live_actions.start_brainstorm(
                project=project,
                question=data["question"],
                use=data["use"],
                votes_each=data["votes_each"],
                by=_actor(request),
            )
            return redirect(reverse("project-brainstorm", args=[project.public_id, found.number]))
    return render(
        request,
        "projects/brainstorms.jinja",
        {
            "project": project,
            "rows": live_presenters.brainstorm_rows(project),
            "form": form,
            "may_change": request.user.has_perm(CHANGE, project),
            "terminology": _terms(project),
            "page_title": "Brainstorm and vote",
            "breadcrumbs": _crumbs(project, _project_crumb(project)),
        },
    )


def _brainstorm(request: HttpRequest, public_id: Any, number: int) -> Brainstorm:
    project = _project(request, public_id)
    found = Brainstorm.objects.filter(project=project, number=number).select_related("project").first()
    if found is None:
        raise Http404("No such brainstorm")
    found.project = project
    return found


def _brainstorm_fragment(
    request: HttpRequest, brainstorm: Brainstorm, *, problem: str = "", idea_form: Any = None, **editing: Any
) -> HttpResponse:
    """The list alone; inside meeting mode (whose panel refreshes it) it does not refresh itself."""
    in_meeting = request.POST.get("in_meeting") or request.GET.get("in_meeting")
    return render(
        request,
        "projects/_brainstorm_live.jinja",
        {
            **_brainstorm_context(request, brainstorm, problem=problem, idea_form=idea_form, **editing),
            **_meeting_panel(request, brainstorm.project),
            "poll": not in_meeting,
        },
    )


def _brainstorm_context(
    request: HttpRequest,
    brainstorm: Brainstorm,
    *,
    problem: str = "",
    idea_form: Any = None,
    editing: int | None = None,
    reword_form: Any = None,
    reword_stale: str = "",
) -> dict[str, Any]:
    project = brainstorm.project
    page = live_presenters.brainstorm_page(brainstorm, request.user)
    may_change = request.user.has_perm(CHANGE, project)
    if editing is not None and reword_form is None:
        idea = next((r for r in page.rows if r.id == editing), None)
        reword_form = (
            IdeaRewordForm(initial={"text": idea.text, "was_text": idea.text}, prefix=f"r{brainstorm.number}")
            if idea is not None and may_change
            else None
        )
        editing = editing if reword_form is not None else None
    return {
        "project": project,
        "b": page,
        "idea_form": idea_form or BrainstormIdeaForm(prefix=f"b{brainstorm.number}"),
        "group_form": GroupForm(ideas=page.choices, prefix=f"g{brainstorm.number}"),
        "carry_form": CarryForm(categories=_categories(project), prefix=f"c{brainstorm.number}"),
        "problem": problem,
        "editing": editing,
        "reword_form": reword_form,
        "reword_stale": reword_stale,
        "may_change": may_change,
    }


@require_http_methods(["GET", "POST"])
def brainstorm(request: HttpRequest, public_id: Any, number: int) -> HttpResponse:
    found = _brainstorm(request, public_id, number)
    project = found.project
    idea_form = None
    if request.method == "POST":
        require(request.user, CHANGE, project)
        idea_form = BrainstormIdeaForm(request.POST, prefix=f"b{found.number}")
        if idea_form.is_valid():
            live_actions.add_brainstorm_idea(
                brainstorm=found, text=idea_form.cleaned_data["text"], by=_actor(request)
            )
            if _is_htmx(request):
                return _brainstorm_fragment(request, found)
            return redirect(reverse("project-brainstorm", args=[project.public_id, found.number]) + "#ideas")
        if _is_htmx(request):
            return _brainstorm_fragment(request, found, idea_form=idea_form)
    elif request.GET.get("part") == "live":
        return _brainstorm_fragment(request, found, editing=whole_number(request.GET.get("change")))
    return _brainstorm_page(
        request, found, idea_form=idea_form, editing=whole_number(request.GET.get("change"))
    )


def _brainstorm_page(request: HttpRequest, found: Brainstorm, **context: Any) -> HttpResponse:
    project = found.project
    full = _brainstorm_context(request, found, **context)
    kept = [f for f in (full["reword_form"], full["idea_form"]) if f is not None]
    return render(
        request,
        "projects/brainstorm.jinja",
        {
            **full,
            "form": next((f for f in kept if f.errors), kept[0]),
            "poll": True,
            "terminology": _terms(project),
            "page_title": found.question,
            "breadcrumbs": _crumbs(
                project,
                _project_crumb(project),
                {
                    "text": "Brainstorm and vote",
                    "href": reverse("project-brainstorms", args=[project.public_id]),
                },
            ),
        },
    )


def brainstorm_idea(request: HttpRequest, public_id: Any, number: int, idea_id: int) -> HttpResponse:
    """Vote for an idea or take the vote back, or choose it or take the choice back (`do` says which)."""
    found = _brainstorm(request, public_id, number)
    if refused := _not_a_post(request):
        return refused
    project = found.project
    require(request.user, CHANGE, project)
    idea = Idea.objects.filter(project=project, list_key=found.list_key, id=idea_id).first()
    if request.POST.get("do") == "reword":
        context = _reword_idea(request, found, idea)
        if _is_htmx(request):
            return _brainstorm_fragment(request, found, **context)
        if context:
            return _brainstorm_page(request, found, **context)
        return redirect(reverse("project-brainstorm", args=[project.public_id, found.number]) + "#ideas")
    if idea is None:
        # Someone else removed it a moment ago: say so rather than fail.
        return _after_change(request, found, "That idea has just been removed by someone else.")
    do = request.POST.get("do", "")
    problem = ""
    if do == "vote":
        try:
            live_actions.toggle_brainstorm_vote(brainstorm=found, idea=idea, by=_actor(request))
        except live_actions.OutOfVotes:
            problem = "You have used all your votes. Take one back to vote for this idea."
        except live_actions.CannotGroup:
            problem = "That idea is grouped under another: vote for that one."
    elif do == "choose":
        live_actions.toggle_chosen(brainstorm=found, idea=idea, by=_actor(request))
    elif do == "remove":
        live_actions.remove_idea(brainstorm=found, idea=idea, by=_actor(request))
    else:
        raise Http404("Unknown change")
    return _after_change(request, found, problem)


def _reword_idea(request: HttpRequest, found: Brainstorm, idea: Idea | None) -> dict[str, Any]:
    """Put an idea in other words. Refused, keeping what the person typed, if someone else reworded or
    removed it meanwhile."""
    prefix = f"r{found.number}"
    if idea is None:
        return _idea_gone(request, found)
    form = IdeaRewordForm(request.POST, prefix=prefix)
    if not form.is_valid():
        return {"editing": idea.id, "reword_form": form}
    try:
        live_actions.reword_idea(
            brainstorm=found,
            idea=idea,
            text=form.cleaned_data["text"],
            as_opened=form.cleaned_data["was_text"],
            by=_actor(request),
        )
    except live_actions.Gone:
        return _idea_gone(request, found)
    except live_actions.ChangedMeanwhile as changed:
        posted = request.POST.copy()
        posted[f"{prefix}-was_text"] = changed.now.text  # a second save, made knowingly, goes through
        kept = IdeaRewordForm(posted, prefix=prefix)
        kept.is_valid()
        return {
            "editing": idea.id,
            "reword_form": kept,
            "reword_stale": f"It now reads “{changed.now.text}”.",
        }
    return {}


def _idea_gone(request: HttpRequest, found: Brainstorm) -> dict[str, Any]:
    typed = request.POST.get(f"r{found.number}-text", "").strip()[:300]
    return {
        "problem": "That idea has just been removed by someone else, so your change was not saved. "
        "Your words are kept in “Add an idea”: add it again if the team still wants it.",
        "idea_form": BrainstormIdeaForm(initial={"text": typed}, prefix=f"b{found.number}"),
    }


def brainstorm_group(request: HttpRequest, public_id: Any, number: int) -> HttpResponse:
    """Group one idea under another that says the same thing, so the votes are not split."""
    found = _brainstorm(request, public_id, number)
    if refused := _not_a_post(request):
        return refused
    project = found.project
    require(request.user, CHANGE, project)
    page = live_presenters.brainstorm_page(found, request.user)
    form = GroupForm(request.POST, ideas=page.choices, prefix=f"g{found.number}")
    problem = ""
    if form.is_valid():
        ideas = {i.id: i for i in Idea.objects.filter(project=project, list_key=found.list_key)}
        try:
            live_actions.group_ideas(
                brainstorm=found,
                idea=ideas[form.cleaned_data["idea"]],
                under=ideas[form.cleaned_data["under"]],
                by=_actor(request),
            )
        except live_actions.CannotGroup:
            problem = "Those two ideas cannot be grouped."
    else:
        problem = " ".join(str(e) for errors in form.errors.values() for e in errors)
    return _after_change(request, found, problem)


def _after_change(request: HttpRequest, found: Brainstorm, problem: str) -> HttpResponse:
    if _is_htmx(request):
        return _brainstorm_fragment(request, found, problem=problem)
    if problem:
        messages.error(request, problem)
    return redirect(reverse("project-brainstorm", args=[found.project.public_id, found.number]) + "#ideas")


def brainstorm_carry(request: HttpRequest, public_id: Any, number: int) -> HttpResponse:
    found = _brainstorm(request, public_id, number)
    if refused := _not_a_post(request):
        return refused
    project = found.project
    require(request.user, CHANGE, project)
    here = reverse("project-brainstorm", args=[project.public_id, found.number])
    form = CarryForm(request.POST, categories=_categories(project), prefix=f"c{found.number}")
    if found.use == BrainstormUse.LIST:
        messages.error(request, "This brainstorm is a list kept here: there is nowhere to carry its ideas.")
        return redirect(here)
    if not form.is_valid() or (found.use == BrainstormUse.CAUSES and not form.cleaned_data["category"]):
        messages.error(request, "Choose the bone of the fishbone for the chosen causes.")
        return redirect(here)
    added = live_actions.carry_chosen(
        brainstorm=found, category=form.cleaned_data["category"], by=_actor(request)
    )
    destinations = {
        BrainstormUse.THEMES: ("the candidate themes", reverse("project-themes", args=[project.public_id])),
        BrainstormUse.CAUSES: ("the fishbone", reverse("project-fishbone", args=[project.public_id])),
        BrainstormUse.PARKING_LOT: ("the parking lot", presenters.project_href(project)),
        BrainstormUse.CHANGE_IDEAS: ("the change ideas", reverse("treat-home", args=[project.public_id])),
    }
    name, href = destinations[BrainstormUse(found.use)]
    if added:
        messages.success(request, f"{added} chosen {'idea' if added == 1 else 'ideas'} added to {name}.")
        return redirect(href)
    messages.error(request, f"Nothing was added: choose ideas first, or they are already on {name}.")
    return redirect(here)


# --- The fishbone, live (T3.4) --------------------------------------------------------------------------
def _fishbone_context(
    request: HttpRequest,
    project: Project,
    *,
    effect_form: Any = None,
    cause_form: Any = None,
    stale: bool = False,
    problem: str = "",
    editing: int | None = None,
    change_form: Any = None,
    change_stale: str = "",
) -> dict[str, Any]:
    page = presenters.fishbone_page(project, request.user)
    categories = [name for name, _ in page.categories] or list(DEFAULT_CATEGORIES)
    may_change = request.user.has_perm(CHANGE, project)
    if editing is not None and change_form is None:
        change_form = cause_change_form(project, editing) if may_change else None
        editing = editing if change_form is not None else None
    return {
        "project": project,
        "page": page,
        "effect_form": effect_form or EffectForm(initial={"effect": page.effect, "version": page.version}),
        "cause_form": cause_form or CauseForm(categories=categories),
        "stale": stale,
        "problem": problem,
        "editing": editing,
        "change_form": change_form,
        "change_stale": change_stale,
        "may_change": may_change,
    }


def _as_opened_stamp(cause: Cause) -> str:
    """How a cause is placed, as the person opened it: "<cause above, or 0>:<bone>"."""
    return f"{cause.parent_id or 0}:{cause.category}"


def _cause_places(project: Project, cause: Cause) -> list[tuple[str, str]]:
    """Where a cause can go: any bone, or under a cause on a bone (not itself; and a cause with deeper
    causes of its own stays on a bone)."""
    places = [(f"bone:{name}", f"On the bone: {name}") for name in _categories(project)]
    if not Cause.objects.filter(parent=cause).exists():
        others = Cause.objects.filter(project=project, parent=None).exclude(pk=cause.pk)
        places += [(f"under:{other.pk}", f"Under “{other.text}” ({other.category})") for other in others]
    return places


def _place_of(cause: Cause) -> str:
    return f"under:{cause.parent_id}" if cause.parent_id else f"bone:{cause.category}"


def cause_change_form(project: Project, cause_id: int) -> CauseChangeForm | None:
    """The form to reword or move one cause, as it is now; None if there is no such cause."""
    cause = Cause.objects.filter(project=project, id=cause_id).first()
    if cause is None:
        return None
    return CauseChangeForm(
        initial={
            "text": cause.text,
            "place": _place_of(cause),
            "was_text": cause.text,
            "was_place": _as_opened_stamp(cause),
        },
        places=_cause_places(project, cause),
    )


def _editing(request: HttpRequest) -> int | None:
    return whole_number(request.GET.get("change"))


@require_http_methods(["GET", "POST"])
@after_step_one("T3.4", page=False)
def fishbone_live(request: HttpRequest, public_id: Any) -> HttpResponse:
    """The fishbone's drawing and causes, for the page to refresh; and the team's changes to it, from
    any screen: the problem (refused, keeping what was typed, if someone saved since), a cause or a
    deeper cause, a vote."""
    project = _project(request, public_id)
    context: dict[str, Any] = {"editing": _editing(request)}
    if request.method == "POST":
        require(request.user, CHANGE, project)
        context = _fishbone_post(request, project)
        if not _is_htmx(request):
            kept = context.get("problem") and context.get("cause_form") is not None
            if context.get("change_form") is not None or kept:
                # Without scripts, what the person typed comes back on the fishbone's page.
                return fishbone_page(request, project, context)
            if context.get("problem"):
                messages.error(request, context["problem"])
            return redirect(reverse("project-fishbone", args=[project.public_id]) + "#causes")
    in_meeting = request.POST.get("in_meeting") or request.GET.get("in_meeting")
    return render(
        request,
        "projects/_fishbone_live.jinja",
        {
            **_fishbone_context(request, project, **context),
            **_meeting_panel(request, project),
            "poll": not in_meeting,
        },
    )


def fishbone_page(request: HttpRequest, project: Project, context: dict[str, Any]) -> HttpResponse:
    """The fishbone's whole page, with a change (or the cause being changed) in hand."""
    full = _fishbone_context(request, project, **context)
    kept = [f for f in (full["change_form"], full["effect_form"], full["cause_form"]) if f is not None]
    return render(
        request,
        "projects/fishbone.jinja",
        {
            **full,
            "form": next((f for f in kept if f.errors), kept[0]),
            "terminology": _terms(project),
            "page_title": "Fishbone",
            "column": "full",
            "breadcrumbs": _crumbs(project, _project_crumb(project)),
        },
    )


def _fishbone_post(request: HttpRequest, project: Project) -> dict[str, Any]:
    by = _actor(request)
    if "effect" in request.POST:
        effect_form = EffectForm(request.POST)
        if not effect_form.is_valid():
            return {"effect_form": effect_form}
        data = effect_form.cleaned_data
        if actions.save_effect(
            project=project, effect=data["effect"], based_on_version=data["version"], by=by
        ):
            return {}
        page = presenters.fishbone_page(project, request.user)
        posted = request.POST.copy()
        posted["version"] = str(page.version)  # a second save, made knowingly, goes through
        return {"effect_form": EffectForm(posted), "stale": True}
    if (cause_id := whole_number(request.POST.get("change_cause"))) is not None:
        return _change_cause(request, project, cause_id)
    for change in ("vote", "remove"):
        if (cause_id := whole_number(request.POST.get(change))) is not None:
            cause = Cause.objects.filter(project=project, id=cause_id).first()
            if cause is None:
                return {"problem": "That cause has just been removed by someone else."}
            if change == "vote":
                actions.toggle_cause_vote(cause=cause, by=by)
            else:
                live_actions.remove_cause(cause=cause, by=by)
            return {}
    parent_id = whole_number(request.POST.get("parent"))
    parent = Cause.objects.filter(project=project, id=parent_id).first() if parent_id else None
    if request.POST.get("parent") and parent is None:
        return {"problem": "The cause you were adding to has just been removed by someone else."}
    cause_form = CauseForm(request.POST, categories=_categories(project))
    if not cause_form.is_valid():
        if parent is not None:
            return {"problem": f"Enter the deeper cause under “{parent.text}”."}
        return {"cause_form": cause_form}
    actions.add_cause(
        project=project,
        category=cause_form.cleaned_data["category"],
        text=cause_form.cleaned_data["text"],
        parent=parent,
        by=by,
    )
    return {}


def _change_cause(request: HttpRequest, project: Project, cause_id: int) -> dict[str, Any]:
    """Reword or move a cause. Refused, keeping what the person typed, if someone else changed or removed
    it meanwhile, or if it cannot go where they chose."""
    cause = Cause.objects.filter(project=project, id=cause_id).first()
    if cause is None:
        return _cause_gone(request, project)
    not_there = ""
    if request.POST.get("place", "").startswith("under:") and Cause.objects.filter(parent=cause).exists():
        not_there = (
            f"“{cause.text}” has deeper causes of its own, so it stays on a bone: "
            "move it to another bone, or move its deeper causes first."
        )
    form = CauseChangeForm(request.POST, places=_cause_places(project, cause), not_there=not_there)
    if not form.is_valid():
        return {"editing": cause.id, "change_form": form}
    data = form.cleaned_data
    above, _, bone = data["was_place"].partition(":")
    as_opened = (data["was_text"], bone, whole_number(above) or None)
    kind, _, where = data["place"].partition(":")
    above_id = whole_number(where) if kind == "under" else None
    parent = Cause.objects.filter(project=project, id=above_id).first() if above_id is not None else None
    if kind == "under" and parent is None:
        form.add_error("place", "The cause you chose to put it under has just been removed by someone else.")
        return {"editing": cause.id, "change_form": form}
    try:
        live_actions.change_cause(
            cause=cause,
            text=data["text"],
            category=parent.category if parent else where,
            parent=parent,
            as_opened=as_opened,
            by=_actor(request),
        )
    except live_actions.Gone:
        return _cause_gone(request, project)
    except live_actions.ChangedMeanwhile as found:
        now = found.now
        assert isinstance(now, Cause)
        posted = request.POST.copy()
        # A second save, made knowingly, goes through.
        posted["was_text"], posted["was_place"] = now.text, _as_opened_stamp(now)
        kept = CauseChangeForm(posted, places=_cause_places(project, now))
        kept.is_valid()
        where_now = live_actions.place_of(now)
        return {
            "editing": now.id,
            "change_form": kept,
            "change_stale": f"It now reads “{now.text}”, {where_now}.",
        }
    except live_actions.CannotMove as refused:
        form.add_error("place", refused.reason)
        return {"editing": cause.id, "change_form": form}
    return {}


def _cause_gone(request: HttpRequest, project: Project) -> dict[str, Any]:
    """The cause being changed was removed by someone else: say so, and keep the words in the form that
    adds a cause, to add it again if it is still a cause."""
    typed = request.POST.get("text", "").strip()[:200]
    form = CauseForm(initial={"text": typed}, categories=_categories(project))
    return {
        "problem": "That cause has just been removed by someone else, so your change was not saved. "
        "Your words are kept in “Add a cause”: add it again if it is still a cause.",
        "cause_form": form,
    }


# --- The tool open in meeting mode ----------------------------------------------------------------------
FISHBONE_CHANGES = ("editing", "change_form", "change_stale", "problem", "cause_form")
BRAINSTORM_CHANGES = ("editing", "reword_form", "reword_stale", "problem", "idea_form")


def _only(change: dict[str, Any], names: tuple[str, ...]) -> dict[str, Any]:
    return {name: value for name, value in change.items() if name in names}


@require_http_methods(["GET", "POST"])
def meeting_tool(request: HttpRequest, public_id: Any, number: int) -> HttpResponse:
    """The panel of meeting mode that shows the tool open on every screen, refreshed by each screen; a
    POST opens another tool for everyone, or saves the team's answers to the open worksheet (refused,
    keeping what was typed, when someone saved since). A worksheet with a table is edited on its own page."""
    project, found = _meeting(request, public_id, number)
    sheet: dict[str, Any] = {}
    # A cause or an idea open to change (or being changed) in the open tool.
    change: dict[str, Any] = {"editing": whole_number(request.GET.get("change"))}
    if request.method == "POST":
        require(request.user, CHANGE, project)
        open_number = whole_number(found.open_tool.removeprefix("brainstorm-"))
        brainstorm = (
            Brainstorm.objects.filter(project=project, number=open_number).first()
            if found.open_tool.startswith("brainstorm-") and open_number is not None
            else None
        )
        if request.POST.get("save") == "sheet" and found.open_tool.startswith("worksheet-"):
            sheet = _save_open_worksheet(request, project, found.open_tool.removeprefix("worksheet-"))
        elif "change_cause" in request.POST and found.open_tool == live_presenters.FISHBONE:
            if gated := gate_reason(project, "T3.4"):
                change = {"problem": gated}
            else:
                change = _change_cause(request, project, whole_number(request.POST.get("change_cause")) or 0)
        elif request.POST.get("do") == "reword" and brainstorm is not None:
            brainstorm.project = project
            idea_id = whole_number(request.POST.get("idea")) or 0
            idea = Idea.objects.filter(project=project, list_key=brainstorm.list_key, id=idea_id).first()
            change = _reword_idea(request, brainstorm, idea)
        elif "tool" in request.POST:
            choices = live_presenters.tool_choices(project)
            form = OpenToolForm(request.POST, choices=choices)
            if form.is_valid():
                key = form.cleaned_data["tool"]
                live_actions.open_in_meeting(
                    meeting=found, tool_key=key, label=dict(choices)[key], by=_actor(request)
                )
        kept = any(key in change for key in ("change_form", "reword_form", "problem"))
        if not _is_htmx(request) and not kept:
            return redirect(reverse("project-meeting-live", args=[project.public_id, found.number]))
    panel = live_presenters.tool_panel(found, request.user)
    context: dict[str, Any] = {
        "project": project,
        "panel": panel,
        "open_form": OpenToolForm(initial={"tool": panel.key}, choices=panel.choices),
        "may_change": request.user.has_perm(CHANGE, project),
        "meeting_panel": found.number,
        "meeting_panel_href": panel.panel_href,
    }
    # The open tool's fragment is drawn inside the panel with the names it expects.
    if panel.fishbone is not None:
        context.update(_fishbone_context(request, project, **_only(change, FISHBONE_CHANGES)))
    if panel.brainstorm is not None:
        context.update(
            _brainstorm_context(request, panel.brainstorm.brainstorm, **_only(change, BRAINSTORM_CHANGES))
        )
    if panel.worksheet is not None and panel.worksheet.editable:
        tool = TOOLS_BY_SLUG[panel.key.removeprefix("worksheet-")]
        context["sheet_form"] = sheet.get("form") or WorksheetForm(
            initial={**panel.worksheet.raw, "version": panel.worksheet.version}, tool=tool, auto_id="sheet-%s"
        )
        context["sheet_conflict"] = sheet.get("conflict")
        context["sheet_saved"] = sheet.get("saved", False)
    if not _is_htmx(request):
        # Without scripts, the panel is a page of its own.
        context.update(
            {
                "meeting": found,
                "terminology": _terms(project),
                "page_title": f"Meeting {found.number}: {panel.label}",
                "breadcrumbs": _crumbs(
                    project,
                    _project_crumb(project),
                    {"text": "Meetings", "href": reverse("project-meetings", args=[project.public_id])},
                ),
            }
        )
        return render(request, "projects/meeting_tool.jinja", context)
    return render(request, "projects/_meeting_tool.jinja", context)


# --- A meeting's agenda ---------------------------------------------------------------------------------
@require_http_methods(["GET", "POST"])
def meeting_agenda(request: HttpRequest, public_id: Any, number: int) -> HttpResponse:
    """Change a meeting's agenda: its items, their minutes and what each is for. A save made over
    someone else's is refused, keeping what this person typed beside the saved agenda."""
    project, found = _meeting(request, public_id, number)
    require(request.user, CHANGE, project)
    initial, rows = meeting_presenters.agenda_initial(found)
    form = AgendaForm(initial=initial, rows=rows)
    stale = False
    if request.method == "POST":
        posted_rows = sum(1 for key in request.POST if key.startswith("title_"))
        form = AgendaForm(request.POST, rows=min(max(posted_rows, 1), 30))
        if form.is_valid():
            if meeting_actions.save_agenda(
                meeting=found,
                items=form.cleaned_data["items"],
                based_on_version=form.cleaned_data["version"],
                by=_actor(request),
            ):
                messages.success(request, f"The agenda of meeting {found.number} has been saved.")
                return redirect(reverse("project-meeting", args=[project.public_id, found.number]))
            stale = True
            found.refresh_from_db()
            posted = request.POST.copy()
            posted["version"] = str(found.agenda_version)  # a second save, made knowingly, goes through
            form = AgendaForm(posted, rows=form.row_count)
            form.is_valid()
    page = presenters.meeting_page(found)
    return render(
        request,
        "projects/meeting_agenda.jinja",
        {
            "project": project,
            "meeting": found,
            "page": page,
            "form": form,
            "stale": stale,
            "terminology": _terms(project),
            "page_title": f"Meeting {found.number}: agenda",
            "breadcrumbs": _crumbs(
                project,
                _project_crumb(project),
                {"text": "Meetings", "href": reverse("project-meetings", args=[project.public_id])},
                {
                    "text": f"Meeting {found.number}",
                    "href": reverse("project-meeting", args=[project.public_id, found.number]),
                },
            ),
        },
    )


def _save_open_worksheet(request: HttpRequest, project: Project, slug: str) -> dict[str, Any]:
    """Save the team's answers to a worksheet without a table, from meeting mode."""
    tool = TOOLS_BY_SLUG[slug]
    if tool.rows:
        raise Http404("A worksheet with a table is edited on its own page")
    form = WorksheetForm(request.POST, tool=tool, auto_id="sheet-%s")
    if not form.is_valid():
        return {"form": form}
    try:
        actions.save_worksheet(
            project=project,
            tool=tool,
            answers={f.name: form.cleaned_data.get(f.name, "") for f in tool.fields},
            based_on_version=form.cleaned_data["version"],
            by=_actor(request),
        )
    except actions.StepOneGate as closed:
        form.add_error(None, closed.reason)
        return {"form": form}
    except actions.Conflict as found:
        data = request.POST.copy()
        data["version"] = str(found.their_version)  # a second save, made knowingly, goes through
        kept = WorksheetForm(data, tool=tool, auto_id="sheet-%s")
        kept.is_valid()
        return {"form": kept, "conflict": found}
    return {"saved": True}
