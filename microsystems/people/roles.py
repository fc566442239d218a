"""The roles a membership gives, and the jobs of practice staff, each with who holds it."""

from django.db import models


class Role(models.TextChoices):
    """A user's role in an organisation. Commissioner roles sit on the commissioner; the others on a
    practice or a partner organisation."""

    PROGRAMME_LEAD = "programme_lead", "Programme lead"
    COACH = "coach", "Coach"
    PRACTICE_STAFF = "practice_staff", "Practice staff"
    PATIENT_REPRESENTATIVE = "patient_representative", "Patient representative"
    EVALUATOR = "evaluator", "Evaluator"

    @property
    def description(self) -> str:
        return ROLE_DESCRIPTIONS[self]


ROLE_DESCRIPTIONS = {
    Role.PROGRAMME_LEAD: "Commissioner staff who run the programme: recruit practices, match coaches, "
    "manage payments and follow-ups, and see every enrolled practice's work.",
    Role.COACH: "Programme staff trained to facilitate projects; they see the practices they coach.",
    Role.PRACTICE_STAFF: "A member of a practice or partner organisation's team; sees and does their "
    "organisation's improvement work.",
    Role.PATIENT_REPRESENTATIVE: "A patient who takes part in a practice's lead team; sees that practice's "
    "improvement work.",
    Role.EVALUATOR: "Evaluates the programme from its aggregate figures; sees no practice's own work "
    "unless the practice shares it.",
}

COMMISSIONER_ROLES = frozenset({Role.PROGRAMME_LEAD, Role.COACH, Role.EVALUATOR})
TEAM_ROLES = frozenset({Role.PRACTICE_STAFF, Role.PATIENT_REPRESENTATIVE})


class Job(models.TextChoices):
    """What a member of practice staff does there."""

    GP = "gp", "GP"
    PRACTICE_NURSE = "practice_nurse", "Practice nurse"
    PRACTICE_MANAGER = "practice_manager", "Practice manager"
    RECEPTIONIST = "receptionist", "Receptionist"
    ADMINISTRATOR = "administrator", "Administrator"
    PHARMACIST = "pharmacist", "Pharmacist"
    HEALTHCARE_ASSISTANT = "healthcare_assistant", "Healthcare assistant"
    OTHER = "other", "Other"
