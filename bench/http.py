# ruff: noqa: E402  (sys.path is fixed before the standard library's `http` is imported)
"""HTTP benchmark: Serawai under gunicorn with the national data set on PostgreSQL.

    .venv/bin/python bench/http.py [--reuse] [--duration 8] [--clients 50]
                                   [--open-loop 40] [--peer pretalx]

1. (Re)creates the database serawai_bench (BENCH_DATABASE_URL overrides), migrates it and loads
   the national demo set (`seed_demo --scale national`: 38 provinces, 514 kab/kota, 16,000
   employees, a cycle per province and what the stage apps add).
   Sessions are in Redis as in production (cached_db; BENCH_REDIS_URL, default database 13 of
   127.0.0.1:6379, emptied first).
2. Prepares the pages' state (bench/pages.py): which people the clients are, and an open vote.
3. Starts gunicorn with the production settings file gunicorn.conf.py (sync workers, as
   deploy/ runs it), cores + 1 of them, DEBUG off, on a free loopback port and logs the clients
   in through the real login form.
4. Drives each page with wrk (Debian package `wrk`: 50 connections, 2 threads, a fixed time),
   every connection a different signed-in person, and prints req/s, p50 and p95 beside the bare
   view (a stock view behind a session, bench/urls.py, served by the same gunicorn in the same
   run; each GET page and the bare view take turns, --rounds times, so that a drift of the
   machine's speed meets both alike, and the ratio is read against the bare view's runs of those
   turns), and the machine's busy CPU time per request (all processes: gunicorn, PostgreSQL,
   Redis, wrk), which varies less between runs than req/s on a shared machine, split by program
   (gunicorn, PostgreSQL, Redis), which says where a change moved the cost. Beside the bare view,
   a second reference: the layout floor, the product's layout (base.html) around an empty page,
   what every signed-in page costs before its own content. Ballot submission: each voter opens
   the ballot first (not measured), as a browser does, then wrk posts them.

5. With --open-loop RATE (bench/openloop.py): the GET pages, and ballots opened then cast by
   voters of their own, mixed and sent on a fixed schedule of RATE requests a second, latency
   counted from each request's due time (no coordinated omission, unlike wrk's closed loop).
6. With --peer pretalx (bench/peer.py): pretalx's organiser submission list and public speakers
   page, served by the same gunicorn settings, taking turns with Serawai's proposal list and
   events page.

Targets: GET pages >= 0.4 of the bare view's throughput; p95 < 200 ms at 50 clients on 2
cores; p95 < 200 ms at 40 requests a second open-loop (3x the national peak). Only loopback
addresses are used. The machine may be shared: the load average before and after is printed
with the figures.
"""

import os
import sys

# Run as `python bench/http.py`, this file's folder comes first on sys.path and would shadow the
# standard library's `http` package: drop it before anything imports `http`.
_HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:] = [p for p in sys.path if os.path.abspath(p or os.curdir) != _HERE]

import argparse
import http.cookiejar
import re
import shutil
import subprocess
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.util import free_port, loadavg, log

DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/serawai_bench"
# Production keeps sessions in Redis (deploy/serawai.env.example): the bench does too, in a Redis
# database of its own that it empties first.
DEFAULT_REDIS = "redis://127.0.0.1:6379/13"
WRK_THREADS = 2
# The virtualenv this runs in (the worktree's own .venv or a shared one)
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).parent / "gunicorn")

LUA = r"""
local cookies = {%(cookies)s}
local method, path, body, ctype = "%(method)s", "%(path)s", %(body)s, "%(ctype)s"
local counter = 0
local started = 0
setup = function(thread)
  thread:set("tid", started)
  started = started + 1
end
request = function()
  counter = counter + 1
  -- threads interleave, so no two requests share a person (one ballot per voter)
  local c = cookies[((counter * %(threads)d + (tid or 0)) %% #cookies) + 1]
  local headers = {["Cookie"] = c.cookie, ["Host"] = "127.0.0.1"}
  if method == "POST" then
    headers["Content-Type"] = ctype
    headers["X-CSRFToken"] = c.csrf
    headers["Referer"] = "http://127.0.0.1/"
    return wrk.format("POST", c.path or path, headers, c.body or body)
  end
  return wrk.format("GET", c.path or path, headers)
end
local bad = 0
response = function(status, headers, body)
  if status >= 400 then bad = bad + 1 end
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT requests=%%d seconds=%%.3f p50_us=%%d p95_us=%%d errors=%%d\n",
    summary.requests, summary.duration / 1e6, latency:percentile(50.0),
    latency:percentile(95.0),
    summary.errors.connect + summary.errors.read + summary.errors.write +
    summary.errors.status + summary.errors.timeout))
end
"""


def recreate_database(url: str) -> None:
    import psycopg

    parts = urllib.parse.urlparse(url)
    name = parts.path.lstrip("/")
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", name) or not name.startswith("serawai_bench"):
        raise SystemExit(f"refusing to recreate database {name!r} (must be serawai_bench*)")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def manage(env, *args) -> float:
    started = time.monotonic()
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)
    return time.monotonic() - started


class Client:
    """A browser-like client: cookie jar, CSRF token from the cookie, loopback only."""

    def __init__(self, base: str):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect()
        )

    def cookie(self, name):
        return next((c.value for c in self.jar if c.name == name), None)

    def get(self, path):
        try:
            with self.opener.open(self.base + path, timeout=30) as resp:
                return resp.status, resp.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode("utf-8", "replace")

    def post(self, path, data: dict):
        body = urllib.parse.urlencode(data, doseq=True).encode()
        req = urllib.request.Request(self.base + path, data=body, method="POST")
        req.add_header("Referer", self.base + path)
        try:
            with self.opener.open(req, timeout=30) as resp:
                return resp.status, resp.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode("utf-8", "replace")

    def login(self, nip, password, login_path):
        self.get(login_path)
        token = self.cookie("csrftoken")
        status, _ = self.post(
            login_path, {"csrfmiddlewaretoken": token, "username": nip, "password": password}
        )
        if status != 302 or not self.cookie("sessionid"):
            raise SystemExit(f"login of {nip} failed (HTTP {status})")
        return self.cookie("sessionid"), self.cookie("csrftoken")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def lua_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def busy_seconds() -> float | None:
    """CPU time the whole machine has spent busy (all cores, all processes: gunicorn,
    PostgreSQL, Redis and wrk alike), from /proc/stat; None where there is no /proc."""
    try:
        with open("/proc/stat") as stat:
            fields = [int(x) for x in stat.readline().split()[1:]]
    except OSError:
        return None
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle + iowait
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


# Where a request's machine time goes: the processes' own CPU, by program (/proc/PID/stat's comm)
GROUPS = {"gunicorn": "gunicorn", "postgres": "postgres", "redis-server": "redis", "wrk": "wrk"}


def cpu_by_program() -> dict[str, float]:
    """CPU seconds each program's live processes have used so far (user + system), from /proc;
    an empty dict where there is none. Processes that live through a run (gunicorn's workers,
    PostgreSQL's connections, Redis, wrk's threads) are counted fully."""
    totals: dict[str, float] = {}
    tick = os.sysconf("SC_CLK_TCK")
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue  # gone meanwhile
        comm = text[text.index("(") + 1 : text.rindex(")")]
        fields = text[text.rindex(")") + 2 :].split()
        group = next((g for prefix, g in GROUPS.items() if comm.startswith(prefix)), "other")
        totals[group] = totals.get(group, 0.0) + (int(fields[11]) + int(fields[12])) / tick
    return totals


def run_wrk(base, page, sessions, clients, duration, cookies=("sessionid", "csrftoken")) -> dict:
    """One wrk run against `page` with one signed-in person per request slot (`cookies`: the
    session and CSRF cookies' names)."""
    entries = []
    session_cookie, csrf_cookie = cookies
    for i, s in enumerate(sessions):
        fields = [
            f"cookie={lua_string(f'{session_cookie}={s.sessionid}; {csrf_cookie}={s.csrf}')}",
            f"csrf={lua_string(s.csrf)}",
        ]
        if page.per_person is not None:
            extra = page.per_person(i, s)
            if "path" in extra:
                fields.append(f"path={lua_string(extra['path'])}")
            if "body" in extra:
                fields.append(f"body={lua_string(urllib.parse.urlencode(extra['body'], True))}")
        entries.append("{" + ", ".join(fields) + "}")
    script = LUA % {
        "cookies": ",\n".join(entries),
        "method": page.method,
        "path": page.path,
        "body": lua_string(urllib.parse.urlencode(page.body or {}, True)),
        "ctype": "application/x-www-form-urlencoded",
        "threads": WRK_THREADS,
    }
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script)
    busy_before, programs_before = busy_seconds(), cpu_by_program()
    try:
        out = subprocess.run(
            ["wrk", f"-t{WRK_THREADS}", f"-c{clients}", f"-d{duration}s", "--timeout", "10s", "-s",
             handle.name, base],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
    finally:
        os.unlink(handle.name)
    busy = busy_seconds() - busy_before if busy_before is not None else float("nan")
    programs = {
        group: seconds - programs_before.get(group, 0.0)
        for group, seconds in cpu_by_program().items()
    }
    match = re.search(
        r"RESULT requests=(\d+) seconds=([\d.]+) p50_us=(\d+) p95_us=(\d+) errors=(\d+)", out
    )
    if not match:
        raise SystemExit(f"wrk gave no result for {page.name}:\n{out}")
    requests, seconds, p50, p95, errors = match.groups()
    return {
        "rps": int(requests) / float(seconds),
        "p50": int(p50) / 1000,
        "p95": int(p95) / 1000,
        "errors": int(errors),
        "requests": int(requests),
        "seconds": float(seconds),
        "busy": busy,
        "cpu_ms": busy * 1000 / max(int(requests), 1),
        "programs": programs,
    }


def combined(runs: list[dict]) -> dict:
    """Several wrk runs of one page as one: requests over the summed time, the slowest run's p95
    (histograms cannot be merged from wrk's summary, so the p95 is not flattered), p50 weighted
    by requests."""
    requests = sum(r["requests"] for r in runs)
    busy = sum(r["busy"] for r in runs)
    programs: dict[str, float] = {}
    for run in runs:
        for group, seconds in run["programs"].items():
            programs[group] = programs.get(group, 0.0) + seconds
    return {
        "rps": requests / sum(r["seconds"] for r in runs),
        "p50": sum(r["p50"] * r["requests"] for r in runs) / max(requests, 1),
        "p95": max(r["p95"] for r in runs),
        "errors": sum(r["errors"] for r in runs),
        "requests": requests,
        "seconds": sum(r["seconds"] for r in runs),
        "busy": busy,
        "cpu_ms": busy * 1000 / max(requests, 1),
        "runs": len(runs),
        "programs": programs,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reuse", action="store_true", help="keep the existing database")
    parser.add_argument("--duration", type=int, default=8, help="seconds per page")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument(
        "--rounds", type=int, default=4,
        help="a GET page and the bare view take turns this many times (duration split evenly)",
    )  # fmt: skip
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 1) + 1)
    parser.add_argument(
        "--only", action="append", default=[], help="measure only pages whose name has this text"
    )
    parser.add_argument(
        "--open-loop", type=float, metavar="RATE", dest="rate",
        help="also send the GET pages and ballots mixed at RATE requests a second on a fixed "
        "schedule (bench/openloop.py), latency counted from each request's due time",
    )  # fmt: skip
    parser.add_argument("--open-loop-duration", type=int, default=30, help="seconds")
    parser.add_argument(
        "--peer", choices=["pretalx"],
        help="also measure a peer's like pages beside Serawai's, in turns (bench/peer.py)",
    )  # fmt: skip
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: apt-get install wrk")

    db_url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB)
    redis_url = os.environ.get("BENCH_REDIS_URL", DEFAULT_REDIS)
    import redis

    redis.Redis.from_url(redis_url).flushdb()
    var_dir = tempfile.mkdtemp(prefix="serawai-bench-")
    env = dict(
        os.environ,
        DATABASE_URL=db_url,
        REDIS_URL=redis_url,
        SERAWAI_VAR_DIR=var_dir,
        DEBUG="0",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DB_CONN_MAX_AGE="600",
        LOG_LEVEL="ERROR",
        DJANGO_SETTINGS_MODULE="bench.settings",  # the product's, plus the bare view's URL
    )
    env.pop("SERAWAI_ENV", None)
    os.environ.update(DATABASE_URL=db_url, REDIS_URL=redis_url, SERAWAI_VAR_DIR=var_dir, DEBUG="0")
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    log(f"Load average at start: {loadavg()} ({os.cpu_count()} CPUs, shared machine)")

    if not args.reuse:
        recreate_database(db_url)
        took = manage(env, "migrate", "--noinput", "-v0")
        log(f"migrate: {took:.1f} s")
        seed_demo = [
            ROOT / app / "management" / "commands" / "seed_demo.py" for app in ("demo", "cycles")
        ]
        if any(path.exists() for path in seed_demo):
            command = ["seed_demo", "--scale", "national"]
        else:
            command = ["seed_national"]
        took = manage(env, *command)
        log(f"{' '.join(command)} on PostgreSQL: {took:.1f} s")

    import django

    django.setup()
    from common.scopes import unscoped_process

    unscoped_process()
    from bench import pages as bench_pages

    plan = bench_pages.prepare(args.clients)
    all_pages = list(plan.pages)
    if args.only:  # the bare view stays: every figure is read against it
        plan.pages[1:] = [p for p in plan.pages[1:] if any(o in p.name for o in args.only)]
    if args.peer:
        from bench import peer

        peer.setup(args.clients)  # before Serawai's server starts: the first time installs
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    gunicorn = subprocess.Popen(
        [GUNICORN, "serawai.wsgi", "--config", "gunicorn.conf.py", "-w", str(args.workers),
         "-b", f"127.0.0.1:{port}", "--log-level", "warning"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    try:
        for _ in range(100):
            try:
                if Client(base).get("/healthz")[0] == 200:
                    break
            except OSError:
                pass
            time.sleep(0.2)
        else:
            raise SystemExit("gunicorn did not answer /healthz")
        started = time.monotonic()
        for person in plan.people:
            person.sessionid, person.csrf = Client(base).login(
                person.nip, plan.password, plan.login_path
            )
        log(f"{len(plan.people)} clients logged in through the login form in "
            f"{time.monotonic() - started:.1f} s")  # fmt: skip
        # The open loop mixes every page of the plan, whatever --only keeps for wrk
        bench_pages.mint_sessions(bench_pages.Plan(plan.people, all_pages) if args.rate else plan)
        open_voters = _carve_open_loop_voters(all_pages, args) if args.rate else []

        results, paired_bare = {}, {}
        bare_page = plan.pages[0]
        bare_runs = []
        for page in plan.pages:
            sessions = page.sessions or plan.people
            if page.method == "GET":
                # As a few of its people see it: the first of them may have an empty list or
                # have voted already (the seed casts some ballots)
                seen = [_get_as(base, page.path, person) for person in sessions[:10]]
                status = next((st for st, _ in seen if st != 200), 200)
                if status != 200 or not any(page.expect in body for _, body in seen):
                    raise SystemExit(f"{page.name}: GET {page.path} gave {status}, not the page")
            if page.method == "POST":  # fresh people for the measured run
                warm, sessions = sessions[: len(sessions) // 8], sessions[len(sessions) // 8 :]
            else:
                warm = sessions
            if page.opened_first:
                started = time.monotonic()
                for person in sessions:
                    viewer = Client(base)
                    viewer.jar.set_cookie(_cookie("sessionid", person.sessionid))
                    viewer.jar.set_cookie(_cookie("csrftoken", person.csrf))
                    if viewer.get(page.path)[0] != 200:
                        raise SystemExit(f"{page.name}: GET {page.path} failed before the POST")
                log(f"{page.name}: {len(sessions)} people opened the form first "
                    f"({time.monotonic() - started:.1f} s, not measured)")  # fmt: skip
            # Warm-up: each worker process loads its code, templates and connections, as a
            # running server has them.
            run_wrk(base, page, warm, args.clients, 1 if page.method == "POST" else 3)
            if page.reset is not None:
                page.reset()
            if page is bare_page:
                continue  # measured in turns with each GET page, below
            if page.method == "GET":
                # The page and the bare view take turns, so that both meet the same machine: on a
                # shared one, the speed of everything drifts by a third within minutes.
                slice_ = max(1, round(args.duration / max(args.rounds, 1)))
                runs, bare = [], []
                for _ in range(max(args.rounds, 1)):
                    bare.append(run_wrk(base, bare_page, plan.people, args.clients, slice_))
                    runs.append(run_wrk(base, page, sessions, args.clients, slice_))
                results[page.name], paired_bare[page.name] = combined(runs), combined(bare)
                bare_runs += bare
            else:  # voters are used up: one run
                results[page.name] = run_wrk(base, page, sessions, args.clients, args.duration)
            if page.check is not None:
                page.check(results[page.name])
        if not bare_runs:  # only the bare view was asked for
            bare_runs.append(run_wrk(base, bare_page, plan.people, args.clients, args.duration))
        results[bare_page.name] = combined(bare_runs)
        peer_rows = _peer_runs(base, all_pages, plan, args) if args.peer else []
        open_loop = (
            _open_loop(base, all_pages, plan.people, open_voters, args) if args.rate else None
        )
    finally:
        gunicorn.terminate()
        gunicorn.wait(timeout=30)

    bare_all = results[plan.pages[0].name]["rps"]
    log("")
    log(f"{'page':34} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'x bare':>7} {'cpu ms':>7} "
        f"{'errors':>7}  target")  # fmt: skip
    for page in plan.pages:
        r = results[page.name]
        bare = paired_bare[page.name]["rps"] if page.name in paired_bare else bare_all
        ratio = r["rps"] / bare if bare else 0
        if page.reference:
            verdict = "reference"
        else:
            ok = r["p95"] < 200 and (page.method != "GET" or ratio >= 0.4)
            verdict = "ok" if ok else "MISSED"
        log(f"{page.name:34} {r['rps']:8.1f} {r['p50']:8.1f} {r['p95']:8.1f} {ratio:7.2f} "
            f"{r['cpu_ms']:7.2f} {r['errors']:7d}  {verdict} {r.get('note', '')}")  # fmt: skip
    for name, r, ours, peer_of in peer_rows:
        ratio = r["rps"] / ours["rps"] if ours["rps"] else 0
        log(f"{name:34} {r['rps']:8.1f} {r['p50']:8.1f} {r['p95']:8.1f} {'':>7} "
            f"{r['cpu_ms']:7.2f} {r['errors']:7d}  peer: {r['rows']} rows; Serawai's "
            f"{peer_of} {ratio:.2f}x its req/s")  # fmt: skip
    log("cpu ms a request, by program (the 'cpu ms' column split; 'other' is the kernel's "
        "own threads and whatever else ran)")  # fmt: skip
    for page in plan.pages:
        r = results[page.name]
        split = "  ".join(
            f"{group} {seconds * 1000 / max(r['requests'], 1):5.2f}"
            for group, seconds in sorted(r["programs"].items(), key=lambda item: -item[1])
        )
        log(f"  {page.name:32} {split}")
    log(f"\n{args.clients} clients, {args.workers} gunicorn workers, {args.duration} s per page; "
        f"load average at end: {loadavg()}")  # fmt: skip
    if paired_bare:
        log(f"x bare: each GET page against the bare view's runs taken in turn with it "
            f"({args.rounds} rounds; the bare view's row is all its runs together):")  # fmt: skip
        for name, bare in paired_bare.items():
            log(f"  {name:32} bare {bare['rps']:8.1f} req/s, {bare['cpu_ms']:.2f} cpu ms")
    if peer_rows:
        log(f"peer: pretalx {peer.PRETALX.split('==')[1]} under the same gunicorn settings, "
            f"its page and Serawai's taking turns ({args.rounds} rounds, one server under load "
            f"at a time); Serawai's runs of those turns:")  # fmt: skip
        for _name, _r, ours, peer_of in peer_rows:
            log(f"  {peer_of:32} {ours['rps']:8.1f} req/s, p50 {ours['p50']:.1f} ms, "
                f"p95 {ours['p95']:.1f} ms, {ours['cpu_ms']:.2f} cpu ms, "
                f"{ours['rows']} rows")  # fmt: skip
    if open_loop is not None:
        _print_open_loop(open_loop, args)


def _carve_open_loop_voters(pages, args) -> list:
    """Voters kept apart for the open loop's ballots (distinct from the closed-loop run's): a
    list of (person, ballot body, ballot path)."""
    from bench import openloop

    ballot = next((p for p in pages if p.method == "POST" and p.per_person), None)
    if ballot is None:
        return []
    gets = [p for p in pages if p.method == "GET" and not p.reference]
    needed = openloop.ballots_needed(len(gets), args.rate * args.open_loop_duration)
    if len(ballot.sessions) < needed + 100:
        raise SystemExit(
            f"open loop: {needed} voters needed, {len(ballot.sessions)} left (each run casts "
            "ballots: run once without --reuse to reseed)"
        )
    index = {id(p): i for i, p in enumerate(ballot.sessions)}
    kept, ballot.sessions = ballot.sessions[-needed:], ballot.sessions[:-needed]
    return [(p, ballot.per_person(index[id(p)], p)["body"], ballot.path) for p in kept]


def _open_loop(base, pages, people, voters, args) -> dict:
    from bench import openloop

    gets = [p for p in pages if p.method == "GET" and not p.reference]  # the product's
    count = round(args.rate * args.open_loop_duration)
    requests = openloop.mix(gets, people, voters, count)
    port = int(base.rsplit(":", 1)[1])
    _drained(base, "/healthz")
    warm_up = openloop.mix(gets, people, [], round(args.rate * 3))  # no ballots: voters
    openloop.run(port, warm_up, args.rate)  # are used up; not counted
    ballot = next((p for p in pages if p.method == "POST" and p.check), None)
    if voters and ballot.reset is not None:
        ballot.reset()
    load_before = loadavg()
    busy_before = busy_seconds()
    outcomes = openloop.run(port, requests, args.rate)
    busy = busy_seconds() - busy_before if busy_before is not None else float("nan")
    result = openloop.summary(outcomes, args.rate)
    result.update(cpu_ms=busy * 1000 / max(len(outcomes), 1), load=load_before)
    if voters:
        ballot.check(result)  # how many of the cast ballots were stored
    return result


def _print_open_loop(r, args):
    verdict = "ok" if r["p95"] < 200 and not r["errors"] else "MISSED"
    log(f"\nOpen loop (bench/openloop.py): {r['sent']} requests due at {r['asked']:g}/s for "
        f"{args.open_loop_duration} s, GET pages and ballots mixed, latency from each request's "
        f"due time")  # fmt: skip
    log(f"  rate asked {r['asked']:.1f}/s, achieved {r['achieved']:.1f}/s; p50 {r['p50']:.1f} "
        f"ms, p95 {r['p95']:.1f} ms, p99 {r['p99']:.1f} ms, max {r['max']:.1f} ms; errors "
        f"{r['errors']}; {r['cpu_ms']:.2f} cpu ms a request")  # fmt: skip
    log(f"  p95 < 200 ms: {verdict} (statuses {', '.join(map(str, r['statuses']))}; at most "
        f"{r['in_flight_max']} requests in flight, the longest wait for a free client thread "
        f"{r['client_lag_max']:.1f} ms, counted in the latency; load average before "
        f"{r['load']})")  # fmt: skip
    if r.get("note"):
        log(f"  {r['note']}")
    for kind, (n, p50, p95) in r["kinds"].items():
        log(f"  {kind:32} {n:5d} requests, p50 {p50:7.1f} ms, p95 {p95:7.1f} ms")


def _peer_runs(base, all_pages, plan, args) -> list:
    """Each peer page and its Serawai page in turns, one server under load at a time."""
    from bench import pages as bench_pages
    from bench import peer

    ours_by_name = {p.name: p for p in all_pages}
    server = peer.Server(args.workers)
    try:
        started = time.monotonic()
        organisers = []
        for n in range(args.clients):
            session, csrf = server.login(n)
            organisers.append(bench_pages.Person(n, f"organiser {n}", session, csrf))
        log(f"pretalx: {len(organisers)} organisers logged in through its login form in "
            f"{time.monotonic() - started:.1f} s")  # fmt: skip
        peer.prepare_sessions(server, organisers)
        rows = []
        for ours_name, page in peer.pages(bench_pages.Page):
            ours = ours_by_name[ours_name]
            ours_sessions = ours.sessions or plan.people
            status, _, html = server.get(page.path, organisers[0].sessionid, organisers[0].csrf)
            if status != 200 or page.expect not in html:
                raise SystemExit(f"{page.name}: GET {page.path} gave {status}, not the page")
            ours_status, ours_html = _get_as(base, ours.path, ours_sessions[0])
            if ours_status != 200:
                raise SystemExit(f"{ours.name}: GET {ours.path} gave {ours_status}")
            serawai = dict(base=base, idle_path="/healthz", page=ours, sessions=ours_sessions)
            pretalx = dict(
                base=server.base, idle_path="/orga/login/", page=page, sessions=organisers,
                cookies=(peer.SESSION_COOKIE, peer.CSRF_COOKIE),
            )  # fmt: skip
            _turn(args.clients, 3, **pretalx), _turn(args.clients, 3, **serawai)  # warm-up
            # At least 4 s a turn: at a few requests a second, a shorter window would count
            # only the requests answered first.
            slice_ = max(4, round(args.duration / max(args.rounds, 1)))
            theirs, mine = [], []
            for _ in range(max(args.rounds, 1)):
                mine.append(_turn(args.clients, slice_, **serawai))
                theirs.append(_turn(args.clients, slice_, **pretalx))
            theirs, mine = combined(theirs), combined(mine)
            theirs["rows"], mine["rows"] = peer.rows(html), peer.rows(ours_html)
            rows.append((page.name, theirs, mine, ours_name))
        return rows
    finally:
        server.stop()


def _turn(clients, seconds, *, base, idle_path, page, sessions, cookies=("sessionid", "csrftoken")):
    """A wrk run, then a wait until the server is idle again."""
    result = run_wrk(base, page, sessions, clients, seconds, cookies)
    _drained(base, idle_path)
    return result


def _drained(base, path) -> None:
    """Returns once the server has worked off the requests wrk left queued when it stopped (its
    workers take them in arrival order, so a request sent now is answered after them), so that
    the next run does not share the machine with them."""
    deadline = time.monotonic() + 300
    while True:
        try:
            Client(base).get(path)
            return
        except OSError:  # a timeout: still busy
            if time.monotonic() > deadline:
                raise


def _get_as(base, path, person):
    probe = Client(base)
    probe.jar.set_cookie(_cookie("sessionid", person.sessionid))
    probe.jar.set_cookie(_cookie("csrftoken", person.csrf))
    return probe.get(path)


def _cookie(name, value):
    return http.cookiejar.Cookie(
        0, name, value, None, False, "127.0.0.1", False, False, "/", True, False, None, True,
        None, None, {},
    )  # fmt: skip


if __name__ == "__main__":
    main()
