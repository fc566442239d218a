"""Forms for practices: recruiting, engagement, adopter category and readiness."""

from typing import Any

from django import forms

from microsystems.people.models import Organisation, OrganisationKind

from ..engagement import AdopterCategory, EngagementState, ExitReason, allowed_next_states, exit_questions
from ..models import (
    Enrolment,
    Programme,
)
from .fields import DatesAsTyped, date_field, yes_no


class RecruitForm(DatesAsTyped, forms.Form):
    practice = forms.ModelChoiceField(
        label="A practice the commissioner already knows",
        queryset=Organisation.objects.none(),
        required=False,
        empty_label="Not listed: I'll enter a new practice below",
    )
    name = forms.CharField(label="Practice name", required=False, max_length=200)
    ods_code = forms.CharField(
        label="ODS code", required=False, max_length=10, help_text="The practice's code, for example A81001."
    )
    pcn = forms.ModelChoiceField(
        label="Primary care network", queryset=Organisation.objects.none(), required=False, empty_label="None"
    )
    list_size = forms.IntegerField(label="Registered patients", required=False, min_value=0)
    invited_on = date_field("Date invited")
    contact_email = forms.EmailField(
        label="Send the invitation to (optional)",
        required=False,
        help_text="The practice manager's email address. We send them what the programme offers.",
        error_messages={"invalid": "Enter an email address in the correct format, like name@example.com"},
    )

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        commissioner = programme.commissioner
        self.fields["practice"].queryset = (  # type: ignore[attr-defined]
            Organisation.objects.practices()
            .filter(commissioner=commissioner)
            .exclude(enrolments__programme=programme)
        )
        self.fields["pcn"].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
            kind=OrganisationKind.PCN, commissioner=commissioner
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("practice") and not (data.get("name") or "").strip():
            self.add_error("name", "Choose a practice from the list, or enter a new practice's name")
        return data


class EngagementForm(DatesAsTyped, forms.Form):
    state = forms.ChoiceField(
        label="Move the practice to",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose where the practice is now"},
    )
    on = date_field("Date of the change")
    note = forms.CharField(label="Note (optional)", required=False, widget=forms.Textarea)
    exit_reason = forms.ChoiceField(
        label="Main reason (if the practice declined or withdrew)",
        choices=[("", "Choose the main reason"), *ExitReason.choices],
        required=False,
    )
    exit_reasons = forms.MultipleChoiceField(
        label="Any other reasons that applied",
        choices=ExitReason.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    exit_detail = forms.CharField(label="Why, in the practice's words", required=False, widget=forms.Textarea)

    def __init__(self, *args: Any, enrolment: Enrolment, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [(s.value, s.label) for s in allowed_next_states(enrolment.state)]  # type: ignore[attr-defined]
        questions = {
            key: text
            for state in (EngagementState.DECLINED, EngagementState.WITHDREW)
            for key, text in exit_questions(state)
        }
        self.exit_question_names = []
        for key, text in questions.items():
            name = f"answer_{key}"
            self.fields[name] = forms.CharField(label=text, required=False, widget=forms.Textarea)
            self.exit_question_names.append(name)

    def exit_answers(self) -> dict[str, str]:
        state = self.cleaned_data.get("state", "")
        keys = {key for key, _ in exit_questions(state)}
        return {key: self.cleaned_data.get(f"answer_{key}", "") for key in keys}

    def exit_record(self) -> dict[str, Any]:
        """Why the practice declined or withdrew: the coded reasons, its account and the exit answers, as
        the engagement actions take them."""
        data = self.cleaned_data
        return {
            "exit_reason": data["exit_reason"],
            "exit_reasons": data["exit_reasons"],
            "exit_detail": data["exit_detail"],
            "exit_answers": self.exit_answers(),
        }


class WithdrawForm(EngagementForm):
    """A practice withdrawing itself: the lead's engagement form with the move fixed (withdrew, today) and
    the same coded reasons, account and the withdrawal's exit questions, worded for the practice."""

    def __init__(self, *args: Any, enrolment: Enrolment, **kwargs: Any) -> None:
        super().__init__(*args, enrolment=enrolment, **kwargs)
        for name in ("state", "on", "note"):
            del self.fields[name]
        asked = {f"answer_{key}" for key, _ in exit_questions(EngagementState.WITHDREW)}
        for name in set(self.exit_question_names) - asked:
            del self.fields[name]
        self.exit_question_names = [f"answer_{key}" for key, _ in exit_questions(EngagementState.WITHDREW)]
        reason, others, detail = (
            self.fields["exit_reason"],
            self.fields["exit_reasons"],
            self.fields["exit_detail"],
        )
        reason.label, reason.required = "The main reason", True
        reason.error_messages["required"] = "Choose the main reason"
        others.label = "Any other reasons that apply (optional)"
        detail.label, detail.required = "Why the practice is withdrawing, in your own words", True
        detail.error_messages["required"] = "Say in your own words why the practice is withdrawing"
        for name in self.exit_question_names:
            self.fields[name].label = f"{self.fields[name].label} (optional)"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data["state"] = EngagementState.WITHDREW
        return data

    def carried(self) -> list[tuple[str, str]]:
        """What was typed, as (name, value) pairs, for the confirmation page to send again."""
        data: Any = self.data  # the request's QueryDict
        return [(name, value) for name in self.fields for value in data.getlist(name) if value]

    def reason_labels(self) -> list[str]:
        labels = dict(ExitReason.choices)
        main = self.cleaned_data["exit_reason"]
        return [labels[main]] + [labels[r] for r in self.cleaned_data["exit_reasons"] if r != main]

    def answered(self) -> list[tuple[str, str]]:
        return [
            (str(self.fields[name].label).removesuffix(" (optional)"), self.cleaned_data[name])
            for name in self.exit_question_names
            if self.cleaned_data.get(name, "").strip()
        ]


class AdopterForm(DatesAsTyped, forms.Form):
    category = forms.ChoiceField(
        label="Adopter category",
        choices=[("", "Not set"), *AdopterCategory.choices],
        required=False,
        widget=forms.RadioSelect,
    )


class ReadinessForm(DatesAsTyped, forms.Form):
    stable_staffing = yes_no("Is the practice's staffing stable?", "No key vacancies or recent departures.")
    leadership_change = yes_no("Have the partners or the manager changed in the last year?")
    competing_projects = yes_no("Are other projects or an inspection competing for the team's time?")
    senior_partner_support = yes_no("Does at least one senior partner back the work?")
    notes = forms.CharField(label="Notes (optional)", required=False, widget=forms.Textarea)
