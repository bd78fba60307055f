import datetime

from django.utils import timezone

from cycles.selectors.cycles import current_cycle
from cycles.services.cycle import create_cycle
from organization.models import Office
from tests.factories import EmployeeFactory, office, province


def test_current_cycle_is_this_years_cycle_of_the_users_province(db):
    this_year = timezone.localdate().year
    old = create_cycle(
        province=province(), year=this_year - 1, start_date=datetime.date(this_year - 1, 1, 2)
    )
    new = create_cycle(
        province=province(), year=this_year, start_date=datetime.date(this_year, 1, 2)
    )
    person = EmployeeFactory(office=office("1703"))
    assert current_cycle(person) == new
    assert current_cycle(person, year=this_year - 1) == old


def test_current_cycle_falls_back_to_the_latest_and_ignores_other_provinces(db):
    this_year = timezone.localdate().year
    other = Office.objects.create(
        code="1600",
        name="BPS Provinsi Sumatera Selatan",
        short_name="Sumatera Selatan",
        level=Office.Level.PROVINCE,
    )
    create_cycle(province=other, year=this_year, start_date=datetime.date(this_year, 1, 2))
    person = EmployeeFactory(office=office("1771"))
    assert current_cycle(person) is None
    older = create_cycle(
        province=province(), year=this_year - 2, start_date=datetime.date(this_year - 2, 1, 2)
    )
    assert current_cycle(person) == older


def test_current_cycle_of_someone_without_office_is_none(db):
    assert current_cycle(EmployeeFactory(office=None)) is None
