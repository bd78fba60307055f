"""Province data is read through a province scope (django-scopes): outside one, a query fails."""

import datetime

import pytest
from django.urls import reverse
from django_scopes import ScopeError, scope

from cycles.models import CalendarDay, Cycle
from cycles.services import create_cycle
from events.models import Attendance, CommitteeMember, Event
from organization.scopes import province_scope
from reports.models import ActivityReport
from tests.factories import EmployeeFactory, make_event, other_province, province

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_cycles():
    bengkulu = create_cycle(province=province(), year=2025, start_date=datetime.date(2025, 1, 2))
    aceh = create_cycle(province=other_province(), year=2025, start_date=datetime.date(2025, 1, 2))
    return bengkulu, aceh


@pytest.mark.parametrize(
    "model", [Cycle, Event, CalendarDay, CommitteeMember, Attendance, ActivityReport]
)
def test_a_query_outside_a_province_scope_raises(model, two_cycles):
    with scope():  # scopes on, no province: what a forgotten scope looks like
        with pytest.raises(ScopeError):
            model.objects.count()
        with pytest.raises(ScopeError):
            list(model.objects.filter(pk=1))


def test_inside_a_province_scope_only_its_data_is_read(two_cycles):
    bengkulu, aceh = two_cycles
    make_event(cycle=bengkulu, event_date=datetime.date(2025, 8, 12), title="Acara Bengkulu")
    person = EmployeeFactory(office=other_province())
    with province_scope(person):
        assert list(Cycle.objects.all()) == [aceh]
        assert not Event.objects.exists()
        assert not Cycle.objects.filter(pk=bengkulu.pk).exists()  # a forgotten filter still holds


def test_someone_without_a_province_reads_no_province_data(two_cycles):
    with province_scope(EmployeeFactory(office=None)):
        assert Cycle.objects.count() == 0


def test_a_request_is_scoped_to_its_persons_province(client, two_cycles):
    bengkulu, aceh = two_cycles
    client.force_login(EmployeeFactory(office=other_province()))
    assert client.get(reverse("cycles:cycle_detail", args=[aceh.pk])).status_code == 200
    assert client.get(reverse("cycles:cycle_detail", args=[bengkulu.pk])).status_code == 404
