from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VotingConfig(AppConfig):
    name = "voting"
    verbose_name = _("Usulan dan pemilihan tema")

    def ready(self):
        from cycles.signals import cycle_replanned
        from organization.models import Office
        from serawai import caching

        from . import schedule, selectors

        cycle_replanned.connect(schedule.follow_step4, dispatch_uid="voting.follow_step4")
        from .models import ProposalReopening, ProposedSpeaker, ThemeProposal, Vote

        caching.renew_on_write(selectors.VOTES_TOPIC, Vote)
        caching.renew_on_write(
            selectors.PROPOSALS_TOPIC, ThemeProposal, ProposedSpeaker, ProposalReopening, Office
        )
        caching.renew_on_name_change(selectors.PROPOSALS_TOPIC)  # speakers' names on the list
