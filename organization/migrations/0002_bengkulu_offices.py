"""Load BPS RI, BPS Provinsi Bengkulu (1700) and its 10 kab/kota offices (SOP.md glossary)."""

from django.db import migrations

NATIONAL = (
    "0000",
    "Badan Pusat Statistik",
    "BPS RI",
    "Jakarta",
    "Jl. Dr. Sutomo No. 6-8, Jakarta 10710",
)
PROVINCE = (
    "1700",
    "Badan Pusat Statistik Provinsi Bengkulu",
    "BPS Provinsi Bengkulu",
    "Bengkulu",
    "Jl. Adam Malik KM. 8, Kota Bengkulu 38225",
)
REGENCIES = [
    ("1701", "Kabupaten Bengkulu Selatan", "Manna"),
    ("1702", "Kabupaten Rejang Lebong", "Curup"),
    ("1703", "Kabupaten Bengkulu Utara", "Arga Makmur"),
    ("1704", "Kabupaten Kaur", "Bintuhan"),
    ("1705", "Kabupaten Seluma", "Tais"),
    ("1706", "Kabupaten Mukomuko", "Mukomuko"),
    ("1707", "Kabupaten Lebong", "Tubei"),
    ("1708", "Kabupaten Kepahiang", "Kepahiang"),
    ("1709", "Kabupaten Bengkulu Tengah", "Karang Tinggi"),
    ("1771", "Kota Bengkulu", "Bengkulu"),
]


def load(apps, schema_editor):
    Office = apps.get_model("organization", "Office")
    code, name, short, city, address = NATIONAL
    national, _ = Office.objects.update_or_create(
        code=code,
        defaults=dict(
            name=name,
            short_name=short,
            level="national",
            city=city,
            address=address,
            website="https://www.bps.go.id",
        ),
    )
    code, name, short, city, address = PROVINCE
    province, _ = Office.objects.update_or_create(
        code=code,
        defaults=dict(
            name=name,
            short_name=short,
            level="province",
            parent=national,
            city=city,
            address=address,
            website="https://bengkulu.bps.go.id",
        ),
    )
    for code, region, city in REGENCIES:
        Office.objects.update_or_create(
            code=code,
            defaults=dict(
                name=f"Badan Pusat Statistik {region}",
                short_name=f"BPS {region.replace('Kabupaten ', 'Kab. ')}",
                level="regency",
                parent=province,
                city=city,
            ),
        )


def unload(apps, schema_editor):
    Office = apps.get_model("organization", "Office")
    Office.objects.filter(code__in=[c for c, *_ in REGENCIES]).delete()
    Office.objects.filter(code__in=["1700", "0000"]).delete()


class Migration(migrations.Migration):
    dependencies = [("organization", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
