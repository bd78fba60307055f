"""Benchmark of step 4: 1,000 voters cast ballots through the real view stack.

Every ballot is a POST to /voting/ballot/ through Django's full middleware stack (sessions,
authentication, CSRF middleware, messages, htmx), the rule checks, the form and cast_ballot()'s
transaction, with Django's test Client (no network, no CSRF token checks). The same run times a
bare Django view (returns "ok") behind the same middleware and session, and prints the ratio.

    .venv/bin/python bench/voting.py [--voters 1000]      # a fresh SQLite database in a temp dir
    DATABASE_URL=postgres://... .venv/bin/python bench/voting.py   # an existing (empty) database
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "serawai.settings")
os.environ.setdefault("SERAWAI_VAR_DIR", tempfile.mkdtemp(prefix="serawai-bench-"))


def bare(request):
    from django.http import HttpResponse

    return HttpResponse("ok")


def _urlpatterns():
    from django.urls import path

    from serawai.urls import urlpatterns

    return [path("bench-bare/", bare), *urlpatterns]


def p95(values):
    return statistics.quantiles(values, n=20)[-1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--voters", type=int, default=1000)
    args = parser.parse_args()

    import django

    django.setup()
    from common.scopes import unscoped_process

    unscoped_process()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import override_settings, setup_test_environment

    setup_test_environment()
    settings.ALLOWED_HOSTS = ["testserver"]
    call_command("migrate", verbosity=0)

    from organization.models import Employee, Office
    from tests.factories import make_nip
    from tests.voting.helpers import make_cycle, make_open_vote, make_proposal, open_proposals

    province = Office.objects.get(code="1700")
    regencies = list(Office.objects.filter(parent=province).order_by("code"))
    admin = Employee.objects.create(nip=make_nip(seq=0), full_name="Bench CAN", office=province)
    cycle = open_proposals(make_cycle(), admin)
    themes = [make_proposal(cycle, o.code, f"Tema {o.code}") for o in regencies[:9]]
    vote = make_open_vote(cycle, admin)
    people = Employee.objects.bulk_create(
        Employee(
            nip=make_nip(seq=n % 1000, appointed=(2000 + n // 1000, 1)),
            full_name=f"Pemilih {n}",
            office=regencies[n % len(regencies)],
            password="!",
        )
        for n in range(1, args.voters + 1)
    )
    sys.modules[__name__].urlpatterns = _urlpatterns()
    with override_settings(ROOT_URLCONF=__name__):
        clients = []
        for person in people:
            client = Client()
            client.force_login(person)
            clients.append(client)
        clients[0].get("/bench-bare/")  # warm up both paths
        clients[0].get("/voting/ballot/")

        bare_times = []
        for client in clients:
            start = time.perf_counter()
            response = client.get("/bench-bare/")
            bare_times.append(time.perf_counter() - start)
            assert response.status_code == 200

        ballot_times = []
        started = time.perf_counter()
        for n, client in enumerate(clients):
            chosen = [str(themes[(n + k) % len(themes)].pk) for k in range(3)]
            start = time.perf_counter()
            response = client.post("/voting/ballot/", {"choices": chosen, "confirmed": "yes"})
            ballot_times.append(time.perf_counter() - start)
            assert response.status_code == 302, response.content[:500]
        elapsed = time.perf_counter() - started

    from voting.models import Ballot, VoterRecord

    counted = Ballot.objects.filter(vote=vote).count() + vote.box.count()
    assert counted == len(people)  # mixed, or waiting sealed in the box
    assert VoterRecord.objects.filter(vote=vote).count() == len(people)
    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    ballot_mean = statistics.mean(ballot_times)
    bare_mean = statistics.mean(bare_times)
    print(f"database: {engine}; voters: {len(people)}; proposals on the ballot: {len(themes)}")
    print(f"ballots/s: {len(people) / elapsed:.1f}")
    print(
        f"ballot latency ms: mean {ballot_mean * 1000:.2f}, p50 "
        f"{statistics.median(ballot_times) * 1000:.2f}, p95 {p95(ballot_times) * 1000:.2f}"
    )
    print(f"bare view latency ms: mean {bare_mean * 1000:.2f}, p95 {p95(bare_times) * 1000:.2f}")
    print(f"ratio ballot/bare (mean latency): {ballot_mean / bare_mean:.1f}x")


if __name__ == "__main__":
    main()
