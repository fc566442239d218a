"""Who has left a project's lead team, and when: the one place every page and signal asks.

Someone has left the lead team when the team marked them as having left it, or when they are no longer
at the organisation they joined the team from (their membership there ended). The rules are plain
Python; `who_left` reads the facts for many projects in a fixed number of queries.
"""

from collections.abc import Iterable
from datetime import date
from typing import Any


def left_on(marked_on: date | None, ended_on: date | None, still_there: bool, today: date) -> date | None:
    """When one member left the lead team, or None while they are on it. The day the team marked wins;
    else the day their membership of their organisation ended (today when that day is unknown)."""
    if marked_on is not None:
        return marked_on
    if still_there:
        return None
    return ended_on or today


def why_not_leave(
    *, part: str, joined_on: date, already_left: date | None, on: date, today: date
) -> tuple[str, str]:
    """Why a member cannot be marked as having left on `on`: (the thing to correct, "member" or "left_on",
    and the reason), or ("", "") when they can."""
    if already_left is not None:
        return "member", (
            f"They are already recorded as having left the lead team on {already_left:%-d %B %Y}."
        )
    if part == "champion":
        return "member", (
            "Hand over the champion's role to another member first, then mark them as having left."
        )
    if part == "sponsor":
        return "member", (
            "Hand over the senior sponsor's role to another member first, then mark them as having left."
        )
    if on > today:
        return "left_on", "The day they left must be today or in the past."
    if on < joined_on:
        return "left_on", (
            "The day they left must be on or after the day they joined the lead team "
            f"({joined_on:%-d %B %Y})."
        )
    return "", ""


def who_left(project_ids: Iterable[int], today: date) -> dict[int, dict[int, date]]:
    """For each project, the members who have left its lead team: user id -> the day they left.
    Three queries, however many projects."""
    from microsystems.people.models import Membership

    from .models import TeamMember

    members = list(
        TeamMember.objects.filter(project_id__in=list(project_ids)).values_list(
            "project_id", "user_id", "organisation_id", "left_on"
        )
    )
    organisations = {organisation_id for _, _, organisation_id, _ in members}
    users = {user_id for _, user_id, _, _ in members}
    still_there = set(
        Membership.objects.active()
        .filter(organisation_id__in=organisations, user_id__in=users, user__is_active=True)
        .values_list("user_id", "organisation_id")
    )
    ended: dict[tuple[int, int], date] = {}
    for user_id, organisation_id, day in Membership.objects.filter(
        organisation_id__in=organisations, user_id__in=users, ended_on__isnull=False
    ).values_list("user_id", "organisation_id", "ended_on"):
        key = (user_id, organisation_id)
        if day is not None and (key not in ended or day > ended[key]):
            ended[key] = day
    found: dict[int, dict[int, date]] = {}
    for project_id, user_id, organisation_id, marked_on in members:
        key = (user_id, organisation_id)
        day = left_on(marked_on, ended.get(key), key in still_there, today)
        found.setdefault(project_id, {})
        if day is not None:
            found[project_id][user_id] = day
    return found


def left_the_team(project: Any, today: date) -> dict[int, date]:
    """The members who have left one project's lead team: user id -> the day they left."""
    return who_left([project.pk], today).get(project.pk, {})
