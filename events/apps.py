from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Kegiatan")

    def ready(self):
        from cycles.ledger import register_step_model

        register_step_model("events.EventStep")
        from . import receivers  # noqa: F401 (voting.themes_announced -> events)
