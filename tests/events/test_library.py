"""Pustaka Serawai: every employee finds a held event again by what it left (theme, abstract,
finalised minutes, slides), filtered by year and office; the CAN shares a held event with every
province, and nothing else of another province, nor anything of an event not held, appears."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from django.utils import timezone

from cycles.services.cycle import create_cycle
from events.models import Attendance, CommitteeMember, Event, Material, Minutes
from events.services import materials as materials_services
from organization.models import RoleAssignment
from tests.factories import (
    EmployeeFactory,
    employee_with_role,
    make_cycle,
    make_event,
    office,
    other_province,
    upload_pdf_material,
)
from voting.models import SelectedTheme, ThemeProposal

pytestmark = pytest.mark.django_db

LIBRARY = reverse("events:library")


def held(event, status=Event.Status.HELD):
    Event.objects.filter(pk=event.pk).update(status=status)
    event.refresh_from_db()
    return event


def with_theme(event, abstract, by):
    proposal = ThemeProposal.objects.create(
        cycle=event.cycle,
        office=event.host_office,
        title=event.title,
        abstract=abstract,
        relevance="Manfaat bagi pekerjaan.",
        preferred_quarter=1,
    )
    SelectedTheme.objects.create(
        cycle=event.cycle,
        proposal=proposal,
        rank=1,
        votes=10,
        title=event.title,
        host_office=event.host_office,
        event_date=event.date,
        event=event,
        updated_by=by,
    )


def with_minutes(event, summary, by, final=True):
    return Minutes.objects.create(
        event=event,
        summary=summary,
        updated_by=by,
        finalised_at=timezone.now() if final else None,
        finalised_by=by if final else None,
    )


def with_slides(event, text, by):
    return Material.objects.create(
        event=event,
        title="Paparan",
        file=f"events/{event.pk}/materials/paparan.pdf",
        original_name="paparan.pdf",
        kind="pdf",
        size=100,
        text=text,
        uploaded_by=by,
    )


@pytest.fixture
def employee(db):
    return EmployeeFactory(full_name="Rina Pegawai", office=office("1702"))


@pytest.fixture
def can(db):
    return employee_with_role(RoleAssignment.Role.CAN_COORDINATOR, full_name="Budi CAN")


@pytest.fixture
def aceh_event(db, can):
    aceh = other_province()
    year = timezone.localdate().year
    cycle = create_cycle(province=aceh, year=year, start_date=datetime.date(year, 1, 5))
    event = held(make_event(host="1101", cycle=cycle, title="Pemetaan Wilayah Kerja Aceh"))
    with_slides(event, "kerangka sampel pertanian", can)
    return event


def titles(client, **query):
    response = client.get(LIBRARY, query)
    assert response.status_code == 200
    return [event.title for event in response.context["page"].object_list]


def test_the_library_lists_held_events_and_nothing_of_an_event_not_held(client, employee, can):
    kept = held(make_event(title="Statistik Harga Konsumen"))
    closed = held(make_event(title="Neraca Regional"), Event.Status.CLOSED)
    planned = make_event(title="Tema Yang Belum Terlaksana")
    with_slides(planned, "inflasi nelayan", can)
    client.force_login(employee)
    shown = titles(client)
    assert set(shown) == {kept.title, closed.title}
    assert planned.title not in client.get(LIBRARY, {"q": "nelayan"}).content.decode()


def test_search_finds_a_word_of_the_slides_text(client, employee, can):
    event = make_event(title="Paparan Ekonomi Daerah")
    material = upload_pdf_material(event, can, text="Nilai Tukar Petani")
    materials_services.process_material(material.pk)
    held(event)
    other = held(make_event(title="Survei Angkatan Kerja"))
    client.force_login(employee)
    assert titles(client, q="petani") == [event.title]
    assert other.title in titles(client)


def test_search_finds_words_of_finalised_minutes_only(client, employee, can):
    final = held(make_event(title="Diskusi Pertama"))
    with_minutes(final, "Peserta membahas pembersihan data susenas.", can)
    draft = held(make_event(title="Diskusi Kedua"))
    with_minutes(draft, "Pembahasan susenas yang belum final.", can, final=False)
    client.force_login(employee)
    assert titles(client, q="susenas") == [final.title]
    page = client.get(LIBRARY).content.decode()
    assert "pembersihan data susenas" in page and "belum final" not in page


def test_search_finds_a_word_of_the_abstract_and_needs_every_word(client, employee, can):
    event = held(make_event(title="Big Data untuk Statistik Resmi"))
    with_theme(event, "Memanfaatkan data telepon seluler untuk mobilitas penduduk.", can)
    held(make_event(title="Pariwisata"))
    client.force_login(employee)
    assert titles(client, q="seluler") == [event.title]
    assert titles(client, q="seluler mobilitas") == [event.title]
    assert titles(client, q="seluler pariwisata") == []


def test_filters_by_year_and_office(client, employee):
    last_year = timezone.localdate().year - 1
    old = held(
        make_event(
            title="Tema Tahun Lalu",
            cycle=make_cycle(year=last_year),
            event_date=datetime.date(last_year, 6, 10),
        )
    )
    here = held(make_event(host="1702", title="Tema Seluma"))
    client.force_login(employee)
    assert titles(client, year=str(last_year)) == [old.title]
    assert titles(client, host_office=office("1702").pk) == [here.title]


def test_the_can_files_a_held_event_under_a_topic_and_the_library_filters_by_it(
    client, can, employee
):
    census = held(make_event(title="Sensus Pertanian"))
    held(make_event(title="Tata Naskah Dinas"))
    client.force_login(can)
    client.post(reverse("events:share", args=[census.pk]), {"topic": "production"})
    census.refresh_from_db()
    assert census.topic == Event.Topic.PRODUCTION and not census.shared
    client.force_login(employee)
    assert titles(client, topic="production") == [census.title]
    response = client.get(LIBRARY, {"topic": "nonsense"})
    assert "Sebagian saringan tidak valid" in response.content.decode()


def test_a_shared_event_appears_in_another_province_with_its_province_named(
    client, employee, aceh_event, can
):
    client.force_login(employee)
    assert aceh_event.title not in titles(client)

    aceh_event.shared = True
    aceh_event.save(update_fields=["shared"])
    response = client.get(LIBRARY, {"q": "pertanian"})
    assert [e.title for e in response.context["page"].object_list] == [aceh_event.title]
    assert "Aceh" in response.content.decode()
    material = Material.objects.get(event=aceh_event)
    download = reverse("events:library_material", args=[aceh_event.pk, material.pk])
    assert download in response.content.decode()
    # The event's own pages stay closed to another province: only the library reads it.
    assert client.get(reverse("events:detail", args=[aceh_event.pk])).status_code == 404


def test_nothing_else_of_another_province_leaks(client, employee, aceh_event, can):
    aceh_event.shared = True
    aceh_event.save(update_fields=["shared"])
    guest = EmployeeFactory(full_name="Tamu Kehadiran Rahasia", office=aceh_event.host_office)
    Attendance.objects.create(event=aceh_event, employee=guest, source="self")
    cycle = aceh_event.cycle
    unshared = held(make_event(host="1101", cycle=cycle, title="Tema Aceh Tidak Dibagikan"))
    not_held = make_event(host="1101", cycle=cycle, title="Tema Aceh Belum Terlaksana")
    Event.objects.filter(pk=not_held.pk).update(shared=True)
    client.force_login(employee)
    page = client.get(LIBRARY).content.decode()
    assert aceh_event.title in page
    assert unshared.title not in page and not_held.title not in page
    assert guest.full_name not in page
    for event in (unshared, not_held):
        material = with_slides(event, "x", can)
        link = reverse("events:library_material", args=[event.pk, material.pk])
        assert client.get(link).status_code == 404


def test_the_can_shares_a_held_event_with_an_audit_record(client, can):
    event = make_event(title="Tema Dibagikan")
    share = reverse("events:share", args=[event.pk])
    client.force_login(can)
    client.post(share, {"shared": "1"})
    event.refresh_from_db()
    assert not event.shared  # not held yet: refused with a message
    held(event)
    response = client.post(share, {"shared": "1"}, follow=True)
    assert "dibagikan ke semua provinsi" in response.content.decode()
    event.refresh_from_db()
    assert event.shared and event.shared_by == can
    assert LogEntry.objects.get_for_object(event).filter(changes__icontains="shared").exists()
    client.post(share, {})  # the box unticked
    event.refresh_from_db()
    assert not event.shared


def test_an_employee_cannot_share(client, employee):
    event = held(make_event())
    client.force_login(employee)
    assert client.post(reverse("events:share", args=[event.pk]), {"shared": "1"}).status_code == 403
    event.refresh_from_db()
    assert not event.shared


def test_every_employee_sees_the_library_link(client, employee):
    client.force_login(employee)
    page = client.get(reverse("events:list")).content.decode()
    assert f'href="{LIBRARY}"' in page


def test_the_library_page_runs_the_same_queries_for_one_or_many_events(
    client, employee, can, aceh_event, django_assert_max_num_queries
):
    def add(n):
        event = held(make_event(title=f"Tema Pustaka {n}"))
        with_theme(event, f"Ringkasan {n}", can)
        with_minutes(event, f"Notulensi {n}", can)
        with_slides(event, f"Materi {n}", can)
        CommitteeMember.objects.create(
            event=event, role=CommitteeMember.Role.SPEAKER, employee=EmployeeFactory()
        )
        return event

    Event.objects.filter(pk=aceh_event.pk).update(shared=True)
    add(0)
    client.force_login(employee)
    client.get(LIBRARY)  # warm the per-person caches
    counts = {}
    for query in ({}, {"q": "tema"}):
        with django_assert_max_num_queries(40) as few:
            client.get(LIBRARY, query)
        counts[str(query)] = len(few.captured_queries)
    for n in range(1, 8):
        add(n)
    for query, rows in (({}, 9), ({"q": "tema"}, 8)):
        with django_assert_max_num_queries(counts[str(query)]):
            response = client.get(LIBRARY, query)
        assert len(response.context["page"].object_list) == rows
