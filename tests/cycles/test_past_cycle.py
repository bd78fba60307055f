"""A past cycle is read-only (cycles/readonly.py): once its year is over and the province has
begun a later cycle, every write to it or to anything under it (events, reports, ratings,
attendance, letters, proposals, ballots) is refused with a page that says so, and its pages show
the banner and no form."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from auditlog.models import LogEntry
from django.apps import apps
from django.urls import reverse

from cycles.models import Cycle
from cycles.readonly import WRITABLE_IN_PAST, is_past
from cycles.selectors.cycles import CHOSEN_YEAR
from organization.models import RoleAssignment
from tests.factories import give_role, make_cycle
from tests.test_permission_matrix import LOGIN, MATRIX, ROLES, build_world, url_for

pytestmark = pytest.mark.django_db

WIB = ZoneInfo("Asia/Jakarta")
BUILT = datetime.datetime(2026, 9, 1, 9, 0, tzinfo=WIB)
NEXT_YEAR = datetime.datetime(2027, 2, 10, 9, 0, tzinfo=WIB)
# The URLs of a cycle and what is under it; the others (documents register, notifications,
# accounts, the calendar, creating a cycle) belong to no one cycle.
CYCLE_NAMESPACES = ("events", "evaluations", "reports", "voting")
CYCLE_URLS = {
    "cycles:concept_edit",
    "cycles:concept_submit",
    "cycles:concept_decide",
    "cycles:socialisation_letter",
    "cycles:socialisation_letter_external",
    "cycles:cycle_replan",
}
# Lists and figures across the years, which change nothing.
ACROSS_YEARS = {
    "events:list",
    "events:team_history",
    "evaluations:index",
    "events:library",
    "reports:dashboard",
    "reports:dashboard_pdf",
    "reports:dashboard_xlsx",
}
# A person's own calendar address and feed, which hold every year's events.
PER_PERSON = {"events:my_calendar", "events:personal_feed"}
# A built evidence pack of any year: read and downloaded, never written.
PACKS = {"reports:evidence_detail", "reports:evidence_download"}
APPS = ("cycles", "voting", "events", "reports", "evaluations", "documents", "notifications")


def snapshot() -> dict:
    """Every row of the programme's tables, and the audit trail's length."""
    rows = {}
    for label in APPS:
        for model in apps.get_app_config(label).get_models():
            rows[model._meta.label] = list(model.objects.order_by("pk").values())
    rows["audit"] = LogEntry.objects.count()
    return rows


def write_urls():
    for name in sorted(MATRIX):
        if name in ACROSS_YEARS | PER_PERSON | PACKS or tuple(name.split(":")) in WRITABLE_IN_PAST:
            continue
        if name.split(":")[0] in CYCLE_NAMESPACES or name in CYCLE_URLS:
            yield name


def writers(name) -> list[str]:
    """The roles that may use the URL in the current year (the permission matrix says so)."""
    expect = MATRIX[name]["expect"]
    return [role for role in ROLES[1:] if expect[role] not in (403, 404, LOGIN)]


def test_every_write_to_a_past_cycle_is_refused_and_changes_nothing(client):
    with time_machine.travel(BUILT, tick=False):
        world = build_world()
    with time_machine.travel(NEXT_YEAR, tick=False):
        make_cycle(year=2027)
        urls = {name: url_for(name, world) for name in write_urls()}  # some make their object
        before = snapshot()
        wrong = []
        for name, url in urls.items():
            for role in writers(name):
                client.force_login(world.people[role])
                session = client.session
                session[CHOSEN_YEAR] = 2026  # the year switcher set to the past year
                session.save()
                response = client.post(url)
                page = response.content.decode()
                if response.status_code != 403 or "hanya dapat dibaca" not in page:
                    wrong.append(f"{name} {url} as {role}: {response.status_code}")
        assert not wrong, "\n".join(wrong)
        assert snapshot() == before


def test_a_past_cycles_pages_say_so_and_show_no_form(client):
    with time_machine.travel(BUILT, tick=False):
        world = build_world()
    with time_machine.travel(NEXT_YEAR, tick=False):
        make_cycle(year=2027)
        client.force_login(world.people["ca_a"])
        page = client.get(reverse("events:committee", args=[world.event.pk])).content.decode()
        assert "Siklus tahun 2026 sudah selesai; hanya dapat dibaca." in page
        assert "read-only-cycle" in page
        current = client.get(reverse("cycles:timeline")).content.decode()
        assert "hanya dapat dibaca" not in current


def test_the_can_still_shares_a_held_event_of_a_past_cycle(client):
    """Sharing changes who reads the record, not the record: the library is for past years."""
    with time_machine.travel(BUILT, tick=False):
        world = build_world()
        Event = type(world.event)
        Event.objects.filter(pk=world.event.pk).update(status=Event.Status.HELD)
    with time_machine.travel(NEXT_YEAR, tick=False):
        make_cycle(year=2027)
        can = world.people["can"]
        give_role(can, RoleAssignment.Role.CAN_MEMBER, year=2027)
        client.force_login(can)
        session = client.session
        session[CHOSEN_YEAR] = 2026
        session.save()
        page = client.get(reverse("events:detail", args=[world.event.pk])).content.decode()
        assert "hanya dapat dibaca" in page
        assert "writable-in-past-cycle" in page
        client.post(reverse("events:share", args=[world.event.pk]), {"shared": "1"})
        world.event.refresh_from_db()
        assert world.event.shared


def test_the_current_cycle_is_written_as_before(client):
    """Late work of last year is still possible until the next year's cycle exists."""
    with time_machine.travel(BUILT, tick=False):
        world = build_world()
    with time_machine.travel(NEXT_YEAR, tick=False):
        client.force_login(world.people["ca_a"])
        page = client.get(reverse("events:committee", args=[world.event.pk])).content.decode()
        assert "hanya dapat dibaca" not in page


@pytest.mark.parametrize(
    ("today", "years", "past"),
    [
        (datetime.date(2026, 11, 20), [2026, 2027], False),  # next year's cycle made early
        (datetime.date(2027, 1, 15), [2026], False),  # new year, no new cycle yet: late work
        (datetime.date(2027, 1, 15), [2026, 2027], True),
        (datetime.date(2028, 3, 1), [2025, 2026, 2028], True),
    ],
)
def test_a_cycle_is_past_when_its_year_is_over_and_a_later_one_exists(today, years, past):
    with time_machine.travel(datetime.datetime.combine(today, datetime.time(9), WIB)):
        assert is_past(Cycle(year=2026), years) is past
