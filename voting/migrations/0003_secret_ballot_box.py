"""The ballot box that mixes (common.secrecy): no receipt, the day of voting only, and the
ballots and voter records already stored rewritten in shuffled order, so that what was written
before this migration keeps no link either."""

import secrets
import uuid

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models
from django.utils import timezone


def keep_the_day(apps, schema_editor):
    VoterRecord = apps.get_model("voting", "VoterRecord")
    for record in VoterRecord.objects.all():
        record.voted_on = timezone.localdate(record.voted_at)
        record.save(update_fields=["voted_on"])


def rewrite_shuffled(apps, schema_editor):
    VoterRecord = apps.get_model("voting", "VoterRecord")
    Ballot = apps.get_model("voting", "Ballot")
    BallotChoice = apps.get_model("voting", "BallotChoice")
    rng = secrets.SystemRandom()
    records = list(
        VoterRecord.objects.values("vote_id", "voter_key", "voter_id", "office_id", "voted_on")
    )
    rng.shuffle(records)
    VoterRecord.objects.all().delete()
    VoterRecord.objects.bulk_create(VoterRecord(**row) for row in records)
    chosen = {}
    for ballot_id, vote_id, proposal_id in BallotChoice.objects.values_list(
        "ballot_id", "ballot__vote_id", "proposal_id"
    ):
        chosen.setdefault(ballot_id, (vote_id, []))[1].append(proposal_id)
    empty = list(Ballot.objects.exclude(pk__in=chosen).values_list("vote_id", flat=True))
    BallotChoice.objects.all().delete()
    Ballot.objects.all().delete()
    entries = [*chosen.values(), *((vote_id, []) for vote_id in empty)]
    rng.shuffle(entries)
    ballots, choices = [], []
    for vote_id, proposals in entries:
        ballot = Ballot(id=uuid.uuid4(), vote_id=vote_id)
        ballots.append(ballot)
        choices += [BallotChoice(id=uuid.uuid4(), ballot=ballot, proposal_id=p) for p in proposals]
    rng.shuffle(choices)
    Ballot.objects.bulk_create(ballots)
    BallotChoice.objects.bulk_create(choices)


class Migration(migrations.Migration):
    dependencies = [
        ("voting", "0002_periodic_task"),
    ]

    operations = [
        migrations.CreateModel(
            name="BallotBoxEntry",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                ("sealed", models.TextField(editable=False)),
            ],
            options={
                "verbose_name": "surat suara menunggu",
                "verbose_name_plural": "surat suara menunggu",
            },
        ),
        migrations.RemoveConstraint(
            model_name="ballot",
            name="one_ballot_per_receipt",
        ),
        migrations.RemoveField(
            model_name="ballot",
            name="receipt",
        ),
        migrations.AddField(
            model_name="vote",
            name="shown_voters",
            field=models.PositiveIntegerField(
                default=0, verbose_name="jumlah pemilih yang ditampilkan"
            ),
        ),
        migrations.AddField(
            model_name="vote",
            name="shown_voters_at",
            field=models.DateTimeField(
                blank=True, null=True, verbose_name="jumlah pemilih dihitung"
            ),
        ),
        migrations.AddField(
            model_name="voterrecord",
            name="voted_on",
            field=models.DateField(
                default=django.utils.timezone.localdate, verbose_name="memilih pada tanggal"
            ),
        ),
        migrations.RunPython(keep_the_day, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name="voterrecord",
            name="voted_at",
        ),
        migrations.RunPython(rewrite_shuffled, migrations.RunPython.noop),
        migrations.AddField(
            model_name="ballotboxentry",
            name="vote",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT, related_name="box", to="voting.vote"
            ),
        ),
    ]
