"""Demo data of steps 6-9 for the demo cycle's events (created by voting's announcement).

Idempotent: each part is skipped when already done. Uses the people the organisation demo made
(CAs, CAN, Event Team); a part whose actor is missing is skipped with a note. Letters and
certificates need the document engine; past events are held with attendance, minutes and
certificates, future ones stop after the Event Team plan.
"""

import random
from datetime import timedelta

from django.utils import timezone

from documents.batches import run_batch
from organization.models import Employee, RoleAssignment

from . import services
from .models import CommitteeMember, Event, Minutes, Readiness, TeamRole
from .services import EventError

Role = RoleAssignment.Role
C = CommitteeMember.Role


def _holder(cycle, role, office):
    row = (
        RoleAssignment.objects.current(year=cycle.year)
        .filter(role=role, office=office, employee__is_active=True)
        .select_related("employee")
        .first()
    )
    return row.employee if row else None


def _signatory(office):
    people = Employee.objects.active().filter(office=office)
    return people.filter(position__istartswith="Kepala").first() or people.first()


def _demo_pdf(title: str) -> bytes:
    """A one-page PDF naming the theme: the demo presenter's slides."""
    text = "".join(c for c in title if c.isascii() and c not in "()\\")[:80]
    stream = f"BT /F1 18 Tf 72 720 Td (Materi Serawai: {text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 842 595] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _material(event, host_ca):
    """The presenter hands in the slides (the host CA for an external presenter)."""
    if event.materials.exists():
        return
    from django.core.files.uploadedfile import SimpleUploadedFile

    speaker = event.committee.filter(role=C.SPEAKER, employee__isnull=False).first()
    upload = SimpleUploadedFile(
        f"materi-serawai-{event.pk}.pdf", _demo_pdf(event.title), content_type="application/pdf"
    )
    material = services.upload_material(
        event,
        upload=upload,
        title=f"Paparan: {event.title}"[:200],
        by=speaker.employee if speaker else host_ca,
    )
    services.process_material(material.pk)


def _committee(event, host_ca):
    if event.committee.exclude(role=C.SPEAKER).exists():
        return
    staff = list(
        Employee.objects.active().filter(office=event.host_office).exclude(pk=host_ca.pk)[:6]
    )
    if len(staff) < 3:
        return
    if not event.committee.filter(role=C.SPEAKER).exists():
        services.add_committee_member(
            event, role=C.SPEAKER, employee=staff[3 % len(staff)], by=host_ca
        )
    for role, person in ((C.COORDINATOR, host_ca), (C.MODERATOR, staff[0]), (C.NOTULIS, staff[1])):
        services.add_committee_member(event, role=role, employee=person, by=host_ca)
    services.add_committee_member(
        event, role=C.OTHER, employee=staff[2], duty="Konsumsi dan ruang", by=host_ca
    )


def _letters_ready() -> bool:
    try:
        import documents.letters  # noqa: F401
    except ImportError:
        return False
    return True


def _team(event, can, lead):
    if not event.team_needs.exists():
        for role, people in ((TeamRole.MC, 1), (TeamRole.OPERATOR, 1), (TeamRole.DOCUMENTATION, 1)):
            services.record_need(
                event,
                role=role,
                people=people,
                start_time=event.start_time,
                end_time=event.end_time,
                by=can,
            )
    if not event.team.exists():
        services.propose_team(event, by=can)
    services.confirm_team(event, by=lead)


def _event_day(event, notulis, host_ca, rng):
    people = list(Employee.objects.active().in_province(event.cycle.province).order_by("pk"))
    opens, _closes = event.window
    for person in rng.sample(people, k=min(len(people), max(10, len(people) * 3 // 5))):
        try:
            services.check_in(event, person, now=opens + timedelta(minutes=rng.randint(0, 60)))
        except EventError:
            break
    minutes = Minutes.objects.filter(event=event).first()
    if minutes is None or not minutes.is_final:
        services.save_minutes(
            event,
            summary=f"Narasumber memaparkan {event.title.lower()} dan contoh penerapannya.",
            questions_answers="T: Bagaimana menerapkannya di kantor kab/kota?\n"
            "J: Mulai dari satu kegiatan rutin dan ukur hasilnya.",
            follow_ups="Materi dibagikan melalui Portal Pintar.",
            by=notulis,
        )
        services.finalise_minutes(event, by=notulis, now=opens + timedelta(hours=2))


DEMO_EVENTS = (
    # (host office code, days from today, theme): one already held, one still being prepared.
    ("1701", (-21, -35, 21), "Pemanfaatan Big Data untuk Statistik Harga Konsumen"),
    ("1771", (42, 21, 12, -7), "Teknik Wawancara CAPI yang Efektif"),
)


def _demo_events(cycle, stdout) -> None:
    """Events normally come from the announced themes (step 5); when the demo's vote is still
    open there are none, so the demo plans two itself to show steps 6-9."""
    from cycles.calendar import WorkingCalendar
    from organization.models import Office

    cal = WorkingCalendar.load()
    today = timezone.localdate()
    for code, offsets, title in DEMO_EVENTS:
        host = Office.objects.filter(code=code).first()
        days = [cal.first_working_day_on_or_after(today + timedelta(days=n)) for n in offsets]
        days = [d for d in days if d.year == cycle.year]
        if host is None or not days:
            continue
        day = days[0]
        services.create_event(cycle=cycle, title=title, host_office=host, event_date=day)
        stdout.write(f"events: demo event {title} on {day} ({host.short_name})\n")


def seed(cycle, stdout) -> None:
    if not cycle.events.exists():
        _demo_events(cycle, stdout)
    province = cycle.province
    ca_province = _holder(cycle, Role.CA, province)
    can = _holder(cycle, Role.CAN_COORDINATOR, province) or _holder(
        cycle, Role.CAN_MEMBER, province
    )
    lead = _holder(cycle, Role.EVENT_TEAM_LEAD, province)
    now = timezone.now()
    done = []
    for event in cycle.events.select_related("host_office", "cycle__province").order_by("date"):
        host_ca = _holder(cycle, Role.CA, event.host_office)
        if host_ca is None:
            stdout.write(f"events: {event} skipped, no CA at {event.host_office}\n")
            continue
        rng = random.Random(f"serawai-events-{event.pk}")
        try:
            _committee(event, host_ca)
            if (
                _letters_ready()
                and not event.committee_letter_url
                and not services.missing_committee_roles(event)
            ):
                services.issue_committee_letter(
                    event, signatory=_signatory(event.host_office), by=host_ca
                )
            _material(event, host_ca)
            if event.status == Event.Status.PLANNED:
                place = {"place": event.place or f"Aula {event.host_office.name}"}
                if not event.meeting_link:
                    place["meeting_link"] = "https://zoom.us/j/1700000000"
                services.update_readiness(
                    event,
                    by=host_ca,
                    items=dict.fromkeys(Readiness.MANUAL_ITEMS, True),
                    comment="Ruang dan tautan siap; materi narasumber sudah diunggah.",
                    **place,
                )
                if ca_province is not None:
                    services.confirm_readiness(event, by=ca_province)
            if can and lead and not event.steps.get(number=8).is_done:
                _team(event, can, lead)
            event.refresh_from_db()
            notulis = event.committee.filter(role=C.NOTULIS).select_related("employee").first()
            past = event.window[1] < now
            if notulis and event.status in (Event.Status.READY, Event.Status.HELD) and past:
                _event_day(event, notulis.employee, host_ca, rng)
                event.refresh_from_db()
                if _letters_ready() and not event.certificates_issued_at:
                    batch = services.request_event_certificates(
                        event, signatory=_signatory(province), by=can or host_ca
                    )
                    # Seeding does the worker's part itself: the demo has its certificates
                    # whether or not a worker is running yet.
                    run_batch(batch.pk)
        except EventError as exc:
            stdout.write(f"events: {event}: {exc.message}\n")
            continue
        done.append(f"{event.title} ({event.get_status_display()})")
    stdout.write(f"events: {len(done)} events prepared: {'; '.join(done)}\n")
