"""Best presenter and best kab/kota organiser of a year (SOP step 11), by a published formula.

Score: the mean of the criterion means over every rating the candidate received in the year
(presenter: 5 criteria from attendees; organiser: 4 criteria from CAN Provinsi). Only candidates
with at least the minimum number of ratings compete. Ties on the score are broken, in order, by
more ratings, then the higher median of the individual ratings (each rating's own mean), then
(organisers) fewer late activity reports, then the earlier event date, then the name in
alphabetical order, so the same ratings always give the same winner.

A report is late once its due date has passed without a hand-in, or when it was handed in after
it (recap.report_on_time). A report not yet due and not handed in is neither: counting late ones
keeps it neutral, where counting on-time ones would rank an office whose quarter has not ended
(a Q4 host in December) below one whose report was already due, for a report that can still
come on time.
"""

from collections import defaultdict
from fractions import Fraction

from django.utils import timezone
from django.utils.translation import gettext_lazy

from events.models import EventStep
from organization.models import Office

from ..criteria import ORGANIZER_KEYS, PRESENTER_KEYS
from ..models import OrganizerRating, PresenterRating
from ..stats import as_float, mean, median
from .recap import REPORT_STEP, report_on_time

MIN_PRESENTER_RATINGS = 10
MIN_ORGANIZER_RATINGS = 3

FORMULA = gettext_lazy(
    "Skor = rata-rata dari rata-rata setiap kriteria atas seluruh penilaian tahun ini (skala "
    "1–5). Hanya kandidat dengan sekurang-kurangnya %(min)d penilaian yang diperhitungkan. "
    "Jika skor sama: jumlah penilaian lebih banyak, lalu median penilaian lebih tinggi, "
    "%(extra)slalu tanggal kegiatan lebih awal, lalu nama menurut abjad."
)
TIE_RULES = {
    "n": gettext_lazy("jumlah penilaian lebih banyak"),
    "median": gettext_lazy("median penilaian lebih tinggi"),
    "late_reports": gettext_lazy("laporan terlambat lebih sedikit"),
    "first_date": gettext_lazy("tanggal kegiatan lebih awal"),
    "name": gettext_lazy("nama menurut abjad"),
}


def _score(rows, keys) -> Fraction:
    """Mean of the criterion means (every rating has every criterion, so n is shared)."""
    return sum((mean(r[k] for r in rows) for k in keys), Fraction(0)) / len(keys)


def _candidate(key, name, rows, keys, first_date, minimum, **extra) -> dict:
    score = _score(rows, keys)
    per_rating = [Fraction(sum(r[k] for k in keys), len(keys)) for r in rows]
    return {
        "key": key,
        "name": name,
        "n": len(rows),
        "score": as_float(score, 3),
        "median": as_float(median(per_rating), 3),
        "first_date": first_date,
        "eligible": len(rows) >= minimum,
        "_score": score,
        "_median": median(per_rating),
        **extra,
    }


def _sort_key(c, with_reports=False):
    return (
        -c["_score"],
        -c["n"],
        -c["_median"],
        c.get("reports_late", 0) if with_reports else 0,
        c["first_date"],
        c["name"].casefold(),
    )


def _decided_by(first, second, with_reports) -> str | None:
    """Which rule separated the winner from the runner-up, when the scores tie."""
    if second is None or first["_score"] != second["_score"]:
        return None
    checks = [("n", "n"), ("median", "_median")]
    if with_reports:
        checks.append(("late_reports", "reports_late"))
    checks.append(("first_date", "first_date"))
    for rule, field in checks:
        if first[field] != second[field]:
            return str(TIE_RULES[rule])
    return str(TIE_RULES["name"])


def _ranking(candidates, minimum, with_reports=False) -> dict:
    candidates.sort(key=lambda c: (not c["eligible"], _sort_key(c, with_reports)))
    eligible = [c for c in candidates if c["eligible"]]
    for rank, c in enumerate(eligible, start=1):
        c["rank"] = rank
    for c in candidates:
        c.setdefault("rank", None)
    winner = eligible[0] if eligible else None
    runner_up = eligible[1] if len(eligible) > 1 else None
    decided_by = _decided_by(winner, runner_up, with_reports) if winner else None
    for c in candidates:
        c.pop("_score")
        c.pop("_median")
    extra = str(TIE_RULES["late_reports"]) + ", " if with_reports else ""
    return {
        "formula": str(FORMULA) % {"min": minimum, "extra": extra},
        "min_ratings": minimum,
        "candidates": candidates,
        "winner": winner,
        "tie_decided_by": decided_by,
    }


def best_presenter(cycle) -> dict:
    """Ranking of the year's presenters; a presenter of several events counts once."""
    groups = defaultdict(list)
    info = {}
    rows = PresenterRating.objects.filter(event__cycle=cycle).values(
        "presenter__employee_id",
        "presenter__employee__full_name",
        "presenter__external_name",
        "event__date",
        *PRESENTER_KEYS,
    )
    for row in rows:
        employee_id = row["presenter__employee_id"]
        if employee_id:
            key, name = f"employee:{employee_id}", row["presenter__employee__full_name"]
        else:
            name = row["presenter__external_name"].strip()
            key = f"external:{name.casefold()}"
        groups[key].append(row)
        first = info.get(key, {}).get("first_date")
        info[key] = {
            "name": name,
            "employee_id": employee_id,
            "first_date": min(first, row["event__date"]) if first else row["event__date"],
        }
    candidates = [
        _candidate(
            key,
            info[key]["name"],
            group,
            PRESENTER_KEYS,
            info[key]["first_date"],
            MIN_PRESENTER_RATINGS,
            employee_id=info[key]["employee_id"],
        )
        for key, group in groups.items()
    ]
    return _ranking(candidates, MIN_PRESENTER_RATINGS)


def best_organizer(cycle, today=None) -> dict:
    """Ranking of the year's kab/kota host offices by the CAN Provinsi's organiser ratings.

    Each office's activity reports (step 10) as of `today`: `reports_due` (handed in, or past
    their due date), of those `reports_on_time` and `reports_late`, and `reports_not_due`.
    """
    today = today or timezone.localdate()
    groups = defaultdict(list)
    rows = OrganizerRating.objects.filter(
        event__cycle=cycle, event__host_office__level=Office.Level.REGENCY
    ).values("event_id", "event__date", "event__host_office_id", *ORGANIZER_KEYS)
    for row in rows:
        groups[row["event__host_office_id"]].append(row)
    offices = Office.objects.in_bulk(list(groups))
    steps = EventStep.objects.filter(
        event__cycle=cycle, number=REPORT_STEP, event__host_office_id__in=list(groups)
    ).select_related("event")
    hosted, due, on_time = defaultdict(int), defaultdict(int), defaultdict(int)
    for step in steps:
        office_id = step.event.host_office_id
        hosted[office_id] += 1
        handed_in = report_on_time(step)
        if handed_in is not None or step.due < today:
            due[office_id] += 1
            on_time[office_id] += bool(handed_in)
    candidates = [
        _candidate(
            f"office:{office_id}",
            offices[office_id].name,
            group,
            ORGANIZER_KEYS,
            min(r["event__date"] for r in group),
            MIN_ORGANIZER_RATINGS,
            office_id=office_id,
            office_code=offices[office_id].code,
            events=hosted[office_id],
            reports_due=due[office_id],
            reports_on_time=on_time[office_id],
            reports_late=due[office_id] - on_time[office_id],
            reports_not_due=hosted[office_id] - due[office_id],
        )
        for office_id, group in groups.items()
    ]
    return _ranking(candidates, MIN_ORGANIZER_RATINGS, with_reports=True)
