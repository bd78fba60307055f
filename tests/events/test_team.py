"""Step 8: the CAN records needs, the system proposes by rotation, the Event Team lead decides."""

import datetime

import pytest
from django.urls import reverse

from events.models import CommitteeMember, EventStep, EventTeamAssignment
from events.services import preparation, team
from organization.models import RoleAssignment
from tests.factories import EmployeeFactory, give_role, make_event, working_day

from .conftest import url

pytestmark = pytest.mark.django_db
Status = EventTeamAssignment.Status


@pytest.fixture
def members(db):
    people = {}
    for name in ("Ani Rahma, S.Si.", "Budi Hartono, S.ST.", "Citra Dewi, A.Md."):
        person = EmployeeFactory(full_name=name)
        give_role(person, RoleAssignment.Role.EVENT_TEAM)
        people[name.split()[0]] = person
    return people


def need_mc(client, event):
    return client.post(
        url("team_need", event),
        {"role": "mc", "people": "1", "start_time": "08:30", "end_time": "11:00", "note": ""},
        follow=True,
    )


def mc_of(event):
    return EventTeamAssignment.objects.serving().get(event=event, role="mc").employee


def hold_rotation(client, event, can_member, lead):
    client.force_login(can_member)
    need_mc(client, event)
    client.post(url("team_propose", event))
    client.force_login(lead)
    client.post(url("team_confirm", event))
    return mc_of(event)


def test_rotation_proposes_the_least_recently_served_member(
    client, members, can_member, event_team_lead
):
    start = datetime.date.today() + datetime.timedelta(days=30)
    events = [
        make_event(event_date=working_day(start + datetime.timedelta(days=14 * i)))
        for i in range(5)
    ]
    # The lead, who never served as MC, is away for all three earlier events.
    for past in events[:3]:
        team.mark_unavailable(
            past, employee=event_team_lead, reason="Dinas luar", by=event_team_lead
        )
    served = [hold_rotation(client, past, can_member, event_team_lead) for past in events[:3]]
    assert served == [members["Ani"], members["Budi"], members["Citra"]]

    # A history of three events: Ani served longest ago. The lead (never served) is away again.
    fourth = events[3]
    team.mark_unavailable(fourth, employee=event_team_lead, reason="Cuti", by=event_team_lead)
    client.force_login(can_member)
    need_mc(client, fourth)
    page = client.post(url("team_propose", fourth), follow=True)
    assert "Anggota diusulkan menurut rotasi." in page.content.decode()
    assert mc_of(fourth) == members["Ani"]
    assert "Ani Rahma, S.Si." in page.content.decode()

    # Someone already serving in the event (here: Ani as note taker) is not proposed.
    fifth = events[4]
    preparation.add_committee_member(
        fifth, role=CommitteeMember.Role.NOTE_TAKER, employee=members["Ani"], by=can_member
    )
    team.mark_unavailable(fifth, employee=event_team_lead, reason="Cuti", by=event_team_lead)
    client.force_login(can_member)
    need_mc(client, fifth)
    client.post(url("team_propose", fifth))
    assert mc_of(fifth) == members["Budi"]


def test_a_member_who_has_never_served_comes_first(client, members, can_member, event_team_lead):
    event = make_event()
    client.force_login(can_member)
    need_mc(client, event)
    client.post(url("team_propose", event))
    # Nobody has served yet: ties go by name.
    assert mc_of(event) == members["Ani"]


def test_lead_swaps_with_a_reason_and_confirms_the_plan(
    client, members, can_member, event_team_lead
):
    event = make_event()
    client.force_login(can_member)
    need_mc(client, event)
    client.post(url("team_propose", event))
    proposed = EventTeamAssignment.objects.get(event=event)

    # The CAN cannot decide; the lead can.
    assert client.post(url("team_confirm", event)).status_code == 403
    client.force_login(event_team_lead)
    page = client.post(
        url("team_swap", event, proposed.pk),
        {"employee": members["Citra"].pk, "reason": ""},
    )
    assert "reason" in page.context["form"].errors
    page = client.post(
        url("team_swap", event, proposed.pk),
        {"employee": members["Citra"].pk, "reason": "Ani bertugas di lapangan (SE2026)"},
        follow=True,
    )
    assert "Anggota diganti." in page.content.decode()
    assert "Ani bertugas di lapangan (SE2026)" in page.content.decode()
    proposed.refresh_from_db()
    assert proposed.status == Status.SWAPPED and proposed.decided_by == event_team_lead
    assert mc_of(event) == members["Citra"]

    page = client.post(url("team_confirm", event), follow=True)
    assert "Rencana Event Team dikonfirmasi." in page.content.decode()
    step = EventStep.objects.get(event=event, number=8)
    assert step.completed_by == event_team_lead
    assert (
        EventTeamAssignment.objects.get(event=event, status=Status.CONFIRMED).employee
        == (members["Citra"])
    )

    history = client.get(reverse("events:team_history")).content.decode()
    assert event.title in history and "Citra Dewi, A.Md." in history


def test_swap_refuses_someone_already_serving(client, members, can_member, event_team_lead):
    event = make_event()
    client.force_login(can_member)
    client.post(
        url("team_need", event),
        {"role": "mc", "people": "2", "start_time": "08:30", "end_time": "11:00"},
    )
    client.post(url("team_propose", event))
    first, second = EventTeamAssignment.objects.filter(event=event).order_by("id")
    client.force_login(event_team_lead)
    page = client.post(
        url("team_swap", event, first.pk), {"employee": second.employee.pk, "reason": "coba"}
    )
    assert "tidak dapat ditugaskan" in page.content.decode() or page.context["form"].errors
    first.refresh_from_db()
    assert first.status == Status.PROPOSED


def test_an_employee_cannot_see_the_team_history(client, employee):
    client.force_login(employee)
    assert client.get(reverse("events:team_history")).status_code == 403


def test_marking_a_member_unavailable_asks_first_and_keeps_the_reason(
    client, members, can_member, event_team_lead
):
    from events.models import TeamUnavailability

    event = make_event()
    client.force_login(event_team_lead)
    data = {"employee": members["Ani"].pk, "reason": "Dinas luar ke Jakarta"}
    asked = client.post(url("team_unavailable", event), data).content.decode()
    assert "Yakin mencatat Ani Rahma, S.Si. berhalangan" in asked
    assert 'value="Dinas luar ke Jakarta"' in asked and '<button type="submit"' in asked
    assert not TeamUnavailability.objects.exists()  # asked, nothing recorded yet
    done = client.post(url("team_unavailable", event), data | {"confirmed": "1"})
    assert done.status_code == 302
    assert TeamUnavailability.objects.get(event=event).reason == "Dinas luar ke Jakarta"
