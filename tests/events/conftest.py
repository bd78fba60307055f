import pytest
from django.urls import reverse

from events.models import CommitteeMember
from events.services import preparation
from organization.models import RoleAssignment
from tests.factories import EmployeeFactory, employee_with_role, make_event, make_ready, office

Role = RoleAssignment.Role
CommitteeRole = CommitteeMember.Role


@pytest.fixture
def event(db):
    return make_event(host="1701", title="Statistik untuk Kebijakan Daerah")


@pytest.fixture
def ca_province(db):
    return employee_with_role(Role.CA, full_name="Yuli Andriani, S.ST., M.M.")


@pytest.fixture
def head_1701(db):
    return EmployeeFactory(
        full_name="Drs. Kepala Satu, M.Si.",
        position="Kepala BPS Kabupaten Bengkulu Selatan",
        office=office("1701"),
    )


def committee_member(event, role, by, full_name, office_code):
    """An employee of office `office_code` on the committee (step 6), through the service."""
    person = EmployeeFactory(full_name=full_name, office=office(office_code))
    preparation.add_committee_member(event, role=role, employee=person, by=by)
    return person


@pytest.fixture
def note_taker(event, ca_1701):
    return committee_member(
        event, CommitteeRole.NOTE_TAKER, ca_1701, "Nur Aisyah, S.Tr.Stat.", "1701"
    )


@pytest.fixture
def speaker(event, ca_1701):
    return committee_member(event, CommitteeRole.SPEAKER, ca_1701, "Dr. Andi Wijaya, M.Si.", "1702")


@pytest.fixture
def event_team_lead(db):
    return employee_with_role(Role.EVENT_TEAM_LEAD, full_name="Zainal Abidin, S.E.")


@pytest.fixture
def ready_event(event, ca_1701, ca_province):
    return make_ready(event, ca_1701, ca_province)


def url(name, event, *args):
    return reverse(f"events:{name}", args=[event.pk, *args])


def readiness_form(
    mode="hybrid",
    place="Aula BPS Bengkulu Selatan",
    link="https://zoom.us/j/123456789",
    **fields,
):
    """What the readiness page posts: the event's arrangements (prefix `event-`) and the ticks."""
    return {
        "event-mode": mode,
        "event-place": place,
        "event-meeting_link": link,
        "event-start_time": "09:00",
        "event-end_time": "11:00",
        "event-checkin_margin_minutes": "30",
        **fields,
    }
