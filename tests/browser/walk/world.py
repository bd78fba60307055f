"""The world of the year-long walk: the demo people of BPS Provinsi Bengkulu with every role, and
the calendar jumps.

Everything in the walk happens through the browser by the person whose job it is, except two
things done here with the ORM: setting up the people (demo.people.seed_people) and moving
the clock. Playwright drives a live server in another thread, so real time cannot be frozen;
instead *the calendar jumps*: `open_step(cycle, n)` re-plans the cycle's ledger so that step n's
window contains today, as if the working days before it had passed.
"""

from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone

from cycles.calendar import WorkingCalendar
from cycles.models import Cycle
from demo.people import DEMO_PASSWORD, seed_people
from organization.models import Employee, Office, RoleAssignment
from tests.browser.conftest import DESKTOP
from tests.factories import ensure_offices

Role = RoleAssignment.Role


@dataclass
class YearWorld:
    """The people of one year's walk, by role. Every account's password is `password`."""

    year: int
    province: Office
    can: Employee  # the CAN coordinator: plans the cycle, runs the vote, announces
    can_members: list[Employee]
    cc: Employee  # the head of BPS Provinsi: agrees the concept, approves reports
    ca_prov: Employee  # CA Provinsi: supervises the hosts' preparation
    ca_by_office: dict[str, Employee]  # office code (1701 ... 1771) -> that office's CA
    event_team_lead: Employee
    event_team: list[Employee]
    admin: Employee  # the demo superuser
    employees: list[Employee]  # everyone seeded, province office first, in seeding order
    staff_by_office: dict[str, list[Employee]]  # office code -> its people, head first
    plain: list[Employee]  # employees who hold no programme role (voters, participants)
    password: str = DEMO_PASSWORD
    notes: dict = field(default_factory=dict)  # what one half of the walk tells the other

    @property
    def cycle(self) -> Cycle | None:
        """The year's cycle once the CAN has created it in the browser (fresh from the DB)."""
        return Cycle.objects.filter(province=self.province, year=self.year).first()

    def plain_of(self, code: str) -> list[Employee]:
        """Employees of office `code` without a programme role."""
        return [p for p in self.plain if p.office.code == code]


def year_world(year: int | None = None) -> YearWorld:
    """Seed the demo people with their roles for `year` (default: this year) and name them."""
    year = year or timezone.localdate().year
    ensure_offices()  # a transactional test's flush removed the data migration's offices
    seed_people(year)
    province = Office.objects.get(code="1700")
    employees = list(
        Employee.objects.filter(email__endswith="@demo.bps.go.id")
        .select_related("office")
        .order_by("email")  # demoNN.<code>@...: the seeding order
    )
    staff_by_office: dict[str, list[Employee]] = {}
    for person in employees:
        staff_by_office.setdefault(person.office.code, []).append(person)
    held: dict[str, list[tuple[Employee, Office]]] = {}
    roles = RoleAssignment.objects.current(year=year).select_related("employee", "office")
    for assignment in roles.filter(employee__in=employees).order_by("employee__email"):
        held.setdefault(assignment.role, []).append((assignment.employee, assignment.office))
    with_role = {a.employee_id for a in roles.filter(employee__in=employees)}

    def people(role):
        return [person for person, _office in held.get(role, [])]

    admin = next(p for p in employees if p.is_superuser)
    return YearWorld(
        year=year,
        province=province,
        can=people(Role.CAN_COORDINATOR)[0],
        can_members=people(Role.CAN_MEMBER),
        cc=people(Role.CC)[0],
        ca_prov=next(p for p, o in held[Role.CA] if o.code == "1700"),
        ca_by_office={o.code: p for p, o in held[Role.CA] if o.code != "1700"},
        event_team_lead=people(Role.EVENT_TEAM_LEAD)[0],
        event_team=people(Role.EVENT_TEAM),
        admin=admin,
        employees=employees,
        staff_by_office=staff_by_office,
        plain=[p for p in employees if p.pk not in with_role and p.pk != admin.pk],
    )


def sign_in(visit, person: Employee, name: str, viewport=DESKTOP, password=DEMO_PASSWORD):
    """Open a tab for `person` (screenshots named `name`) and log in through the login form."""
    tab = visit(name, viewport=viewport)
    tab.login(person.nip, password)
    return tab


# --- the calendar jumps ---------------------------------------------------------------------


def open_step(cycle: Cycle, number: int, today: date | None = None) -> Cycle:
    """The calendar jumps to the first day of cycle step `number` (1-5): it opens today.

    The ledger is planned again with the SOP's schedule arithmetic so that step `number`'s day 1
    is today (or the next working day, on a weekend or holiday); the steps before it
    are planned backwards from there (as if their working days had passed) and the steps after
    it forwards. The cycle's start date and an open vote's closing date (step 4's due date)
    follow. A step done before the jump (in real time: earlier today) is recorded as done on its
    own last day, at the same time of day, so the timeline reads as a year kept on schedule
    rather than every earlier step done late on the day of the jump.
    """
    cal = WorkingCalendar.load()
    return _replan_from(cycle, number, _working_today(cal, today), cal)


def last_day_of_step(cycle: Cycle, number: int, today: date | None = None) -> Cycle:
    """The calendar jumps to the last day of cycle step `number`: it is due today (for example
    the vote's closing day, when the CAN closes it on time). Otherwise as `open_step`."""
    cal = WorkingCalendar.load()
    due = _working_today(cal, today)
    day1 = cal.subtract_working_days(due, cycle.steps.get(number=number).sop.duration - 1)
    return _replan_from(cycle, number, day1, cal)


def _working_today(cal: WorkingCalendar, today: date | None) -> date:
    """Today, or on a weekend or holiday the next working day: work done today is then early,
    never late, whatever day the walk runs on."""
    return cal.first_working_day_on_or_after(today or timezone.localdate())


def _replan_from(cycle: Cycle, number: int, day1: date, cal: WorkingCalendar) -> Cycle:
    """Plan step `number` from `day1`, the steps before it backwards, the rest forwards."""
    from cycles import planning
    from voting.models import Vote

    steps = {s.number: s for s in cycle.steps.all()}
    plans = {
        p.number: (p.start, p.due)
        for p in planning.plan_forward([steps[n].sop for n in range(number, 6)], day1, cal)
    }
    start = day1
    for n in range(number - 1, 0, -1):
        due = cal.previous_working_day(start)
        start = cal.subtract_working_days(due, steps[n].sop.duration - 1)
        plans[n] = (start, due)
    for n, step in steps.items():
        step.planned_start, step.due = plans[n]
        done = step.completed_at
        if n < number and done is not None and timezone.localdate(done) > step.due:
            local = timezone.localtime(done)
            step.completed_at = local.replace(
                year=step.due.year, month=step.due.month, day=step.due.day
            )
        step.save(update_fields=["planned_start", "due", "completed_at"])
    Cycle.objects.filter(pk=cycle.pk).update(start_date=plans[1][0])
    Vote.objects.filter(cycle=cycle).update(closes_on=plans[4][1])
    cycle.refresh_from_db()
    return cycle
