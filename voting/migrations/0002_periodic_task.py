"""Register the daily "vote closing tomorrow" reminder in django-celery-beat (07:00 Asia/Jakarta).
An existing task of the same name is left as an administrator may have edited it."""

from django.db import migrations
from django.utils import timezone

NAME = "Serawai: pengingat pemungutan suara ditutup besok (harian 07.00)"


def register(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTasks = apps.get_model("django_celery_beat", "PeriodicTasks")
    daily, _ = CrontabSchedule.objects.get_or_create(
        minute="0",
        hour="7",
        day_of_week="*",
        day_of_month="*",
        month_of_year="*",
        timezone="Asia/Jakarta",
    )
    PeriodicTask.objects.get_or_create(
        name=NAME,
        defaults={
            "task": "voting.remind_vote_closing",
            "crontab": daily,
            "description": "Pemilih yang belum memilih diingatkan sehari kerja sebelum batas waktu.",
        },
    )
    PeriodicTasks.objects.update_or_create(ident=1, defaults={"last_update": timezone.now()})


def unregister(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("voting", "0001_votes"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(register, unregister)]
