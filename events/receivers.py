"""Receivers of earlier stages' signals (the voting helper's contract; keep it).

voting.signals.themes_announced -> one Event per selected theme, hosted and dated as announced,
linked back to its SelectedTheme, with the proposed speakers as Narasumber committee members.
Runs inside the announcement's transaction: an event that cannot be planned rolls it all back.
"""

from django.dispatch import receiver

from documents.signals import batch_finished
from voting.signals import themes_announced

from .models import CommitteeMember, Event
from .services.eventday import certificate_batch_finished
from .services.preparation import create_event


@receiver(themes_announced, dispatch_uid="events.create_events_for_selected_themes")
def create_events_for_selected_themes(sender, *, cycle, selections, by, **kwargs):
    for selection in selections:
        event = create_event(
            cycle=cycle,
            title=selection.title,
            host_office=selection.host_office,
            event_date=selection.event_date,
            by=by,
        )
        selection.event = event
        selection.save(update_fields=["event"])
        CommitteeMember.objects.bulk_create(
            CommitteeMember(
                event=event,
                role=CommitteeMember.Role.SPEAKER,
                employee=speaker.employee,
                external_name=speaker.external_name,
                external_institution=speaker.external_institution,
                created_by=by,
            )
            for speaker in selection.proposal.speakers.all()
        )


@receiver(batch_finished, dispatch_uid="events.certificate_batch_finished")
def event_certificates_issued(sender, *, batch, **kwargs):
    if batch.related_type_id and batch.related_type.model_class() is Event:
        certificate_batch_finished(batch.related, batch)
