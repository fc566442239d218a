"""Forms for the coaching agreement and for funding: applications, decisions and payments."""

from decimal import Decimal
from typing import Any

from django import forms

from microsystems.people.models import Organisation, User

from ..funding_rules import MILESTONE_EVENTS
from ..models import (
    MeetingPattern,
    SignatoryPart,
)
from .fields import DatesAsTyped, date_field, yes_no


def people_choices(users: Any) -> list[tuple[str, str]]:
    return [(str(u.pk), u.full_name) for u in users]


class AgreementForm(DatesAsTyped, forms.Form):
    protected_time = forms.CharField(
        label="Protected time the practice gives",
        max_length=200,
        help_text="For example, one hour a week for the lead team, with reception cover.",
        error_messages={"required": "Say how much protected time the practice gives"},
    )
    meeting_pattern = forms.ChoiceField(
        label="How often the lead team meets with the coach",
        choices=MeetingPattern.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how often the team meets"},
    )
    champion = forms.ChoiceField(
        label="Champion",
        help_text="Keeps the work going between sessions; need not be a GP.",
        error_messages={"required": "Name the practice's champion"},
    )
    senior_partner = forms.ChoiceField(
        label="Senior partner who backs the work",
        error_messages={"required": "Name the senior partner who backs the work"},
    )
    patient_involvement = forms.CharField(
        label="How a patient takes part from the start",
        widget=forms.Textarea,
        error_messages={"required": "Say how a patient takes part"},
    )
    data_collection = forms.CharField(
        label="Who collects which data, and how often",
        widget=forms.Textarea,
        error_messages={"required": "Say who collects the data"},
    )
    needs_ongoing_resources = yes_no(
        "Will the change need staff time or money after the project?",
        "Interventions that needed ongoing funding stopped when it ended; plan for it now.",
    )
    ongoing_resources_plan = forms.CharField(
        label="If so, how will it be resourced?", required=False, widget=forms.Textarea
    )

    def __init__(self, *args: Any, staff: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = people_choices(staff)
        self.fields["champion"].choices = [("", "Choose a member of staff"), *choices]  # type: ignore[attr-defined]
        self.fields["senior_partner"].choices = [("", "Choose a member of staff"), *choices]  # type: ignore[attr-defined]


class SignatureForm(DatesAsTyped, forms.Form):
    signatory = forms.ChoiceField(label="Who signed", error_messages={"required": "Choose who signed"})
    part = forms.ChoiceField(
        label="Signing as",
        choices=SignatoryPart.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what they sign as"},
    )
    signed_on = date_field("Date signed")

    def __init__(self, *args: Any, people: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["signatory"].choices = [("", "Choose a person"), *people]  # type: ignore[attr-defined]


class FundingApplicationForm(DatesAsTyped, forms.Form):
    reasons = forms.CharField(
        label="Why the practice asks for funding",
        widget=forms.Textarea,
        help_text="What the first project achieved, and what this one will do.",
        error_messages={"required": "Say why the practice asks for funding"},
    )
    expected_benefits = forms.CharField(
        label="Benefits you expect, for staff and patients", required=False, widget=forms.Textarea
    )
    requested_amount = forms.DecimalField(
        label="Amount requested, in pounds",
        min_value=Decimal("0.01"),
        decimal_places=2,
        max_digits=9,
        error_messages={
            "required": "Enter the amount requested",
            "invalid": "Enter the amount as a number, like 1500",
            "min_value": "Enter an amount more than £0",
        },
    )


class DecisionForm(DatesAsTyped, forms.Form):
    decision = forms.ChoiceField(
        label="Decision",
        choices=[("approve", "Approve"), ("reject", "Reject")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose approve or reject"},
    )
    reason = forms.CharField(
        label="Reason",
        widget=forms.Textarea,
        help_text="The practice sees this.",
        error_messages={"required": "Give the reason for your decision"},
    )


class PaymentForm(DatesAsTyped, forms.Form):
    finance_reference = forms.CharField(label="Finance reference (optional)", required=False, max_length=100)


def staff_of(practice: Organisation) -> Any:
    return (
        User.objects.filter(
            memberships__organisation=practice,
            memberships__ended_on__isnull=True,
            memberships__role="practice_staff",
        )
        .distinct()
        .order_by("full_name")
    )


class ProgrammeSettingsForm(DatesAsTyped, forms.Form):
    first_project_payment = forms.DecimalField(
        label="Enhanced service payment for a practice's first project, in pounds",
        min_value=Decimal(0),
        decimal_places=2,
        max_digits=9,
        error_messages={
            "required": "Enter the payment, or 0 if the programme pays none",
            "invalid": "Enter the payment as a number, like 3000",
            "min_value": "The payment cannot be negative",
        },
    )
    milestones = forms.CharField(
        label="Milestones (optional)",
        required=False,
        widget=forms.Textarea,
        help_text="One a line, with its share of the payment, for example “Agreement signed: 50”. Each "
        "part falls due when the project reaches its milestone, which is one of: "
        + "; ".join(MILESTONE_EVENTS.values())
        + ". Leave empty to pay the whole amount when the project starts.",
    )
    requires_signed_agreement = yes_no(
        "Must the coaching agreement be signed before a project moves past step 1?",
        "The evaluation found a contract between coach and practice helps with buy-in.",
    )

    def clean_milestones(self) -> list[list[object]]:
        from ..funding_rules import canonical_label, milestone_event, validate_milestones

        parsed: list[list[object]] = []
        for number, line in enumerate(self.cleaned_data.get("milestones", "").splitlines(), start=1):
            if not line.strip():
                continue
            label, _, share = line.rpartition(":")
            if label.strip() and milestone_event(label) is None:
                raise forms.ValidationError(
                    f"Line {number}: “{label.strip()}” is not a milestone the app can see a project reach. "
                    f"Use one of: {'; '.join(MILESTONE_EVENTS.values())}"
                )
            label = canonical_label(label)
            try:
                parsed.append([label.strip(), Decimal(share.strip())])
            except ArithmeticError as error:
                raise forms.ValidationError(
                    f"Line {number}: write the milestone, a colon, then its percentage, like “Signed: 50”"
                ) from error
        try:
            checked = validate_milestones(parsed)
        except ValueError as error:
            raise forms.ValidationError(str(error)) from error
        return [[label, float(share)] for label, share in checked]
