"""A calendar day belongs to a province: its closed and opened days move only its own dates.

Days recorded before belonged to the one province the deployment served; they are given to the
province that owns a cycle (Bengkulu, 1700, when no cycle says otherwise).
"""

import django.db.models.deletion
from django.db import migrations, models


def give_days_a_province(apps, schema_editor):
    CalendarDay = apps.get_model("cycles", "CalendarDay")
    Cycle = apps.get_model("cycles", "Cycle")
    Office = apps.get_model("organization", "Office")
    if not CalendarDay.objects.exists():
        return
    province_ids = set(Cycle.objects.values_list("province_id", flat=True))
    if len(province_ids) == 1:
        owner = province_ids.pop()
    else:
        owner = Office.objects.filter(code="1700").values_list("pk", flat=True).first()
    if owner is None:
        raise RuntimeError(
            "Calendar days exist but no single province owns them: give each a province first."
        )
    CalendarDay.objects.filter(province__isnull=True).update(province_id=owner)


class Migration(migrations.Migration):
    dependencies = [
        ("cycles", "0002_concept"),
    ]

    operations = [
        migrations.AddField(
            model_name="calendarday",
            name="province",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="calendar_days",
                to="organization.office",
                verbose_name="provinsi",
                limit_choices_to={"level": "province"},
            ),
        ),
        migrations.RunPython(give_days_a_province, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="calendarday",
            name="province",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="calendar_days",
                to="organization.office",
                verbose_name="provinsi",
                limit_choices_to={"level": "province"},
            ),
        ),
        migrations.AlterField(
            model_name="calendarday",
            name="date",
            field=models.DateField(verbose_name="tanggal"),
        ),
        migrations.AddConstraint(
            model_name="calendarday",
            constraint=models.UniqueConstraint(
                fields=("province", "date"), name="one_calendar_day_per_province"
            ),
        ),
    ]
