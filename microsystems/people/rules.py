"""Every "may this user see / change this?" question in the application, answered here.

Views ask through `microsystems.core.access` (which calls `user.has_perm`); lists are filtered with the
same `Scope`. A user who may not see an object gets a 404, as if it did not exist; a user who may see it
but not do what they asked gets a 403 (see docs/decisions/0001-permissions.md)."""

from typing import Any

import rules

from microsystems.programme.models import Programme
from microsystems.projects.models import Project

from .models import Organisation
from .scope import practice_is_in_programmes, scope_for


# --- Practices (and partner organisations taking part in projects) -------------------------------
@rules.predicate
def is_on_the_team(user: Any, organisation: Organisation) -> bool:
    return organisation.id in scope_for(user).team_organisation_ids


@rules.predicate
def is_staff_of(user: Any, organisation: Organisation) -> bool:
    return organisation.id in scope_for(user).staff_organisation_ids


@rules.predicate
def coaches(user: Any, organisation: Organisation) -> bool:
    return organisation.id in scope_for(user).coached_practice_ids


@rules.predicate
def leads_its_programme(user: Any, organisation: Organisation) -> bool:
    return practice_is_in_programmes(organisation.id, scope_for(user).led_programme_ids)


can_see_practice = is_on_the_team | coaches | leads_its_programme
can_work_on_practice = is_staff_of | coaches | leads_its_programme

rules.add_perm("people.view_organisation", can_see_practice)
rules.add_perm("projects.add_project", can_work_on_practice)


# --- Programmes --------------------------------------------------------------------------------------
@rules.predicate
def leads(user: Any, programme: Programme) -> bool:
    return programme.id in scope_for(user).led_programme_ids


@rules.predicate
def works_in(user: Any, programme: Programme) -> bool:
    return programme.id in scope_for(user).programme_ids


rules.add_perm("programme.view_programme", works_in)
rules.add_perm("programme.change_programme", leads)


# --- Projects: reached through their lead practice ---------------------------------------------------
@rules.predicate
def can_see_projects_practice(user: Any, project: Project) -> bool:
    return bool(can_see_practice.test(user, project.practice))


@rules.predicate
def can_work_on_projects_practice(user: Any, project: Project) -> bool:
    # The patient representative is part of the lead team and fills in the tools with everyone else.
    return bool((can_work_on_practice | is_on_the_team).test(user, project.practice))


rules.add_perm("projects.view_project", can_see_projects_practice)
rules.add_perm("projects.change_project", can_work_on_projects_practice)
