"""Fields the programme's forms share: dates as people type them, and yes/no questions."""

from datetime import date

from django import forms

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


class DatesAsTyped:
    """Show a date field's starting value as people type dates (15/3/2026), not as 2026-03-15."""

    def get_initial_for_field(self, field: forms.Field, field_name: str) -> object:
        value = super().get_initial_for_field(field, field_name)  # type: ignore[misc]
        if isinstance(field, forms.DateField) and isinstance(value, date):
            return f"{value.day}/{value.month}/{value.year}"
        return value
