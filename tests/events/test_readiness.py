"""Step 7: the host CA reports preparation; only a CA of the province office confirms it."""

import re

import pytest
from django.conf import settings

from demo.national.seed import seed_offices
from events.models import Event, EventStep, ReadinessLog
from tests.factories import EmployeeFactory, office, upload_pdf_material

from .conftest import readiness_form, url

pytestmark = pytest.mark.django_db

ALL_ITEMS = {
    "place_ready": "on",
    "material_received": "on",
    "invitation_sent": "on",
    "committee_confirmed": "on",
    "equipment_tested": "on",
}


def post_progress(client, event, items, comment="", place="Aula BPS Bengkulu Selatan"):
    data = readiness_form(place=place, comment=comment, **items)
    return client.post(url("readiness", event), data, follow=True)


def test_host_ca_records_progress_with_a_dated_comment(client, event, ca_1701):
    client.force_login(ca_1701)
    page = post_progress(client, event, {"place_ready": "on"}, comment="Aula sudah dipesan.")
    text = page.content.decode()
    assert "Kemajuan persiapan dicatat." in text
    assert "Aula sudah dipesan." in text and "1/5" in text
    event.refresh_from_db()
    assert event.place == "Aula BPS Bengkulu Selatan"
    entry = ReadinessLog.objects.get(event=event)
    assert entry.author == ca_1701 and entry.done_count == 1
    assert EventStep.objects.get(event=event, number=7).started_at is not None


def test_place_ready_needs_a_place_or_a_link(client, event, ca_1701):
    client.force_login(ca_1701)
    data = readiness_form(mode="offline", place="", link="", place_ready="on")
    page = client.post(url("readiness", event), data)
    assert "Isi tempat dan/atau tautan rapat" in page.content.decode()
    assert not ReadinessLog.objects.exists()


def test_readiness_is_confirmed_by_a_province_ca_only(
    client, event, ca_1701, ca_1702, ca_province, can_coordinator
):
    upload_pdf_material(event, ca_1701)
    client.force_login(ca_1701)
    post_progress(client, event, ALL_ITEMS, comment="Semua siap.")
    for person in (ca_1701, ca_1702, can_coordinator):
        client.force_login(person)
        assert client.post(url("readiness_confirm", event)).status_code == 403
    event.refresh_from_db()
    assert event.status == Event.Status.PLANNED

    client.force_login(ca_province)
    page = client.post(url("readiness_confirm", event), {"comment": "OK"}, follow=True)
    assert "Kesiapan kegiatan dikonfirmasi" in page.content.decode()
    event.refresh_from_db()
    assert event.status == Event.Status.READY
    step = EventStep.objects.get(event=event, number=7)
    assert step.completed_by == ca_province and step.completed_at is not None
    assert ReadinessLog.objects.filter(event=event, is_confirmation=True).count() == 1


def test_confirmation_refused_while_the_checklist_is_incomplete(
    client, event, ca_1701, ca_province
):
    client.force_login(ca_1701)
    post_progress(client, event, {"place_ready": "on", "equipment_tested": "on"})
    client.force_login(ca_province)
    page = client.post(url("readiness_confirm", event), follow=True)
    assert "Daftar periksa belum lengkap (2 dari 5 butir)" in page.content.decode()
    event.refresh_from_db()
    assert event.status == Event.Status.PLANNED


def test_another_regency_ca_cannot_update_readiness(client, event, ca_1702):
    client.force_login(ca_1702)
    page = post_progress(client, event, ALL_ITEMS)
    assert "Simpan kemajuan" not in page.content.decode()
    assert not ReadinessLog.objects.exists()


def test_an_employee_of_another_province_gets_404(client, event):
    seed_offices(["1100"])
    outsider = EmployeeFactory(office=office("1101"))
    client.force_login(outsider)
    assert client.get(url("detail", event)).status_code == 404
    assert client.get(url("readiness", event)).status_code == 404


def input_value(html, name):
    tag = re.search(rf'<input[^>]*name="{name}"[^>]*>', html).group(0)
    return re.search(r'value="([^"]*)"', tag).group(1)


@pytest.mark.parametrize("language", ["id", "en"])
def test_time_pickers_show_the_events_hours_in_either_language(client, event, ca_1701, language):
    """A browser's time picker reads only 09:00: the Indonesian "09.00.00" showed it empty."""
    client.force_login(ca_1701)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    html = client.get(url("readiness", event)).content.decode()
    shown = {name: input_value(html, f"event-{name}") for name in ("start_time", "end_time")}
    assert shown == {"start_time": "09:00", "end_time": "11:00"}

    data = readiness_form(place_ready="on", comment="Jam tetap.")
    data.update({"event-start_time": "08:30", "event-end_time": "10:30"})
    page = client.post(url("readiness", event), data, follow=True)
    assert page.redirect_chain, page.content.decode()
    event.refresh_from_db()
    assert (event.start_time.isoformat(), event.end_time.isoformat()) == ("08:30:00", "10:30:00")
    assert input_value(page.content.decode(), "event-start_time") == "08:30"


@pytest.mark.parametrize("place", ["", "Aula BPS Bengkulu Selatan"])
def test_an_online_event_needs_a_meeting_link(client, event, ca_1701, place):
    client.force_login(ca_1701)
    data = readiness_form(mode="online", place=place, link="", place_ready="on")
    page = client.post(url("readiness", event), data)
    assert "Kegiatan daring memerlukan tautan rapat" in page.content.decode()
    assert not ReadinessLog.objects.exists()
    event.refresh_from_db()
    assert event.mode != Event.Mode.ONLINE


def test_the_check_in_margin_is_at_most_two_hours(client, event, ca_1701):
    """Self check-in opens and closes within the event's day, not weeks around it."""
    client.force_login(ca_1701)
    form = client.get(url("readiness", event)).content.decode()
    assert "paling lama 120 menit" in form
    data = readiness_form(place_ready="on", **{"event-checkin_margin_minutes": "99999"})
    page = client.post(url("readiness", event), data)
    assert "Kelonggaran presensi paling lama 120 menit." in page.content.decode()
    assert not ReadinessLog.objects.exists()

    data["event-checkin_margin_minutes"] = "120"
    client.post(url("readiness", event), data)
    event.refresh_from_db()
    assert event.checkin_margin_minutes == 120
