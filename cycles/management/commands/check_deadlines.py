"""`python manage.py check_deadlines [--today YYYY-MM-DD]`: the beat task's sweep, run once."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from cycles.services import deadlines


class Command(BaseCommand):
    help = (
        "Send the deadline reminders, overdue notices and escalations due on a day (default "
        "today), exactly once: a second run for the same day sends nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--today", help="the day to sweep for, YYYY-MM-DD")

    def handle(self, *args, today=None, **options):
        try:
            day = date.fromisoformat(today) if today else timezone.localdate()
        except ValueError as exc:
            raise CommandError(f"--today must be YYYY-MM-DD: {exc}") from exc
        sent = deadlines.sweep(day)
        for item in sent:
            self.stdout.write(item.line())
        if sent:
            self.stdout.write(self.style.SUCCESS(f"{day:%Y-%m-%d}: {len(sent)} message(s) sent."))
        else:
            self.stdout.write(f"{day:%Y-%m-%d}: nothing to send (already sent or nothing due).")
