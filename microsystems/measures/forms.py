"""Forms of the measure pages; the grid and the paste box are read by the import parser, not by fields."""

from typing import Any

from django import forms

from microsystems.people.models import User
from microsystems.projects.models import Project

from .models import Better, ChartChoice, DataKind, Frequency, Measure, MeasureType


class MeasureForm(forms.ModelForm[Measure]):
    class Meta:
        model = Measure
        fields = (
            "name",
            "measure_type",
            "definition",
            "data_source",
            "kind",
            "unit",
            "multiplier",
            "frequency",
            "better",
            "target",
            "owner",
        )
        labels = {
            "name": "Name of the measure",
            "measure_type": "What type of measure is it?",
            "definition": "Operational definition",
            "data_source": "Where do the numbers come from?",
            "kind": "What kind of number is it?",
            "unit": "Unit (for measurements, such as days or minutes)",
            "multiplier": "For a rate: per how many units of exposure?",
            "frequency": "How often is it collected?",
            "better": "Which direction is better?",
            "target": "Target (optional)",
            "owner": "Who collects it?",
        }
        help_texts = {
            "definition": "What counts, what is left out, so that anyone collecting it gets the same number.",
            "data_source": "For example the clinical-system search or the tally sheet that produces it.",
            "target": "In the unit of the chart: a percentage for a proportion.",
        }
        widgets = {
            "measure_type": forms.RadioSelect,
            "kind": forms.RadioSelect,
            "frequency": forms.RadioSelect,
            "better": forms.RadioSelect,
            "definition": forms.Textarea,
            "data_source": forms.Textarea,
        }

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        owner = self.fields["owner"]
        assert isinstance(owner, forms.ModelChoiceField)
        owner.queryset = User.objects.filter(project_teams__project=project).order_by("full_name")
        owner.empty_label = "Not decided yet"
        # Radio buttons without the empty choice a model field's select would add.
        for name, choices in (
            ("measure_type", MeasureType.choices),
            ("kind", DataKind.choices),
            ("frequency", Frequency.choices),
            ("better", Better.choices),
        ):
            choice_field = self.fields[name]
            assert isinstance(choice_field, forms.ChoiceField)
            choice_field.choices = choices


class ChartSettingsForm(forms.Form):
    chart_choice = forms.ChoiceField(
        label="Which chart?", choices=ChartChoice.choices, widget=forms.RadioSelect
    )
    baseline_points = forms.IntegerField(
        label="Freeze the baseline on the first this many points (leave empty not to freeze it)",
        required=False,
        min_value=2,
        max_value=500,
    )


class PhaseForm(forms.Form):
    starts_on = forms.DateField(
        label="First date of the new phase",
        help_text="For example 1/4/2026. The centre line and limits are worked out again from here.",
        input_formats=["%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y"],
    )
    reason = forms.CharField(
        label="Why does the process change here?",
        max_length=300,
        help_text="Usually a change the team adopted, such as a PDSA cycle ending in “adopt”.",
    )


class PointForm(forms.Form):
    value = forms.FloatField(label="Value (or numerator)")
    denominator = forms.FloatField(label="Denominator", required=False, min_value=0.000001)
    exclusion_reason = forms.CharField(
        label="Leave this point out of the analysis because…",
        required=False,
        max_length=300,
        help_text="Leave empty to keep it in. A point left out still shows on the chart, hollow.",
    )


class PasteForm(forms.Form):
    pasted = forms.CharField(
        label="Paste rows from a spreadsheet",
        required=False,
        widget=forms.Textarea,
        help_text="Copy the cells (date, value and, for a proportion or rate, the denominator) and paste "
        "them here. A header row is optional.",
    )


class UploadForm(forms.Form):
    upload = forms.FileField(label="Upload a CSV or Excel file", required=False)
