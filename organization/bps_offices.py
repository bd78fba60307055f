"""All of BPS as office import rows: BPS RI, 38 provinces, 514 kab/kota (DESIGN.md, "Scale").

Province codes and names are BPS's own (the four Papua provinces of 2022 included). Each
province's kab/kota are numbered the BPS way, kabupaten from 01 and kota from 71, in the counts
the provinces have; their names are placeholders ("Kabupaten Aceh 01") except Bengkulu's, which
come from the data migration. A real roll-out imports the official list from a spreadsheet with
the same columns (`organization.office_import`).
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Province:
    code: str  # two digits
    name: str
    capital: str
    regencies: int  # kabupaten
    cities: int  # kota


PROVINCES = [
    Province("11", "Aceh", "Banda Aceh", 18, 5),
    Province("12", "Sumatera Utara", "Medan", 25, 8),
    Province("13", "Sumatera Barat", "Padang", 12, 7),
    Province("14", "Riau", "Pekanbaru", 10, 2),
    Province("15", "Jambi", "Jambi", 9, 2),
    Province("16", "Sumatera Selatan", "Palembang", 13, 4),
    Province("17", "Bengkulu", "Bengkulu", 9, 1),
    Province("18", "Lampung", "Bandar Lampung", 13, 2),
    Province("19", "Kepulauan Bangka Belitung", "Pangkalpinang", 6, 1),
    Province("21", "Kepulauan Riau", "Tanjungpinang", 5, 2),
    Province("31", "DKI Jakarta", "Jakarta", 1, 5),
    Province("32", "Jawa Barat", "Bandung", 18, 9),
    Province("33", "Jawa Tengah", "Semarang", 29, 6),
    Province("34", "DI Yogyakarta", "Yogyakarta", 4, 1),
    Province("35", "Jawa Timur", "Surabaya", 29, 9),
    Province("36", "Banten", "Serang", 4, 4),
    Province("51", "Bali", "Denpasar", 8, 1),
    Province("52", "Nusa Tenggara Barat", "Mataram", 8, 2),
    Province("53", "Nusa Tenggara Timur", "Kupang", 21, 1),
    Province("61", "Kalimantan Barat", "Pontianak", 12, 2),
    Province("62", "Kalimantan Tengah", "Palangka Raya", 13, 1),
    Province("63", "Kalimantan Selatan", "Banjarbaru", 11, 2),
    Province("64", "Kalimantan Timur", "Samarinda", 7, 3),
    Province("65", "Kalimantan Utara", "Tanjung Selor", 4, 1),
    Province("71", "Sulawesi Utara", "Manado", 11, 4),
    Province("72", "Sulawesi Tengah", "Palu", 12, 1),
    Province("73", "Sulawesi Selatan", "Makassar", 21, 3),
    Province("74", "Sulawesi Tenggara", "Kendari", 15, 2),
    Province("75", "Gorontalo", "Gorontalo", 5, 1),
    Province("76", "Sulawesi Barat", "Mamuju", 6, 0),
    Province("81", "Maluku", "Ambon", 9, 2),
    Province("82", "Maluku Utara", "Sofifi", 8, 2),
    Province("91", "Papua Barat", "Manokwari", 7, 0),
    Province("92", "Papua Barat Daya", "Sorong", 5, 1),
    Province("94", "Papua", "Jayapura", 8, 1),
    Province("95", "Papua Selatan", "Merauke", 4, 0),
    Province("96", "Papua Tengah", "Nabire", 8, 0),
    Province("97", "Papua Pegunungan", "Wamena", 8, 0),
]

# Real names where the project already holds them (organization/migrations/0002).
_KNOWN_REGENCIES = {
    "1701": "Kabupaten Bengkulu Selatan",
    "1702": "Kabupaten Rejang Lebong",
    "1703": "Kabupaten Bengkulu Utara",
    "1704": "Kabupaten Kaur",
    "1705": "Kabupaten Seluma",
    "1706": "Kabupaten Mukomuko",
    "1707": "Kabupaten Lebong",
    "1708": "Kabupaten Kepahiang",
    "1709": "Kabupaten Bengkulu Tengah",
    "1771": "Kota Bengkulu",
}


@dataclass(frozen=True)
class OfficeRow:
    """One row of an office spreadsheet: code, name, level, parent code (+ city)."""

    code: str
    name: str
    level: str  # national | province | regency
    parent_code: str = ""
    city: str = ""


def regency_codes(province: Province) -> list[str]:
    regencies = [f"{province.code}{n:02d}" for n in range(1, province.regencies + 1)]
    cities = [f"{province.code}{n:02d}" for n in range(71, 71 + province.cities)]
    return regencies + cities


def national_rows() -> list[OfficeRow]:
    """Every office of BPS in parent-first order (553 rows: 1 + 38 + 514)."""
    rows = [OfficeRow("0000", "Badan Pusat Statistik", "national", "", "Jakarta")]
    for prov in PROVINCES:
        code = f"{prov.code}00"
        rows.append(
            OfficeRow(
                code,
                f"Badan Pusat Statistik Provinsi {prov.name}",
                "province",
                "0000",
                prov.capital,
            )
        )
        for sub in regency_codes(prov):
            is_city = int(sub[2:]) >= 71
            region = _KNOWN_REGENCIES.get(sub) or (
                f"{'Kota' if is_city else 'Kabupaten'} {prov.name} {sub[2:]}"
            )
            rows.append(
                OfficeRow(
                    sub,
                    f"Badan Pusat Statistik {region}",
                    "regency",
                    code,
                    prov.capital if is_city else "",
                )
            )
    return rows
