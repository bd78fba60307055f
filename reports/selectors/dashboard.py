"""The programme dashboard: a province's years of Serawai side by side, as plain data.

For the CAN and the CC: theme proposals per office (step 3), voter turnout (step 4), attendance
(step 9), presenter and organiser ratings (step 11) and the share of SOP steps done on time, per
year of the province's cycles. Page, PDF and .xlsx are all made from `programme_figures`.

The figures keep the rules of the pages they summarise: turnout only for a vote that is closed
(voting.rules "view_counts"), ratings only of events whose recap shows them (at least
evaluations.selectors.recap.MIN_RATERS_SHOWN raters), averaged as the year recap averages them.
A fixed number of queries, whatever the number of years, events or ratings.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from fractions import Fraction

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from common.queries import count_of
from cycles.models import Cycle
from cycles.selectors.cycles import with_steps_on_time
from evaluations.criteria import ORGANIZER_KEYS, PRESENTER_KEYS
from evaluations.models import OrganizerRating, PresenterRating
from evaluations.selectors.recap import MIN_RATERS_SHOWN
from evaluations.stats import as_float, mean_of_means
from events.models import Attendance, Event
from events.selectors.library import HELD
from organization.models import Office
from voting.models import Electorate, ThemeProposal, Vote, VoterRecord


def percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


@dataclass
class EventFigures:
    title: str
    date: object
    host_office: str
    attendees: int


@dataclass
class YearFigures:
    year: int
    proposals: dict[str, int] = field(default_factory=dict)  # office code -> proposals
    vote_status: str = ""  # "" (no vote yet), or a Vote.Status
    voters: int = 0
    eligible: int = 0
    events: list[EventFigures] = field(default_factory=list)  # held events, by date
    presenter_mean: float | None = None
    presenter_ratings: int = 0
    organizer_mean: float | None = None
    organizer_ratings: int = 0
    steps_counted: int = 0
    steps_on_time: int = 0

    @property
    def proposals_total(self) -> int:
        return sum(self.proposals.values())

    @property
    def vote_closed(self) -> bool:
        return self.vote_status not in ("", Vote.Status.OPEN)

    @property
    def turnout(self) -> float | None:
        """Percent of the electorate that voted; None until the vote is closed."""
        return percent(self.voters, self.eligible) if self.vote_closed else None

    @property
    def attendance_total(self) -> int:
        return sum(e.attendees for e in self.events)

    @property
    def attendance_mean(self) -> float | None:
        return round(self.attendance_total / len(self.events), 1) if self.events else None

    @property
    def on_time(self) -> float | None:
        return percent(self.steps_on_time, self.steps_counted)


@dataclass
class Dashboard:
    province: Office
    offices: list[Office]  # the offices that propose themes (kab/kota, and any other that did)
    years: list[YearFigures]


def _count(model, path: str, **where):
    return count_of(model._base_manager.filter(**{path: OuterRef("pk")}, **where))


def _cycles(province, today):
    vote = Vote._base_manager.filter(cycle=OuterRef("pk"))
    cycles = Cycle.objects.filter(province=province).annotate(
        vote_status=Subquery(vote.values("status")[:1]),
        vote_electorate=Subquery(vote.values("electorate")[:1]),
        voters=_count(VoterRecord, "vote__cycle"),
    )
    return with_steps_on_time(cycles, today).order_by("year")


def _offices(province):
    """The province's offices with their active employees (the electorate of a vote of every
    employee, as voting.selectors.turnout counts it)."""
    active = Count("employees", filter=Q(employees__is_active=True))
    return list(Office.objects.in_province(province).annotate(active=active).order_by("code"))


def _mean_of_sums(keys, sums: dict, n: int) -> float | None:
    """The mean of the criterion means (each rounded as the recap rounds it)."""
    if not n:
        return None
    return mean_of_means([{"mean": as_float(Fraction(sums[k], n))} for k in keys])


def _presenter_means(province) -> dict[int, tuple[float | None, int]]:
    """{year: (mean, ratings)} over the events whose recap shows presenter figures: the people
    counted for an event are those of its most-rated presenter (evaluations.selectors.recap)."""
    per_presenter = (
        PresenterRating.objects.filter(event__cycle__province=province)
        .order_by()
        .values("event_id", "event__cycle__year", "presenter_id")
        .annotate(n=Count("pk"), **{k: Sum(k) for k in PRESENTER_KEYS})
    )
    events = defaultdict(list)
    for row in per_presenter:
        events[(row["event__cycle__year"], row["event_id"])].append(row)
    years = defaultdict(lambda: [dict.fromkeys(PRESENTER_KEYS, 0), 0])
    for (year, _event), rows in events.items():
        if max(r["n"] for r in rows) < MIN_RATERS_SHOWN:
            continue
        sums = years[year]
        for row in rows:
            for k in PRESENTER_KEYS:
                sums[0][k] += row[k]
            sums[1] += row["n"]
    return {y: (_mean_of_sums(PRESENTER_KEYS, s, n), n) for y, (s, n) in years.items()}


def _events(province):
    """Every event of the province with its attendance and its organiser ratings' sums."""
    ratings = OrganizerRating._base_manager.filter(event=OuterRef("pk")).order_by()

    def rating_sum(key):
        rows = ratings.values("event").annotate(s=Sum(key)).values("s")
        return Coalesce(Subquery(rows, output_field=IntegerField()), 0)

    return list(
        Event.objects.filter(cycle__province=province)
        .annotate(
            attendees=_count(Attendance, "event"),
            organizer_n=_count(OrganizerRating, "event"),
            **{f"organizer_{k}": rating_sum(k) for k in ORGANIZER_KEYS},
        )
        .values(
            "cycle__year",
            "title",
            "date",
            "status",
            "host_office__short_name",
            "attendees",
            "organizer_n",
            *(f"organizer_{k}" for k in ORGANIZER_KEYS),
        )
        .order_by("date", "pk")
    )


def _proposals(province) -> dict[int, dict[str, int]]:
    rows = (
        ThemeProposal.objects.filter(cycle__province=province)
        .order_by()
        .values_list("cycle__year", "office__code")
        .annotate(n=Count("pk"))
    )
    result = defaultdict(dict)
    for year, code, n in rows:
        result[year][code] = n
    return result


def programme_figures(province, today=None) -> Dashboard:
    """Every year of `province`'s cycles with its figures, oldest first (five queries)."""
    today = today or timezone.localdate()
    cycles = list(_cycles(province, today))
    proposals = _proposals(province)
    offices = _offices(province)
    employees = sum(o.active for o in offices)
    regencies = sum(1 for o in offices if o.level == Office.Level.REGENCY)
    presenters = _presenter_means(province)
    organizer = defaultdict(lambda: [dict.fromkeys(ORGANIZER_KEYS, 0), 0])
    held = defaultdict(list)
    for e in _events(province):
        year = e["cycle__year"]
        if e["status"] in HELD:
            held[year].append(
                EventFigures(e["title"], e["date"], e["host_office__short_name"], e["attendees"])
            )
        if e["organizer_n"] >= MIN_RATERS_SHOWN:  # the event recap shows it from here
            sums = organizer[year]
            for k in ORGANIZER_KEYS:
                sums[0][k] += e[f"organizer_{k}"]
            sums[1] += e["organizer_n"]

    years = []
    for cycle in cycles:
        figures = YearFigures(
            year=cycle.year,
            proposals=proposals.get(cycle.year, {}),
            vote_status=cycle.vote_status or "",
            voters=cycle.voters,
            # A vote of the kab/kota offices has one ballot per office (voting.services.ballots).
            eligible=regencies if cycle.vote_electorate == Electorate.OFFICES else employees,
            events=held.get(cycle.year, []),
            steps_counted=cycle.steps_counted,
            steps_on_time=cycle.steps_on_time,
        )
        figures.presenter_mean, figures.presenter_ratings = presenters.get(cycle.year, (None, 0))
        sums, n = organizer.get(cycle.year, (None, 0))
        figures.organizer_mean = _mean_of_sums(ORGANIZER_KEYS, sums, n) if n else None
        figures.organizer_ratings = n
        years.append(figures)

    proposing = {code for y in years for code in y.proposals}
    shown = [o for o in offices if o.level == Office.Level.REGENCY or o.code in proposing]
    return Dashboard(province=province, offices=shown, years=years)
