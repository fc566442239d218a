"""The coaching agreement: written, then signed by a partner of the practice and the lead coach."""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ..engagement import EngagementState
from ..gates import signatures_complete
from ..models import AgreementSignature, CoachingAgreement, Enrolment, SignatoryPart
from .engagement import advance_to

AGREEMENT_FIELDS = (
    "protected_time",
    "meeting_pattern",
    "champion",
    "senior_partner",
    "patient_involvement",
    "data_collection",
    "needs_ongoing_resources",
    "ongoing_resources_plan",
)


@transaction.atomic
def write_agreement(*, enrolment: Enrolment, by: Any, **commitments: Any) -> CoachingAgreement:
    """Draft the practice's agreement, or change the draft. A signed agreement is not changed: a new one
    is written instead, so what people signed stays as they signed it."""
    unknown = set(commitments) - set(AGREEMENT_FIELDS)
    if unknown:
        raise TypeError(f"unknown commitments: {sorted(unknown)}")
    if EngagementState(enrolment.state).has_left:
        raise ValidationError("The practice has left the programme")
    if (
        commitments.get("needs_ongoing_resources")
        and not str(commitments.get("ongoing_resources_plan", "")).strip()
    ):
        raise ValidationError(
            {"ongoing_resources_plan": "Say how the change will be resourced after the project"}
        )
    draft = enrolment.agreements.filter(signed_on__isnull=True).first()
    if draft is None:
        draft = CoachingAgreement(enrolment=enrolment, created_by=by, created_on=timezone.localdate())
    for name, value in commitments.items():
        setattr(draft, name, value)
    draft.save()
    return draft


@transaction.atomic
def sign_agreement(
    *, agreement: CoachingAgreement, signatory: Any, part: str, by: Any, on: date | None = None
) -> AgreementSignature:
    """Add a signature. When a partner and the lead coach have both signed, the agreement is signed and the
    practice moves to "agreement signed"."""
    on = on or timezone.localdate()
    if agreement.is_signed:
        raise ValidationError("This agreement is already signed")
    if on > timezone.localdate():
        raise ValidationError({"signed_on": "The date must be today or in the past"})
    if part not in SignatoryPart.values:
        raise ValidationError({"part": "Choose who is signing"})
    if agreement.signatures.filter(signatory=signatory, part=part).exists():
        raise ValidationError({"signatory": f"{signatory.full_name} has already signed as this"})
    signature = AgreementSignature.objects.create(
        agreement=agreement, signatory=signatory, part=part, signed_on=on, recorded_by=by
    )
    parts = set(agreement.signatures.values_list("part", flat=True))
    if signatures_complete(parts):
        agreement.signed_on = max(agreement.signatures.values_list("signed_on", flat=True))
        agreement.save(update_fields=["signed_on"])
        advance_to(
            agreement.enrolment,
            EngagementState.AGREEMENT_SIGNED,
            on=agreement.signed_on,
            by=by,
            note="Coaching agreement signed",
        )
        from .funding import release_for_enrolment

        release_for_enrolment(agreement.enrolment)
    return signature
