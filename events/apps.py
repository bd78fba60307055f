from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Kegiatan")

    def ready(self):
        from cycles.ledger import register_step_model

        register_step_model("events.EventStep")
        from cycles import timeline
        from serawai import caching

        from .models import Event, EventStep

        caching.renew_on_write(timeline.TOPIC, Event, EventStep)  # the home page's open steps
        from . import receivers  # noqa: F401 (voting.themes_announced -> events)
