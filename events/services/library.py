"""Pustaka Serawai: the CAN shares a held event with every province, or takes it back.

Sharing keeps knowledge moving between provinces (the SOP's aim that what is learned stays and
spreads). Only a held event can be shared: the library shows nothing of an event that did not
take place. The audit trail records the change; `shared_at`/`shared_by` say who and when.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Event
from ..selectors.library import HELD
from .errors import EventError


@transaction.atomic
def set_library_entry(event, *, shared: bool, by, topic: str | None = None) -> Event:
    """File a held event under `topic` (None: keep it) and share it with every province or not."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.status not in HELD:
        raise EventError(_("Hanya kegiatan yang sudah terlaksana yang masuk Pustaka Serawai."))
    if topic is not None and topic not in Event.Topic.values and topic != "":
        raise EventError(_("Topik tidak dikenal."))
    changed = []
    if topic is not None and event.topic != topic:
        event.topic = topic
        changed.append("topic")
    if event.shared != shared:
        event.shared = shared
        changed.append("shared")
    if changed:
        event.shared_at, event.shared_by = timezone.now(), by
        event.save(update_fields=[*changed, "shared_at", "shared_by"])
    return event
