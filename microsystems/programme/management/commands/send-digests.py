from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from microsystems.programme.tasks import send_digests


class Command(BaseCommand):
    help = (
        "Enqueue the programme's regular email (run daily by a scheduler): the weekly digest for programme "
        "leads and coaches on Mondays, the monthly update for champions on the 1st. Each is sent once."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", help="Act as if today were this date (YYYY-MM-DD).")
        parser.add_argument("--weekly", action="store_true", help="Send the weekly digest whatever the day.")
        parser.add_argument(
            "--monthly", action="store_true", help="Send the monthly update whatever the day."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            today = date.fromisoformat(options["today"]) if options["today"] else timezone.localdate()
        except ValueError as error:
            raise CommandError(f"--today must be a date as YYYY-MM-DD: {error}") from error
        result = send_digests.enqueue(today.isoformat(), weekly=options["weekly"], monthly=options["monthly"])
        self.stdout.write(f"Enqueued the digests for {today:%d %B %Y} (task {result.id}).")
