"""Two lines of migrations joined: the minutes document and late attendance corrections."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0003_attendance_late_corrections"),
        ("events", "0003_minutes_document"),
    ]

    operations = []
