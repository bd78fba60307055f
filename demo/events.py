"""Demo data of steps 6-9 for the demo cycle's events (created by voting's announcement), as
demo.story tells them: each step done on its planned day through the services, with the
clock set to that day.

An event of the past gets its committee and letter (step 6), readiness (step 7; the recent
event's is confirmed one working day late, the demo's one late example), the Event Team (step 8),
the presenter's slides, the invitation, attendance, a photo, signed minutes and certificates
(step 9). The event in
preparation stops after its committee letter. Idempotent: each part is skipped when done.
"""

import io
import random
from datetime import time, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from cycles.calendar import WorkingCalendar
from demo import people as people_demo
from demo import story
from demo.people import office_head, office_role_holder, office_staff
from documents.batches import run_batch
from events.models import CommitteeMember, Event, Minutes, Readiness, TeamRole
from events.services import eventday, materials, team
from events.services import preparation as preparation_services
from events.services.errors import EventError
from organization.models import Employee, RoleAssignment

Role = RoleAssignment.Role
C = CommitteeMember.Role


def one_page_pdf(text: str) -> bytes:
    """A small valid one-page PDF (A4 landscape, Helvetica) showing `text`, ASCII only: the demo
    presenter's slides, and the slides the tests hand in."""
    text = "".join(c for c in text if c.isascii() and c not in "()\\")
    stream = f"BT /F1 18 Tf 72 500 Td ({text}) Tj ET".encode()
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
        f"materi-serawai-{event.pk}.pdf",
        one_page_pdf(f"Materi Serawai: {event.title[:80]}"),
        content_type="application/pdf",
    )
    material = materials.upload_material(
        event,
        upload=upload,
        title=f"Paparan: {event.title}"[:200],
        by=speaker.employee if speaker else host_ca,
    )
    materials.process_material(material.pk)


def _committee(event, host_ca):
    """The host's CA coordinates; the speaker (from the proposal, else one of the staff), the
    moderator, the note taker and the helper are each another person of the host office, none of
    them its head, who signs the committee letter."""
    if event.committee.exclude(role=C.SPEAKER).exists():
        return
    speakers = [m.employee for m in event.committee.filter(role=C.SPEAKER, employee__isnull=False)]
    staff = list(office_staff(event.host_office, host_ca, *speakers)[:4])
    if not event.committee.filter(role=C.SPEAKER).exists():
        if len(staff) < 3:
            return
        speaker = staff.pop()
        preparation_services.add_committee_member(
            event, role=C.SPEAKER, employee=speaker, by=host_ca
        )
    if len(staff) < 2:
        return
    for role, person in (
        (C.COORDINATOR, host_ca),
        (C.MODERATOR, staff[0]),
        (C.NOTE_TAKER, staff[1]),
    ):
        preparation_services.add_committee_member(event, role=role, employee=person, by=host_ca)
    if len(staff) > 2:
        preparation_services.add_committee_member(
            event, role=C.OTHER, employee=staff[2], duty="Konsumsi dan ruang", by=host_ca
        )


def _team(event, can, lead, step8):
    with story.on(step8.planned_start, time(10, 0)):
        if not event.team_needs.exists():
            for role in (TeamRole.MC, TeamRole.OPERATOR, TeamRole.DOCUMENTATION):
                team.record_need(
                    event,
                    role=role,
                    people=1,
                    start_time=event.start_time,
                    end_time=event.end_time,
                    by=can,
                )
        if not event.team.exists():
            team.propose_team(event, by=can)
    with story.on(step8.due, time(14, 0)):
        team.confirm_team(event, by=lead)


def _photo():
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (640, 400), (40, 110, 160)).save(buffer, format="JPEG")
    return SimpleUploadedFile("dokumentasi.jpg", buffer.getvalue(), content_type="image/jpeg")


def attendees(event, rng) -> list[Employee]:
    """A third of the province, and every demo login but the CAN's (they rate the organiser,
    not the presenter)."""
    people = list(Employee.objects.active().in_province(event.cycle.province).order_by("pk"))
    chosen = rng.sample(people, k=min(len(people), max(12, len(people) // 3)))
    logins = [
        p
        for label, p in people_demo.demo_logins()
        if not label.startswith("CAN") and p.province == event.cycle.province
    ]
    return list(dict.fromkeys(chosen + [p for p in logins if p.is_active]))


def _event_day(event, note_taker, host_ca, can, rng):
    opens, _closes = event.window
    with story.on(event.date, event.start_time):
        for person in attendees(event, rng):
            eventday.check_in(event, person, now=opens + timedelta(minutes=rng.randint(0, 40)))
    with story.on(event.date, event.end_time):
        if not event.photos.exists():
            eventday.add_photo(event, upload=_photo(), caption="Pemaparan narasumber", by=host_ca)
        minutes = Minutes.objects.filter(event=event).first()
        if minutes is None or not minutes.is_final:
            eventday.save_minutes(
                event,
                summary=f"Narasumber memaparkan {event.title.lower()} dan contoh penerapannya.",
                questions_answers="T: Bagaimana menerapkannya di kantor kab/kota?\n"
                "J: Mulai dari satu kegiatan rutin dan ukur hasilnya.",
                follow_ups="Materi dibagikan melalui Portal Pintar.",
                by=note_taker,
            )
            ended_at = story.moment(event.date, event.end_time)
            eventday.finalise_minutes(event, by=note_taker, now=ended_at)
        event.refresh_from_db()
        if not event.certificates_issued_at:
            batch = eventday.request_event_certificates(
                event, signatory=office_head(event.cycle.province), by=can or host_ca
            )
            # Seeding does the worker's part itself: the demo has its certificates whether or
            # not a worker is running yet.
            run_batch(batch.pk)


def _prepare(event, planned, people) -> None:
    """Steps 6-9 of one event, each on its day, as far as today allows."""
    host_ca, ca_province, can, lead = people
    cal = WorkingCalendar.load(event.cycle.province_id)
    steps = {s.number: s for s in event.steps.all()}
    today = timezone.localdate()
    if steps[6].planned_start > today:
        return
    with story.on(steps[6].planned_start, time(9, 0)):
        _committee(event, host_ca)
        if not event.committee_letter_url and not preparation_services.missing_committee_roles(
            event
        ):
            preparation_services.issue_committee_letter(
                event, signatory=office_head(event.host_office), by=host_ca
            )
    preparing = planned is not None and planned.kind == "preparing"
    if steps[7].planned_start > today or (preparing and steps[7].due >= today):
        return  # readiness is the host's to-do today
    if event.status == Event.Status.PLANNED:
        with story.on(steps[7].planned_start, time(7, 30)):
            _material(event, host_ca)
        with story.on(steps[7].planned_start, time(8, 0)):
            preparation_services.update_readiness(
                event,
                by=host_ca,
                items=dict.fromkeys(Readiness.MANUAL_ITEMS, True),
                comment="Ruang dan tautan siap; materi narasumber sudah diunggah.",
                place=event.place or f"Aula {event.host_office.name}",
                meeting_link=event.meeting_link or "https://zoom.us/j/1700000000",
                start_time=(planned.times if planned else story.USUAL)[0],
                end_time=(planned.times if planned else story.USUAL)[1],
            )
        late = planned is not None and planned.kind == "recent"
        day = cal.next_working_day(steps[7].due) if late else steps[7].due
        with story.on(day, time(15, 0)):
            preparation_services.confirm_readiness(event, by=ca_province or can)
    event.refresh_from_db()
    if preparing:  # an event late in December: readiness is done, the Event Team's plan is due
        return
    if can and lead and not event.steps.get(number=8).is_done and steps[8].planned_start <= today:
        _team(event, can, lead, steps[8])
    if not event.invitation_sent_at and steps[8].planned_start <= today:
        with story.on(cal.add_working_days(steps[8].planned_start, 3), time(9, 30)):
            eventday.send_invitation(event, signatory=office_head(event.host_office), by=host_ca)
    event.refresh_from_db()
    note_taker = event.committee.filter(role=C.NOTE_TAKER).select_related("employee").first()
    ended = story.moment(event.date, event.end_time) <= timezone.now()
    if planned is not None and planned.kind == "recent" and event.date <= today:
        ended = True  # held early this morning (the first working day of a quarter)
    if note_taker and event.status in (Event.Status.READY, Event.Status.HELD) and ended:
        rng = random.Random(f"serawai-events-{event.title}")
        _event_day(event, note_taker.employee, host_ca, can, rng)


def seed(cycle, stdout) -> None:
    plan = story.plan_for(cycle)
    by_date = {e.date: e for e in plan.events} if plan else {}
    province = cycle.province
    ca_province = office_role_holder(cycle, Role.CA, province)
    can = office_role_holder(cycle, Role.CAN_COORDINATOR, province) or office_role_holder(
        cycle, Role.CAN_MEMBER, province
    )
    lead = office_role_holder(cycle, Role.EVENT_TEAM_LEAD, province)
    done = []
    for event in cycle.events.select_related("host_office", "cycle__province").order_by("date"):
        host_ca = office_role_holder(cycle, Role.CA, event.host_office)
        if host_ca is None:
            stdout.write(f"events: {event} skipped, no CA at {event.host_office}\n")
            continue
        try:
            _prepare(event, by_date.get(event.date), (host_ca, ca_province, can, lead))
        except EventError as exc:
            stdout.write(f"events: {event}: {exc.message}\n")
            continue
        event.refresh_from_db()
        done.append(f"{event.title} {event.date} ({event.get_status_display()})")
    stdout.write(f"events: {len(done)} events: {'; '.join(done)}\n")
