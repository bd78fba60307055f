"""`manage.py seed_national`: the national demo set (demo.national); demo only."""

from django.core.management.base import BaseCommand

from demo.national.seed import NATIONAL_EMPLOYEES, seed_national


class Command(BaseCommand):
    help = "Load all of BPS: 38 provinces, 514 kab/kota, 16,000 employees, a cycle per province."

    def add_arguments(self, parser):
        parser.add_argument("--employees", type=int, default=NATIONAL_EMPLOYEES)
        parser.add_argument(
            "--provinces", help="comma-separated province codes (e.g. 1100,1700); default all"
        )
        parser.add_argument("--no-activity", action="store_true")

    def handle(self, *args, employees, provinces, no_activity, **options):
        codes = [c.strip() for c in provinces.split(",")] if provinces else None
        seed_national(
            self.stdout, employees=employees, province_codes=codes, activity=not no_activity
        )
