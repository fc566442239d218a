"""The forms of brainstorms and of the tool open in meeting mode."""

from typing import Any

from django import forms

from .models import BrainstormUse


class BrainstormForm(forms.Form):
    question = forms.CharField(
        label="What are you brainstorming?",
        max_length=300,
        help_text="Put it as a question, such as: what gets in the way of results being handled on time?",
        error_messages={"required": "Enter the question you are brainstorming"},
    )
    use = forms.ChoiceField(
        label="What will the chosen ideas become?",
        choices=BrainstormUse.choices,
        initial=BrainstormUse.LIST,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what the chosen ideas will become"},
    )
    votes_each = forms.IntegerField(
        label="Votes for each person (optional)",
        required=False,
        min_value=1,
        max_value=10,
        help_text="Leave blank for about a third as many votes as there are ideas.",
        error_messages={
            "invalid": "Enter the number of votes as a whole number, such as 3",
            "min_value": "Give everyone at least 1 vote",
            "max_value": "Give everyone at most 10 votes",
        },
    )


class BrainstormIdeaForm(forms.Form):
    text = forms.CharField(label="Add an idea", max_length=300, error_messages={"required": "Enter the idea"})


class GroupForm(forms.Form):
    idea = forms.TypedChoiceField(
        label="Idea", coerce=int, error_messages={"required": "Choose the idea to group"}
    )
    under = forms.TypedChoiceField(
        label="Says the same as", coerce=int, error_messages={"required": "Choose the idea to group it under"}
    )

    def __init__(self, *args: Any, ideas: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", "Choose an idea"), *ideas]
        self.fields["idea"].choices = choices  # type: ignore[attr-defined]
        self.fields["under"].choices = choices  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("idea") and data.get("idea") == data.get("under"):
            self.add_error("under", "Choose a different idea to group it under")
        return data


class CarryForm(forms.Form):
    category = forms.ChoiceField(label="Which bone of the fishbone?", required=False, choices=[])

    def __init__(self, *args: Any, categories: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [(c, c) for c in categories]  # type: ignore[attr-defined]


class OpenToolForm(forms.Form):
    tool = forms.ChoiceField(label="Open on every screen", required=False, choices=[])

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["tool"].choices = choices  # type: ignore[attr-defined]
