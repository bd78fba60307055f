"""Register the periodic tasks in django-celery-beat's database scheduler (editable in the admin).

- the deadline sweep (cycles.sweep_deadlines) every day at 07:00 Asia/Jakarta;
- the e-mail outbox drain (notifications.drain_outbox) every minute.
Existing tasks of the same name are left as an administrator may have edited them.
"""

from django.db import migrations
from django.utils import timezone

SWEEP = "Serawai: pengingat batas waktu langkah (harian 07.00)"
DRAIN = "Serawai: kirim e-mail dari kotak keluar (tiap menit)"


def register(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
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
    every_minute, _ = IntervalSchedule.objects.get_or_create(every=1, period="minutes")
    PeriodicTask.objects.get_or_create(
        name=SWEEP,
        defaults={
            "task": "cycles.sweep_deadlines",
            "crontab": daily,
            "description": "Pengingat, pemberitahuan terlambat dan eskalasi langkah SOP.",
        },
    )
    PeriodicTask.objects.get_or_create(
        name=DRAIN,
        defaults={
            "task": "notifications.drain_outbox",
            "interval": every_minute,
            "description": "Mengirim e-mail yang antre; e-mail saat broker mati terkirim di sini.",
        },
    )
    # Tell a running beat that the schedule changed.
    PeriodicTasks.objects.update_or_create(ident=1, defaults={"last_update": timezone.now()})


def unregister(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(name__in=[SWEEP, DRAIN]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(register, unregister)]
