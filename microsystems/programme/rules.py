"""The programme's permission rules: running the programme (engagement, coaches, agreements, funding,
follow-ups and the portfolio). Loaded by `rules`' autodiscovery, beside microsystems/people/rules.py, and
built on the same `Scope`, so "who sees what" is still decided from one place.

- The programme lead runs everything in the programmes they lead.
- A coach sees and works with the practices they coach (an active assignment), logs their own hours,
  signs the agreements they are party to, and uses the coaches' private space.
- A practice's team sees its own agreement, funding and reviews; its staff sign, apply and record.
- An evaluator sees the portfolio's figures, never a practice's own records."""

from collections.abc import Callable
from typing import Any

import rules

from microsystems.people.scope import scope_for

from .models import Coach, CoachingAgreement, Enrolment, FollowUpReview, FundingApplication, Programme


def predicate(test: Callable[[Any, Any], bool]) -> Any:
    """rules.predicate, typed for the checker (the rules package has no annotations)."""
    return rules.predicate(test)


def _practice_id(obj: Any) -> int:
    if isinstance(obj, (Enrolment, CoachingAgreement)):
        enrolment = obj if isinstance(obj, Enrolment) else obj.enrolment
        return enrolment.practice_id
    if isinstance(obj, (FollowUpReview, FundingApplication)):
        return obj.project.practice_id
    return int(obj.practice_id)  # a project


def _programme_id(obj: Any) -> int:
    if isinstance(obj, Programme):
        return obj.id
    if isinstance(obj, Enrolment | Coach):
        return obj.programme_id
    if isinstance(obj, CoachingAgreement):
        return obj.enrolment.programme_id
    if isinstance(obj, (FollowUpReview, FundingApplication)):
        return obj.project.programme_id
    return int(obj.programme_id)  # a project or a payment


@predicate
def leads_the_programme(user: Any, obj: Any) -> bool:
    return obj is not None and _programme_id(obj) in scope_for(user).led_programme_ids


@predicate
def coaches_the_practice(user: Any, obj: Any) -> bool:
    return obj is not None and _practice_id(obj) in scope_for(user).coached_practice_ids


@predicate
def is_on_the_practice_team(user: Any, obj: Any) -> bool:
    return obj is not None and _practice_id(obj) in scope_for(user).team_organisation_ids


@predicate
def is_practice_staff(user: Any, obj: Any) -> bool:
    return obj is not None and _practice_id(obj) in scope_for(user).staff_organisation_ids


@predicate
def coaches_in_the_programme(user: Any, obj: Any) -> bool:
    return obj is not None and _programme_id(obj) in scope_for(user).coach_programme_ids


@predicate
def evaluates_the_programme(user: Any, obj: Any) -> bool:
    return obj is not None and _programme_id(obj) in scope_for(user).evaluated_programme_ids


@predicate
def is_the_coach_or_their_mentor(user: Any, coach: Coach) -> bool:
    if coach is None:
        return False
    return coach.user_id == user.id or (coach.mentor is not None and coach.mentor.user_id == user.id)


@predicate
def manages_the_practice(user: Any, enrolment: Enrolment) -> bool:
    """The practice's manager (staff whose job is practice manager) or the senior partner named on the
    practice's coaching agreement in this programme: who may speak for the practice."""
    from microsystems.people.models import Membership
    from microsystems.people.roles import Job, Role

    if enrolment is None or enrolment.practice_id not in scope_for(user).staff_organisation_ids:
        return False
    return (
        Membership.objects.active()
        .filter(
            user_id=user.id,
            organisation_id=enrolment.practice_id,
            role=Role.PRACTICE_STAFF,
            job=Job.PRACTICE_MANAGER,
        )
        .exists()
        or CoachingAgreement.objects.filter(enrolment_id=enrolment.pk, senior_partner_id=user.id).exists()
    )


# Practices in the programme (an enrolment) ---------------------------------------------------------
rules.add_perm("programme.view_enrolment", leads_the_programme | coaches_the_practice)
rules.add_perm("programme.manage_enrolment", leads_the_programme)
# The practice's own staff reach its withdrawal page; its manager or senior partner withdraws it.
rules.add_perm("programme.view_own_enrolment", is_practice_staff)
rules.add_perm("programme.withdraw_practice", manages_the_practice)
rules.add_perm("programme.log_hours", coaches_the_practice)

# The coach pool --------------------------------------------------------------------------------------
rules.add_perm("programme.manage_coaches", leads_the_programme)
rules.add_perm("programme.view_coach", leads_the_programme | is_the_coach_or_their_mentor)
rules.add_perm("programme.use_coach_space", coaches_in_the_programme)

# Coaching agreements -----------------------------------------------------------------------------
can_see_practice_work = leads_the_programme | coaches_the_practice | is_on_the_practice_team
rules.add_perm("programme.view_agreement", can_see_practice_work)
rules.add_perm("programme.sign_agreement", coaches_the_practice | is_practice_staff)

# A project's place in the programme: funding, completion and follow-up reviews -----------------------
rules.add_perm("programme.view_project_programme", can_see_practice_work)
rules.add_perm("programme.apply_for_funding", leads_the_programme | coaches_the_practice | is_practice_staff)
rules.add_perm("programme.decide_funding", leads_the_programme)
rules.add_perm("programme.complete_project", leads_the_programme | coaches_the_practice)
rules.add_perm("programme.record_review", leads_the_programme | coaches_the_practice | is_practice_staff)

# Money and the portfolio ---------------------------------------------------------------------------
rules.add_perm("programme.manage_payments", leads_the_programme)
rules.add_perm("programme.view_portfolio", leads_the_programme | evaluates_the_programme)
rules.add_perm("programme.view_portfolio_practices", leads_the_programme)
rules.add_perm("programme.view_follow_ups", leads_the_programme)
