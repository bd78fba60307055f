"""demo.voting: the demo year runs steps 1-5 through the services and announces its events."""

import io

import pytest
from django.core.management import call_command

from voting.models import Ballot, SelectedTheme, ThemeProposal, Vote

pytestmark = pytest.mark.django_db


def test_demo_runs_steps_1_to_5_and_is_idempotent(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    call_command("seed_demo", "--strict", stdout=io.StringIO(), stderr=io.StringIO())
    vote = Vote.objects.get(cycle__province__code="1700")
    assert vote.status == Vote.Status.ANNOUNCED
    assert ThemeProposal.objects.filter(cycle=vote.cycle).count() == 10
    assert Ballot.objects.filter(vote=vote).count() > 10
    selections = list(SelectedTheme.objects.filter(cycle=vote.cycle).select_related("event"))
    assert len(selections) == vote.cycle.themes_to_select
    assert all(s.event and s.event.date == s.event_date for s in selections)
    assert all(step.completed_by for step in vote.cycle.steps.all())
    # each step completed by its due date: the demo's one late step is an event's
    assert all(s.completed_at.date() <= s.due for s in vote.cycle.steps.all())
    # a guest province's vote is open today, its kab/kota employees may still vote
    assert Vote.objects.get(cycle__province__code="1500").status == Vote.Status.OPEN
    from demo import voting as voting_demo

    voting_demo.seed(vote.cycle, io.StringIO())
    assert SelectedTheme.objects.filter(cycle=vote.cycle).count() == len(selections)
