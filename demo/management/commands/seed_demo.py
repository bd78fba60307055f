"""`manage.py seed_demo [--if-empty] [--strict] [--scale national]`: demo data for a first look.

BPS Provinsi Bengkulu's offices (loaded by migration), about 60 employees with valid NIPs, a
holder of every programme role, and two guest provinces with a few people each; the cycles of
the story demo.story tells around today; then, for each cycle, the stages add their part
(demo.voting, .events, .reports, .evaluations: `seed(cycle, stdout)`), in that order. Prints
the demo logins with what to try first as each (also `manage.py demo_logins`) and keeps the list
in var/demo-logins.txt. DEMO ONLY: every account has the password serawai-demo.
"""

import traceback

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from cycles.calendar import WorkingCalendar
from cycles.models import Cycle
from cycles.services.cycle import create_cycle
from demo import evaluations, events, reports, story, voting
from demo import people as people_demo
from organization.models import Employee, Office

# Each stage's demo of a cycle, in the order each builds on the one before.
STAGES = (
    ("voting", voting.seed),
    ("events", events.seed),
    ("evaluations", evaluations.seed),  # before the reports, which cite the ratings
    ("reports", reports.seed),
)


def logins_path():
    return settings.VAR_DIR / "demo-logins.txt"


class Command(BaseCommand):
    help = "Load demo data (offices, ~60 employees, every role, this year's cycle, stage data)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="do nothing (but print the logins) when the database already has employees",
        )
        parser.add_argument(
            "--strict", action="store_true", help="stop at the first stage whose demo fails"
        )
        parser.add_argument(
            "--scale",
            choices=["province", "national"],
            default="province",
            help="national: also all of BPS (demo.national: 38 provinces, 514 kab/kota, "
            "16,000 employees, a cycle per province and a year of activity)",
        )

    def handle(self, *args, if_empty=False, strict=False, scale="province", **options):
        if if_empty and Employee.objects.exists():
            self.stdout.write("seed_demo: the database already has employees; nothing loaded.")
            self._print_logins()
            return
        province = Office.objects.filter(code="1700").first()
        if province is None:
            raise CommandError("Office 1700 is missing: run `manage.py migrate` first.")
        year = timezone.localdate().year
        cycles, guests = [], []
        calendar = WorkingCalendar.load(province)
        for plan in story.plan(cal=calendar) + story.guest_plans(cal=calendar):
            with transaction.atomic():
                if plan.province == province.code:
                    logins = people_demo.seed_people(plan.year)
                else:
                    guests += people_demo.seed_guest_people(plan.province, plan.year)
                office = Office.objects.get(code=plan.province)
                cycle = Cycle.objects.filter(province=office, year=plan.year).first()
                if cycle is None:
                    by = logins[0][1] if office == province else None
                    cycle = create_cycle(
                        province=office, year=plan.year, start_date=plan.start, by=by
                    )
            cycles.append(cycle)
        if not cycles:
            logins = people_demo.seed_people(year)
        self.stdout.write(
            f"seed_demo: {Employee.objects.count()} employees, "
            + ", ".join(f"cycle {c} from {c.start_date}" for c in cycles)
            + "."
        )
        for cycle in cycles:
            for label, seed in STAGES:
                try:
                    with transaction.atomic():
                        seed(cycle, self.stdout)
                except Exception as exc:
                    if strict:
                        raise
                    self.stderr.write(
                        f"seed_demo: the {label} demo of {cycle} failed and was skipped: {exc!r}"
                    )
                    self.stderr.write(traceback.format_exc(limit=3))
                else:
                    self.stdout.write(f"seed_demo: {label} demo of {cycle.year} loaded.")
        if scale == "national":
            from demo.national.seed import seed_national

            seed_national(self.stdout)
        self._write_logins(logins + list(dict(guests).items()))
        self._print_logins()

    def _write_logins(self, logins):
        lines = [
            "Serawai demo logins (DEMO DATA ONLY; never use on a real server).",
            f"Password for every account: {people_demo.DEMO_PASSWORD}",
            "Log in with the NIP or the e-mail.",
            "",
        ]
        width = max(len(label) for label, _person in logins)
        for label, person in logins:
            lines.append(f"{label:<{width}}  {person.nip}  {person.email}  {person.full_name}")
        logins_path().write_text("\n".join(lines) + "\n", encoding="utf-8")

    def _print_logins(self):
        from .demo_logins import logins_text

        self.stdout.write(logins_text())
