"""Demo data of step 10: the activity report of every past quarter whose events are held,
written in the quarter's last week and submitted before it ends; the CC has yet to decide
(the CC's demo to-do).

Idempotent: an existing report is left as it is. seed_demo runs the evaluation demo first,
because a report needs the evaluation recap.
"""

from datetime import time

from django.utils import timezone

from cycles.calendar import WorkingCalendar
from demo import people as people_demo
from demo import story
from organization.models import RoleAssignment
from reports.models import ActivityReport
from reports.selectors import assembly
from reports.services import report as services

Role = RoleAssignment.Role


def _chapters(report) -> dict:
    events = list(
        assembly.quarter_events(report.cycle, report.quarter).select_related("host_office")
    )
    titles = ", ".join(f"“{e.title}”" for e in events)
    hosts = ", ".join(sorted({e.host_office.name for e in events}))
    q = report.quarter_roman
    return {
        "introduction": (
            "Serawai (Sharing Knowledge Antar Pegawai) adalah wadah berbagi pengetahuan "
            "antarpegawai BPS Provinsi Bengkulu dan BPS Kabupaten/Kota yang diselenggarakan "
            "berdasarkan SOP-098/17000/2025.\n\n"
            f"Laporan ini disusun untuk mendokumentasikan kegiatan Serawai triwulan {q} tahun "
            f"{report.cycle.year}, yaitu {titles}, sebagai bahan evaluasi dan tindak lanjut."
        ),
        "implementation": (
            f"Kegiatan diselenggarakan oleh {hosts} bersama CAN Provinsi dan Event Team, "
            "secara hibrida melalui ruang pertemuan dan rapat daring. Susunan acara meliputi "
            "pembukaan, sambutan, pemaparan materi oleh narasumber, tanya jawab dan penutup."
        ),
        "results": (
            "Peserta memperoleh pemahaman baru yang dapat diterapkan pada pekerjaan statistik "
            "sehari-hari. Rekap evaluasi narasumber dan saran peserta disajikan berikut ini "
            "sebagai dasar perbaikan kegiatan berikutnya."
        ),
        "closing": (
            "Kegiatan Serawai triwulan ini berjalan dengan baik sesuai jadwal. Saran peserta "
            "akan ditindaklanjuti oleh CAN Provinsi pada penyelenggaraan berikutnya."
        ),
    }


def _speech(event) -> str:
    return (
        "Assalamualaikum warahmatullahi wabarakatuh, salam sejahtera bagi kita semua.\n"
        "Yang kami hormati Kepala BPS Provinsi Bengkulu, para narasumber, serta seluruh pegawai "
        "BPS se-Provinsi Bengkulu.\n"
        f"Puji syukur kita dapat berkumpul dalam kegiatan Serawai bertema “{event.title}”. "
        "Semoga pengetahuan yang dibagikan hari ini memperkuat kualitas data yang kita hasilkan.\n"
        "Dengan mengucap bismillahirrahmanirrahim, kegiatan ini secara resmi kami buka.\n"
        "Wassalamualaikum warahmatullahi wabarakatuh."
    )


def seed(cycle, stdout) -> None:
    author = people_demo.province_role_holder(cycle, Role.CAN_MEMBER, Role.CAN_COORDINATOR)
    if author is None:
        stdout.write("reports: no CAN member in the demo cycle, no report seeded")
        return
    cal = WorkingCalendar.load(cycle.province_id)
    today = timezone.localdate()
    made = submitted = 0
    for quarter in (1, 2, 3, 4):
        events = list(assembly.quarter_events(cycle, quarter))
        _first, last = assembly.quarter_bounds(cycle.year, quarter)
        if not events or last >= today or any(e.date > today for e in events):
            continue
        if ActivityReport.objects.filter(cycle=cycle, quarter=quarter).exists():
            continue
        # written in the quarter's last week and handed to the CC before the quarter ends
        with story.on(cal.subtract_working_days(last, 5), time(10, 0)):
            report = services.open_report(cycle=cycle, quarter=quarter, by=author)
            report = services.update_chapters(report, by=author, **_chapters(report))
            for event in events:
                services.set_opening_speech(
                    report,
                    event=event,
                    by=author,
                    speaker=f"Kepala {event.host_office.name}",
                    text=_speech(event),
                )
        made += 1
        if not assembly.assemble(report).is_complete:
            continue
        with story.on(cal.subtract_working_days(last, 3), time(14, 0)):
            services.submit_report(report, by=author)
        submitted += 1
    stdout.write(f"reports: {made} activity report(s) seeded, {submitted} awaiting the CC\n")
