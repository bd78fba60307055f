"""voting.demo: the demo year runs steps 1-5 through the services and announces its events."""

import io

import pytest
from django.core.management import call_command

from voting.models import Ballot, SelectedTheme, ThemeProposal, Vote

pytestmark = pytest.mark.django_db


def test_demo_runs_steps_1_to_5_and_is_idempotent(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    call_command("seed_demo", "--strict", stdout=io.StringIO(), stderr=io.StringIO())
    vote = Vote.objects.get()
    assert vote.status == Vote.Status.ANNOUNCED
    assert ThemeProposal.objects.count() == 10
    assert Ballot.objects.count() > 10
    selections = list(SelectedTheme.objects.select_related("event"))
    assert len(selections) == vote.cycle.themes_to_select
    assert all(s.event and s.event.date == s.event_date for s in selections)
    assert all(step.completed_by for step in vote.cycle.steps.all())
    from voting import demo

    demo.seed(vote.cycle, io.StringIO())
    assert SelectedTheme.objects.count() == len(selections)
