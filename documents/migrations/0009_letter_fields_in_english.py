from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0008_actor_fields"),
    ]

    operations = [
        migrations.RenameField(model_name="letter", old_name="sifat", new_name="nature"),
        migrations.RenameField(model_name="letter", old_name="lampiran", new_name="enclosures"),
        migrations.RenameField(model_name="letter", old_name="tembusan", new_name="copies_to"),
    ]
