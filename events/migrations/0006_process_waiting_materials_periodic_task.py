"""Register the processing of waiting materials in django-celery-beat (every ten minutes).

A material uploaded while the broker was down, or whose worker died mid-conversion, waits in the
database; this run takes it up. An existing task of the same name is left as an administrator
may have edited it.
"""

from django.db import migrations
from django.utils import timezone

PROCESS = "Serawai: proses materi narasumber yang menunggu (tiap 10 menit)"


def register(apps, schema_editor):
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTasks = apps.get_model("django_celery_beat", "PeriodicTasks")
    every_ten, _ = IntervalSchedule.objects.get_or_create(every=10, period="minutes")
    PeriodicTask.objects.get_or_create(
        name=PROCESS,
        defaults={
            "task": "events.process_waiting_materials",
            "interval": every_ten,
            "description": "Membuat PDF dan membaca teks materi yang belum diproses.",
        },
    )
    PeriodicTasks.objects.update_or_create(ident=1, defaults={"last_update": timezone.now()})


def unregister(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(name=PROCESS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0005_materials_and_recording_link"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(register, unregister)]
