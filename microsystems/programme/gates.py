"""The programme's rules that other parts of the product ask about a project. The workbook calls these;
it does not need to know how agreements or funding are stored.

    from microsystems.programme.gates import may_move_past_step_one
    gate = may_move_past_step_one(project)
    if not gate.allowed: show gate.reason
"""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

# A partner's signature (senior sponsor) and the coach's make an agreement binding.
REQUIRED_PARTS = frozenset({"partner", "coach"})


@dataclass(frozen=True)
class Gate:
    allowed: bool
    reason: str = ""


def signatures_complete(parts: Iterable[str]) -> bool:
    return set(parts) >= REQUIRED_PARTS


def agreement_is_signed(project: Any) -> bool:
    """Whether the project's practice has a signed coaching agreement that covers it: one made for this
    project, or one for the practice's next project that no other project has claimed."""
    from .models import CoachingAgreement

    return (
        CoachingAgreement.objects.filter(
            enrolment__programme_id=project.programme_id,
            enrolment__practice_id=project.practice_id,
            signed_on__isnull=False,
            project__isnull=True,
        ).exists()
        or CoachingAgreement.objects.filter(project=project, signed_on__isnull=False).exists()
    )


def may_start_past_step_one(programme: Any, practice_id: int) -> Gate:
    """The same question before a project exists (the workbook's "start a project" page): does the
    practice have a signed coaching agreement no project has claimed, if the programme requires one?"""
    from .models import CoachingAgreement

    if not programme.requires_signed_agreement:
        return Gate(True)
    if CoachingAgreement.objects.filter(
        enrolment__programme_id=programme.pk,
        enrolment__practice_id=practice_id,
        signed_on__isnull=False,
        project__isnull=True,
    ).exists():
        return Gate(True)
    return Gate(
        False,
        "The practice's coaching agreement is not signed yet. The project can start, but it cannot move past "
        "step 1 until a partner of the practice and the coach have signed it.",
    )


def may_move_past_step_one(project: Any) -> Gate:
    """A programme may require a signed coaching agreement before a project goes past step 1 (organise
    the lead team). Seed 001 rec 2.iii: a contract between coach and practice "helps with buy-in"."""
    if not project.programme.requires_signed_agreement:
        return Gate(True)
    if agreement_is_signed(project):
        return Gate(True)
    return Gate(
        False,
        "The coaching agreement must be signed by a partner of the practice and the coach before the "
        "project moves past step 1.",
    )


def needs_ongoing_resources(project: Any) -> bool:
    """Whether the agreement says the change will need ongoing resources: the workbook warns at the start
    (seed 001 rec 8)."""
    return practice_needs_ongoing_resources(project.programme_id, project.practice_id)


def practice_needs_ongoing_resources(programme_id: int, practice_id: int) -> bool:
    """The same question before a project exists (the workbook's "start a project" page)."""
    from .models import CoachingAgreement

    return CoachingAgreement.objects.filter(
        enrolment__programme_id=programme_id,
        enrolment__practice_id=practice_id,
        needs_ongoing_resources=True,
    ).exists()
