"""Test factories: real models, valid NIPs, the offices loaded by the data migration."""

import datetime
import itertools

import factory

from organization.models import Employee, Office, RoleAssignment

PASSWORD = "serawai-test-pw"
_sequence = itertools.count(1)


def make_nip(birth=datetime.date(1990, 5, 17), appointed=(2014, 3), gender=1, seq=None) -> str:
    """A valid NIP: birth date + appointment year-month + gender digit + 3-digit sequence."""
    seq = next(_sequence) % 1000 if seq is None else seq
    return f"{birth:%Y%m%d}{appointed[0]:04d}{appointed[1]:02d}{gender}{seq:03d}"


def ensure_offices() -> None:
    """Reload the offices of the data migration (a transactional test's flush removes them)."""
    if not Office.objects.filter(code="1700").exists():
        from importlib import import_module

        from django.apps import apps

        import_module("organization.migrations.0002_bengkulu_offices").load(apps, None)


def office(code: str) -> Office:
    ensure_offices()
    return Office.objects.get(code=code)


def province() -> Office:
    return office("1700")


def other_province(code="1100", name="Aceh") -> Office:
    """A second province (default Aceh, 1100) with one kab/kota (code + 1), beside Bengkulu."""
    ensure_offices()
    home, _ = Office.objects.get_or_create(
        code=code,
        defaults={
            "name": f"Badan Pusat Statistik Provinsi {name}",
            "short_name": name,
            "level": Office.Level.PROVINCE,
            "parent": Office.objects.get(code="0000"),
        },
    )
    Office.objects.get_or_create(
        code=f"{int(code) + 1:04d}",
        defaults={
            "name": f"Badan Pusat Statistik Kabupaten {name} Satu",
            "short_name": f"{name} Satu",
            "level": Office.Level.REGENCY,
            "parent": home,
        },
    )
    return home


class EmployeeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Employee
        skip_postgeneration_save = True

    nip = factory.LazyFunction(
        lambda: make_nip(
            birth=datetime.date(
                1970 + next(_sequence) % 30, 1 + next(_sequence) % 12, 1 + next(_sequence) % 28
            ),
        )
    )
    full_name = factory.Sequence(lambda n: f"Pegawai Uji {n}, S.ST.")
    position = "Statistisi Ahli Muda"
    office = factory.LazyFunction(province)
    email = factory.Sequence(lambda n: f"pegawai{n}@bps.go.id")
    is_active = True

    @factory.post_generation
    def password(obj, create, extracted, **kwargs):
        obj.set_password(extracted or PASSWORD)
        if create:
            obj.save(update_fields=["password"])


def give_role(employee, role, office_obj=None, year=None) -> RoleAssignment:
    """Assign a programme role for a year (default: this year; office default: the province)."""
    from django.utils import timezone

    return RoleAssignment.objects.create(
        employee=employee,
        role=role,
        office=office_obj or province(),
        year=year or timezone.localdate().year,
    )


def employee_with_role(role, office_obj=None, **fields) -> Employee:
    """An employee of `office_obj` (default: the province) holding `role` there this year."""
    person = EmployeeFactory(office=office_obj or province(), **fields)
    give_role(person, role, office_obj)
    return person


# --- events (steps 6-9) ---------------------------------------------------------------------


def make_cycle(year=None, start=None):
    """A cycle of Bengkulu through cycles.services.cycle.create_cycle (one per year)."""
    from django.utils import timezone

    from cycles.models import Cycle
    from cycles.services.cycle import create_cycle

    year = year or timezone.localdate().year
    existing = Cycle.objects.filter(province=province(), year=year).first()
    return existing or create_cycle(
        province=province(), year=year, start_date=start or datetime.date(year, 1, 5)
    )


def working_day(near: datetime.date) -> datetime.date:
    """The first working day on or after `near`."""
    from cycles.calendar import WorkingCalendar

    return WorkingCalendar.load().first_working_day_on_or_after(near)


def make_event(host="1701", event_date=None, title=None, cycle=None, **fields):
    """An event of a selected theme through events.services.preparation.create_event (steps 6-11
    planned)."""
    from django.utils import timezone

    from events.services.preparation import create_event

    event_date = event_date or working_day(timezone.localdate() + datetime.timedelta(days=40))
    return create_event(
        cycle=cycle or make_cycle(),
        title=title or f"Tema uji {next(_sequence)}",
        host_office=office(host),
        event_date=event_date,
        **fields,
    )


def pdf_bytes(text: str = "Materi Serawai") -> bytes:
    """A small valid one-page PDF whose text is `text`."""
    from demo.events import one_page_pdf

    return one_page_pdf(text)


def _zip(entries: dict) -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        for name, data in entries.items():
            package.writestr(name, data)
    return buffer.getvalue()


def pptx_bytes() -> bytes:
    """The parts by which a PowerPoint presentation is recognised (not a full deck)."""
    return _zip(
        {
            "[Content_Types].xml": (
                '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/'
                '2006/content-types"><Override PartName="/ppt/presentation.xml" ContentType='
                '"application/vnd.openxmlformats-officedocument.presentationml.presentation.'
                'main+xml"/></Types>'
            ),
            "ppt/presentation.xml": "<p:presentation/>",
        }
    )


def odp_bytes() -> bytes:
    return _zip(
        {
            "mimetype": "application/vnd.oasis.opendocument.presentation",
            "content.xml": "<office:document-content/>",
        }
    )


def upload_pdf_material(event, by, title="Materi narasumber", text="Materi Serawai"):
    """A PDF presentation handed in through events.services.materials.upload_material."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from events.services.materials import upload_material

    upload = SimpleUploadedFile("materi.pdf", pdf_bytes(text), content_type="application/pdf")
    return upload_material(event, upload=upload, title=title, by=by)


def add_external_speaker(event, by, name="Prof. Luar, Ph.D."):
    """A speaker from outside BPS on the committee (step 6), through the service."""
    from events.models import CommitteeMember
    from events.services.preparation import add_committee_member

    return add_committee_member(
        event,
        role=CommitteeMember.Role.SPEAKER,
        external_name=name,
        external_institution="Universitas Bengkulu",
        by=by,
    )


def make_ready(event, host_ca, ca_prov, place="Aula BPS Kabupaten Bengkulu Selatan", comment=""):
    """Step 7 done through the services: the presenter's material handed in, the checklist
    complete, confirmed by the CA Provinsi."""
    from events.models import Readiness
    from events.services.preparation import confirm_readiness, update_readiness

    upload_pdf_material(event, host_ca)
    update_readiness(
        event,
        by=host_ca,
        items=dict.fromkeys(Readiness.ITEMS, True),
        comment=comment,
        place=place,
    )
    confirm_readiness(event, by=ca_prov)
    event.refresh_from_db()
    return event


def hold_today(event):
    """Move the event to today, all day: its check-in window and the note taker's work open."""
    from django.utils import timezone

    from events.models import Event

    Event.objects.filter(pk=event.pk).update(
        date=timezone.localdate(), start_time="00:00", end_time="23:59"
    )
    event.refresh_from_db()
    return event


def final_minutes(event, by, summary="Ringkasan.", questions_answers="", follow_ups=""):
    """The note taker writes the minutes and finalises them (step 9); the event is held."""
    from events.services import eventday

    eventday.save_minutes(
        event,
        summary=summary,
        questions_answers=questions_answers,
        follow_ups=follow_ups,
        by=by,
    )
    return eventday.finalise_minutes(event, by=by)
