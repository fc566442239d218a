from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from microsystems.programme.tasks import check_project_health


class Command(BaseCommand):
    help = (
        "Enqueue today's stall and decay check of every active or completed project (run once a day by a "
        "scheduler). Coaches hear about a project with no activity for 14 days; coaches and programme leads "
        "about a project at risk."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", help="Act as if today were this date (YYYY-MM-DD).")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            today = date.fromisoformat(options["today"]) if options["today"] else timezone.localdate()
        except ValueError as error:
            raise CommandError(f"--today must be a date as YYYY-MM-DD: {error}") from error
        result = check_project_health.enqueue(today.isoformat())
        self.stdout.write(f"Enqueued the project check for {today:%d %B %Y} (task {result.id}).")
