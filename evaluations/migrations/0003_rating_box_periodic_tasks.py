"""Register the rating box's periodic tasks in django-celery-beat: the mix every ten minutes and
the daily close of rating forms past their last day (00:30 Asia/Jakarta). Existing tasks of the
same names are left as an administrator may have edited them."""

from django.db import migrations
from django.utils import timezone

MIX = "Serawai: pencampuran penilaian narasumber (setiap 10 menit)"
CLOSE = "Serawai: penutupan formulir evaluasi narasumber (harian 00.30)"


def register(apps, schema_editor):
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTasks = apps.get_model("django_celery_beat", "PeriodicTasks")
    every, _ = IntervalSchedule.objects.get_or_create(every=10, period="minutes")
    daily, _ = CrontabSchedule.objects.get_or_create(
        minute="30",
        hour="0",
        day_of_week="*",
        day_of_month="*",
        month_of_year="*",
        timezone="Asia/Jakarta",
    )
    PeriodicTask.objects.get_or_create(
        name=MIX,
        defaults={
            "task": "evaluations.mix_waiting_ratings",
            "interval": every,
            "description": "Penilaian yang menunggu dicampur per kelompok paling sedikit lima.",
        },
    )
    PeriodicTask.objects.get_or_create(
        name=CLOSE,
        defaults={
            "task": "evaluations.close_due_forms",
            "crontab": daily,
            "description": "Formulir yang lewat batas ditutup; penilaian dicampur dan diacak.",
        },
    )
    PeriodicTasks.objects.update_or_create(ident=1, defaults={"last_update": timezone.now()})


def unregister(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(name__in=[MIX, CLOSE]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("evaluations", "0002_rating_box"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(register, unregister)]
