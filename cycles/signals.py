"""Signals the cycles app sends, so that later stages follow without cycles importing them."""

from django.dispatch import Signal

# Sent when a cycle's steps were planned again (a calendar change, a re-plan), inside that
# transaction, so that dates copied from a step (the vote's closing day) follow at once.
# kwargs: cycle (cycles.models.Cycle).
cycle_replanned = Signal()
