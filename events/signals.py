"""Signals the events app sends, so that later stages react without events importing them."""

from django.dispatch import Signal

# Sent when an event is marked held (SOP step 9 done), inside that transaction.
# kwargs: event (events.models.Event), by (the Employee who marked it held, or None).
event_held = Signal()
