"""National demo data (DESIGN.md, "Scale"): all of BPS in one deployment.

`seed_national()` loads BPS RI, 38 provinces and 514 kab/kota (organization.bps_offices through
the spreadsheet importer), 16,000 employees with valid NIPs, the programme roles of every
province, and a cycle per province with its steps 1-5 run as far as the calendar has reached,
then adds the stages' year of activity (demo.national.voting, .events and .evaluations, in
that order: each builds on the one before). Everything is written with bulk_create, so the whole
set takes well under a minute on SQLite or PostgreSQL. Idempotent: a second run adds nothing.
"""

import datetime
import itertools
import time
from collections import defaultdict

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from cycles import planning
from cycles.calendar import WorkingCalendar
from cycles.models import Cycle, CycleStep
from demo.people import (  # the same first names, titles and functional positions
    _MEN,
    _TITLES,
    _WOMEN,
    FUNCTIONAL_POSITIONS,
)
from organization.bps_offices import PROVINCES, national_rows
from organization.models import Employee, Office, RoleAssignment
from organization.office_import import import_offices

from . import evaluations, events, voting

DEMO_PASSWORD = "serawai-demo"  # demo only; every national demo account shares it
EMAIL_DOMAIN = "nasional.demo.bps.go.id"  # apart from seed_demo's Bengkulu people
NATIONAL_EMPLOYEES = 16_000
HEADQUARTERS_EMPLOYEES = 40
PROVINCE_OFFICE_WEIGHT = 4  # a province office has about four times a kab/kota office's staff
# The stages' year of activity, in the order each builds on the one before (reports has none).
STAGES = (("voting", voting), ("events", events), ("evaluations", evaluations))

Role = RoleAssignment.Role

_FAMILY = (
    "Pratama Santoso Wijaya Saputra Hidayat Siregar Nasution Lubis Harahap Simanjuntak "
    "Kurniawan Setiawan Gunawan Rahmawati Susanti Wahyuni Marpaung Tanjung Putra Utami"
).split()
_POSITIONS = [*FUNCTIONAL_POSITIONS, "Statistisi Terampil", "Analis Pengelolaan Keuangan"]
# NIP appointment months: never March, the month the test factories use, so seeds and test
# employees cannot collide.
_MONTHS = [1, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12]


def _say(stdout, text):
    if stdout is not None:
        stdout.write(text)


def _nips(taken: set[str]):
    """Valid, distinct NIPs: birth date, appointment year-month 22-25 years later, gender, seq."""
    for i in itertools.count():
        birth = datetime.date(1966, 1, 1) + datetime.timedelta(days=i % 10_000)
        appointed = birth.year + 22 + (i // 10_000) % 4
        gender = 1 + i % 2
        nip = f"{birth:%Y%m%d}{appointed:04d}{_MONTHS[i % 11]:02d}{gender}{1 + i % 997:03d}"
        if nip not in taken:
            yield nip, gender


def _share(total: int, weights: list[int]) -> list[int]:
    """Split `total` by `weights` exactly (largest remainders)."""
    whole = sum(weights)
    raw = [total * w / whole for w in weights]
    counts = [int(x) for x in raw]
    order = sorted(range(len(weights)), key=lambda i: raw[i] - counts[i], reverse=True)
    for i in order[: total - sum(counts)]:
        counts[i] += 1
    return counts


def seed_offices(province_codes=None):
    """BPS RI and the provinces (default: all 38) with their kab/kota, through the importer."""
    rows = national_rows()
    if province_codes is not None:
        wanted = {f"{c[:2]}00" for c in province_codes}
        rows = [r for r in rows if r.code == "0000" or r.code in wanted or r.parent_code in wanted]
    return import_offices(rows)


def seed_employees(offices: list[Office], total: int, password_hash: str) -> int:
    """`total` employees spread over `offices` (province offices weigh more); returns how many."""
    weights = [
        PROVINCE_OFFICE_WEIGHT if o.level == Office.Level.PROVINCE else 1
        for o in offices
        if o.level != Office.Level.NATIONAL
    ]
    others = [o for o in offices if o.level != Office.Level.NATIONAL]
    national = [o for o in offices if o.level == Office.Level.NATIONAL]
    counts = [min(HEADQUARTERS_EMPLOYEES, total)] * len(national)
    counts += _share(total - sum(counts), weights)
    taken = set(Employee.objects.values_list("nip", flat=True))
    nips = _nips(taken)
    now = timezone.now()
    batch, made = [], 0
    serial = itertools.count(1)
    for office, count in zip(national + others, counts, strict=True):
        for n in range(count):
            nip, gender = next(nips)
            k = next(serial)
            first = (_MEN if gender == 1 else _WOMEN)[k % 15]
            name = f"{first} {_FAMILY[(k // 15) % len(_FAMILY)]}, {_TITLES[k % len(_TITLES)]}"
            position = f"Kepala {office.short_name}" if n == 0 else _POSITIONS[k % len(_POSITIONS)]
            batch.append(
                Employee(
                    nip=nip,
                    full_name=name,
                    position=position,
                    office=office,
                    email=f"pegawai{k:05d}.{office.code}@{EMAIL_DOMAIN}",
                    password=password_hash,
                    date_joined=now,
                )
            )
            if len(batch) >= 2000:
                Employee.objects.bulk_create(batch)
                made += len(batch)
                batch = []
    Employee.objects.bulk_create(batch)
    return made + len(batch)


def seed_roles(provinces: list[Office], year: int) -> int:
    """Per province: the CAN (coordinator + 3 members), the CC (the head), an Event Team of five
    and a CA for the province office and each kab/kota office; roles held by the national demo
    employees only, so a province seeded before (Bengkulu's own demo) keeps its people."""
    staff = defaultdict(list)
    demo = Employee.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}", office__isnull=False)
    for pk, office_id in demo.order_by("pk").values_list("pk", "office_id"):
        staff[office_id].append(pk)
    busy = set(
        RoleAssignment.objects.filter(year=year, office__in=provinces)
        .values_list("office_id", flat=True)
        .distinct()
    )
    regencies = defaultdict(list)
    for office in Office.objects.regencies().filter(parent__in=provinces):
        regencies[office.parent_id].append(office)
    rows = []
    for province in provinces:
        if province.pk in busy or len(staff[province.pk]) < 10:
            continue
        people = staff[province.pk]
        plan = [(Role.CC, people[0]), (Role.CAN_COORDINATOR, people[1])]
        plan += [(Role.CAN_MEMBER, pk) for pk in people[2:5]]
        plan += [(Role.EVENT_TEAM_LEAD, people[5])] + [(Role.EVENT_TEAM, pk) for pk in people[6:10]]
        rows += [
            RoleAssignment(employee_id=pk, role=r, office=province, year=year) for r, pk in plan
        ]
        rows.append(
            RoleAssignment(
                employee_id=people[10 % len(people)], role=Role.CA, office=province, year=year
            )
        )
        for office in regencies[province.pk]:
            if staff[office.pk]:
                pick = staff[office.pk][min(1, len(staff[office.pk]) - 1)]
                rows.append(
                    RoleAssignment(employee_id=pick, role=Role.CA, office=office, year=year)
                )
    RoleAssignment.objects.bulk_create(rows)
    return len(rows)


def _start_date(index: int, year: int, today: datetime.date) -> datetime.date:
    """Most provinces started in January; every ninth is running late, in its steps now."""
    if index % 9 == 4 and today.year == year:
        return max(datetime.date(year, 1, 6), today - datetime.timedelta(days=14 + index % 20))
    return datetime.date(year, 1, 6) + datetime.timedelta(days=index % 21)


def seed_cycles(provinces: list[Office], year: int) -> list[Cycle]:
    """A cycle per province for `year`, steps 1-5 planned; steps due before today are done."""
    cal = WorkingCalendar.load()
    today = timezone.localdate()
    have = set(Cycle.objects.filter(year=year).values_list("province_id", flat=True))
    coordinators = dict(
        RoleAssignment.objects.filter(year=year, role=Role.CAN_COORDINATOR).values_list(
            "office_id", "employee_id"
        )
    )
    new = [
        Cycle(
            province=p,
            year=year,
            start_date=_start_date(i, year, today),
            created_by_id=coordinators.get(p.pk),
        )
        for i, p in enumerate(provinces)
        if p.pk not in have
    ]
    Cycle.objects.bulk_create(new)
    cycles = list(
        Cycle.objects.filter(year=year, province__in=provinces).select_related("province")
    )
    fresh = {c.province_id for c in new}
    # Every thirteenth province (from the eighth) is behind: its last step due is still open.
    lagging = {p.pk for i, p in enumerate(provinces) if i % 13 == 7}
    steps = []
    tz = timezone.get_current_timezone()
    for cycle in cycles:
        if cycle.province_id not in fresh:
            continue
        by = coordinators.get(cycle.province_id)
        plans = planning.plan_cycle(cycle.start_date, cal)
        past = [p.number for p in plans if p.due < today]
        left_open = past[-1] if past and cycle.province_id in lagging else None
        for plan in plans:
            step = CycleStep(
                cycle=cycle, number=plan.number, planned_start=plan.start, due=plan.due
            )
            if plan.start <= today:
                step.started_at = datetime.datetime.combine(plan.start, datetime.time(8), tz)
            if plan.due < today and plan.number != left_open:
                step.completed_at = datetime.datetime.combine(plan.due, datetime.time(15), tz)
                step.completed_by_id = by
                step.output_note = str(plan.name)[:250]
            steps.append(step)
    CycleStep.objects.bulk_create(steps)
    return cycles


def _stage_activity(cycles, stdout) -> None:
    """Each stage's year of activity, one transaction a stage, timed."""
    for app, module in STAGES:
        started = time.monotonic()
        with transaction.atomic():
            module.seed_activity(cycles, stdout)
        _say(stdout, f"  {app}: {time.monotonic() - started:.1f} s")


def seed_national(
    stdout=None,
    *,
    employees: int = NATIONAL_EMPLOYEES,
    province_codes=None,
    year: int | None = None,
    activity: bool = True,
) -> list[Cycle]:
    """Load the national demo set (or the provinces in `province_codes`); returns the cycles."""
    started = time.monotonic()
    year = year or timezone.localdate().year
    with transaction.atomic():
        result = seed_offices(province_codes)
        offices = list(Office.objects.filter(code__in=result.codes).order_by("code"))
        provinces = [o for o in offices if o.level == Office.Level.PROVINCE]
        _say(stdout, f"Offices: {len(offices)} ({len(provinces)} provinces).")
        if not Employee.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}").exists():
            made = seed_employees(offices, employees, make_password(DEMO_PASSWORD))
            _say(stdout, f"Employees: {made} (password {DEMO_PASSWORD!r}, demo only).")
        roles = seed_roles(provinces, year)
        _say(stdout, f"Role assignments: {roles}.")
        cycles = seed_cycles(provinces, year)
        _say(stdout, f"Cycles {year}: {len(cycles)}.")
    if activity:
        _stage_activity(cycles, stdout)
    demo = Employee.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}").order_by("pk")
    for label, person in (
        ("Headquarters (BPS RI, national view)", demo.filter(office__code="0000").first()),
        (
            "CAN coordinator of Aceh",
            demo.filter(
                role_assignments__role=Role.CAN_COORDINATOR, role_assignments__office__code="1100"
            ).first(),
        ),
    ):
        if person is not None:
            _say(stdout, f"{label}: {person.nip} / {person.email} (password {DEMO_PASSWORD})")
    _say(stdout, f"National demo data ready in {time.monotonic() - started:.1f} s.")
    return cycles


def province_codes_all() -> list[str]:
    return [f"{p.code}00" for p in PROVINCES]
