"""Signals the voting app sends to later stages (it never imports them).

themes_announced: sent inside announce_results()'s transaction with kwargs
    cycle, selections (list of SelectedTheme: .title, .host_office, .event_date, .proposal with
    .speakers), by. events.receivers creates an Event for each and sets SelectedTheme.event.
"""

from django.dispatch import Signal

themes_announced = Signal()
