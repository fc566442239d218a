"""Users, the organisations they belong to, and the memberships that give them a role there."""

import uuid
from typing import Any, ClassVar

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models import Q
from django.utils import timezone

from .roles import Job, Role


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields: Any) -> "User":
        if not email:
            raise ValueError("A user needs an email address")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def get_by_natural_key(self, username: str | None) -> "User":
        # People type their address as they like; it is stored in lower case.
        return self.get(email=(username or "").lower())

    def create_superuser(self, email: str, password: str | None = None, **fields: Any) -> "User":
        fields.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """Someone who signs in, with their email address."""

    email = models.EmailField(unique=True)
    full_name = models.CharField(max_length=150)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False, help_text="May use the operator tools.")
    date_joined = models.DateTimeField(default=timezone.now)

    objects: ClassVar[UserManager] = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = ["full_name"]

    class Meta:
        ordering = ("full_name",)

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email


class OrganisationKind(models.TextChoices):
    COMMISSIONER = "commissioner", "Commissioner"
    PCN = "pcn", "Primary care network"
    PRACTICE = "practice", "General practice"
    PARTNER = "partner", "Partner organisation"


class PartnerType(models.TextChoices):
    CARE_HOME = "care_home", "Care home"
    COMMUNITY_NURSING = "community_nursing", "Community nursing team"
    PHARMACY = "pharmacy", "Community pharmacy"
    HOSPITAL_TEAM = "hospital_team", "Hospital team"
    SOCIAL_CARE = "social_care", "Social care"
    VOLUNTARY = "voluntary", "Voluntary sector"
    OTHER = "other", "Other"


class OrganisationQuerySet(models.QuerySet["Organisation"]):
    def practices(self) -> "OrganisationQuerySet":
        return self.filter(kind=OrganisationKind.PRACTICE)

    def commissioners(self) -> "OrganisationQuerySet":
        return self.filter(kind=OrganisationKind.COMMISSIONER)


class Organisation(models.Model):
    """A commissioner (ICB or CCG), a primary care network, a general practice or a partner organisation.

    One table for all four, because memberships, projects spanning organisations and the programme's
    views treat them alike; the kind says which fields apply."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(max_length=20, choices=OrganisationKind.choices)
    name = models.CharField(max_length=200)
    ods_code = models.CharField(
        "ODS code",
        max_length=10,
        unique=True,
        null=True,
        blank=True,
        help_text="The organisation's code in the NHS Organisation Data Service, e.g. a practice's A81001.",
    )
    list_size = models.PositiveIntegerField(
        null=True, blank=True, help_text="Registered patients (practices)."
    )
    pcn = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="member_practices",
        limit_choices_to={"kind": OrganisationKind.PCN},
        verbose_name="primary care network",
    )
    commissioner = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="commissioned",
        limit_choices_to={"kind": OrganisationKind.COMMISSIONER},
    )
    partner_type = models.CharField(max_length=30, choices=PartnerType.choices, blank=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ("name",)
        indexes = [models.Index(fields=("kind", "name"))]
        constraints = [
            models.CheckConstraint(
                name="partner_type_only_for_partners",
                condition=Q(kind=OrganisationKind.PARTNER) | Q(partner_type=""),
            ),
            models.CheckConstraint(
                name="only_practices_belong_to_a_pcn",
                condition=Q(kind=OrganisationKind.PRACTICE) | Q(pcn__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_practice(self) -> bool:
        return self.kind == OrganisationKind.PRACTICE


class Microsystem(models.Model):
    """A front-line team that does the work: a whole practice, or a team within an organisation."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="microsystems")
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ("name",)
        constraints = [
            models.UniqueConstraint(fields=("organisation", "name"), name="unique_microsystem_name")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation.name})"


class MembershipQuerySet(models.QuerySet["Membership"]):
    def active(self) -> "MembershipQuerySet":
        return self.filter(ended_on__isnull=True)


class Membership(models.Model):
    """Gives a user a role in an organisation. A user may hold several (a GP who is also a coach)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=30, choices=Role.choices)
    job = models.CharField(max_length=30, choices=Job.choices, blank=True, help_text="For practice staff.")
    started_on = models.DateField(default=timezone.localdate)
    ended_on = models.DateField(null=True, blank=True, help_text="When they left; history is kept.")

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ("organisation__name", "user__full_name")
        constraints = [
            models.UniqueConstraint(
                fields=("user", "organisation", "role"),
                condition=Q(ended_on__isnull=True),
                name="one_active_membership_per_role",
            ),
            models.CheckConstraint(
                name="job_only_for_practice_staff",
                condition=Q(role=Role.PRACTICE_STAFF) | Q(job=""),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} at {self.organisation}"

    @property
    def title(self) -> str:
        """What to call this member on a page: their job if they have one, else their role."""
        return self.get_job_display() if self.job else self.get_role_display()
