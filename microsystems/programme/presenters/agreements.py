"""The coaching agreement page."""

from dataclasses import dataclass
from typing import Any

from ..gates import REQUIRED_PARTS
from ..models import CoachAssignment, CoachingAgreement, SignatoryPart


@dataclass(frozen=True)
class SignatureLine:
    name: str
    part: str
    signed_on: Any
    recorded_by: str


@dataclass(frozen=True)
class AgreementPage:
    agreement: CoachingAgreement
    rows: list[dict[str, Any]]
    signatures: list[SignatureLine]
    missing: list[str]
    may_record: bool
    may_sign_self: bool
    own_parts: list[tuple[str, str]]


def agreement_page(agreement: CoachingAgreement, user: Any) -> AgreementPage:
    signatures = list(agreement.signatures.select_related("signatory", "recorded_by"))
    parts = {s.part for s in signatures}
    missing = [SignatoryPart(p).label for p in sorted(REQUIRED_PARTS - parts)]
    rows = [
        ("Protected time", agreement.protected_time),
        ("Meetings", agreement.get_meeting_pattern_display()),
        ("Champion", agreement.champion.full_name if agreement.champion else "Not named"),
        ("Senior partner", agreement.senior_partner.full_name if agreement.senior_partner else "Not named"),
        ("Patient involvement", agreement.patient_involvement),
        ("Data collection", agreement.data_collection),
        ("Needs ongoing resources", "Yes" if agreement.needs_ongoing_resources else "No"),
    ]
    if agreement.needs_ongoing_resources:
        rows.append(("How they will be resourced", agreement.ongoing_resources_plan))
    enrolment = agreement.enrolment
    is_coach = CoachAssignment.objects.filter(
        enrolment=enrolment, coach__user=user, ended_on__isnull=True
    ).exists()
    offered = (
        (SignatoryPart.COACH, SignatoryPart.CO_COACH)
        if is_coach
        else (SignatoryPart.PARTNER, SignatoryPart.PRACTICE_MANAGER, SignatoryPart.CHAMPION)
    )
    own_parts = [(part.value, str(part.label)) for part in offered]
    signed_by_me = any(s.signatory_id == user.id for s in signatures)
    return AgreementPage(
        agreement=agreement,
        rows=[{"key": {"text": k}, "value": {"text": v}} for k, v in rows],
        signatures=[
            SignatureLine(
                s.signatory.full_name,
                s.get_part_display(),
                s.signed_on,
                s.recorded_by.full_name if s.recorded_by else "",
            )
            for s in signatures
        ],
        missing=missing,
        may_record=not agreement.is_signed and user.has_perm("programme.manage_enrolment", enrolment),
        may_sign_self=not agreement.is_signed
        and not signed_by_me
        and user.has_perm("programme.sign_agreement", agreement),
        own_parts=own_parts,
    )
