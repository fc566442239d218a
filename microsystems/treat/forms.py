"""Forms of the treat step."""

from typing import Any

from django import forms

from microsystems.measures.importing.identifiers import is_nhs_number
from microsystems.measures.models import Measure
from microsystems.people.models import User
from microsystems.projects.models import Action, Cause, Project

from .models import RATINGS, ChangeIdea, Decision, Huddle, PDSACycle, SDSACycle

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y"]
DATE_HINT = "For example 14/9/2026."


def _measures(project: Project) -> Any:
    return Measure.objects.filter(project=project)


class SpecificAimForm(forms.Form):
    measure = forms.ModelChoiceField(label="Which measure?", queryset=Measure.objects.none())
    target = forms.FloatField(label="Target value", help_text="In the unit of the chart: 80 for 80%.")
    target_date = forms.DateField(label="By when?", help_text=DATE_HINT, input_formats=DATE_FORMATS)
    population = forms.CharField(label="For whom, or where? (optional)", required=False, max_length=300)
    within_our_control = forms.BooleanField(label="It is within our control", required=False, initial=True)
    needs_ongoing_resources = forms.BooleanField(
        label="The change will need ongoing resources after the project (money, staff time, equipment)",
        required=False,
    )
    resources_note = forms.CharField(
        label="What resources, and who will provide them?", required=False, widget=forms.Textarea
    )

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["measure"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = _measures(project)
        field.empty_label = "Choose a measure"


class ChangeIdeaForm(forms.ModelForm[ChangeIdea]):
    class Meta:
        model = ChangeIdea
        fields = ("title", "description", "source", "fishbone_cause", "cause", "measures", "effort", "impact")
        labels = {
            "title": "The change idea",
            "description": "More detail (optional)",
            "source": "Where did the idea come from? (optional)",
            "fishbone_cause": "Which cause on the fishbone does it address?",
            "cause": "Or describe the cause it addresses (optional)",
            "measures": "Which measures should it move?",
            "effort": "How much effort would it take?",
            "impact": "How much difference could it make?",
        }
        help_texts = {"source": "Staff, a patient, another practice, the literature…"}
        widgets = {
            "description": forms.Textarea,
            "measures": forms.CheckboxSelectMultiple,
            "effort": forms.RadioSelect,
            "impact": forms.RadioSelect,
        }

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["measures"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = _measures(project)
        field.required = False
        cause = self.fields["fishbone_cause"]
        assert isinstance(cause, forms.ModelChoiceField)
        cause.queryset = Cause.objects.filter(project=project, parent__isnull=True).order_by("category", "id")
        cause.label_from_instance = _cause_label  # type: ignore[method-assign,assignment]
        cause.empty_label = "None of them, or no fishbone yet"
        for name in ("effort", "impact"):
            rating = self.fields[name]
            assert isinstance(rating, forms.ChoiceField)
            rating.choices = RATINGS
            rating.required = False


def _cause_label(cause: Cause) -> str:
    return f"{cause.category}: {cause.text}"


class PlanForm(forms.ModelForm[PDSACycle]):
    starts_on = forms.DateField(label="Starts on", help_text=DATE_HINT, input_formats=DATE_FORMATS)
    ends_on = forms.DateField(label="Ends on", help_text=DATE_HINT, input_formats=DATE_FORMATS)

    class Meta:
        model = PDSACycle
        fields = (
            "objective",
            "question",
            "prediction",
            "who",
            "where",
            "scale",
            "starts_on",
            "ends_on",
            "data_to_collect",
            "measure",
        )
        labels = {
            "objective": "What are we testing?",
            "question": "What question will this test answer?",
            "prediction": "What do we predict will happen?",
            "who": "Who will do it?",
            "where": "Where? (optional)",
            "scale": "How small is the test?",
            "data_to_collect": "What data will we collect, and who collects it?",
            "measure": "Which measure's chart shows this test?",
        }
        help_texts = {
            "prediction": "Write it down before the test: afterwards, the data are compared with it.",
            "scale": "Start small: one GP, one morning. Grow the scale with each cycle.",
        }
        widgets = {"prediction": forms.Textarea, "data_to_collect": forms.Textarea}

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["measure"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = _measures(project)
        field.empty_label = "No measure"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("starts_on") and data.get("ends_on") and (data["ends_on"] - data["starts_on"]).days > 91:
            self.add_error(
                "ends_on", "Keep a test short: three months at most. Split a longer one into cycles"
            )
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", "The test must end on or after the day it starts")
        return data


class DoForm(forms.Form):
    what_happened = forms.CharField(label="What happened?", widget=forms.Textarea)
    surprises = forms.CharField(
        label="Problems and surprises (optional)", widget=forms.Textarea, required=False
    )


class StudyForm(forms.Form):
    compared_with_prediction = forms.CharField(
        label="What do the data show, compared with the prediction?", widget=forms.Textarea
    )
    learned = forms.CharField(label="What did we learn?", widget=forms.Textarea, required=False)


class ActForm(forms.Form):
    decision = forms.ChoiceField(label="What next?", choices=Decision.choices, widget=forms.RadioSelect)
    next_step = forms.CharField(
        label="The next cycle, or how the change becomes the way we work",
        widget=forms.Textarea,
        required=False,
    )
    new_phase = forms.BooleanField(
        label="Start a new phase on the measure's chart after this test (for an adopted change)",
        required=False,
        initial=True,
    )
    changed_phase = forms.ChoiceField(
        label="The phase was changed by hand since. What should happen to it?",
        choices=[
            ("withdraw", "Withdraw it from the chart (it stays in the measure's history)"),
            ("keep", "Keep it on the chart as it is now"),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Say whether to withdraw the phase that was changed by hand, or keep it on the chart"
        },
    )

    def __init__(self, *args: Any, asking: bool = False, **kwargs: Any) -> None:
        """``asking``: the question about a phase changed by hand is on the form (it is, too, whenever it
        was asked before: then an answer is required)."""
        super().__init__(*args, **kwargs)
        if not asking and not (self.data and ("changed_phase" in self.data or "phase_question" in self.data)):
            del self.fields["changed_phase"]


class SDSAForm(forms.ModelForm[SDSACycle]):
    review_on = forms.DateField(
        label="Review on (optional)", help_text=DATE_HINT, input_formats=DATE_FORMATS, required=False
    )

    class Meta:
        model = SDSACycle
        fields = ("standard", "trained", "adherence_check", "results", "decision", "review_on")
        labels = {
            "standard": "The standard: the new way, step by step, and who does what",
            "trained": "Who is trained, and when? (optional)",
            "adherence_check": "How do we check it is followed?",
            "results": "Results so far (optional)",
            "decision": "Decision (optional)",
        }
        widgets = {
            "standard": forms.Textarea,
            "trained": forms.Textarea,
            "adherence_check": forms.Textarea,
            "results": forms.Textarea,
        }


_NO_IDENTIFIERS = "Huddle notes are read by the whole team: write no patient names or NHS numbers."


class HuddleForm(forms.ModelForm[Huddle]):
    held_on = forms.DateField(label="Date", help_text=DATE_HINT, input_formats=DATE_FORMATS)

    class Meta:
        model = Huddle
        fields = (
            "held_on",
            "led_by",
            "looking_back",
            "demand",
            "capacity",
            "staff_away",
            "risks",
            "contingency",
            "measure",
            "value",
            "denominator",
            "minutes",
        )
        labels = {
            "led_by": "Led by",
            "looking_back": "Looking back: yesterday (what went well, problems, near misses)",
            "demand": "Today's demand (expected)",
            "capacity": "Today's capacity (sessions, appointments)",
            "staff_away": "Staff away",
            "risks": "Risks today",
            "contingency": "Contingency if demand exceeds capacity",
            "measure": "Today's PDSA data point: which measure?",
            "value": "Value (or numerator)",
            "denominator": "Denominator (for a proportion or rate)",
            "minutes": "How long did the huddle take (minutes)?",
        }
        help_texts = {"measure": "Daily measures only: the value goes straight onto its chart."}
        widgets = {"looking_back": forms.Textarea, "risks": forms.Textarea, "contingency": forms.Textarea}

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        measure = self.fields["measure"]
        assert isinstance(measure, forms.ModelChoiceField)
        measure.queryset = _measures(project).filter(frequency="daily")
        measure.empty_label = "No data point today"
        led_by = self.fields["led_by"]
        assert isinstance(led_by, forms.ModelChoiceField)
        from microsystems.people.models import User

        led_by.queryset = (
            User.objects.filter(memberships__organisation=project.practice).distinct().order_by("full_name")
        )
        led_by.empty_label = "Choose who led it"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name, value in list(data.items()):
            if isinstance(value, str) and any(is_nhs_number(word) for word in _words(value)):
                self.add_error(name, "This looks like an NHS number. " + _NO_IDENTIFIERS)
        measure = data.get("measure")
        if measure is not None:
            if data.get("value") is None:
                self.add_error("value", "Enter today's value, or choose no data point")
            elif measure.kind in ("proportion", "rate") and not data.get("denominator"):
                self.add_error("denominator", "Enter the denominator for this measure")
            elif measure.kind == "proportion" and data["value"] > data["denominator"]:
                self.add_error("value", "The numerator cannot be larger than the denominator")
        return data


def _words(text: str) -> list[str]:
    import re

    return [m.group(0) for m in re.finditer(r"\d[\d -]{8,11}\d", text)]


class TaskForm(forms.Form):
    """A task of the action plan (T4.7): what, who, from when to when, and what it waits for."""

    text = forms.CharField(label="The task", max_length=300, error_messages={"required": "Enter the task"})
    owner = forms.ModelChoiceField(
        label="Who does it?",
        queryset=User.objects.none(),
        empty_label="Choose who",
        error_messages={"required": "Choose who does it"},
    )
    starts_on = forms.DateField(
        label="Starts on",
        help_text=DATE_HINT,
        input_formats=DATE_FORMATS,
        error_messages={
            "required": "Enter the day it starts",
            "invalid": "Enter a real date, such as 14/9/2026",
        },
    )
    due_on = forms.DateField(
        label="Due by",
        help_text=DATE_HINT,
        input_formats=DATE_FORMATS,
        error_messages={
            "required": "Enter the day it is due",
            "invalid": "Enter a real date, such as 14/9/2026",
        },
    )
    depends_on = forms.ModelChoiceField(
        label="It waits for (optional)",
        queryset=Action.objects.none(),
        required=False,
        empty_label="Nothing: it can start on its own",
    )
    done = forms.BooleanField(label="It is done", required=False)

    def __init__(self, *args: Any, project: Project, task: Action | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.task = task
        owner = self.fields["owner"]
        assert isinstance(owner, forms.ModelChoiceField)
        owner.queryset = User.objects.filter(project_teams__project=project).order_by("full_name")
        depends = self.fields["depends_on"]
        assert isinstance(depends, forms.ModelChoiceField)
        others = Action.objects.filter(project=project).order_by("due_on", "id")
        if task is not None:
            others = others.exclude(pk=task.pk)
        depends.queryset = others
        depends.label_from_instance = _task_label  # type: ignore[method-assign,assignment]
        if task is None:
            del self.fields["done"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, due, before = data.get("starts_on"), data.get("due_on"), data.get("depends_on")
        if starts and due and due < starts:
            self.add_error("due_on", "The task must be due on or after the day it starts")
        if before is not None and starts and starts < before.due_on:
            self.add_error(
                "starts_on",
                f"It waits for “{before.text}”, due on {before.due_on.day} {before.due_on:%B %Y}: "
                "start it on or after that day",
            )
        if before is not None and self.task is not None and _waits_for(before, self.task):
            self.add_error("depends_on", f"“{before.text}” already waits for this task: choose another")
        return data


def _task_label(action: Action) -> str:
    return f"{action.text} (due {action.due_on.day} {action.due_on:%B %Y})"


def _waits_for(action: Action, task: Action) -> bool:
    """True when ``action`` waits, directly or through others, for ``task`` (a loop)."""
    seen: set[int] = set()
    current: Action | None = action
    while current is not None and current.pk not in seen:
        if current.depends_on_id == task.pk:
            return True
        seen.add(current.pk)
        current = current.depends_on
    return False
