"""Demo people of BPS Provinsi Bengkulu: about 60 employees with valid NIPs across the province
office and its 10 kab/kota offices, and a holder of every programme role for a year.

Demo only: every account has the password DEMO_PASSWORD. Idempotent: people are matched by NIP
and roles by (employee, role, office, year), so a second run adds nothing.
"""

import datetime
import random

from django.contrib.auth.hashers import make_password

from organization.models import Employee, Office, RoleAssignment

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
# The functional positions every demo office has; each demo adds a few of its own after them.
FUNCTIONAL_POSITIONS = [
    "Statistisi Ahli Pertama",
    "Statistisi Ahli Muda",
    "Statistisi Ahli Madya",
    "Pranata Komputer Ahli Pertama",
    "Pranata Komputer Ahli Muda",
]
_POSITIONS = [
    *FUNCTIONAL_POSITIONS,
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


def _people_by_office(offices: dict, rows) -> dict[str, list[Employee]]:
    """The demo people of `rows` (office code, NIP, name, position, e-mail), created where
    missing, grouped by office code in the order of `rows`."""
    known = {e.nip: e for e in Employee.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}")}
    password = make_password(DEMO_PASSWORD)
    by_office: dict[str, list[Employee]] = {}
    for code, nip, name, position, email in rows:
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
    return by_office


def _assign_roles(wanted, year: int) -> None:
    """Give each (person, role, office) of `wanted` for `year`, unless it is held already."""
    for person, role, office in wanted:
        RoleAssignment.objects.get_or_create(
            employee=person,
            role=role,
            office=office,
            year=year,
            ended_on=None,
            defaults={"note": "Data demo"},
        )


def province_role_holder(cycle, *roles) -> Employee | None:
    """The active employee (the first by id) holding one of `roles` at the cycle's province
    office in its year."""
    ids = (
        RoleAssignment.objects.current(year=cycle.year)
        .filter(role__in=roles, office=cycle.province)
        .values("employee_id")
    )
    return Employee.objects.filter(pk__in=ids, is_active=True).order_by("pk").first()


def office_role_holder(cycle, role, office) -> Employee | None:
    """The active employee holding `role` at `office` in the cycle's year."""
    row = (
        RoleAssignment.objects.current(year=cycle.year)
        .filter(role=role, office=office, employee__is_active=True)
        .select_related("employee")
        .first()
    )
    return row.employee if row else None


def office_head(office) -> Employee | None:
    """The head of `office`, who signs its letters (else its first active employee)."""
    people = Employee.objects.active().filter(office=office).order_by("pk")
    return people.heads().first() or people.first()


def office_staff(office, *besides):
    """The active employees of `office` by id, but its head and `besides`: the people the demo
    gives an event role (speaker, moderator, note taker), so that nobody holds two of them and
    the head signs the letters."""
    head = office_head(office)
    left_out = [p.pk for p in (head, *besides) if p is not None]
    return Employee.objects.active().filter(office=office).exclude(pk__in=left_out).order_by("pk")


def seed_people(year: int) -> list[tuple[str, Employee]]:
    """Create the demo employees and their roles for `year`; returns (role label, person) for the
    logins list: one person per role kind, plus the demo administrator."""
    offices = {o.code: o for o in Office.objects.filter(code__startswith="17")}
    by_office = _people_by_office(offices, _people())

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
    _assign_roles(wanted, year)

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
    """(role label, person) of the demo logins already loaded (Bengkulu's, then the guest
    provinces'), without writing anything; empty when the demo people are not there."""
    known = {e.nip: e for e in Employee.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}")}
    by_office: dict[str, list[Employee]] = {}
    for code, nip, _name, _position, _email in _people():
        if nip not in known:
            return []
        by_office.setdefault(code, []).append(known[nip])
    return _logins(by_office) + guest_login_people()


# Two neighbouring provinces whose cycles run at another stage than Bengkulu's (demo.story):
# (code, province name, city, [(kab/kota code, name, short name)], the login's office, its label)
GUESTS = {
    "1500": (
        "Jambi",
        "Jambi",
        [
            ("1501", "Kabupaten Kerinci", "Kab. Kerinci"),
            ("1502", "Kabupaten Merangin", "Kab. Merangin"),
            ("1503", "Kabupaten Sarolangun", "Kab. Sarolangun"),
            ("1571", "Kota Jambi", "Kota Jambi"),
        ],
    ),
    "1800": (
        "Lampung",
        "Bandar Lampung",
        [
            ("1801", "Kabupaten Lampung Barat", "Kab. Lampung Barat"),
            ("1802", "Kabupaten Tanggamus", "Kab. Tanggamus"),
            ("1803", "Kabupaten Lampung Selatan", "Kab. Lampung Selatan"),
            ("1871", "Kota Bandar Lampung", "Kota Bandar Lampung"),
        ],
    ),
}
GUEST_LOGINS = {
    "1500": ("Pegawai BPS Kota Jambi (provinsi lain: pemungutan suara)", "1571", 2),
    "1800": ("CA BPS Kota Bandar Lampung (provinsi lain: usulan tema)", "1871", 1),
}


def _guest_offices(code: str) -> dict[str, Office]:
    name, city, regencies = GUESTS[code]
    national = Office.objects.get(code="0000")
    province, _new = Office.objects.get_or_create(
        code=code,
        defaults={
            "name": f"Badan Pusat Statistik Provinsi {name}",
            "short_name": f"BPS Provinsi {name}",
            "level": Office.Level.PROVINCE,
            "parent": national,
            "city": city,
        },
    )
    offices = {code: province}
    for sub, sub_name, short in regencies:
        offices[sub], _new = Office.objects.get_or_create(
            code=sub,
            defaults={
                "name": f"Badan Pusat Statistik {sub_name}",
                "short_name": f"BPS {short}",
                "level": Office.Level.REGENCY,
                "parent": province,
                "city": city if sub.endswith("71") else "",
            },
        )
    return offices


def _guest_people(code: str):
    """(office code, nip, name, position, email) of a guest province's demo employees: six at
    the province office, three at each kab/kota office; NIP sequences apart from Bengkulu's."""
    rng = random.Random(f"serawai-demo-people-{code}")
    _name, _city, regencies = GUESTS[code]
    k = 100 if code == "1500" else 200
    for office_code, count in [(code, 6)] + [(r[0], 3) for r in regencies]:
        for n in range(count):
            k += 1
            gender = 1 + rng.randrange(2)
            birth = datetime.date(1970, 1, 1) + datetime.timedelta(days=rng.randrange(10_000))
            appointed = (birth.year + 23 + rng.randrange(5), 1 + rng.randrange(12))
            nip = f"{birth:%Y%m%d}{appointed[0]:04d}{appointed[1]:02d}{gender}{k:03d}"
            first, family = rng.choice(_MEN if gender == 1 else _WOMEN), rng.choice(_FAMILY)
            name = f"{first} {family}, {_TITLES[k % len(_TITLES)]}"
            position = None if n == 0 else _POSITIONS[k % len(_POSITIONS)]
            yield office_code, nip, name, position, f"demo{k:03d}.{office_code}@{EMAIL_DOMAIN}"


def seed_guest_people(code: str, year: int) -> list[tuple[str, Employee]]:
    """The offices, people and roles (CC, CAN coordinator, CAs) of guest province `code` for
    `year`; returns its demo login."""
    offices = _guest_offices(code)
    by_office = _people_by_office(offices, _guest_people(code))
    staff = by_office[code]
    wanted = [
        (staff[0], Role.CC, offices[code]),
        (staff[1], Role.CAN_COORDINATOR, offices[code]),
        (staff[2], Role.CA, offices[code]),
    ]
    wanted += [(people[1], Role.CA, offices[c]) for c, people in by_office.items() if c != code]
    _assign_roles(wanted, year)
    return _guest_logins(code, by_office)


def _guest_logins(code, by_office) -> list[tuple[str, Employee]]:
    label, office_code, index = GUEST_LOGINS[code]
    return [(label, by_office[office_code][index])]


def guest_login_people() -> list[tuple[str, Employee]]:
    """The guest provinces' demo logins already loaded (none when they are not)."""
    known = {e.nip: e for e in Employee.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}")}
    found = []
    for code in GUESTS:
        by_office: dict[str, list[Employee]] = {}
        people = list(_guest_people(code))
        if any(nip not in known for _c, nip, *_rest in people):
            continue
        for office_code, nip, *_rest in people:
            by_office.setdefault(office_code, []).append(known[nip])
        found += _guest_logins(code, by_office)
    return found
