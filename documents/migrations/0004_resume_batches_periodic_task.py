"""Register the resume of waiting certificate batches in django-celery-beat (every minute).

A batch requested while the broker was down waits in the database; this run takes it up.
An existing task of the same name is left as an administrator may have edited it.
"""

from django.db import migrations
from django.utils import timezone

RESUME = "Serawai: lanjutkan penerbitan sertifikat yang menunggu (tiap menit)"


def register(apps, schema_editor):
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTasks = apps.get_model("django_celery_beat", "PeriodicTasks")
    every_minute, _ = IntervalSchedule.objects.get_or_create(every=1, period="minutes")
    PeriodicTask.objects.get_or_create(
        name=RESUME,
        defaults={
            "task": "documents.resume_certificate_batches",
            "interval": every_minute,
            "description": "Menerbitkan sertifikat massal yang tertunda karena broker mati.",
        },
    )
    PeriodicTasks.objects.update_or_create(ident=1, defaults={"last_update": timezone.now()})


def unregister(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(name=RESUME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0003_certificate_batch_heartbeat_and_retry"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(register, unregister)]
