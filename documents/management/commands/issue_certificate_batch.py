"""Run (or resume) a queued certificate batch in the foreground: prints the count and the time."""

import time

from django.core.management.base import BaseCommand, CommandError

from documents.batches import run_batch
from documents.models import CertificateBatch


class Command(BaseCommand):
    help = "Terbitkan sertifikat sebuah batch sekarang juga (tanpa worker Celery)."

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, required=True, help="id CertificateBatch")

    def handle(self, *args, batch, **options):
        if not CertificateBatch.objects.filter(pk=batch).exists():
            raise CommandError(f"Batch {batch} tidak ada.")
        started = time.perf_counter()
        done = run_batch(batch)
        seconds = time.perf_counter() - started
        self.stdout.write(
            f"{done.done} sertifikat diterbitkan dalam {seconds:.1f} detik "
            f"({done.done / seconds if seconds else 0:.1f}/detik); arsip: {done.archive.name}"
        )
