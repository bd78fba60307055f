"""Who sees the report pages, and how many queries the report page takes."""

from datetime import date

import pytest
from django.urls import reverse

from events.models import Attendance, Event
from events.services.preparation import create_event
from organization.models import RoleAssignment
from reports.models import ActivityReport
from reports.services import report as services
from tests.factories import EmployeeFactory, employee_with_role, office, other_province

pytestmark = pytest.mark.django_db


def _other_province_cc():
    return employee_with_role(RoleAssignment.Role.CC, other_province("1600", "Sumatera Selatan"))


def test_another_provinces_report_answers_404(client, report):
    client.force_login(_other_province_cc())
    assert client.get(report.get_absolute_url()).status_code == 404
    assert client.get(reverse("reports:pdf", args=[report.pk])).status_code == 404


def test_people_without_a_part_in_the_report_are_refused(client, report, employee, ca_1702):
    for person in (employee, ca_1702):  # ca_1702: CA of an office that hosted nothing
        client.force_login(person)
        assert client.get(report.get_absolute_url()).status_code == 403
        assert client.post(reverse("reports:submit", args=[report.pk])).status_code == 403


def test_cc_reads_but_does_not_write(client, report, cc):
    client.force_login(cc)
    assert client.get(report.get_absolute_url()).status_code == 200
    assert client.get(reverse("reports:chapters", args=[report.pk])).status_code == 403


def _held(event):
    Event.objects.filter(pk=event.pk).update(status=Event.Status.HELD)


def _quarter_row(page: str, roman: str) -> str:
    return page.split(f"Triwulan {roman}</th>")[1].split("</tr>")[0]


def test_list_page_opens_a_quarter_report(client, event, can_member):
    _held(event)
    client.force_login(can_member)
    page = client.get(reverse("reports:list")).content.decode()
    assert "Triwulan III" in page and "Mulai menyusun" in page
    response = client.post(reverse("reports:open", args=[3]))
    report = services.open_report(cycle=event.cycle, quarter=3, by=can_member)
    assert response.url == report.get_absolute_url()
    assert report.revision == 1 and report.transitions.count() == 1


def _add_events(cycle, count, by):
    for n in range(count):
        extra = create_event(
            cycle=cycle,
            title=f"Tema tambahan {n + 1}",
            host_office=office("1701"),
            event_date=date(2026, 9, 8 + n),
            by=by,
        )
        for _ in range(5):
            Attendance.objects.create(
                event=extra, employee=EmployeeFactory(), source=Attendance.Source.SELF
            )


def _queries(client, report, django_assert_max_num_queries, limit):
    with django_assert_max_num_queries(limit) as captured:
        assert client.get(report.get_absolute_url()).status_code == 200
    return len(captured)


def test_report_page_queries_do_not_grow_with_events(
    client, report, ca_1701, django_assert_max_num_queries
):
    client.force_login(ca_1701)
    one = _queries(client, report, django_assert_max_num_queries, 40)
    _add_events(report.cycle, 2, ca_1701)
    three = _queries(client, report, django_assert_max_num_queries, 40)
    assert three == one, (one, three)
    assert one <= 28, one


def test_only_the_can_or_an_office_whose_event_of_the_quarter_is_held_starts_its_report(
    client, cycle, event, ca_1701, ca_1702, can_member
):
    """Quarter III: office 1701's event, held. Quarter IV: office 1702's event, not held yet."""
    _held(event)
    q4 = create_event(
        cycle=cycle,
        title="Teknik Wawancara CAPI",
        host_office=office("1702"),
        event_date=date(2026, 10, 14),
        by=can_member,
    )
    lists = reverse("reports:list")

    # The host of quarter III hosts nothing in quarter IV: no button, and the action is refused.
    client.force_login(ca_1701)
    page = client.get(lists).content.decode()
    assert "Mulai menyusun" in _quarter_row(page, "III")
    assert "Mulai menyusun" not in _quarter_row(page, "IV")
    refused = client.post(reverse("reports:open", args=[4]), follow=True).content.decode()
    assert "Laporan Triwulan IV belum dapat Anda mulai" in refused
    assert not ActivityReport.objects.filter(quarter=4).exists()

    # Quarter IV's own host and the CAN start it once its event is held, not before.
    for person in (ca_1702, can_member):
        client.force_login(person)
        assert "Mulai menyusun" not in _quarter_row(client.get(lists).content.decode(), "IV")
    _held(q4)
    for person in (ca_1702, can_member):
        client.force_login(person)
        assert "Mulai menyusun" in _quarter_row(client.get(lists).content.decode(), "IV")
    client.force_login(ca_1702)
    opened = client.post(reverse("reports:open", args=[4]))
    assert opened.url == ActivityReport.objects.get(quarter=4).get_absolute_url()


def test_a_report_with_the_cc_or_approved_says_why_it_is_locked_instead_of_a_form(
    client, submitted_report, event, ca_1701, cc
):
    client.force_login(ca_1701)
    addresses = [
        reverse("reports:chapters", args=[submitted_report.pk]),
        reverse("reports:speech", args=[submitted_report.pk, event.pk]),
    ]
    for address in addresses:
        page = client.get(address).content.decode()
        assert "sedang diperiksa CC dan tidak dapat diubah sampai dikembalikan" in page
        assert "<textarea" not in page and "Simpan" not in page
        assert f'href="{submitted_report.get_absolute_url()}"' in page

    services.approve_report(submitted_report, by=cc)
    for address in addresses:
        page = client.get(address).content.decode()
        assert "sudah disetujui CC dan terkunci. Buat revisi baru untuk mengubahnya." in page
        assert "<textarea" not in page and "Simpan" not in page


def test_a_draft_report_still_offers_its_forms(client, report, event, ca_1701):
    client.force_login(ca_1701)
    for address in (
        reverse("reports:chapters", args=[report.pk]),
        reverse("reports:speech", args=[report.pk, event.pk]),
    ):
        page = client.get(address).content.decode()
        assert "<textarea" in page and "locked-reason" not in page
