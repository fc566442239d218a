"""Forms of the follow-up step."""

from typing import Any

from django import forms

from microsystems.measures.models import Measure
from microsystems.people.models import User
from microsystems.projects.models import Project

from .models import BENEFIT_TAGS


class BenefitForm(forms.Form):
    text = forms.CharField(label="What has changed for people?", widget=forms.Textarea)
    quote = forms.CharField(label="A short quote (optional)", required=False, max_length=300)
    said_by = forms.CharField(
        label="Who said it? (optional)", required=False, max_length=100, help_text="A role, never a name."
    )
    tags = forms.MultipleChoiceField(
        label="What kind of benefit?",
        choices=list(BENEFIT_TAGS.items()),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


class CompletionForm(forms.Form):
    lessons = forms.CharField(label="Lessons learned", widget=forms.Textarea)
    next_theme = forms.CharField(label="The next theme to work on (optional)", required=False, max_length=300)

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # One query for the people, shared by every measure's choice (not one per field).
        self.people = {
            u.id: u
            for u in User.objects.filter(memberships__organisation=project.practice)
            .distinct()
            .order_by("full_name")
        }
        choices = [("", "Nobody yet"), *[(str(i), u.full_name) for i, u in self.people.items()]]
        self.measures = list(Measure.objects.filter(project=project).select_related("owner"))
        for measure in self.measures:
            self.fields[f"owner_{measure.id}"] = forms.ChoiceField(
                label=f"Who owns “{measure.name}” from now on?",
                choices=choices,
                required=False,
                initial=str(measure.owner_id or ""),
                help_text="The measure continues after the project, for the 6- and 12-month follow-ups.",
            )

    def owners(self) -> dict[int, Any]:
        """The owner chosen for each measure (None for nobody)."""
        return {m.id: self.people.get(int(self.cleaned_data[f"owner_{m.id}"] or 0)) for m in self.measures}

    def owner_fields(self) -> list[forms.BoundField]:
        return [self[f"owner_{m.id}"] for m in self.measures]


class PhotoForm(forms.Form):
    """The team photo and its description. The picture is checked by its content in the view's action."""

    photo = forms.FileField(
        label="The team photo",
        help_text="A JPEG or PNG picture, 5 MB at most. A wide photo is made smaller for the storyboard.",
        required=False,
    )
    alt = forms.CharField(
        label="Describe the photo for someone who cannot see it",
        help_text="Who is in it and what they are doing, such as “The lead team of six at reception”.",
        max_length=300,
        error_messages={"required": "Describe the photo for someone who cannot see it"},
    )

    def __init__(self, *args: Any, has_photo: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.has_photo = has_photo
        if has_photo:
            self.fields["photo"].label = "A new team photo (optional)"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.has_photo and not data.get("photo") and "photo" not in self.errors:
            self.add_error("photo", "Choose the team photo to upload")
        return data
