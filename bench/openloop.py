"""Open-loop load for bench/http.py: requests sent on a fixed schedule, whatever the server does.

wrk (closed loop) sends a connection's next request only when the previous one has answered, so
a slow server is sent fewer requests and its queueing never shows in the latency (coordinated
omission). Here request i is due at start + i / rate; a pool of threads sends it as soon as one is
free, and its latency is counted from the time it was due, so a request that waited for a
thread, for the server's accept queue or for a busy worker carries that wait. Debian has no wrk2
(`wrk -R`), and 40 requests a second is a light load for a Python client on loopback.

Standard library only: this module runs in bench/http.py's process, beside Django.
"""

import http.client
import math
import random
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

TIMEOUT = 30  # seconds; a request still unanswered then is an error


@dataclass
class Request:
    kind: str  # the page's name, for the per-page lines
    method: str
    path: str
    cookie: str
    csrf: str = ""
    body: bytes = b""


@dataclass
class Outcome:
    kind: str
    due: float
    sent: float  # when a thread took it: how far the client itself lagged behind the schedule
    done: float
    status: int  # 0: no answer (connection error or timeout)


def _send(port: int, request: Request, due: float) -> Outcome:
    sent = time.monotonic()
    headers = {"Host": "127.0.0.1", "Cookie": request.cookie}
    if request.method == "POST":
        headers.update({
            "Content-Type": "application/x-www-form-urlencoded",
            "X-CSRFToken": request.csrf,
            "Referer": "http://127.0.0.1/",
        })  # fmt: skip
    status = 0
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
    try:
        # One connection per request: gunicorn's sync workers close it after each response.
        connection.request(request.method, request.path, body=request.body or None, headers=headers)
        response = connection.getresponse()
        response.read()
        status = response.status
    except (OSError, http.client.HTTPException):
        pass
    finally:
        connection.close()
    return Outcome(request.kind, due, sent, time.monotonic(), status)


def run(port: int, requests: list[Request], rate: float, threads: int = 128) -> list[Outcome]:
    """Send `requests` in order at `rate` a second; one Outcome each, in order."""
    outcomes: list[Outcome | None] = [None] * len(requests)
    lock = threading.Lock()

    def task(index, due):
        outcome = _send(port, requests[index], due)
        with lock:
            outcomes[index] = outcome

    with ThreadPoolExecutor(max_workers=threads) as pool:
        start = time.monotonic() + 0.05
        for index in range(len(requests)):
            due = start + index / rate
            pause = due - time.monotonic()
            if pause > 0:
                time.sleep(pause)
            pool.submit(task, index, due)
    return outcomes


def mix(pages, people, voters, count: int, seed: int = 19) -> list[Request]:
    """`count` requests spread evenly over the GET pages, by people taken in turn, with ballots
    cast by distinct voters (each opens the ballot first, a few requests before casting it, as
    in the vote's peak) when `voters` is given: a list of (person, body dict, ballot path).

    `pages`: bench.pages.Page objects (GET ones; their own sessions when they have them)."""
    rng = random.Random(seed)
    kinds = [p for p in pages if p.method == "GET"]
    requests: list[Request] = []
    turn = 0
    voter_index = 0
    pending_ballot = None
    while len(requests) < count:
        cycle = []
        for page in kinds:
            sessions = page.sessions or people
            person = sessions[(turn + rng.randrange(len(sessions))) % len(sessions)]
            cycle.append(Request(page.name, "GET", page.path, _cookie(person), person.csrf))
        if voters:
            if voter_index >= len(voters):
                raise SystemExit(f"open loop: {len(voters)} voters are not enough")
            person, body, path = voters[voter_index]
            voter_index += 1
            opened = Request("ballot opened (GET)", "GET", path, _cookie(person), person.csrf)
            cycle.insert(rng.randrange(len(cycle) + 1), opened)
            if pending_ballot is not None:  # cast one cycle after it was opened
                cycle.append(pending_ballot)
            pending_ballot = Request(
                "ballot cast (POST)", "POST", path, _cookie(person), person.csrf,
                urllib.parse.urlencode(body, doseq=True).encode(),
            )  # fmt: skip
        turn += 1
        requests += cycle
    return requests[:count]


def ballots_needed(get_pages: int, count: float) -> int:
    """Voters `mix` uses for `count` requests: one a cycle of the GET pages, an opened ballot
    and a cast one."""
    return math.ceil(count / (get_pages + 2)) + 1


def _cookie(person) -> str:
    return f"sessionid={person.sessionid}; csrftoken={person.csrf}"


def _most_in_flight(outcomes: list[Outcome]) -> int:
    """The most requests due and not yet answered at one time."""
    events = sorted([(o.due, 1) for o in outcomes] + [(o.done, -1) for o in outcomes])
    most = current = 0
    for _, step in events:
        current += step
        most = max(most, current)
    return most


def percentile(sorted_values: list[float], fraction: float) -> float:
    """Nearest-rank percentile of an ascending list."""
    if not sorted_values:
        return float("nan")
    rank = max(1, round(fraction * len(sorted_values) + 0.5 - 1e-9))
    return sorted_values[min(rank, len(sorted_values)) - 1]


def summary(outcomes: list[Outcome], rate: float) -> dict:
    """Latency from the due time in ms; errors are no answer or an HTTP status >= 400."""
    done = [o for o in outcomes if o is not None]
    start = min(o.due for o in done)
    latencies = sorted((o.done - o.due) * 1000 for o in done)
    by_kind = {}
    for o in done:
        by_kind.setdefault(o.kind, []).append((o.done - o.due) * 1000)
    return {
        "asked": rate,
        "sent": len(done),
        # answers over the time from the first due time to the last answer
        "achieved": len(done) / (max(o.done for o in done) - start),
        "p50": percentile(latencies, 0.50),
        "p95": percentile(latencies, 0.95),
        "p99": percentile(latencies, 0.99),
        "max": latencies[-1],
        "errors": sum(1 for o in done if o.status == 0 or o.status >= 400),
        "client_lag_max": max(o.sent - o.due for o in done) * 1000,
        "in_flight_max": _most_in_flight(done),
        "kinds": {
            kind: (len(v), percentile(sorted(v), 0.5), percentile(sorted(v), 0.95))
            for kind, v in by_kind.items()
        },
        "statuses": sorted({o.status for o in done}),
    }
