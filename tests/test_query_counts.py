"""Pages run the same number of queries on the demo data and on a national-shaped data set.

Every page is requested twice by the same kind of person: once on a demo-sized world (Bengkulu
alone, a few hundred people, three events of forty attendees) and once on a larger one (five
provinces, thousands of people, ten events of 150 attendees in the same cycle, with their
ratings). A page whose query count grows with the data fails here. Both worlds are built once
for the module (each in a transaction that is rolled back) to keep the suite fast.
"""

from collections import defaultdict

import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import events.demo_national as events_demo
from cycles.demo_national import seed_national
from events.models import Event
from organization.models import RoleAssignment

# The marker also tells pytest-django to create the test database the module fixture uses.
pytestmark = pytest.mark.django_db

SMALL = {"employees": 400, "province_codes": ["1700"]}
LARGE = {"employees": 3000, "province_codes": ["1100", "1200", "1700", "3100", "9400"]}
SHAPE = {
    id(SMALL): {"EVENT_MONTHS": (3, 6, 9), "ATTENDEES_PER_EVENT": 40},
    id(LARGE): {"EVENT_MONTHS": tuple(range(1, 11)), "ATTENDEES_PER_EVENT": 150},
}


def coordinator(cycle):
    assignment = RoleAssignment.objects.filter(office=cycle.province, role="can_coordinator")
    return assignment.select_related("employee").get().employee


def plain_employee(cycle):
    return cycle.province.employees.filter(role_assignments__isnull=True).order_by("pk").first()


def first_held_event(cycle):
    return Event.objects.filter(cycle=cycle, status=Event.Status.HELD).order_by("date").first()


def this_year():
    return timezone.localdate().year


# page name -> (url for the cycle, who asks)
PAGES = {
    "home page (CAN)": (lambda c: reverse("cycles:home"), coordinator),
    "home page (employee)": (lambda c: reverse("cycles:home"), plain_employee),
    "national view": (lambda c: reverse("cycles:national"), None),
    "evaluation year recap": (
        lambda c: reverse("evaluations:year_recap", args=[this_year()]),
        coordinator,
    ),
    "evaluation event recap": (
        lambda c: reverse("evaluations:event_recap", args=[first_held_event(c).pk]),
        coordinator,
    ),
    "evaluation index": (lambda c: reverse("evaluations:index"), plain_employee),
}


def headquarters(cycle):
    from organization.models import Employee

    return Employee.objects.filter(office__code="0000").order_by("pk").first()


def _world(size):
    with pytest.MonkeyPatch.context() as patch:
        for name, value in SHAPE[id(size)].items():
            patch.setattr(events_demo, name, value)
        cycles = seed_national(None, **size)
    return next(c for c in cycles if c.province.code == "1700")


@pytest.fixture(scope="module")
def counts(django_db_setup, django_db_blocker):
    """{page: [(queries, sql) on the demo world, (queries, sql) on the national-shaped one]}"""
    result = defaultdict(list)
    with django_db_blocker.unblock():
        for size in (SMALL, LARGE):
            with transaction.atomic():
                cycle = _world(size)
                client = Client()
                for name, (url_for, person_for) in PAGES.items():
                    client.force_login((person_for or headquarters)(cycle))
                    url = url_for(cycle)
                    warm = client.get(url)
                    assert warm.status_code == 200, (name, warm.status_code)
                    with CaptureQueriesContext(connection) as queries:
                        assert client.get(url).status_code == 200
                    result[name].append((len(queries), [q["sql"] for q in queries]))
                transaction.set_rollback(True)
    return result


@pytest.mark.parametrize("page", list(PAGES))
def test_queries_do_not_grow_with_the_data(counts, page):
    (small, small_sql), (large, large_sql) = counts[page]
    assert small == large, (
        f"{page}: {small} queries on the demo data, {large} on the larger set:\n"
        + "\n".join(q[:200] for q in large_sql)
        + "\n---- demo:\n"
        + "\n".join(q[:200] for q in small_sql)
    )
    assert large <= 25, "\n".join(large_sql)
