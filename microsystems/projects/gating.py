"""The programme's agreement gate for every tool after step 1, in one place for the views.

A programme may require a signed coaching agreement before a project moves past step 1
(`programme.gates.may_move_past_step_one`). The workbook's actions ask it through
`actions.check_step_one_gate`; a tool with a page of its own (steps 2 to 5: the 5Ps and the population
profile's registers import, the fishbone, the specific aim, change ideas, PDSA, the huddles…) wears
`@after_step_one(tool_id)`, which asks the same check: while the gate is closed its page says why, and
nothing posted to it is saved; the person is sent back to the tool's page with the gate's message."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from microsystems.core.access import visible_or_404

from . import actions
from .method import TOOLS_BY_ID, TOOLS_BY_SLUG
from .models import Project

View = Callable[..., HttpResponse]


def gate_reason(project: Project, tool_id: str) -> str:
    """Why work on the tool must wait for the coaching agreement, or "" when it need not."""
    try:
        actions.check_step_one_gate(project, TOOLS_BY_ID[tool_id])
    except actions.StepOneGate as closed:
        return closed.reason
    return ""


def _tell(request: HttpRequest, reason: str, level: int) -> None:
    if not any(str(m) == reason for m in messages.get_messages(request)):
        messages.add_message(request, level, reason)


def after_step_one(tool_id: str | None, *, page: bool = True) -> Callable[[View], View]:
    """A view of a tool after step 1 (its URL carries the project as `public_id`, and the tool's slug as
    `slug` when `tool_id` is None). While the programme's
    agreement gate is closed, a page (`page`) shows the gate's message, and a post changes nothing and
    comes back to the page (or, for an address that is not a page, to the tool's page) with it."""

    def decorate(view: View) -> View:
        @wraps(view)
        def gated(request: HttpRequest, public_id: Any, *args: Any, **kwargs: Any) -> HttpResponse:
            project = visible_or_404(
                request.user,
                "projects.view_project",
                Project.objects.select_related("programme"),
                public_id=public_id,
            )
            tool = TOOLS_BY_ID.get(tool_id) if tool_id else TOOLS_BY_SLUG.get(kwargs.get("slug", ""))
            reason = gate_reason(project, tool.id) if tool is not None else ""
            if reason and request.method == "POST":
                _tell(request, reason, messages.ERROR)
                from .presenters import tool_href

                back = request.path if page or tool is None else tool_href(project, tool) or request.path
                if request.headers.get("HX-Request"):
                    response = HttpResponse(status=204)
                    response["HX-Redirect"] = back
                    return response
                return redirect(back)
            if reason and page and request.method == "GET" and not request.headers.get("HX-Request"):
                _tell(request, reason, messages.WARNING)
            return view(request, public_id, *args, **kwargs)

        return gated

    return decorate
