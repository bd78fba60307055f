"""Register the ballot box's periodic mix in django-celery-beat (every ten minutes): ballots whose
kick was lost (broker down) are mixed all the same. An existing task of the same name is left as
an administrator may have edited it."""

from django.db import migrations
from django.utils import timezone

NAME = "Serawai: pencampuran kotak suara (setiap 10 menit)"


def register(apps, schema_editor):
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTasks = apps.get_model("django_celery_beat", "PeriodicTasks")
    every, _ = IntervalSchedule.objects.get_or_create(every=10, period="minutes")
    PeriodicTask.objects.get_or_create(
        name=NAME,
        defaults={
            "task": "voting.mix_open_votes",
            "interval": every,
            "description": "Surat suara yang menunggu dicampur per kelompok paling sedikit lima.",
        },
    )
    PeriodicTasks.objects.update_or_create(ident=1, defaults={"last_update": timezone.now()})


def unregister(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("voting", "0003_secret_ballot_box"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(register, unregister)]
