"""The second half of the year's browser walk: SOP steps 6-11 of one announced theme, each done in
the browser by the person the SOP names, every page screenshotted and axe-checked (Visitor.look).

6  the host office's CA forms the committee and issues the Surat Daftar Nama Pelaksana;
7  the host CA sends the invitation and reports readiness, a CA Provinsi confirms it;
8  the CAN records the Event Team's needs and has members proposed by rotation, the Event Team
   lead confirms the plan;
9  the calendar jumps to the event day: attendees check in through the QR link (one on a phone),
   the note taker adds a forgotten attendee, writes and finalises the minutes and uploads a photo,
   the host CA issues the certificates; an attendee downloads theirs (PDF text and QR code
   checked) and opens its verification page;
11 ten attendees rate the presenter (one on a phone), three CAN members rate the organiser;
10 the host CA writes the quarter's report, the CC returns it with a comment, the host CA fixes
   and resubmits it, the CC approves it: steps 10 and 11 are complete and the event is closed;
   the awards page shows the best presenter and the best kab/kota organiser, and the CAN issues
   their award certificates.

Step 11 comes before step 10 here because the report carries the evaluation recap.

Only one event is walked. The awards' minimum numbers of ratings (10 for a presenter, 3 for an
organiser) are met by that event's ratings, all given through the browser. The other themes are
moved to the next quarter by a calendar jump, so the quarter's report covers the walked event.
"""

import re
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.test import override_settings
from django.utils import timezone

from cycles.calendar import WorkingCalendar
from cycles.planning import quarter_end
from evaluations.selectors.awards import MIN_ORGANIZER_RATINGS, MIN_PRESENTER_RATINGS
from events.models import CommitteeMember, Event, Readiness
from organization.models import Employee
from tests.browser.conftest import PHONE
from tests.factories import pdf_bytes

from .pages import (
    body,
    choose_scores,
    fetch,
    fill_all,
    follow,
    ledger,
    nav,
    pdf_qr_matches,
    pdf_text,
    photo_jpeg,
    press,
    signs_in_on_the_way,
    to_event,
)

RATERS = MIN_PRESENTER_RATINGS  # attendees who check in and rate the presenter (one on a phone)


# --- the calendar jumps ---------------------------------------------------------------------
# The clock is never moved: the data is. Each helper says which day the walk jumps to.


def the_calendar_jumps_to_the_event_day(event) -> Event:
    """The calendar jumps to the event day: the event moves to today, its two hours starting half
    an hour ago (inside today), so the check-in window is open now."""
    now = timezone.localtime()
    midnight = datetime.combine(now.date(), time(0, 0), tzinfo=now.tzinfo)
    start = max(midnight, now - timedelta(minutes=30)).replace(second=0, microsecond=0)
    end = min(start + timedelta(hours=2), midnight + timedelta(hours=23, minutes=59))
    Event.objects.filter(pk=event.pk).update(
        date=now.date(), start_time=start.time(), end_time=end.time()
    )
    event.refresh_from_db()
    return event


def the_calendar_jumps_past_the_other_themes(walked, others) -> None:
    """The calendar jumps: the walked event is the quarter's only one. Another theme dated in the
    walked event's quarter moves to the first working days of the next quarter (ten working days
    apart), so the quarterly report, due at the quarter's end, does not wait for it."""
    cal = WorkingCalendar.load()
    next_quarter = quarter_end(walked.date) + timedelta(days=1)
    for n, event in enumerate(e for e in others if quarter_end(e.date) == quarter_end(walked.date)):
        day = cal.add_working_days(next_quarter, 1 + 10 * n)
        Event.objects.filter(pk=event.pk).update(date=day)


def the_worker_mixes_the_rating_box() -> None:
    """What the Celery worker does after each rating (the walk runs none): the ratings waiting
    sealed in the box are mixed into the counted ones, five raters or more at once."""
    from evaluations.services.rating_box import mix_waiting

    assert mix_waiting() >= 5


def the_worker_issues_the_certificates() -> None:
    """What the Celery worker does with a certificate order (the walk runs none)."""
    from documents.batches import resume_waiting

    assert resume_waiting(grace_seconds=0) == 1


# --- who is who -----------------------------------------------------------------------------


@dataclass
class Cast:
    """The people of the walked event, picked from the world: the role holders, two of the host
    office's staff for the committee, and attendees who hold no role and do not present."""

    host_ca: Employee
    ca_prov: Employee
    can: list[Employee]
    cc: Employee
    team_lead: Employee
    moderator: Employee
    note_taker: Employee
    attendees: list[Employee] = field(default_factory=list)
    forgotten: Employee | None = None

    @classmethod
    def of(cls, event, world) -> "Cast":
        host = event.host_office.code
        speakers = set(
            event.committee.filter(employee__isnull=False).values_list("employee_id", flat=True)
        )
        free = [p for p in world.plain if p.pk not in speakers]
        host_staff = [
            p for p in free if p.office.code == host and not p.position.startswith("Kepala")
        ][:2]
        others = [p for p in free if p not in host_staff][: RATERS + 1]
        assert len(host_staff) == 2 and len(others) == RATERS + 1, "not enough employees"
        return cls(
            host_ca=world.ca_by_office[host],
            ca_prov=world.ca_prov,
            can=[world.can, *world.can_members],
            cc=world.cc,
            team_lead=world.event_team_lead,
            moderator=host_staff[0],
            note_taker=host_staff[1],
            attendees=others[:RATERS],
            forgotten=others[RATERS],
        )


# --- the walk -------------------------------------------------------------------------------


def walk_steps_6_to_11(visit, world, events) -> None:
    """Walk steps 6-11 of the first announced theme through the browser (see the module)."""
    event, *others = sorted(events, key=lambda e: (e.date, e.pk))
    cast = Cast.of(event, world)
    tabs = {}

    def tab_of(person, name, viewport=None):
        if person.pk not in tabs:
            name = f"ev-{name}"  # apart from the first half's tabs' screenshots
            tab = visit(name, viewport=viewport) if viewport else visit(name)
            tabs[person.pk] = signs_in_on_the_way(tab, person, world.password)
        return tabs[person.pk]

    host = tab_of(cast.host_ca, "ca-host")
    step6_committee(host, event, cast)
    step7_material(tab_of(cast.team_lead, "team-lead"), event)
    step7_readiness(host, tab_of(cast.ca_prov, "ca-prov"), event, cast)
    step8_event_team(tab_of(cast.can[0], "can"), tab_of(cast.team_lead, "team-lead"), event)

    event = the_calendar_jumps_to_the_event_day(event)
    the_calendar_jumps_past_the_other_themes(event, others)
    attendees = [
        tab_of(p, f"attendee{n:02d}", PHONE if n == 0 else None)
        for n, p in enumerate(cast.attendees)
    ]
    step9_event_day(host, attendees, tab_of(cast.note_taker, "minute-taker"), event, cast)
    step9_certificates(host, attendees[1], event, cast.attendees[1])

    step11_ratings(attendees, event)
    the_worker_mixes_the_rating_box()
    can_tabs = [tab_of(p, f"can{n}") for n, p in enumerate(cast.can[:MIN_ORGANIZER_RATINGS])]
    step11_organiser_ratings(can_tabs, event)

    step10_report(host, tab_of(cast.cc, "cc"), event)
    awards(attendees[2], can_tabs[0], event)


def step6_committee(host, event, cast) -> None:
    """The host office's CA forms the committee and sends the letter to the province."""
    page = host.go(event.get_absolute_url(), "event")
    assert event.title in body(host)
    follow(host, page.get_by_role("link", name="Kelola panitia"), "committee")
    assert "Belum ada: Koordinator" in body(host)
    for role, person in (
        (CommitteeMember.Role.COORDINATOR, cast.host_ca),
        (CommitteeMember.Role.MODERATOR, cast.moderator),
        (CommitteeMember.Role.NOTE_TAKER, cast.note_taker),
    ):
        page.select_option("select[name=role]", role.value)
        page.select_option("select[name=employee]", str(person.pk))
        text = press(host, "Tambahkan", f"committee-{role.value}")
        assert "Panitia ditambahkan." in text and person.full_name in text
    assert "Belum ada:" not in body(host)
    text = press(host, "Terbitkan Surat Daftar Nama Pelaksana", "committee-letter")
    assert "Surat Daftar Nama Pelaksana Serawai diterbitkan." in text
    href = page.get_by_role("link", name="Unduh Surat Daftar Nama Pelaksana Serawai").get_attribute(
        "href"
    )
    letter = pdf_text(fetch(host, href))
    assert "Daftar Nama Pelaksana Serawai" in letter and event.title in letter
    for person in (cast.host_ca, cast.moderator, cast.note_taker):
        assert person.full_name in letter


def step7_material(lead, event) -> None:
    """The Event Team hands in the presenter's slides; the readiness item follows the upload."""
    page = lead.go(f"/events/{event.pk}/materials/", "materials")
    page.set_input_files(
        "input[name=file]",
        files=[
            {
                "name": "paparan.pdf",
                "mimeType": "application/pdf",
                "buffer": pdf_bytes("Paparan narasumber"),
            }
        ],
    )
    page.fill("input[name=title]", "Paparan narasumber")
    text = press(lead, "Unggah", "material-uploaded")
    assert "Materi diunggah." in text and "Paparan narasumber" in text


def step7_readiness(host, ca_prov, event, cast) -> None:
    """The host CA invites everyone and reports readiness; a CA Provinsi confirms it."""
    to_event(host, event, "event-before-invitation")
    text = press(host, "Terbitkan undangan ke seluruh pegawai", "invitation-sent")
    assert "Surat undangan diterbitkan" in text and "terkirim" in text
    page = follow(
        host, host.page.get_by_role("link", name="Daftar periksa dan catatan"), "readiness"
    )
    page.select_option("select[name=event-mode]", Event.Mode.HYBRID.value)
    page.fill("input[name=event-place]", f"Aula {event.host_office.name}")
    page.fill("input[name=event-meeting_link]", "https://zoom.us/j/91234567890")
    page.fill("input[name=event-start_time]", "09:00")
    page.fill("input[name=event-end_time]", "11:00")
    for name in Readiness.MANUAL_ITEMS:  # the material is ticked by its upload
        page.check(f"input[name={name}]")
    page.fill("textarea[name=comment]", "Materi narasumber diterima; uji Zoom selesai.")
    text = press(host, "Simpan kemajuan", "readiness-saved")
    assert "Kemajuan persiapan dicatat." in text and "5/5" in text

    ca_prov.go(f"/events/{event.pk}/readiness/", "readiness-to-confirm")
    ca_prov.page.fill("textarea[name=comment]", "Sudah dicek bersama CA penyelenggara.")
    text = press(ca_prov, "Konfirmasi kesiapan", "readiness-confirmed")
    assert "Kesiapan kegiatan dikonfirmasi. Status kegiatan: Siap." in text
    assert f"Kesiapan dikonfirmasi oleh {cast.ca_prov.full_name}" in text


def step8_event_team(can, lead, event) -> None:
    """The CAN records the support needed, proposes members by rotation; the lead confirms."""
    page = can.go(f"/events/{event.pk}/event-team/", "event-team")
    for role, start, end in (("mc", "08:30", "11:00"), ("operator", "08:00", "11:30")):
        page.select_option("select[name=role]", role)
        page.fill("input[name=people]", "1")
        page.fill("input[name=start_time]", start)
        page.fill("input[name=end_time]", end)
        page.fill("input[name=note]", "Gladi bersih sehari sebelumnya.")
        assert "Kebutuhan Event Team dicatat." in press(can, "Simpan kebutuhan", f"need-{role}")
    text = press(can, "Usulkan anggota menurut rotasi", "team-proposed")
    assert "Anggota diusulkan menurut rotasi." in text
    proposed = list(event.team.serving().select_related("employee"))
    assert len(proposed) == 2

    lead.go(f"/events/{event.pk}/event-team/", "event-team-lead")
    text = press(lead, "Konfirmasi rencana Event Team", "team-confirmed")
    assert "Rencana Event Team dikonfirmasi." in text
    for assignment in proposed:
        assert assignment.employee.full_name in text
    assert "Dikonfirmasi" in text


def step9_event_day(host, attendees, note_taker, event, cast) -> None:
    """Check-in through the QR link, the note taker's attendance, minutes and photo."""
    page = to_event(host, event, "event-day")
    follow(host, page.get_by_role("link", name="Tampilkan QR presensi"), "checkin-qr")
    assert page.locator(".qr-code svg").count() == 1
    link = page.locator("a[href*='/checkin/']").get_attribute("href")
    path = link.removeprefix(host.base)

    for tab in attendees:
        tab.go(path, "checkin")
        if tab.viewport == PHONE:
            assert tab.page_width() <= PHONE["width"], "the check-in page scrolls sideways"
        text = press(tab, "Saya hadir", "checked-in")
        assert "Terima kasih, kehadiran Anda tercatat." in text
        if tab.viewport == PHONE:
            assert tab.page_width() <= PHONE["width"], "the check-in page scrolls sideways"

    page = note_taker.go(f"/events/{event.pk}/attendance/", "attendance")
    page.fill("input[name=nip]", cast.forgotten.nip_display)
    text = press(note_taker, "Tambahkan ke daftar hadir", "attendance-added")
    assert f"{cast.forgotten.full_name} ditambahkan ke daftar hadir." in text
    for person in cast.attendees:
        assert person.full_name in text

    page = note_taker.go(f"/events/{event.pk}/minutes/", "minutes")
    page.fill("textarea[name=summary]", "Narasumber memaparkan praktik baik dan contoh kasus.")
    page.fill("textarea[name=questions_answers]", "T: Bagaimana menjaga mutu data? J: Uji silang.")
    page.fill("textarea[name=follow_ups]", "Materi dibagikan melalui Portal Pintar.")
    assert "Notulensi disimpan." in press(note_taker, "Simpan draf", "minutes-draft")
    assert "Yakin memfinalkan" in press(note_taker, "Finalkan notulensi", "minutes-final-ask")
    text = press(note_taker, "Ya, finalkan notulensi", "minutes-final")
    assert "Notulensi final. Kegiatan dicatat terlaksana." in text
    assert "hanya dapat dibaca" in text and "Uji silang" in text

    page = note_taker.go(f"/events/{event.pk}/photos/", "photos")
    page.set_input_files(
        "input[name=image]",
        files=[{"name": "pembukaan.jpg", "mimeType": "image/jpeg", "buffer": photo_jpeg()}],
    )
    page.fill("input[name=caption]", "Pembukaan oleh Kepala BPS")
    assert "Foto dokumentasi diunggah." in press(note_taker, "Unggah", "photo-uploaded")
    assert page.locator("img[alt*='Pembukaan']").count() >= 1


def step9_certificates(host, attendee_tab, event, attendee) -> None:
    """The host CA issues the certificates; an attendee downloads theirs and verifies it."""
    to_event(host, event, "event-held")
    text = press(host, "Terbitkan sertifikat peserta dan narasumber", "certificates-requested")
    assert "Sertifikat sedang diterbitkan" in text and "Penerbitan sertifikat" in text
    with override_settings(SITE_URL=host.base):  # the QR code points at this live server
        the_worker_issues_the_certificates()
    # The progress bar follows the worker without a reload.
    host.page.get_by_role("link", name="Unduh semua sertifikat (zip)").wait_for()
    host.look("certificates-issued")
    to_event(host, event, "event-certificates-issued")
    assert ledger(host) == {6: True, 7: True, 8: True, 9: True, 10: False, 11: False}

    page = nav(attendee_tab, "Sertifikat saya", "my-certificates", menu=attendee.full_name)
    row = page.locator("tr").filter(has_text=event.title)
    assert "Berlaku" in row.inner_text()
    data = fetch(attendee_tab, row.get_by_role("link", name="Unduh PDF").get_attribute("href"))
    text = pdf_text(data)
    assert attendee.full_name in text and "PESERTA" in text.upper() and event.title in text, text
    serial = re.search(r"Nomor: (\S+)", text).group(1)
    verify = row.get_by_role("link", name="Halaman verifikasi")
    url = host.base + verify.get_attribute("href")
    assert pdf_qr_matches(data, url), "the QR code is not the verification URL"
    follow(attendee_tab, verify, "certificate-verified")
    assert attendee_tab.page.url == url
    text = body(attendee_tab)
    assert "SAH" in text and attendee.full_name in text and serial in text


PRESENTER_SCORES = [[5, 5, 4, 5, 4], [4, 5, 5, 4, 5], [5, 4, 4, 5, 5]]


def step11_ratings(attendees, event) -> None:
    """Each attendee rates the presenter once, anonymously; one of them on a phone."""
    for n, tab in enumerate(attendees):
        if n == 0:
            page = nav(tab, "Evaluasi", "evaluations")
            follow(tab, page.get_by_role("link", name="Nilai narasumber"), "rate-presenter")
        else:  # from the link of the notice that the form is open
            tab.go(f"/evaluations/events/{event.pk}/rate/", "rate-presenter")
        if tab.viewport == PHONE:
            assert tab.page_width() <= PHONE["width"], "the evaluation page scrolls sideways"
            targets = tab.page.locator(".score-choices label").all()
            assert targets, "no score choices on the rating form"
            for label in targets:  # a finger finds every score: 44 px or more each way
                box = label.bounding_box()
                assert box["width"] >= 44 and box["height"] >= 44, box
        choose_scores(tab, PRESENTER_SCORES[n % len(PRESENTER_SCORES)])
        fill_all(tab, "textarea[name$=_comment]", f"Paparan jelas ({n + 1}).")
        fill_all(tab, "textarea[name$=_suggestion]", "Tambah waktu tanya jawab.")
        text = press(tab, "Kirim penilaian", "rated")
        assert "Terima kasih, penilaian Anda tersimpan tanpa nama." in text
        assert "Sudah menilai" in text
        if tab.viewport == PHONE:
            assert tab.page_width() <= PHONE["width"], "the evaluation page scrolls sideways"


def step11_organiser_ratings(can_tabs, event) -> None:
    """CAN Provinsi members rate the host office."""
    for n, tab in enumerate(can_tabs):
        tab.go(f"/evaluations/events/{event.pk}/organizer/", "rate-organiser")
        choose_scores(tab, [5, 4, 5, 4] if n % 2 else [4, 5, 4, 5])
        tab.page.fill("textarea[name=comment]", "Persiapan rapi dan tepat waktu.")
        text = press(tab, "Simpan penilaian", "organiser-rated")
        assert "Penilaian penyelenggara tersimpan." in text
        assert "Penyelenggara sudah dinilai" in text


CHAPTERS = {
    "introduction": "Serawai dilaksanakan berdasarkan SOP-098/17000/2025.",
    "implementation": "Kegiatan hibrida dua jam dengan satu narasumber.",
    "results": "Peserta memahami praktik baik; evaluasi narasumber tercantum.",
    "closing": "Kegiatan berjalan baik.",
}


def step10_report(host, cc, event) -> None:
    """The host CA writes and submits the report; the CC returns it, then approves the fix."""
    quarter = event.quarter
    nav(host, "Laporan", "reports")
    with host.page.expect_navigation():
        host.page.locator(f"form[action$='/reports/open/{quarter}/'] button").click()
    host.page.wait_for_load_state()
    host.look("report-draft")
    text = body(host)
    assert "draf kata sambutan belum diisi" in text and "belum ditulis" in text
    report_path = host.page.url.removeprefix(host.base)

    follow(host, host.page.get_by_role("link", name="Tulis bab laporan"), "report-chapters")
    for name, value in CHAPTERS.items():
        host.page.fill(f"textarea[name={name}]", value)
    assert "Bab laporan disimpan." in press(host, "Simpan", "report-chapters-saved")
    follow(host, host.page.get_by_role("link", name="ubah", exact=True), "report-speech")
    host.page.fill("input[name=speaker]", f"Kepala {event.host_office.name}")
    host.page.fill("textarea[name=text]", "Assalamualaikum. Selamat datang di Serawai.")
    text = press(host, "Simpan", "report-speech-saved")
    assert "Draf kata sambutan disimpan." in text
    assert "Semua bagian laporan sudah lengkap." in text
    text = press(host, "Ajukan ke CC", "report-submitted")
    assert "Laporan diajukan ke CC untuk disetujui." in text

    comment = "Lengkapi penutup dengan rencana tindak lanjut."
    cc.go(report_path, "report-to-decide")
    cc.page.check("input[value=return]")
    cc.page.fill("textarea[name=comment]", comment)
    assert comment in press(cc, "Simpan keputusan", "report-return-ask")  # asks first
    text = press(cc, "Ya, kembalikan laporan", "report-returned")
    assert "Laporan dikembalikan kepada penyusun dengan catatan." in text

    host.go(report_path, "report-returned")
    text = body(host)
    assert "Dikembalikan dengan catatan" in text and f"Catatan CC: {comment}" in text
    follow(host, host.page.get_by_role("link", name="Tulis bab laporan"), "report-fix")
    fixed = CHAPTERS["closing"] + " Tindak lanjut: materi dibagikan lewat Portal Pintar."
    host.page.fill("textarea[name=closing]", fixed)
    press(host, "Simpan", "report-fixed")
    text = press(host, "Ajukan ke CC", "report-resubmitted")
    assert "Laporan diajukan ke CC untuk disetujui." in text

    cc.go(report_path, "report-resubmitted")
    cc.page.check("input[value=approve]")
    text = press(cc, "Simpan keputusan", "report-approved")
    assert "Laporan disetujui." in text and "Disetujui CC" in text
    href = cc.page.get_by_role("link", name="Unduh PDF/A disetujui").get_attribute("href")
    report = pdf_text(fetch(cc, href))
    assert event.title in report and "Tindak lanjut: materi dibagikan" in report

    # The approved report carries the evaluation recap: steps 10 and 11 are done, and so is the
    # event's record: it is closed.
    page = nav(host, "Kegiatan", "events")
    follow(host, page.locator(f"a[href='{event.get_absolute_url()}']").first, "event-closed")
    assert ledger(host) == dict.fromkeys(range(6, 12), True)
    assert host.page.locator(".badge").filter(has_text="Ditutup").count() == 1


def awards(employee, can, event) -> None:
    """Everyone sees the year's best presenter and organiser; the CAN issues the certificates."""
    speakers = event.committee.filter(role=CommitteeMember.Role.SPEAKER)
    follow(employee, employee.page.get_by_role("link", name="Penghargaan"), "awards")
    text = body(employee)
    assert any(f"Terbaik: {s.display_name} " in text for s in speakers), text
    assert f"Terbaik: {event.host_office.name}" in text

    follow(can, can.page.get_by_role("link", name="Penghargaan"), "awards-can")
    for n in range(2):
        text = press(
            can,
            "Tetapkan dan terbitkan sertifikat penghargaan",
            f"award-{n}",
            scope=can.page.locator("section").filter(has=can.page.get_by_role("button")).first,
        )
        assert "diterbitkan" in text
    assert text.count("sertifikat penghargaan telah diterbitkan") == 2
