"""The forms of brainstorms, the tool open in meeting mode and a meeting's agenda."""

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


OUTCOMES = [("inform", "Inform"), ("discuss", "Discuss"), ("decide", "Decide")]
MAX_ITEM_MINUTES = 240


class AgendaForm(forms.Form):
    """A meeting's agenda as rows of what, how long and what the item is for; a blank row is left out."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args: Any, rows: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.row_count = rows
        for i in range(rows):
            self.fields[f"title_{i}"] = forms.CharField(label=f"Item {i + 1}", required=False, max_length=200)
            self.fields[f"minutes_{i}"] = forms.IntegerField(
                label=f"Minutes for item {i + 1}",
                required=False,
                error_messages={
                    "invalid": f"Enter the minutes for item {i + 1} as a whole number, such as 10"
                },
            )
            self.fields[f"outcome_{i}"] = forms.ChoiceField(
                label=f"Outcome of item {i + 1}", choices=OUTCOMES, initial="discuss"
            )

    def rows(self) -> list[list[Any]]:
        return [
            [self[f"title_{i}"], self[f"minutes_{i}"], self[f"outcome_{i}"]] for i in range(self.row_count)
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        items = []
        for i in range(self.row_count):
            title = (data.get(f"title_{i}") or "").strip()
            minutes = data.get(f"minutes_{i}")
            if not title and minutes is None:
                continue
            if not title:
                self.add_error(f"title_{i}", f"Enter what item {i + 1} is about, or clear its minutes")
            elif minutes is None:
                self.add_error(f"minutes_{i}", f"Enter the minutes for “{title}”")
            elif not 1 <= minutes <= MAX_ITEM_MINUTES:
                self.add_error(f"minutes_{i}", f"Give “{title}” between 1 and {MAX_ITEM_MINUTES} minutes")
            else:
                items.append(
                    {"title": title, "minutes": minutes, "outcome": data.get(f"outcome_{i}") or "discuss"}
                )
        if not items and not self.errors:
            self.add_error(None, "Keep at least one item on the agenda")
        data["items"] = items
        return data


class CauseChangeForm(forms.Form):
    """A cause of the fishbone in new words, or in another place: on a bone ("bone:People") or under
    another cause ("under:12"). The hidden fields say how the cause was when the person opened it, so a
    change made meanwhile by someone else is caught."""

    text = forms.CharField(
        label="Reword the cause",
        max_length=200,
        error_messages={"required": "Enter the cause in its new words"},
    )
    place = forms.ChoiceField(
        label="Where it goes", choices=[], error_messages={"required": "Choose where the cause goes"}
    )
    was_text = forms.CharField(widget=forms.HiddenInput, required=False, strip=False, max_length=200)
    was_place = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, places: list[tuple[str, str]], not_there: str = "", **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "fishbone-change-%s")
        super().__init__(*args, **kwargs)
        self.fields["place"].choices = places  # type: ignore[attr-defined]
        self.fields["place"].error_messages["invalid_choice"] = (
            not_there or "Choose a bone, or a cause on a bone, for the cause to go to"
        )
        self.fields["text"].error_messages["max_length"] = (
            "Keep the cause to 200 characters or fewer: put the detail in a deeper cause"
        )


class IdeaRewordForm(forms.Form):
    """A brainstorm's idea in new words; the hidden field is its words as the person opened it."""

    text = forms.CharField(
        label="Reword the idea",
        max_length=300,
        error_messages={"required": "Enter the idea in its new words"},
    )
    was_text = forms.CharField(widget=forms.HiddenInput, required=False, strip=False, max_length=300)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["text"].error_messages["max_length"] = "Keep the idea to 300 characters or fewer"
