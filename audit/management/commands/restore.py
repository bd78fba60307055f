from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from audit.backup import BackupError, read_manifest, restore_backup


class Command(BaseCommand):
    help = "Replace the database and the media folder with a backup made by `backup`."

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="do not ask for confirmation",
        )

    def handle(self, *args, archive, interactive, **options):
        path = Path(archive)
        if not path.is_file():
            raise CommandError(f"{path} does not exist")
        try:
            manifest = read_manifest(path)
            if interactive:
                answer = input(
                    f"This REPLACES the database and media with the backup of "
                    f"{manifest['created_at']}. Type 'yes' to continue: "
                )
                if answer.strip().lower() != "yes":
                    raise CommandError("restore cancelled")
            restore_backup(path)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"restored {path} (made {manifest['created_at']})")
