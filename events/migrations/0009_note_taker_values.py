from django.db import migrations, models

# The stored values of the committee role and the attendance source, renamed to English; the
# Indonesian labels stay.
RENAMES = (("CommitteeMember", "role"), ("Attendance", "source"))


def rename_values(old, new):
    def run(apps, schema_editor):
        for model_name, field in RENAMES:
            model = apps.get_model("events", model_name)
            model._base_manager.filter(**{field: old}).update(**{field: new})

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0008_event_library_topic_and_sharing"),
    ]

    operations = [
        migrations.AlterField(
            model_name="attendance",
            name="source",
            field=models.CharField(
                choices=[
                    ("self", "Presensi mandiri"),
                    ("note_taker", "Ditambahkan notulis"),
                    ("late", "Dicatat CAN setelah kegiatan"),
                ],
                max_length=10,
                verbose_name="cara",
            ),
        ),
        migrations.AlterField(
            model_name="committeemember",
            name="role",
            field=models.CharField(
                choices=[
                    ("coordinator", "Koordinator"),
                    ("speaker", "Narasumber"),
                    ("moderator", "Moderator/MC"),
                    ("note_taker", "Notulis"),
                    ("other", "Panitia lain"),
                ],
                max_length=12,
                verbose_name="peran",
            ),
        ),
        migrations.RunPython(
            rename_values("notulis", "note_taker"), rename_values("note_taker", "notulis")
        ),
    ]
