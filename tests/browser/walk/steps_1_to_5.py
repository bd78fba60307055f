"""Steps 1-5 of the year in the browser, each by the person whose job it is (SOP-098/17000/2025).

1. The CAN coordinator creates the cycle and writes the concept; the CC returns it once with a
   comment, the CAN revises it, the CC agrees.
2. The CAN publishes the socialisation letter; its PDF is downloaded and read.
3. The CAs of four kab/kota offices propose six themes (the first comes from the notification
   that the letter sent).
4. The CAN closes the proposals and opens the vote; five employees vote (one on a phone, from
   the notification; one changes their mind on the confirmation); results and turnout per office
   stay hidden from everyone, the CAN included, while the vote is open.
5. The calendar jumps past the vote's deadline; the CAN closes the vote, decides the tie at the
   cut-off with a reason, sets hosts and dates and announces: three events are created.

Every page visited is screenshotted and checked with axe-core (Visitor.go / Visitor.look).
"""

import datetime
import io
import re
from dataclasses import dataclass

from django.utils import timezone

from cycles.calendar import WorkingCalendar
from events.models import Event
from tests.browser.conftest import PHONE

from .pages import follow, nav
from .world import YearWorld, last_day_of_step, open_step, sign_in


@dataclass(frozen=True)
class Theme:
    office: str  # the proposing kab/kota office
    title: str
    quarter: int
    speaker: str  # "staff" (an employee of the office) or "Name; Institution"


# Six proposals of four offices. Titles are distinct and none contains another (the ballot's
# checkboxes are found by their label).
THEMES = {
    "padi": Theme("1701", "Pemanfaatan Citra Satelit untuk Estimasi Luas Panen Padi", 1, "staff"),
    "dashboard": Theme("1701", "Dashboard Indikator Strategis dengan Looker Studio", 2, "staff"),
    "susenas": Theme("1702", "Pengolahan Data Susenas dengan R untuk Pemula", 1, "staff"),
    "wawancara": Theme(
        "1703",
        "Teknik Wawancara Efektif pada Survei Rumah Tangga",
        2,
        "Dr. Rini Astuti, M.Si.; Universitas Bengkulu",
    ),
    "python": Theme("1771", "Otomatisasi Laporan Bulanan dengan Python", 2, "staff"),
    "infografis": Theme("1771", "Komunikasi Publik Data Statistik melalui Infografis", 3, "staff"),
}

# Five ballots. padi 4, susenas 3, then python and wawancara 2 each for the last seat: a tie
# across the cut-off, which the CAN decides for wawancara (Bengkulu Utara).
BALLOTS = [
    ("padi", "susenas", "python"),  # cast on a phone
    ("padi", "susenas", "wawancara"),
    ("padi", "python", "dashboard"),
    ("padi", "susenas", "wawancara"),
    ("infografis",),
]
FIRST_THOUGHT = ("padi", "dashboard")  # the second voter's first ticks, changed before casting
EXPECTED_COUNTS = {
    "padi": 4,
    "susenas": 3,
    "python": 2,
    "wawancara": 2,
    "dashboard": 1,
    "infografis": 1,
}
TIE_CHOICE = "wawancara"
TIE_REASON = (
    "BPS Kabupaten Bengkulu Utara belum pernah menjadi tuan rumah Serawai; "
    "Kota Bengkulu menjadi tuan rumah tahun lalu."
)
WINNERS = ("padi", "susenas", "wawancara")


def _alerts(page) -> str:
    return " ".join(page.locator("main [role=alert]").all_inner_texts())


def _nav(tab, menu: str | None, item: str, label: str):
    return nav(tab, item, label, menu)


def pdf_text(tab, link) -> str:
    """Download the PDF behind `link` in the visitor's own session and return its text."""
    from pypdf import PdfReader

    href = link.get_attribute("href")
    response = tab.context.request.get(tab.base + href)
    assert response.ok, f"{href}: {response.status}"
    assert response.headers["content-type"] == "application/pdf"
    data = response.body()
    assert data.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


# --- step 1 ---------------------------------------------------------------------------------


def _plan_the_cycle(visit, world: YearWorld):
    can = sign_in(visit, world.can, "can")
    page = can.go("/", "home-no-cycle")
    assert "Belum ada siklus Serawai" in page.content()
    page = follow(can, page.get_by_role("link", name="Buat siklus tahun ini"), "cycle-form")
    today = WorkingCalendar.load().first_working_day_on_or_after(timezone.localdate())
    page.fill("#id_start_date", today.isoformat())
    page.fill("#id_themes_to_select", "3")
    page.fill("#id_proposals_per_office", "2")
    page = follow(can, page.get_by_role("button", name="Buat siklus"), "timeline-new-cycle")
    assert f"Siklus Serawai {world.year} dibuat." in _alerts(page)
    assert world.cycle is not None
    open_step(world.cycle, 1)  # the calendar: step 1 is open today (it starts today anyway)

    page = _nav(can, "Siklus", "Konsep", "concept-empty")
    assert "Konsep belum ditulis." in page.content()
    page = follow(can, page.get_by_role("link", name="Tulis/ubah konsep"), "concept-form")
    page.fill(
        "#id_background", "Arahan BPS RI tentang manajemen perubahan dan berbagi pengetahuan."
    )
    page.fill("#id_aims", "Pegawai saling berbagi praktik baik pengolahan data.")
    page.fill("#id_format", "Kegiatan dua jam, hibrida, dibuka untuk seluruh pegawai.")
    page.fill("#id_selection_rules", "Tiga tema dengan suara terbanyak terpilih.")
    page.select_option("#id_electorate", "employees")
    page.fill("#id_choices_per_ballot", "3")
    page.fill("#id_themes_to_select", "3")
    page.fill("#id_proposals_per_office", "2")
    page = follow(can, page.get_by_role("button", name="Simpan"), "concept-saved")
    assert "Konsep disimpan." in _alerts(page)
    page = follow(can, page.get_by_role("button", name="Ajukan ke CC"), "concept-submitted")
    assert "Konsep diajukan kepada CC." in _alerts(page)

    cc = sign_in(visit, world.cc, "cc")
    page = _nav(cc, "Siklus", "Konsep", "concept-submitted")
    assert page.locator("#concept-status").inner_text() == "Diajukan ke CC"
    page.select_option("#id_decision", "return")
    page.fill("#id_comment", "Tambahkan jadwal sosialisasi ke kabupaten/kota pada tujuan.")
    page = follow(cc, page.get_by_role("button", name="Simpan keputusan"), "concept-return-ask")
    assert "Yakin mengembalikan konsep" in page.content()  # a return asks first
    page = follow(
        cc, page.get_by_role("button", name="Ya, kembalikan konsep"), "concept-returned-by-cc"
    )
    assert "Konsep dikembalikan kepada CAN." in _alerts(page)

    page = _nav(can, "Siklus", "Konsep", "concept-returned")
    assert "Tambahkan jadwal sosialisasi" in page.content()  # the CC's comment, shown to the CAN
    page = follow(can, page.get_by_role("link", name="Tulis/ubah konsep"), "concept-revise")
    page.fill(
        "#id_aims",
        "Pegawai saling berbagi praktik baik pengolahan data; sosialisasi ke BPS kabupaten/kota "
        "satu hari kerja setelah konsep disepakati.",
    )
    page = follow(can, page.get_by_role("button", name="Simpan"), "concept-revised")
    page = follow(can, page.get_by_role("button", name="Ajukan ke CC"), "concept-resubmitted")

    page = _nav(cc, "Siklus", "Konsep", "concept-resubmitted")
    assert "sosialisasi ke BPS kabupaten/kota" in page.content()
    page.select_option("#id_decision", "agree")
    page = follow(cc, page.get_by_role("button", name="Simpan keputusan"), "concept-agreed")
    assert "Konsep disepakati; langkah 1 selesai." in _alerts(page)
    assert page.locator("#concept-status").inner_text() == "Disepakati"
    return can, cc


# --- step 2 ---------------------------------------------------------------------------------


def _socialise(can, world: YearWorld) -> str:
    """Returns the letter's number."""
    open_step(world.cycle, 2)  # the calendar jumps to step 2's day
    page = _nav(can, "Siklus", "Konsep", "concept-agreed")
    page = follow(
        can, page.get_by_role("button", name="Terbitkan surat sosialisasi"), "letter-issued"
    )
    assert "pengusulan tema dibuka" in _alerts(page)
    link = page.get_by_role("link", name="(PDF)")
    number = link.inner_text().removeprefix("Surat ").removesuffix(" (PDF)")
    assert number.startswith("B-") and number.endswith(f"/{world.year}")
    text = pdf_text(can, link)
    assert f"Penyelenggaraan dan Kolaborasi Kegiatan Serawai Tahun {world.year}" in text
    assert number in text
    assert world.cc.full_name in text  # signed by the head of the province office
    page = _nav(can, "Siklus", "Linimasa", "timeline-steps-1-2-done")
    rows = page.locator("tbody tr")
    assert number in rows.nth(1).inner_text()  # step 2's output: the letter
    return number


# --- step 3 ---------------------------------------------------------------------------------


def _propose(visit, world: YearWorld, letter_number: str) -> None:
    open_step(world.cycle, 3)  # the calendar jumps to step 3's first day
    for code in ("1701", "1702", "1703", "1771"):
        ca = sign_in(visit, world.ca_by_office[code], f"ca-{code}")
        if code == "1701":  # the socialisation reached the kab/kota CAs: two notices
            page = ca.go("/", "home")
            bell = page.get_by_role("link", name=re.compile(r"^Notifikasi, \d+ belum dibaca$"))
            page = follow(ca, bell, "notifications")
            assert f"Nomor {letter_number}." in page.content()
            opened = page.get_by_role("button", name=f"Pengusulan tema Serawai {world.year} dibuka")
            page = follow(ca, opened, f"proposals-{code}")
        else:
            page = _nav(ca, "Tema", "Usulan tema", f"proposals-{code}")
        assert "Dibuka sampai" in page.content()
        for key, theme in THEMES.items():
            if theme.office != code:
                continue
            page = follow(ca, page.get_by_role("link", name="Tambah usulan"), f"propose-{key}")
            page.fill("#id_title", theme.title)
            page.fill("#id_abstract", f"Ringkasan materi: {theme.title.lower()}.")
            page.fill("#id_relevance", "Mempercepat pekerjaan statistik rutin di kantor.")
            page.select_option("#id_preferred_quarter", str(theme.quarter))
            if theme.speaker == "staff":
                speaker = world.plain_of(code)[0]
                page.select_option("#id_speakers", str(speaker.pk))
            else:
                page.fill("#id_external_speakers", theme.speaker)
            page = follow(ca, page.get_by_role("button", name="Simpan"), f"proposed-{key}")
            assert "Usulan tema disimpan." in _alerts(page)
            assert theme.title in page.locator("table").inner_text()
        if code == "1701":  # the limit of the concept: two proposals per office
            assert page.get_by_role("link", name="Tambah usulan").count() == 1
        ca.close()


# --- step 4 ---------------------------------------------------------------------------------


def _cast(tab, ballot, label, first_thought=None):
    """Tick the themes of `ballot` (after `first_thought`, taken back on the confirmation),
    confirm them, and check what the voter is shown: that they voted, never what they chose."""
    page = tab.page
    assert page.locator("input[name=choices]").count() == len(THEMES)
    for key, theme in THEMES.items():
        page.get_by_label(theme.title).set_checked(key in (first_thought or ballot))
    page = follow(tab, page.get_by_role("button", name="Lanjutkan"), f"{label}-confirm")
    if first_thought:
        confirm = page.locator("#ballot-confirm").inner_text()
        assert all(THEMES[key].title in confirm for key in first_thought)
        page = follow(tab, page.get_by_role("button", name="Ubah pilihan"), f"{label}-change")
        for key, theme in THEMES.items():
            page.get_by_label(theme.title).set_checked(key in ballot)
        page = follow(tab, page.get_by_role("button", name="Lanjutkan"), f"{label}-confirm-2")
    confirm = page.locator("#ballot-confirm").inner_text()
    assert "tidak dapat diubah" in confirm
    assert {k for k, t in THEMES.items() if t.title in confirm} == set(ballot)
    page = follow(tab, page.get_by_role("button", name="Ya, berikan suara"), label)
    assert "Suara Anda tersimpan secara rahasia." in _alerts(page)
    assert "Anda sudah memberikan suara pada" in page.content()
    assert page.locator("input[name=choices]").count() == 0  # final: nothing to change
    return page


def _vote_on_a_phone(visit, voter, ballot):
    """The first voter on a 390x844 phone: from the notification to the ballot and its receipt;
    no page scrolls sideways. Returns the tab, still signed in."""
    tab = sign_in(visit, voter, "voter-1-phone", viewport=PHONE)
    page = tab.go("/", "home")
    page.get_by_role("button", name="Buka menu").click()
    bell = page.get_by_role("link", name=re.compile(r"^Notifikasi, \d+ belum dibaca$"))
    page = follow(tab, bell, "notifications")
    assert tab.page_width() <= PHONE["width"], "the notifications scroll sideways on a phone"
    opened = page.get_by_role("button", name=re.compile(r"Pemilihan tema Serawai \d+ dibuka"))
    page = follow(tab, opened, "ballot")
    assert page.url.endswith("/voting/ballot/")
    assert tab.page_width() <= PHONE["width"], "the ballot scrolls sideways on a phone"
    _cast(tab, ballot, "ballot-receipt")
    assert tab.page_width() <= PHONE["width"], "the receipt scrolls sideways on a phone"
    page = _nav(tab, "Tema", "Hasil pemilihan", "results-hidden-while-open")
    assert "Jumlah suara dirahasiakan" in page.content()
    assert tab.page_width() <= PHONE["width"]
    return tab


def _vote(visit, world: YearWorld, can):
    """Returns the phone voter's tab, still signed in."""
    open_step(world.cycle, 4)  # the calendar jumps: step 3's seven working days have passed
    page = _nav(can, "Tema", "Usulan tema", "proposals-deadline-passed")
    assert "sudah lewat" in page.locator("#closed-reason").inner_text()
    assert page.locator("tbody tr").count() == len(THEMES)
    page = follow(
        can,
        page.get_by_role("button", name="Tutup pengusulan dan buka pemungutan suara"),
        "vote-open-ask",
    )
    page = follow(can, page.get_by_role("button", name="Ya, buka pemungutan suara"), "vote-opened")
    assert "Pemungutan suara dibuka" in _alerts(page)
    assert page.locator("#vote-status").inner_text() == "Dibuka"
    text = pdf_text(can, page.get_by_role("link", name="Pemilihan Tema Serawai"))
    for theme in THEMES.values():
        assert theme.title[:30] in text, theme.title  # every proposal is in the vote letter

    voters = [world.plain_of("1700")[0], *world.plain_of("1700")[1:3], *world.plain_of("1705")[:2]]
    for n, (voter, ballot) in enumerate(zip(voters, BALLOTS, strict=True)):
        if n == 0:
            phone_tab = _vote_on_a_phone(visit, voter, ballot)
            continue
        tab = sign_in(visit, voter, f"voter-{n + 1}")
        page = _nav(tab, "Tema", "Pemilihan tema", "ballot")
        # The second voter changes their mind on the confirmation, before casting.
        _cast(tab, ballot, "ballot-receipt", FIRST_THOUGHT if n == 1 else None)
        tab.close()

    page = _nav(can, "Tema", "Hasil pemilihan", "results-while-open")
    assert "dirahasiakan" in page.content() and page.locator("#tally").count() == 0
    return phone_tab


# --- step 5 ---------------------------------------------------------------------------------


def _counts_on(page) -> dict[str, int]:
    rows = page.locator("#tally tbody tr")
    shown = {}
    for i in range(rows.count()):
        title = rows.nth(i).locator(".theme-title").inner_text()
        key = next(k for k, t in THEMES.items() if t.title == title)
        shown[key] = int(rows.nth(i).locator(".votes").inner_text())
    return shown


def _announce(world: YearWorld, can, phone_tab) -> list[Event]:
    last_day_of_step(world.cycle, 4)  # the calendar jumps to the vote's closing day
    page = _nav(can, "Tema", "Hasil pemilihan", "results-before-close")
    assert page.locator("#tally").count() == 0  # hidden from the CAN too until the close
    page = follow(can, page.get_by_role("button", name="Tutup pemungutan suara"), "vote-close-ask")
    page = follow(can, page.get_by_role("button", name="Ya, tutup pemungutan suara"), "vote-closed")
    assert "Pemungutan suara ditutup; langkah 4 selesai." in _alerts(page)
    open_step(world.cycle, 5)  # the next working day: the CAN announces
    page = _nav(can, "Tema", "Hasil pemilihan", "results-closed")
    assert f"{len(BALLOTS)} pemilih telah memberikan suara." in page.content()
    turnout = follow(can, page.get_by_role("link", name="Partisipasi per kantor"), "turnout")
    assert f"{len(BALLOTS)} dari {len(world.employees)} pemilih" in turnout.content()
    page = _nav(can, "Tema", "Hasil pemilihan", "results-closed-again")
    assert _counts_on(page) == EXPECTED_COUNTS
    tied = page.locator("#tally tr.table-warning").all_inner_texts()
    assert len(tied) == 2 and all("Suara sama pada batas" in row for row in tied)

    form = page.locator("form[action$='/results/tie/']")
    form.get_by_label(THEMES[TIE_CHOICE].title).check()
    form.get_by_label("Alasan keputusan").fill(TIE_REASON)
    page = follow(can, form.get_by_role("button", name="Simpan keputusan"), "tie-decided")
    assert "Keputusan suara sama dicatat." in _alerts(page)
    assert TIE_REASON in page.locator(".alert-warning").inner_text()
    assert "terpilih oleh keputusan CAN" in page.locator("#tally").inner_text()

    page = follow(
        can, page.get_by_role("link", name="Tetapkan tuan rumah dan tanggal"), "selections"
    )
    cal = WorkingCalendar.load()
    dates = page.locator("input[type=date]")
    assert dates.count() == len(WINNERS)
    earliest = datetime.date.fromisoformat(dates.nth(0).input_value())
    for i in range(1, dates.count()):  # the other two a week and two weeks later
        dates.nth(i).fill(cal.add_working_days(earliest, 1 + 5 * i).isoformat())
    page = follow(can, page.get_by_role("button", name="Simpan"), "selections-saved")
    assert "Tuan rumah dan tanggal kegiatan disimpan." in _alerts(page)
    chosen = page.locator("#selections").inner_text()
    assert all(THEMES[key].title in chosen for key in WINNERS)

    page = follow(can, page.get_by_role("button", name="Umumkan hasil"), "announced")
    assert "Hasil diumumkan dengan surat" in _alerts(page)
    assert page.locator("#vote-status").inner_text() == "Diumumkan"
    text = pdf_text(can, page.get_by_role("link", name="Hasil Pemilihan Tema Serawai"))
    for key in WINNERS:
        assert THEMES[key].title[:30] in text

    page = _nav(phone_tab, "Tema", "Hasil pemilihan", "results-announced")  # the voter reads it
    assert phone_tab.page_width() <= PHONE["width"], "the results scroll sideways on a phone"
    assert _counts_on(page) == EXPECTED_COUNTS
    assert all(THEMES[key].title in page.locator("#selections").inner_text() for key in WINNERS)
    phone_tab.close()

    page = _nav(can, "Siklus", "Linimasa", "timeline-steps-1-5-done")
    assert page.locator("tbody tr").count() == 5 + 6 * len(WINNERS)  # every event's steps 6-11
    for row in page.locator("section").first.locator("tbody tr").all_inner_texts():
        assert "Selesai" in row and "terlambat" not in row, row  # a year kept on schedule
    page = _nav(can, None, "Kegiatan", "events-created")
    listed = page.locator("main").inner_text()
    assert all(THEMES[key].title in listed for key in WINNERS)
    events = list(Event.objects.filter(cycle=world.cycle).order_by("date", "pk"))
    assert {e.title for e in events} == {THEMES[key].title for key in WINNERS}
    assert {e.host_office.code for e in events} == {THEMES[key].office for key in WINNERS}
    return events


def walk_steps_1_to_5(visit, world: YearWorld) -> list[Event]:
    """Steps 1-5 through the browser; returns the three events the announcement created."""
    can, cc = _plan_the_cycle(visit, world)
    cc.close()
    letter_number = _socialise(can, world)
    _propose(visit, world, letter_number)
    phone_tab = _vote(visit, world, can)
    events = _announce(world, can, phone_tab)
    world.notes["themes"] = {key: THEMES[key] for key in WINNERS}
    can.close()
    return events
