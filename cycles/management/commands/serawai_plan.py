"""`python manage.py serawai_plan --start YYYY-MM-DD [--province CODE] [--json]`: the plan of
SOP steps 1-5.

Uses the same schedule arithmetic as the cycle (cycles.planning) over the working-day calendar:
the national one, plus the days the province of `--province` added or removed.
"""

import json
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from cycles.calendar import WorkingCalendar
from cycles.planning import plan_cycle


class Command(BaseCommand):
    help = "Print the plan of SOP steps 1-5 (start and due dates in working days) from a date."

    def add_arguments(self, parser):
        parser.add_argument("--start", required=True, help="the cycle's start date, YYYY-MM-DD")
        parser.add_argument("--json", action="store_true", help="print a JSON list, one per step")
        parser.add_argument("--province", help="code of the province whose calendar applies")

    def handle(self, *args, start, province=None, **options):
        from organization.models import Office

        try:
            first = date.fromisoformat(start)
        except ValueError as exc:
            raise CommandError(f"--start must be a date YYYY-MM-DD: {exc}") from exc
        office = None
        if province:
            office = Office.objects.provinces().filter(code=province).first()
            if office is None:
                raise CommandError(f"No province with code {province}.")
        cal = WorkingCalendar.load(office)
        with translation.override("id"):
            plan = plan_cycle(first, cal)
        if options["json"]:
            self.stdout.write(json.dumps([s.as_json() for s in plan], ensure_ascii=False, indent=2))
            return
        for step in plan:
            self.stdout.write(
                f"{step.number}. {step.start:%Y-%m-%d} .. {step.due:%Y-%m-%d} "
                f"({step.working_days} HK)  {step.name}"
            )
            for day, name in cal.non_working_days(step.start, step.due):
                self.stdout.write(f"     {day:%Y-%m-%d} libur: {name}")
