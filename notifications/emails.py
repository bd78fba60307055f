"""The e-mail of a notification, rendered from templates (Indonesian, text and HTML).

`notifications/email/<kind>.txt|.html` when a kind has its own, else the generic pair
`notifications/email/message.txt|.html`. Rendered by the worker when it sends, so that telling
a whole province in a web request costs one row per person, not one template rendering.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from common.text import one_line

from . import kinds
from .models import Notification


def subject_for(notification: Notification) -> str:
    """One line whatever the title holds: a line break in a header is refused when sending."""
    return one_line(f"[Serawai] {notification.title}")[:250]


def render_email(notification: Notification) -> tuple[str, str]:
    """(text, html) of the e-mail telling `notification.recipient` about it."""
    context = {
        "notification": notification,
        "recipient": notification.recipient,
        "kind_label": kinds.label(notification.kind),
        "action_url": notification.absolute_url,
        "preferences_url": settings.SITE_URL + reverse("notifications:preferences"),
    }
    names = lambda ext: [  # noqa: E731
        f"notifications/email/{notification.kind}.{ext}",
        f"notifications/email/message.{ext}",
    ]
    with translation.override("id"):
        return render_to_string(names("txt"), context), render_to_string(names("html"), context)
