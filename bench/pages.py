"""The pages bench/http.py drives, and the state they need (runs inside Django, on the bench DB).

Each page lists who requests it: the 50 clients log in through the real form; pages whose every
request must come from a different person (ballot submission: one ballot per voter) get extra
sessions minted directly in the session store, the way `login()` writes them.
"""

from dataclasses import dataclass, field
from importlib import import_module

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.urls import NoReverseMatch, reverse
from django.utils.crypto import get_random_string

from demo.national.seed import DEMO_PASSWORD, EMAIL_DOMAIN
from organization.models import Employee


@dataclass
class Person:
    pk: int
    nip: str
    sessionid: str = ""
    csrf: str = ""


@dataclass
class Page:
    name: str
    path: str
    method: str = "GET"
    body: dict | None = None
    expect: str = ""  # text the page must contain (so a redirect to login is caught)
    sessions: list[Person] | None = None  # default: the logged-in clients
    per_person: object = None  # (index, person) -> {"path": ..., "body": ...}
    reset: object = None  # called after the warm-up run
    check: object = None  # called with the result
    mint: object = None  # () -> list of employee pks that need a session for this page
    reference: bool = False  # the bench's own view, not a page of the product (no target)
    opened_first: bool = False  # each person GETs the page (unmeasured) before the POSTs, as a
    # browser does: nobody submits a form they have not loaded


@dataclass
class Plan:
    people: list[Person]
    pages: list[Page] = field(default_factory=list)
    password: str = DEMO_PASSWORD
    login_path: str = ""


def _url(name, *args):
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def _spread(queryset, n):
    """`n` people spread over every province (one in each, round after round)."""
    by_province = {}
    rows = queryset.order_by("pk").values_list("pk", "nip", "office__parent__code", "office__code")
    for pk, nip, parent, code in rows:
        key = parent if parent and parent != "0000" else code
        by_province.setdefault(key, []).append(Person(pk, nip))
    people, depth = [], 0
    while len(people) < n and any(len(v) > depth for v in by_province.values()):
        people += [v[depth] for v in by_province.values() if len(v) > depth]
        depth += 1
    return people[:n]


def prepare(clients: int) -> Plan:
    """The clients are kab/kota CAs spread over the provinces: every page below is theirs."""
    demo = Employee.objects.filter(
        email__endswith=f"@{EMAIL_DOMAIN}",
        role_assignments__role="ca",
        role_assignments__office__level="regency",
    )
    plan = Plan(people=_spread(demo, clients), login_path=reverse("accounts:login"))
    # A stock view behind a session (bench/urls.py): Django, the session and the person only.
    plan.pages.append(
        Page("bare view (session)", reverse("bench_bare"), expect="ok", reference=True)
    )
    # The product's layout around nothing: the floor under every signed-in page (bench/urls.py)
    plan.pages.append(
        Page("layout floor (empty page)", reverse("bench_layout"), expect="navbar", reference=True)
    )
    plan.pages.append(Page("home page", reverse("cycles:home"), expect="Serawai"))
    for extend in _STAGE_PAGES:
        extend(plan)
    return plan


def mint_sessions(plan: Plan) -> None:
    """Sessions for pages that need many distinct people, written as login() writes them."""
    backend = "organization.auth.NipOrEmailBackend"
    SessionStore = import_module(settings.SESSION_ENGINE).SessionStore  # noqa: N806
    for page in plan.pages:
        if page.mint is None:
            continue
        people = []
        for user in Employee.objects.filter(pk__in=page.mint()).order_by("pk"):
            store = SessionStore()
            store[SESSION_KEY] = str(user.pk)
            store[BACKEND_SESSION_KEY] = backend
            store[HASH_SESSION_KEY] = user.get_session_auth_hash()
            store.create()
            people.append(Person(user.pk, user.nip, store.session_key, get_random_string(32)))
        page.sessions = people


def _evaluations(plan: Plan) -> None:
    from django.utils import timezone

    url = _url("evaluations:year_recap", timezone.localdate().year)
    if url:
        plan.pages.append(Page("evaluation recap (year)", url, expect="<svg"))


def _voting(plan: Plan) -> None:
    if not _url("voting:ballot"):
        return
    from voting.models import ThemeProposal, Vote, VoterRecord

    plan.pages.append(Page("proposal list", reverse("voting:proposals"), expect="<table"))
    open_votes = list(Vote.objects.filter(status=Vote.Status.OPEN).select_related("cycle"))
    # The ballot as its voters see it while their vote is open (most provinces of the national
    # set have announced theirs): people of those provinces, some of whom have voted already.
    electorate = Employee.objects.filter(
        office__parent_id__in=[v.cycle.province_id for v in open_votes], is_active=True
    )
    ballot_viewers = _spread(electorate, len(plan.people))
    plan.pages.append(
        Page(
            "voting form",
            reverse("voting:ballot"),
            expect='name="choices"',  # the open ballot's check boxes
            mint=lambda: [p.pk for p in ballot_viewers],
        )
    )
    picks = {
        v.cycle.province_id: [
            str(pk)
            for pk in ThemeProposal.objects.filter(cycle=v.cycle)
            .order_by("pk")
            .values_list("pk", flat=True)[:3]
        ]
        for v in open_votes
    }
    voted = VoterRecord.objects.filter(vote__in=open_votes).values("voter_id")
    voters = (
        Employee.objects.filter(office__parent_id__in=list(picks), is_active=True)
        .exclude(pk__in=voted)
        .exclude(pk__in=[p.pk for p in ballot_viewers])  # their ballot stays open, run after run
    )
    province_of = dict(voters.values_list("pk", "office__parent_id"))

    def body(index, person):
        return {"body": {"choices": picks[province_of[person.pk]], "confirmed": "yes"}}

    stored = {}

    def reset():
        stored["before"] = VoterRecord.objects.filter(vote__in=open_votes).count()

    def check(result):
        after = VoterRecord.objects.filter(vote__in=open_votes).count()
        result["note"] = f"{after - stored['before']} new ballots stored"

    plan.pages.append(
        Page(
            "ballot submission (POST)",
            reverse("voting:ballot"),
            method="POST",
            per_person=body,
            mint=lambda: list(province_of),
            reset=reset,
            check=check,
            opened_first=True,
        )
    )


def _events(plan: Plan) -> None:
    url = _url("events:list")
    if url:  # the events of the person's province (a province has a few a year)
        plan.pages.append(Page("events page", url, expect="list-group"))


# Stage pages add themselves here as the stages land (each a function of the plan).
_STAGE_PAGES = [_voting, _evaluations, _events]
