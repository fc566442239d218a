"""Every "may this user see / change this?" question in the application, answered here.

Views ask through `microsystems.core.access` (which calls `user.has_perm`); lists are filtered with the
same `Scope`. A user who may not see an object gets a 404, as if it did not exist; a user who may see it
but not do what they asked gets a 403 (see docs/decisions/0001-permissions.md)."""

from collections.abc import Callable
from typing import Any

import rules

from microsystems.programme.models import Programme
from microsystems.projects.models import Project

from .models import Organisation
from .scope import practice_is_in_programmes, scope_for


def predicate(test: Callable[[Any, Any], bool]) -> Any:
    """rules.predicate, typed for the checker (the rules package has no annotations)."""
    return rules.predicate(test)


# --- Practices (and partner organisations taking part in projects) -------------------------------
@predicate
def is_on_the_team(user: Any, organisation: Organisation) -> bool:
    return organisation.id in scope_for(user).team_organisation_ids


@predicate
def is_staff_of(user: Any, organisation: Organisation) -> bool:
    return organisation.id in scope_for(user).staff_organisation_ids


@predicate
def coaches(user: Any, organisation: Organisation) -> bool:
    return organisation.id in scope_for(user).coached_practice_ids


@predicate
def leads_its_programme(user: Any, organisation: Organisation) -> bool:
    return practice_is_in_programmes(organisation.id, scope_for(user).led_programme_ids)


can_see_practice = is_on_the_team | coaches | leads_its_programme
can_work_on_practice = is_staff_of | coaches | leads_its_programme

rules.add_perm("people.view_organisation", can_see_practice)
# A project is started by the practice's staff or its coach (the programme lead reads, and does not start).
rules.add_perm("projects.add_project", is_staff_of | coaches)


# --- Programmes --------------------------------------------------------------------------------------
@predicate
def leads(user: Any, programme: Programme) -> bool:
    return programme.id in scope_for(user).led_programme_ids


@predicate
def works_in(user: Any, programme: Programme) -> bool:
    return programme.id in scope_for(user).programme_ids


rules.add_perm("programme.view_programme", works_in)
rules.add_perm("programme.change_programme", leads)


# --- Projects: the lead team and coaches edit; the practice's team and the programme lead read --------
def _team_parts(project: Project) -> dict[int, str]:
    """The lead team as user id -> part, read once per project object."""
    cached: dict[int, str] | None = getattr(project, "_team_parts", None)
    if cached is None:
        # Someone marked as having left the lead team no longer edits as a member of it.
        cached = dict(project.team.filter(left_on__isnull=True).values_list("user_id", "part"))
        project._team_parts = cached  # type: ignore[attr-defined]
    return cached


@predicate
def is_on_the_lead_team(user: Any, project: Project) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.id in _team_parts(project))


@predicate
def is_the_champion(user: Any, project: Project) -> bool:
    return bool(getattr(user, "is_authenticated", False) and _team_parts(project).get(user.id) == "champion")


@predicate
def coaches_the_project(user: Any, project: Project) -> bool:
    if project.practice_id in scope_for(user).coached_practice_ids:
        return True
    return bool(getattr(user, "is_authenticated", False)) and project.coaches.filter(user=user).exists()


@predicate
def is_on_the_practice_team(user: Any, project: Project) -> bool:
    return project.practice_id in scope_for(user).team_organisation_ids


@predicate
def leads_the_projects_programme(user: Any, project: Project) -> bool:
    return project.programme_id in scope_for(user).led_programme_ids


rules.add_perm(
    "projects.view_project",
    is_on_the_lead_team | coaches_the_project | is_on_the_practice_team | leads_the_projects_programme,
)
rules.add_perm("projects.change_project", is_on_the_lead_team | coaches_the_project)
# Marking a tool "not needed" (or needed again) changes the path for everyone: the coach or the champion.
rules.add_perm("projects.change_path", is_the_champion | coaches_the_project)
# Undoing a "left the lead team" recorded by mistake: the champion or the coach.
rules.add_perm("projects.bring_back_member", is_the_champion | coaches_the_project)
# The team chooses its theme; the coach facilitates but does not decide.
rules.add_perm("projects.choose_theme", is_on_the_lead_team)
# Everyone on the practice's team, and everyone on the lead team, rates the practice in the self-assessment.
rules.add_perm("projects.rate_self_assessment", is_on_the_lead_team | is_on_the_practice_team)


# --- Measures and the treat step (specific aims, change ideas, PDSA, SDSA, huddles) ----------------
# Everything here belongs to a project and is reached through it: who may see or change the project may
# see or change its measures, data and tests of change.
@predicate
def sees_its_project(user: Any, part: Any) -> bool:
    return bool(user.has_perm("projects.view_project", part.project))


@predicate
def works_on_its_project(user: Any, part: Any) -> bool:
    return bool(user.has_perm("projects.change_project", part.project))


rules.add_perm("measures.view_measure", sees_its_project)
rules.add_perm("measures.change_measure", works_on_its_project)
rules.add_perm("treat.view_work", sees_its_project)
rules.add_perm("treat.change_work", works_on_its_project)
