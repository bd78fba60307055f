"""Personal calendar feeds: a private address per person and the versions of feed entries."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0006_process_waiting_materials_periodic_task"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="CalendarEntryState",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("uid", models.CharField(max_length=120, unique=True, verbose_name="UID")),
                ("fingerprint", models.CharField(max_length=64, verbose_name="sidik isi")),
                ("sequence", models.PositiveIntegerField(default=0, verbose_name="urutan revisi")),
                (
                    "created_at",
                    models.DateTimeField(default=django.utils.timezone.now, verbose_name="dibuat"),
                ),
                (
                    "modified_at",
                    models.DateTimeField(default=django.utils.timezone.now, verbose_name="diubah"),
                ),
            ],
            options={
                "verbose_name": "keadaan entri kalender",
                "verbose_name_plural": "keadaan entri kalender",
            },
        ),
        migrations.CreateModel(
            name="CalendarFeed",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("token", models.CharField(max_length=64, unique=True, verbose_name="token")),
                (
                    "created_at",
                    models.DateTimeField(default=django.utils.timezone.now, verbose_name="dibuat"),
                ),
                (
                    "employee",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="calendar_feed",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="pegawai",
                    ),
                ),
            ],
            options={
                "verbose_name": "alamat kalender",
                "verbose_name_plural": "alamat kalender",
            },
        ),
    ]
