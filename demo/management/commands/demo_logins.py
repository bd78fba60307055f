"""`manage.py demo_logins`: the demo logins and, for each, what to try first today (the first
to-do of its home page, with its link). `make run` prints it through `seed_demo --if-empty`."""

from django.core.management.base import BaseCommand

from demo import people as people_demo
from demo.story import first_try


def logins_text() -> str:
    logins = people_demo.demo_logins()
    if not logins:
        return "No demo logins in this database (run `manage.py seed_demo`).\n"
    lines = [
        "Serawai demo logins (DEMO DATA ONLY; never use on a real server).",
        f"Password for every account: {people_demo.DEMO_PASSWORD}  (log in with the e-mail or NIP)",
        "",
    ]
    for label, person in logins:
        lines.append(f"{label}: {person.email}  (NIP {person.nip})")
        todo = first_try(label, person)
        if todo:
            lines.append(f"    try first: {todo[0]}  ->  {todo[1]}")
        else:
            lines.append("    nothing to do today; browse the timeline  ->  /timeline/")
    return "\n".join(lines) + "\n"


class Command(BaseCommand):
    help = "Print the demo logins and what to try first as each of them today."

    def handle(self, *args, **options):
        self.stdout.write(logins_text())
