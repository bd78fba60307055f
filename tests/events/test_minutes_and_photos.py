"""Step 9 outputs: minutes written in the app and finalised by the note taker (then read-only);
documentation photos checked by content, size-limited, re-encoded, with thumbnails."""

import datetime
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from events.models import Event, Minutes, Photo
from tests.factories import make_ready

from .conftest import url

pytestmark = pytest.mark.django_db


def started(event):
    """The event has begun (today, from midnight), so it may be recorded as held."""
    Event.objects.filter(pk=event.pk).update(
        date=timezone.localdate(), start_time="00:00", end_time="23:59"
    )
    event.refresh_from_db()
    return event


MINUTES = {
    "summary": "Narasumber memaparkan pemanfaatan data BPS untuk RPJMD.",
    "questions_answers": "T: Bagaimana akses data mikro?\nJ: Melalui layanan Silastik.",
    "follow_ups": "Pelatihan lanjutan pada triwulan berikut.",
}


def test_finalised_minutes_cannot_be_edited(client, ready_event, note_taker):
    started(ready_event)
    client.force_login(note_taker)
    page = client.post(url("minutes", ready_event), MINUTES, follow=True)
    assert "Notulensi disimpan." in page.content.decode()
    page = client.post(url("minutes_finalise", ready_event), follow=True)
    text = page.content.decode()
    assert "Notulensi final" in text and "Silastik" in text
    assert "<textarea" not in text
    ready_event.refresh_from_db()
    assert ready_event.status == Event.Status.HELD and ready_event.held_by == note_taker

    page = client.post(url("minutes", ready_event), {**MINUTES, "summary": "Diubah"}, follow=True)
    assert "sudah final dan tidak dapat diubah" in page.content.decode()
    minutes = Minutes.objects.get(event=ready_event)
    assert minutes.summary == MINUTES["summary"] and minutes.finalised_by == note_taker
    page = client.post(url("minutes_finalise", ready_event), follow=True)
    assert "sudah final dan tidak dapat diubah" in page.content.decode()


def test_only_the_note_taker_writes_minutes(client, ready_event, note_taker, ca_1701):
    client.force_login(ca_1701)
    assert client.post(url("minutes", ready_event), MINUTES).status_code == 403
    assert client.post(url("minutes_finalise", ready_event)).status_code == 403
    assert not Minutes.objects.exists()


def test_minutes_cannot_be_finalised_before_the_event_starts(client, ready_event, note_taker):
    Event.objects.filter(pk=ready_event.pk).update(
        date=timezone.localdate() + datetime.timedelta(days=5)
    )
    client.force_login(note_taker)
    client.post(url("minutes", ready_event), MINUTES)
    page = client.post(url("minutes_finalise", ready_event), follow=True)
    assert "Kegiatan belum dimulai." in page.content.decode()
    ready_event.refresh_from_db()
    assert ready_event.status == Event.Status.READY
    assert not Minutes.objects.get(event=ready_event).is_final


def png(size=(1600, 1200), color=(200, 30, 30)) -> bytes:
    out = BytesIO()
    Image.new("RGB", size, color).save(out, "PNG")
    return out.getvalue()


def test_photo_is_reencoded_with_a_thumbnail_and_caption(client, ready_event, note_taker):
    client.force_login(note_taker)
    upload = SimpleUploadedFile("pembukaan.png", png(), content_type="image/png")
    page = client.post(
        url("photos", ready_event),
        {"image": upload, "caption": "Pembukaan oleh Kepala BPS"},
        follow=True,
    )
    assert "Foto dokumentasi diunggah." in page.content.decode()
    assert "Pembukaan oleh Kepala BPS" in page.content.decode()
    photo = Photo.objects.get(event=ready_event)
    with Image.open(photo.image.open("rb")) as full:
        assert full.format == "JPEG" and full.size == (1600, 1200)
    with Image.open(photo.thumbnail.open("rb")) as thumb:
        assert thumb.format == "JPEG" and max(thumb.size) == 480
    served = client.get(url("photo_file", ready_event, photo.pk, "thumb"))
    assert served.status_code == 200 and served["Content-Type"] == "image/jpeg"


def refused_photo(client, event, upload, caption) -> str:
    """Post a photo that must be refused: the form comes back (400) and nothing is stored."""
    page = client.post(url("photos", event), {"image": upload, "caption": caption})
    assert page.status_code == 400
    assert not Photo.objects.exists()
    return page.content.decode()


def test_a_non_image_named_jpg_is_refused(client, ready_event, note_taker):
    client.force_login(note_taker)
    fake = SimpleUploadedFile("foto.jpg", b"%PDF-1.7 not a photo at all", content_type="image/jpeg")
    assert "bukan gambar" in refused_photo(client, ready_event, fake, "Palsu")


def test_a_wrong_extension_is_refused(client, ready_event, note_taker):
    client.force_login(note_taker)
    doc = SimpleUploadedFile("notulen.exe", png(), content_type="application/octet-stream")
    refused_photo(client, ready_event, doc, "x")


def test_an_image_over_the_size_limit_is_refused(client, ready_event, note_taker, settings):
    settings.SERAWAI_PHOTO_MAX_BYTES = 10_000
    client.force_login(note_taker)
    out = BytesIO()
    Image.effect_noise((300, 300), 80).save(out, "PNG")  # noise does not compress: a real image
    assert len(out.getvalue()) > 10_000
    big = SimpleUploadedFile("besar.png", out.getvalue(), content_type="image/png")
    assert "Foto terlalu besar" in refused_photo(client, ready_event, big, "Besar")


def test_an_employee_cannot_upload_photos(client, ready_event, employee):
    client.force_login(employee)
    upload = SimpleUploadedFile("a.png", png(), content_type="image/png")
    assert (
        client.post(url("photos", ready_event), {"image": upload, "caption": "x"}).status_code
        == 403
    )


def test_the_host_ca_deletes_a_wrong_photo_after_confirming_and_the_trail_says_who(
    client, ready_event, note_taker, ca_1701, django_capture_on_commit_callbacks
):
    import os

    from auditlog.context import set_actor
    from auditlog.models import LogEntry

    from events.services.errors import EventError
    from events.services.eventday import add_photo, delete_photo

    upload = SimpleUploadedFile("salah.png", png(), content_type="image/png")
    photo = add_photo(ready_event, upload=upload, caption="Salah unggah", by=note_taker)
    stored = photo.image.path
    client.force_login(ca_1701)
    page = client.get(url("photos", ready_event)).content.decode()
    assert url("photo_delete", ready_event, photo.pk) in page
    asked = client.get(url("photo_delete", ready_event, photo.pk)).content.decode()
    assert "Yakin menghapus foto" in asked and "Salah unggah" in asked
    assert Photo.objects.filter(pk=photo.pk).exists()  # asking deletes nothing
    with set_actor(ca_1701), django_capture_on_commit_callbacks(execute=True):
        client.post(url("photo_delete", ready_event, photo.pk), {"confirmed": "1"})
    assert not Photo.objects.filter(pk=photo.pk).exists() and not os.path.exists(stored)
    deleted = LogEntry.objects.get(action=LogEntry.Action.DELETE, object_repr__contains="Salah")
    assert deleted.actor == ca_1701
    second = SimpleUploadedFile("pembukaan.png", png(), content_type="image/png")
    kept = add_photo(ready_event, upload=second, caption="Pembukaan", by=note_taker)
    Event.objects.filter(pk=ready_event.pk).update(status=Event.Status.CLOSED)
    with pytest.raises(EventError, match="sudah ditutup"):
        delete_photo(kept, by=ca_1701)
    assert Photo.objects.filter(pk=kept.pk).exists()


def test_before_readiness_is_confirmed_the_photos_page_says_when_photos_can_be_uploaded(
    client, event, note_taker, ca_1701, ca_province
):
    client.force_login(note_taker)
    text = client.get(url("photos", event)).content.decode()
    assert "Unggah foto" not in text and 'type="file"' not in text
    assert "dapat diunggah setelah kesiapan kegiatan dikonfirmasi" in text
    upload = SimpleUploadedFile("pembukaan.png", png(), content_type="image/png")
    refused_photo(client, event, upload, "Terlalu dini")

    ready = make_ready(event, ca_1701, ca_province)
    text = client.get(url("photos", ready)).content.decode()
    assert "Unggah foto" in text and "dapat diunggah setelah" not in text
