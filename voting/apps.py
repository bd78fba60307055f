from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VotingConfig(AppConfig):
    name = "voting"
    verbose_name = _("Usulan dan pemilihan tema")

    def ready(self):
        from cycles.signals import cycle_replanned

        from .services import schedule

        cycle_replanned.connect(schedule.follow_step4, dispatch_uid="voting.follow_step4")
