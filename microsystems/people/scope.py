"""What a user may reach, worked out once per request from their memberships and coaching.

Every permission rule and every list of objects a page shows asks this one object, so "who sees what"
is decided in one place (see rules.py). It costs a fixed number of queries whatever the size of the
programme, and is cached on the user object for the rest of the request."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Q

from microsystems.programme.models import CoachAssignment, Enrolment, Programme

from .models import Membership
from .roles import Role


@dataclass(frozen=True)
class Scope:
    roles: frozenset[str]
    # Organisations (practices, partners) where the user is on the team.
    team_organisation_ids: frozenset[int]
    # Of those, where the user is staff (not a patient representative).
    staff_organisation_ids: frozenset[int]
    # Practices the user coaches (an active assignment).
    coached_practice_ids: frozenset[int]
    # Programmes the user leads, coaches in, or evaluates.
    led_programme_ids: frozenset[int]
    coach_programme_ids: frozenset[int]
    evaluated_programme_ids: frozenset[int]

    @property
    def programme_ids(self) -> frozenset[int]:
        return self.led_programme_ids | self.coach_programme_ids | self.evaluated_programme_ids

    def practice_filter(self, prefix: str = "") -> Q:
        """A filter for practices (or anything reached through `prefix`, e.g. "practice__") whose work
        this user may see: their own team's, the ones they coach, and every practice enrolled in a
        programme they lead."""
        own = self.team_organisation_ids | self.coached_practice_ids
        condition = Q(**{f"{prefix}id__in": own}) if own else Q(pk__in=[])
        if self.led_programme_ids:
            condition |= Q(**{f"{prefix}enrolments__programme_id__in": self.led_programme_ids})
        return condition


EMPTY_SCOPE = Scope(frozenset(), frozenset(), frozenset(), frozenset(), frozenset(), frozenset(), frozenset())


def scope_for(user: Any) -> Scope:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return EMPTY_SCOPE
    cached: Scope | None = getattr(user, "_microsystems_scope", None)
    if cached is None:
        cached = _compute_scope(user)
        user._microsystems_scope = cached
    return cached


def forget_scope(user: Any) -> None:
    """After the user's memberships change within a request."""
    if hasattr(user, "_microsystems_scope"):
        del user._microsystems_scope


def _compute_scope(user: Any) -> Scope:
    memberships = list(Membership.objects.active().filter(user=user).values_list("organisation_id", "role"))
    by_role: dict[str, set[int]] = {}
    for organisation_id, role in memberships:
        by_role.setdefault(role, set()).add(organisation_id)

    def programmes_of(role: Role) -> frozenset[int]:
        commissioner_ids = by_role.get(role, set())
        if not commissioner_ids:
            return frozenset()
        return frozenset(
            Programme.objects.filter(commissioner_id__in=commissioner_ids).values_list("id", flat=True)
        )

    coached = frozenset(
        CoachAssignment.objects.filter(coach__user=user, ended_on__isnull=True).values_list(
            "enrolment__practice_id", flat=True
        )
    )
    staff = frozenset(by_role.get(Role.PRACTICE_STAFF, set()))
    team = staff | frozenset(by_role.get(Role.PATIENT_REPRESENTATIVE, set()))
    return Scope(
        roles=frozenset(by_role),
        team_organisation_ids=team,
        staff_organisation_ids=staff,
        coached_practice_ids=coached,
        led_programme_ids=programmes_of(Role.PROGRAMME_LEAD),
        coach_programme_ids=programmes_of(Role.COACH),
        evaluated_programme_ids=programmes_of(Role.EVALUATOR),
    )


def practice_is_in_programmes(practice_id: int, programme_ids: frozenset[int]) -> bool:
    return (
        bool(programme_ids)
        and Enrolment.objects.filter(practice_id=practice_id, programme_id__in=programme_ids).exists()
    )
