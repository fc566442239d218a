"""Email the programme sends: invitations and follow-up reminders. Real SMTP in production, the console in
the demo, the test outbox in tests (settings.MAILERS)."""

from datetime import date
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse

from microsystems.core.jinja import nice_date
from microsystems.people.models import Membership
from microsystems.people.roles import Role

from .models import CoachAssignment, CoachingAgreement, Enrolment, FollowUpReview, ReminderSent


def absolute(path: str) -> str:
    return str(settings.BASE_URL).rstrip("/") + path


def send(subject: str, template: str, context: dict[str, Any], to: list[str]) -> None:
    body = render_to_string(template, context)
    EmailMessage(subject=subject, body=body, to=to).send()


def send_invitation(enrolment: Enrolment, email: str, by: Any) -> None:
    programme = enrolment.programme
    send(
        f"An invitation to join {programme.name}",
        "programme/email/invitation.txt",
        {"enrolment": enrolment, "programme": programme, "by": by},
        [email],
    )


def send_withdrawal_notice(enrolment: Enrolment, by: Any) -> None:
    """Tell the programme leads and the practice's coaches (those coaching it now) that the practice
    withdrew itself, with its reasons."""
    from .engagement import ExitReason

    programme = enrolment.programme
    to = {
        assignment.coach.user.email
        for assignment in CoachAssignment.objects.filter(enrolment=enrolment, ended_on__isnull=True)
        .select_related("coach__user")
        .filter(coach__user__is_active=True)
    }
    to |= set(
        Membership.objects.active()
        .filter(organisation_id=programme.commissioner_id, role=Role.PROGRAMME_LEAD, user__is_active=True)
        .values_list("user__email", flat=True)
    )
    if not to:
        return
    labels = dict(ExitReason.choices)
    send(
        f"{enrolment.practice.name} has withdrawn from {programme.name}",
        "programme/email/withdrawal.txt",
        {
            "enrolment": enrolment,
            "programme": programme,
            "by": by,
            "reasons": [labels[r] for r in enrolment.exit_reasons or [enrolment.exit_reason] if r in labels],
            "link": absolute(
                reverse("programme-enrolment", args=[programme.public_id, enrolment.practice.public_id])
            ),
        },
        sorted(to),
    )


def review_recipients(review: FollowUpReview) -> dict[str, str]:
    """Who hears about a review, by email address: the practice's champion (from its coaching agreement),
    its coaches and the programme leads."""
    project = review.project
    found: dict[str, str] = {}
    agreement = (
        CoachingAgreement.objects.filter(
            enrolment__programme_id=project.programme_id, enrolment__practice_id=project.practice_id
        )
        .select_related("champion")
        .order_by("-signed_on", "-id")
        .first()
    )
    if agreement and agreement.champion and agreement.champion.is_active:
        found[agreement.champion.email] = agreement.champion.full_name
    assignments = CoachAssignment.objects.filter(
        enrolment__programme_id=project.programme_id, enrolment__practice_id=project.practice_id
    ).select_related("coach__user")
    active = [a for a in assignments if a.ended_on is None] or list(assignments)
    for assignment in active:
        found[assignment.coach.user.email] = assignment.coach.user.full_name
    for membership in (
        Membership.objects.active()
        .filter(
            organisation_id=project.programme.commissioner_id, role=Role.PROGRAMME_LEAD, user__is_active=True
        )
        .select_related("user")
    ):
        found[membership.user.email] = membership.user.full_name
    return found


SUBJECTS = {
    "before": "{kind} of “{title}” at {practice} is due on {due}",
    "due": "{kind} of “{title}” at {practice} is due today",
    "overdue": "Overdue: {kind} of “{title}” at {practice} (was due {due})",
}


def send_review_reminder(review: FollowUpReview, kind: str, today: date) -> list[str]:
    """Send one reminder about the review to each recipient who has not had this kind yet; record each."""
    project = review.project
    already = set(ReminderSent.objects.filter(review=review, kind=kind).values_list("recipient", flat=True))
    sent = []
    subject = SUBJECTS[kind].format(
        kind=review.get_kind_display(),
        title=project.title,
        practice=project.practice.name,
        due=nice_date(review.due_on),
    )
    link = absolute(reverse("programme-review", args=[project.programme.public_id, review.public_id]))
    for email, name in review_recipients(review).items():
        if email in already:
            continue
        send(
            subject,
            "programme/email/review_reminder.txt",
            {
                "name": name,
                "review": review,
                "project": project,
                "kind": kind,
                "link": link,
                "today": today,
                "due": nice_date(review.due_on),
            },
            [email],
        )
        ReminderSent.objects.create(review=review, kind=kind, recipient=email)
        sent.append(email)
    return sent


def send_health_alert(
    project: Any, result: Any, today: date, *, leads: bool, early_review: Any = None
) -> int:
    """Tell the project's coaches (and, when it is at risk, the programme leads) what the signals are,
    and when the early review is, if one was scheduled."""
    from .models import CoachAssignment

    to = {
        a.coach.user.email
        for a in CoachAssignment.objects.filter(
            enrolment__programme_id=project.programme_id,
            enrolment__practice_id=project.practice_id,
            ended_on__isnull=True,
        ).select_related("coach__user")
    }
    if leads:
        to |= set(
            Membership.objects.active()
            .filter(
                organisation_id=project.programme.commissioner_id,
                role=Role.PROGRAMME_LEAD,
                user__is_active=True,
            )
            .values_list("user__email", flat=True)
        )
    if not to:
        return 0
    subject = (
        f"At risk: “{project.title}” at {project.practice.name}"
        if result.colour == "red"
        else f"No activity for two weeks: “{project.title}” at {project.practice.name}"
    )
    link = absolute(reverse("programme-project", args=[project.programme.public_id, project.public_id]))
    send(
        subject,
        "programme/email/health_alert.txt",
        {
            "project": project,
            "result": result,
            "link": link,
            "early_review": early_review,
            "review_link": absolute(
                reverse("programme-review", args=[project.programme.public_id, early_review.public_id])
            )
            if early_review
            else "",
        },
        sorted(to),
    )
    return len(to)
