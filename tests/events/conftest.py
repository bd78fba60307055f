import pytest
from django.urls import reverse

from events.models import CommitteeMember, Readiness
from events.services import preparation
from organization.models import RoleAssignment
from tests.factories import (
    EmployeeFactory,
    give_role,
    make_event,
    office,
    province,
    upload_pdf_material,
)

Role = RoleAssignment.Role


@pytest.fixture
def event(db):
    return make_event(host="1701", title="Statistik untuk Kebijakan Daerah")


@pytest.fixture
def ca_province(db):
    person = EmployeeFactory(full_name="Yuli Andriani, S.ST., M.M.")
    give_role(person, Role.CA, province())
    return person


@pytest.fixture
def head_1701(db):
    return EmployeeFactory(
        full_name="Drs. Kepala Satu, M.Si.",
        position="Kepala BPS Kabupaten Bengkulu Selatan",
        office=office("1701"),
    )


@pytest.fixture
def notulis(event, ca_1701):
    person = EmployeeFactory(full_name="Nur Aisyah, S.Tr.Stat.", office=office("1701"))
    preparation.add_committee_member(
        event, role=CommitteeMember.Role.NOTULIS, employee=person, by=ca_1701
    )
    return person


@pytest.fixture
def event_team_lead(db):
    person = EmployeeFactory(full_name="Zainal Abidin, S.E.")
    give_role(person, Role.EVENT_TEAM_LEAD)
    return person


def make_ready(event, host_ca, ca_prov):
    """Steps 7 done through the services: the presenter's material handed in, the checklist
    complete, confirmed by the CA Provinsi."""
    upload_pdf_material(event, host_ca)
    preparation.update_readiness(
        event,
        by=host_ca,
        items=dict.fromkeys(Readiness.ITEMS, True),
        place="Aula BPS Kabupaten Bengkulu Selatan",
    )
    preparation.confirm_readiness(event, by=ca_prov)
    event.refresh_from_db()
    return event


@pytest.fixture
def ready_event(event, ca_1701, ca_province):
    return make_ready(event, ca_1701, ca_province)


def url(name, event, *args):
    return reverse(f"events:{name}", args=[event.pk, *args])
