"""The self check-in link of an event: a signed token, so the link (or its QR code) shown on
screen at the event is what lets people check in, not a guessable event number."""

import segno
from django.core import signing
from django.urls import reverse

_signer = signing.Signer(salt="events.checkin")


def token(event) -> str:
    return _signer.sign(str(event.pk)).rsplit(":", 1)[1]


def is_valid(event, value: str) -> bool:
    try:
        return _signer.unsign(f"{event.pk}:{value}") == str(event.pk)
    except signing.BadSignature:
        return False


def path(event) -> str:
    return reverse("events:checkin", args=[event.pk, token(event)])


def qr_svg(url: str) -> str:
    """The check-in URL as an inline SVG QR code (no external service, no image file)."""
    return segno.make(url, error="m").svg_inline(scale=8, border=2, title="QR presensi")
