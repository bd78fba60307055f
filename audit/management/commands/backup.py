from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from audit.backup import BackupError, create_backup


class Command(BaseCommand):
    help = "Back up the database and the media folder into one .tar.gz (see audit/backup.py)."

    def add_arguments(self, parser):
        parser.add_argument("--output", "-o", help="archive path (default: var/backups/...)")
        parser.add_argument(
            "--format", choices=["json", "pg_dump"], help="default: pg_dump on PostgreSQL"
        )

    def handle(self, *args, **options):
        output = options["output"]
        if not output:
            stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
            output = Path(settings.VAR_DIR) / "backups" / f"serawai-{stamp}.tar.gz"
        try:
            manifest = create_backup(Path(output), fmt=options["format"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"{output}: database ({manifest['database_format']}), "
            f"{manifest['media_files']} media files"
        )
