"""Demo people of BPS Provinsi Bengkulu: about 60 employees with valid NIPs across the province
office and its 10 kab/kota offices, and a holder of every programme role for a year.

Demo only: every account has the password DEMO_PASSWORD. Idempotent: people are matched by NIP
and roles by (employee, role, office, year), so a second run adds nothing.
"""

import datetime
import random

from django.contrib.auth.hashers import make_password

from .models import Employee, Office, RoleAssignment

DEMO_PASSWORD = "serawai-demo"  # demo only
EMAIL_DOMAIN = "demo.bps.go.id"
PROVINCE_STAFF = 16
REGENCY_STAFF = 4  # plus the head of each office

Role = RoleAssignment.Role

_MEN = "Agus Budi Dedi Eko Fajar Hendra Irfan Joko Rudi Yusuf Andi Rizky Bayu Dimas Arif".split()
_WOMEN = "Ani Dewi Fitri Indah Lestari Maya Nur Putri Rina Sari Siti Wulan Yuni Ratna Ayu".split()
_FAMILY = (
    "Pratama Santoso Wijaya Saputra Hidayat Kurniawan Setiawan Gunawan Rahmawati Susanti "
    "Wahyuni Putra Utami Marlina Syafitri Firmansyah Harahap Nasution Sembiring Ramadhan"
).split()
_TITLES = ["S.ST.", "S.Si.", "S.Tr.Stat.", "S.E.", "A.Md.", "S.ST., M.Si.", "S.Si., M.Stat."]
_POSITIONS = [
    "Statistisi Ahli Pertama",
    "Statistisi Ahli Muda",
    "Statistisi Ahli Madya",
    "Pranata Komputer Ahli Pertama",
    "Pranata Komputer Ahli Muda",
    "Analis Pengelolaan Keuangan APBN",
    "Pranata Hubungan Masyarakat",
]


def _people():
    """(office code, nip, name, position, email) of every demo employee, the same on every run."""
    rng = random.Random("serawai-demo-people")
    used = set()
    offices = ["1700", *"1701 1702 1703 1704 1705 1706 1707 1708 1709 1771".split()]
    k = 0
    for code in offices:
        count = PROVINCE_STAFF if code == "1700" else REGENCY_STAFF + 1
        for n in range(count):
            k += 1
            gender = 1 + rng.randrange(2)
            birth = datetime.date(1968, 1, 1) + datetime.timedelta(days=rng.randrange(11_000))
            appointed = (birth.year + 22 + rng.randrange(6), 1 + rng.randrange(12))
            nip = f"{birth:%Y%m%d}{appointed[0]:04d}{appointed[1]:02d}{gender}{k:03d}"
            first, family = rng.choice(_MEN if gender == 1 else _WOMEN), rng.choice(_FAMILY)
            while (first, family) in used:
                first, family = rng.choice(_MEN if gender == 1 else _WOMEN), rng.choice(_FAMILY)
            used.add((first, family))
            name = f"{first} {family}, {_TITLES[k % len(_TITLES)]}"
            if n == 0:
                position = "Kepala BPS Provinsi Bengkulu" if code == "1700" else None
            else:
                position = _POSITIONS[k % len(_POSITIONS)]
            yield code, nip, name, position, f"demo{k:02d}.{code}@{EMAIL_DOMAIN}"


def seed_people(year: int) -> list[tuple[str, Employee]]:
    """Create the demo employees and their roles for `year`; returns (role label, person) for the
    logins list: one person per role kind, plus the demo administrator."""
    offices = {o.code: o for o in Office.objects.filter(code__startswith="17")}
    known = {e.nip: e for e in Employee.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}")}
    password = make_password(DEMO_PASSWORD)
    by_office: dict[str, list[Employee]] = {}
    for code, nip, name, position, email in _people():
        person = known.get(nip)
        if person is None:
            office = offices[code]
            person = Employee.objects.create(
                nip=nip,
                full_name=name,
                position=position or f"Kepala {office.name}",
                office=office,
                email=email,
                password=password,
            )
        by_office.setdefault(code, []).append(person)

    province = offices["1700"]
    staff = by_office["1700"]
    head, coordinator, members = staff[0], staff[1], staff[2:5]
    ca_province, team_lead, team = staff[5], staff[6], staff[7:11]
    wanted = [(head, Role.CC, province), (coordinator, Role.CAN_COORDINATOR, province)]
    wanted += [(m, Role.CAN_MEMBER, province) for m in members]
    wanted += [(ca_province, Role.CA, province), (team_lead, Role.EVENT_TEAM_LEAD, province)]
    wanted += [(m, Role.EVENT_TEAM, province) for m in team]
    regency_cas = {}
    for code, people in sorted(by_office.items()):
        if code != "1700":
            regency_cas[code] = people[1]
            wanted.append((people[1], Role.CA, offices[code]))
    for person, role, office in wanted:
        RoleAssignment.objects.get_or_create(
            employee=person,
            role=role,
            office=office,
            year=year,
            ended_on=None,
            defaults={"note": "Data demo"},
        )

    admin = staff[11]
    if not admin.is_superuser:
        admin.is_staff = admin.is_superuser = True
        admin.position = "Pranata Komputer Ahli Muda (admin Serawai)"
        admin.save(update_fields=["is_staff", "is_superuser", "position"])

    return _logins(by_office)


def _logins(by_office) -> list[tuple[str, Employee]]:
    staff = by_office["1700"]
    head, coordinator, members = staff[0], staff[1], staff[2:5]
    ca_province, team_lead, team = staff[5], staff[6], staff[7:11]
    return [
        ("CAN Provinsi (koordinator)", coordinator),
        ("CAN Provinsi (anggota)", members[0]),
        ("CC (Change Champion)", head),
        ("CA Provinsi", ca_province),
        ("CA BPS Kabupaten Bengkulu Selatan", by_office["1701"][1]),
        ("CA BPS Kabupaten Rejang Lebong", by_office["1702"][1]),
        ("CA BPS Kota Bengkulu", by_office["1771"][1]),
        ("Ketua Event Team", team_lead),
        ("Anggota Event Team", team[0]),
        ("Pegawai", staff[12]),
        ("Pegawai kabupaten", by_office["1703"][2]),
        ("Admin (superuser)", staff[11]),
    ]


def demo_logins() -> list[tuple[str, Employee]]:
    """(role label, person) of the demo logins already loaded, without writing anything; empty
    when the demo people are not there."""
    known = {e.nip: e for e in Employee.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}")}
    by_office: dict[str, list[Employee]] = {}
    for code, nip, _name, _position, _email in _people():
        if nip not in known:
            return []
        by_office.setdefault(code, []).append(known[nip])
    return _logins(by_office)
