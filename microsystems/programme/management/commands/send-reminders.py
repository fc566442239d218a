from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from microsystems.programme.tasks import send_follow_up_reminders


class Command(BaseCommand):
    help = (
        "Enqueue today's follow-up reminders (run once a day by a scheduler; the task worker sends them). "
        "Reminders go out when a review's window opens (14 days before), when it is due, and when it is "
        "overdue (28 days after); each is sent once."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", help="Act as if today were this date (YYYY-MM-DD).")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            today = date.fromisoformat(options["today"]) if options["today"] else timezone.localdate()
        except ValueError as error:
            raise CommandError(f"--today must be a date as YYYY-MM-DD: {error}") from error
        result = send_follow_up_reminders.enqueue(today.isoformat())
        self.stdout.write(f"Enqueued the follow-up reminders for {today:%d %B %Y} (task {result.id}).")
