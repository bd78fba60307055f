"""The 11 steps of a cycle as rows to show: planned against actual, overdue, working days left.

Steps 1-5 come from the cycle; steps 6-11 from each event of the cycle, through the ledger's
registered step models (cycles never imports events). A fixed number of queries per cycle:
one for the cycle's steps and one per registered step model, whatever the number of events.
"""

from dataclasses import dataclass
from datetime import date

from django.urls import reverse
from django.utils import timezone

from .. import ledger
from ..calendar import WorkingCalendar

# Where each step is done (URL names; steps 6-9 on their event's own page).
WORK_PAGES = {
    1: "cycles:concept",
    2: "cycles:concept",
    3: "voting:proposals",
    4: "voting:ballot",
    5: "voting:results",
    10: "reports:list",
    11: "evaluations:index",
}
# Steps of an event done on a page of their own (the event's page links every other one).
EVENT_WORK_PAGES = {6: "events:committee", 7: "events:readiness", 8: "events:team"}


@dataclass(frozen=True)
class StepRow:
    step: object  # a StepRecord (CycleStep or a registered kind)
    owner: object  # the Cycle or the Event
    today: date
    days_left: int | None  # working days from today to the due date; None when done

    @property
    def number(self) -> int:
        return self.step.number

    @property
    def sop(self):
        return self.step.sop

    @property
    def output(self) -> str:
        """The SOP output of the step, named for the year of its cycle."""
        cycle = getattr(self.owner, "cycle", self.owner)
        return self.sop.output_for(cycle.year)

    @property
    def is_done(self) -> bool:
        return self.step.is_done

    @property
    def work_url(self) -> str:
        """The page where this step is done."""
        name = WORK_PAGES.get(self.number)
        if name:
            return reverse(name)
        if self.number in EVENT_WORK_PAGES:
            return reverse(EVENT_WORK_PAGES[self.number], args=[self.owner.pk])
        return self.owner.get_absolute_url()

    @property
    def awaits_approval(self) -> bool:
        """Handed in by the responsible people; the approver (step 10: the CC) has to act."""
        return self.step.awaits_approval

    @property
    def is_overdue(self) -> bool:
        """Past due with the responsible people's part still open (not once handed in)."""
        return not self.is_done and not self.awaits_approval and self.step.due < self.today

    @property
    def approval_overdue(self) -> bool:
        """Handed in, and the approver's decision is past the step's due date."""
        return self.awaits_approval and self.step.due < self.today

    @property
    def days_overdue(self) -> int:
        """Working days past the due date (0 when not overdue, its approval included)."""
        late = self.is_overdue or self.approval_overdue
        return -self.days_left if late and self.days_left else 0

    @property
    def completed_late(self) -> bool:
        """Done, and the responsible people's part was late: for a step with an approver, its
        hand-in (an approval after the due date is the approver's delay, not theirs)."""
        done = self.step.completed_at
        handed_in = self.step.submitted_at or done
        return done is not None and timezone.localdate(handed_in) > self.step.due

    @property
    def state(self) -> str:
        if self.is_done:
            return "done"
        if self.awaits_approval:
            return "waiting"
        return "overdue" if self.is_overdue else "open"


@dataclass(frozen=True)
class Section:
    title: str
    owner: object
    rows: list[StepRow]


def _row(step, owner, today, cal) -> StepRow:
    left = None if step.is_done else cal.working_days_between(today, step.due)
    return StepRow(step, owner, today, left)


def event_steps(model, cycle):
    """Open and done steps of one registered kind for a cycle (grouped by their owner)."""
    return (
        model.objects.filter(event__cycle=cycle)
        .select_related("event", "event__cycle", "event__host_office")
        .order_by("event__date", "event_id", "number")
    )


def _open_by(steps, day: date | None):
    """`steps` not done and starting on or before `day`; all of them, with who completed each,
    when `day` is None (open steps have nobody who completed them: no join for that)."""
    if day is None:
        return steps.select_related("completed_by")
    return steps.filter(completed_at__isnull=True, planned_start__lte=day)


def cycle_sections(
    cycle,
    today: date | None = None,
    cal: WorkingCalendar | None = None,
    *,
    open_by: date | None = None,
):
    """Sections of the timeline: the cycle's steps 1-5, then steps 6-11 of each event by date.
    `open_by`: only the steps not done that start on or before that day (the home page's)."""
    from django.utils.translation import gettext as _

    today = today or timezone.localdate()
    cal = cal or WorkingCalendar.load(cycle.province_id)
    own = _open_by(cycle.steps.all(), open_by).order_by("number")
    sections = [Section(_("Langkah 1-5: siklus %(year)s") % {"year": cycle.year}, cycle, [])]
    for step in own:
        sections[0].rows.append(_row(step, cycle, today, cal))
    for model in ledger.step_models()[1:]:
        by_event: dict = {}
        for step in _open_by(event_steps(model, cycle), open_by):
            by_event.setdefault(step.event, []).append(_row(step, step.event, today, cal))
        for event, rows in by_event.items():
            sections.append(Section(str(event), event, rows))
    return sections
