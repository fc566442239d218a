"""Forms for coaches: matching, hours, the coach's record, adding a coach, and the coaches' space."""

from decimal import Decimal
from typing import Any

from django import forms

from microsystems.people.models import Organisation, OrganisationKind

from ..models import (
    Coach,
    CoachExperience,
    HoursKind,
    Programme,
    TrainingKind,
)
from .fields import DatesAsTyped, date_field, yes_no


class MatchForm(DatesAsTyped, forms.Form):
    coach = forms.ChoiceField(
        label="Coach", widget=forms.RadioSelect, error_messages={"required": "Choose a coach"}
    )
    part = forms.ChoiceField(
        label="Part they play",
        choices=[("lead", "Lead coach"), ("co_coach", "Co-coach")],
        widget=forms.RadioSelect,
        initial="lead",
        error_messages={"required": "Choose the part the coach plays"},
    )
    override_note = forms.CharField(
        label="If you go ahead despite a warning, say why",
        required=False,
        widget=forms.Textarea,
    )

    def __init__(self, *args: Any, coaches: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["coach"].choices = coaches  # type: ignore[attr-defined]


class HoursForm(DatesAsTyped, forms.Form):
    enrolment = forms.ChoiceField(label="Practice", error_messages={"required": "Choose the practice"})
    project = forms.ChoiceField(label="Project (optional)", required=False)
    on = date_field("Date")
    kind = forms.ChoiceField(
        label="What the time was for",
        choices=HoursKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what the time was for"},
    )
    hours = forms.DecimalField(
        label="Hours",
        min_value=Decimal("0.25"),
        max_value=Decimal(24),
        decimal_places=2,
        help_text="For example, 1.5 for an hour and a half.",
        error_messages={
            "required": "Enter the hours",
            "invalid": "Enter the hours as a number, like 1.5",
            "min_value": "Enter at least 0.25 hours",
            "max_value": "Enter no more than 24 hours",
            "max_decimal_places": "Enter the hours to no more than 2 decimal places",
        },
    )
    note = forms.CharField(label="Note (optional)", required=False, max_length=300)

    def __init__(
        self, *args: Any, practices: list[tuple[str, str]], projects: list[tuple[str, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["enrolment"].choices = [("", "Choose a practice"), *practices]  # type: ignore[attr-defined]
        self.fields["project"].choices = [("", "Not a particular project"), *projects]  # type: ignore[attr-defined]


class CoachForm(DatesAsTyped, forms.ModelForm[Coach]):
    topics_text = forms.CharField(
        label="Topics the coach knows well",
        required=False,
        help_text="Separate them with commas, for example: diabetes, appointments, prescribing.",
    )
    commissions_for = forms.ModelMultipleChoiceField(
        label="Areas the coach commissions services for",
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="The coach will not be suggested for practices in these areas: a conflict of interest.",
    )
    trained_on = date_field("Date trained", required=False)
    refresher_due_on = date_field("Refresher due", required=False)
    left_on = date_field(
        "Left the pool on", required=False, help_text="Leave empty while the coach is in the pool."
    )

    class Meta:
        model = Coach
        fields = (
            "experience",
            "mentor",
            "background",
            "protected_hours_per_month",
            "trained_on",
            "refresher_due_on",
            "left_on",
            "commissions_for",
        )
        labels = {
            "experience": "Experience",
            "mentor": "Their mentor",
            "background": "Clinical or professional background",
            "protected_hours_per_month": "Protected hours a month",
        }
        widgets = {"experience": forms.RadioSelect}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        programme = self.instance.programme
        self.fields["mentor"].queryset = (  # type: ignore[attr-defined]
            Coach.objects.filter(programme=programme, experience=CoachExperience.MENTOR)
            .exclude(pk=self.instance.pk)
            .select_related("user")
        )
        self.fields["mentor"].label_from_instance = lambda coach: coach.user.full_name  # type: ignore[attr-defined]
        self.fields["mentor"].empty_label = "No mentor"  # type: ignore[attr-defined]
        self.fields["commissions_for"].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
            kind=OrganisationKind.PCN, commissioner=programme.commissioner
        )
        self.fields["topics_text"].initial = ", ".join(self.instance.topics or [])

    def save(self, commit: bool = True) -> Coach:
        self.instance.topics = [
            t.strip() for t in self.cleaned_data.get("topics_text", "").split(",") if t.strip()
        ]
        return super().save(commit)


class AddCoachForm(DatesAsTyped, forms.Form):
    name = forms.CharField(
        label="Full name", max_length=150, error_messages={"required": "Enter the coach's name"}
    )
    email = forms.EmailField(
        label="Email address",
        error_messages={
            "required": "Enter the coach's email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        },
    )
    experience = forms.ChoiceField(
        label="Experience",
        choices=CoachExperience.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the coach's experience"},
    )
    trained_on = date_field("Date trained", required=False)
    background = forms.CharField(label="Clinical or professional background", required=False, max_length=200)
    topics_text = forms.CharField(
        label="Topics the coach knows well", required=False, help_text="Separate them with commas."
    )
    protected_hours_per_month = forms.IntegerField(
        label="Protected hours a month", min_value=0, required=False
    )
    mentor = forms.ChoiceField(label="Their mentor", required=False)

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        mentors = Coach.objects.filter(programme=programme, experience=CoachExperience.MENTOR).select_related(
            "user"
        )
        self.fields["mentor"].choices = [("", "No mentor"), *((str(c.pk), c.user.full_name) for c in mentors)]  # type: ignore[attr-defined]


class CoachNoteForm(DatesAsTyped, forms.Form):
    title = forms.CharField(label="Title (optional)", required=False, max_length=200)
    body = forms.CharField(
        label="Your note",
        widget=forms.Textarea,
        error_messages={"required": "Write your note"},
        help_text="Do not name patients. Practices can be named: only coaches see this space.",
    )
    asks_for_help = yes_no("Are you asking other coaches for help?")


class ReplyForm(DatesAsTyped, forms.Form):
    reply_to = forms.UUIDField(widget=forms.HiddenInput)
    body = forms.CharField(
        label="Your reply", widget=forms.Textarea, error_messages={"required": "Write your reply"}
    )


class TrainingForm(DatesAsTyped, forms.Form):
    kind = forms.ChoiceField(
        label="Training",
        choices=TrainingKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the kind of training"},
    )
    on = date_field("Date of the training")
    note = forms.CharField(label="Note (optional)", required=False, max_length=200)
