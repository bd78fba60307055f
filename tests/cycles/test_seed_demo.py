"""seed_demo: the data `make run` loads on an empty database."""

import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from cycles.models import Cycle
from organization.models import Employee, RoleAssignment
from organization.nip import validate_nip

Role = RoleAssignment.Role


@pytest.fixture
def var_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    return tmp_path


def run(*args) -> str:
    out = io.StringIO()
    call_command("seed_demo", *args, stdout=out, stderr=out)
    return out.getvalue()


def test_seed_demo_loads_people_roles_and_this_years_cycle(db, var_dir, client):
    output = run("--strict")
    year = timezone.localdate().year
    people = Employee.objects.filter(
        email__endswith="@demo.bps.go.id", office__code__startswith="17"
    )
    assert 55 <= people.count() <= 70
    for person in people:
        validate_nip(person.nip)
    assert people.filter(office__code="1700").count() >= 12
    assert {p.office.code for p in people.select_related("office")} >= {
        "1700",
        "1701",
        "1702",
        "1703",
        "1704",
        "1705",
        "1706",
        "1707",
        "1708",
        "1709",
        "1771",
    }
    roles = RoleAssignment.objects.current(year=year)
    for role in Role.values:
        assert roles.filter(role=role).exists(), role
    assert roles.filter(role=Role.CA, office__code__in=["1701", "1771"]).count() == 2
    assert roles.filter(role=Role.CA, office__code__startswith="17").count() == 11
    cycle = Cycle.objects.get(province__code="1700", year=year)
    assert cycle.steps.count() == 5

    logins = (var_dir / "demo-logins.txt").read_text()
    assert "serawai-demo" in logins and "DEMO" in logins
    assert "CAN Provinsi (koordinator)" in output
    can = roles.get(role=Role.CAN_COORDINATOR).employee
    assert can.nip in logins and can.check_password("serawai-demo")
    assert client.login(username=can.email, password="serawai-demo")
    assert client.get("/timeline/").status_code == 200

    # a second run adds nobody; --if-empty loads nothing and prints the logins again
    before = (Employee.objects.count(), RoleAssignment.objects.count(), Cycle.objects.count())
    run()
    again = run("--if-empty")
    assert (Employee.objects.count(), RoleAssignment.objects.count(), Cycle.objects.count()) == (
        before
    )
    assert "nothing loaded" in again and can.nip in again
