"""Two lines of migrations joined: letterheads and import jobs, and the reason a role ended."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("organization", "0004_role_end_reason"),
        ("organization", "0006_resume_employee_imports_periodic_task"),
    ]

    operations = []
