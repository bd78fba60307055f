"""Reads of step 11: the evaluation recap of an event and of a year, as plain data.

The recap is what everyone else sees of the ratings (pages, .xlsx, PDF, the activity report of
step 10): counts and aggregates per criterion and the comments and suggestions without names,
in alphabetical order, so nothing in it can be traced back to a rater.

Shape of `event_recap(event)` (all plain Python: str, int, float, date, bool, None, list, dict):
    {"event": {"id", "title", "date", "host_office", "host_office_code", "presenters": [str],
               "held": bool},                         # False: not taken place (yet)
     "evaluation": {"opened": bool, "closes_on": date | None},
     "attendees": int, "raters": int, "n": int,           # n = presenter ratings
     "late_attendees": int,                               # added by the CAN after the event
     "criteria": [{"key", "label", "n", "mean", "median", "distribution": [c1, c2, c3, c4, c5]}],
     "overall_mean": float | None,                      # mean of the criterion means
     "comments": [str], "suggestions": [str],
     "presenters": [{"name", "n", "criteria": [...], "overall_mean"}],
     "organizer": {"office", "n", "criteria": [...], "overall_mean", "comments": [str],
                   "report_due": date, "report_submitted_on": date | None,
                   "report_completed_on": date | None,   # approved by the CC on
                   "report_on_time": bool | None}}     # None: report not handed in yet
`year_recap(cycle)` has "cycle": {"id", "year", "province"}, "events": [event recaps],
"held_events": int (how many of them took place), and the same "n", "criteria",
"overall_mean", "comments", "suggestions" over every rating of the year.
An event not held yet has no rating forms (SOP step 11: they open after the event), so no
"more_needed" shortfall: its recap says it was not held, not that raters are missing.
`distribution[i]` counts the ratings that gave score i + 1.
"""

from collections import defaultdict

from django.db.models import F, FilteredRelation, OuterRef, Q
from django.utils import timezone

from common.queries import count_of
from events.models import Attendance, CommitteeMember, Event
from events.selectors.library import HELD

from ..criteria import ORGANIZER_CRITERIA, ORGANIZER_KEYS, PRESENTER_CRITERIA, PRESENTER_KEYS
from ..models import (
    OrganizerRating,
    PresenterRating,
    RaterRecord,
    RatingBoxEntry,
)
from ..stats import criterion_summary, mean_of_means

REPORT_STEP = 10

# Figures and comments of a presenter or an organiser show only once this many people rated
# (SOP.md "Evaluation"): below it, one person's rating could be read off the aggregate.
MIN_RATERS_SHOWN = 3


# An event took place once it was recorded held (it may be closed since); its rating forms open
# right after (SOP step 11), so an opened form also means it took place.
def _was_held(event) -> bool:
    return event.status in HELD or event.recap_window is not None


def _summaries(criteria, rows) -> list[dict]:
    return [criterion_summary(c, (row[c.key] for row in rows)) for c in criteria]


def _texts(rows, field) -> list[str]:
    """The texts without names, in alphabetical order (pages and documents show identical ones
    once with a count: documents.texts.grouped_texts)."""
    return sorted((row[field].strip() for row in rows if row[field].strip()), key=str.casefold)


def _more_needed(raters: int, *, held: bool = True) -> int:
    """How many more people must rate before the figures show (0: they show, or the event was
    not held and nobody rated it: there is nothing to hide and no rater is missing yet). Any
    rating keeps the threshold, whatever the event's status."""
    return max(0, MIN_RATERS_SHOWN - raters) if held or raters else 0


def report_handed_in(step):
    """When the host and the CAN handed the activity report (step 10) in, or None.

    Their duty in the SOP is to write the report; its check and approval are the CC's. So the
    report counts from its submission to the CC, and a step completed without a recorded
    submission counts from its completion."""
    if step is None:
        return None
    return step.submitted_at or step.completed_at


def report_on_time(step) -> bool | None:
    """Whether the activity report (step 10) was handed in by its due date; None while it is not.

    Read from the step ledger, never typed in: a submission on the due date (local time) counts,
    whenever the CC approves it.
    """
    handed_in = report_handed_in(step)
    if handed_in is None:
        return None
    return timezone.localdate(handed_in) <= step.due


def _local_date(moment):
    return timezone.localdate(moment) if moment else None


def _organizer(event, rows, step, *, held: bool) -> dict:
    more_needed = _more_needed(len(rows), held=held)
    shown = [] if more_needed else rows
    criteria = _summaries(ORGANIZER_CRITERIA, shown)
    return {
        "office": event.host_office.name,
        "n": len(rows),
        "more_needed": more_needed,
        "criteria": criteria,
        "overall_mean": mean_of_means(criteria),
        "comments": _texts(shown, "comment"),
        "report_due": step.due if step else None,
        "report_submitted_on": _local_date(report_handed_in(step)),
        "report_completed_on": _local_date(step.completed_at) if step else None,
        "report_on_time": report_on_time(step),
    }


def _count_of(model, **where):
    """The number of `model` rows of the outer event (that match `where`), as a subquery."""
    return count_of(model._base_manager.filter(event=OuterRef("pk"), **where))


def with_figures(events):
    """`events` with the counts and dates a recap shows, read in the same query (the report
    step and the rating form are one row each per event: joined, not sub-queried)."""
    return events.annotate(
        report_step=FilteredRelation("steps", condition=Q(steps__number=REPORT_STEP)),
        recap_attendees=_count_of(Attendance),
        recap_late_attendees=_count_of(Attendance, source=Attendance.Source.LATE),
        recap_raters=_count_of(RaterRecord),
        recap_waiting=_count_of(RatingBoxEntry),
        recap_report_due=F("report_step__due"),
        recap_report_submitted_at=F("report_step__submitted_at"),
        recap_report_completed_at=F("report_step__completed_at"),
        recap_window=F("presenter_evaluation__pk"),
        recap_closes_on=F("presenter_evaluation__closes_on"),
    )


class _ReportStep:
    """Step 10's due date, submission and completion as a recap reads them (report_on_time)."""

    def __init__(self, due, submitted_at, completed_at):
        self.due, self.submitted_at, self.completed_at = due, submitted_at, completed_at


def _recaps(events: list[Event]) -> list[dict]:
    """Recaps of several events (read `with_figures`) in a fixed number of queries."""
    ids = [e.pk for e in events]
    ratings = defaultdict(list)
    for row in PresenterRating.objects.filter(event_id__in=ids).values(
        "event_id", "presenter_id", "comment", "suggestion", *PRESENTER_KEYS
    ):
        ratings[row["event_id"]].append(row)
    organizer_rows = defaultdict(list)
    for row in OrganizerRating.objects.filter(event_id__in=ids).values(
        "event_id", "comment", *ORGANIZER_KEYS
    ):
        organizer_rows[row["event_id"]].append(row)
    speakers = defaultdict(list)
    for member in CommitteeMember.objects.filter(
        event_id__in=ids, role=CommitteeMember.Role.SPEAKER
    ).select_related("employee"):
        speakers[member.event_id].append(member)

    recaps = []
    for event in events:
        rows = ratings[event.pk]
        held = _was_held(event)
        report_step = None
        if event.recap_report_due is not None:
            report_step = _ReportStep(
                event.recap_report_due,
                event.recap_report_submitted_at,
                event.recap_report_completed_at,
            )
        presenters = []
        for member in speakers[event.pk]:
            own = [r for r in rows if r["presenter_id"] == member.pk]
            hidden = _more_needed(len(own), held=held)
            own_criteria = _summaries(PRESENTER_CRITERIA, [] if hidden else own)
            presenters.append(
                {
                    "name": member.display_name,
                    "n": len(own),
                    "more_needed": hidden,
                    "criteria": own_criteria,
                    "overall_mean": mean_of_means(own_criteria),
                }
            )
        # The people whose ratings are counted: each rates every presenter but themself.
        counted = max((p["n"] for p in presenters), default=len(rows))
        more_needed = _more_needed(counted, held=held)
        if more_needed:
            rows = []
        criteria = _summaries(PRESENTER_CRITERIA, rows)
        recaps.append(
            {
                "event": {
                    "id": event.pk,
                    "title": event.title,
                    "date": event.date,
                    "host_office": event.host_office.name,
                    "host_office_code": event.host_office.code,
                    "presenters": [p["name"] for p in presenters],
                    "held": held,
                },
                "evaluation": {
                    "opened": event.recap_window is not None,
                    "closes_on": event.recap_closes_on,
                },
                "attendees": event.recap_attendees,
                "late_attendees": event.recap_late_attendees,
                "raters": event.recap_raters,
                "waiting": event.recap_waiting,
                "more_needed": more_needed,
                "n": len(rows),
                "criteria": criteria,
                "overall_mean": mean_of_means(criteria),
                "comments": _texts(rows, "comment"),
                "suggestions": _texts(rows, "suggestion"),
                "presenters": presenters,
                "organizer": _organizer(event, organizer_rows[event.pk], report_step, held=held),
                "ratings": rows,  # for the year's totals; dropped before the recap is returned
            }
        )
    return recaps


def event_recap(event: Event) -> dict:
    """The evaluation recap of one event (SOP step 11) as plain data (see the module doc)."""
    if not hasattr(event, "recap_attendees"):  # not read `with_figures` by the caller
        event = with_figures(Event.objects.select_related("host_office")).get(pk=event.pk)
    recap = _recaps([event])[0]
    del recap["ratings"]
    return recap


def year_recap(cycle) -> dict:
    """The evaluation recap of a year's cycle: every event's recap and the year's totals."""
    events = list(with_figures(cycle.events.select_related("host_office")).order_by("date", "pk"))
    recaps = _recaps(events)
    rows = [row for recap in recaps for row in recap.pop("ratings")]  # the events' shown ones
    criteria = _summaries(PRESENTER_CRITERIA, rows)
    return {
        "cycle": {"id": cycle.pk, "year": cycle.year, "province": cycle.province.name},
        "events": recaps,
        "held_events": sum(r["event"]["held"] for r in recaps),
        "n": len(rows),
        "raters": sum(r["raters"] for r in recaps),
        "attendees": sum(r["attendees"] for r in recaps),
        "criteria": criteria,
        "overall_mean": mean_of_means(criteria),
        "comments": _texts(rows, "comment"),
        "suggestions": _texts(rows, "suggestion"),
    }
