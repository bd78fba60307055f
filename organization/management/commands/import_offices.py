"""`manage.py import_offices offices.xlsx`: offices from a spreadsheet, all rows or none.

Columns of the first sheet (after a header row): code, name, level, parent code, city (optional).
`--national` loads the built-in list of all of BPS (organization.bps_offices) instead of a file.
`--province CODE` limits the import to that province and its kab/kota offices.
"""

from django.core.management.base import BaseCommand, CommandError

from organization.bps_offices import national_rows
from organization.models import Office
from organization.office_import import OfficeImportError, import_offices, read_offices_xlsx


class Command(BaseCommand):
    help = "Import offices (code, name, level, parent code) from an .xlsx file; all or nothing."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", help="the .xlsx file")
        parser.add_argument(
            "--national", action="store_true", help="load the built-in list of all BPS offices"
        )
        parser.add_argument(
            "--province", help="code of the one province whose offices the sheet may touch"
        )

    def handle(self, *args, path=None, national=False, province=None, **options):
        if bool(path) == bool(national):
            raise CommandError("Give either an .xlsx path or --national.")
        scope = None
        if province:
            scope = Office.objects.provinces().filter(code=province).first()
            if scope is None:
                raise CommandError(f"No province with code {province}.")
        try:
            if national:
                rows = national_rows()
            else:
                with open(path, "rb") as handle:
                    rows = read_offices_xlsx(handle)
            result = import_offices(rows, province=scope)
        except OSError as exc:
            raise CommandError(str(exc)) from exc
        except OfficeImportError as exc:
            for row, message in exc.errors:
                self.stderr.write(f"row {row}: {message}")
            raise CommandError("Nothing imported.") from exc
        self.stdout.write(
            f"{len(result.codes)} offices: {result.created} created, {result.updated} updated."
        )
