"""The programme's forms. Each field's label, hint and error messages are written for the page; the
`field` macro in components/forms.jinja renders them as NHS.UK components."""

from decimal import Decimal
from typing import Any

from django import forms

from microsystems.people.models import Organisation, OrganisationKind, User

from . import sustainability
from .actions.followups import PROGRESS_SCORES
from .engagement import AdopterCategory, EngagementState, ExitReason, allowed_next_states, exit_questions
from .models import (
    ChangeInPlace,
    ChartSays,
    Coach,
    CoachExperience,
    Embedding,
    Enrolment,
    HoursKind,
    MeasureCollected,
    MeetingPattern,
    Programme,
    SignatoryPart,
    SlipReason,
)

DATE_FORMATS = ["%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d", "%d %m %Y", "%d-%m-%Y"]
YES_NO = [("yes", "Yes"), ("no", "No")]


def date_field(
    label: str, *, required: bool = True, help_text: str = "For example, 15/3/2026"
) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_FORMATS,
        help_text=help_text,
        error_messages={
            "required": f"Enter the {label.lower()}",
            "invalid": f"Enter the {label.lower()} as a real date, for example 15/3/2026",
        },
    )


def yes_no(label: str, help_text: str = "") -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        help_text=help_text,
        choices=YES_NO,
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": f"Answer: {label[0].lower()}{label[1:]}"},
    )


class RecruitForm(forms.Form):
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


class EngagementForm(forms.Form):
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


class AdopterForm(forms.Form):
    category = forms.ChoiceField(
        label="Adopter category",
        choices=[("", "Not set"), *AdopterCategory.choices],
        required=False,
        widget=forms.RadioSelect,
    )


class ReadinessForm(forms.Form):
    stable_staffing = yes_no("Is the practice's staffing stable?", "No key vacancies or recent departures.")
    leadership_change = yes_no("Have the partners or the manager changed in the last year?")
    competing_projects = yes_no("Are other projects or an inspection competing for the team's time?")
    senior_partner_support = yes_no("Does at least one senior partner back the work?")
    notes = forms.CharField(label="Notes (optional)", required=False, widget=forms.Textarea)


class MatchForm(forms.Form):
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


class HoursForm(forms.Form):
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


class CoachForm(forms.ModelForm[Coach]):
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
            "mentor": "Mentor",
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


class AddCoachForm(forms.Form):
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
    mentor = forms.ChoiceField(label="Mentor", required=False)

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        mentors = Coach.objects.filter(programme=programme, experience=CoachExperience.MENTOR).select_related(
            "user"
        )
        self.fields["mentor"].choices = [("", "No mentor"), *((str(c.pk), c.user.full_name) for c in mentors)]  # type: ignore[attr-defined]


def people_choices(users: Any) -> list[tuple[str, str]]:
    return [(str(u.pk), u.full_name) for u in users]


class AgreementForm(forms.Form):
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


class SignatureForm(forms.Form):
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


class FundingApplicationForm(forms.Form):
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


class DecisionForm(forms.Form):
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


class PaymentForm(forms.Form):
    finance_reference = forms.CharField(label="Finance reference (optional)", required=False, max_length=100)


class CompleteForm(forms.Form):
    completed_on = date_field("Date completed")


class ReviewForm(forms.Form):
    held_on = date_field("Date of the review")
    change_in_place = forms.ChoiceField(
        label="Is the change still in place?",
        choices=ChangeInPlace.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether the change is still in place"},
    )
    adaptations = forms.CharField(
        label="If it was adapted, what changed and why?", required=False, widget=forms.Textarea
    )
    measure_collected = forms.ChoiceField(
        label="Is the measure still collected?",
        choices=MeasureCollected.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether the measure is still collected"},
    )
    chart_says = forms.ChoiceField(
        label="What does the chart show since the project completed?",
        choices=ChartSays.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Say what the chart shows"},
    )
    who_left = forms.CharField(
        label="Who has left the team since completion?",
        required=False,
        widget=forms.Textarea,
        help_text="Roles are enough, for example: the champion, one receptionist.",
    )
    slip_reasons = forms.MultipleChoiceField(
        label="If anything slipped, why?",
        choices=SlipReason.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    what_slipped = forms.CharField(label="What slipped?", required=False, widget=forms.Textarea)
    refresher_wanted = yes_no("Would the team like a refresher from the coach?")
    what_next = forms.CharField(
        label="What next?",
        required=False,
        widget=forms.Textarea,
        help_text="Actions, a new theme, or spreading the change to other practices.",
    )
    embedding = forms.ChoiceField(
        label="How embedded is the change?",
        choices=Embedding.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Say how embedded the change is"},
    )
    progress_score = forms.ChoiceField(
        label="Progress score (0.5 to 5)",
        required=False,
        choices=[("", "Suggest it from the answers above"), *((str(s), str(s)) for s in PROGRESS_SCORES)],
        help_text="The IHI scale: 4.5 when the data show the gains holding, 5 when the change is permanent. "
        "Leave it to be suggested from your answers, or choose the score you judge right.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.factor_names = []
        for factor in sustainability.FACTORS:
            name = f"factor_{factor.number}"
            self.fields[name] = forms.ChoiceField(
                label=f"{factor.number}. {factor.name}",
                help_text=factor.question,
                required=False,
                choices=[(str(level), label) for level, label in sustainability.LEVELS],
                widget=forms.RadioSelect,
            )
            self.factor_names.append(name)

    def ratings(self) -> dict[int, int]:
        return {
            int(name.split("_")[1]): int(self.cleaned_data[name])
            for name in self.factor_names
            if self.cleaned_data.get(name)
        }

    def answers(self) -> dict[str, Any]:
        data = self.cleaned_data
        score = data.get("progress_score")
        return {
            "change_in_place": data["change_in_place"],
            "adaptations": data.get("adaptations", ""),
            "measure_collected": data["measure_collected"],
            "chart_says": data["chart_says"],
            "who_left": data.get("who_left", ""),
            "slip_reasons": data.get("slip_reasons", []),
            "what_slipped": data.get("what_slipped", ""),
            "refresher_wanted": data["refresher_wanted"],
            "what_next": data.get("what_next", ""),
            "embedding": data["embedding"],
            "progress_score": Decimal(score) if score else None,
        }


class CoachNoteForm(forms.Form):
    title = forms.CharField(label="Title (optional)", required=False, max_length=200)
    body = forms.CharField(
        label="Your note",
        widget=forms.Textarea,
        error_messages={"required": "Write your note"},
        help_text="Do not name patients. Practices can be named: only coaches see this space.",
    )
    asks_for_help = yes_no("Are you asking other coaches for help?")


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
