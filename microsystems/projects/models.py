"""An improvement project: one run of the method by one or more microsystems, with its coaches."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from microsystems.people.models import Microsystem, Organisation
from microsystems.programme.models import Coach, Programme

from .method import PathKind


class ProjectStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    PAUSED = "paused", "Paused"
    COMPLETED = "completed", "Completed"
    STOPPED = "stopped", "Stopped"


class Typology(models.TextChoices):
    """What kind of change the project makes, as the programme's evaluation classified projects."""

    PROCESS = "process", "Process or administrative"
    HEALTH_OUTPUTS = "health_outputs", "Health outputs (such as QOF targets)"
    PATIENT_CENTRED = "patient_centred", "Patient-centred"


class Project(models.Model):
    """One run of the five steps. The lead practice owns it; other organisations may take part."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="projects")
    practice = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="projects")
    title = models.CharField(max_length=200)
    microsystems = models.ManyToManyField(Microsystem, related_name="projects", blank=True)
    status = models.CharField(max_length=20, choices=ProjectStatus.choices, default=ProjectStatus.ACTIVE)
    typology = models.CharField(max_length=30, choices=Typology.choices, blank=True)
    crosses_organisations = models.BooleanField(default=False)
    started_on = models.DateField(default=timezone.localdate)
    completed_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    coaches = models.ManyToManyField(Coach, related_name="projects", blank=True)
    path_kind = models.CharField(
        "path",
        max_length=10,
        choices=[(PathKind.CORE.value, "Core path"), (PathKind.FULL.value, "Full path")],
        default=PathKind.CORE.value,
    )
    no_patient_reason = models.TextField(
        blank=True, help_text="Why the lead team has no patient member yet, if it has none."
    )
    meeting_frequency = models.CharField(max_length=20, blank=True)
    fishbone_step = models.PositiveSmallIntegerField(
        choices=[(2, "In step 2, while assessing the 5Ps"), (3, "In step 3, after choosing the theme")],
        default=3,
        help_text="Programmes differ on when the team draws its fishbone.",
    )

    class Meta:
        ordering = ("-started_on", "title")

    def __str__(self) -> str:
        return self.title

    @property
    def moved_tools(self) -> dict[str, int]:
        """Tools this project uses in another step than the method's (for method.path)."""
        return {"T3.4": self.fishbone_step} if self.fishbone_step != 3 else {}


class TeamPart(models.TextChoices):
    CHAMPION = "champion", "Champion"
    SPONSOR = "sponsor", "Senior sponsor"
    MEMBER = "member", "Member"
    PATIENT = "patient", "Patient member"


class TeamMemberQuerySet(models.QuerySet["TeamMember"]):
    def current(self) -> "TeamMemberQuerySet":
        """Those still on the lead team (not marked as having left it)."""
        return self.filter(left_on__isnull=True)


class TeamMember(models.Model):
    """A member of a project's lead team, from the lead practice or another organisation taking part."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="team")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="project_teams")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    part = models.CharField(max_length=20, choices=TeamPart.choices, default=TeamPart.MEMBER)
    title = models.CharField(max_length=100, blank=True, help_text="Their job, as shown on the team list.")
    joined_on = models.DateField(default=timezone.localdate)
    # Someone who left the lead team stays on record (their answers and actions are kept) but is no longer
    # given a role, asked for answers or counted as on the team (see projects.leavers).
    left_on = models.DateField(null=True, blank=True)
    left_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = TeamMemberQuerySet.as_manager()

    class Meta:
        ordering = ("part", "user__full_name")
        constraints = [models.UniqueConstraint(fields=("project", "user"), name="one_place_on_a_team")]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_part_display()})"


class ToolMark(models.Model):
    """A coach or champion's decision about one tool: done, or not needed on this project."""

    class Mark(models.TextChoices):
        DONE = "done", "Done"
        NOT_NEEDED = "not_needed", "Not needed"

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="tool_marks")
    tool_id = models.CharField(max_length=10)
    mark = models.CharField(max_length=20, choices=Mark.choices)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    marked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=("project", "tool_id"), name="one_mark_per_tool")]

    def __str__(self) -> str:
        return f"{self.tool_id}: {self.get_mark_display()}"


class ProjectEvent(models.Model):
    """History: one thing that happened to a project, with who did it and when."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    tool_id = models.CharField(max_length=10, blank=True)
    what = models.CharField(max_length=300)
    # Words that were changed (a cause or an idea reworded, moved): as they were, and as they are now.
    was = models.TextField(blank=True)
    now = models.TextField(blank=True)

    class Meta:
        ordering = ("-at", "-id")

    def __str__(self) -> str:
        return self.what


class Worksheet(models.Model):
    """One tool's answers for a project. The version goes up on every save, so an edit made from an older
    version is caught rather than silently overwriting someone else's."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="worksheets")
    tool_id = models.CharField(max_length=10)
    answers = models.JSONField(default=dict)
    version = models.PositiveIntegerField(default=0)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=("project", "tool_id"), name="one_worksheet_per_tool")]

    def __str__(self) -> str:
        return f"{self.tool_id} (version {self.version})"


class WorksheetRevision(models.Model):
    """Every saved version of a worksheet, kept."""

    worksheet = models.ForeignKey(Worksheet, on_delete=models.CASCADE, related_name="revisions")
    version = models.PositiveIntegerField()
    answers = models.JSONField(default=dict)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    saved_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("-version",)
        constraints = [
            models.UniqueConstraint(fields=("worksheet", "version"), name="one_revision_per_version")
        ]

    def __str__(self) -> str:
        return f"Version {self.version}"


class MeetingFormat(models.TextChoices):
    WEEKLY = "weekly", "Weekly, one hour"
    FORTNIGHTLY = "fortnightly", "Every two weeks, one hour"
    HALF_DAY = "half_day", "Half-day blocks, monthly"


class Meeting(models.Model):
    """One lead-team session, with its roles, agenda, record and evaluation."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="meetings")
    number = models.PositiveIntegerField()
    starts_at = models.DateTimeField()
    minutes = models.PositiveIntegerField(default=60)
    aim = models.CharField(max_length=300, blank=True)
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    timekeeper = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorder = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    notes = models.TextField(blank=True)
    decisions = models.TextField(blank=True)
    score = models.PositiveSmallIntegerField(null=True, blank=True)
    went_well = models.TextField(blank=True)
    to_change = models.TextField(blank=True)
    held = models.BooleanField(default=False)
    version = models.PositiveIntegerField(default=0)
    open_tool = models.CharField(
        max_length=40, blank=True, help_text="The tool open on everyone's screen in meeting mode."
    )
    agenda_version = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ("number",)
        constraints = [
            models.UniqueConstraint(fields=("project", "number"), name="one_meeting_per_number"),
            models.CheckConstraint(name="score_out_of_ten", condition=models.Q(score__lte=10)),
        ]

    def __str__(self) -> str:
        return f"Meeting {self.number}"


class MeetingRevision(models.Model):
    """Every saved version of a meeting's record or agenda, with who saved it and when."""

    class Part(models.TextChoices):
        RECORD = "record", "Record"
        AGENDA = "agenda", "Agenda"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="revisions")
    part = models.CharField(max_length=10, choices=Part.choices)
    content = models.JSONField(default=dict)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    saved_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("-saved_at", "-id")

    def __str__(self) -> str:
        return f"{self.get_part_display()} of {self.meeting}"


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda")
    position = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    minutes = models.PositiveIntegerField()
    outcome = models.CharField(max_length=20, blank=True)

    class Meta:
        ordering = ("position",)

    def __str__(self) -> str:
        return self.title


class Action(models.Model):
    """A piece of "homework": what, who, by when. Open actions come back on every agenda until done."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="actions")
    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="actions"
    )
    text = models.CharField(max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="project_actions"
    )
    due_on = models.DateField()
    done_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # For the action plan's timeline (T4.7): when the work starts, and the action it waits for.
    starts_on = models.DateField(null=True, blank=True)
    depends_on = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="dependents"
    )

    class Meta:
        ordering = ("due_on", "id")

    def __str__(self) -> str:
        return self.text


class ParkedIdea(models.Model):
    """An idea raised off the point, kept for later themes."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="parking_lot")
    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="parked"
    )
    text = models.CharField(max_length=300)
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    raised_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("raised_at", "id")

    def __str__(self) -> str:
        return self.text


class Idea(models.Model):
    """One item on a list the team brainstorms and then narrows by multi-voting (candidate themes, say)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="ideas")
    list_key = models.CharField(max_length=30)
    text = models.CharField(max_length=300)
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    chosen = models.BooleanField(default=False)
    merged_into = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="merged",
        help_text="The idea this one was grouped under, as saying the same thing.",
    )

    class Meta:
        ordering = ("created_at", "id")

    def __str__(self) -> str:
        return self.text


class BrainstormUse(models.TextChoices):
    """Where a brainstorm's chosen items are carried to."""

    THEMES = "themes", "Candidate themes to choose from"
    CAUSES = "causes", "Causes on the fishbone"
    PARKING_LOT = "parking_lot", "Ideas for the parking lot"
    CHANGE_IDEAS = "change_ideas", "Change ideas to test"
    LIST = "list", "A ranked list, kept here"


class Brainstorm(models.Model):
    """A question the team brainstorms, groups and narrows by multi-voting (T1.6); its items are Ideas
    whose list_key is the brainstorm's key."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="brainstorms")
    number = models.PositiveIntegerField()
    question = models.CharField(max_length=300)
    use = models.CharField(max_length=20, choices=BrainstormUse.choices, default=BrainstormUse.LIST)
    votes_each = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Votes per person; blank for about a third of the items."
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("-number",)
        constraints = [
            models.UniqueConstraint(fields=("project", "number"), name="one_brainstorm_per_number")
        ]

    def __str__(self) -> str:
        return self.question

    @property
    def list_key(self) -> str:
        return f"brainstorm-{self.number}"


class IdeaVote(models.Model):
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="votes")
    voter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=("idea", "voter"), name="one_vote_per_idea")]

    def __str__(self) -> str:
        return f"Vote for {self.idea_id}"


class Fishbone(models.Model):
    """The effect at the head of a project's cause-and-effect diagram."""

    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="fishbone")
    effect = models.CharField(max_length=300, blank=True)
    version = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return self.effect


class Cause(models.Model):
    """A cause on a bone of the fishbone; a sub-cause hangs from a cause."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="causes")
    category = models.CharField(max_length=60)
    text = models.CharField(max_length=200)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="sub_causes"
    )
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("created_at", "id")

    def __str__(self) -> str:
        return self.text


class CauseVote(models.Model):
    cause = models.ForeignKey(Cause, on_delete=models.CASCADE, related_name="votes")
    voter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=("cause", "voter"), name="one_vote_per_cause")]

    def __str__(self) -> str:
        return f"Vote for {self.cause_id}"


class SelfAssessment(models.Model):
    """One round of the self-assessment against the ten characteristics; re-run to compare."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="self_assessments")
    number = models.PositiveIntegerField()
    opened_on = models.DateField(default=timezone.localdate)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ("number",)
        constraints = [models.UniqueConstraint(fields=("project", "number"), name="one_round_per_number")]

    def __str__(self) -> str:
        return f"Self-assessment {self.number}"


class SelfAssessmentReturn(models.Model):
    """Who has answered a round, kept apart from what they answered so the ratings stay anonymous."""

    assessment = models.ForeignKey(SelfAssessment, on_delete=models.CASCADE, related_name="returns")
    respondent = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=("assessment", "respondent"), name="one_return_each")]

    def __str__(self) -> str:
        return f"Return to {self.assessment}"


class SelfAssessmentRating(models.Model):
    """One anonymous rating: a characteristic (1-10) at a level (1-3; 0 when the person could not rate)."""

    assessment = models.ForeignKey(SelfAssessment, on_delete=models.CASCADE, related_name="ratings")
    characteristic = models.PositiveSmallIntegerField()
    level = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [
            models.CheckConstraint(name="level_0_to_3", condition=models.Q(level__lte=3)),
            models.CheckConstraint(
                name="characteristic_1_to_10",
                condition=models.Q(characteristic__gte=1, characteristic__lte=10),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.characteristic}: {self.level}"


class ProcessRating(models.Model):
    """One person's view of how well one of the practice's processes works."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="process_ratings")
    process = models.CharField(max_length=100)
    rater = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    rating = models.CharField(max_length=20)
    rated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=("project", "process", "rater"), name="one_rating_per_process_each"
            )
        ]

    def __str__(self) -> str:
        return f"{self.process}: {self.rating}"


class ProcessMap(models.Model):
    """A flowchart of how one process runs today: the high-level map (step 2) or the detailed map of the
    global aim's process (step 3)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="process_maps")
    tool_id = models.CharField(max_length=10)
    name = models.CharField(max_length=200, blank=True)
    starts = models.CharField(max_length=200, blank=True)
    ends = models.CharField(max_length=200, blank=True)
    version = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=("project", "tool_id"), name="one_map_per_tool")]

    def __str__(self) -> str:
        return self.name or self.tool_id


class MapStep(models.Model):
    class Kind(models.TextChoices):
        STEP = "step", "A step"
        DECISION = "decision", "A decision (yes or no)"
        WAIT = "wait", "A wait"

    process_map = models.ForeignKey(ProcessMap, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveIntegerField()
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.STEP)
    text = models.CharField(max_length=150)
    role = models.CharField(max_length=60)
    minutes = models.PositiveIntegerField(null=True, blank=True)
    loops_to = models.PositiveIntegerField(
        null=True, blank=True, help_text="For a decision: where 'no' goes back to."
    )

    class Meta:
        ordering = ("position",)

    def __str__(self) -> str:
        return self.text


class PopulationImport(models.Model):
    """The practice's registered patients by age band and sex, imported from NHS England's published file."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="population_imports")
    practice_code = models.CharField(max_length=10)
    extract_date = models.DateField(null=True, blank=True)
    total = models.PositiveIntegerField()
    bands = models.JSONField(default=list)  # [{"label": "0 to 4", "male": 212, "female": 198}, …]
    file_name = models.CharField(max_length=200, blank=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    imported_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("-imported_at", "-id")

    def __str__(self) -> str:
        return f"{self.practice_code}: {self.total}"


class InterruptionTally(models.Model):
    """One person's tally of unplanned interruptions during one session."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="interruption_tallies")
    role = models.CharField(max_length=60)
    session_on = models.DateField()
    counts = models.JSONField(default=dict)  # category -> number of interruptions
    note = models.CharField(max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("-session_on", "-id")

    def __str__(self) -> str:
        return f"{self.role} on {self.session_on}"


class CycleVisit(models.Model):
    """The clock times of one patient's visit, from arriving to leaving (no patient details)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="cycle_visits")
    visit_on = models.DateField()
    appointment = models.TimeField(null=True, blank=True)
    arrived = models.TimeField()
    called = models.TimeField(null=True, blank=True)
    seen_from = models.TimeField(null=True, blank=True)
    seen_until = models.TimeField(null=True, blank=True)
    left = models.TimeField()
    comment = models.CharField(max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ("visit_on", "arrived", "id")

    def __str__(self) -> str:
        return f"Visit on {self.visit_on} at {self.arrived}"
