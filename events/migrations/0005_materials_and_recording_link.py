"""Presentation materials of an event (PDF, PPTX, ODP with a PDF and their text) and the
event's recording link."""

import django.core.validators
import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

import events.models.materials


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0004_merge_minutes_and_attendance"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="event",
            name="recording_url",
            field=models.URLField(
                blank=True,
                validators=[django.core.validators.URLValidator(schemes=["http", "https"])],
                verbose_name="tautan rekaman",
            ),
        ),
        migrations.CreateModel(
            name="Material",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("title", models.CharField(max_length=200, verbose_name="judul materi")),
                (
                    "file",
                    models.FileField(
                        max_length=200,
                        upload_to=events.models.materials._material_path,
                        verbose_name="berkas",
                    ),
                ),
                (
                    "original_name",
                    models.CharField(max_length=200, verbose_name="nama berkas asli"),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("pdf", "PDF"),
                            ("pptx", "PowerPoint (PPTX)"),
                            ("odp", "OpenDocument (ODP)"),
                        ],
                        max_length=4,
                        verbose_name="jenis",
                    ),
                ),
                ("size", models.PositiveBigIntegerField(verbose_name="ukuran (bita)")),
                (
                    "pdf",
                    models.FileField(
                        blank=True,
                        max_length=200,
                        upload_to=events.models.materials._material_path,
                        verbose_name="PDF",
                    ),
                ),
                (
                    "processing",
                    models.CharField(
                        choices=[
                            ("waiting", "Menunggu diproses"),
                            ("ready", "PDF tersedia"),
                            ("no_converter", "Hanya berkas asli (LibreOffice tidak terpasang)"),
                            ("failed", "Hanya berkas asli (PDF gagal dibuat)"),
                        ],
                        default="waiting",
                        max_length=12,
                        verbose_name="pemrosesan",
                    ),
                ),
                (
                    "processed_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="diproses"),
                ),
                ("text", models.TextField(blank=True, verbose_name="teks materi")),
                (
                    "uploaded_at",
                    models.DateTimeField(
                        default=django.utils.timezone.now, verbose_name="diunggah"
                    ),
                ),
                (
                    "event",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="materials",
                        to="events.event",
                        verbose_name="kegiatan",
                    ),
                ),
                (
                    "uploaded_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="diunggah oleh",
                    ),
                ),
            ],
            options={
                "verbose_name": "materi narasumber",
                "verbose_name_plural": "materi narasumber",
                "ordering": ["event", "uploaded_at", "id"],
            },
        ),
    ]
