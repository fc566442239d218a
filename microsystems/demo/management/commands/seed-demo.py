from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from microsystems.demo import seed
from microsystems.demo.world import PASSWORD


class Command(BaseCommand):
    help = "Load the fictional demo programme (practices, coaches, people) and print its logins."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--if-empty", action="store_true", help="Do nothing if a programme already exists."
        )
        parser.add_argument("--quiet-logins", action="store_true", help="Do not print the logins.")

    def handle(self, *args: Any, **options: Any) -> None:
        if seed.is_seeded():
            if not options["if_empty"]:
                self.stderr.write(
                    "The database already holds a programme; the demo loads only into an empty one."
                )
                raise SystemExit(1)
        else:
            seed.seed()
            self.stdout.write("Loaded the demo programme.")
        if not options["quiet_logins"]:
            self.stdout.write("Demo logins (every one uses the same password):")
            for login in seed.logins():
                self.stdout.write(f"  {login.email:<44} {login.who}")
            self.stdout.write(f"password: {PASSWORD}")
