"""SOP-098/17000/2025 as data: the 11 steps of the Mutu Baku table (SOP.md).

Planning, the timeline, reminders and help texts read this table; no other module hard-codes
a step's duration, its responsible role or its output.
"""

from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext


class Unit(StrEnum):
    WORKING_DAYS = "working_days"
    HOURS = "hours"
    QUARTER = "quarter"


class Scope(StrEnum):
    CYCLE = "cycle"  # steps 1-5, once a year
    EVENT = "event"  # steps 6-11, once per selected theme


class Responsible(StrEnum):
    CAN = "can"
    CAN_AND_CC = "can_cc"
    REGENCY_CA = "regency_ca"  # the CA of each kab/kota office
    ELECTORATE = "electorate"
    HOST_CA = "host_ca"
    CA_PROVINCE = "ca_province"
    EVENT_TEAM = "event_team"
    EVERYONE = "everyone"
    CC = "cc"


@dataclass(frozen=True)
class Step:
    number: int
    name: str
    responsible: Responsible
    responsible_label: str
    duration: int
    unit: Unit
    inputs: str
    output: str
    note: str = ""
    # Who approves the output once the responsible people hand it in (step 10: the CC); the
    # responsible people's duty ends with the hand-in, the approver's begins.
    approver: Responsible | None = None
    approver_label: str = ""

    @property
    def scope(self) -> Scope:
        return Scope.CYCLE if self.number <= 5 else Scope.EVENT

    @property
    def in_working_days(self) -> bool:
        return self.unit == Unit.WORKING_DAYS

    def output_for(self, year: int) -> str:
        """The output's name for a year's cycle (step 2's letter is named after its year)."""
        text = str(self.output)
        return text % {"year": year} if "%(year)s" in text else text

    @property
    def duration_label(self) -> str:
        n = self.duration
        if self.unit == Unit.WORKING_DAYS:
            return ngettext("%(n)d hari kerja", "%(n)d hari kerja", n) % {"n": n}
        if self.unit == Unit.HOURS:
            return ngettext("%(n)d jam", "%(n)d jam", n) % {"n": n}
        return _("Triwulan")


STEPS: tuple[Step, ...] = (
    Step(
        1,
        _("Membuat konsep dan jadwal penyelenggaraan Serawai"),
        Responsible.CAN_AND_CC,
        _("CAN (CA dan CC bersama-sama)"),
        3,
        Unit.WORKING_DAYS,
        _("Informasi kegiatan Sharing Knowledge Manajemen Perubahan dari BPS RI"),
        _("Konsep dan jadwal penyelenggaraan Serawai"),
        _("CA dan CC bersama-sama mendiskusikan dan menetapkan konsep dan jadwal penyelenggaraan."),
    ),
    Step(
        2,
        _("Sosialisasi penyelenggaraan kegiatan Serawai dan sistem pemilihan tema Serawai"),
        Responsible.CAN,
        _("CAN"),
        1,
        Unit.WORKING_DAYS,
        _("Sistem pelaksanaan Serawai yang sudah disepakati"),
        _("Surat Penyelenggaraan dan Kolaborasi Kegiatan Serawai Tahun %(year)s"),
    ),
    Step(
        3,
        _("Mengusulkan tema Serawai"),
        Responsible.REGENCY_CA,
        _("BPS Kabupaten/Kota"),
        7,
        Unit.WORKING_DAYS,
        _("Form Usulan Tema Serawai kabupaten/kota"),
        _("Daftar usulan tema Serawai dari BPS kabupaten/kota"),
    ),
    Step(
        4,
        _("Memilih tema Serawai secara voting"),
        Responsible.ELECTORATE,
        _("Pegawai / BPS Kabupaten/Kota"),
        15,
        Unit.WORKING_DAYS,
        _(
            "Surat Pemilihan Tema Serawai Kabupaten/Kota, "
            "Form pemilihan tema Serawai kabupaten/kota"
        ),
        _("3 Tema Terpilih dari Usulan Tema kabupaten/kota"),
        _("Tema yang terpilih merupakan tema yang mendapatkan suara terbanyak."),
    ),
    Step(
        5,
        _("Mengumumkan tema terpilih, jadwal dan penyelenggara Serawai"),
        Responsible.CAN,
        _("CAN"),
        1,
        Unit.WORKING_DAYS,
        _("Surat Hasil Pemilihan Tema Serawai kabupaten/Kota"),
        _("Pengumuman 3 Tema Terpilih dan jadwal pelaksanaan masing-masing tema"),
    ),
    Step(
        6,
        _("Menyiapkan susunan kepanitiaan"),
        Responsible.HOST_CA,
        _("BPS Kabupaten/Kota penyelenggara"),
        1,
        Unit.WORKING_DAYS,
        _("Hasil pembagian peran yang telah disampaikan oleh CAN Provinsi"),
        _("Surat Daftar Nama Pelaksana Serawai"),
        _("Surat dikirimkan oleh BPS kabupaten/kota penyelenggara ke BPS Provinsi."),
    ),
    Step(
        7,
        _("Koordinasi persiapan acara dengan CA Provinsi"),
        Responsible.CA_PROVINCE,
        _("CA Provinsi dan CA kabupaten/kota penyelenggara"),
        1,
        Unit.WORKING_DAYS,
        _("Informasi perkembangan persiapan kegiatan"),
        _("Konfirmasi kesiapan penyelenggaraan kegiatan"),
        _(
            "CA Provinsi bertanggung jawab mengoordinasikan progress persiapan "
            "penyelenggaraan acara dengan CA kabupaten/kota penyelenggara."
        ),
    ),
    Step(
        8,
        _("Koordinasi dengan Event Team"),
        Responsible.EVENT_TEAM,
        _("CAN dan Event Team"),
        10,
        Unit.WORKING_DAYS,
        _(
            "Informasi kebutuhan dukungan Event Team (jenis peran, jumlah personel, dan waktu "
            "pelaksanaan)"
        ),
        _("Konfirmasi rencana kegiatan dan kebutuhan peran Event Team"),
        _(
            "Penetapan peran dilakukan melalui mekanisme rapat atau diskusi internal Event Team. "
            "Disarankan adanya rotasi peran antar anggota Event Team."
        ),
    ),
    Step(
        9,
        _("Menyelenggarakan kegiatan Serawai"),
        Responsible.EVERYONE,
        _("Semua pelaksana"),
        2,
        Unit.HOURS,
        _("Petugas penyelenggara sesuai peran yang dibagi"),
        _("Sertifikat Peserta dan Narasumber, dokumentasi kegiatan, notulensi"),
        _("CA Provinsi bertanggung jawab mengawasi penyelenggaraan acara."),
    ),
    Step(
        10,
        _("Menyusun laporan kegiatan Serawai"),
        Responsible.HOST_CA,
        _("BPS Kabupaten/Kota penyelenggara dan CAN; disetujui CC"),
        1,
        Unit.QUARTER,
        _("Undangan, draft kata sambutan, daftar hadir, dokumentasi, notulensi, saran dan masukan"),
        _("Laporan Kegiatan Serawai"),
        _("Laporan Kegiatan diperiksa dan disetujui oleh CC."),
        approver=Responsible.CC,
        approver_label=_("CC"),
    ),
    Step(
        11,
        _("Evaluasi penyaji dan penyelenggara"),
        Responsible.CAN,
        _("Peserta menilai penyaji; CAN Provinsi menilai penyelenggara"),
        1,
        Unit.QUARTER,
        _("Form penilaian penyaji dan penyelenggara Serawai"),
        _("Rekap hasil penilaian penyaji dan penyelenggara Serawai"),
        _(
            "Evaluasi dilakukan langsung setelah penyelenggaraan; hasilnya menentukan penyaji "
            "terbaik dan penyelenggara kabupaten/kota terbaik."
        ),
        # Its recap goes out in the quarter's report (reports.services.report): handed in with
        # it, approved with it.
        approver=Responsible.CC,
        approver_label=_("CC"),
    ),
)

BY_NUMBER: dict[int, Step] = {step.number: step for step in STEPS}
CYCLE_STEPS = tuple(step for step in STEPS if step.scope == Scope.CYCLE)
EVENT_STEPS = tuple(step for step in STEPS if step.scope == Scope.EVENT)
PREPARATION_STEPS = tuple(BY_NUMBER[n] for n in (6, 7, 8))  # planned backwards from the event
HOLDING_STEP = BY_NUMBER[9]  # holding the event: due on the event's own day and hours


def step(number: int) -> Step:
    return BY_NUMBER[number]
