"""Pages run the same number of queries on the demo data and on a national-shaped data set.

Every page is requested twice by the same kind of person: once on a demo-sized world (Bengkulu
alone, a few hundred people, three events of forty attendees) and once on a larger one (five
provinces, thousands of people, ten events of 150 attendees in the same cycle, with their
ratings). A page whose query count grows with the data fails here, and so does a page of more
than MAX_QUERIES. Sessions are read as in production, from the cache (cached_db on Redis; here
the suite's local-memory cache): the count is what a page asks of the database. Both worlds are
built once for the module (each in a transaction that is rolled back) to keep the suite fast.
"""

import datetime
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.db import connection, transaction
from django.db.models import Count
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import demo.national.events as events_demo
import demo.national.voting as voting_demo
from demo.national.seed import seed_national
from events.models import Event
from organization.models import Employee, RoleAssignment
from voting.models import ThemeProposal, Vote, VoterRecord

# The marker also tells pytest-django to create the test database the module fixture uses.
pytestmark = pytest.mark.django_db

MAX_QUERIES = 8
SMALL = {"employees": 400, "province_codes": ["1700"]}
LARGE = {"employees": 3000, "province_codes": ["1700", "1900", "3400", "6500", "9500"]}
SHAPE = {
    id(SMALL): {
        events_demo: {"EVENT_MONTHS": (3, 6, 9), "ATTENDEES_PER_EVENT": 40},
        voting_demo: {"MAX_PROPOSALS_PER_OFFICE": 1},
    },
    id(LARGE): {
        events_demo: {"EVENT_MONTHS": tuple(range(1, 11)), "ATTENDEES_PER_EVENT": 150},
        voting_demo: {
            "MAX_PROPOSALS_PER_OFFICE": 3,
            "WINNERS": 10,
            "EVENT_MONTHS": tuple(range(1, 11)),
        },
    },
}


def coordinator(cycle):
    assignment = RoleAssignment.objects.filter(office=cycle.province, role="can_coordinator")
    return assignment.select_related("employee").get().employee


def plain_employee(cycle):
    return cycle.province.employees.filter(role_assignments__isnull=True).order_by("pk").first()


def voter(cycle):
    """A kab/kota employee who has not voted yet (the vote is reopened for these pages)."""
    voted = VoterRecord.objects.filter(vote__cycle=cycle).values("voter_id")
    people = Employee.objects.filter(office__parent=cycle.province, role_assignments__isnull=True)
    return people.exclude(pk__in=voted).order_by("pk").first()


def headquarters(cycle):
    return Employee.objects.filter(office__code="0000").order_by("pk").first()


def first_held_event(cycle):
    return Event.objects.filter(cycle=cycle, status=Event.Status.HELD).order_by("date").first()


def three_choices(cycle):
    picks = ThemeProposal.objects.filter(cycle=cycle).order_by("pk")[:3]
    return {"choices": [str(p.pk) for p in picks], "confirmed": "yes"}


def evidence_pack(cycle):
    """A year's evidence pack waiting for its worker (the page polls its progress)."""
    from reports.models import EvidencePack

    return EvidencePack.objects.create(cycle=cycle, requested_by=coordinator(cycle))


def this_year():
    return timezone.localdate().year


@dataclass
class PageCase:
    url: Callable
    person: Callable
    method: str = "get"
    data: Callable | None = None
    status: int = 200


PAGES = {
    "home page (CAN)": PageCase(lambda c: reverse("cycles:home"), coordinator),
    "home page (employee)": PageCase(lambda c: reverse("cycles:home"), plain_employee),
    "national view": PageCase(lambda c: reverse("cycles:national"), headquarters),
    "proposal list": PageCase(lambda c: reverse("voting:proposals"), coordinator),
    "voting form": PageCase(lambda c: reverse("voting:ballot"), voter),
    "ballot submission": PageCase(
        lambda c: reverse("voting:ballot"), voter, "post", three_choices, 302
    ),
    "evaluation year recap": PageCase(
        lambda c: reverse("evaluations:year_recap", args=[this_year()]), coordinator
    ),
    "evaluation event recap": PageCase(
        lambda c: reverse("evaluations:event_recap", args=[first_held_event(c).pk]), coordinator
    ),
    "evaluation index": PageCase(lambda c: reverse("evaluations:index"), plain_employee),
    "library (employee)": PageCase(lambda c: reverse("events:library"), plain_employee),
    "programme dashboard": PageCase(lambda c: reverse("reports:dashboard"), coordinator),
    "evidence packs": PageCase(lambda c: reverse("reports:evidence"), coordinator),
    "evidence pack progress": PageCase(lambda c: evidence_pack(c).get_absolute_url(), coordinator),
}


def _world(size):
    with pytest.MonkeyPatch.context() as patch:
        for module, values in SHAPE[id(size)].items():
            for name, value in values.items():
                patch.setattr(module, name, value)
        cycles = seed_national(None, **size)
    cycle = next(c for c in cycles if c.province.code == "1700")
    # The ballot pages need a running vote: reopen Bengkulu's for a week.
    Vote.objects.filter(cycle=cycle).update(
        status=Vote.Status.OPEN, closes_on=timezone.localdate() + datetime.timedelta(days=7)
    )
    return cycle


def _request(client, case, url, data):
    if case.method == "post":
        return client.post(url, data)
    return client.get(url)


def _sizes(cycle):
    return {
        "employees": Employee.objects.count(),
        "province employees": Employee.objects.in_province(cycle.province).count(),
        "proposals": ThemeProposal.objects.filter(cycle=cycle).count(),
        "ballots": VoterRecord.objects.filter(vote__cycle=cycle).count(),
        "events": Event.objects.filter(cycle=cycle).count(),
        "attendances": Event.objects.filter(cycle=cycle).aggregate(n=Count("attendances"))["n"],
    }


@pytest.fixture(scope="module")
def counts(django_db_setup, django_db_blocker):
    """{page: [(queries, sql) on the demo world, (queries, sql) on the national-shaped one]}"""
    result = defaultdict(list)
    production_sessions = override_settings(
        SESSION_ENGINE="django.contrib.sessions.backends.cached_db"
    )
    with django_db_blocker.unblock(), production_sessions:
        for size in (SMALL, LARGE):
            with transaction.atomic():
                cycle = _world(size)
                result["sizes"].append(_sizes(cycle))
                client = Client()
                for name, case in PAGES.items():
                    client.force_login(case.person(cycle))
                    url, data = case.url(cycle), case.data(cycle) if case.data else None
                    warm = _request(client, case, url, data)
                    assert warm.status_code == case.status, (name, warm.status_code)
                    with CaptureQueriesContext(connection) as queries:  # the page's own only
                        assert _request(client, case, url, data).status_code == case.status
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
    assert large <= MAX_QUERIES, f"{page}: {large} queries:\n" + "\n".join(large_sql)


def test_the_national_shaped_set_is_larger_where_the_pages_read(counts):
    small, large = counts["sizes"]
    assert all(large[key] > small[key] for key in small), f"{small}\n{large}"
