"""The forms of the workbook. Choices come from the practice, its partners and its programme."""

import re
from collections.abc import Iterable
from datetime import datetime, time
from itertools import pairwise
from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone

from microsystems.people.models import Membership, Microsystem, Organisation, OrganisationKind, User
from microsystems.people.roles import Role
from microsystems.programme.models import Coach, CoachAssignment, Programme

from .method import PathKind, Tool
from .models import MeetingFormat, Typology


class UserChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    labels: dict[int, str] = {}

    def label_from_instance(self, obj: Any) -> str:
        return self.labels.get(obj.pk, str(obj))


class UsersChoice(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    labels: dict[int, str] = {}

    def label_from_instance(self, obj: Any) -> str:
        return self.labels.get(obj.pk, str(obj))


class CoachesChoice(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.user.full_name)


def _labelled(field: Any, labels: dict[int, str]) -> Any:
    field.labels = labels
    return field


class StartProjectForm(forms.Form):
    title = forms.CharField(
        label="What will the project be called?",
        max_length=200,
        help_text="A working title is fine, such as: Test results handled within two working days.",
        error_messages={"required": "Enter a title for the project"},
    )

    def __init__(self, *args: Any, practice: Organisation, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        memberships = list(
            Membership.objects.active()
            .filter(
                Q(organisation=practice)
                | Q(
                    organisation__kind=OrganisationKind.PARTNER,
                    organisation__commissioner=programme.commissioner_id,
                )
            )
            .filter(role__in=[Role.PRACTICE_STAFF, Role.PATIENT_REPRESENTATIVE])
            .select_related("user", "organisation")
            .order_by("-organisation__kind", "user__full_name")  # the practice before partners
        )
        staff = [m for m in memberships if m.role == Role.PRACTICE_STAFF and m.organisation_id == practice.id]
        partners = [
            m for m in memberships if m.role == Role.PRACTICE_STAFF and m.organisation_id != practice.id
        ]
        patients = [m for m in memberships if m.role == Role.PATIENT_REPRESENTATIVE]
        labels = {m.user_id: f"{m.user.full_name}, {m.title}" for m in staff + patients}
        labels |= {m.user_id: f"{m.user.full_name}, {m.organisation.name}" for m in partners}

        def users(found: Iterable[Membership]) -> QuerySet[User]:
            return User.objects.filter(id__in=[m.user_id for m in found]).order_by("full_name")

        self.fields["champion"] = _labelled(
            UserChoice(
                users(staff),
                label="Who is the champion?",
                help_text="The person in the practice who keeps the work going between meetings.",
                empty_label="Choose the champion",
                error_messages={"required": "Choose the champion"},
            ),
            labels,
        )
        self.fields["sponsor"] = _labelled(
            UserChoice(
                users(staff),
                label="Who is the senior sponsor?",
                help_text="Usually a partner, who makes time and decisions possible.",
                empty_label="Choose the senior sponsor",
                error_messages={"required": "Choose the senior sponsor"},
            ),
            labels,
        )
        self.fields["members"] = _labelled(
            UsersChoice(
                users(staff + partners),
                required=False,
                widget=forms.CheckboxSelectMultiple,
                label="Who else is on the lead team?",
                help_text="Aim for someone from every role: GP, nurse, practice manager, reception, "
                "administration. Add people from a partner organisation if the work crosses into theirs.",
            ),
            labels,
        )
        self.fields["patients"] = _labelled(
            UsersChoice(
                users(patients),
                required=False,
                widget=forms.CheckboxSelectMultiple,
                label="Which patient will join the lead team?",
                help_text="Teams that involve a patient from the start find it helps.",
            ),
            labels,
        )
        self.fields["no_patient_reason"] = forms.CharField(
            label="If no patient is joining yet, why not?",
            help_text="For example: asking our patient participation group at its next meeting.",
            required=False,
            widget=forms.Textarea,
        )
        own_microsystems = Microsystem.objects.filter(organisation=practice).order_by("name")
        # A project may span the practice and a partner organisation (a care home, say): their teams too.
        teams = (
            Microsystem.objects.filter(
                Q(organisation=practice)
                | Q(
                    organisation__kind=OrganisationKind.PARTNER,
                    organisation__commissioner=programme.commissioner_id,
                )
            )
            .select_related("organisation")
            .order_by("-organisation__kind", "organisation__name", "name")  # the practice's first
        )
        self.fields["microsystems"] = _labelled(
            UsersChoice(
                teams,
                widget=forms.CheckboxSelectMultiple,
                label="Which teams do the work?",
                help_text="The practice's own, and a partner's team (a care home, say) if the work crosses "
                "into theirs.",
                error_messages={"required": "Choose at least one team"},
            ),
            {
                m.pk: m.name if m.organisation_id == practice.id else f"{m.name}, {m.organisation.name}"
                for m in teams
            },
        )
        assigned = CoachAssignment.objects.filter(
            enrolment__practice=practice, enrolment__programme=programme, ended_on__isnull=True
        ).values_list("coach_id", flat=True)
        coach_field = CoachesChoice(
            Coach.objects.filter(programme=programme).select_related("user").order_by("user__full_name"),
            required=False,
            widget=forms.CheckboxSelectMultiple,
            label="Who coaches the project?",
        )
        self.fields["coaches"] = coach_field
        self.fields["typology"] = forms.ChoiceField(
            choices=Typology.choices,
            widget=forms.RadioSelect,
            label="What kind of change is it mostly about?",
            help_text="You can change this later.",
            error_messages={"required": "Choose what kind of change it is"},
        )
        self.fields["path_kind"] = forms.ChoiceField(
            choices=[
                (PathKind.CORE.value, "Core path: the tools most practices use"),
                (PathKind.FULL.value, "Full path: every tool, each still optional"),
            ],
            widget=forms.RadioSelect,
            label="Which path will you follow?",
            initial=PathKind.CORE.value,
        )
        self.initial.setdefault("coaches", list(assigned))
        self.initial.setdefault("microsystems", [m.pk for m in own_microsystems[:1]])

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("patients") and not (cleaned.get("no_patient_reason") or "").strip():
            self.add_error(
                "no_patient_reason", "Choose a patient member, or say why no patient is joining yet"
            )
        return cleaned


class WorksheetForm(forms.Form):
    """The team's answers: every question, then the table (its filled rows and a few blank ones)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args: Any, tool: Tool, rows: int = 0, **kwargs: Any) -> None:
        from .sheets import BLANK_ROWS, MAX_ROWS

        super().__init__(*args, **kwargs)
        self.tool = tool
        for spec in tool.fields:
            self.fields[spec.name] = forms.CharField(
                label=spec.label,
                help_text=spec.hint,
                required=False,
                max_length=5000,
                widget=forms.Textarea if spec.long else forms.TextInput,
            )
        if tool.rows and self.is_bound:
            posted = [int(k[3:].split("_")[0]) for k in self.data if re.match(r"^row\d+_", k)]
            rows = max(rows, max(posted, default=-1) + 1)
        self.row_count = min(rows + BLANK_ROWS, MAX_ROWS + BLANK_ROWS) if tool.rows else 0
        for index in range(self.row_count):
            for spec in tool.rows:
                self.fields[f"row{index}_{spec.name}"] = forms.CharField(
                    label=f"{spec.label}, row {index + 1}", required=False, max_length=500
                )

    @staticmethod
    def initial_rows(rows: list[dict[str, str]]) -> dict[str, str]:
        return {f"row{i}_{name}": value for i, row in enumerate(rows) for name, value in row.items()}

    def row_grid(self) -> list[list[Any]]:
        """The table's bound fields, row by row, for the template."""
        return [[self[f"row{i}_{spec.name}"] for spec in self.tool.rows] for i in range(self.row_count)]

    def clean(self) -> dict[str, Any]:
        from .sheets import clean_rows

        data = super().clean() or {}
        if self.tool.rows:
            raw = [
                {spec.name: data.get(f"row{i}_{spec.name}", "") for spec in self.tool.rows}
                for i in range(self.row_count)
            ]
            rows, problems = clean_rows(self.tool, raw)
            for problem in problems:
                name = f"row{min(problem.index, self.row_count - 1)}_{problem.column}"
                self.add_error(name, problem.message)
            data["rows"] = rows
        return data


class OwnAnswersForm(forms.Form):
    """One person's own answers on a worksheet."""

    own_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args: Any, tool: Tool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for spec in tool.own:
            if spec.choices:
                self.fields[f"own_{spec.name}"] = forms.ChoiceField(
                    label=spec.label,
                    help_text=spec.hint,
                    required=False,
                    choices=[("", "Choose one"), *((c, c) for c in spec.choices)],
                    error_messages={"invalid_choice": f"Choose one of the answers for {spec.label.lower()}"},
                )
                continue
            self.fields[f"own_{spec.name}"] = forms.CharField(
                label=spec.label,
                help_text=spec.hint,
                required=False,
                max_length=2000,
                widget=forms.Textarea if spec.long else forms.TextInput,
            )

    def answers(self) -> dict[str, str]:
        return {k[4:]: v for k, v in self.cleaned_data.items() if k.startswith("own_") and k != "own_version"}


class ScheduleForm(forms.Form):
    first_on = forms.DateField(
        label="Date of the first session",
        help_text="For example, 12 1 2027 or 2027-01-12.",
        input_formats=["%Y-%m-%d", "%d %m %Y", "%d/%m/%Y"],
        error_messages={"required": "Enter the date of the first session", "invalid": "Enter a real date"},
    )
    first_at = forms.TimeField(
        label="Start time",
        help_text="For example, 13:00.",
        error_messages={"required": "Enter the start time", "invalid": "Enter a time such as 13:00"},
    )
    count = forms.IntegerField(
        label="How many sessions?",
        min_value=1,
        max_value=20,
        initial=13,
        help_text="Most practices plan about thirteen.",
        error_messages={
            "required": "Enter how many sessions",
            "min_value": "Plan at least one session",
            "max_value": "Plan at most 20 sessions at a time",
        },
    )
    frequency = forms.ChoiceField(
        choices=MeetingFormat.choices, widget=forms.RadioSelect, label="How often?", initial="weekly"
    )

    def first(self) -> datetime:
        moment = datetime.combine(self.cleaned_data["first_on"], self.cleaned_data["first_at"])
        return timezone.make_aware(moment)


class MeetingRecordForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    aim = forms.CharField(label="Aim of this meeting", required=False, max_length=300)
    notes = forms.CharField(label="Notes", required=False, widget=forms.Textarea)
    decisions = forms.CharField(label="Decisions", required=False, widget=forms.Textarea)
    score = forms.IntegerField(
        label="Meeting score out of 10",
        help_text="0 is a waste of time, 10 could not have been better.",
        required=False,
        min_value=0,
        max_value=10,
        error_messages={"min_value": "Enter a score from 0 to 10", "max_value": "Enter a score from 0 to 10"},
    )
    went_well = forms.CharField(label="What went well", required=False, widget=forms.Textarea)
    to_change = forms.CharField(label="What to change next time", required=False, widget=forms.Textarea)

    def __init__(self, *args: Any, team: Iterable[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        people = list(team)
        for role in ("leader", "facilitator", "timekeeper", "recorder"):
            self.fields[role] = forms.ModelChoiceField(
                User.objects.filter(id__in=[p.id for p in people]).order_by("full_name"),
                required=False,
                label=role.capitalize(),
                empty_label="Nobody yet",
            )
        self.order_fields(["version", "leader", "facilitator", "timekeeper", "recorder", "aim"])


class ActionForm(forms.Form):
    text = forms.CharField(
        label="Action", max_length=300, error_messages={"required": "Enter what needs doing"}
    )
    due_on = forms.DateField(
        label="Due by",
        help_text="For example, 2027-01-19.",
        input_formats=["%Y-%m-%d", "%d %m %Y", "%d/%m/%Y"],
        error_messages={"required": "Enter the date it is due", "invalid": "Enter a real date"},
    )

    def __init__(self, *args: Any, team: Iterable[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        people = list(team)
        self.fields["owner"] = forms.ModelChoiceField(
            User.objects.filter(id__in=[p.id for p in people]).order_by("full_name"),
            label="Who will do it",
            empty_label="Choose who",
            error_messages={"required": "Choose who will do it"},
        )
        self.order_fields(["text", "owner", "due_on"])


class ParkForm(forms.Form):
    text = forms.CharField(
        label="Idea for later", max_length=300, error_messages={"required": "Enter the idea"}
    )


class IdeaForm(forms.Form):
    text = forms.CharField(
        label="Add a candidate theme", max_length=300, error_messages={"required": "Enter the theme"}
    )


class EffectForm(forms.Form):
    """Field ids are the same on the fishbone page and in its live fragment, so typing carried from one
    drawing of the region into the next lands in the same field."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    effect = forms.CharField(
        label="The problem (the fish's head)",
        max_length=300,
        help_text="Say it as an effect, such as: patients ring to chase their test results.",
        error_messages={"required": "Enter the problem"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "fishbone-%s")
        super().__init__(*args, **kwargs)


class CauseForm(forms.Form):
    category = forms.ChoiceField(label="Which bone?", choices=[])
    text = forms.CharField(label="Cause", max_length=200, error_messages={"required": "Enter the cause"})

    def __init__(self, *args: Any, categories: Iterable[str], **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "fishbone-%s")
        super().__init__(*args, **kwargs)
        self.fields["category"] = forms.ChoiceField(label="Which bone?", choices=[(c, c) for c in categories])
        self.order_fields(["category", "text"])


class SelfAssessmentForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from .assessment import CHARACTERISTICS

        super().__init__(*args, **kwargs)
        for c in CHARACTERISTICS:
            self.fields[f"c{c.number}"] = forms.TypedChoiceField(
                label=f"{c.number}. {c.name}",
                help_text=c.meaning,
                coerce=int,
                widget=forms.RadioSelect,
                choices=[(1, c.levels[0]), (2, c.levels[1]), (3, c.levels[2]), (0, "I can't rate this")],
                error_messages={"required": f"Choose the description that fits best for {c.name.lower()}"},
            )

    def levels(self) -> dict[int, int]:
        return {int(name[1:]): value for name, value in self.cleaned_data.items()}


class ProcessRatingForm(forms.Form):
    """A rating for each of the practice's processes; any may be left blank."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from .processes import PROCESSES, RATINGS

        super().__init__(*args, **kwargs)
        for number, process in enumerate(PROCESSES, start=1):
            self.fields[f"p{number}"] = forms.ChoiceField(
                label=process,
                required=False,
                widget=forms.RadioSelect,
                choices=[(value, label) for value, label, _ in RATINGS],
            )

    def ratings(self) -> dict[str, str]:
        from .processes import PROCESSES

        return {
            process: self.cleaned_data[f"p{number}"]
            for number, process in enumerate(PROCESSES, start=1)
            if self.cleaned_data.get(f"p{number}")
        }


class MapOutlineForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    name = forms.CharField(label="Which process?", max_length=200, required=False)
    starts = forms.CharField(label="It starts when", max_length=200, required=False)
    ends = forms.CharField(label="It ends when", max_length=200, required=False)


class MapStepForm(forms.Form):
    kind = forms.ChoiceField(
        label="What is it?",
        widget=forms.RadioSelect,
        initial="step",
        choices=[("step", "A step"), ("decision", "A decision (yes or no)"), ("wait", "A wait")],
    )
    text = forms.CharField(
        label="What happens", max_length=150, error_messages={"required": "Enter what happens at this step"}
    )
    role = forms.CharField(
        label="Who does it",
        max_length=60,
        help_text="A role, such as Receptionist or GP. Each role gets its own lane.",
        error_messages={"required": "Enter who does it"},
    )
    minutes = forms.IntegerField(
        label="How long, in minutes (optional)",
        required=False,
        min_value=0,
        max_value=100000,
        error_messages={
            "min_value": "Enter a number of minutes, 0 or more",
            "invalid": "Enter a whole number of minutes",
        },
    )
    loops_to = forms.IntegerField(
        label="For a decision: if the answer is no, which step does it go back to? (optional)",
        required=False,
        min_value=1,
        error_messages={"min_value": "Enter the number of an earlier step"},
    )


class ProjectDetailsForm(forms.Form):
    title = forms.CharField(
        label="Title", max_length=200, error_messages={"required": "Enter a title for the project"}
    )
    typology = forms.ChoiceField(
        choices=Typology.choices, widget=forms.RadioSelect, label="What kind of change is it mostly about?"
    )
    no_patient_reason = forms.CharField(
        label="If no patient is on the lead team yet, why not?", required=False, widget=forms.Textarea
    )
    fishbone_step = forms.TypedChoiceField(
        label="When will the team draw its fishbone?",
        help_text="Programmes differ: some draw it while assessing the 5Ps, others once the theme is chosen.",
        coerce=int,
        choices=[(2, "In step 2, while assessing the 5Ps"), (3, "In step 3, after choosing the theme")],
        widget=forms.RadioSelect,
        required=False,
        empty_value=None,
    )

    def __init__(
        self,
        *args: Any,
        joinable: Iterable[tuple[int, str]] = (),
        staff: Iterable[tuple[int, str]] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        staff = list(staff)
        # Blank keeps who it is now (a form sent without them changes nothing).
        self.fields["champion"] = forms.TypedChoiceField(
            label="Who is the champion?",
            help_text="From the lead team. The champion they replace stays on the team.",
            coerce=int,
            required=False,
            empty_value=None,
            choices=staff,
        )
        self.fields["sponsor"] = forms.TypedChoiceField(
            label="Who is the senior sponsor?", coerce=int, required=False, empty_value=None, choices=staff
        )
        self.fields["join"] = forms.MultipleChoiceField(
            label="Add people to the lead team",
            required=False,
            widget=forms.CheckboxSelectMultiple,
            choices=list(joinable),
            help_text="Staff of the practice and patient representatives who are not on the lead team yet.",
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("champion") and data.get("champion") == data.get("sponsor"):
            self.add_error(
                "sponsor", "Choose someone else as the senior sponsor: the champion is another role"
            )
        return data


class PopulationUploadForm(forms.Form):
    file = forms.FileField(
        label="The five-year age band file",
        help_text="NHS England's “Patients Registered at a GP Practice” file gp-reg-pat-prac-quin-age, "
        "as a CSV or a zip. Counts only: files with NHS numbers or dates of birth are refused.",
        error_messages={"required": "Choose the file to upload"},
    )


class ReportUploadForm(forms.Form):
    report = forms.FileField(
        label="A report from your clinical system",
        help_text="A CSV or Excel file exported from a search or report (EMIS Web, SystmOne, Vision): "
        "register counts (such as Register, Count) or patients by age band (Age band, Male, Female). "
        "Counts only: files with NHS numbers, names or dates of birth are refused.",
        error_messages={"required": "Choose the report to upload"},
    )


class TallyForm(forms.Form):
    role = forms.CharField(
        label="Whose session",
        max_length=60,
        help_text="A role, such as GP or Receptionist.",
        error_messages={"required": "Enter whose session it was"},
    )
    session_on = forms.DateField(
        label="Date of the session",
        help_text="For example, 2027-01-12.",
        input_formats=["%Y-%m-%d", "%d %m %Y", "%d/%m/%Y"],
        error_messages={"required": "Enter the date of the session", "invalid": "Enter a real date"},
    )
    note = forms.CharField(label="Anything else to note (optional)", max_length=300, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from .interruptions import CATEGORIES

        super().__init__(*args, **kwargs)
        for number, category in enumerate(CATEGORIES, start=1):
            self.fields[f"c{number}"] = forms.IntegerField(
                label=category,
                required=False,
                min_value=0,
                max_value=500,
                error_messages={
                    "min_value": f"Enter 0 or more for {category.lower()}",
                    "invalid": "Enter a whole number",
                },
            )
        self.order_fields(["role", "session_on", *[f"c{n}" for n in range(1, len(CATEGORIES) + 1)], "note"])

    def counts(self) -> dict[str, int]:
        from .interruptions import CATEGORIES

        return {c: self.cleaned_data.get(f"c{n}") or 0 for n, c in enumerate(CATEGORIES, start=1)}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not self.errors and not any(self.counts().values()):
            self.add_error("c1", "Enter at least one interruption")
        return cleaned


class CycleVisitForm(forms.Form):
    visit_on = forms.DateField(
        label="Date of the visit",
        help_text="For example, 2027-01-12.",
        input_formats=["%Y-%m-%d", "%d %m %Y", "%d/%m/%Y"],
        error_messages={"required": "Enter the date of the visit", "invalid": "Enter a real date"},
    )
    appointment = forms.TimeField(label="Appointment time (optional)", required=False)
    arrived = forms.TimeField(label="Arrived", error_messages={"required": "Enter when the patient arrived"})
    called = forms.TimeField(label="Called from the waiting room (optional)", required=False)
    seen_from = forms.TimeField(label="Clinician started (optional)", required=False)
    seen_until = forms.TimeField(label="Clinician finished (optional)", required=False)
    left = forms.TimeField(
        label="Left the practice", error_messages={"required": "Enter when the patient left"}
    )
    comment = forms.CharField(label="Comment (optional)", max_length=300, required=False)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        order = ["arrived", "called", "seen_from", "seen_until", "left"]
        times: list[tuple[str, time]] = [
            (name, cleaned[name]) for name in order if cleaned.get(name) is not None
        ]
        for (_, before), (name, after) in pairwise(times):
            if after < before:
                self.add_error(name, f"{self.fields[name].label} must not be earlier than the step before it")
                break
        return cleaned

    def times(self) -> dict[str, Any]:
        names = ("visit_on", "appointment", "arrived", "called", "seen_from", "seen_until", "left")
        return {name: self.cleaned_data.get(name) for name in names}


class LeftTeamForm(forms.Form):
    """Mark one member of the lead team as having left it, on a day."""

    member = forms.TypedChoiceField(
        label="Who has left the lead team",
        coerce=int,
        help_text="The champion and senior sponsor hand over their role first.",
        error_messages={
            "required": "Choose who has left",
            "invalid_choice": "Choose someone who is on the lead team",
        },
    )
    left_on = forms.DateField(
        label="The day they left",
        help_text="For example, 2027-01-19.",
        input_formats=["%Y-%m-%d", "%d %m %Y", "%d/%m/%Y"],
        error_messages={"required": "Enter the day they left", "invalid": "Enter a real date"},
    )

    def __init__(self, *args: Any, members: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["member"].choices = [("", "Choose a member"), *members]  # type: ignore[attr-defined]


PAPER_SIZES = {"a4": "A4", "a3": "A3"}


class PosterPaperForm(forms.Form):
    """The paper the 5Ps poster is printed on: the print stylesheet sets the page to that size."""

    paper = forms.ChoiceField(
        label="Paper to print the poster on",
        choices=[("a4", "A4"), ("a3", "A3, twice the size of A4, for a wall")],
        initial="a4",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose A4 or A3",
            "invalid_choice": "Choose A4 or A3: the poster prints on one or the other",
        },
    )
