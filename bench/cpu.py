"""Per-request CPU of the pages of bench/http.py, in-process: a steadier figure than wrk's on a
shared machine.

    .venv/bin/python bench/cpu.py [--requests 30]

Runs against the database bench/http.py seeded (serawai_bench, BENCH_DATABASE_URL) and the Redis
database it keeps sessions in (BENCH_REDIS_URL, emptied first), with Django's test client: for
each GET page, the fewest CPU milliseconds of this process over N requests by signed-in people
spread over the provinces (after a warm-up), the queries of one warm request, and the ratio of
the bare view's CPU to the page's (the figure the 0.4 target is about; gunicorn's own cost per
request, equal for every page, is not in it). Database and Redis server time are not in the CPU
figure either.
"""

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Run as `python bench/cpu.py`, this folder comes first on sys.path and its http.py would shadow
# the standard library's `http` package.
sys.path[:] = [p for p in sys.path if Path(p or os.curdir).resolve() != ROOT / "bench"]
sys.path.insert(0, str(ROOT))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--people", type=int, default=10)
    args = parser.parse_args()
    os.environ.update(
        DATABASE_URL=os.environ.get(
            "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/serawai_bench"
        ),
        REDIS_URL=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13"),
        DEBUG="0",
        ALLOWED_HOSTS="testserver",
        DB_CONN_MAX_AGE="600",
        LOG_LEVEL="ERROR",
    )
    os.environ.setdefault("SERAWAI_VAR_DIR", str(ROOT / "var" / "bench-cpu"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"  # the product's, with the bare view
    import redis

    redis.Redis.from_url(os.environ["REDIS_URL"]).flushdb()
    import django

    django.setup()
    from common.scopes import unscoped_process

    unscoped_process()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bench import pages as bench_pages
    from organization.models import Employee

    plan = bench_pages.prepare(args.people)

    def signed_in(pks):
        clients = []
        for user in Employee.objects.filter(pk__in=pks).order_by("pk"):
            client = Client()
            client.force_login(user, backend="organization.auth.NipOrEmailBackend")
            clients.append(client)
        return clients

    clients = signed_in([person.pk for person in plan.people])
    # Pages requested by people of their own (the open ballot's voters) get them here too.
    page_clients = {p.name: signed_in(p.mint()[: args.people]) for p in plan.pages if p.mint}

    def get(page, i):
        mine = page_clients.get(page.name, clients)
        response = mine[i % len(mine)].get(page.path)
        assert response.status_code == 200, (page.name, response.status_code)

    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    bare = None
    for page in (p for p in plan.pages if p.method == "GET"):
        for i in range(len(page_clients.get(page.name, clients))):
            get(page, i)
        with CaptureQueriesContext(connection) as queries:
            get(page, 0)
        count = len(queries)  # now: the next request empties Django's query log
        best = float("inf")
        for i in range(args.requests):
            started = time.process_time()
            get(page, i)
            best = min(best, time.process_time() - started)
        bare = bare or best
        print(
            f"{page.name:32} {best * 1000:6.2f} ms CPU  {bare / best:4.2f} of bare  "
            f"{count:2d} queries"
        )


if __name__ == "__main__":
    main()
