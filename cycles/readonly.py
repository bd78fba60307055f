"""Past cycles are the record: read, never written.

A cycle is *past* once its year has ended **and** its province has begun a later cycle. Both,
because each alone surprises someone: the CAN may create next year's cycle in November while
this year's last event, its ratings and the fourth quarter's report are still to come; and in
January, before the new cycle exists, last year's late work (a report due on 31 December, a
letter still to be registered) must still be possible so that no step dead-ends. Once the new
year has its cycle, the people of the province work there, and the old one only reads.

`PastCycleMiddleware` keeps the rule for every page at once: it finds the cycle a request
concerns (an event, a report, a proposal by its number in the address; otherwise the year the
person works in) and refuses every write to a past cycle with a 403 page that says why, and
marks its pages so that base.html shows the banner and hides their forms.
"""

from django.apps import apps
from django.shortcuts import render
from django.utils import timezone

from .models import Cycle
from .selectors.cycles import current_cycle

SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}

# URL namespace -> the model its `pk` names (whose `cycle` it belongs to).
OBJECT_OF = {
    "events": "events.Event",
    "evaluations": "events.Event",
    "reports": "reports.ActivityReport",
    "voting": "voting.ThemeProposal",
}
# Writes that leave a past cycle's record as it was and change only who may read it: the CAN
# shares a held event of any year with every province (Pustaka Serawai), or takes it back; the
# CAN packs a year's record as evidence for its assessors (bukti dukung), which adds a zip and
# changes nothing in the record.
WRITABLE_IN_PAST = {("events", "share"), ("reports", "evidence")}
# Pages without an object in the address that work on the person's year's cycle.
CYCLE_PAGES = {
    "cycles": {
        "home",
        "timeline",
        "cycle_replan",
        "concept",
        "concept_edit",
        "concept_submit",
        "concept_decide",
        "socialisation_letter",
        "socialisation_letter_external",
    },
    "reports": {"list", "open"},
    "voting": None,  # every page of steps 3-5
}


def is_past(cycle: Cycle, province_years) -> bool:
    """The rule of this module's docstring; `province_years`: the years of the province's
    cycles."""
    return cycle.year < timezone.localdate().year and any(y > cycle.year for y in province_years)


def _province_years(province_id) -> list[int]:
    return list(Cycle.objects.filter(province_id=province_id).values_list("year", flat=True))


def _object_cycle(namespace, pk):
    """(year, province id, cycle id) of the cycle of the object `pk` names, or None."""
    model = apps.get_model(OBJECT_OF[namespace])
    fields = ("cycle__year", "cycle__province_id", "cycle_id")
    return model.objects.filter(pk=pk).values_list(*fields).first()


def past_cycle_of(request, match) -> Cycle | None:
    """The past cycle the request concerns (the page at `match`, a ResolverMatch), or None.

    Cheap in the common case: a page of the person's year asks nothing when that year is not
    over; a page of an object asks for its cycle's year, and only for an earlier year for the
    years of the province's cycles."""
    user = getattr(request, "user", None)
    province = getattr(user, "province", None) if user is not None else None
    if province is None or match is None or not match.namespace:
        return None
    namespace, name, kwargs = match.namespace, match.url_name, match.kwargs
    this_year = timezone.localdate().year
    if namespace == "evaluations" and "year" in kwargs:
        found = (kwargs["year"], province.pk, None)
    elif namespace in OBJECT_OF and "pk" in kwargs:
        found = _object_cycle(namespace, kwargs["pk"])
    else:
        pages = CYCLE_PAGES.get(namespace, ())
        if not (pages is None or name in pages):
            return None
        chosen = getattr(user, "chosen_cycle_year", None)
        if not chosen or int(chosen) >= this_year:
            return None  # this year's cycle, else the latest: never past
        cycle = current_cycle(user)
        found = (cycle.year, cycle.province_id, cycle.pk) if cycle is not None else None
    if found is None or found[0] >= this_year:
        return None
    year, province_id, cycle_id = found
    if not is_past(Cycle(year=year), _province_years(province_id)):
        return None
    cycles = Cycle.objects.select_related("province")
    if cycle_id is None:
        return cycles.filter(province_id=province_id, year=year).first()
    return cycles.get(pk=cycle_id)


class PastCycleMiddleware:
    """Refuse writes to a past cycle (403, a page that says so); mark its pages read-only."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not getattr(request, "user", None) or not request.user.is_authenticated:
            return None
        cycle = past_cycle_of(request, request.resolver_match)
        request.read_only_cycle = cycle
        if cycle is None or request.method in SAFE_METHODS:
            return None
        match = request.resolver_match
        if (match.namespace, match.url_name) in WRITABLE_IN_PAST:
            return None
        return render(request, "cycles/past_cycle.html", {"cycle": cycle}, status=403)


def read_only_cycle(request):
    """Context processor: the past cycle the page shows, for base.html's banner."""
    return {"read_only_cycle": getattr(request, "read_only_cycle", None)}
