"""The attendance list as printed: a row never split across pages, the header on every page,
NIPs on one line, and the Koordinator's "Mengetahui" block at the end."""

import pytest

from events.models import Attendance, CommitteeMember
from events.services import preparation
from tests.documents.pdftext import page_texts, squeeze
from tests.factories import EmployeeFactory, office

from .conftest import url

pytestmark = pytest.mark.django_db


def test_a_long_attendance_list_keeps_rows_whole_and_ends_with_the_acknowledgement(
    client, ready_event, ca_1701, employee
):
    chair = EmployeeFactory(
        full_name="Hendra Saputra, S.ST., M.Si.", nip="198203142005021003", office=office("1701")
    )
    preparation.add_committee_member(
        ready_event, role=CommitteeMember.Role.COORDINATOR, employee=chair, by=ca_1701
    )
    people = [
        EmployeeFactory(
            full_name=f"Peserta Dengan Nama Yang Cukup Panjang Ke-{n}, S.Tr.Stat., M.Si.",
            office=office("1702"),
        )
        for n in range(1, 71)
    ]
    Attendance.objects.bulk_create(
        Attendance(event=ready_event, employee=p, source=Attendance.Source.SELF) for p in people
    )
    client.force_login(employee)

    pages = page_texts(client.get(url("attendance_pdf", ready_event)).content)

    assert len(pages) >= 2
    for page in pages:
        assert "Nama" in page and "NIP" in page  # the header row repeats
    for n, person in enumerate(people, start=1):
        # The row's last words and its NIP on the same page: the row was not cut in two.
        holding = [page for page in pages if f"Ke-{n}, S.Tr.Stat." in page]
        assert len(holding) == 1, person.full_name
        # The NIP whole on one line (a wrapped NIP would have a line break inside it).
        assert person.nip_display in holding[0], person.full_name
    last = squeeze(pages[-1])
    assert "Mengetahui, Koordinator Kegiatan," in last
    assert "Hendra Saputra, S.ST., M.Si." in last and "NIP. 19820314 200502 1 003" in last
