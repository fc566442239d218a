"""Forms for completing a project and recording its follow-up reviews."""

from decimal import Decimal
from typing import Any

from django import forms

from .. import sustainability
from ..actions.followups import PROGRESS_SCORES
from ..models import (
    ChangeInPlace,
    ChartSays,
    Embedding,
    MeasureCollected,
    SlipReason,
)
from .fields import DatesAsTyped, date_field, yes_no


class CompleteForm(DatesAsTyped, forms.Form):
    completed_on = date_field("Date completed")


class ReviewForm(DatesAsTyped, forms.Form):
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
